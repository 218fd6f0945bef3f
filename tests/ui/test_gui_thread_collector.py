"""Python's cycle collector runs on the GUI thread only (ui/collector.py): a pass on a worker
freed a Qt object made on the GUI thread there, and its destructor and the GUI thread each
waited for what the other held, for good."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from ui.collector import GuiThreadCollector
from ui.tasks import cycle_collection_paused


@pytest.fixture
def passes() -> Iterator[list[tuple[int, int]]]:
    """(thread ident, generation) of each pass of the collector while the test runs."""
    seen: list[tuple[int, int]] = []

    def called(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append((threading.get_ident(), int(info["generation"])))

    gc.callbacks.append(called)
    yield seen
    gc.callbacks.remove(called)


def cyclic_garbage(count: int) -> None:
    for _ in range(count):
        loop: list[object] = []
        loop.append(loop)


def test_a_worker_making_garbage_never_runs_a_pass_the_gui_thread_does(
    qtbot: QtBot, passes: list[tuple[int, int]]
) -> None:
    assert not gc.isenabled(), "the session's collector turned the automatic one off"
    orphan = QObject()  # a Qt object in a cycle, as a closed dialog can be
    orphan.setProperty("self", orphan)
    holder: list[object] = [orphan]
    holder.append(holder)
    del orphan, holder
    worker = threading.Thread(target=cyclic_garbage, args=(50_000,))
    worker.start()
    worker.join(30)
    assert not [p for p in passes if p[0] != threading.get_ident()], passes
    qtbot.waitUntil(lambda: any(p[0] == threading.get_ident() for p in passes), timeout=5_000)


def test_the_passes_wait_for_a_pause_and_follow_the_thresholds(
    qtbot: QtBot, passes: list[tuple[int, int]]
) -> None:
    collector = GuiThreadCollector()
    gc.collect()
    passes.clear()
    assert collector.collect_if_due() is None  # nothing made since
    with cycle_collection_paused():
        cyclic_garbage(gc.get_threshold()[0] * 2)
        assert collector.collect_if_due() is None
        assert passes == []
    assert collector.collect_if_due() == 0
    assert [generation for _, generation in passes] == [0]
