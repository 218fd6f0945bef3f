"""Small widgets used across pages. Brand text goes through `brand_label`/`brand_text`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

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
