"""A large generated vault (benchmarks/generate.py): views, filters, the chain, memory.

Four targets on the generated vault (200 brands, 100,000 grants, 1,000,000
audit entries at full scale; ZPV_BENCH_SCALE=0.05 for a quick run):

- every main view (My data, Brands, Shared, Activity) shows its first rows,
  painted, within 150 ms of being opened: the worst of each view's median when
  opened anew and of each view's time from the unlock (when all four load at
  once) to its table's first paint with rows;
- filtering answers within 100 ms: the worst median of a search in My data,
  a brand and a status on Shared, and three kinds of activity;
- the audit chain verifies within 5 s (`vault.audit.verify`, here in this
  process, off any GUI); baseline: reading the same rows with a bare SELECT
  through the same connection, the floor of any check that reads them all;
- the GUI's resident memory stays under 300 MB after all of that, with the long
  lists scrolled a few pages; baseline: a bare PySide6 window of the same size
  in a process of its own, with the same Qt modules loaded
  (`benchmarks.bare_window`, median of three); the app's own window before the
  vault opened is printed beside it.

The views are measured by `benchmarks.gui_probe` in a fresh process on the
offscreen platform (times from the action to the first rows painted; see
there). Its floors, a trivial SELECT of 200 rows of each view's table through the
vault's own connection, are printed beside each view's time for scale: they are
what no view can beat, not what a view should match (a view also reads the
rows it joins, makes its objects, and lays out and paints a table).

The vault is opened with its clock frozen at generation, and nothing here
writes to it, so the cached copy stays as generated.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from brandkit.server import WELL_KNOWN_PATH
from brandkit.visits import share_link

from .common import Verdict, isolate_state
from .generate import Generated, generated_vault
from .gui_tour import BEAT_MS
from .loopback import ASK, make_brand, receiver

VIEW_MS = 150.0
FILTER_MS = 100.0
VERIFY_S = 5.0
MEMORY_MB = 300.0
GAP_MS = 50.0
WINDOW = (1280, 800)  # gui_probe's window


def verify_chain(generated: Generated, repeats: int = 3) -> tuple[float, float, int]:
    """(seconds to verify, seconds to read the same rows bare, entries), medians."""
    vault = generated.unlock()
    try:
        checks, reads = [], []
        checked = 0
        for _ in range(repeats):
            started = time.perf_counter()
            with vault._store.reading() as connection:
                for _row in connection.execute(
                    "SELECT seq, at, action, details, prev_hash, hash FROM audit ORDER BY seq"
                ):
                    pass
            reads.append(time.perf_counter() - started)
            started = time.perf_counter()
            report = vault.audit.verify()
            checks.append(time.perf_counter() - started)
            if not report.ok:
                raise RuntimeError(f"the generated vault's chain does not verify: {report}")
            checked = report.entries_checked
    finally:
        vault.lock()
    return statistics.median(checks), statistics.median(reads), checked


def gui(generated: Generated) -> dict[str, Any]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.gui_probe", str(generated.directory),
         generated.passphrase, str(generated.now)],
        env=env, capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"gui_probe failed:\n{result.stderr[-3000:]}")
    document: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return document


def tour(generated: Generated) -> dict[str, Any]:
    """`benchmarks.gui_tour` in a fresh process, on a copy of the generated vault (the tour
    shares and revokes), with a brand on loopback whose share link it opens."""
    with tempfile.TemporaryDirectory(prefix="zpv-tour-") as tmp:
        work = Path(tmp)
        copy = work / "vault"
        shutil.copytree(generated.directory, copy)
        brand = make_brand(work / "brand", signed_at=generated.now)
        link = share_link(f"{brand.origin}{WELL_KNOWN_PATH}", ASK)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        with receiver(brand, work / "brand.sqlite3"):
            result = subprocess.run(
                [sys.executable, "-m", "benchmarks.gui_tour", str(copy), generated.passphrase,
                 str(generated.now), link, str(work)],
                env=env, stdout=subprocess.PIPE, text=True, timeout=3600,
            )  # its progress, a line a step, and any error on this process's stderr
    if result.returncode != 0:
        raise RuntimeError(f"gui_tour failed ({result.returncode})")
    document: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return document


def bare_window_mb(qt_modules: list[str], repeats: int = 3) -> float:
    """Resident memory of a bare window in a fresh process (the median of `repeats`)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    sizes = []
    for _ in range(repeats):
        result = subprocess.run(
            [sys.executable, "-m", "benchmarks.bare_window", str(WINDOW[0]), str(WINDOW[1]),
             *qt_modules], env=env, capture_output=True, text=True, timeout=120, check=True,
        )
        sizes.append(float(result.stdout.split()[-1]))
    return statistics.median(sizes)


def tour_verdicts(generated: Generated) -> list[Verdict]:
    """The tour's worst gap per step, printed, and its verdict."""
    document = tour(generated)
    print(f"GUI-thread tour, {BEAT_MS} ms heartbeat: worst gap per step (ms: on a CPU / "
          "ready but not scheduled / asleep), the worst the app itself held the thread for "
          "(the gap less the wait for a CPU), the longest pass of the cycle collector on "
          "the GUI thread, the step's length")
    worst_name, worst, own = "", 0.0, 0.0
    for name, gap in document["steps"].items():
        asleep = max(0.0, gap["seconds"] - gap["on_cpu"] - gap["waiting_for_cpu"])
        print(f"  {name:26} {gap['seconds'] * 1000:6.1f}  ({gap['on_cpu'] * 1000:5.1f} / "
              f"{gap['waiting_for_cpu'] * 1000:5.1f} / {asleep * 1000:5.1f})  "
              f"{gap['own'] * 1000:6.1f}  {gap['collector'] * 1000:6.1f}  "
              f"{document['seconds'][name]:6.2f} s")
        own = max(own, gap["own"])
        if gap["seconds"] > worst:
            worst_name, worst = name, gap["seconds"]
    sizes = document["report_bytes"]
    print(f"  ({document['beats']:,} beats; report {sizes['html'] / 1e6:.1f} MB HTML, "
          f"{sizes['pdf'] / 1e6:.1f} MB PDF)")
    return [Verdict("large vault: worst GUI-thread gap over the tour", worst * 1000, GAP_MS,
                    " ms", note=f"in {worst_name}; the most the app itself held it "
                    f"{own * 1000:.0f} ms")]


def run_tour() -> list[Verdict]:
    """The tour alone (`python -m benchmarks.bench_large_vault tour`)."""
    isolate_state()
    return tour_verdicts(generated_vault())


def run() -> list[Verdict]:
    isolate_state()
    generated = generated_vault()
    scale = generated.scale
    counts = generated.counts
    print(f"vault: {counts['brands']} brands, {counts['grants']:,} grants, "
          f"{counts['tokens']:,} tokens and outbox rows, {counts['audit']:,} audit entries, "
          f"{counts['history']:,} history rows (generated once in {generated.seconds:.0f} s; "
          f"scale {scale.grants / 100_000:g})")
    verify_s, read_s, entries = verify_chain(generated)
    print(f"audit chain: {entries:,} entries verified in {verify_s:.2f} s; reading them bare "
          f"{read_s:.2f} s ({verify_s / read_s:.1f}x the read)")

    probe = gui(generated)
    floors = probe["floors"]
    print("views, first rows painted (ms): median opened anew / from unlock to its first "
          "paint / trivial 200-row SELECT of its table")
    worst_view = 0.0
    for name, seconds in probe["opened"].items():
        unlock_s = probe["at_unlock"][name]
        worst_view = max(worst_view, seconds, unlock_s)
        print(f"  {name:9} {seconds * 1000:6.1f} / {unlock_s * 1000:6.1f} / "
              f"{floors[name] * 1000:5.2f}  ({max(seconds, unlock_s) * 1000 / VIEW_MS:.2f}x "
              f"target, {seconds / floors[name]:,.0f}x floor)")
    print("filters, answer painted (ms): median (worst)")
    worst_filter = 0.0
    for name, seconds in probe["filters"].items():
        worst_filter = max(worst_filter, seconds)
        print(f"  {name:20} {seconds * 1000:6.1f} ({probe['filters_max'][name] * 1000:.1f})")
    rss, before = probe["rss_mb"], probe["rss_mb_window"]
    bare = bare_window_mb(probe["qt_modules"])
    held = ", ".join(f"{k} {v}" for k, v in probe["rows_held"].items())
    print(f"GUI resident memory: {rss:.0f} MB after opening and scrolling (rows held: {held}); "
          f"a bare PySide6 window, own process, same Qt modules "
          f"({', '.join(m.split('.')[1] for m in probe['qt_modules'])}): {bare:.0f} MB "
          f"({rss / bare:.2f}x); the app's window before unlock: {before:.0f} MB")
    return [
        *tour_verdicts(generated),
        Verdict("large vault: views' first rows (worst)", worst_view * 1000, VIEW_MS, " ms",
                note=f"{worst_view * 1000 / VIEW_MS:.2f}x target"),
        Verdict("large vault: filter answered (worst median)", worst_filter * 1000, FILTER_MS,
                " ms", note=f"{worst_filter * 1000 / FILTER_MS:.2f}x target"),
        Verdict("large vault: audit chain verified", verify_s, VERIFY_S, " s",
                note=f"{verify_s / read_s:.1f}x a bare read of {entries:,} entries"),
        Verdict("large vault: GUI resident memory", rss, MEMORY_MB, " MB",
                note=f"{rss / bare:.2f}x a bare PySide6 window"),
    ]


if __name__ == "__main__":
    for verdict in (run_tour() if sys.argv[1:] == ["tour"] else run()):
        print(verdict.line())
