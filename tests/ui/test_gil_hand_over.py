"""While a worker runs Python, the GUI thread gets the GIL back within about a millisecond
each time it let go of it (ui/gil.py): a turn of the event loop lets go of it at every call
into Qt, and with CPython's 5 ms a turn that did so ten times waited some 50 ms."""

from __future__ import annotations

import statistics
import sys
import threading
import time

from ui.gil import SWITCH_INTERVAL

HAND_OVERS = 10  # a turn's calls into Qt, each letting go of the GIL and taking it back
TURNS = 40
LIMIT = 0.025  # seconds for the ten, against some 0.05 with the default


def python_until(stop: threading.Event) -> None:
    total = 0
    while not stop.is_set():
        for number in range(1_000):
            total += number


def median_turn() -> float:
    """The median time of HAND_OVERS hand-overs of the GIL on this thread, while a worker
    runs nothing but Python."""
    stop = threading.Event()
    worker = threading.Thread(target=python_until, args=(stop,))
    worker.start()
    try:
        time.sleep(0.02)
        turns = []
        for _ in range(TURNS):
            started = time.perf_counter()
            for _ in range(HAND_OVERS):
                time.sleep(0)  # lets go of the GIL, then waits to take it back
            turns.append(time.perf_counter() - started)
    finally:
        stop.set()
        worker.join(timeout=30)
    assert not worker.is_alive()
    return statistics.median(turns)


def test_the_gui_thread_takes_the_gil_back_within_a_millisecond_or_so() -> None:
    assert sys.getswitchinterval() == SWITCH_INTERVAL, "the UI tests run as the app does"
    took = median_turn()
    assert took < LIMIT, f"{HAND_OVERS} hand-overs of the GIL took {took * 1000:.1f} ms"
