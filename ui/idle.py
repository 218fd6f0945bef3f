"""Lock after a while without input: any key, click or wheel restarts the countdown.

Input is watched on the app's windows (each `QWindow` as it gets the focus), where the
platform delivers it, never by a filter on the whole application: that filter is called
for every event of every widget (each paint, layout and timer), and each call into Python
waits for the GIL while a worker thread runs Python. With a worker busy, one repaint of a
page of 60 labels took 380 ms instead of 8 (docs/performance.md, section 9).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow

_INPUT = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._watch)
            for window in QGuiApplication.topLevelWindows():
                self._watch(window)

    def start(self, milliseconds: int) -> None:
        """Arm the countdown; 0 disables it."""
        self._timer.stop()
        self._timer.setInterval(milliseconds)
        if milliseconds > 0:
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _watch(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # again on the same window: still once

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT and self._timer.isActive():
            self._timer.start()
        return False
