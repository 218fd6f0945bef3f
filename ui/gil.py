"""The GUI thread gets Python's GIL back within about a millisecond of asking for it, not
five.

PySide lets go of the GIL around each call into Qt, and Python around each read, write and
wait; the GUI thread takes it back after each. While a worker runs Python, a thread that
wants it back waits for the switch interval (5 ms unless set) before the worker is asked to
hand it over, and a turn of the event loop that calls into Qt ten times can wait ten times.
The HTML report of the large benchmark vault, written on a worker, held the GUI thread's
5 ms heartbeat for up to 44 and 49 ms in two runs, asleep; with 1 ms, for up to 30 and 26
ms, on the GUI thread's own work, and the export took as long (32 to 35 s). The price is
more hand-overs between threads that are all busy, which no one waits for.
"""

from __future__ import annotations

import sys

SWITCH_INTERVAL = 0.001  # seconds


def hand_the_gil_over_quickly() -> None:
    """For the whole process: set once, at the start of the app."""
    sys.setswitchinterval(SWITCH_INTERVAL)
