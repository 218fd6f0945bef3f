"""The Qt binding in use does not leak references to None (PySide6 6.12.0 did, on Python
3.11, and the interpreter aborted after a few thousand calls into Qt)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_calls_into_qt_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(10_000):
        label.setText("x")
        label.hide()
    assert abs(sys.getrefcount(None) - before) < 100
