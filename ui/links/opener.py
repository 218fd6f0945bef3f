"""Share links handed to the running app (`--open-url`, a later launch, macOS's open
event) lead to the share review: the window comes to the front, a locked vault is
unlocked first, the request is fetched and imported off the GUI thread
(open_dialog.py), the review opens on the link's ask, and after Share or Don't
share the person may go back to the brand's page (back_dialog.py).

A link is untrusted text from a web page: one not followed is refused in words before
anything is fetched, and a link never shares anything by itself. One link is handled at
a time; one that arrives meanwhile waits (a newer one replaces it), so a review the person
is in is never taken away from them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, SignalInstance
from PySide6.QtWidgets import QMessageBox, QWidget

from zpd.links import LinkInvalid, ShareLink, parse_link

from ..words.text import brand_text

if TYPE_CHECKING:
    from vault.exchange.links import LinkImport

    from ..main_window import MainWindow
    from ..review.dialog import ShareReviewDialog

Refuse = Callable[[QWidget, str], None]


def show_refusal(parent: QWidget, text: str) -> None:
    """A warning in plain text, not waited for (the event loop goes on)."""
    title = QCoreApplication.translate("LinkOpener", "This link was not opened")
    box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName("linkRefusedBox")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(QCoreApplication.translate(
        "LinkOpener", "Nothing was fetched or shared."))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def bring_to_front(window: QWidget, tokens: Mapping[str, str] | None = None) -> None:
    """Show the window in front. A later launch's activation token (Wayland's, X11's
    startup id) is what lets the desktop give the focus to an app that did not ask
    first: Qt reads it from the environment when it activates a window."""
    for name, value in (tokens or {}).items():
        os.environ[name] = value
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def forget(signal: SignalInstance, slot: Callable[[], object]) -> None:
    """Disconnect before a dialog is deleted: PySide keeps a connection to a Python method
    of a deleted object, and calling it would raise."""
    try:
        signal.disconnect(slot)
    except (RuntimeError, TypeError):
        pass  # never connected, or already gone


class LinkOpener(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.refuse: Refuse = show_refusal  # tests read the words instead of a box
        self.pending: str | None = None  # a link waiting for the unlock or the current one
        self.busy = False
        self.open_dialog: QWidget | None = None  # the dialog in front, for the tests
        self.running: QObject | None = None  # the first launch's end of the local socket
        self.session.opened.connect(self._continue)

    def open(self, link: str) -> None:
        bring_to_front(self.window)
        try:
            parsed = parse_link(link)
        except LinkInvalid as error:
            from ..words.errors import error_text  # loads with the first error, not at start

            self.refuse(self.window, error_text(error))
            return
        if self.busy or not self.session.is_open:
            self.pending = link
            if not self.session.is_open:
                self.window.status.setText(self.tr(
                    "Unlock the vault to continue with the link from {0}.").format(
                        brand_text(parsed.host)))
            return
        self._fetch(link, parsed)

    def _continue(self) -> None:
        if self.pending is None or self.busy or not self.session.is_open:
            return
        link, self.pending = self.pending, None
        self._fetch(link, parse_link(link))

    def _fetch(self, link: str, parsed: ShareLink) -> None:
        from .open_dialog import OpenLinkDialog

        self.busy = True
        dialog = OpenLinkDialog(self.session, link, parsed, self.window)
        dialog.opened.connect(self._review)
        dialog.rejected.connect(self._done)
        dialog.finished.connect(dialog.deleteLater)
        self.open_dialog = dialog
        dialog.open()
        dialog.start()

    def _review(self, opened: LinkImport) -> None:
        from ..review.dialog import ShareReviewDialog

        review = ShareReviewDialog(self.session, opened.result.brand.origin, opened.ask_id,
                                   self.window)
        review.finished.connect(lambda _: self._reviewed(review, opened))
        self.open_dialog = review
        review.open()

    def _reviewed(self, review: ShareReviewDialog, opened: LinkImport) -> None:
        shared = review.share_result is not None
        forget(self.session.closed, review.reject)
        review.deleteLater()
        if opened.return_uri is None or not self.session.is_open:
            self._done()
            return
        from .back_dialog import BackToBrandDialog

        back = BackToBrandDialog(opened.result.brand.name, opened.return_uri, shared=shared,
                                 parent=self.window)
        back.finished.connect(lambda _: self._done())
        back.finished.connect(back.deleteLater)
        self.open_dialog = back
        back.open()

    def _done(self) -> None:
        self.busy = False
        self.open_dialog = None
        self._continue()
