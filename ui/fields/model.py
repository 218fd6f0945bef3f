"""The person's fields as a table model, grouped by category, and the search filter over it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from vault.profile.fields import FieldValue
from zpd.fieldtypes import Category, FieldDef

from ..icons import Glyph, icon
from ..words.fields import (
    category_name,
    field_label,
    sensitivity_explained,
    sensitivity_name,
    type_name,
    value_text,
)

_Index = QModelIndex | QPersistentModelIndex

CATEGORY, FIELD, SENSITIVITY, VALUE = range(4)
DEFINITION_ROLE = Qt.ItemDataRole.UserRole + 1  # the FieldDef
RAW_VALUE_ROLE = Qt.ItemDataRole.UserRole + 2  # the stored JSON value, or None
KEY_ROLE = Qt.ItemDataRole.UserRole + 3
_CATEGORY_ORDER = {category: i for i, category in enumerate(Category)}
_SERVED_ROLES = frozenset({
    DEFINITION_ROLE, RAW_VALUE_ROLE, KEY_ROLE, Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.DecorationRole,
})


def grouped(rows: list[FieldValue]) -> list[FieldValue]:
    """Sorted by category, then in catalogue order (custom fields in the order made)."""
    order = {id(row): i for i, row in enumerate(rows)}
    return sorted(rows, key=lambda r: (_CATEGORY_ORDER[r.definition.category], order[id(r)]))


class FieldsModel(QAbstractTableModel):
    """One row per field; the value column is editable (the view's delegate commits)."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[FieldValue] = []
        self._texts: list[str] = []
        # Each row's category, field and sensitivity words, looked up once per reset rather
        # than on each of the thousands of data() calls that lay out and paint the table.
        self._words: list[tuple[str, str, str]] = []
        self._shared_with: dict[str, Sequence[str]] = {}

    def set_fields(self, rows: list[FieldValue],
                   shared_with: Mapping[str, Sequence[str]] | None = None) -> None:
        """`shared_with`: field key -> the names of the brands an active share gave it to."""
        self._shared_with = dict(shared_with or {})
        rows = grouped(rows)
        same_keys = [r.definition.key for r in rows] == [r.definition.key for r in self._rows]
        if same_keys and rows:
            # Values changed in place: keep the selection, the editor and the scroll position.
            self._keep(rows)
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, VALUE))
            return
        self.beginResetModel()
        self._keep(rows)
        self.endResetModel()

    def _keep(self, rows: list[FieldValue]) -> None:
        self._rows = rows
        self._texts = [value_text(r.definition, r.value) for r in rows]
        self._words = [(category_name(r.definition.category), field_label(r.definition),
                        sensitivity_name(r.definition.sensitivity)) for r in rows]

    def field_at(self, row: int) -> FieldValue:
        return self._rows[row]

    def row_of(self, key: str) -> int:
        for row, field in enumerate(self._rows):
            if field.definition.key == key:
                return row
        return -1

    def search_text(self, row: int) -> str:
        definition = self._rows[row].definition
        parts = [field_label(definition), definition.label, definition.key, self._texts[row]]
        value = self._rows[row].value
        if isinstance(value, list):
            parts.extend(value)
        elif value is not None:
            parts.append(str(value))
        return "\n".join(parts).casefold()

    def categories(self) -> list[Category]:
        return list(dict.fromkeys(r.definition.category for r in self._rows))

    # -- Qt ---------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Category"), self.tr("Field"), self.tr("Sensitivity"), self.tr("Value"))[
            section
        ]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == VALUE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in _SERVED_ROLES or not index.isValid():
            return None  # the view asks a dozen roles a cell, most of them answered here
        row = self._rows[index.row()]
        definition = row.definition
        if role == DEFINITION_ROLE:
            return definition
        if role == RAW_VALUE_ROLE:
            return row.value
        if role == KEY_ROLE:
            return definition.key
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._display(index.row(), column, definition)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), column, definition)
        brands = self._shared_with.get(definition.key) if column == VALUE else None
        if role == Qt.ItemDataRole.DecorationRole:
            return icon(Glyph.SHARED) if brands else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column == VALUE and row.value is None:
                return self.tr("Not set")
            text = self._display(index.row(), column, definition)
            return self.tr("{0}; shared with {1}").format(text, ", ".join(brands)) if brands \
                else text
        return None

    def shared_with(self, key: str) -> Sequence[str]:
        """The brands an active share gave this field to (empty: none)."""
        return self._shared_with.get(key, ())

    def _display(self, row: int, column: int, definition: FieldDef) -> str:
        if column == VALUE:
            return self._texts[row]
        return self._words[row][column]  # CATEGORY, FIELD, SENSITIVITY

    def _tooltip(self, row: int, column: int, definition: FieldDef) -> str | None:
        if column == FIELD:
            return self.tr("{0} ({1}), key: {2}").format(
                field_label(definition), type_name(definition.type), definition.key
            )
        if column == SENSITIVITY:
            return sensitivity_explained(definition.sensitivity)
        if column == VALUE:
            text = self._texts[row] or self.tr("Not set: double-click or press Enter to fill in.")
            brands = self._shared_with.get(definition.key)
            if brands:
                text += "\n" + self.tr("Shared with {0}: a change is sent to them.").format(
                    ", ".join(brands))
            return text
        return None


class FieldsFilter(QSortFilterProxyModel):
    """Rows whose label, key or value contain the search text, in the chosen category."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._category: Category | None = None

    def set_search(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_needle", text.strip().casefold()))

    def set_category(self, category: Category | None) -> None:
        self._refilter(lambda: setattr(self, "_category", category))

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, FieldsModel)
        field = model.field_at(source_row)
        if self._category is not None and field.definition.category is not self._category:
            return False
        return not self._needle or all(
            word in model.search_text(source_row) for word in self._needle.split()
        )
