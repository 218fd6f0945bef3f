"""Python's cycle collector runs on the GUI thread only (ui/collector.py): a pass on a worker
freed a Qt object made on the GUI thread there, and its destructor and the GUI thread each
waited for what the other held, for good."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from ui.collector import INTERVAL_MS, LATE_MS, GuiThreadCollector
from ui.tasks import cycle_collection_paused
from ui.turns import END_OF_TURN, JUST_NOW_MS, StepsInTurns, a_long_step_just_ended


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


def test_a_late_tick_leaves_its_pass_to_the_next_tick(passes: list[tuple[int, int]]) -> None:
    """A tick that comes late follows a turn that held the GUI thread: a pass straight after
    it would make one long gap of the two."""
    collector = GuiThreadCollector()  # not started: its ticks are called here
    gc.collect()
    passes.clear()
    cyclic_garbage(gc.get_threshold()[0] * 2)
    time.sleep((INTERVAL_MS + LATE_MS) / 1000 + 0.03)  # a turn that held the thread
    assert collector.tick() is None
    assert passes == []
    assert collector.tick() == 0  # the next tick, on time
    cyclic_garbage(gc.get_threshold()[0] * 2)
    for _ in range(2):  # late twice in a row: the pass is put off once, not for good
        time.sleep((INTERVAL_MS + LATE_MS) / 1000 + 0.03)
        took = collector.tick()
    assert took == 0
    assert [generation for _, generation in passes] == [0, 0]


def test_a_tick_straight_after_a_long_step_leaves_its_pass_to_the_next_tick(
    qtbot: QtBot, passes: list[tuple[int, int]]
) -> None:
    """The end of a large PDF is one long step of 40 to 50 ms; a tick that fell due near its
    end is not late enough to tell, and a full pass straight after made one gap of 64 ms."""
    order: list[str] = []

    def steps() -> Iterator[object]:
        yield END_OF_TURN
        until = time.perf_counter() + 0.030  # the long step
        while time.perf_counter() < until:
            pass
        order.append("long step")
        yield None

    collector = GuiThreadCollector()  # not started: its ticks are called here
    gc.collect()
    passes.clear()
    cyclic_garbage(gc.get_threshold()[0] * 2)
    assert not a_long_step_just_ended()
    owner = QObject()
    work = StepsInTurns(steps(), owner)
    ticks: list[int | None] = []
    work.progressed.connect(  # the first turn to end after the long step
        lambda _: ticks.append(collector.tick()) if "long step" in order and not ticks
        else None)
    with qtbot.waitSignal(work.finished, timeout=5_000):
        work.start()
    assert ticks == [None] and passes == []  # on time, but straight after the long step
    time.sleep(JUST_NOW_MS / 1000 + 0.005)
    assert not a_long_step_just_ended()
    assert collector.tick() == 0


# Run in a process of its own: starting and stopping a collector here would undo the one the
# test session runs (tests/support/gui_thread.py).
FROZEN_AT_THE_START = """
import gc, weakref
from PySide6.QtCore import QCoreApplication
from ui.collector import collect_on_gui_thread

class Node:
    pass

app = QCoreApplication([])
held = [[index] for index in range(5_000)]  # alive at the start, as the app's imports are
loop = Node()
loop.self = loop  # a cycle dropped before the start
gone = weakref.ref(loop)
del loop
collector = collect_on_gui_thread(app)
assert gone() is None, "the garbage made before the start was collected, not frozen"
assert not gc.isenabled()
walked = {id(found) for found in gc.get_objects()}
assert id(held) not in walked and not any(id(item) in walked for item in held)
assert gc.get_freeze_count() > len(held)
made = [[index] for index in range(100)]
walked = {id(found) for found in gc.get_objects()}
assert id(made) in walked and all(id(item) in walked for item in made)
collector.stop()
assert gc.isenabled() and gc.get_freeze_count() == 0
print("ok")
"""


def test_what_the_app_holds_when_the_collector_starts_is_left_out_of_its_passes() -> None:
    """Nearly all of what the app holds before its first window (its modules, classes and
    functions) lives as long as it does: 58,000 of the 74,000 objects a full pass walked
    with the large vault open. Frozen at the start, after one pass, they are walked no
    more; the garbage already made is collected first, not frozen; `stop` gives them back."""
    result = subprocess.run([sys.executable, "-c", FROZEN_AT_THE_START],
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ok"]
