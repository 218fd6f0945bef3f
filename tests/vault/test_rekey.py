"""A change of secret re-keys the database: what an old header, old backup or old secret
still opens afterwards (only the data as it was, never anything written later).

Passphrase change, recovery with the code, a new recovery code; through the library and
`zpv`. Crashes during a re-key are in tests/hardening/test_crash_points.py and
test_rekey_kills.py.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.vaults import NEW_PASSPHRASE, PASSPHRASE, MadeVault, file_digests
from vault.errors import VaultCorrupted, WrongPassphrase, WrongRecoveryCode
from vault.storage import keys, rekey
from vault.storage.header import header_path, pending_header_path
from vault.storage.store import Store, database_path
from vault.vault import Vault

THIRD_PASSPHRASE = "marble heron candle 19"


@pytest.fixture
def named_vault(made_vault: MadeVault) -> MadeVault:
    with made_vault.unlock() as opened:
        opened.fields.set("preferred_name", "Ada")
    return made_vault


def with_header(directory: Path, header: bytes, tmp_path: Path, name: str) -> Path:
    """A copy of the vault's files with `header` in place of its own."""
    copy = tmp_path / name
    shutil.copytree(directory, copy)
    header_path(copy).write_bytes(header)
    return copy


def assert_opens_nothing(directory: Path, passphrase: str) -> None:
    before = file_digests(directory)
    with pytest.raises(VaultCorrupted):
        Vault.unlock(directory, passphrase)
    assert file_digests(directory) == before


# -- passphrase change -------------------------------------------------------------------


def test_an_old_header_and_the_old_passphrase_open_nothing_after_a_change(
    named_vault: MadeVault, tmp_path: Path
) -> None:
    directory = named_vault.directory
    old_header = header_path(directory).read_bytes()
    with named_vault.unlock() as opened:
        old_key = bytes(opened._key())
        opened.change_passphrase(NEW_PASSPHRASE)
        assert bytes(opened._key()) != old_key
        assert opened.fields.get("preferred_name") == "Ada"
        opened.fields.set("shoe_size_eu", 44)  # written after the change

    # The old header (from a synced folder, a file backup...) beside today's database.
    stale = with_header(directory, old_header, tmp_path, "stale")
    assert_opens_nothing(stale, PASSPHRASE)
    with pytest.raises(VaultCorrupted):  # its recovery slot holds the old key too
        Vault.unlock_with_recovery_code(stale, named_vault.recovery_code)
    # The old key itself no longer opens the database.
    with pytest.raises(VaultCorrupted):
        Store.open(database_path(directory), old_key)

    with Vault.unlock(directory, NEW_PASSPHRASE) as reopened:
        assert reopened.fields.get("preferred_name") == "Ada"
        assert reopened.fields.get("shoe_size_eu") == 44
        assert [e.action for e in reopened.audit.entries(limit=2)][1] == "vault.passphrase_changed"
    with pytest.raises(WrongPassphrase):
        Vault.unlock(directory, PASSPHRASE)
    with Vault.unlock_with_recovery_code(directory, named_vault.recovery_code) as recovered:
        assert recovered.fields.get("shoe_size_eu") == 44
    assert not pending_header_path(directory).exists()


def test_an_old_backup_opens_only_what_it_held(named_vault: MadeVault, tmp_path: Path) -> None:
    backup = tmp_path / "before.zpvbak"
    with named_vault.unlock() as opened:
        opened.backup_to(backup)
        opened.change_passphrase(NEW_PASSPHRASE)
        opened.fields.set("shoe_size_eu", 44)
    Vault.restore(backup, tmp_path / "restored", PASSPHRASE)
    with Vault.unlock(tmp_path / "restored", PASSPHRASE) as restored:
        assert restored.fields.get("preferred_name") == "Ada"
        assert restored.fields.get("shoe_size_eu") is None  # nothing written after the backup
    # The old backup's header beside today's database opens nothing.
    old_header = (tmp_path / "restored" / "vault.header").read_bytes()
    assert_opens_nothing(with_header(named_vault.directory, old_header, tmp_path, "mix"),
                         PASSPHRASE)


def test_recovery_re_keys_and_the_code_keeps_working(
    named_vault: MadeVault, tmp_path: Path
) -> None:
    directory = named_vault.directory
    old_header = header_path(directory).read_bytes()
    with Vault.unlock_with_recovery_code(directory, named_vault.recovery_code) as opened:
        assert opened.keeps_recovery_code
        assert opened.change_passphrase(NEW_PASSPHRASE) is None
        opened.fields.set("shoe_size_eu", 45)
    assert_opens_nothing(with_header(directory, old_header, tmp_path, "stale"), PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        Vault.unlock(directory, PASSPHRASE)
    with Vault.unlock(directory, NEW_PASSPHRASE) as reopened:
        assert reopened.fields.get("shoe_size_eu") == 45
    with Vault.unlock_with_recovery_code(directory, named_vault.recovery_code) as again:
        assert again.fields.get("shoe_size_eu") == 45


def test_a_re_key_whose_last_rename_failed_completes_at_the_next_unlock(
    named_vault: MadeVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The re-key is durable once the database has its new key: the pending header holds it,
    backups made meanwhile embed it, and the next unlock puts it in place."""
    directory = named_vault.directory

    def refuse(source: Path, target: Path) -> None:
        raise PermissionError(13, "refused", str(target))

    monkeypatch.setattr(rekey, "replace_file", refuse)
    with named_vault.unlock() as opened:
        assert opened.change_passphrase(NEW_PASSPHRASE) is None
        assert pending_header_path(directory).exists()
        opened.backup_to(tmp_path / "meanwhile.zpvbak")
    monkeypatch.undo()
    Vault.restore(tmp_path / "meanwhile.zpvbak", tmp_path / "restored", NEW_PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        Vault.unlock(directory, PASSPHRASE)
    assert pending_header_path(directory).exists()
    with Vault.unlock(directory, NEW_PASSPHRASE) as reopened:
        assert reopened.fields.get("preferred_name") == "Ada"
    assert not pending_header_path(directory).exists()
    Vault.unlock(directory, NEW_PASSPHRASE).lock()


# -- a new recovery code -------------------------------------------------------------------


def test_a_new_recovery_code_voids_the_old_one(named_vault: MadeVault, tmp_path: Path) -> None:
    directory = named_vault.directory
    old_header = header_path(directory).read_bytes()
    with named_vault.unlock() as opened:
        changed_at = opened.passphrase_changed_at
        with pytest.raises(WrongPassphrase):
            opened.new_recovery_code(NEW_PASSPHRASE)
        code = opened.new_recovery_code(PASSPHRASE)
        assert keys.normalise_recovery_code(code) != keys.normalise_recovery_code(
            named_vault.recovery_code
        )
        assert opened.passphrase_changed_at == changed_at  # the passphrase is as it was
        opened.fields.set("shoe_size_eu", 46)
    with pytest.raises(WrongRecoveryCode):
        Vault.unlock_with_recovery_code(directory, named_vault.recovery_code)
    # Not even with the header it was made for, beside today's database.
    stale = with_header(directory, old_header, tmp_path, "stale")
    with pytest.raises(VaultCorrupted):
        Vault.unlock_with_recovery_code(stale, named_vault.recovery_code)
    with Vault.unlock_with_recovery_code(directory, code) as by_code:
        assert by_code.fields.get("shoe_size_eu") == 46
        assert by_code.audit.entries(limit=2)[1].action == "vault.recovery_code_renewed"
    with Vault.unlock(directory, PASSPHRASE) as by_passphrase:
        assert by_passphrase.fields.get("preferred_name") == "Ada"


def test_a_refused_new_recovery_code_changes_nothing(named_vault: MadeVault) -> None:
    before = file_digests(named_vault.directory)
    with named_vault.unlock() as opened:
        with pytest.raises(WrongPassphrase):
            opened.new_recovery_code("not the passphrase at all")
        assert opened.fields.get("preferred_name") == "Ada"
    after = file_digests(named_vault.directory)
    assert after["vault.header"] == before["vault.header"]
    Vault.unlock_with_recovery_code(named_vault.directory, named_vault.recovery_code).lock()


# -- the command line ----------------------------------------------------------------------


def test_zpv_passwd_re_keys(named_vault: MadeVault, tmp_path: Path) -> None:
    directory = named_vault.directory
    old_header = header_path(directory).read_bytes()
    result = run_cli("passwd", vault_dir=directory, env={"ZPV_NEW_PASSPHRASE": NEW_PASSPHRASE})
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and "re-encrypted" in result.stdout
    assert_opens_nothing(with_header(directory, old_header, tmp_path, "stale"), PASSPHRASE)
    with Vault.unlock(directory, NEW_PASSPHRASE) as opened:
        assert opened.fields.get("preferred_name") == "Ada"


def test_zpv_passwd_with_the_recovery_code(named_vault: MadeVault) -> None:
    directory = named_vault.directory
    result = run_cli(
        "passwd", "--recovery-code", vault_dir=directory, passphrase=None,
        env={"ZPV_RECOVERY_CODE": named_vault.recovery_code.lower(),
             "ZPV_NEW_PASSPHRASE": NEW_PASSPHRASE},
    )
    assert result.returncode == 0, result.stderr
    with pytest.raises(WrongPassphrase):
        Vault.unlock(directory, PASSPHRASE)
    with Vault.unlock(directory, NEW_PASSPHRASE) as opened:
        assert opened.fields.get("preferred_name") == "Ada"
    wrong = run_cli(
        "passwd", "--recovery-code", vault_dir=directory, passphrase=None,
        env={"ZPV_RECOVERY_CODE": keys.new_recovery_code(),
             "ZPV_NEW_PASSPHRASE": THIRD_PASSPHRASE},
    )
    assert wrong.returncode == 3 and "recovery code" in wrong.stderr
    Vault.unlock(directory, NEW_PASSPHRASE).lock()


def test_zpv_recovery_code_new_prints_it_once(named_vault: MadeVault) -> None:
    directory = named_vault.directory
    result = run_cli("recovery-code", "new", vault_dir=directory)
    assert result.returncode == 0, result.stderr
    [code] = [line.strip() for line in result.stdout.splitlines()
              if line.strip().count("-") == keys.RECOVERY_GROUPS - 1]
    with pytest.raises(WrongRecoveryCode):
        Vault.unlock_with_recovery_code(directory, named_vault.recovery_code)
    Vault.unlock_with_recovery_code(directory, code).lock()

    as_json = run_cli("--json", "recovery-code", "new", vault_dir=directory)
    assert as_json.returncode == 0, as_json.stderr
    newer = json.loads(as_json.stdout)["recovery_code"]
    with pytest.raises(WrongRecoveryCode):
        Vault.unlock_with_recovery_code(directory, code)
    Vault.unlock_with_recovery_code(directory, newer).lock()


def test_zpv_recovery_code_new_with_a_wrong_passphrase_changes_nothing(
    named_vault: MadeVault,
) -> None:
    before = file_digests(named_vault.directory)
    result = run_cli("recovery-code", "new", vault_dir=named_vault.directory,
                     passphrase=NEW_PASSPHRASE)
    assert result.returncode == 3, result.stderr
    assert result.stdout == ""
    assert file_digests(named_vault.directory) == before
