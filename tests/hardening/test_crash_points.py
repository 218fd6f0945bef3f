"""Killed at every step of a passphrase change, and of the rollback record's write.

Random kills (the fault suite) rarely land inside the few system calls of an atomic
header write. Here a child process counts the file-system calls `vault.fsutil` makes and
kills itself with SIGKILL at the k-th one, for every k: the header is then either the old
one or the new one (exactly one passphrase opens the vault), the next unlock removes the
temporary file a kill can leave, and the rollback record stays readable and never raises a
false alarm.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FAST_KDF, NEW_PASSPHRASE, PASSPHRASE, PROJECT_ROOT
from tests.hardening.conftest import subprocess_env
from vault import rollback
from vault.errors import WrongPassphrase
from vault.service import Vault

CHILD = """
import os, signal, sys
from pathlib import Path
import vault.fsutil as fsutil
from vault.service import Vault

directory, old, new, kill_at, step = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), \\
    sys.argv[5]
vault = Vault.unlock(Path(directory), old)
calls = 0

class CountingOs:
    def __getattr__(self, name):
        real = getattr(os, name)
        if name not in ("open", "write", "fsync", "close", "replace", "unlink"):
            return real
        def counted(*args, **kwargs):
            global calls
            calls += 1
            if calls == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        return counted

fsutil.os = CountingOs()
if step == "passphrase":
    vault.change_passphrase(new)
else:
    vault.set("shoe_size_eu", 44)
    vault.lock()  # writes the rollback record
print(calls, flush=True)
"""


def run(directory: Path, state: Path, kill_at: int, step: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(directory), PASSPHRASE, NEW_PASSPHRASE, str(kill_at),
         step], capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=60,
        env=subprocess_env(state),
    )


@pytest.fixture
def template(tmp_path: Path, state_dir: Path) -> tuple[Path, Path]:
    directory = tmp_path / "template" / "vault"
    with Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)[0] as vault:
        vault.set("shoe_size_eu", 42)
    return directory, state_dir


def fresh(template: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the template vault and its state, at the same place each time."""
    directory, state = tmp_path / "work" / "vault", tmp_path / "work" / "state"
    shutil.rmtree(tmp_path / "work", ignore_errors=True)
    shutil.copytree(template[0], directory)
    shutil.copytree(template[1], state)
    # The template's record is for its own path: make one for the copy's.
    vault_id = json.loads((template[0] / "vault.header").read_text())["vault_id"]
    record = json.loads((state / "seen" / f"{vault_id}.json").read_text())
    [(_, seen)] = record["directories"].items()
    record["directories"] = {str(directory.resolve()): seen}
    (state / "seen" / f"{vault_id}.json").write_text(json.dumps(record))
    return directory, state


def opens_with(directory: Path, passphrase: str) -> bool:
    try:
        Vault.unlock(directory, passphrase).lock()
    except WrongPassphrase:
        return False
    return True


def test_a_passphrase_change_killed_at_any_step_leaves_exactly_one_passphrase(
    template: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory, state = fresh(template, tmp_path)
    whole = run(directory, state, 0, "passphrase")
    assert whole.returncode == 0, whole.stderr
    steps = int(whole.stdout)
    assert steps >= 5  # open, write, fsync, close, replace, then the directory's fsync
    outcomes = []
    for kill_at in range(1, steps + 1):
        directory, state = fresh(template, tmp_path)
        monkeypatch.setenv(rollback.STATE_ENV, str(state))
        killed = run(directory, state, kill_at, "passphrase")
        assert killed.returncode == -signal.SIGKILL, (kill_at, killed.stderr)
        old, new = opens_with(directory, PASSPHRASE), opens_with(directory, NEW_PASSPHRASE)
        assert old != new, (kill_at, old, new)
        outcomes.append("new" if new else "old")
        assert [p.name for p in directory.iterdir() if p.name.startswith(".")] == [], kill_at
        with Vault.unlock(directory, NEW_PASSPHRASE if new else PASSPHRASE) as vault:
            assert vault.get("shoe_size_eu") == 42
            assert vault.integrity_problems() == [] and vault.verify_audit().ok
    # Old until the rename, new from it on: never back and forth.
    assert outcomes == sorted(outcomes, key=["old", "new"].index), outcomes
    assert outcomes[0] == "old" and outcomes[-1] == "new", outcomes


def test_the_rollback_record_killed_at_any_step_stays_readable_and_raises_no_alarm(
    template: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory, state = fresh(template, tmp_path)
    whole = run(directory, state, 0, "lock")
    assert whole.returncode == 0, whole.stderr
    steps = int(whole.stdout)
    for kill_at in range(1, steps + 1):
        directory, state = fresh(template, tmp_path)
        monkeypatch.setenv(rollback.STATE_ENV, str(state))
        killed = run(directory, state, kill_at, "lock")
        assert killed.returncode == -signal.SIGKILL, (kill_at, killed.stderr)
        for path in (state / "seen").glob("*.json"):
            json.loads(path.read_text())  # the old record or the new one, never a torn one
        with Vault.unlock(directory, PASSPHRASE) as vault:  # no false "rolled back"
            assert vault.get("shoe_size_eu") == 44
