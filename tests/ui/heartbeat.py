"""Measure how long the GUI thread went without running its event loop, and why.

A gap between two beats is split by the kernel's own accounting of the GUI thread
(`/proc/self/task/<id>/schedstat` on Linux): the time it ran on a CPU (our code, Qt's,
Python's), the time it was ready to run but the scheduler gave the CPUs to other work
(another process, or our own worker threads), and the rest, when it slept: waiting for
Python's GIL while a worker held it, or on a lock. The process's CPU time says how much of
the CPUs its other threads took meanwhile. Without schedstat, the thread's CPU
time (`time.thread_time`) stands in for the first and the other two are not told apart.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer


@dataclass(frozen=True)
class Gap:
    seconds: float  # wall time between two beats
    on_cpu: float  # the GUI thread ran
    waiting_for_cpu: float  # ready to run, the CPUs busy with other work
    others_on_cpu: float = 0.0  # the process's other threads (the workers) ran, on any CPU

    @property
    def own(self) -> float:
        """The gap less the time the thread was ready but the CPUs were taken: what the app
        itself held it for (its code, or the GIL a worker of ours held)."""
        return self.seconds - self.waiting_for_cpu

    @property
    def asleep(self) -> float:
        """Neither running nor ready to: waiting for the GIL, a lock, the disk."""
        return max(0.0, self.seconds - self.on_cpu - self.waiting_for_cpu)

    def describe(self) -> str:
        return (f"{self.seconds * 1000:.0f} ms: on a CPU {self.on_cpu * 1000:.0f} ms, "
                f"ready but not scheduled {self.waiting_for_cpu * 1000:.0f} ms, "
                f"asleep (GIL, locks) {self.asleep * 1000:.0f} ms; meanwhile the app's other "
                f"threads ran {self.others_on_cpu * 1000:.0f} ms of CPU")


NO_GAP = Gap(0.0, 0.0, 0.0)

# The longest the app may hold the GUI thread, its code running or waiting for the GIL: a
# wait for a CPU that other work on the machine causes is not the app's (`Gap.own`).
STALL_LIMIT = 0.050


class ThreadClock:
    """The calling thread's time on a CPU and time waiting for one, in seconds."""

    def __init__(self) -> None:
        self._schedstat = Path(f"/proc/self/task/{threading.get_native_id()}/schedstat")
        if not self._schedstat.is_file():
            self._schedstat = None  # type: ignore[assignment]

    def read(self) -> tuple[float, float, float]:
        """(this thread on a CPU, this thread waiting for one, the whole process on CPUs)."""
        process = time.process_time()
        if self._schedstat is not None:
            on_cpu, waiting, _slices = self._schedstat.read_text().split()
            return int(on_cpu) / 1e9, int(waiting) / 1e9, process
        return time.thread_time(), 0.0, process


class Heartbeat(QObject):
    """A timer on the GUI thread (every `interval_ms`); `longest_gap` is the worst delay
    between beats in seconds, `worst` that gap with its breakdown; `worst_own` is the gap
    whose `own` part was the largest. Create and start it on the GUI thread."""

    def __init__(self, interval_ms: int = 10) -> None:
        super().__init__()
        self.longest_gap = 0.0
        self.worst = NO_GAP
        self.worst_own = NO_GAP
        self.beats = 0
        self._clock = ThreadClock()
        self._last = time.perf_counter()
        self._last_thread = self._clock.read()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._beat)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._last_thread = self._clock.read()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._beat()

    def stall(self) -> str | None:
        """What held the thread past STALL_LIMIT at worst, in words; None if nothing did."""
        worst = self.worst_own
        return None if worst.own < STALL_LIMIT else f"GUI stalled {worst.describe()}"

    def take(self) -> tuple[Gap, Gap]:
        """The worst gap since the last `take` (or the start), counting up to now, and the
        gap with the worst `own` part; the next ones start from here."""
        self._beat()
        taken = self.worst, self.worst_own
        self.worst = self.worst_own = NO_GAP
        return taken

    def _beat(self) -> None:
        now = time.perf_counter()
        thread = self._clock.read()
        gap = now - self._last
        on_cpu = thread[0] - self._last_thread[0]
        measured = Gap(gap, on_cpu, thread[1] - self._last_thread[1],
                       max(0.0, thread[2] - self._last_thread[2] - on_cpu))
        if gap > self.worst.seconds:
            self.worst = measured
        if measured.own > self.worst_own.own:
            self.worst_own = measured
        self.longest_gap = max(self.longest_gap, gap)
        self._last, self._last_thread = now, thread
        self.beats += 1
