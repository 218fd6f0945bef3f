"""Long work on a worker thread, paced so that a thread waiting for Python's GIL (the GUI
thread) gets it within a few milliseconds.

CPython asks the holder to hand the GIL over only when a waiter has waited 5 ms with no
other thread taking it. A worker that lets go of the GIL often but briefly (each SQLite
statement, each call into Qt, each write) wakes the waiter every time, takes the GIL back
before the waiter runs, and the waiter's 5 ms start again: with 0.15 ms of Python between
two such calls, a thread waited 1.6 s for the GIL. So a worker's long loop sleeps for 0.1 ms
every 4 ms (`pause_if_due`, `courteous`); while it sleeps, the waiter takes the GIL."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

TURN = 0.004  # seconds a thread runs between two pauses
PAUSE = 0.0001  # long enough for a waiting thread to be woken and take the GIL

_turn = threading.local()


def pause_if_due() -> None:
    """Sleep for PAUSE if this thread has run for TURN since it last did."""
    now = time.perf_counter()
    if now >= getattr(_turn, "ends", 0.0):
        time.sleep(PAUSE)
        _turn.ends = time.perf_counter() + TURN


def courteous(items: Iterable[T]) -> Iterator[T]:
    """`items`, with `pause_if_due` after each: for a long loop on a worker thread."""
    for item in items:
        yield item
        pause_if_due()


def let_go_one_by_one(items: list[Any]) -> None:
    """Empty `items` an item at a time, from the end. Let go at once, a list of thousands
    of objects that hold objects of their own is freed in one call that never hands the GIL
    over (tens of milliseconds for a brand's 10,000 shares); freed one by one, the
    interpreter can hand it over between two."""
    while items:
        items.pop()
