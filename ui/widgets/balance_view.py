"""The value balance on screen: the verdict in words, the two bars, and short warnings.

`BalanceView` shows a `vault.balance.Balance` (loaded by the caller off the GUI
thread); `BalanceChart` paints the bars (ui/widgets/balance_paint.py) and carries every
number in its accessible description.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from vault.transparency.balance import Balance

from .. import style
from ..style import Badge, Radius, Space, Tone
from ..words import balance as say
from . import named, plain_label
from .balance_paint import ChartData, Colours, chart_data, chart_height, paint_chart, segment_rects
from .wrap import WrapLabel

MIN_WIDTH = 260

def balance_style() -> str:
    """The verdict's badge, the warnings and the muted lines, for the palette shown now."""
    return (
        f"QLabel#balanceVerdict {{ border-radius: {Radius.L}px; padding: {Space.XS}px {Space.M}px;"
        " font-weight: bold; }\n"
        f'QLabel#balanceVerdict[tone="ok"] {{ {style.badge_css(Badge.FAIR)} }}\n'
        f'QLabel#balanceVerdict[tone="warn"] {{ {style.badge_css(Badge.ASKS_A_LOT)} }}\n'
        f'QLabel#balanceVerdict[tone="danger"] {{ {style.badge_css(Badge.GREEDY)} }}\n'
        f'QLabel[balanceFlag="true"] {{ {style.text_css(Tone.ERROR)} }}\n'
        f"QLabel#balanceScores, QLabel#balanceEmpty {{ {style.text_css(Tone.MUTED)} }}\n"
    )


class BalanceChart(QWidget):
    """Two bars on one scale; hover a segment for its field and weight."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("balanceChart")
        self.setAccessibleName(self.tr("Value balance: what you give and what they offer"))
        self.data: ChartData | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_data(self, data: ChartData | None, summary: str) -> None:
        self.data = data
        self.setAccessibleDescription(summary)
        self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        if self.data is None:
            return 0
        return math.ceil(chart_height(self.data, max(width, MIN_WIDTH), self.font())) + 2

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(520, self.heightForWidth(520))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(MIN_WIDTH, self.heightForWidth(MIN_WIDTH))

    def colours(self) -> Colours:
        palette = self.palette()
        track = QColor(palette.color(QPalette.ColorRole.Mid))
        track.setAlpha(70)
        return Colours(palette.color(QPalette.ColorRole.WindowText),
                       style.colour(Tone.MUTED), track,
                       palette.color(QPalette.ColorRole.Window), style.current().parts)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if self.data is None:
            return
        painter = QPainter(self)
        paint_chart(painter, QRectF(self.rect()), self.data, self.colours(), self.font())
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.data is not None:
            assert isinstance(event, QHelpEvent)
            for box, segment in segment_rects(self.data, QRectF(self.rect()), self.font()):
                if box.contains(QPointF(event.pos())):
                    QToolTip.showText(event.globalPos(), say.segment_tip(segment.label,
                                                                         segment.weight), self)
                    return True
            QToolTip.showText(event.globalPos(), say.how_weighed(), self)
            return True
        return super().event(event)


class BalanceView(QWidget):
    """Verdict, scores, chart and warnings of one balance (or a line saying there is none)."""

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False) -> None:
        """`compact`: the warnings in two columns, in short words (the long ones as tips)."""
        super().__init__(parent)
        self.setObjectName("balanceView")
        self.compact = compact
        self.setStyleSheet(balance_style())
        self.balance: Balance | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.S)
        top = QHBoxLayout()
        top.setSpacing(Space.M)
        self.verdict = plain_label("", "balanceVerdict", wrap=False)
        self.verdict.setAccessibleName(self.tr("Verdict"))
        self.verdict.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        top.addWidget(self.verdict, 0, Qt.AlignmentFlag.AlignVCenter)
        self.scores = WrapLabel(name="balanceScores")
        top.addWidget(self.scores, 1, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(top)
        self.chart = BalanceChart()
        layout.addWidget(self.chart)
        self.flags = named(QWidget(), "balanceFlags")
        self.flags.setAccessibleName(self.tr("Warnings"))
        self.flags_layout = QGridLayout(self.flags)
        self.flags_layout.setContentsMargins(0, 0, 0, 0)
        self.flags_layout.setVerticalSpacing(Space.HAIR)
        self.flags_layout.setHorizontalSpacing(Space.L)
        layout.addWidget(self.flags)
        self.empty = plain_label("", "balanceEmpty")
        layout.addWidget(self.empty)
        self.set_balance(None)

    def set_balance(self, balance: Balance | None, empty_text: str = "",
                    labels: Mapping[str, str] | None = None) -> None:
        """Show `balance`; None (or nothing given or offered) shows `empty_text` instead.
        `labels`: names for keys the words do not know (a brand's questions, as shown)."""
        self.balance = balance
        shown = balance is not None and (balance.given_score > 0 or balance.offered_score > 0)
        for widget in (self.verdict, self.scores, self.chart, self.flags):
            widget.setVisible(shown)
        self.empty.setText(empty_text)
        self.empty.setVisible(not shown and bool(empty_text))
        while self.flags_layout.count():
            item = self.flags_layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                # Out of the tree now, not at the next event loop turn: no stale label
                # lingers (or is found) beside the new ones.
                old.hide()
                old.setParent(None)
                old.deleteLater()
        if balance is None or not shown:
            self.chart.set_data(None, "")
            return
        verdict = balance.verdict
        self.verdict.setText(say.verdict_words(verdict))
        self.verdict.setProperty("tone", say.verdict_tone(verdict))
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.verdict.setToolTip(say.how_weighed())
        self.scores.setText(say.scores_sentence(balance))
        columns = 2 if self.compact else 1
        for index, flag in enumerate(say.ordered_flags(balance)):
            label = plain_label(say.warning(flag, short=self.compact), f"balanceFlag_{flag.value}")
            label.setProperty("balanceFlag", "true")
            label.setToolTip(say.flag_words(flag))
            self.flags_layout.addWidget(label, index // columns, index % columns)
        self.flags.setVisible(bool(balance.flags))
        summary = say.summary(balance, labels)  # a sentence a segment: 10,000 at most
        self.chart.set_data(chart_data(balance, labels), summary)
        self.setAccessibleDescription(summary)

    def verdict_text(self) -> str:
        return str(self.verdict.text())

