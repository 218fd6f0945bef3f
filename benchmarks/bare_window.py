"""A bare PySide6 window in a process of its own: the baseline of the GUI's memory.

    python -m benchmarks.bare_window WIDTH HEIGHT [QT_MODULE ...]   # prints its RSS in MB

It imports the Qt modules it is given (the ones the app had loaded, so their
libraries are mapped here too), makes a QApplication and an empty QWidget of
the app window's size, shows it, lets it paint, and prints the process's
resident memory: what Python, Qt and a window cost before any code of ours.
"""

from __future__ import annotations

import importlib
import sys

from .gui_probe import rss_mb


def main(width: int, height: int, modules: list[str]) -> float:
    for name in modules:
        importlib.import_module(name)
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(width, height)
    window.show()
    app.processEvents()
    window.repaint()
    app.processEvents()
    return rss_mb()


if __name__ == "__main__":
    print(f"{main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]):.1f}")
