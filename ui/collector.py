"""Python's cycle collector, run on the GUI thread only.

Left to itself, the collector runs on whichever thread allocates when a generation fills
up: a worker too. A pass on a worker that frees a Qt object made on the GUI thread (a
closed dialog caught in a reference cycle) runs that object's C++ destructor there; the
destructor holds the object's connection lock while it calls back into Python and waits for
the GIL, and the GUI thread, holding the GIL, waits for that lock to connect a signal: both
wait for good (seen in the test suite, a review dialog painting its progress bar). So the
automatic collector is off, and a timer on the GUI thread runs the passes it would have
run, by the same thresholds; a full pass at most every FULL_PASS_SECONDS.

A full pass walks every object the collector tracks, and most of them are the modules,
classes and functions the app imported before its first window, which live as long as it
does: 58,000 of the 74,000 objects with the large benchmark vault open, and 20 to 35 ms of
each full pass on a 2-core machine. So what the process holds when the collector starts is
frozen out of its passes (`gc.freeze`, after one last pass): a full pass walks only what
was made since. The price: a reference cycle among those objects that is dropped later is
never freed. They are the app's imports and its application object, dropped at exit.

A tick that comes late comes after a turn that held the GUI thread (the end of a long PDF,
40 to 50 ms in one call into Qt): a pass then would run straight after it, before the timers
and input that waited, and a full one (up to 24 ms) made one gap of the two. So a late tick,
or one straight after a long step of `turns.StepsInTurns` (due late by less than LATE_MS: it
fell due near that step's end), leaves the pass to the next one (which runs it even if late
too: passes are never put off for long).
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, Qt, QTimer

from .tasks import collection_paused
from .turns import a_long_step_just_ended

INTERVAL_MS = 100
LATE_MS = 20  # a tick this much past its time follows a turn that held the thread
FULL_PASS_SECONDS = 10.0


class GuiThreadCollector(QObject):
    """Create and `start` on the GUI thread; `stop` gives the collection back to Python."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # its lateness is the thread's
        self._timer.timeout.connect(self.tick)
        self._last_full = time.monotonic()
        self._next_tick = time.monotonic() + INTERVAL_MS / 1000
        self._put_off = False

    def start(self) -> None:
        gc.disable()
        gc.collect()
        gc.freeze()
        self._last_full = time.monotonic()
        self._next_tick = time.monotonic() + INTERVAL_MS / 1000
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.unfreeze()
        gc.enable()

    def tick(self) -> int | None:
        """The timer's: `collect_if_due`, unless this tick is late and the last one was not
        (None then)."""
        now = time.monotonic()
        late = now - self._next_tick > LATE_MS / 1000 or a_long_step_just_ended()
        self._next_tick = now + INTERVAL_MS / 1000
        if late and not self._put_off:
            self._put_off = True
            return None
        self._put_off = False
        return self.collect_if_due()

    def collect_if_due(self) -> int | None:
        """The generation collected, or None: nothing due, or a pause (`cycle_collection_
        paused`) under way."""
        if collection_paused():
            return None
        thresholds, counts = gc.get_threshold(), gc.get_count()
        if thresholds[0] == 0 or counts[0] < thresholds[0]:
            return None
        generation = 0
        if counts[1] >= thresholds[1]:
            generation = 1
            full_due = time.monotonic() - self._last_full >= FULL_PASS_SECONDS
            if counts[2] >= thresholds[2] and full_due:
                generation = 2
        gc.collect(generation)
        if generation == 2:
            self._last_full = time.monotonic()
        return generation


def collect_on_gui_thread(parent: QObject) -> GuiThreadCollector:
    """Turn the automatic collector off and collect from `parent`'s (the GUI) thread."""
    collector = GuiThreadCollector(parent)
    collector.start()
    return collector
