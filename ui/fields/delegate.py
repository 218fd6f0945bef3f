"""How the fields table draws and edits: category groups, sensitivity badges, value editors."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from zpd.fieldtypes import FieldDef, Sensitivity

from ..style import BADGES as BADGE_COLOURS
from ..style import Badge, Tone
from ..style import colour as colour_of
from .editors import MultiChoiceEditor, create_editor, editor_value, set_editor_value
from .model import CATEGORY, DEFINITION_ROLE, RAW_VALUE_ROLE, SENSITIVITY, VALUE

_Index = QModelIndex | QPersistentModelIndex

# Filled badges with their own text colour read the same on light and dark palettes.
BADGES = {
    Sensitivity.SPECIAL: Badge.SPECIAL_FIELD,
    Sensitivity.PERSONAL: Badge.PERSONAL_FIELD,
}
BADGE_PADDING = 8


def muted_text() -> QColor:
    return colour_of(Tone.MUTED)

BADGE_MARGIN = 6
COMPACT_EDITOR_WIDTH = 280  # spin boxes, dates and lists; text gets the whole cell


def _definition(index: _Index) -> FieldDef | None:
    definition = index.data(DEFINITION_ROLE)
    return definition if isinstance(definition, FieldDef) else None


def starts_group(index: _Index) -> bool:
    """Whether this row is the first shown of its category (the view may be filtered)."""
    if index.row() == 0:
        return True
    here = _definition(index)
    above = _definition(index.sibling(index.row() - 1, index.column()))
    return here is None or above is None or here.category is not above.category


class FieldsDelegate(QStyledItemDelegate):
    """Paints every column; creates the value column's editors and reports commits."""

    committed = Signal(str, object)  # field key, the value the person entered

    # -- painting --------------------------------------------------------------------

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        column = index.column()
        if column == CATEGORY:
            option.font.setBold(True)
            if not starts_group(index):
                option.text = ""
        elif column == VALUE and index.data(RAW_VALUE_ROLE) is None:
            option.text = self.tr("Not set")
            option.font.setItalic(True)
            colour = muted_text()
            option.palette.setColor(QPalette.ColorRole.Text, colour)
            option.palette.setColor(QPalette.ColorRole.HighlightedText, colour)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        if index.column() == SENSITIVITY:
            self._paint_badge(painter, option, index)
        else:
            super().paint(painter, option, index)
        if starts_group(index) and index.row() > 0:
            painter.save()
            painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Mid), 1))
            painter.drawLine(option.rect.topLeft(), option.rect.topRight())
            painter.restore()

    def _paint_badge(
        self, painter: QPainter, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        text, item.text = item.text, ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        definition = _definition(index)
        if definition is None or not text:
            return
        font = QFont(option.font)
        badge = BADGES.get(definition.sensitivity)
        if definition.sensitivity is Sensitivity.SPECIAL:
            font.setBold(True)
        painter.save()
        painter.setFont(font)
        metrics = painter.fontMetrics()
        width = metrics.horizontalAdvance(text) + 2 * BADGE_PADDING
        height = metrics.height() + 4
        rect = QRect(option.rect.left() + BADGE_MARGIN,
                     option.rect.center().y() - height // 2 + 1, width, height)
        rect = rect.intersected(option.rect.adjusted(0, 1, 0, -1))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if badge is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(BADGE_COLOURS[badge].fill))
            text_colour = QColor(BADGE_COLOURS[badge].text)
        else:
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            text_colour = option.palette.color(role)
            outline = text_colour if selected else option.palette.color(QPalette.ColorRole.Mid)
            painter.setPen(QPen(outline, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        radius = height / 2
        painter.drawRoundedRect(rect.adjusted(0, 0, -1, -1), radius, radius)
        painter.setPen(text_colour)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        if index.column() == SENSITIVITY:
            font = QFont(option.font)
            font.setBold(True)
            text = str(index.data() or "")
            width = QFontMetrics(font).horizontalAdvance(text) + 2 * (BADGE_PADDING + BADGE_MARGIN)
            size.setWidth(max(size.width(), width))
        size.setHeight(max(size.height(), option.fontMetrics.height() + 12))
        return size

    def widest(self, option: QStyleOptionViewItem, first: _Index, texts: set[str]) -> int:
        """The widest `sizeHint` any of `texts` would have in `first`'s column, from the font's
        metrics: a size hint per cell took milliseconds of the turn that shows the table."""
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, first)
        metrics = QFontMetrics(item.font)
        overhead = (QStyledItemDelegate.sizeHint(self, option, first).width()
                    - metrics.horizontalAdvance(item.text))
        # + 1: a text laid out in a cell may round a pixel wider than its advance.
        widest = max((metrics.horizontalAdvance(text) for text in texts), default=0) + overhead + 1
        if first.column() == SENSITIVITY:
            bold = QFont(item.font)
            bold.setBold(True)
            metrics = QFontMetrics(bold)
            widest = max(widest, max((metrics.horizontalAdvance(text) for text in texts),
                                     default=0) + 2 * (BADGE_PADDING + BADGE_MARGIN))
        return widest

    # -- editing ---------------------------------------------------------------------

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> QWidget:
        definition = _definition(index)
        if index.column() != VALUE or definition is None:  # never editable: see the model
            return super().createEditor(parent, option, index)
        editor = create_editor(definition, parent)
        editor.setAutoFillBackground(True)
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:  # noqa: N802
        definition = _definition(index)
        if definition is not None:
            set_editor_value(editor, definition, index.data(RAW_VALUE_ROLE))

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: _Index
    ) -> None:
        """Never writes the model: the page saves to the vault, and the table follows."""
        definition = _definition(index)
        if definition is None:
            return
        value = editor_value(editor, definition)
        if value is None or value == index.data(RAW_VALUE_ROLE):
            return
        self.committed.emit(definition.key, value)

    def updateEditorGeometry(  # noqa: N802
        self, editor: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        rect = QRect(option.rect)
        if not isinstance(editor, QLineEdit):
            rect.setWidth(min(rect.width(), max(COMPACT_EDITOR_WIDTH, editor.sizeHint().width())))
        if isinstance(editor, MultiChoiceEditor):
            # The list drops down over the rows below (or rises above, near the bottom).
            view = option.widget
            bounds = view.viewport().rect() if isinstance(view, QAbstractItemView) else rect
            height = min(editor.preferred_height(), bounds.height())
            rect.setHeight(height)
            if rect.bottom() > bounds.bottom():
                rect.moveBottom(option.rect.bottom())
            if rect.top() < bounds.top():
                rect.moveTop(bounds.top())
        editor.setGeometry(rect)
