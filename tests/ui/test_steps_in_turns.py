"""Work that must run on the GUI thread runs a few milliseconds at a time, in turns of the
event loop (ui/turns.py), so that timers, input and painting run between; it can be
stopped, and a failure is handed on rather than lost."""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QObject, Qt, QTimer
from pytestqt.qtbot import QtBot

from tests.ui.heartbeat import Heartbeat
from ui.turns import END_OF_TURN, FirstWaitsATurn, StepsInTurns, after_a_frame

STEP = 0.002  # seconds of work in each step


def busy_steps(count: int, ran: list[int], closed: list[bool]) -> Iterator[None]:
    try:
        for index in range(count):
            until = time.perf_counter() + STEP
            while time.perf_counter() < until:
                pass
            ran.append(index)
            yield
    finally:
        closed.append(True)


def test_the_steps_all_run_over_many_turns_with_the_loop_running_between(
    qtbot: QtBot,
) -> None:
    owner = QObject()
    ran: list[int] = []
    closed: list[bool] = []
    steps = StepsInTurns(busy_steps(150, ran, closed), owner)  # 0.3 s of work
    progress: list[int] = []
    steps.progressed.connect(progress.append)
    heartbeat = Heartbeat(interval_ms=5)
    heartbeat.start()
    with qtbot.waitSignal(steps.finished, timeout=10_000):
        steps.start()
    heartbeat.stop()
    assert ran == list(range(150)) and closed == [True]
    assert not steps.running
    assert len(progress) > 150 * STEP / StepsInTurns.BUDGET / 2  # many turns, not one
    assert progress == sorted(progress) and progress[-1] == 150
    assert heartbeat.beats > 10  # the loop's timers ran between the turns
    assert heartbeat.worst_own.own < 0.050, heartbeat.worst_own.describe()
    # Nothing left behind per turn: a weak reference each, as `QTimer.singleShot` keeps for
    # a method of its receiver, made every pass of the collector walk 24,000 of them by the
    # end of a large PDF.
    assert weakref.getweakrefcount(steps) < 3


def test_cancelled_steps_stop_and_the_work_is_closed(qtbot: QtBot) -> None:
    owner = QObject()
    ran: list[int] = []
    closed: list[bool] = []
    steps = StepsInTurns(busy_steps(1_000, ran, closed), owner)
    finished: list[bool] = []
    steps.finished.connect(lambda: finished.append(True))
    steps.start()
    qtbot.waitUntil(lambda: len(ran) > 10, timeout=5_000)
    steps.cancel()
    stopped_at = len(ran)
    assert closed == [True] and not steps.running
    qtbot.wait(100)
    assert len(ran) == stopped_at < 1_000 and not finished


def test_a_failing_step_is_handed_on_and_nothing_more_runs(qtbot: QtBot) -> None:
    ran: list[int] = []

    def failing() -> Iterator[None]:
        ran.append(1)
        yield
        raise OSError(28, "No space left on device")

    owner = QObject()
    steps = StepsInTurns(failing(), owner)
    with qtbot.waitSignal(steps.failed, timeout=5_000) as failed:
        steps.start()
    error = failed.args[0] if failed.args else None
    assert isinstance(error, OSError) and error.errno == 28
    assert ran == [1] and not steps.running


@pytest.mark.parametrize("count", [0, 1])
def test_a_short_piece_of_work_finishes(qtbot: QtBot, count: int) -> None:
    ran: list[int] = []
    closed: list[bool] = []
    owner = QObject()
    steps = StepsInTurns(busy_steps(count, ran, closed), owner)
    with qtbot.waitSignal(steps.finished, timeout=5_000):
        steps.start()
    assert len(ran) == count and closed == [True]


def test_the_end_comes_in_a_turn_of_its_own(qtbot: QtBot) -> None:
    """What the owner does when the steps end (a large PDF's pages let go) is not added to
    the turn of the last steps: the loop runs between."""
    order: list[str] = []

    def steps() -> Iterator[None]:
        yield
        QTimer.singleShot(0, lambda: order.append("the loop ran"))
        order.append("the last step")

    owner = QObject()
    work = StepsInTurns(steps(), owner)
    work.finished.connect(lambda: order.append("finished"))
    with qtbot.waitSignal(work.finished, timeout=5_000):
        work.start()
    assert order == ["the last step", "the loop ran", "finished"]


def test_a_step_said_to_be_long_starts_a_turn_of_its_own_once_what_is_due_has_run(
    qtbot: QtBot,
) -> None:
    """The end of a large PDF is one call into Qt of tens of milliseconds: run after the
    8 ms of steps a turn allows, it made a gap of 49 ms. Its steps say so beforehand; the
    turn ends there, and the timers due meanwhile (a frame's worth) run before it."""
    turns: list[int] = []  # the steps done at the end of each turn
    ticks: list[int] = []
    frame = QTimer()
    frame.setTimerType(Qt.TimerType.PreciseTimer)
    frame.timeout.connect(lambda: ticks.append(1))
    seen: dict[str, tuple[int, int]] = {}  # step: (turns ended, timer ticks) when it ran

    def steps() -> Iterator[object]:
        frame.start(5)
        seen["short"] = len(turns), len(ticks)
        yield END_OF_TURN  # the next step is long
        seen["long"] = len(turns), len(ticks)
        yield None

    owner = QObject()
    work = StepsInTurns(steps(), owner)
    work.progressed.connect(turns.append)
    with qtbot.waitSignal(work.finished, timeout=5_000):
        work.start()
    frame.stop()
    assert seen["long"][0] > seen["short"][0]  # a turn of its own
    assert seen["long"][1] > seen["short"][1]  # after the timer due in between
    assert turns[0] == 1


def test_a_long_step_whose_wait_was_held_up_waits_once_more(qtbot: QtBot) -> None:
    """Something else held the GUI thread while a long step waited (a full pass of the cycle
    collector): the timers that waited for it run before the long step, not after both."""
    order: list[str] = []

    def hold_the_thread() -> None:  # stands in for a collector's pass of 30 ms
        until = time.perf_counter() + 0.030
        while time.perf_counter() < until:
            pass
        order.append("held")

    timers = [precise_once(8, hold_the_thread),
              # Due after the long step's wait (16 ms): without the second wait, the long
              # step would run first, straight after the 30 ms.
              precise_once(20, lambda: order.append("timer"))]

    def steps() -> Iterator[object]:
        for timer in timers:
            timer.start()
        yield END_OF_TURN
        order.append("long step")
        yield None

    owner = QObject()
    work = StepsInTurns(steps(), owner)
    with qtbot.waitSignal(work.finished, timeout=5_000):
        work.start()
    assert order == ["held", "timer", "long step"]


def test_a_piece_after_a_frame_whose_wait_was_held_up_waits_once_more(qtbot: QtBot) -> None:
    """The Brands page builds its details panel a frame after its first paint: when something
    held the thread meanwhile, the timers that waited run first, not the panel straight after
    the hold."""
    order: list[str] = []

    def hold_the_thread() -> None:
        until = time.perf_counter() + 0.030
        while time.perf_counter() < until:
            pass
        order.append("held")

    timers = [precise_once(8, hold_the_thread), precise_once(20, lambda: order.append("timer"))]
    for timer in timers:
        timer.start()
    owner = QObject()
    after_a_frame(owner, lambda: order.append("piece"))
    qtbot.waitUntil(lambda: "piece" in order, timeout=5_000)
    assert order == ["held", "timer", "piece"]


def test_a_piece_after_a_frame_not_held_up_runs_after_one_frame(qtbot: QtBot) -> None:
    ran: list[float] = []
    owner = QObject()
    start = time.perf_counter()
    after_a_frame(owner, lambda: ran.append(time.perf_counter() - start))
    qtbot.waitUntil(lambda: bool(ran), timeout=5_000)
    assert 0.010 < ran[0] < 0.030


def test_the_first_call_waits_a_turn_with_the_newest_values_then_calls_go_through(
    qtbot: QtBot,
) -> None:
    """A page's first rows wait for a turn after its first paint; rows that come while they
    wait replace them, and later rows are shown at once."""
    shown: list[str] = []
    owner = QObject()
    show = FirstWaitsATurn(owner, shown.append)
    show("old")
    QTimer.singleShot(0, lambda: shown.append("the loop ran"))  # posted: a paint, say
    show("new")
    assert shown == []
    qtbot.waitUntil(lambda: "new" in shown, timeout=5_000)
    assert shown == ["the loop ran", "new"]
    show("later")
    assert shown == ["the loop ran", "new", "later"]


def test_what_waits_for_its_turn_is_dropped_when_forgotten(qtbot: QtBot) -> None:
    """The vault locked while a brand waited to be shown: it is not shown after the lock."""
    shown: list[str] = []
    owner = QObject()
    show = FirstWaitsATurn(owner, shown.append)
    show("before the lock")
    show.forget()
    qtbot.wait(50)
    assert shown == []
    show("after")  # the first wait is spent: shown at once
    assert shown == ["after"]


def precise_once(ms: int, call: Callable[[], None]) -> QTimer:
    timer = QTimer()
    timer.setSingleShot(True)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(ms)
    timer.timeout.connect(call)
    return timer
