"""The header's MAC covers its exact canonical bytes (version included); unknown members are
refused; a format 1 header (the one before the recovery slot was sealed to a public key),
written here from its description rather than by the vault, still opens and is
migrated by the next re-key."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from tests.support.cli import run_cli
from tests.support.vaults import FAST_KDF, NEW_PASSPHRASE, PASSPHRASE, MadeVault, file_digests
from vault.errors import HeaderCorrupted, WrongPassphrase, WrongRecoveryCode
from vault.storage import keys
from vault.storage.header import FORMAT_VERSION, encode_header, header_path, read_header
from vault.vault import Vault

Document = dict[str, Any]


def canonical(document: Document) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def hkdf(ikm: bytes, salt: bytes | None, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def write_document(directory: Path, document: Document) -> None:
    """Write a header document canonical, with a correct checksum (but the MAC as given)."""
    document = {k: v for k, v in document.items() if k != "checksum"}
    document["checksum"] = hashlib.sha256(canonical(document)).hexdigest()
    header_path(directory).write_bytes(canonical(document) + b"\n")


def read_document(directory: Path) -> Document:
    document: Document = json.loads(header_path(directory).read_bytes())
    return document


def resign(document: Document, data_key: bytes) -> None:
    """Give `document` a valid MAC: HMAC-SHA256 under HKDF(data key, "zpv/v1/header-mac") of
    its canonical bytes without `mac` and `checksum`."""
    body = {k: v for k, v in document.items() if k not in ("mac", "checksum")}
    mac_key = hkdf(data_key, None, b"zpv/v1/header-mac")
    document["mac"] = b64(hmac.new(mac_key, canonical(body), hashlib.sha256).digest())


@pytest.fixture
def keyed(made_vault: MadeVault) -> tuple[MadeVault, bytes]:
    """The made vault holding a value, and its data key."""
    with made_vault.unlock() as opened:
        opened.fields.set("preferred_name", "Ada")
        data_key = bytes(opened._key())
    return made_vault, data_key


# -- the MAC and the members ---------------------------------------------------------------


def test_the_mac_covers_the_exact_canonical_bytes(keyed: tuple[MadeVault, bytes]) -> None:
    made, data_key = keyed
    document = read_document(made.directory)
    assert document["version"] == FORMAT_VERSION
    expected = dict(document)
    resign(expected, data_key)
    assert expected["mac"] == document["mac"]


EDITS: dict[str, Callable[[Document], None]] = {
    "top-level": lambda d: d.update(note="hello"),
    "in-slots": lambda d: d["slots"].update(spare={"kdf": "none"}),
    "in-passphrase-slot": lambda d: d["slots"]["passphrase"].update(hint="my cat"),
    "in-recovery-slot": lambda d: d["slots"]["recovery"].update(comment="x"),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "re-signed"])
def test_unknown_members_are_refused(
    keyed: tuple[MadeVault, bytes], edit: Callable[[Document], None], signed: bool
) -> None:
    """Refused even with a valid MAC over them: a member this version does not know is not
    something it can have checked."""
    made, data_key = keyed
    document = read_document(made.directory)
    edit(document)
    if signed:
        resign(document, data_key)
    write_document(made.directory, document)
    before = file_digests(made.directory)
    with pytest.raises(HeaderCorrupted):
        Vault.unlock(made.directory, PASSPHRASE)
    with pytest.raises(HeaderCorrupted):
        Vault.unlock_with_recovery_code(made.directory, made.recovery_code)
    assert file_digests(made.directory) == before


@pytest.mark.parametrize("version", [0, -1, FORMAT_VERSION - 1])
def test_an_edited_version_never_opens(keyed: tuple[MadeVault, bytes], version: int) -> None:
    made, _ = keyed
    document = read_document(made.directory)
    document["version"] = version
    write_document(made.directory, document)
    with pytest.raises(HeaderCorrupted):
        Vault.unlock(made.directory, PASSPHRASE)


# -- format 1, written from its description ------------------------------------------------


def format_1_document(
    vault_id: str, data_key: bytes, passphrase: str, code: str, now: int
) -> Document:
    """A format 1 header: both slots AES-256-GCM, the passphrase's key from Argon2id of its
    NFC form, the recovery code's from HKDF-SHA256 of its 30 characters."""
    def aad(slot: str) -> bytes:
        return f"zpv/v1/{slot}/{vault_id}".encode()

    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = Argon2id(salt=salt, length=32, iterations=FAST_KDF.iterations, lanes=FAST_KDF.lanes,
                   memory_cost=FAST_KDF.memory_kib).derive(
        unicodedata.normalize("NFC", passphrase).encode())
    rsalt, rnonce = secrets.token_bytes(16), secrets.token_bytes(12)
    rkek = hkdf(code.replace("-", "").encode(), rsalt, b"zpv/v1/recovery-slot")
    document: Document = {
        "format": "zpv-vault", "version": 1, "vault_id": vault_id, "created_at": now,
        "passphrase_changed_at": now,
        "slots": {
            "passphrase": {
                "kdf": "argon2id", "memory_kib": FAST_KDF.memory_kib,
                "iterations": FAST_KDF.iterations, "lanes": FAST_KDF.lanes, "salt": b64(salt),
                "nonce": b64(nonce),
                "wrapped": b64(AESGCM(kek).encrypt(nonce, data_key, aad("passphrase"))),
            },
            "recovery": {
                "kdf": "hkdf-sha256", "salt": b64(rsalt), "nonce": b64(rnonce),
                "wrapped": b64(AESGCM(rkek).encrypt(rnonce, data_key, aad("recovery"))),
            },
        },
    }
    resign(document, data_key)
    return document


@pytest.fixture
def format_1(keyed: tuple[MadeVault, bytes]) -> MadeVault:
    """The made vault with a format 1 header around its data key."""
    made, data_key = keyed
    current = read_document(made.directory)
    code = keys.new_recovery_code()
    write_document(made.directory, format_1_document(
        current["vault_id"], data_key, PASSPHRASE, code, current["created_at"]))
    return MadeVault(made.directory, PASSPHRASE, code)


def test_a_format_1_header_opens_with_either_secret(format_1: MadeVault) -> None:
    with Vault.unlock(format_1.directory, PASSPHRASE) as opened:
        assert opened.fields.get("preferred_name") == "Ada"
        assert not opened.keeps_recovery_code
    with Vault.unlock_with_recovery_code(format_1.directory, format_1.recovery_code) as opened:
        assert opened.keeps_recovery_code
    assert read_document(format_1.directory)["version"] == 1  # reading writes nothing


def test_a_format_1_header_with_a_bad_mac_is_refused(format_1: MadeVault) -> None:
    document = read_document(format_1.directory)
    document["passphrase_changed_at"] += 1
    write_document(format_1.directory, document)
    with pytest.raises(HeaderCorrupted):
        Vault.unlock(format_1.directory, PASSPHRASE)


def test_a_format_1_passphrase_change_makes_a_new_recovery_code(format_1: MadeVault) -> None:
    """Its recovery slot can only be rewrapped with the code itself, which the passphrase does
    not give: the change makes a new code rather than leave a slot holding the old key."""
    with Vault.unlock(format_1.directory, PASSPHRASE) as opened:
        code = opened.change_passphrase(NEW_PASSPHRASE)
        assert code is not None
    assert read_document(format_1.directory)["version"] == FORMAT_VERSION
    with pytest.raises(WrongRecoveryCode):
        Vault.unlock_with_recovery_code(format_1.directory, format_1.recovery_code)
    with pytest.raises(WrongPassphrase):
        Vault.unlock(format_1.directory, PASSPHRASE)
    with Vault.unlock_with_recovery_code(format_1.directory, code) as opened:
        assert opened.fields.get("preferred_name") == "Ada"
    Vault.unlock(format_1.directory, NEW_PASSPHRASE).lock()


def test_format_1_recovery_keeps_the_code(format_1: MadeVault) -> None:
    with Vault.unlock_with_recovery_code(format_1.directory, format_1.recovery_code) as opened:
        assert opened.change_passphrase(NEW_PASSPHRASE) is None
    assert read_document(format_1.directory)["version"] == FORMAT_VERSION
    with Vault.unlock_with_recovery_code(format_1.directory, format_1.recovery_code) as opened:
        assert opened.fields.get("preferred_name") == "Ada"
    Vault.unlock(format_1.directory, NEW_PASSPHRASE).lock()


def test_a_format_1_vault_gets_a_new_recovery_code(format_1: MadeVault) -> None:
    with Vault.unlock(format_1.directory, PASSPHRASE) as opened:
        code = opened.new_recovery_code(PASSPHRASE)
    assert read_document(format_1.directory)["version"] == FORMAT_VERSION
    with pytest.raises(WrongRecoveryCode):
        Vault.unlock_with_recovery_code(format_1.directory, format_1.recovery_code)
    Vault.unlock_with_recovery_code(format_1.directory, code).lock()
    Vault.unlock(format_1.directory, PASSPHRASE).lock()


def test_a_header_read_is_encoded_back_byte_for_byte(format_1: MadeVault, tmp_path: Path) -> None:
    """What a backup embeds: the header in use, exactly as on disk, in either format."""
    on_disk = header_path(format_1.directory).read_bytes()
    assert encode_header(read_header(format_1.directory)) == on_disk
    backup = tmp_path / "format-1.zpvbak"
    with Vault.unlock(format_1.directory, PASSPHRASE) as opened:
        opened.backup_to(backup)
    Vault.restore(backup, tmp_path / "restored", format_1.recovery_code)
    assert header_path(tmp_path / "restored").read_bytes() == on_disk
    with Vault.unlock(tmp_path / "restored", PASSPHRASE) as restored:
        assert restored.fields.get("preferred_name") == "Ada"


def test_zpv_passwd_on_a_format_1_vault_prints_the_new_recovery_code(format_1: MadeVault) -> None:
    result = run_cli("passwd", vault_dir=format_1.directory,
                     env={"ZPV_NEW_PASSPHRASE": NEW_PASSPHRASE})
    assert result.returncode == 0, result.stderr
    [code] = [line.strip() for line in result.stdout.splitlines()
              if line.strip().count("-") == keys.RECOVERY_GROUPS - 1]
    with pytest.raises(WrongRecoveryCode):
        Vault.unlock_with_recovery_code(format_1.directory, format_1.recovery_code)
    Vault.unlock_with_recovery_code(format_1.directory, code).lock()
