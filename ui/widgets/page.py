"""What every page of the main window has: a title, and a refresh on what changed."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from vault.changes import Changes

from ..session import Session


class Page(QWidget):
    """Subclasses set `kinds` (the changes that touch what they show) and implement
    `title` and `reload`."""

    kinds = Changes.NONE

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        session.changed.connect(self._on_changed)
        session.closed.connect(self.clear)

    def title(self) -> str:
        raise NotImplementedError

    def reload(self) -> None:
        """Fetch what the page shows (through `session.call`, never directly)."""

    def clear(self) -> None:
        """Forget everything shown: called when the vault locks."""

    def _on_changed(self, kinds: Changes) -> None:
        if kinds & self.kinds and self.session.is_open:
            self.reload()
