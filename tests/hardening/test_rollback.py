"""A vault directory replaced by an older copy of itself is detected at unlock and reported.

The newest activity-log head seen at each unlock and lock is kept outside the vault
(ZPV_STATE_DIR here; the user state folder otherwise), per vault id and directory.
"""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest

from tests.support.children import subprocess_env
from tests.support.cli import run_cli
from tests.support.vaults import FAST_KDF, NEW_PASSPHRASE, PASSPHRASE
from vault.errors import VaultRolledBack
from vault.storage import rollback
from vault.vault import Vault


def make(directory: Path) -> tuple[str, str]:
    """A vault with a value; returns (vault id, recovery code)."""
    vault, code = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)
    with vault:
        vault.fields.set("shoe_size_eu", 40)
        vault_id = vault._header.vault_id
    return vault_id, code


def work(directory: Path, *sizes: int) -> None:
    with Vault.unlock(directory, PASSPHRASE) as vault:
        for size in sizes:
            vault.fields.set("shoe_size_eu", size)


def snapshot(directory: Path, to: Path) -> Path:
    shutil.copytree(directory, to)
    return to


def put_back(copy: Path, directory: Path) -> None:
    shutil.rmtree(directory)
    shutil.copytree(copy, directory)


def head(directory: Path) -> int:
    with Vault.unlock(directory, PASSPHRASE, accept_rollback=True) as vault:
        return vault.audit.entries(limit=1)[0].seq


def test_an_older_copy_put_back_is_refused_at_unlock_with_what_was_seen_and_found(
    tmp_path: Path,
) -> None:
    directory = tmp_path / "vault"
    _, code = make(directory)
    old = snapshot(directory, tmp_path / "old")
    work(directory, 41, 42, 43)
    with Vault.unlock(directory, PASSPHRASE) as vault:
        newest = vault.audit.entries(limit=1)[0]
    put_back(old, directory)

    with pytest.raises(VaultRolledBack) as caught:
        Vault.unlock(directory, PASSPHRASE)
    error = caught.value
    assert error.reason == "older"
    assert (error.seen_seq, error.seen_at) == (newest.seq, newest.at)
    assert error.found_seq == newest.seq - 3
    # Whatever the secret: the recovery code is refused the same way, and nothing is opened.
    with pytest.raises(VaultRolledBack):
        Vault.unlock_with_recovery_code(directory, code)
    # Refusing leaves the record as it was: asking again gives the same answer.
    with pytest.raises(VaultRolledBack):
        Vault.unlock(directory, PASSPHRASE)


def test_opening_it_deliberately_logs_it_and_makes_it_the_copy_seen(tmp_path: Path) -> None:
    directory = tmp_path / "vault"
    make(directory)
    old = snapshot(directory, tmp_path / "old")
    work(directory, 41, 42)
    put_back(old, directory)

    with Vault.unlock(directory, PASSPHRASE, accept_rollback=True) as vault:
        assert vault.fields.get("shoe_size_eu") == 40
        [entry] = vault.audit.entries(limit=1)
        assert entry.action == "vault.rollback_accepted"
        assert entry.details["reason"] == "older"
        assert entry.details["found"] < entry.details["seen"]
        assert vault.audit.verify().ok
    with Vault.unlock(directory, PASSPHRASE) as vault:  # no longer flagged
        assert vault.fields.get("shoe_size_eu") == 40


def test_another_line_of_history_in_the_same_place_is_flagged_as_diverged(
    tmp_path: Path,
) -> None:
    directory = tmp_path / "vault"
    make(directory)
    fork = snapshot(directory, tmp_path / "fork")
    work(directory, 41)  # seen here: one more entry
    with Vault.unlock(fork, PASSPHRASE) as vault:  # the fork, opened elsewhere, grows longer
        vault.fields.set("favourite_colours", ["navy"])  # (another entry than the one seen)
        vault.fields.set("shoe_size_eu", 44)
        vault.fields.set("shoe_size_eu", 45)
    put_back(fork, directory)
    with pytest.raises(VaultRolledBack) as caught:
        Vault.unlock(directory, PASSPHRASE)
    assert caught.value.reason == "diverged"
    assert caught.value.found_seq > caught.value.seen_seq


def test_a_copy_in_another_place_and_a_newer_one_are_not_flagged(tmp_path: Path) -> None:
    directory = tmp_path / "vault"
    make(directory)
    old = snapshot(directory, tmp_path / "old")
    work(directory, 41, 42)
    with Vault.unlock(old, PASSPHRASE) as vault:  # a copy elsewhere has its own record
        assert vault.fields.get("shoe_size_eu") == 40
    work(directory, 43)  # the original is newer still: fine
    newer = snapshot(directory, tmp_path / "newer")
    work(newer, 44)
    put_back(newer, directory)  # a newer copy of the same history: fine
    with Vault.unlock(directory, PASSPHRASE) as vault:
        assert vault.fields.get("shoe_size_eu") == 44


def test_a_deliberate_restore_of_an_older_backup_is_not_flagged(tmp_path: Path) -> None:
    directory = tmp_path / "vault"
    make(directory)
    backup = tmp_path / "old.zpvbak"
    with Vault.unlock(directory, PASSPHRASE) as vault:
        vault.backup_to(backup)
    work(directory, 41, 42, 43)
    aside = Vault.restore(backup, directory, PASSPHRASE, replace=True)
    assert aside is not None
    with Vault.unlock(directory, PASSPHRASE) as vault:
        assert vault.fields.get("shoe_size_eu") == 40
        assert vault.audit.entries(limit=1)[0].action == "vault.restored"
    with Vault.unlock(aside, PASSPHRASE) as vault:  # the vault moved aside opens too
        assert vault.fields.get("shoe_size_eu") == 43
    # A restore into a new place leaves the original's record alone.
    Vault.restore(backup, tmp_path / "elsewhere", PASSPHRASE)
    work(directory, 47)
    with Vault.unlock(directory, PASSPHRASE) as vault:
        assert vault.fields.get("shoe_size_eu") == 47


def test_a_passphrase_change_and_a_crash_after_unlock_are_not_rollbacks(tmp_path: Path) -> None:
    directory = tmp_path / "vault"
    make(directory)
    vault = Vault.unlock(directory, PASSPHRASE)
    vault.change_passphrase(NEW_PASSPHRASE)
    vault.fields.set("shoe_size_eu", 41)
    # As if the process died: no lock, so the record is the head seen at unlock.
    vault._store.close()
    vault._lock.release()
    with Vault.unlock(directory, NEW_PASSPHRASE) as reopened:
        assert reopened.fields.get("shoe_size_eu") == 41


def test_the_state_is_outside_the_vault_private_and_per_vault_id(tmp_path: Path) -> None:
    directory = tmp_path / "vault"
    vault_id, _ = make(directory)
    path = rollback.state_path(vault_id)
    assert path is not None and path.is_file()
    assert directory not in path.parents
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    document = json.loads(path.read_text())
    record = document["directories"][str(directory.resolve())]
    assert record["seq"] == head(directory)
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary files left


@pytest.mark.parametrize("damage", ["garbage", "wrong_types", "empty", "directory"])
def test_a_damaged_or_unwritable_state_never_stops_the_vault(
    tmp_path: Path, damage: str, state_dir: Path
) -> None:
    directory = tmp_path / "vault"
    vault_id, _ = make(directory)
    path = rollback.state_path(vault_id)
    assert path is not None
    if damage == "garbage":
        path.write_bytes(b"\x00\xffnot json")
    elif damage == "wrong_types":
        path.write_text(json.dumps({"format": "zpv-seen", "directories": {
            str(directory.resolve()): {"seq": "9", "hash": 3}}}))
    elif damage == "empty":
        path.write_text("")
    else:  # the state folder cannot be written at all
        shutil.rmtree(state_dir)
        state_dir.write_text("a file where the folder should be")
    work(directory, 41)
    with Vault.unlock(directory, PASSPHRASE) as vault:
        assert vault.fields.get("shoe_size_eu") == 41


def test_the_cli_says_so_in_one_line_exits_4_and_opens_it_when_asked(tmp_path: Path) -> None:
    directory = tmp_path / "vault"
    make(directory)
    old = snapshot(directory, tmp_path / "old")
    work(directory, 41, 42)
    put_back(old, directory)
    env = subprocess_env(Path(rollback.state_dir()))
    refused = run_cli("get", "shoe_size_eu", vault_dir=directory, env=env)
    assert refused.returncode == 4, refused
    assert refused.stdout == ""
    [line] = refused.stderr.splitlines()
    assert line.startswith("zpv: this vault was replaced by an older copy")
    assert "2 activity entries seen here are missing" in line
    assert "--accept-rollback" in line

    accepted = run_cli("--accept-rollback", "get", "shoe_size_eu", vault_dir=directory, env=env)
    assert (accepted.returncode, accepted.stdout.strip()) == (0, "40"), accepted
    again = run_cli("get", "shoe_size_eu", vault_dir=directory, env=env)
    assert (again.returncode, again.stdout.strip()) == (0, "40"), again
