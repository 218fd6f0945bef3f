"""Report when start-up is over, for measuring the app from outside (ZPV_REPORT_STARTUP).

An installed app (the wheel's launcher, the bundle under /opt) runs no code but its own, so
it reports its start-up itself when the environment asks: with ZPV_REPORT_STARTUP set it
prints one line on standard output,

    ready SCREEN PAINTED IDLE

SCREEN the class of the screen shown (UnlockPage on an existing vault), PAINTED and IDLE two
readings of the system's monotonic clock (`time.monotonic` in every process, so a parent
can subtract the moment it spawned this one):

- PAINTED: the top-level window received its first Paint event and the event loop came
  back round, so the whole window has been painted;
- IDLE: start-up has finished: the last moment, after PAINTED, at which the process was
  still working, found by watching it until it has been quiet for QUIET seconds: every
  TICK the process's CPU time (all threads) and the thread pool are read, and a tick that
  used more than BUSY_CPU of CPU, or found a pool thread running, counts as work. Work that
  start-up leaves queued (events, zero timers, background imports) all ends before IDLE;
  equal to PAINTED when nothing runs after the paint.

With ZPV_REPORT_STARTUP=quit the app then quits (a whole-process timing ends there);
with any other value it goes on running. The benchmarks' bare window reports the same way
(benchmarks/startup_probe.py), so both sides pay the same for being watched.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

ENV = "ZPV_REPORT_STARTUP"
MARKER = "ready"
TICK_MS = 2
BUSY_CPU = 0.001  # seconds of CPU in one tick (half a core) that count as work
QUIET = 0.25  # seconds without work after which start-up is over
GIVE_UP = 20.0  # seconds after the paint: a start-up that never settles is reported as such


def shown_screen(window: QWidget) -> str:
    """The class name of what the window shows, through its stacks of screens."""
    widget: QWidget | None = (
        window.centralWidget() if isinstance(window, QMainWindow) else window)
    while isinstance(widget, QStackedWidget) and widget.currentWidget() is not None:
        widget = widget.currentWidget()
    return type(widget if widget is not None else window).__name__


class StartupReport(QObject):
    """Watches a top-level window (an event filter on it) and prints the report line."""

    def __init__(self, window: QWidget, *, quit_when_idle: bool,
                 quiet: float | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._quit_when_idle = quit_when_idle
        self._quiet = QUIET if quiet is None else quiet
        self._painted_at = 0.0
        self._last_work = 0.0
        self._cpu = 0.0
        self._ticker: QTimer | None = None
        self._pool = QThreadPool.globalInstance()
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        self._painted_at = self._last_work = time.monotonic()
        self._cpu = time.process_time()
        self._ticker = QTimer(self)
        self._ticker.setTimerType(Qt.TimerType.PreciseTimer)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()

    def _tick(self) -> None:
        now, cpu = time.monotonic(), time.process_time()
        if cpu - self._cpu > BUSY_CPU or self._pool.activeThreadCount() > 0:
            self._last_work = now
        self._cpu = cpu
        settled = now - self._last_work >= self._quiet
        if not settled and now - self._painted_at <= GIVE_UP:
            return
        assert self._ticker is not None
        self._ticker.stop()
        idle = self._last_work if settled else float("inf")
        print(f"{MARKER} {shown_screen(self._window)} {self._painted_at:.6f} {idle:.6f}",
              file=sys.stdout, flush=True)
        if self._quit_when_idle:
            QCoreApplication.quit()
