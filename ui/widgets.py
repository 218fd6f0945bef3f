"""Small widgets used across pages. Brand text goes through `brand_label`/`brand_text`."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QWidget

from zpd.text import reveal


def brand_text(text: str) -> str:
    """Text from a brand as it must be shown: hidden characters made visible.

    Use it for item-view cells and window titles too; a tooltip or any widget
    that may guess "rich text" must get `Qt.convertFromPlainText(brand_text(t))`.
    """
    return reveal(text)


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


def brand_label(text: str, name: str | None = None, *, wrap: bool = True) -> QLabel:
    """A label for text that came from a brand: plain text, hidden characters revealed."""
    label = plain_label(brand_text(text), name, wrap=wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def record_table(name: str, accessible_name: str, model: QAbstractItemModel, *,
                 wrap: bool = False) -> QTableView:
    """A read-only table of records: whole rows selected one at a time, alternating
    colours, no row numbers. Pages add their own column sizing."""
    table = QTableView(objectName=name)
    table.setAccessibleName(accessible_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(wrap)
    table.verticalHeader().hide()
    return table
