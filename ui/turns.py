"""Work in a later turn of the event loop, so that the GUI thread comes up for air between.

`QTimer.singleShot(0, call)` is a queued call: it runs in the same batch as the events
already posted (the paint that the turn before asked for), with no timer, input or
heartbeat in between. `later(call)` waits for the next pass of the loop's timers, after
those events: one turn paints, another does the next piece of work.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, QTimer, Signal

from .tasks import log_if_unexpected

# Yielded by the steps before one that takes long in a single call (tens of milliseconds):
# the turn ends there, and the long step waits for a frame's time, so that what is due
# (timers, input, painting) has run when it starts rather than after it.
END_OF_TURN = object()
BEFORE_A_LONG_STEP_MS = 16
# The wait before a long step ended this much past its time: something else held the thread
# meanwhile (a full pass of the cycle collector, 15 to 24 ms), and the timers and input that
# waited for it have not run yet. The long step waits once more, so the two make two gaps,
# not one.
LATE_FOR_A_LONG_STEP_MS = 5
NEXT_TURN_MS = 1  # as `later`: after the events already posted
# What ran within this long of the end of a long step runs straight after it, in its gap.
JUST_NOW_MS = 5

_long_step_ended = float("-inf")  # perf_counter() at the end of the last long step


def a_long_step_just_ended() -> bool:
    """Whether a long step (one that waited for a turn of its own) ended a moment ago, so
    that more work now (a full pass of the collector) would make one gap of the two."""
    return (time.perf_counter() - _long_step_ended) * 1000 < JUST_NOW_MS


def later(owner: QObject, call: Callable[[], object]) -> None:
    """`call` in a later turn, unless `owner` is gone by then.

    Not for calling a method of `owner` turn after turn: for each such call PySide keeps a
    weak reference to `owner` until `owner` is deleted (StepsInTurns has a timer instead)."""
    QTimer.singleShot(1, owner, call)


def after_a_frame(owner: QObject, call: Callable[[], object]) -> None:
    """`call` in a turn of its own, a frame's time from now (once more if the wait ended late:
    something else held the thread meanwhile, and what waited for it goes first), unless
    `owner` is gone by then. For one piece of tens of milliseconds that should not share a
    turn with a paint that is due or a result that arrives meanwhile."""
    due = time.perf_counter() + BEFORE_A_LONG_STEP_MS / 1000

    def when_due() -> None:
        if time.perf_counter() - due > LATE_FOR_A_LONG_STEP_MS / 1000:
            QTimer.singleShot(BEFORE_A_LONG_STEP_MS, owner, call)
        else:
            call()

    QTimer.singleShot(BEFORE_A_LONG_STEP_MS, owner, when_due)


class FirstWaitsATurn:
    """Calls `show` with what it is given, except the first time, which waits for a later
    turn (so a page's first paint, or the widgets just built for it, has a turn of its own);
    what comes while it waits replaces it. `forget` drops what waits (the vault locked)."""

    def __init__(self, owner: QObject, show: Callable[..., object]) -> None:
        self._owner = owner
        self._show = show
        self._waited = False
        self._waiting: tuple[object, ...] | None = None

    def __call__(self, *args: object) -> None:
        if self._waiting is not None:
            self._waiting = args
        elif not self._waited:
            self._waited = True
            self._waiting = args
            later(self._owner, self._show_waiting)
        else:
            self._show(*args)

    def forget(self) -> None:
        self._waiting = None

    def _show_waiting(self) -> None:
        args, self._waiting = self._waiting, None
        if args is not None:
            self._show(*args)


class StepsInTurns(QObject):
    """Runs the steps of a generator on the GUI thread, a few milliseconds' worth a turn, so
    that input, painting and timers run between (for work that must be done on this thread,
    such as Qt's text layout: ui/report/paged.py).

    `progressed(steps done)` after each turn, then `finished` (in a turn of its own) or
    `failed(error)`. Once `cancel`led, no further step runs and the generator is closed. A
    step that yields END_OF_TURN ends its turn early; the long step after it waits a frame, and
    once more if something else held the thread meanwhile."""

    progressed = Signal(int)
    finished = Signal()
    failed = Signal(object)

    BUDGET = 0.008  # seconds of steps in one turn: well under the 50 ms a stall is

    def __init__(self, steps: Iterator[object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps: Iterator[object] | None = steps
        self._done = 0
        # One timer for every turn: `later(self, self._turn)` left a weak reference behind
        # per turn, 24,000 of them over a large PDF, walked by every pass of the collector.
        self._next_turn = QTimer(self)
        self._next_turn.setSingleShot(True)
        self._next_turn.timeout.connect(self._turn)
        self._long_step_due: float | None = None  # when, if the next step is long
        self._long_step_put_off = False

    @property
    def running(self) -> bool:
        return self._steps is not None

    def start(self) -> None:
        self._next_turn.start(NEXT_TURN_MS)

    def cancel(self) -> None:
        steps, self._steps = self._steps, None
        close = getattr(steps, "close", None)
        if close is not None:
            close()

    def _turn(self) -> None:
        if self._steps is None:
            return
        long_step = self._long_step_due is not None
        if self._held_up_before_a_long_step():
            return
        deadline = time.perf_counter() + self.BUDGET
        wait_ms = NEXT_TURN_MS
        try:
            while time.perf_counter() < deadline:
                said = next(self._steps)
                self._done += 1
                if long_step:
                    long_step = False
                    _note_the_end_of_a_long_step()
                if said is END_OF_TURN:
                    wait_ms = BEFORE_A_LONG_STEP_MS
                    self._long_step_due = time.perf_counter() + wait_ms / 1000
                    break
        except StopIteration:
            self._steps = None
            self.progressed.emit(self._done)
            # What the owner does at the end (let go of the work, check it) has a turn of
            # its own: with the last steps, one turn of a large PDF took 88 to 151 ms.
            later(self, self.finished.emit)
            return
        except Exception as error:  # handed on: the owner words it
            self._steps = None
            log_if_unexpected(error)
            self.failed.emit(error)
            return
        self.progressed.emit(self._done)
        self._next_turn.start(wait_ms)

    def _held_up_before_a_long_step(self) -> bool:
        """Whether the long step next waits once more: its wait ended late (at most once)."""
        due, self._long_step_due = self._long_step_due, None
        if due is None:
            return False
        late = time.perf_counter() - due > LATE_FOR_A_LONG_STEP_MS / 1000
        if not late or self._long_step_put_off:
            self._long_step_put_off = False
            return False
        self._long_step_put_off = True
        self._long_step_due = time.perf_counter() + BEFORE_A_LONG_STEP_MS / 1000
        self._next_turn.start(BEFORE_A_LONG_STEP_MS)
        return True


def _note_the_end_of_a_long_step() -> None:
    global _long_step_ended
    _long_step_ended = time.perf_counter()
