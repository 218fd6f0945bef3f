"""Shared pieces: timing, and the one-line verdict every target ends with."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Verdict:
    name: str
    measured: float
    target: float
    unit: str
    lower_is_better: bool = True

    @property
    def ok(self) -> bool:
        return (
            self.measured <= self.target if self.lower_is_better else self.measured >= self.target
        )

    def line(self) -> str:
        relation = "<=" if self.lower_is_better else ">="
        return (
            f"{self.name}: {self.measured:.3f}{self.unit} (target {relation} "
            f"{self.target}{self.unit}) {'ok' if self.ok else 'short'}"
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
