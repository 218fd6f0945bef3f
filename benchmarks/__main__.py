"""Run every benchmark, then print one verdict line per target.

    python -m benchmarks                     # everything, the large vault at full scale
    ZPV_BENCH_SCALE=0.05 python -m benchmarks  # a quick run on a smaller generated vault
    python -m benchmarks cold_start receiver   # only some (names as in BENCHMARKS)

The first full run generates the large vault (about a minute and a half) and
caches it in the temporary directory; later runs take about two minutes.
"""

from __future__ import annotations

import dataclasses
import os
import platform
import sys
import time
from collections.abc import Callable

from . import (
    bench_brand_tokens,
    bench_cold_start,
    bench_final_receipt,
    bench_large_vault,
    bench_mailbox,
    bench_outbox_flush,
    bench_package,
    bench_receiver,
    bench_rekey,
    bench_sync,
    bench_unlock,
    bench_webhooks,
)
from .common import Verdict, isolate_state

BENCHMARKS: dict[str, Callable[[], Verdict | list[Verdict]]] = {
    "cold_start": bench_cold_start.run,
    "unlock": bench_unlock.run,
    "large_vault": bench_large_vault.run,
    "outbox_flush": bench_outbox_flush.run,
    "receiver": bench_receiver.run,
    "receiver_postgres": bench_receiver.run_postgres,
    "brand_tokens": bench_brand_tokens.run,
    "rekey": bench_rekey.run,
    "sync": bench_sync.run,
    "package": bench_package.run,
    "mailbox": bench_mailbox.run,
    "webhooks": bench_webhooks.run,
    "final_receipt": bench_final_receipt.run,
}


def machine() -> str:
    cpu = platform.processor() or "cpu"
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info
                       if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        from PySide6 import __version__ as pyside
        from PySide6.QtCore import qVersion

        qt = f"PySide6 {pyside}, Qt {qVersion()}"
    except ImportError:
        qt = "no Qt"
    return (f"machine: {cpu}, {os.cpu_count()} cores, {platform.machine()}, "
            f"Python {platform.python_version()}, {qt}")


def load() -> str:
    """The machine's load averages (1, 5 and 15 minutes) over its processors: these
    machines are shared, and every figure depends on what else was running."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def with_load(verdict: Verdict, at_start: str) -> Verdict:
    note = f"{verdict.note}; {at_start}" if verdict.note else at_start
    return dataclasses.replace(verdict, note=note)


def main(names: list[str]) -> int:
    isolate_state()
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
        return 2
    print(machine(), flush=True)
    print(f"at the start: {load()}", flush=True)
    verdicts: list[Verdict] = []
    started = time.perf_counter()
    for name in names or list(BENCHMARKS):
        at_start = load()
        print(f"\n== {name} ({at_start})", flush=True)
        began = time.perf_counter()
        result = BENCHMARKS[name]()
        verdicts.extend(with_load(v, at_start)
                        for v in (result if isinstance(result, list) else [result]))
        print(f"({time.perf_counter() - began:.0f} s; {load()})", flush=True)
    count = len(verdicts)
    print(f"\n{count} target{'s' if count != 1 else ''} in {time.perf_counter() - started:.0f} s:")
    for verdict in verdicts:
        print(verdict.line())
    print(f"at the end: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
