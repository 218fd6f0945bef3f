"""The status bar's line about sync, on the right where messages never cover it: up to
date, waiting for another device's file, or a problem in words (the details are in Activity
and the log). Nothing when the vault does not sync, or is locked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize

from .. import style
from ..announce import ChangeAnnouncer
from ..style import Tone
from ..widgets import OneLineLabel
from ..words.sync import failed_line, status_line
from .watch import SyncWatch

if TYPE_CHECKING:
    from vault.sync.status import SyncStatus


class SyncStatusLabel(OneLineLabel):
    def __init__(self, watch: SyncWatch) -> None:
        super().__init__("syncStatus")
        self.setAccessibleName(self.tr("Sync"))
        self.problems = ChangeAnnouncer(self)  # a problem is said once; the rest only shown
        self.hide()
        watch.status_changed.connect(self.show_status)
        watch.failed.connect(self.show_failure)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """Room for a short state beside a long leak notice; a long one is cut short (and
        whole in its tooltip)."""
        return QSize(self.fontMetrics().horizontalAdvance("x" * 20),
                     super().minimumSizeHint().height())

    def show_status(self, status: SyncStatus | None) -> None:
        if status is None:
            self.clear()
            self.hide()
            self.problems.forget()
            return
        from vault.sync.status import SyncState

        self._say(status_line(status), problem=status.state in (SyncState.PROBLEM,
                                                                 SyncState.REMOVED))

    def show_failure(self, words: str) -> None:
        self._say(failed_line(words), problem=True)

    def _say(self, text: str, *, problem: bool) -> None:
        self.setText(text)
        self.setToolTip(text)  # in full, should the bar cut it short
        self.setStyleSheet(f"QLabel#syncStatus {{ {style.text_css(Tone.ERROR, bold=True)} }}"
                           if problem else "")
        self.show()
        if problem:
            self.problems.say(text)
        else:
            self.problems.forget()
