"""The parent's side of fault_worker.py: start the zygote, run a round, read its lines."""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.support.children import subprocess_env
from tests.support.vaults import PROJECT_ROOT

LINE_TIMEOUT = 60.0


class Zygote:
    def __init__(self, origin: str, state: Path, stderr: Path, **environment: str) -> None:
        self._stderr = stderr.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.hardening.fault_worker", origin],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
            cwd=PROJECT_ROOT, env=subprocess_env(state, **environment),
        )
        assert self.process.stdout is not None
        self._selector = selectors.DefaultSelector()
        self._selector.register(self.process.stdout, selectors.EVENT_READ)
        self._buffer = b""
        assert self.read_line() == {"ready": True}

    def read_line(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        deadline = time.monotonic() + LINE_TIMEOUT
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._selector.select(remaining):
                raise AssertionError("the worker went silent")
            chunk = os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                raise AssertionError("the worker ended")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        message: dict[str, Any] = json.loads(line)
        return message

    def round(self, directory: Path, seed: int, passphrase: str, kill_after: float,
              **options: Any) -> list[dict[str, Any]]:
        """Run one round: the child's begin and ack lines, in order, until it was killed.

        `options` go to the child as they are: `sync_log` (a folder: record what is synced,
        see sync_shim.c), `unsafe` ("synchronous-off", "no-vault-fsync"), `ops` (only these
        operations)."""
        assert self.process.stdin is not None
        command = {"vault": str(directory), "seed": seed, "passphrase": passphrase,
                   "kill_after": kill_after, **options}
        self.process.stdin.write((json.dumps(command) + "\n").encode())
        self.process.stdin.flush()
        lines: list[dict[str, Any]] = []
        while True:
            message = self.read_line()
            if "reaped" in message:
                assert message["reaped"]["signal"] == 9, (message, lines)
                return lines
            assert "error" not in message, message["error"]
            lines.append(message)

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            try:
                self.process.stdin.write(b'{"quit": true}\n')
                self.process.stdin.flush()
                self.process.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        self._stderr.close()
