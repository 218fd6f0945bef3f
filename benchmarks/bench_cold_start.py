"""Cold start: from spawning the process until it is idle and ready, against bare PySide6.

Both sides are fresh Python processes on the offscreen platform
(QT_QPA_PLATFORM=offscreen), started the same way (`python -m
benchmarks.startup_probe`), timed from just before the spawn to the moment the
probe reports as the end of start-up: after the top-level window's first paint,
the last moment the process still worked (CPU in any thread, or a pool thread
running) before a quiet spell (see startup_probe). Work left for after the first
paint (queued events, zero timers, background imports) is inside the figure.

- baseline: PySide6 imported, a QApplication, an empty 960x640 QWidget shown;
- measured: the app's own start (`ui.app.main`, as `main.py --vault DIR`) on an
  existing vault, so the unlock screen is what is shown.

Runs alternate (baseline, app, baseline, app...) so load from others on the
machine hits both alike; the figure is the median of the ratios pair by pair.
Bytecode caching is on for the children (a person's installation has its .pyc
files), and one warm-up run of each fills the page cache and writes them.
Target: app <= 2.5 x baseline, both to idle. The first paint's figures are
printed beside, for comparison.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ui.startup_report import MARKER
from vault.storage.keys import KdfParams
from vault.vault import Vault

from .common import Verdict, isolate_state

TARGET_RATIO = 2.5
UNLOCK_SCREEN = "UnlockPage"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "benchmark passphrase for cold start"


def _environment(config_home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZPV_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(config_home)  # a fresh QSettings, not the person's
    env["XDG_DATA_HOME"] = str(config_home)
    env["XDG_RUNTIME_DIR"] = str(config_home)  # its own running-app socket: never the person's
    return env


def probe(*args: str) -> list[str]:
    """The command that starts `python -m benchmarks.startup_probe ARGS`."""
    return [sys.executable, "-m", "benchmarks.startup_probe", *args]


def time_to_ready(command: list[str], env: dict[str, str], timeout: float = 60.0,
                  screen: str | None = None) -> tuple[float, float]:
    """Seconds from spawning `command` (a start-up probe, or the app with ZPV_REPORT_STARTUP
    set to quit) to its first paint and to the end of its start-up (both read on the
    system's monotonic clock); `screen`, the screen it must report having shown."""
    started = time.monotonic()
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().split()
        if len(line) != 4 or line[0] != MARKER or screen not in (None, line[1]):
            raise RuntimeError(f"{command} printed {line!r}, not {MARKER!r} on {screen}")
        process.wait(timeout)  # before the next run starts
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    painted, idle = float(line[2]) - started, float(line[3]) - started
    if idle == float("inf"):
        raise RuntimeError(f"{command}: start-up never settled")
    return painted, idle


def run(repeats: int = 11) -> Verdict:
    isolate_state()
    with tempfile.TemporaryDirectory(prefix="zpv-cold-") as tmp:
        root = Path(tmp)
        directory = root / "vault"
        Vault.create(directory, PASSPHRASE, kdf=KdfParams(memory_kib=1024, iterations=1,
                                                          lanes=1))[0].lock()
        env = _environment(root / "config")
        bare_command, app_command = probe("bare"), probe("app", str(directory))
        time_to_ready(bare_command, env)  # warm-up: page cache, .pyc files
        time_to_ready(app_command, env, screen=UNLOCK_SCREEN)
        bare: list[tuple[float, float]] = []
        app: list[tuple[float, float]] = []
        for _ in range(repeats):
            bare.append(time_to_ready(bare_command, env))
            app.append(time_to_ready(app_command, env, screen=UNLOCK_SCREEN))

    def ms(runs: list[tuple[float, float]], which: int) -> float:
        return statistics.median(run[which] for run in runs) * 1000

    print(f"bare PySide6, empty window:    painted {ms(bare, 0):.0f} ms, idle and ready "
          f"{ms(bare, 1):.0f} ms (medians of {repeats})")
    print(f"app, unlock screen:            painted {ms(app, 0):.0f} ms, idle and ready "
          f"{ms(app, 1):.0f} ms")
    ratio = statistics.median(a[1] / b[1] for a, b in zip(app, bare, strict=True))
    print(f"to idle: {ratio:.2f}x, the median of {repeats} pairs; first paint alone: "
          f"{statistics.median(a[0] / b[0] for a, b in zip(app, bare, strict=True)):.2f}x")
    return Verdict("cold start to idle / bare PySide6", ratio, TARGET_RATIO, "x")


if __name__ == "__main__":
    print(run().line())
