"""The app as installed from its Debian package (`make package`): its size on disk, and its
cold start against a bare PySide6 window.

- installed size: the .deb's Installed-Size (what apt says the package takes), in MB
  (10^6 bytes, as apt counts them); target <= 120 MB;
- cold start: the installed launcher (/usr/bin/zero-party-vault when the package is
  installed, else the same bundle where `make package` left it) started on an existing
  vault, from the spawn to the end of its start-up on the unlock screen, as the app itself
  reports it (ZPV_REPORT_STARTUP=quit, ui/startup_report.py), against the bare window of
  bench_cold_start measured the same way in the same run, alternating; the median of the
  ratios pair by pair; target <= 2.5x. Both offscreen.

Without a package built, it says so and measures nothing.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
from pathlib import Path

from vault.storage.keys import KdfParams
from vault.vault import Vault

from .bench_cold_start import (
    PASSPHRASE,
    PROJECT_ROOT,
    TARGET_RATIO,
    UNLOCK_SCREEN,
    _environment,
    probe,
    time_to_ready,
)
from .common import Verdict, isolate_state

SIZE_TARGET_MB = 120
INSTALLED = Path("/usr/bin/zero-party-vault")
BUILT = PROJECT_ROOT / "build" / "bundle" / "zero-party-vault" / "zero-party-vault"
DIST = PROJECT_ROOT / "dist"


def launcher() -> Path | None:
    return next((path for path in (INSTALLED, BUILT) if path.exists()), None)


def installed_size_mb() -> float | None:
    debs = sorted(DIST.glob("zero-party-vault_*.deb"))
    if not debs:
        return None
    kib = subprocess.run(["dpkg-deb", "-f", str(debs[-1]), "Installed-Size"],
                         capture_output=True, text=True, check=True).stdout
    return int(kib) * 1024 / 1e6


def run(repeats: int = 11) -> list[Verdict]:
    verdicts = []
    size = installed_size_mb()
    if size is None:
        print("no .deb in dist/: run `make package` for its installed size")
    else:
        verdicts.append(Verdict("installed package size", size, SIZE_TARGET_MB, " MB"))
    app = launcher()
    if app is None:
        print("no bundle built nor package installed: run `make package` for its cold start")
        return verdicts
    print(f"launcher: {app}")
    isolate_state()
    with tempfile.TemporaryDirectory(prefix="zpv-package-") as tmp:
        root = Path(tmp)
        directory = root / "vault"
        Vault.create(directory, PASSPHRASE, kdf=KdfParams(memory_kib=1024, iterations=1,
                                                          lanes=1))[0].lock()
        env = _environment(root / "config")
        app_env = {**env, "ZPV_REPORT_STARTUP": "quit"}
        bare_command, app_command = probe("bare"), [str(app), "--vault", str(directory)]
        time_to_ready(bare_command, env)  # warm-up: page cache, .pyc files
        time_to_ready(app_command, app_env, screen=UNLOCK_SCREEN)
        bare: list[tuple[float, float]] = []
        installed: list[tuple[float, float]] = []
        for _ in range(repeats):
            bare.append(time_to_ready(bare_command, env))
            installed.append(time_to_ready(app_command, app_env, screen=UNLOCK_SCREEN))

    def ms(runs: list[tuple[float, float]], which: int) -> float:
        return statistics.median(run[which] for run in runs) * 1000

    print(f"bare PySide6, empty window:    painted {ms(bare, 0):.0f} ms, idle and ready "
          f"{ms(bare, 1):.0f} ms (medians of {repeats})")
    print(f"installed app, unlock screen:  painted {ms(installed, 0):.0f} ms, idle and ready "
          f"{ms(installed, 1):.0f} ms")
    ratio = statistics.median(a[1] / b[1] for a, b in zip(installed, bare, strict=True))
    verdicts.append(Verdict("installed app cold start to idle / bare PySide6", ratio,
                            TARGET_RATIO, "x"))
    return verdicts


if __name__ == "__main__":
    for verdict in run():
        print(verdict.line())
