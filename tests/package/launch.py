"""Start the app as a person's system would (a process of its own, offscreen), wait until it
reports its start-up (ZPV_REPORT_STARTUP, ui/startup_report.py), and stop it with SIGTERM."""

from __future__ import annotations

import select
import signal
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.support.cli import clean_environment

READY_SECONDS = 60.0  # a cold start on a loaded 2-core machine, with a bundle unpacked


@dataclass
class Ready:
    screen: str  # the class of the screen shown, e.g. UnlockPage
    painted: float  # monotonic clock readings (ui/startup_report.py)
    idle: float


def app_environment(home: Path, **extra: str) -> dict[str, str]:
    """Offscreen, with a home of its own (settings, data and state folders under it), so
    the person's own folders are never read or written."""
    env = clean_environment()
    env.pop("ZPV_STATE_DIR", None)
    env.update(
        HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"), XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"), QT_QPA_PLATFORM="offscreen",
        ZPV_REPORT_STARTUP="1",
    )
    env.update(extra)
    return env


class LaunchedApp:
    def __init__(self, command: Sequence[str | Path], env: dict[str, str], cwd: Path) -> None:
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [str(part) for part in command], env=env, cwd=cwd, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )

    def wait_ready(self, timeout: float = READY_SECONDS) -> Ready:
        """The report line; fails with what the app printed if it exits or stays silent."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            waiting, _, _ = select.select([self.process.stdout], [], [], 0.2)
            if waiting:
                line = self.process.stdout.readline()
                if line.startswith("ready "):
                    screen, painted, idle = line.split()[1:]
                    return Ready(screen, float(painted), float(idle))
                if line:
                    continue
            if self.process.poll() is not None:
                break
        self.process.kill()
        _, errors = self.process.communicate(timeout=30)
        raise AssertionError(f"no start-up report (exit {self.process.returncode}): {errors}")

    def terminate(self, timeout: float = 30) -> tuple[int, str]:
        """SIGTERM, as a session's logout sends; the exit code and standard error."""
        self.process.send_signal(signal.SIGTERM)
        try:
            _, errors = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, errors = self.process.communicate(timeout=30)
        return self.process.returncode, errors

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate(timeout=30)


def launch(command: Sequence[str | Path], env: dict[str, str], cwd: Path) -> LaunchedApp:
    return LaunchedApp(command, env, cwd)
