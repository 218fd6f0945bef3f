"""The vault header: key slots beside the database, checksummed and MAC'd.

The file is canonical JSON. A SHA-256 checksum over the rest of the document
catches accidental damage before any key is derived; an HMAC under a key
derived from the data key catches deliberate edits (for example lowered KDF
costs) once the data key has been unwrapped. The MAC covers the exact canonical
bytes of the document without `mac` and `checksum`, the version included, and a
document with any member this version does not know is refused.

Format 2 wraps the data key for the recovery code to the code's X25519 public
key, so a re-key can rewrap it without the code. Format 1 (a symmetric recovery
slot) is still read; the next re-key writes format 2.

A re-key writes the new header under a second name (`vault.header.next`) before it
re-encrypts the database and renames it over `vault.header` after: see `rekey.py`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import HeaderCorrupted, NotAVault, UnsupportedFormat
from . import keys
from .fsutil import atomic_write
from .locations import HEADER_NAME as HEADER_NAME  # re-exported: their home is locations
from .locations import header_path as header_path

PENDING_HEADER_NAME = "vault.header.next"
FORMAT_NAME = "zpv-vault"
FORMAT_VERSION = 2
LEGACY_VERSION = 1  # read, never written
MAX_HEADER_BYTES = 64 * 1024
WRAPPED_BYTES = keys.DATA_KEY_BYTES + 16

_TOP_MEMBERS = frozenset(
    {"format", "version", "vault_id", "created_at", "passphrase_changed_at", "slots", "mac"}
)
_PASSPHRASE_MEMBERS = frozenset(
    {"kdf", "memory_kib", "iterations", "lanes", "salt", "nonce", "wrapped"}
)
_RECOVERY_MEMBERS = {
    LEGACY_VERSION: frozenset({"kdf", "salt", "nonce", "wrapped"}),
    FORMAT_VERSION: frozenset({"kdf", "salt", "public_key", "ephemeral_key", "nonce", "wrapped"}),
}
_RECOVERY_KDF = {LEGACY_VERSION: "hkdf-sha256", FORMAT_VERSION: "x25519-hkdf-sha256"}


@dataclass(frozen=True)
class PassphraseSlot:
    params: keys.KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes


@dataclass(frozen=True)
class LegacyRecoverySlot:
    """Format 1: AES-GCM under HKDF(recovery code, salt). Rewrapping it needs the code."""

    salt: bytes
    nonce: bytes
    wrapped: bytes


@dataclass(frozen=True)
class RecoverySlot:
    """Format 2: the data key sealed to the recovery code's X25519 public key."""

    salt: bytes  # derives the code's key pair; kept while the code is
    public_key: bytes
    ephemeral_key: bytes
    nonce: bytes
    wrapped: bytes


@dataclass(frozen=True)
class Header:
    vault_id: str
    created_at: int
    passphrase_changed_at: int
    passphrase: PassphraseSlot
    recovery: RecoverySlot | LegacyRecoverySlot
    version: int = FORMAT_VERSION
    mac: bytes = b""
    # The exact bytes the MAC covers, as read from disk (empty for a header built here).
    signed: bytes = b""

    def slot_aad(self, slot: str) -> bytes:
        return f"zpv/v{self.version}/{slot}/{self.vault_id}".encode()

    def signed_body(self) -> bytes:
        return self.signed or _canonical(_body(self))

    def with_mac(self, data_key: bytes | bytearray) -> Header:
        if self.version != FORMAT_VERSION:
            raise ValueError("only the current header format is written")
        unsigned = replace(self, mac=b"", signed=b"")
        tag = keys.mac(keys.header_mac_key(data_key), unsigned.signed_body())
        return replace(unsigned, mac=tag)

    def mac_is_valid(self, data_key: bytes | bytearray) -> bool:
        return keys.mac_matches(keys.header_mac_key(data_key), self.signed_body(), self.mac)


def pending_header_path(directory: Path) -> Path:
    return directory / PENDING_HEADER_NAME


def encode_header(header: Header) -> bytes:
    """The file's bytes: for a header read from disk (format 1 too), exactly as read."""
    document = json.loads(header.signed) if header.signed else _body(header)
    document["mac"] = _b64(header.mac)
    document["checksum"] = hashlib.sha256(_canonical(document)).hexdigest()
    return _canonical(document) + b"\n"


def write_header(directory: Path, header: Header, *, pending: bool = False) -> None:
    if header.version != FORMAT_VERSION or header.signed:
        raise ValueError("only a header built in this version is written")
    path = pending_header_path(directory) if pending else header_path(directory)
    atomic_write(path, encode_header(header))


def read_header(directory: Path, *, pending: bool = False) -> Header:
    path = pending_header_path(directory) if pending else header_path(directory)
    if not directory.is_dir() or not path.is_file():
        raise NotAVault(str(directory))
    return decode_header(path.read_bytes(), str(directory))


def decode_header(raw: bytes, where: str = "") -> Header:
    if len(raw) > MAX_HEADER_BYTES:
        raise HeaderCorrupted("header is too large")
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise HeaderCorrupted("header is not JSON") from None
    if not isinstance(document, dict):
        raise HeaderCorrupted("header is not a JSON object")
    # Byte-exact canonical form: any edit, even to whitespace, is caught.
    if _canonical(document) + b"\n" != raw:
        raise HeaderCorrupted("header is not in canonical form")
    checksum = document.pop("checksum", None)
    if checksum != hashlib.sha256(_canonical(document)).hexdigest():
        raise HeaderCorrupted("header checksum does not match")
    if document.get("format") != FORMAT_NAME:
        raise NotAVault(where)
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise HeaderCorrupted("header has no version")
    if version > FORMAT_VERSION:
        raise UnsupportedFormat("header", version, FORMAT_VERSION)
    if version < LEGACY_VERSION:
        raise HeaderCorrupted(f"header version {version} does not exist")
    try:
        parsed = _parse(document, version)
    except (KeyError, TypeError, ValueError, binascii.Error) as exc:
        raise HeaderCorrupted(f"header field is malformed: {exc}") from None
    signed = dict(document)
    del signed["mac"]
    return replace(parsed, signed=_canonical(signed))


def _parse(document: dict[str, Any], version: int) -> Header:
    _require_members(document, _TOP_MEMBERS, "header")
    slots = document["slots"]
    if not isinstance(slots, dict):
        raise TypeError("slots is not an object")
    _require_members(slots, frozenset({"passphrase", "recovery"}), "slots")
    pslot = slots["passphrase"]
    _require_members(pslot, _PASSPHRASE_MEMBERS, "passphrase slot")
    if pslot["kdf"] != "argon2id":
        raise ValueError("unknown passphrase KDF")
    params = keys.KdfParams(
        memory_kib=_int(pslot["memory_kib"]),
        iterations=_int(pslot["iterations"]),
        lanes=_int(pslot["lanes"]),
    )
    if not params.is_within_bounds():
        raise ValueError("KDF parameters out of bounds")
    rslot = slots["recovery"]
    _require_members(rslot, _RECOVERY_MEMBERS[version], "recovery slot")
    if rslot["kdf"] != _RECOVERY_KDF[version]:
        raise ValueError("unknown recovery KDF")
    recovery: RecoverySlot | LegacyRecoverySlot
    if version == LEGACY_VERSION:
        recovery = LegacyRecoverySlot(
            salt=_unb64(rslot["salt"], keys.SALT_BYTES),
            nonce=_unb64(rslot["nonce"], keys.NONCE_BYTES),
            wrapped=_unb64(rslot["wrapped"], WRAPPED_BYTES),
        )
    else:
        recovery = RecoverySlot(
            salt=_unb64(rslot["salt"], keys.SALT_BYTES),
            public_key=_unb64(rslot["public_key"], keys.X25519_BYTES),
            ephemeral_key=_unb64(rslot["ephemeral_key"], keys.X25519_BYTES),
            nonce=_unb64(rslot["nonce"], keys.NONCE_BYTES),
            wrapped=_unb64(rslot["wrapped"], WRAPPED_BYTES),
        )
    vault_id = document["vault_id"]
    if not isinstance(vault_id, str):
        raise TypeError("vault_id is not text")
    return Header(
        vault_id=vault_id,
        created_at=_int(document["created_at"]),
        passphrase_changed_at=_int(document["passphrase_changed_at"]),
        passphrase=PassphraseSlot(
            params=params,
            salt=_unb64(pslot["salt"], keys.SALT_BYTES),
            nonce=_unb64(pslot["nonce"], keys.NONCE_BYTES),
            wrapped=_unb64(pslot["wrapped"], WRAPPED_BYTES),
        ),
        recovery=recovery,
        version=version,
        mac=_unb64(document["mac"], 32),
    )


def _require_members(obj: object, expected: frozenset[str], what: str) -> None:
    if not isinstance(obj, dict):
        raise TypeError(f"{what} is not an object")
    if set(obj) != expected:
        unknown, missing = sorted(set(obj) - expected), sorted(expected - set(obj))
        raise ValueError(f"{what}: unknown members {unknown}, missing {missing}")


def _body(header: Header) -> dict[str, Any]:
    p = header.passphrase
    r = header.recovery
    if not isinstance(r, RecoverySlot):
        raise ValueError("a format 1 recovery slot is never written")
    return {
        "format": FORMAT_NAME,
        "version": header.version,
        "vault_id": header.vault_id,
        "created_at": header.created_at,
        "passphrase_changed_at": header.passphrase_changed_at,
        "slots": {
            "passphrase": {
                "kdf": "argon2id",
                "memory_kib": p.params.memory_kib,
                "iterations": p.params.iterations,
                "lanes": p.params.lanes,
                "salt": _b64(p.salt),
                "nonce": _b64(p.nonce),
                "wrapped": _b64(p.wrapped),
            },
            "recovery": {
                "kdf": _RECOVERY_KDF[FORMAT_VERSION],
                "salt": _b64(r.salt),
                "public_key": _b64(r.public_key),
                "ephemeral_key": _b64(r.ephemeral_key),
                "nonce": _b64(r.nonce),
                "wrapped": _b64(r.wrapped),
            },
        },
    }


def _canonical(document: dict[str, Any]) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, length: int) -> bytes:
    if not isinstance(text, str):
        raise TypeError("expected base64 text")
    data = base64.b64decode(text, validate=True)
    if len(data) != length:
        raise ValueError("wrong length")
    return data


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("expected an integer")
    return value
