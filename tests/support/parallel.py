"""Spreading an exhaustive check over the machine's cores.

Tasks run in forked processes, which inherit everything the test module built at import
(keys, samples, checks that are closures and could not be pickled); only a task's
arguments and its result cross between processes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Task = TypeVar("Task")
Result = TypeVar("Result")


def cores() -> int:
    return len(os.sched_getaffinity(0))


def in_processes(function: Callable[[Task], Result], tasks: Iterable[Task]) -> list[Result]:
    """`function` applied to each task, one process per core; results in the tasks' order.
    `function` must be a module-level function (it is sent to the workers by name)."""
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=cores(), mp_context=context) as pool:
        return list(pool.map(function, tasks))
