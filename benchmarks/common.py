"""Shared pieces: timing, and the one-line verdict every target ends with."""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass


def isolate_state() -> None:
    """Keep what this computer remembers of the vaults it opened (vault/rollback.py) in a
    scratch directory for this run: the vaults opened here are throwaway copies and
    generated ones, never the person's, and one run's copies must not be compared with
    another's. Child processes inherit it."""
    if "ZPV_STATE_DIR" not in os.environ:
        scratch = tempfile.mkdtemp(prefix="zpv-bench-state-")
        os.environ["ZPV_STATE_DIR"] = scratch
        atexit.register(shutil.rmtree, scratch, True)


@dataclass(frozen=True)
class Verdict:
    name: str
    measured: float
    target: float
    unit: str
    lower_is_better: bool = True
    note: str = ""  # e.g. the ratio to the run's baseline, when the target is absolute

    @property
    def ok(self) -> bool:
        return (
            self.measured <= self.target if self.lower_is_better else self.measured >= self.target
        )

    def line(self) -> str:
        relation = "<=" if self.lower_is_better else ">="
        figure = f"{self.measured:,.0f}" if abs(self.measured) >= 100 else f"{self.measured:.3f}"
        note = f" [{self.note}]" if self.note else ""
        return (
            f"{self.name}: {figure}{self.unit}{note} (target {relation} "
            f"{self.target:g}{self.unit}) {'ok' if self.ok else 'short'}"
        )


def median_seconds(func: Callable[[], object], repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def interleaved_medians(
    first: Callable[[], object], second: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """Time two things alternately so drift in machine load hits both alike."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeats):
        for func, samples in ((first, a), (second, b)):
            start = time.perf_counter()
            func()
            samples.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)
