"""A process that starts a window, reports when it is painted and when it is idle, and quits.

    python -m benchmarks.startup_probe bare            # PySide6 and an empty window
    python -m benchmarks.startup_probe app VAULT_DIR   # the app, as `main.py --vault DIR`
    ... --quiet SECONDS                                 # the quiet that ends the watch

It prints one line, `ready SCREEN PAINTED IDLE`, and quits: the report the app itself
makes when ZPV_REPORT_STARTUP asks for it (ui/startup_report.py, which says what the two
clock readings mean). The bare window is watched by the same code, so the probe costs both
sides the same; an installed app (benchmarks/bench_package.py) reports the same way.
"""

from __future__ import annotations

import os
import sys

from ui import startup_report


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(960, 640)
    startup_report.StartupReport(window, quit_when_idle=True)
    window.show()
    return app.exec()


def app(vault_dir: str) -> int:
    from ui import app as ui_app

    os.environ[startup_report.ENV] = "quit"
    return ui_app.main(["--vault", vault_dir])


def main(argv: list[str]) -> int:
    if "--quiet" in argv:
        at = argv.index("--quiet")
        startup_report.QUIET = float(argv[at + 1])
        del argv[at:at + 2]
    if argv[:1] == ["bare"]:
        return bare()
    return app(argv[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
