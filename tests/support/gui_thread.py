"""The GUI thread as the app runs it (ui/app.py), for tests that run the app's windows with
its workers: Python's cycle collector on the GUI thread only (a pass on a worker that frees a
Qt object made on the GUI thread can deadlock with it: docs/performance.md, section 9), and
the GIL handed over to it as quickly (ui/gil.py).

The app freezes what it holds when the collector starts, so a full pass walks only what was
made since (ui/collector.py). A test session holds far more than the app: every test module
and what earlier tests left, 157,000 objects by the end of the UI tests, and a full pass over
them took up to 103 ms on the GUI thread, failing whichever stall test it fell in. So each
test starts with what came before it frozen, as the app starts (`walk_only_what_comes_next`).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication


@contextmanager
def gui_thread_as_in_the_app(app: QCoreApplication) -> Iterator[None]:
    from ui.collector import collect_on_gui_thread
    from ui.gil import hand_the_gil_over_quickly

    interval = sys.getswitchinterval()
    collector = collect_on_gui_thread(app)
    hand_the_gil_over_quickly()
    try:
        yield
    finally:
        collector.stop()
        sys.setswitchinterval(interval)


def walk_only_what_comes_next() -> None:
    """Free what earlier tests dropped, then leave everything still held out of the
    collector's passes, as the app does at its start (the session's `gui_thread_as_in_the_app`
    thaws it all when it stops)."""
    gc.collect()
    gc.freeze()
