"""Python's cycle collector on the GUI thread only, as the app runs it (ui/app.py), for
tests that run the app's windows with its workers: a pass on a worker that frees a Qt object
made on the GUI thread can deadlock with it (docs/performance.md, section 9)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication


@contextmanager
def collector_on_the_gui_thread(app: QCoreApplication) -> Iterator[None]:
    from ui.collector import collect_on_gui_thread

    collector = collect_on_gui_thread(app)
    try:
        yield
    finally:
        collector.stop()
