"""Focus is plain to see (WCAG 2.4.7, 2.4.11): a focused button or tick box is ringed in a
colour that stands out 3:1 from what was there, all around it, in the app's style."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ring_pixels(before: QImage, after: QImage) -> int:
    """Pixels whose colour changed by at least 3:1 when the focus came."""
    changed = 0
    for y in range(before.height()):
        for x in range(before.width()):
            if contrast(before.pixelColor(x, y), after.pixelColor(x, y)) >= 3.0:
                changed += 1
    return changed


@pytest.mark.parametrize("kind", [QPushButton, QCheckBox])
def test_a_focused_control_is_ringed_in_a_colour_that_stands_out(
    qtbot: QtBot, tmp_path: Path, kind: type[QWidget]
) -> None:
    window = MainWindow(tmp_path / "vault")  # the app's style is in place once a window is
    qtbot.addWidget(window)
    holder = QWidget()
    qtbot.addWidget(holder)
    row = QHBoxLayout(holder)
    control = kind("Share")  # type: ignore[call-arg]
    other = QPushButton("Other")
    row.addWidget(control)
    row.addWidget(other)
    if isinstance(control, QPushButton):
        control.setDefault(True)  # the default button looked the same focused or not
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    before = control.grab().toImage()
    qtbot.keyClick(other, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)  # the keyboard
    qtbot.waitUntil(control.hasFocus)
    after = control.grab().toImage()
    perimeter = 2 * (control.width() + control.height())
    assert ring_pixels(before, after) >= perimeter, "focus hardly changes how it looks"
