"""A table model over a list of rows, refreshed in place when the same rows come back.

Pages reload often (every background delivery says "grants changed"), so a refresh
that brings the same rows in the same order only repaints them: the selection and
the scroll position stay where the person left them.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 1

_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.AccessibleTextRole,
)


class RowsModel(QAbstractTableModel):
    """Subclasses implement `headers`, `key` and `cell`."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Any] = []
        self._columns: int | None = None

    # -- what subclasses say --------------------------------------------------------------

    def headers(self) -> list[str]:
        raise NotImplementedError

    def key(self, row: Any) -> Hashable:
        raise NotImplementedError

    def cell(self, row: Any, column: int, role: int) -> object:
        """The data of one cell for a role; DisplayRole is enough for most columns."""
        raise NotImplementedError

    # -- rows -----------------------------------------------------------------------------

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find(self, key: Hashable) -> int:
        return next((i for i, r in enumerate(self._rows) if self.key(r) == key), -1)

    def set_rows(self, rows: Sequence[Any]) -> None:
        rows = list(rows)
        if [self.key(r) for r in rows] == [self.key(r) for r in self._rows]:
            self._rows = rows
            if rows:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(rows) - 1, self.columnCount() - 1)
                )
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def append_rows(self, rows: Sequence[Any]) -> None:
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    # -- QAbstractTableModel --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        if self._columns is None:  # views ask for every cell they lay out: count once
            self._columns = len(self.headers())
        return self._columns

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == KEY_ROLE:
            return self.key(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.cell(row, index.column(), Qt.ItemDataRole.DisplayRole)
        if role not in _ROLES:
            return None
        return self.cell(row, index.column(), role)
