"""SIGKILL at random moments of a re-key of a vault with a few megabytes of data.

A child unlocks a copy of the vault, says it is ready, and on "go" changes the passphrase
or makes a new recovery code; the parent kills it after a random delay spread over the
time a whole change takes (most kills land inside PRAGMA rekey, its checkpoints and the
header's steps). After each kill the vault opens with exactly one of the old and the new
secret, never neither, holds all its data, passes both integrity checks, and its activity
chain is intact and no shorter.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks import bulk
from tests.support.children import FULL, subprocess_env
from tests.support.vaults import FAST_KDF, NEW_PASSPHRASE, PASSPHRASE, PROJECT_ROOT, opens_with
from vault.profile.audit import append_many
from vault.storage import keys
from vault.storage.header import PENDING_HEADER_NAME
from vault.vault import Vault

pytestmark = pytest.mark.slow

KILLS = 160 if FULL else 24
ENTRIES = 30_000  # activity entries of ~150 bytes: a database of a few megabytes
OLD_CODE = "76543-210ZY-XWVTS-RQPNM-KJHGF-EDCBA"
NEW_CODE = "ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567"

CHILD = """
import sys, time
from pathlib import Path
import vault.storage.keys as keys
from vault.vault import Vault

directory, old, new, step, new_code = sys.argv[1:6]
keys.new_recovery_code = lambda: new_code
vault = Vault.unlock(Path(directory), old)
print("ready", flush=True)
sys.stdin.readline()
started = time.perf_counter()
if step == "passphrase":
    vault.change_passphrase(new)
else:
    vault.new_recovery_code(old)
print(time.perf_counter() - started, flush=True)
"""

CHANGES = {
    "passphrase": (PASSPHRASE, NEW_PASSPHRASE, False),
    "recovery_code": (OLD_CODE, NEW_CODE, True),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A vault with a value and many activity entries; the length of its activity log."""
    directory = tmp_path_factory.mktemp("rekey-template") / "vault"
    original = keys.new_recovery_code
    keys.new_recovery_code = lambda: OLD_CODE
    try:
        vault, _ = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)
    finally:
        keys.new_recovery_code = original
    with vault:
        vault.fields.set("shoe_size_eu", 42)
        with bulk.transaction(vault) as connection:
            append_many(connection, (
                (1_700_000_000 + i, "field.set", {"key": "x_note", "note": f"{i:08d}" * 16})
                for i in range(ENTRIES)
            ))
        length = vault.audit.verify().entries_checked
    return directory, length


def start(directory: Path, state: Path, step: str) -> subprocess.Popen[str]:
    old, new, _ = CHANGES[step]
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(directory), PASSPHRASE if step != "passphrase" else old,
         new, step, NEW_CODE],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=PROJECT_ROOT, env=subprocess_env(state),
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    return child


def go(child: subprocess.Popen[str]) -> None:
    assert child.stdin is not None
    child.stdin.write("go\n")
    child.stdin.flush()


@pytest.mark.parametrize("step", CHANGES)
def test_a_re_key_killed_at_random_moments_opens_with_one_secret(
    template: tuple[Path, int], tmp_path: Path, state_dir: Path, step: str
) -> None:
    source, length = template
    old_secret, new_secret, is_code = CHANGES[step]
    new_passphrase = NEW_PASSPHRASE if step == "passphrase" else PASSPHRASE
    work = tmp_path / "vault"

    def fresh() -> Path:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(state_dir, ignore_errors=True)
        shutil.copytree(source, work)
        return work

    # One whole change, to know how long one takes here.
    whole = start(fresh(), state_dir, step)
    go(whole)
    out, err = whole.communicate(timeout=120)
    assert whole.returncode == 0, err
    duration = float(out.strip())
    assert opens_with(work, new_secret, code=is_code)
    assert not opens_with(work, old_secret, code=is_code)

    rng = random.Random(20_260_601)
    seen = {"old": 0, "new": 0}
    for kill in range(KILLS):
        child = start(fresh(), state_dir, step)
        go(child)
        time.sleep(rng.uniform(0, duration * 1.2))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=60)
        where = (kill, child.returncode)
        old = opens_with(work, old_secret, code=is_code)
        new = opens_with(work, new_secret, code=is_code)
        assert old != new, (where, old, new)
        seen["new" if new else "old"] += 1
        assert not (work / PENDING_HEADER_NAME).exists(), where
        assert [p.name for p in work.iterdir() if p.name.startswith(".")] == [], where
        with Vault.unlock(work, new_passphrase if new else PASSPHRASE) as vault:
            assert vault.fields.get("shoe_size_eu") == 42, where
            assert vault.integrity_problems() == [], where
            report = vault.audit.verify()
            assert report.ok and report.entries_checked >= length, (where, report)
    # The kills were spread over the change: some before its commit, some after.
    assert seen["old"] > 0 and seen["new"] > 0, seen
