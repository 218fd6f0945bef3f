"""A process that starts a window, prints a marker once it has painted, and quits.

    python -m benchmarks.startup_probe bare            # PySide6 and an empty window
    python -m benchmarks.startup_probe app VAULT_DIR   # the app, as `main.py --vault DIR`

The parent (bench_cold_start) times from spawning this process to reading the
marker. "Painted" means: the top-level window received its first Paint event,
and the event loop then came back round, so the whole window (every child of
it) has been painted and flushed to the (offscreen) screen. Both modes watch the
same way, through the top-level window's own `event()`, so the probe costs both
the same.
"""

from __future__ import annotations

import sys

MARKER = "painted"


def _watch(cls: type) -> type:
    """A subclass of a top-level widget class that quits after its first complete paint."""
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer

    class Watched(cls):  # type: ignore[valid-type, misc]
        _painted = False

        def event(self, event: QEvent) -> bool:
            if not Watched._painted and event.type() == QEvent.Type.Paint:
                Watched._painted = True
                QTimer.singleShot(0, _painted)
            return bool(super().event(event))

    def _painted() -> None:
        print(MARKER, flush=True)
        QCoreApplication.quit()

    return Watched


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = _watch(QWidget)()
    window.resize(960, 640)
    window.show()
    return app.exec()


def app(vault_dir: str) -> int:
    import ui.main_window
    from ui import app as ui_app

    ui.main_window.MainWindow = _watch(ui.main_window.MainWindow)  # type: ignore[misc]
    return ui_app.main(["--vault", vault_dir])


if __name__ == "__main__":
    if sys.argv[1:2] == ["bare"]:
        sys.exit(bare())
    sys.exit(app(sys.argv[2]))
