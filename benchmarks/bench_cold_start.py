"""Cold start: from spawning the process to a painted unlock window, against bare PySide6.

Both sides are fresh Python processes on the offscreen platform
(QT_QPA_PLATFORM=offscreen), started the same way (`python -m
benchmarks.startup_probe`), timed from just before the spawn to reading the
marker each prints once its top-level window has painted:

- baseline: PySide6 imported, a QApplication, an empty 960x640 QWidget shown;
- measured: the app's own start (`ui.app.main`, as `main.py --vault DIR`) on an
  existing vault, so the unlock screen is what is painted.

Runs alternate (baseline, app, baseline, app...) so load from others on the
machine hits both alike; medians are compared. Bytecode caching is on for the
children (a person's installation has its .pyc files), and one warm-up run of
each fills the page cache and writes them. Target: app <= 2.5 x baseline.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vault.storage.keys import KdfParams
from vault.vault import Vault

from .common import Verdict, isolate_state
from .startup_probe import MARKER

TARGET_RATIO = 2.5
PROJECT_ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "benchmark passphrase for cold start"


def _environment(config_home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZPV_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(config_home)  # a fresh QSettings, not the person's
    env["XDG_DATA_HOME"] = str(config_home)
    return env


def time_to_paint(args: list[str], env: dict[str, str], timeout: float = 30.0) -> float:
    """Seconds from spawning `python -m benchmarks.startup_probe ARGS` to its marker."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.startup_probe", *args], cwd=PROJECT_ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        elapsed = time.perf_counter() - started
        if line.strip() != MARKER:
            raise RuntimeError(f"startup probe {args} printed {line!r}, not {MARKER!r}")
        process.wait(timeout)  # before the next run starts, but not timed
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return elapsed


def run(repeats: int = 11) -> Verdict:
    isolate_state()
    with tempfile.TemporaryDirectory(prefix="zpv-cold-") as tmp:
        root = Path(tmp)
        directory = root / "vault"
        Vault.create(directory, PASSPHRASE, kdf=KdfParams(memory_kib=1024, iterations=1,
                                                          lanes=1))[0].lock()
        env = _environment(root / "config")
        bare_args, app_args = ["bare"], ["app", str(directory)]
        time_to_paint(bare_args, env)  # warm-up: page cache, .pyc files
        time_to_paint(app_args, env)
        bare: list[float] = []
        app: list[float] = []
        for _ in range(repeats):
            bare.append(time_to_paint(bare_args, env))
            app.append(time_to_paint(app_args, env))
    baseline, measured = statistics.median(bare), statistics.median(app)
    print(f"bare PySide6, empty window painted:  {baseline * 1000:.0f} ms "
          f"(median of {repeats}, min {min(bare) * 1000:.0f})")
    print(f"app, unlock window painted:          {measured * 1000:.0f} ms "
          f"(min {min(app) * 1000:.0f})")
    return Verdict("cold start / bare PySide6", measured / baseline, TARGET_RATIO, "x")


if __name__ == "__main__":
    print(run().line())
