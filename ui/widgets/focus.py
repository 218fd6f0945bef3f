"""Focus that can be seen (WCAG 2.4.7): the app's style rings the control that has the
keyboard focus 2 px all around (the text colour outside, the highlight inside) on every
button, tick box and choice, whatever the platform style draws (Fusion's is a faint tint)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

RINGED = (
    QStyle.ControlElement.CE_PushButton,
    QStyle.ControlElement.CE_CheckBox,
    QStyle.ControlElement.CE_RadioButton,
)


class FocusRingStyle(QProxyStyle):
    def drawControl(self, element: QStyle.ControlElement, option: QStyleOption,  # noqa: N802
                    painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawControl(element, option, painter, widget)
        if element in RINGED and option.state & QStyle.StateFlag.State_HasFocus:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp pixels
            painter.setBrush(Qt.BrushStyle.NoBrush)
            # Outside, the text colour, which stands out from the window and from the tint
            # the style gives a default button's edge; inside, the highlight.
            colours = (option.palette.windowText().color(), option.palette.highlight().color())
            for inset, colour in enumerate(colours):
                painter.setPen(QPen(colour, 1))
                painter.drawRect(option.rect.adjusted(inset, inset, -1 - inset, -1 - inset))
            painter.restore()


def install_focus_rings() -> None:
    """Once per application (later calls do nothing)."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and not isinstance(app.style(), FocusRingStyle):
        app.setStyle(FocusRingStyle(app.style().name()))
