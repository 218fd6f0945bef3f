"""A worker's long loop leaves the GIL to a thread waiting for it (`vault.pacing`).

The waiting thread here stands in for the GUI thread: it sleeps 1 ms again and again, and
each time it wakes it must take the GIL back. Without the pacing, a worker that lets go of
the GIL briefly every 0.15 ms kept it from doing so for up to 1.6 s on the CI machine."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator

from vault.pacing import PAUSE, TURN, courteous
from vault.vault import Vault

LIMIT = 0.030  # the longest a thread waiting for the GIL may wait, against a 1 ms sleep
PROBE_SECONDS = 1.5


def longest_wait_for_the_gil(work: Callable[[threading.Event], None]) -> float:
    """The longest a 1 ms sleep of this thread took while `work` ran on another one."""
    stop = threading.Event()
    worker = threading.Thread(target=work, args=(stop,))
    worker.start()
    try:
        time.sleep(0.05)
        longest = 0.0
        until = time.perf_counter() + PROBE_SECONDS
        while time.perf_counter() < until:
            started = time.perf_counter()
            time.sleep(0.001)
            longest = max(longest, time.perf_counter() - started)
    finally:
        stop.set()
        worker.join(timeout=30)
    assert not worker.is_alive()
    return longest


def python_work(steps: int = 5_000) -> int:
    """About 0.15 ms of Python (5,000 steps) without letting go of the GIL."""
    total = 0
    for number in range(steps):
        total += number
    return total


def test_a_loop_that_writes_as_it_goes_lets_a_waiting_thread_in() -> None:
    def steps(stop: threading.Event) -> Iterator[int]:
        while not stop.is_set():
            yield python_work()

    def work(stop: threading.Event) -> None:
        descriptor = os.open(os.devnull, os.O_WRONLY)
        try:
            for _ in courteous(steps(stop)):
                os.write(descriptor, b"x")  # lets go of the GIL, briefly
        finally:
            os.close(descriptor)

    longest = longest_wait_for_the_gil(work)
    assert longest < LIMIT, f"a thread waited {longest * 1000:.0f} ms for the GIL"


def test_many_vault_reads_let_a_waiting_thread_in(vault: Vault) -> None:
    """Each statement lets go of the GIL while SQLite runs it; the store paces a thread that
    runs statement after statement."""
    reads = [0]

    def work(stop: threading.Event) -> None:
        while not stop.is_set():
            vault.fields.all()
            python_work(10_000)
            reads[0] += 1

    longest = longest_wait_for_the_gil(work)
    assert reads[0] > 50, "too few reads to tell"
    assert longest < LIMIT, f"a thread waited {longest * 1000:.0f} ms for the GIL"


def test_courteous_yields_every_item_in_order_and_pauses_by_time() -> None:
    started = time.perf_counter()
    items = list(courteous(range(1_000)))
    assert items == list(range(1_000))
    assert time.perf_counter() - started < 1_000 * PAUSE  # not a pause per item
    assert PAUSE < TURN / 10
