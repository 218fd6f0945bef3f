"""How the app takes share links: the one running app per person (single_instance.py) and
the link opener (opener.py), wired for `ui.app.main`.

`claim_launch` runs before anything of the GUI is built: a later launch hands its link
over and the caller exits at once. `serve_links` then connects, on the first launch, later
launches, the link of its own `--open-url`, and macOS's open events to the window.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLockFile, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent

from .single_instance import (
    ForwardFailed,
    NoPrivatePlace,
    Place,
    RunningApp,
    claim_or_forward,
    user_place,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from ..main_window import MainWindow
    from .opener import LinkOpener

NOT_ANSWERING = ("Zero-Party Vault is already running but does not answer: close it, then "
                 "open the link again.")


@dataclass
class Launch:
    forwarded: bool  # another app took the link: this launch ends
    place: Place | None = None
    lock: QLockFile | None = None  # held: this launch is the running app


def claim_launch(link: str | None) -> Launch:
    """Become the running app, or hand `link` to the one running (SystemExit(1) when it
    does not answer). Where no private place exists, this launch runs on its own."""
    try:
        place = user_place()
    except NoPrivatePlace as error:
        print(f"Zero-Party Vault: links from other launches will not reach this one: {error}",
              file=sys.stderr)
        return Launch(forwarded=False)
    try:
        lock = claim_or_forward(place, link)
    except ForwardFailed:
        print(NOT_ANSWERING, file=sys.stderr)
        raise SystemExit(1) from None
    return Launch(forwarded=lock is None, place=place, lock=lock)


class _FileOpenEvents(QObject):
    """macOS hands a link to the app as an open event, not as an argument."""

    def __init__(self, opener: LinkOpener) -> None:
        super().__init__(opener)
        self.opener = opener

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            url = event.url().toString()
            if url:
                self.opener.open(url)
                return True
        return False


def serve_links(app: QApplication, window: MainWindow, launch: Launch,
                link: str | None) -> LinkOpener:
    from .opener import LinkOpener, bring_to_front

    opener = LinkOpener(window)
    if launch.place is not None and launch.lock is not None:
        running = RunningApp(launch.place, launch.lock, opener)
        running.activated.connect(lambda tokens: bring_to_front(window, tokens))
        running.link_received.connect(opener.open)
        opener.running = running
    if sys.platform == "darwin":
        # Only where links arrive so: a filter on the whole application is called for every
        # event of every widget, each call waiting for the GIL while a worker runs Python.
        app.installEventFilter(_FileOpenEvents(opener))
    if link is not None:
        QTimer.singleShot(0, lambda: opener.open(link))
    return opener
