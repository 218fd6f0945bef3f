"""A table as tall as its rows when there is room, scrolling when there is not."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QSizePolicy, QTableView


class FittedTable(QTableView):
    """A table as tall as its rows when there is room, scrolling when there is not."""

    MIN_ROWS = 2

    def __init__(self) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)

    def _height_for(self, rows: int) -> int:
        header = self.horizontalHeader()
        body = sum(self.rowHeight(row) for row in range(rows))
        scroll = self.horizontalScrollBar()
        bar = scroll.sizeHint().height() if scroll.isVisible() else 0
        return header.height() + body + 2 * self.frameWidth() + bar

    def sizeHint(self) -> QSize:  # noqa: N802
        rows = self.model().rowCount() if self.model() is not None else 0
        return QSize(super().sizeHint().width(), self._height_for(max(rows, self.MIN_ROWS)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # wrapped rows change height with the width

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        header = self.horizontalHeader()
        row = self.verticalHeader().defaultSectionSize()
        return QSize(super().minimumSizeHint().width(),
                     header.height() + row * self.MIN_ROWS + 2 * self.frameWidth())
