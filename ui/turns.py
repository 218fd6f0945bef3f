"""Work in a later turn of the event loop, so that the GUI thread comes up for air between.

`QTimer.singleShot(0, call)` is a queued call: it runs in the same batch as the events
already posted (the paint that the turn before asked for), with no timer, input or
heartbeat in between. `later(call)` waits for the next pass of the loop's timers, after
those events: one turn paints, another does the next piece of work.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def later(owner: QObject, call: Callable[[], object]) -> None:
    """`call` in a later turn, unless `owner` is gone by then."""
    QTimer.singleShot(1, owner, call)
