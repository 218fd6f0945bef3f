"""Killed at every step of a re-key (a passphrase change, a new recovery code), and of the
rollback record's write.

Random kills (the fault suite, test_rekey_kills.py) rarely land between two given steps. Here
a child process counts the file-system calls `vault.fsutil` makes and the statements the
vault runs on its SQLCipher connections (the checkpoints, PRAGMA rekey, closing and reopening
under the new key, the activity entry) and kills itself with SIGKILL at the k-th one, for
every k: the vault then opens with exactly one of the old and the new secret (old until the
re-key's commit, new from it on), with its data, integrity and activity chain intact; the
next unlock removes the temporary file and finishes or drops the pending header a kill can
leave; and the rollback record stays readable and never raises a false alarm.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.children import subprocess_env
from tests.support.vaults import FAST_KDF, NEW_PASSPHRASE, PASSPHRASE, PROJECT_ROOT, opens_with
from vault.storage import keys, rollback
from vault.storage.header import PENDING_HEADER_NAME
from vault.vault import Vault

pytestmark = pytest.mark.slow  # every step of a re-key, a rollback record and a backup, each killed

CHILD = """
import os, signal, sys
from pathlib import Path
import sqlcipher3
import vault.storage.fsutil as fsutil
import vault.storage.keys as keys
import vault.storage.store as store
from vault.vault import Vault

directory, old, new, kill_at, step, new_code = (
    sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6])
calls = 0
counting = False
rekeying = step != "lock"  # the statements count for a re-key; for the record, its writes

def count(statement=False):
    global calls
    if counting and (rekeying or not statement):
        calls += 1
        if calls == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

class CountingOs:
    def __getattr__(self, name):
        real = getattr(os, name)
        if name not in ("open", "write", "fsync", "close", "replace", "unlink"):
            return real
        def counted(*args, **kwargs):
            count()
            return real(*args, **kwargs)
        return counted

class CountingConnection:
    def __init__(self, real):
        self._real = real
    def execute(self, *args):
        count(statement=True)
        return self._real.execute(*args)
    def close(self):
        count(statement=True)
        return self._real.close()
    def __getattr__(self, name):
        return getattr(self._real, name)

class CountingSqlcipher:
    def connect(self, *args, **kwargs):
        return CountingConnection(sqlcipher3.connect(*args, **kwargs))
    def __getattr__(self, name):
        return getattr(sqlcipher3, name)

fsutil.os = CountingOs()
store.sqlcipher3 = CountingSqlcipher()
keys.new_recovery_code = lambda: new_code
vault = Vault.unlock(Path(directory), old)
counting = True
if step == "passphrase":
    vault.change_passphrase(new)
elif step == "recovery_code":
    vault.new_recovery_code(old)
else:
    vault.fields.set("shoe_size_eu", 44)
    vault.lock()  # writes the rollback record
print(calls, flush=True)
"""

NEW_CODE = "ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567"
OLD_CODE = "76543-210ZY-XWVTS-RQPNM-KJHGF-EDCBA"


def run(directory: Path, state: Path, kill_at: int, step: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(directory), PASSPHRASE, NEW_PASSPHRASE, str(kill_at),
         step, NEW_CODE], capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=60,
        env=subprocess_env(state),
    )


@pytest.fixture
def template(tmp_path: Path, state_dir: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    directory = tmp_path / "template" / "vault"
    monkeypatch.setattr(keys, "new_recovery_code", lambda: OLD_CODE)
    with Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)[0] as vault:
        vault.fields.set("shoe_size_eu", 42)
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


# What each change replaces: (old secret, new secret, whether they are recovery codes).
CHANGES = {
    "passphrase": (PASSPHRASE, NEW_PASSPHRASE, False),
    "recovery_code": (OLD_CODE, NEW_CODE, True),
}


@pytest.mark.parametrize("step", CHANGES)
def test_a_re_key_killed_at_any_step_leaves_exactly_one_secret(
    template: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    old_secret, new_secret, is_code = CHANGES[step]
    directory, state = fresh(template, tmp_path)
    whole = run(directory, state, 0, step)
    assert whole.returncode == 0, whole.stderr
    steps = int(whole.stdout)
    # The pending header's write (8 calls), two checkpoints, PRAGMA rekey, a close and a
    # reopen (5 statements), the rename (4), the activity entry (4 statements).
    assert steps >= 20, steps
    outcomes = []
    for kill_at in range(1, steps + 1):
        directory, state = fresh(template, tmp_path)
        monkeypatch.setenv(rollback.STATE_ENV, str(state))
        killed = run(directory, state, kill_at, step)
        assert killed.returncode == -signal.SIGKILL, (kill_at, killed.stderr)
        old = opens_with(directory, old_secret, code=is_code)
        new = opens_with(directory, new_secret, code=is_code)
        assert old != new, (kill_at, old, new)
        outcomes.append("new" if new else "old")
        assert [p.name for p in directory.iterdir()
                if p.name.startswith(".") or p.name == PENDING_HEADER_NAME] == [], kill_at
        with Vault.unlock(directory, NEW_PASSPHRASE if step == "passphrase" and new
                          else PASSPHRASE) as vault:
            assert vault.fields.get("shoe_size_eu") == 42
            assert vault.integrity_problems() == [] and vault.audit.verify().ok
    # Old until the re-key's commit, new from it on: never back and forth.
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
            assert vault.fields.get("shoe_size_eu") == 44


BACKUP_CHILD = """
import os, signal, sys
from pathlib import Path
import vault.storage.store as store
from vault.vault import Vault

real_export = store.Store.export_copy

def export_then_die(self, target, data_key):
    real_export(self, target, data_key)  # the scratch copy is whole on disk...
    os.kill(os.getpid(), signal.SIGKILL)  # ... and the process dies before removing it

store.Store.export_copy = export_then_die
vault = Vault.unlock(Path(sys.argv[1]), sys.argv[2])
vault.backup_to(Path(sys.argv[3]))
"""


def test_a_killed_backup_leaves_a_scratch_copy_the_next_unlock_removes(
    template: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory, state = fresh(template, tmp_path)
    monkeypatch.setenv(rollback.STATE_ENV, str(state))
    target = tmp_path / "backup.zpvbak"
    killed = subprocess.run(
        [sys.executable, "-c", BACKUP_CHILD, str(directory), PASSPHRASE, str(target)],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=60, env=subprocess_env(state),
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    scratch = list(directory.glob(".backup-*.db"))
    assert len(scratch) == 1 and scratch[0].stat().st_size > 0  # the encrypted copy, left
    assert not target.exists()
    with Vault.unlock(directory, PASSPHRASE) as vault:
        assert [p.name for p in directory.iterdir() if p.name.startswith(".")] == []
        assert vault.fields.get("shoe_size_eu") == 42
        assert vault.integrity_problems() == [] and vault.audit.verify().ok
