"""Open a share link: fetch and import the request it names, off the GUI thread.

A busy bar and a Cancel that stops waiting (the fetch itself ends within the transport's
time limits); a brand whose keys changed since it was first trusted is asked about, the
safe answer (No) the default; a refusal is said in words and the dialog stays until the
person closes it. On success `opened` carries the LinkImport and the dialog closes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vault.errors import BrandKeysChanged
from vault.exchange.links import LinkImport
from vault.vault import Vault
from zpd.links import ShareLink

from ..session import Session
from ..widgets import confirmation, named, plain_label
from ..widgets.layout import Busy, error_label
from ..words.errors import error_text
from ..words.text import brand_text

KEY_SHOWN = 16  # characters of a key's thumbprint shown to compare


def _short_key(kid: str) -> str:
    return kid if len(kid) <= KEY_SHOWN else kid[:KEY_SHOWN] + "\u2026"


class OpenLinkDialog(QDialog):
    opened = Signal(object)  # LinkImport

    def __init__(self, session: Session, link: str, parsed: ShareLink,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openLinkDialog")
        self.setWindowTitle(self.tr("Opening a link from {0}").format(brand_text(parsed.host)))
        self.setMinimumWidth(520)
        self.session = session
        self.link = link
        self.parsed = parsed
        self.result_import: LinkImport | None = None
        self.confirm: confirmation.Confirm = confirmation.ask  # tests answer it directly
        self._generation = 0
        session.closed.connect(self.reject)  # locked: nothing can be imported any more

        layout = QVBoxLayout(self)
        self.intro = plain_label(self.tr(
            "{0} asks for some of your data. The vault fetches the brand's signed request "
            "from its site and shows you what it asks for: nothing is shared unless you "
            "choose to.").format(brand_text(parsed.origin)), "openLinkIntro")
        layout.addWidget(self.intro)
        self.busy = Busy()
        self.busy.setObjectName("openLinkBusy")
        self.busy.setAccessibleName(self.tr("Working"))
        layout.addWidget(self.busy)
        row = QHBoxLayout()
        self.busy_label = plain_label("", "openLinkBusyLabel")
        row.addWidget(self.busy_label, 1)
        self.cancel_button = named(QPushButton(self.tr("Cancel")), "openLinkCancelButton")
        self.cancel_button.setAccessibleName(self.tr("Stop waiting for the brand"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel_wait)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.error = error_label("openLinkError")
        self.error.setAccessibleName(self.tr("Why the link was not opened"))
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("openLinkCloseButton")
        close.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @property
    def is_busy(self) -> bool:
        return not self.busy.isHidden()

    def start(self, *, accept_new_keys: bool = False) -> None:
        self._generation += 1
        ticket = self._generation
        link = self.link
        self.error.hide()
        self.set_busy(self.tr("Fetching the request from {0}...").format(
            brand_text(self.parsed.host)))

        def open_link(vault: Vault) -> LinkImport:
            return vault.brands.open_link(link, accept_new_keys=accept_new_keys)

        def done(result: LinkImport) -> None:
            if ticket != self._generation:
                return  # cancelled or closed meanwhile
            self.set_busy(None)
            self.result_import = result
            self.opened.emit(result)
            self.accept()

        def failed(error: BaseException) -> None:
            if ticket != self._generation:
                return
            self.set_busy(None)
            if isinstance(error, BrandKeysChanged) and not accept_new_keys:
                self._keys_changed(error)
            else:
                self._show_error(error_text(error))

        self.session.call(open_link, done, failed=failed, owner=self)

    def _keys_changed(self, error: BrandKeysChanged) -> None:
        details = self.tr(
            "Brand: {origin}\n\n"
            "A brand may replace its keys, but someone pretending to be {origin} would also "
            "have other keys. Accept the new keys only if you are sure, for example because "
            "the brand told you about the change.\n\n"
            "Trusted signing key: {old}\nNew signing key: {new}\n\nAccept the new keys?"
        ).format(origin=brand_text(error.origin), old=_short_key(error.pinned[0]),
                 new=_short_key(error.offered[0]))
        if self.confirm(self, self.tr("The brand's keys changed"),
                        self.tr("The brand's keys changed since you first trusted it."),
                        details, self.tr("Accept new keys")):
            self.start(accept_new_keys=True)
        else:
            self._show_error(error_text(error))

    def cancel_wait(self) -> None:
        """Stop waiting: what the fetch brings back is ignored."""
        self._generation += 1
        self.set_busy(None)
        self._show_error(self.tr("Stopped waiting for the brand. Nothing was shared."))

    def set_busy(self, text: str | None) -> None:
        busy = text is not None
        self.busy.setVisible(busy)
        self.busy_label.setText(text or "")
        self.busy_label.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.cancel_button.setFocus()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def done(self, result: int) -> None:
        self._generation += 1  # closing abandons any wait
        try:
            self.session.closed.disconnect(self.reject)  # it is deleted once closed
        except (RuntimeError, TypeError):
            pass
        super().done(result)
