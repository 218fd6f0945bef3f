"""Data portability: the JSON export, and the one-file encrypted backup with its restore."""

from __future__ import annotations

import json
import stat
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import run_cli
from tests.support.vaults import FAST_KDF, NEW_PASSPHRASE, PASSPHRASE, MadeVault, file_digests
from vault.errors import BackupInvalid, VaultExists, WrongCredentials, WrongPassphrase
from vault.vault import Vault
from zpd.fieldtypes import FieldType, Sensitivity

VALUES: dict[str, Any] = {
    "preferred_name": "Ana María",
    "country": "GR",
    "shoe_size_eu": 40.5,
    "household_size": 3,
    "diet": "vegan",
    "pets": ["dog", "cat"],
    "birthday": "02-29",
    "has_garden": True,
    "allergies": ["peanuts", "sesame"],
    "x_team": "blue",
    "x_height": 172.5,
}


def fill(vault: Vault) -> None:
    vault.fields.define("team", "Team", FieldType.CHOICE, Sensitivity.LOW, ("red", "blue"))
    vault.fields.define("height", "Height", FieldType.NUMBER, Sensitivity.PERSONAL)
    vault.fields.set("diet", "vegetarian")
    vault.fields.set("email", "ana@example.org")
    vault.fields.clear("email")
    for key, value in VALUES.items():
        vault.fields.set(key, value)


def values_of(vault: Vault) -> dict[str, Any]:
    return {f.definition.key: f.value for f in vault.fields.all() if f.value is not None}


@pytest.fixture
def filled(made_vault: MadeVault) -> MadeVault:
    with made_vault.unlock() as vault:
        fill(vault)
    return made_vault


@pytest.fixture
def backup(filled: MadeVault, tmp_path: Path) -> Path:
    path = tmp_path / "vault.zpvbackup"
    with filled.unlock() as vault:
        vault.backup_to(path)
    return path


def siblings(directory: Path) -> set[str]:
    return {p.name for p in directory.parent.iterdir()}


# -- export ---------------------------------------------------------------------------------


def test_export_holds_every_value_definition_history_and_audit(filled: MadeVault) -> None:
    with filled.unlock() as vault:
        document = vault.transparency.export_document()
        audit_total = vault.audit.verify().entries_checked
    assert document["format"] == "zpv-export" and document["version"] == 1
    assert isinstance(document["vault_id"], str) and isinstance(document["exported_at"], int)

    exported = {f["key"]: f["value"] for f in document["fields"]}
    assert exported == VALUES
    for f in document["fields"]:
        assert {"label", "category", "type", "sensitivity", "updated_at"} <= set(f)
    allergies = next(f for f in document["fields"] if f["key"] == "allergies")
    assert allergies["sensitivity"] == "special" and allergies["category"] == "food"

    assert sorted(document["custom_fields"], key=lambda d: d["key"]) == [
        {
            "key": "x_height",
            "label": "Height",
            "type": "number",
            "sensitivity": "personal",
            "choices": [],
        },
        {
            "key": "x_team",
            "label": "Team",
            "type": "choice",
            "sensitivity": "low",
            "choices": ["red", "blue"],
        },
    ]

    history = [(h["field"], h["value"]) for h in document["history"]]
    assert history[:3] == [("diet", "vegetarian"), ("email", "ana@example.org"), ("email", None)]
    assert ("diet", "vegan") in history and len(history) == 3 + len(VALUES)

    audit_entries = document["audit"]
    # The export itself is logged after the document is built.
    assert [e["seq"] for e in audit_entries] == list(range(1, audit_total))
    assert audit_entries[0]["action"] == "vault.created"
    assert {"field.defined", "field.set", "field.cleared"} <= {e["action"] for e in audit_entries}

    assert json.loads(json.dumps(document, ensure_ascii=False)) == document


def test_export_is_logged(filled: MadeVault) -> None:
    with filled.unlock() as vault:
        vault.transparency.export_document()
        assert vault.audit.entries(limit=1)[0].action == "vault.exported"
        assert vault.audit.verify().ok


def test_export_of_an_empty_vault(vault: Vault) -> None:
    document = vault.transparency.export_document()
    assert document["fields"] == [] and document["custom_fields"] == []
    assert document["history"] == []
    assert [e["action"] for e in document["audit"]] == ["vault.created"]


def test_cli_export_writes_a_private_json_file(filled: MadeVault, tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    result = run_cli("export", "--out", str(out), vault_dir=filled.directory)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "zpv-export"
    assert {f["key"]: f["value"] for f in document["fields"]} == VALUES
    assert "NOT encrypted" in result.stdout
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# -- backup and restore ---------------------------------------------------------------------


def test_backup_file_is_private_and_does_not_hold_values_in_clear(
    backup: Path, filled: MadeVault
) -> None:
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    blob = backup.read_bytes()
    for needle in ("Ana María", "peanuts", "x_team", "preferred_name"):
        assert needle.encode() not in blob
    # No scratch copy is left in the vault directory.
    assert {p.name for p in filled.directory.iterdir() if p.name.startswith(".backup")} == set()


def test_backup_is_logged(filled: MadeVault, tmp_path: Path) -> None:
    with filled.unlock() as vault:
        vault.backup_to(tmp_path / "b")
        assert vault.audit.entries(limit=1)[0].action == "vault.backed_up"


@pytest.mark.parametrize("secret", ["passphrase", "recovery_code", "recovery_code_sloppy"])
def test_restore_into_a_new_directory_gives_the_same_vault(
    backup: Path, filled: MadeVault, tmp_path: Path, secret: str
) -> None:
    given = {
        "passphrase": filled.passphrase,
        "recovery_code": filled.recovery_code,
        "recovery_code_sloppy": filled.recovery_code.replace("-", " ").lower(),
    }[secret]
    target = tmp_path / "restored"
    assert Vault.restore(backup, target, given, clock=lambda: 1_800_000_000) is None
    with filled.unlock() as original:
        expected_values = values_of(original)
        expected_history = original.fields.history("diet")
        expected_custom = [original.fields.definition(k) for k in ("x_team", "x_height")]
    with Vault.unlock(target, filled.passphrase) as restored:
        assert values_of(restored) == expected_values == VALUES
        assert restored.fields.history("diet") == expected_history
        assert [restored.fields.definition(k) for k in ("x_team", "x_height")] == expected_custom
        assert restored.audit.verify().ok
        assert restored.audit.entries(limit=1)[0].action == "vault.restored"
        assert restored.integrity_problems() == []
        restored.fields.set("diet", "omnivore")  # a working vault, not a read-only copy
    with Vault.unlock_with_recovery_code(target, filled.recovery_code) as restored:
        assert restored.fields.get("diet") == "omnivore"
    assert not [n for n in siblings(target) if ".restoring-" in n]


def test_a_restored_vault_is_in_wal_mode_like_a_new_one(backup: Path, tmp_path: Path) -> None:
    target = tmp_path / "restored"
    Vault.restore(backup, target, PASSPHRASE)
    with Vault.unlock(target, PASSPHRASE) as restored:
        assert restored._store.query_one("PRAGMA journal_mode") == ("wal",)


def test_restore_files_are_private(backup: Path, tmp_path: Path) -> None:
    target = tmp_path / "restored"
    Vault.restore(backup, target, PASSPHRASE)
    assert stat.S_IMODE(target.stat().st_mode) == 0o700
    for path in target.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_backup_opens_with_the_secrets_of_its_time(filled: MadeVault, tmp_path: Path) -> None:
    path = tmp_path / "b"
    with filled.unlock() as vault:
        vault.backup_to(path)
        vault.change_passphrase(NEW_PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        Vault.restore(path, tmp_path / "r1", NEW_PASSPHRASE)
    Vault.restore(path, tmp_path / "r2", PASSPHRASE)
    with Vault.unlock(tmp_path / "r2", PASSPHRASE) as restored:
        assert restored.fields.get("diet") == "vegan"


def test_restore_into_an_empty_existing_directory_is_allowed(backup: Path, tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    assert Vault.restore(backup, target, PASSPHRASE) is None
    with Vault.unlock(target, PASSPHRASE) as restored:
        assert restored.fields.get("pets") == ["dog", "cat"]


@pytest.fixture
def other_vault(tmp_path: Path) -> Iterator[Path]:
    """A different vault already in the place a restore will go."""
    directory = tmp_path / "occupied"
    vault, _code = Vault.create(directory, NEW_PASSPHRASE, kdf=FAST_KDF)
    vault.fields.set("diet", "omnivore")
    vault.lock()
    yield directory


def test_restore_into_an_occupied_directory_is_refused(backup: Path, other_vault: Path) -> None:
    before = file_digests(other_vault)
    names = siblings(other_vault)
    with pytest.raises(VaultExists):
        Vault.restore(backup, other_vault, PASSPHRASE)
    assert file_digests(other_vault) == before
    assert siblings(other_vault) == names


def test_restore_onto_a_plain_file_is_refused(backup: Path, tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("mine")
    with pytest.raises(VaultExists):
        Vault.restore(backup, target, PASSPHRASE)
    assert target.read_text() == "mine"


def test_restore_with_replace_keeps_the_old_vault_aside(backup: Path, other_vault: Path) -> None:
    before = file_digests(other_vault)
    aside = Vault.restore(backup, other_vault, PASSPHRASE, replace=True, clock=lambda: 1234)
    assert aside is not None and aside.parent == other_vault.parent
    assert aside.name.startswith("occupied.before-restore-1234-")
    assert file_digests(aside) == before
    with Vault.unlock(aside, NEW_PASSPHRASE) as old:
        assert old.fields.get("diet") == "omnivore"
    with Vault.unlock(other_vault, PASSPHRASE) as new:
        assert new.fields.get("diet") == "vegan"
    assert not [n for n in siblings(other_vault) if ".restoring-" in n]


def test_restore_with_replace_is_refused_while_the_old_vault_is_open(
    backup: Path, other_vault: Path
) -> None:
    from vault.errors import VaultBusy

    with Vault.unlock(other_vault, NEW_PASSPHRASE) as open_vault:
        with pytest.raises(VaultBusy):
            Vault.restore(backup, other_vault, PASSPHRASE, replace=True)
        assert open_vault.fields.get("diet") == "omnivore"
    assert not [n for n in siblings(other_vault) if ".restoring-" in n or "before-" in n]


@pytest.mark.parametrize(
    "secret", ["not the passphrase", "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF", ""]
)
def test_restore_with_a_wrong_secret_is_refused(
    backup: Path, other_vault: Path, secret: str
) -> None:
    before = file_digests(other_vault)
    names = siblings(other_vault)
    with pytest.raises(WrongCredentials):
        Vault.restore(backup, other_vault, secret, replace=True)
    assert file_digests(other_vault) == before
    assert siblings(other_vault) == names


def layout(blob: bytes) -> dict[str, int]:
    """Offsets of the backup's parts: magic | u32 len | header | u64 len | database | mac."""
    (header_len,) = struct.unpack_from(">I", blob, 8)
    db_start = 12 + header_len + 8
    (db_len,) = struct.unpack_from(">Q", blob, 12 + header_len)
    assert db_start + db_len + 32 == len(blob)
    return {"header": 12, "header_len": header_len, "db": db_start, "db_len": db_len}


def flip_positions(blob: bytes) -> dict[str, int]:
    at = layout(blob)
    header, db, db_len = at["header"], at["db"], at["db_len"]
    return {
        "magic": 0,
        "magic_version": 7,
        "header_length": 11,
        "header_first": header,
        "header_middle": header + at["header_len"] // 2,
        "header_last": header + at["header_len"] - 1,
        "db_length_high": db - 8,
        "db_length_low": db - 1,
        "db_salt": db,
        "db_page1_body": db + 200,
        "db_page1_reserved": db + 4096 - 10,
        "db_page2": db + 4096 + 100,
        "db_middle": db + db_len // 2,
        "db_last_page": db + db_len - 4096 + 50,
        "db_last": db + db_len - 1,
        "mac_first": len(blob) - 32,
        "mac_last": len(blob) - 1,
    }


def assert_refused_cleanly(backup: Path, target: Path, replace: bool) -> None:
    before = file_digests(target) if target.exists() else None
    names = siblings(target)
    with pytest.raises((BackupInvalid, WrongCredentials)):
        Vault.restore(backup, target, PASSPHRASE, replace=replace)
    assert (file_digests(target) if target.exists() else None) == before
    assert siblings(target) == names  # no staging directory, nothing moved aside


def test_every_sampled_byte_flip_is_rejected(
    backup: Path, other_vault: Path, tmp_path: Path
) -> None:
    blob = backup.read_bytes()
    positions = flip_positions(blob)
    assert len(set(positions.values())) == len(positions)
    damaged = tmp_path / "damaged.zpvbackup"
    for name, position in positions.items():
        for mask in (0x01, 0x80):
            changed = bytearray(blob)
            changed[position] ^= mask
            damaged.write_bytes(bytes(changed))
            try:
                assert_refused_cleanly(damaged, other_vault, replace=True)
                assert_refused_cleanly(damaged, tmp_path / "fresh", replace=False)
            except BaseException as error:
                raise AssertionError(f"flip {mask:#x} at {name} ({position})") from error
    with Vault.unlock(other_vault, NEW_PASSPHRASE) as old:
        assert old.fields.get("diet") == "omnivore"


def test_a_byte_flip_anywhere_is_rejected(backup: Path, tmp_path: Path) -> None:
    blob = backup.read_bytes()
    damaged = tmp_path / "damaged.zpvbackup"
    stride = max(1, len(blob) // 40)
    for position in range(3, len(blob), stride):
        changed = bytearray(blob)
        changed[position] ^= 0x10
        damaged.write_bytes(bytes(changed))
        try:
            assert_refused_cleanly(damaged, tmp_path / "fresh", replace=False)
        except BaseException as error:
            raise AssertionError(f"flip at {position} of {len(blob)}") from error


@pytest.mark.parametrize("keep", ["nothing", "magic", "header", "mac-1", "without_mac"])
def test_a_truncated_backup_is_rejected(
    backup: Path, other_vault: Path, tmp_path: Path, keep: str
) -> None:
    blob = backup.read_bytes()
    at = layout(blob)
    length = {
        "nothing": 0,
        "magic": 8,
        "header": at["db"] - 8,
        "mac-1": len(blob) - 1,
        "without_mac": len(blob) - 32,
    }[keep]
    damaged = tmp_path / "short.zpvbackup"
    damaged.write_bytes(blob[:length])
    assert_refused_cleanly(damaged, other_vault, replace=True)
    with pytest.raises(BackupInvalid):
        Vault.restore(damaged, tmp_path / "fresh", PASSPHRASE)


def test_trailing_bytes_are_rejected(backup: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "long.zpvbackup"
    damaged.write_bytes(backup.read_bytes() + b"\x00")
    with pytest.raises(BackupInvalid):
        Vault.restore(damaged, tmp_path / "fresh", PASSPHRASE)
    assert not (tmp_path / "fresh").exists()


@pytest.mark.parametrize("what", ["missing", "directory", "other_file"])
def test_a_non_backup_is_rejected(tmp_path: Path, what: str) -> None:
    path = tmp_path / "thing"
    if what == "directory":
        path.mkdir()
    elif what == "other_file":
        path.write_bytes(b"PK\x03\x04 not a backup at all")
    with pytest.raises(BackupInvalid):
        Vault.restore(path, tmp_path / "fresh", PASSPHRASE)
    assert not (tmp_path / "fresh").exists()


def test_a_backup_of_another_vault_cannot_be_spliced(filled: MadeVault, tmp_path: Path) -> None:
    """A database from one backup under another's header is caught, not opened."""
    mine = tmp_path / "mine"
    with filled.unlock() as vault:
        vault.backup_to(mine)
    theirs_vault, _ = Vault.create(tmp_path / "theirs-dir", PASSPHRASE, kdf=FAST_KDF)
    theirs = tmp_path / "theirs"
    theirs_vault.backup_to(theirs)
    theirs_vault.lock()
    a, b = mine.read_bytes(), theirs.read_bytes()
    la, lb = layout(a), layout(b)
    spliced = tmp_path / "spliced"
    spliced.write_bytes(a[: la["db"] - 8] + b[lb["db"] - 8 :])
    with pytest.raises((BackupInvalid, WrongCredentials)):
        Vault.restore(spliced, tmp_path / "fresh", PASSPHRASE)
    assert not (tmp_path / "fresh").exists()


# -- the command line -----------------------------------------------------------------------


@pytest.mark.slow
def test_cli_backup_then_restore_round_trip(filled: MadeVault, tmp_path: Path) -> None:
    out = tmp_path / "cli.zpvbackup"
    made = run_cli("backup", "--out", str(out), vault_dir=filled.directory)
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600

    target = tmp_path / "restored"
    restored = run_cli("restore", str(out), "--vault", str(target))
    assert restored.returncode == 0, restored.stderr
    assert str(target) in restored.stdout
    with Vault.unlock(target, PASSPHRASE) as vault:
        assert values_of(vault) == VALUES

    again = run_cli("restore", str(out), "--vault", str(target))
    assert again.returncode == 1
    assert again.stderr.startswith("zpv: ") and len(again.stderr.splitlines()) == 1

    replaced = run_cli(
        "restore",
        str(out),
        "--replace",
        "--vault",
        str(target),
        passphrase=None,
        env={"ZPV_RECOVERY_CODE": filled.recovery_code},
    )
    assert replaced.returncode == 0, replaced.stderr
    assert "kept at" in replaced.stdout
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("restored.before-restore-")]
    assert len(kept) == 1
    with Vault.unlock(kept[0], PASSPHRASE) as vault:
        assert vault.fields.get("diet") == "vegan"


def test_cli_restore_of_a_damaged_backup_exits_four(backup: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged"
    blob = bytearray(backup.read_bytes())
    blob[-1] ^= 0xFF
    damaged.write_bytes(bytes(blob))
    result = run_cli("restore", str(damaged), "--vault", str(tmp_path / "fresh"))
    assert result.returncode == 4
    assert result.stderr.startswith("zpv: ") and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "fresh").exists()
