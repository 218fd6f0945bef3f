"""Layout pieces: the welcome screens' centred card, a page's column of readable width, titles,
errors, busy bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from .. import style
from ..style import Space, TextSize, Tone

USUAL_LINE = 17  # pixels: a line of the usual text size (9 or 10 points at 96 dpi)


def card(page: QWidget) -> QVBoxLayout:
    """A column of readable width, centred on the page; returns its layout."""
    grid = QGridLayout(page)
    grid.setRowStretch(0, 1)
    grid.setRowStretch(2, 2)
    grid.setColumnStretch(0, 1)
    grid.setColumnStretch(2, 1)
    card = QWidget()
    # About 480 to 560 pixels at the usual text size, and as much wider as the text is larger.
    line = card.fontMetrics().height()
    card.setMinimumWidth(max(480, 28 * line))
    card.setMaximumWidth(max(560, 33 * line))
    grid.addWidget(card, 1, 1)
    layout = QVBoxLayout(card)
    layout.setSpacing(Space.M)
    return layout


def content_column(page: QWidget, *, widest: int = style.CONTENT_WIDTH) -> QVBoxLayout:
    """A column centred on the page, at most `widest` pixels at the usual text size (as much
    wider as the text is larger), so a maximised window keeps its parts together; returns
    its layout."""
    row = QHBoxLayout(page)
    row.setContentsMargins(0, 0, 0, 0)
    column = QWidget()
    column.setObjectName(f"{page.objectName() or 'page'}Column")
    line = column.fontMetrics().height()
    column.setMaximumWidth(max(widest, round(widest * line / USUAL_LINE)))
    row.addWidget(column)
    return QVBoxLayout(column)  # the style's margins, as the page's own layout had


def align_labels(*forms: QFormLayout) -> None:
    """Give the label columns of forms stacked on one page the same width, so that their
    fields line up."""
    labels: list[QWidget] = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if label is not None:
                labels.append(label)
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


def display_path(path: Path) -> str:
    try:
        return str(Path("~") / path.resolve().relative_to(Path.home()))
    except ValueError:
        return str(path)


def title(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)  # long in some languages, at large text sizes
    font = style.sized(label.font(), TextSize.PAGE)
    font.setBold(True)
    label.setFont(font)
    return label


def error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(style.text_css(Tone.ERROR, bold=True))
    label.hide()
    return label


class Busy(QProgressBar):
    """An indeterminate bar shown while the key is being derived."""

    def __init__(self) -> None:
        super().__init__()
        self.setRange(0, 0)
        self.setTextVisible(False)
        self.setMaximumHeight(6)
        self.hide()
