"""SIGKILL at random moments never costs a write that had returned, nor the vault's integrity.

A child process sets a counter field in a loop and prints each value only after
`fields.set` returned. The test kills it at a random moment, then opens the vault and
checks: it opens, SQLCipher's page check and SQLite's structural check pass,
the audit chain verifies, the stored counter is the last acknowledged value
or the one after it (written but killed before it could say so), never lower, and
the counter's history holds every value from 1 up to it, in order.
"""

from __future__ import annotations

import os
import random
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.cli import clean_environment
from tests.support.vaults import PASSPHRASE, PROJECT_ROOT, MadeVault
from vault.vault import Vault
from zpd.fieldtypes import FieldType, Sensitivity

pytestmark = pytest.mark.slow

KILLS = 50
MAX_DELAY = 0.25  # seconds after the first acknowledgement
LINE_TIMEOUT = 20.0  # generous, for a loaded CI machine; only reached when something is wrong
COUNTER = "x_counter"
NOTE = "x_note"

WRITER = """
import os, sys
from pathlib import Path
from vault.vault import Vault

vault = Vault.unlock(Path(sys.argv[1]), os.environ["ZPV_PASSPHRASE"])
counter = int(vault.fields.get("x_counter") or 0)
while True:
    counter += 1
    vault.fields.set("x_counter", counter)
    if counter % 7 == 0:
        vault.fields.set("x_note", "note " + str(counter))
    if counter % 11 == 0:
        vault.fields.clear("x_note")
    sys.stdout.write(str(counter) + "\\n")
    sys.stdout.flush()
"""


@dataclass
class Round:
    acknowledged: list[int]
    returncode: int
    stderr: str


def _read_until(
    process: subprocess.Popen[bytes], deadline: float, *, stop_at_first_line: bool
) -> bytes:
    """Drain the child's stdout until the deadline (or its first line, or end of output)."""
    assert process.stdout is not None
    fd = process.stdout.fileno()
    received = b""
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while True:
            if stop_at_first_line and b"\n" in received:
                return received
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                return received
            chunk = os.read(fd, 65536)
            if not chunk:
                return received
            received += chunk


def _kill_one_writer(directory: Path, delay: float, stderr_path: Path) -> Round:
    environment = clean_environment()
    environment["ZPV_PASSPHRASE"] = PASSPHRASE
    with stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(directory)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=environment,
            cwd=PROJECT_ROOT,
        )
    try:
        output = _read_until(
            process, time.monotonic() + LINE_TIMEOUT, stop_at_first_line=True
        )
        if b"\n" not in output:
            process.kill()
            process.wait(timeout=LINE_TIMEOUT)
            pytest.fail(
                f"the writer never acknowledged a write: {stderr_path.read_text()!r}"
            )
        # Keep draining while the random delay runs, so a full pipe never slows the writer.
        output += _read_until(process, time.monotonic() + delay, stop_at_first_line=False)
        os.kill(process.pid, signal.SIGKILL)
        # Whatever it wrote before it died is still in the pipe: read up to end of output.
        output += _read_until(
            process, time.monotonic() + LINE_TIMEOUT, stop_at_first_line=False
        )
        returncode = process.wait(timeout=LINE_TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=LINE_TIMEOUT)
        assert process.stdout is not None
        process.stdout.close()
    # Only complete lines are acknowledgements; a torn last line is not one.
    complete = output.split(b"\n")[:-1]
    return Round([int(line) for line in complete], returncode, stderr_path.read_text())


def _check_vault(directory: Path, last_acknowledged: int, round_number: int) -> int:
    with Vault.unlock(directory, PASSPHRASE) as opened:
        problems = opened.integrity_problems()
        report = opened.audit.verify()
        stored = opened.fields.get(COUNTER)
        history = opened.fields.history(COUNTER)
    where = f"after kill {round_number}"
    assert problems == [], where
    assert report.ok, (where, report)
    assert isinstance(stored, int), (where, stored)
    assert last_acknowledged <= stored <= last_acknowledged + 1, (where, last_acknowledged, stored)
    # Every acknowledged value, one by one and in order, not only the last.
    assert [entry.value for entry in history] == list(range(1, stored + 1)), where
    return stored


def test_sigkill_in_a_write_loop_loses_nothing_acknowledged(
    made_vault: MadeVault, tmp_path: Path
) -> None:
    directory = made_vault.directory
    with made_vault.unlock() as opened:
        opened.fields.define("counter", "Counter", FieldType.NUMBER, Sensitivity.LOW)
        opened.fields.define("note", "Note", FieldType.TEXT, Sensitivity.LOW)

    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    stored = 0
    one_ahead = 0
    for round_number in range(1, KILLS + 1):
        delay = rng.uniform(0, MAX_DELAY)
        result = _kill_one_writer(directory, delay, tmp_path / "writer.err")
        context = f"kill {round_number} (seed {seed}, delay {delay:.3f} s): {result.stderr!r}"
        assert result.returncode == -signal.SIGKILL, context
        assert result.acknowledged, context
        # Each writer continues from what the vault held, one by one.
        assert result.acknowledged == list(
            range(stored + 1, stored + 1 + len(result.acknowledged))
        ), context
        last = result.acknowledged[-1]
        stored = _check_vault(directory, last, round_number)
        one_ahead += stored == last + 1

    # The loop really wrote: more than one value per writer on average.
    assert stored > KILLS, (stored, one_ahead)
    # The data is still all there after the last kill, in a fresh process too.
    with Vault.unlock(directory, PASSPHRASE) as opened:
        assert opened.fields.get(COUNTER) == stored
        assert len(opened.fields.history(COUNTER)) == stored
