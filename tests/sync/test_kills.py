"""SIGKILL of a device mid-write and of another mid-apply, 200 kills in all: nothing
acknowledged is lost, nothing is applied twice, no counter gets two files, and no
temporary file is left in the folder.

Two devices share one folder (a network share). The writer sets a counter, syncs, and
prints the value only once `sync.now()` returned (its file is in the folder); the other
applies in a loop. Each is killed at a random moment, by turns, then restarted.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support.cli import clean_environment
from tests.support.vaults import PASSPHRASE, PROJECT_ROOT
from tests.sync.devices import Setting
from tests.sync.state_of import synced_state
from tests.vault.test_crash_safety import LINE_TIMEOUT, _read_until
from vault.vault import Vault
from zpd.fieldtypes import FieldType, Sensitivity

KILLS = 200
MAX_DELAY = 0.15  # seconds after the first line

WRITER = """
import os, sys
from pathlib import Path
from vault.vault import Vault
vault = Vault.unlock(Path(sys.argv[1]), os.environ["ZPV_PASSPHRASE"], accept_rollback=True)
counter = int(vault.fields.get("x_counter") or 0)
while True:
    counter += 1
    vault.fields.set("x_counter", counter)
    vault.sync.now()
    sys.stdout.write(str(counter) + "\\n")
    sys.stdout.flush()
"""

APPLIER = """
import os, sys
from pathlib import Path
from vault.vault import Vault
vault = Vault.unlock(Path(sys.argv[1]), os.environ["ZPV_PASSPHRASE"], accept_rollback=True)
sys.stdout.write("0\\n")  # ready: the kill may land in the first apply, the writer's backlog
sys.stdout.flush()
while True:
    vault.sync.now()
    sys.stdout.write(str(vault.fields.get("x_counter") or 0) + "\\n")
    sys.stdout.flush()
"""


def run_and_kill(script: str, directory: Path, delay: float, err: Path) -> list[int]:
    environment = clean_environment()
    environment["ZPV_PASSPHRASE"] = PASSPHRASE
    with err.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", script, str(directory)], stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=stderr, env=environment, cwd=PROJECT_ROOT,
        )
    try:
        output = _read_until(process, time.monotonic() + LINE_TIMEOUT, stop_at_first_line=True)
        assert b"\n" in output, err.read_text()
        output += _read_until(process, time.monotonic() + delay, stop_at_first_line=False)
        os.kill(process.pid, signal.SIGKILL)
        output += _read_until(process, time.monotonic() + LINE_TIMEOUT,
                              stop_at_first_line=False)
        assert process.wait(timeout=LINE_TIMEOUT) == -signal.SIGKILL, err.read_text()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=LINE_TIMEOUT)
        assert process.stdout is not None
        process.stdout.close()
    return [int(line) for line in output.split(b"\n")[:-1]]


def test_kills_mid_write_and_mid_apply_lose_nothing_and_apply_nothing_twice(
    setting: Setting,
) -> None:
    laptop = setting.first("laptop")
    laptop.vault.fields.define("counter", "Counter", FieldType.NUMBER, Sensitivity.LOW)
    laptop.vault.sync.now()
    desktop = setting.join("desktop")
    # One folder for both: the desktop syncs through the laptop's.
    with desktop.vault._store.transaction() as connection:
        connection.execute("UPDATE sync_local SET value = ? WHERE key = 'folder'",
                           (str(laptop.folder),))
    setting.everywhere()
    desktop.vault.sync.now()
    setting.close()

    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    acknowledged = 0
    for round_number in range(KILLS):
        delay = rng.uniform(0, MAX_DELAY)
        if round_number % 2 == 0:
            lines = run_and_kill(WRITER, laptop.directory, delay, setting.root / "w.err")
            assert lines == list(range(acknowledged + 1, acknowledged + 1 + len(lines))) or \
                lines[0] == acknowledged + 2, (seed, round_number, lines[:3], acknowledged)
            acknowledged = max([acknowledged, *lines])
        else:
            run_and_kill(APPLIER, desktop.directory, delay, setting.root / "a.err")
    assert acknowledged > KILLS // 2, acknowledged  # the loop really wrote

    with Vault.unlock(laptop.directory, PASSPHRASE, accept_rollback=True) as writer, \
            Vault.unlock(desktop.directory, PASSPHRASE, accept_rollback=True) as applier:
        writer.sync.now()
        applier.sync.now()
        writer.sync.now()
        stored = writer.fields.get("x_counter")
        assert isinstance(stored, int) and stored >= acknowledged
        assert applier.fields.get("x_counter") == stored
        kept = {h.value for h in applier.fields.history("x_counter")}
        missing = sorted(set(range(1, acknowledged + 1)) - kept)
        assert missing == [], (seed, missing[:5])
        assert synced_state(writer) == synced_state(applier)
        for vault in (writer, applier):
            assert vault.integrity_problems() == [] and vault.audit.verify().ok
            assert vault.audit.entries(action_prefix="sync.refused") == []
            assert vault.sync.status().refused == ()
        applied = [(e.details["device"], e.details["counter"])
                   for e in applier.audit.entries(action_prefix="sync.applied", limit=100000)]
        assert len(applied) == len(set(applied)), seed  # each segment applied once
    assert [p.name for p in laptop.folder.iterdir() if p.name.startswith(".")] == []
