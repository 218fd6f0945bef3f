"""My data: the catalogue with the person's values, searchable."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from vault.profile import FieldValue

from ..session import FIELDS, Session
from .base import Page

_Index = QModelIndex | QPersistentModelIndex


def show_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return QWidget.tr("yes") if value else QWidget.tr("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


class FieldsModel(QAbstractTableModel):
    COLUMNS = ("Field", "Category", "Sensitivity", "Value")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[FieldValue] = []

    def set_fields(self, rows: list[FieldValue]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self._rows[index.row()]
        definition = row.definition
        column = index.column()
        if column == 0:
            return definition.label if role == Qt.ItemDataRole.DisplayRole else definition.key
        if column == 1:
            return definition.category.value
        if column == 2:
            return definition.sensitivity.value
        return show_value(row.value)


class MyDataPage(Page):
    kinds = frozenset({FIELDS})

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        layout = QVBoxLayout(self)
        self.search = QLineEdit(objectName="fieldSearch")
        self.search.setPlaceholderText(self.tr("Search fields"))
        self.search.setAccessibleName(self.tr("Search fields"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.model = FieldsModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(objectName="fieldsTable")
        self.table.setModel(self.proxy)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table)

    def title(self) -> str:
        return self.tr("My data")

    def reload(self) -> None:
        self.session.call(lambda vault: vault.fields(), self.show_fields, owner=self)

    def clear(self) -> None:
        self.show_fields([])

    def show_fields(self, rows: list[FieldValue]) -> None:
        self.model.set_fields(rows)
