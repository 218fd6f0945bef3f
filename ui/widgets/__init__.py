"""Widgets and helpers used across screens: labels that never read text as HTML, tables of
records, layout helpers (layout.py), a table model over rows (row_model.py), the value
balance chart (balance_paint.py, balance_view.py), confirmation dialogs, the secret-aware
clipboard and the base class of pages (page.py). Brand text goes through `brand_label`, or
`words.text.brand_text` where no label is made."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QEvent, QItemSelectionModel, QObject, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QWidget

from ..words.text import brand_text

Named = TypeVar("Named", bound=QObject)


def named(thing: Named, name: str) -> Named:
    """`thing` with its object name set: what tests, screenshots and style sheets find it by.
    (PySide6 takes objectName= in a constructor, but its type stubs do not say so.)"""
    thing.setObjectName(name)
    return thing


def plain_label(text: str = "", name: str | None = None, *, wrap: bool = True,
                parent: QWidget | None = None) -> QLabel:
    """A label that never interprets its text as HTML."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    if name:
        label.setObjectName(name)
    return label


class OneLineLabel(QLabel):
    """One line of plain text, cut short with an ellipsis where there is no room for it
    all: its text (what a screen reader reads) stays whole; show it whole in a tooltip."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        room = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                              room.width())
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(room, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         shown)


def brand_label(text: str, name: str | None = None, *, wrap: bool = True) -> QLabel:
    """A label for text that came from a brand: plain text, hidden characters revealed."""
    label = plain_label(brand_text(text), name, wrap=wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _SelectOnFocus(QObject):
    """Coming to a list with nothing chosen selects its current (or first) row: otherwise
    the focus sits on a row that is not chosen, and a list of one row cannot be chosen with
    the arrows at all."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QAbstractItemView):
            selection, model = watched.selectionModel(), watched.model()
            if (selection is not None and model is not None and not selection.hasSelection()
                    and model.rowCount() > 0):
                current = watched.currentIndex()
                row = current.row() if current.isValid() else 0
                selection.setCurrentIndex(
                    model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
        return False


def tab_leaves(view: QAbstractItemView) -> QAbstractItemView:
    """`view` with Tab and Shift+Tab moving the focus to the next and previous control, not
    from cell to cell (a table's default, which traps the keyboard); arrows move inside,
    and coming to it chooses a row."""
    view.setTabKeyNavigation(False)
    view.installEventFilter(_SelectOnFocus(view))
    return view


def record_table(name: str, accessible_name: str, model: QAbstractItemModel, *,
                 wrap: bool = False) -> QTableView:
    """A read-only table of records: whole rows selected one at a time, alternating
    colours, no row numbers. Pages add their own column sizing."""
    table = named(QTableView(), name)
    table.setAccessibleName(accessible_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(wrap)
    table.verticalHeader().hide()
    table.horizontalHeader().setHighlightSections(False)  # headers never change with a row
    tab_leaves(table)
    return table


Table = TypeVar("Table", bound=QTableView)


def gridless_rows(table: Table) -> Table:
    """A read-only table without grid or row numbers, whole rows selected one at a time,
    its headers left-aligned and its last column stretched. Pages size the other columns."""
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table
