"""The idle lock hears a person's input where the platform delivers it, the window, and
never sits in the path of every widget's events (each call into Python there waits for the
GIL while a worker runs Python: a repaint took 380 ms instead of 8)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.idle import IdleWatcher

COUNTDOWN_MS = 400


def shown_window(qtbot: QtBot, labels: int = 1) -> QWidget:
    window = QWidget()
    layout = QVBoxLayout(window)
    for index in range(labels):
        layout.addWidget(QLabel(f"label {index}"))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize("made", ["before the window", "after the window"])
def test_input_to_a_window_restarts_the_countdown(qtbot: QtBot, made: str) -> None:
    owner = QObject()
    watcher = IdleWatcher(owner) if made == "before the window" else None
    window = shown_window(qtbot)
    watcher = watcher or IdleWatcher(owner)
    qtbot.waitUntil(lambda: window.windowHandle() is not None and window.windowHandle().isActive(),
                    timeout=5_000)
    fired: list[float] = []
    watcher.idle.connect(lambda: fired.append(time.perf_counter()))
    started = time.perf_counter()
    watcher.start(COUNTDOWN_MS)
    handle = window.windowHandle()
    for _ in range(3):  # input every 200 ms keeps it from firing
        qtbot.wait(COUNTDOWN_MS // 2)
        QTest.keyClick(handle, Qt.Key.Key_A)
        QTest.mouseMove(handle, QPoint(5 + len(fired), 5))
    last_input = time.perf_counter()
    qtbot.waitUntil(lambda: bool(fired), timeout=5_000)
    assert fired[0] - started > 1.5 * COUNTDOWN_MS / 1000  # put off by the input
    assert fired[0] - last_input > 0.8 * COUNTDOWN_MS / 1000


def test_a_repaint_of_many_widgets_does_not_pass_through_the_watcher(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[QEvent.Type] = []

    def counting(self: IdleWatcher, watched: QObject, event: QEvent) -> bool:
        seen.append(event.type())
        return False

    monkeypatch.setattr(IdleWatcher, "eventFilter", counting)
    owner = QObject()
    watcher = IdleWatcher(owner)
    window = shown_window(qtbot, labels=60)
    watcher.start(60_000)
    qtbot.wait(50)
    seen.clear()
    for index, label in enumerate(window.findChildren(QLabel)):
        label.setText(f"changed {index}")
    qtbot.wait(50)  # laid out and painted: 60 widgets' events
    assert len(seen) < 10, [str(kind) for kind in seen]
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_A)
    assert QEvent.Type.KeyPress in seen  # while input still reaches it
