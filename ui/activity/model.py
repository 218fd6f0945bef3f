"""The activity log as a table model that pages itself in from the vault as the view scrolls."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont

from vault.profile.audit import AuditEntry

from .. import style
from ..session import Session
from ..style import Tone
from ..words import time
from ..words.activity import action_text, details_text, share_tip
from .feed import PAGE_SIZE, Feed, Page, read_newer, read_older

_Index = QModelIndex | QPersistentModelIndex
WHEN, WHAT, DETAILS = range(3)
SEQ_ROLE = Qt.ItemDataRole.UserRole + 1


class ActivityModel(QAbstractTableModel):
    """Rows newest first; `fetchMore` asks the vault for the next page off the GUI thread."""

    loading = Signal(bool)
    failed = Signal(object)  # the exception

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._prefixes: tuple[str, ...] = ("",)
        self._feed: Feed | None = None  # None: nothing asked for yet
        self._rows: list[AuditEntry] = []
        self._details: list[str] = []
        self._labels: dict[str, str] = {}
        self._busy = False
        self._refresh_pending = False
        self._generation = 0
        self._flagged: int | None = None

    # -- what is shown ---------------------------------------------------------------

    def show(self, prefixes: tuple[str, ...]) -> None:
        """Start over with these action prefixes, fetching the first page."""
        self._prefixes = prefixes
        self.restart()

    def restart(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self._rows, self._details = [], []
        self._feed = Feed.start(self._prefixes)
        self._busy = self._refresh_pending = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def forget(self) -> None:
        """Drop every row (the vault locked); nothing is fetched until `show`/`restart`."""
        self._generation += 1
        self.beginResetModel()
        self._rows, self._details, self._labels = [], [], {}
        self._feed = None
        self._busy = self._refresh_pending = False
        self._flagged = None
        self.endResetModel()

    def refresh(self) -> None:
        """Splice in entries added since the first page was read; keeps the scroll position."""
        feed = self._feed
        if feed is None:
            return
        if self._busy:
            self._refresh_pending = True  # done when the read in flight is back
            return
        if feed.newest_shown is None and not feed.exhausted:
            return  # the first page is still to come
        generation = self._generation
        self._start()
        self.session.call(
            lambda vault: read_newer(vault, feed),
            lambda page: self._prepend(generation, page),
            failed=lambda error: self._failed(generation, error),
            owner=self,
        )

    def entry_at(self, row: int) -> AuditEntry:
        return self._rows[row]

    def row_of_seq(self, seq: int) -> int:
        for row, entry in enumerate(self._rows):
            if entry.seq == seq:
                return row
        return -1

    def flag(self, seq: int | None) -> None:
        """Mark the entry where verification found the chain broken (None: no mark)."""
        self._flagged = seq
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, DETAILS))

    @property
    def is_loading(self) -> bool:
        return self._busy

    # -- paging ----------------------------------------------------------------------

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802
        if parent.isValid() or self._busy or self._feed is None:
            return False
        return not self._feed.exhausted

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        feed = self._feed
        assert feed is not None
        generation = self._generation
        self._start()
        self.session.call(
            lambda vault: read_older(vault, feed, PAGE_SIZE),
            lambda page: self._append(generation, page),
            failed=lambda error: self._failed(generation, error),
            owner=self,
        )

    def _start(self) -> None:
        self._busy = True
        self.loading.emit(True)

    def _stop(self) -> None:
        self._busy = False
        self.loading.emit(False)
        if self._refresh_pending and not self._busy:
            self._refresh_pending = False
            self.refresh()

    def _append(self, generation: int, page: Page) -> None:
        if generation != self._generation:
            return
        self._labels.update(page.custom_labels)
        self._feed = page.feed
        if page.entries:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.entries) - 1)
            self._rows.extend(page.entries)
            self._details.extend(details_text(e, self._labels, page.shares)
                                 for e in page.entries)
            self.endInsertRows()
        self._stop()

    def _prepend(self, generation: int, page: Page | None) -> None:
        if generation != self._generation:
            return
        if page is None:  # too many new entries to splice in: read from the top again
            self.restart()
            return
        self._labels.update(page.custom_labels)
        self._feed = page.feed
        if page.entries:
            self.beginInsertRows(QModelIndex(), 0, len(page.entries) - 1)
            self._rows[:0] = page.entries
            self._details[:0] = [details_text(e, self._labels, page.shares)
                                 for e in page.entries]
            self.endInsertRows()
        self._stop()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._stop()
        self.failed.emit(error)

    # -- Qt --------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("When"), self.tr("What"), self.tr("Details"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == SEQ_ROLE:
            return entry.seq
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == WHEN:
                return time.moment(entry.at)
            if column == WHAT:
                return action_text(entry.action)
            return self._details[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == WHEN:
                return self.tr("Entry {0}, {1}").format(entry.seq, time.moment_long(entry.at))
            if column == WHAT:
                return entry.action
            return "\n".join(filter(None, (self._details[index.row()], share_tip(entry)))) or None
        if entry.seq == self._flagged:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(style.colour(Tone.ERROR))
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return None
