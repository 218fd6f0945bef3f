"""The value balance as a picture: two horizontal bars on one scale, painted with QPainter.

"You give" is stacked per field, coloured by sensitivity (special category in red),
optional fields of an ask hatched; "They offer" is stacked per offer. A legend
follows. No widget here: the chart widget (ui/widgets/balance_view.py) and the PDF report
(ui/report/printed.py, into a QImage on the GUI thread) paint with the same code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from vault.transparency.balance import SENSITIVITY_WEIGHTS, Balance
from zpd.fieldtypes import Sensitivity

from .. import style
from ..style import Part, TextSize
from ..words import balance as say
from ..words import exchange as exchange_words
from ..words import fields

SENSITIVITY_PARTS = {
    Sensitivity.LOW: Part.EVERYDAY,
    Sensitivity.PERSONAL: Part.PERSONAL,
    Sensitivity.SPECIAL: Part.SPECIAL,
}
BAR_GAP = 8.0  # between the two bars
LEGEND_GAP = 10.0  # between the bars and the legend
SWATCH = 11.0  # legend squares
MIN_SEGMENT = 3.0  # a field that weighs something is never invisible


@dataclass(frozen=True)
class Segment:
    label: str
    weight: float
    part: Part  # its colour comes from the palette it is painted on (ui/style.py)
    hatched: bool = False  # an optional field of an ask: counts less


@dataclass(frozen=True)
class ChartData:
    give: tuple[Segment, ...]
    offer: tuple[Segment, ...]
    given: float
    offered: float
    has_optional: bool

    @property
    def scale(self) -> float:
        return max(self.given, self.offered, 1e-9)


@dataclass(frozen=True)
class Colours:
    """What the chart draws around the bars: from a widget's palette, or print colours."""

    text: QColor
    muted: QColor
    track: QColor
    separator: QColor
    parts: dict[Part, str]  # the chart's parts, for this palette (ui/style.py)


PRINT_COLOURS = Colours(QColor(style.PAPER_TEXT), QColor(style.PAPER_MUTED),
                        QColor(style.PAPER_TRACK), QColor(style.PAPER), style.LIGHT.parts)


def chart_data(balance: Balance, labels: Mapping[str, str] | None = None) -> ChartData:
    """The chart's segments and words (translated; callable on a worker thread); `labels`
    names keys the words do not know (a brand's questions)."""
    give = tuple(
        Segment((labels or {}).get(f.key) or fields.key_label(f.key), f.weight,
                SENSITIVITY_PARTS[f.sensitivity],
                hatched=not f.required and f.weight < SENSITIVITY_WEIGHTS[f.sensitivity])
        for f in balance.fields
    )
    offer = tuple(
        Segment(exchange_words.offer_kind_words(kind), weight, Part.OFFER)
        for kind, weight in balance.weights_by_offer_kind() if weight > 0
    )
    return ChartData(give, offer, balance.given_score, balance.offered_score,
                     any(s.hatched for s in give))


def _captions() -> tuple[str, str]:
    return (say.give_caption(), say.offer_caption())


def _legend(data: ChartData) -> list[tuple[Part, str, bool]]:
    """(part, words, hatched) of each legend entry."""
    items = [(SENSITIVITY_PARTS[s], say.sensitivity_words(s), False) for s in Sensitivity]
    items.append((Part.OFFER, say.offer_legend(), False))
    if data.has_optional:
        items.append((Part.OPTIONAL, say.optional_legend(), True))
    return items


@dataclass(frozen=True)
class _Geometry:
    row: float
    caption: float
    value: float
    legend_lines: list[list[tuple[float, tuple[Part, str, bool]]]]
    legend_row: float

    @property
    def bars_height(self) -> float:
        return 2 * self.row + BAR_GAP

    def height(self) -> float:
        return self.bars_height + LEGEND_GAP + len(self.legend_lines) * self.legend_row


def _geometry(data: ChartData, width: float, font: QFont) -> _Geometry:
    metrics = QFontMetricsF(font)
    row = max(metrics.height() + 12, 28.0)
    caption = max(metrics.horizontalAdvance(c) for c in _captions()) + 14
    numbers = [say.number(data.given), say.number(data.offered)]
    value = max(metrics.horizontalAdvance(n) for n in numbers) + 12
    small = QFontMetricsF(_small(font))
    lines: list[list[tuple[float, tuple[Part, str, bool]]]] = [[]]
    x = caption
    for item in _legend(data):
        item_width = SWATCH + 5 + small.horizontalAdvance(item[1]) + 16
        if lines[-1] and x + item_width > width:
            lines.append([])
            x = caption
        lines[-1].append((x, item))
        x += item_width
    return _Geometry(row, caption, value, lines, max(small.height(), SWATCH) + 4)


def _small(font: QFont) -> QFont:
    return style.sized(font, TextSize.SMALL)


def chart_height(data: ChartData, width: float, font: QFont) -> float:
    return _geometry(data, width, font).height()


def segment_rects(data: ChartData, rect: QRectF, font: QFont) -> list[tuple[QRectF, Segment]]:
    """Where each segment is drawn (for tooltips and tests)."""
    geometry = _geometry(data, rect.width(), font)
    out = []
    for index, segments in enumerate((data.give, data.offer)):
        top = rect.top() + index * (geometry.row + BAR_GAP)
        out.extend(_place(segments, _bar_rect(rect, geometry, top), data.scale))
    return out


def _bar_rect(rect: QRectF, geometry: _Geometry, top: float) -> QRectF:
    left = rect.left() + geometry.caption
    return QRectF(left, top + 2, max(1.0, rect.width() - geometry.caption - geometry.value),
                  geometry.row - 4)


def _place(segments: tuple[Segment, ...], bar: QRectF, scale: float
           ) -> list[tuple[QRectF, Segment]]:
    placed = []
    x = bar.left()
    for segment in segments:
        if segment.weight <= 0:
            continue
        width = max(MIN_SEGMENT, bar.width() * segment.weight / scale)
        width = min(width, bar.right() - x)
        if width <= 0:
            break
        placed.append((QRectF(x, bar.top(), width, bar.height()), segment))
        x += width
    return placed


def paint_chart(painter: QPainter, rect: QRectF, data: ChartData, colours: Colours,
                font: QFont) -> None:
    geometry = _geometry(data, rect.width(), font)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    captions = _captions()
    totals = (data.given, data.offered)
    for index, segments in enumerate((data.give, data.offer)):
        top = rect.top() + index * (geometry.row + BAR_GAP)
        bar = _bar_rect(rect, geometry, top)
        painter.setPen(colours.text)
        painter.drawText(QRectF(rect.left(), top, geometry.caption, geometry.row),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         captions[index])
        _paint_bar(painter, bar, _place(segments, bar, data.scale), colours, metrics)
        if not segments or totals[index] <= 0:
            painter.setPen(colours.muted)
            painter.drawText(bar.adjusted(8, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter,
                             say.nothing())
        painter.setPen(colours.text)
        painter.drawText(QRectF(bar.right(), top, geometry.value, geometry.row),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         say.number(totals[index]))
    _paint_legend(painter, rect, geometry, colours, font)
    painter.restore()


def _paint_bar(painter: QPainter, bar: QRectF, placed: list[tuple[QRectF, Segment]],
               colours: Colours, metrics: QFontMetricsF) -> None:
    track = QPainterPath()
    track.addRoundedRect(bar, 4, 4)
    painter.fillPath(track, colours.track)
    painter.save()
    painter.setClipPath(track)
    for box, segment in placed:
        colour = QColor(colours.parts[segment.part])
        if segment.hatched:
            colour = colour.lighter(125)
        painter.fillRect(box, colour)
        if segment.hatched:
            painter.fillRect(box, QBrush(QColor(*style.HATCH_RGBA),
                                         Qt.BrushStyle.BDiagPattern))
        text = metrics.elidedText(segment.label, Qt.TextElideMode.ElideRight, box.width() - 10)
        if len(text) > 3 or text == segment.label:
            painter.setPen(style.readable_on(colour))
            painter.drawText(box.adjusted(5, 0, -5, 0), Qt.AlignmentFlag.AlignVCenter, text)
    painter.setPen(QPen(colours.separator, 1.5))
    for box, _ in placed[1:]:
        painter.drawLine(QPointF(box.left(), box.top()), QPointF(box.left(), box.bottom()))
    painter.restore()


def _paint_legend(painter: QPainter, rect: QRectF, geometry: _Geometry, colours: Colours,
                  font: QFont) -> None:
    small = _small(font)
    painter.setFont(small)
    top = rect.top() + geometry.bars_height + LEGEND_GAP
    for line in geometry.legend_lines:
        for x, (part, words, hatched) in line:
            swatch = QRectF(rect.left() + x, top + (geometry.legend_row - SWATCH) / 2,
                            SWATCH, SWATCH)
            painter.fillRect(swatch, QColor(colours.parts[part]).lighter(125 if hatched else 100))
            if hatched:
                painter.fillRect(swatch, QBrush(QColor(*style.HATCH_RGBA),
                                                Qt.BrushStyle.BDiagPattern))
            painter.setPen(colours.muted)
            painter.drawText(QRectF(swatch.right() + 5, top, 1000, geometry.legend_row),
                             Qt.AlignmentFlag.AlignVCenter, words)
        top += geometry.legend_row
    painter.setFont(font)
