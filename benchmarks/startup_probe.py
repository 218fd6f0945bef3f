"""A process that starts a window, reports when it is painted and when it is idle, and quits.

    python -m benchmarks.startup_probe bare            # PySide6 and an empty window
    python -m benchmarks.startup_probe app VAULT_DIR   # the app, as `main.py --vault DIR`
    ... --quiet SECONDS                                 # the quiet that ends the watch

It prints one line, `ready PAINTED IDLE`: two readings of the system's monotonic
clock (the clock `time.monotonic` reads in every process, so the parent can
subtract the moment it spawned this one):

- PAINTED: the top-level window received its first Paint event and the event
  loop came back round, so the whole window has been painted;
- IDLE: start-up has finished: the last moment, after PAINTED, at which the
  process was still working, found by watching it until it has been quiet for
  QUIET seconds: every TICK the process's CPU time (all threads) and the thread
  pool are read, and a tick that used more than BUSY_CPU of CPU, or found a pool
  thread running, counts as work. Work that start-up leaves queued (events,
  zero timers, background imports, pages built one per turn) all ends before
  IDLE; equal to PAINTED when nothing runs after the paint.

Both modes watch the same way, through the top-level window's own `event()`,
so the probe costs both the same.
"""

from __future__ import annotations

import sys
import time

MARKER = "ready"
TICK_MS = 2
BUSY_CPU = 0.001  # seconds of CPU in one tick (half a core) that count as work
QUIET = 0.25  # seconds without work after which start-up is over (--quiet)
GIVE_UP = 20.0  # seconds after the paint: a start-up that never settles is reported as such


def _watch(cls: type, quiet: float) -> type:
    """A subclass of a top-level widget class that reports its first paint and the idle
    moment after it, then quits."""
    from PySide6.QtCore import QCoreApplication, QEvent, Qt, QThreadPool, QTimer

    class Watched(cls):  # type: ignore[valid-type, misc]
        _painted = False

        def event(self, event: QEvent) -> bool:
            if not Watched._painted and event.type() == QEvent.Type.Paint:
                Watched._painted = True
                QTimer.singleShot(0, _painted)
            return bool(super().event(event))

    pool = QThreadPool.globalInstance()
    state: dict[str, float] = {}

    def _painted() -> None:
        now = time.monotonic()
        state.update(painted=now, last_work=now, cpu=time.process_time())
        ticker = QTimer(QCoreApplication.instance())
        ticker.setTimerType(Qt.TimerType.PreciseTimer)
        ticker.setInterval(TICK_MS)
        ticker.timeout.connect(_tick)
        ticker.start()

    def _tick() -> None:
        now, cpu = time.monotonic(), time.process_time()
        if cpu - state["cpu"] > BUSY_CPU or pool.activeThreadCount() > 0:
            state["last_work"] = now
        state["cpu"] = cpu
        if now - state["last_work"] >= quiet or now - state["painted"] > GIVE_UP:
            idle = state["last_work"] if now - state["painted"] <= GIVE_UP else float("inf")
            print(f"{MARKER} {state['painted']:.6f} {idle:.6f}", flush=True)
            QCoreApplication.quit()

    return Watched


def bare(quiet: float) -> int:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = _watch(QWidget, quiet)()
    window.resize(960, 640)
    window.show()
    return app.exec()


def app(vault_dir: str, quiet: float) -> int:
    import ui.main_window
    from ui import app as ui_app

    ui.main_window.MainWindow = _watch(ui.main_window.MainWindow, quiet)  # type: ignore[misc]
    return ui_app.main(["--vault", vault_dir])


def main(argv: list[str]) -> int:
    quiet = QUIET
    if "--quiet" in argv:
        at = argv.index("--quiet")
        quiet = float(argv[at + 1])
        del argv[at:at + 2]
    if argv[:1] == ["bare"]:
        return bare(quiet)
    return app(argv[1], quiet)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
