"""What every page of the main window has: a title, and a refresh on what changed."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from vault.changes import Changes

from ..session import Session


class Page(QWidget):
    """Subclasses set `kinds` (the changes that touch what they show) and implement
    `title` and `reload`.

    A page behind another one in a shown window is refilled when it is shown again, not at
    each change: after a share or an import, every page refilling at once took the GUI
    thread for one long turn, and its workers for the GIL."""

    kinds = Changes.NONE

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._stale = False
        session.changed.connect(self._on_changed)
        session.closed.connect(self._forget_staleness)
        session.closed.connect(self.clear)

    def title(self) -> str:
        raise NotImplementedError

    def reload(self) -> None:
        """Fetch what the page shows (through `session.call`, never directly)."""

    def clear(self) -> None:
        """Forget everything shown: called when the vault locks."""

    def build_all(self) -> None:
        """Build now what the page builds in a later turn (for tests and tools that look
        widgets up by name; the app itself never does)."""

    def findChild(self, *args: Any, **kwargs: Any) -> Any:  # noqa: N802
        self.build_all()
        return super().findChild(*args, **kwargs)

    def findChildren(self, *args: Any, **kwargs: Any) -> Any:  # noqa: N802
        self.build_all()
        return super().findChildren(*args, **kwargs)

    def _on_changed(self, kinds: Changes) -> None:
        if not (kinds & self.kinds and self.session.is_open):
            return
        if self.window().isVisible() and not self.isVisible():
            self._stale = True
            return
        self.reload()

    def _forget_staleness(self) -> None:
        self._stale = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale and self.session.is_open:
            self._stale = False
            self.reload()
