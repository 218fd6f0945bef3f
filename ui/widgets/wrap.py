"""Text that wraps without ever clipping (WrapLabel), and fonts scaled for headings."""

from __future__ import annotations

import math
from typing import TypeVar

from PySide6.QtCore import QEvent, QPointF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QWidget

from .. import style

W = TypeVar("W", bound=QWidget)
LINE_GAP = 0.25  # extra space between wrapped lines, as a share of the line height


class WrapLabel(QLabel):
    """Plain text that wraps between words, and inside a word too long for a line.

    A QLabel leaves a word wider than itself clipped (or widens the window); a
    brand's name or origin can be one long word, and the end of it is the part
    that matters. The text is never altered: `text()` is what is drawn.
    """

    def __init__(self, text: str = "", name: str | None = None) -> None:
        super().__init__()
        # Text heights by width, and the last layout drawn: kept until the text or font change.
        self._heights: dict[int, int] = {}
        self._drawn: tuple[int, QTextLayout] | None = None
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setText(text)
        if name:
            self.setObjectName(name)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _extra(self) -> QSize:
        inner = self.contentsRect()
        return QSize(self.width() - inner.width(), self.height() - inner.height())

    def _layout(self, width: int) -> tuple[QTextLayout, float]:
        layout = QTextLayout(self.text().replace("\n", "\u2028"), self.font())
        option = QTextOption(self.alignment())
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        y = 0.0
        gap = round(self.fontMetrics().height() * LINE_GAP)
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(1, width))
            if y:
                y += gap
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        return layout, y

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def setText(self, text: str) -> None:  # noqa: N802
        self._forget()
        super().setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._forget()
        super().changeEvent(event)

    def _forget(self) -> None:
        self._heights.clear()
        self._drawn = None

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        extra = self._extra()
        inner = width - extra.width()
        if inner not in self._heights:
            self._heights[inner] = math.ceil(self._layout(inner)[1])
        return self._heights[inner] + extra.height()

    def sizeHint(self) -> QSize:  # noqa: N802
        extra = self._extra()
        natural = math.ceil(self.fontMetrics().horizontalAdvance(self.text())) + extra.width()
        width = min(natural, self.fontMetrics().averageCharWidth() * 70)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        # Narrow, and one line high: layouts ask heightForWidth for the real height.
        extra = self._extra()
        width = self.fontMetrics().averageCharWidth() * 12 + extra.width()
        return QSize(width, self.fontMetrics().height() + extra.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        QFrame.paintEvent(self, event)  # the frame and style sheet box, without QLabel's text
        inner = self.contentsRect()
        if self._drawn is None or self._drawn[0] != inner.width():
            self._drawn = (inner.width(), self._layout(inner.width())[0])
        layout = self._drawn[1]
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        layout.draw(painter, QPointF(inner.topLeft()))
        painter.end()


def scaled(widget: W, factor: float, *, bold: bool = False) -> W:
    font = style.sized(widget.font(), factor)
    font.setBold(bold)
    widget.setFont(font)
    return widget
