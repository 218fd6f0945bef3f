"""At rest nothing the person stored is readable: not values, not history, not field names.

A distinctive canary goes into a catalogue field, a custom field and their
history; then every byte of every file in the vault directory is searched for
it (UTF-8 and UTF-16), while the vault is open with a live WAL and after lock.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.vaults import FAST_KDF, NEW_PASSPHRASE, PASSPHRASE, MadeVault
from vault.vault import Vault
from zpd.fieldtypes import FieldType, Sensitivity

CANARY = "Quokka7Canary4Zx"
CUSTOM_KEY = "x_secret_note"

# Names that would give the schema away if the database were not encrypted as a whole.
SCHEMA_WORDS = (
    "preferred_name",
    CUSTOM_KEY,
    "Secret note",
    "field_values",
    "field_history",
    "audit_head",
    "master_seed",
    "CREATE TABLE",
)


def _encodings(text: str) -> dict[str, bytes]:
    return {
        "utf-8": text.encode("utf-8"),
        "utf-16-le": text.encode("utf-16-le"),
        "utf-16-be": text.encode("utf-16-be"),
    }


def _vault_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.is_file())


def _leaks(directory: Path, needles: dict[str, bytes]) -> list[str]:
    """Every (file, needle) pair where the needle occurs in the file's bytes."""
    found: list[str] = []
    for path in _vault_files(directory):
        data = path.read_bytes()
        found.extend(f"{path.name}: {label}" for label, needle in needles.items() if needle in data)
    return found


def _canary_needles() -> dict[str, bytes]:
    needles = {f"canary {name}": data for name, data in _encodings(CANARY).items()}
    # A case-folded search too, in case something stored the value normalised.
    needles["canary lower"] = CANARY.lower().encode()
    needles["canary upper"] = CANARY.upper().encode()
    return needles


def _schema_needles() -> dict[str, bytes]:
    needles = {}
    for word in SCHEMA_WORDS:
        for name, data in _encodings(word).items():
            needles[f"{word!r} {name}"] = data
    return needles


def _secret_needles(made: MadeVault, data_key: bytes) -> dict[str, bytes]:
    return {
        "passphrase": made.passphrase.encode(),
        "recovery code": made.recovery_code.encode(),
        "recovery code bare": made.recovery_code.replace("-", "").encode(),
        "data key": data_key,
        "data key hex": data_key.hex().encode(),
        "data key HEX": data_key.hex().upper().encode(),
    }


def _write_canaries(vault: Vault) -> None:
    """The canary in a catalogue field, a custom field, and in history that is no longer current."""
    vault.fields.define(
        CUSTOM_KEY.removeprefix("x_"), "Secret note", FieldType.TEXT, Sensitivity.PERSONAL
    )
    vault.fields.set("preferred_name", f"{CANARY} first")
    vault.fields.set("preferred_name", f"{CANARY} second")
    vault.fields.set(CUSTOM_KEY, f"note {CANARY} one")
    vault.fields.set(CUSTOM_KEY, f"note {CANARY} two")
    vault.fields.clear(CUSTOM_KEY)
    vault.fields.set(CUSTOM_KEY, f"note {CANARY} three")


@pytest.fixture
def canary_vault(made_vault: MadeVault) -> Iterator[Vault]:
    opened = made_vault.unlock()
    _write_canaries(opened)
    yield opened
    if not opened.is_locked:
        opened.lock()


def test_the_search_finds_a_plaintext_canary(tmp_path: Path) -> None:
    """Control: the scanner is not blind (the same search on a plaintext file finds it)."""
    (tmp_path / "plain.txt").write_bytes(f"x {CANARY} y".encode("utf-16-le") + b"preferred_name")
    leaks = _leaks(tmp_path, {**_canary_needles(), **_schema_needles()})
    assert "plain.txt: canary utf-16-le" in leaks
    assert "plain.txt: 'preferred_name' utf-8" in leaks


def test_canary_is_stored_and_readable_through_the_vault(canary_vault: Vault) -> None:
    assert canary_vault.fields.get("preferred_name") == f"{CANARY} second"
    assert canary_vault.fields.get(CUSTOM_KEY) == f"note {CANARY} three"
    history = [e.value for e in canary_vault.fields.history("preferred_name")]
    assert history == [f"{CANARY} first", f"{CANARY} second"]
    custom_history = [e.value for e in canary_vault.fields.history(CUSTOM_KEY)]
    assert custom_history == [
        f"note {CANARY} one",
        f"note {CANARY} two",
        None,
        f"note {CANARY} three",
    ]


def test_nothing_readable_while_open_with_a_live_wal(
    canary_vault: Vault, made_vault: MadeVault
) -> None:
    directory = made_vault.directory
    names = {p.name for p in _vault_files(directory)}
    assert {"vault.db", "vault.db-wal", "vault.db-shm", "vault.header"} <= names
    # The recent writes are still in the WAL, so this really searches fresh pages.
    assert (directory / "vault.db-wal").stat().st_size > 0
    data_key = bytes(canary_vault._key())

    assert _leaks(directory, _canary_needles()) == []
    assert _leaks(directory, _schema_needles()) == []
    assert _leaks(directory, _secret_needles(made_vault, data_key)) == []


def test_nothing_readable_after_lock(canary_vault: Vault, made_vault: MadeVault) -> None:
    data_key = bytes(canary_vault._key())
    canary_vault.lock()
    directory = made_vault.directory

    assert _leaks(directory, _canary_needles()) == []
    assert _leaks(directory, _schema_needles()) == []
    assert _leaks(directory, _secret_needles(made_vault, data_key)) == []
    assert b"SQLite format 3" not in (directory / "vault.db").read_bytes()

    with made_vault.unlock() as reopened:
        assert reopened.fields.get("preferred_name") == f"{CANARY} second"


def test_nothing_readable_after_a_passphrase_change(
    canary_vault: Vault, made_vault: MadeVault
) -> None:
    canary_vault.change_passphrase(NEW_PASSPHRASE)
    canary_vault.lock()
    header = (made_vault.directory / "vault.header").read_bytes()
    assert NEW_PASSPHRASE.encode() not in header
    assert _leaks(made_vault.directory, _canary_needles()) == []


@pytest.mark.slow
def test_nothing_readable_after_the_cli_exits(made_vault: MadeVault, tmp_path: Path) -> None:
    directory = made_vault.directory
    defined = run_cli(
        "define", CUSTOM_KEY, "Secret note", "--type", "text", vault_dir=directory
    )
    assert defined.returncode == 0, defined.stderr
    for field, value in (("preferred_name", f"{CANARY} cli"), (CUSTOM_KEY, f"{CANARY} note")):
        result = run_cli("set", field, value, vault_dir=directory)
        assert result.returncode == 0, result.stderr
    got = run_cli("get", "preferred_name", vault_dir=directory)
    assert got.stdout.strip() == f"{CANARY} cli"

    assert _leaks(directory, _canary_needles()) == []
    assert _leaks(directory, _schema_needles()) == []

    # Control: the export, which is plaintext by design, holds what the vault hides.
    out = tmp_path / "export.json"
    exported = run_cli("export", "--out", str(out), vault_dir=directory)
    assert exported.returncode == 0, exported.stderr
    assert CANARY in out.read_text(encoding="utf-8")
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "zpv-export"


# -- file modes ----------------------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _assert_private(directory: Path) -> None:
    assert _mode(directory) == 0o700, oct(_mode(directory))
    files = _vault_files(directory)
    assert {"vault.db", "vault.header"} <= {p.name for p in files}
    for path in files:
        assert _mode(path) == 0o600, f"{path.name}: {oct(_mode(path))}"


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    """Modes must not depend on the person's umask: run with the loosest one."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_modes_are_private_after_create(tmp_path: Path, permissive_umask: None) -> None:
    directory = tmp_path / "vault"
    vault, _ = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)
    vault.lock()
    _assert_private(directory)


def test_modes_are_private_when_created_in_an_existing_open_directory(
    tmp_path: Path, permissive_umask: None
) -> None:
    directory = tmp_path / "vault"
    directory.mkdir(mode=0o777)
    assert _mode(directory) == 0o777
    vault, _ = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)
    vault.lock()
    _assert_private(directory)


def test_modes_are_private_while_open_and_after_writes(
    tmp_path: Path, permissive_umask: None
) -> None:
    directory = tmp_path / "vault"
    vault, _ = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)
    with vault:
        _write_canaries(vault)
        names = {p.name for p in _vault_files(directory)}
        assert {"vault.db-wal", "vault.db-shm"} <= names
        _assert_private(directory)
        vault.change_passphrase(NEW_PASSPHRASE)
        _assert_private(directory)
    _assert_private(directory)


def test_modes_are_private_after_zpv_init(tmp_path: Path, permissive_umask: None) -> None:
    directory = tmp_path / "cli-vault"
    result = run_cli("init", vault_dir=directory)
    assert result.returncode == 0, result.stderr
    _assert_private(directory)
