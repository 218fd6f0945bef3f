"""The vault header: key slots beside the database, checksummed and MAC'd.

The file is canonical JSON. A SHA-256 checksum over the rest of the document
catches accidental damage before any key is derived; an HMAC under a key
derived from the data key catches deliberate edits (for example lowered KDF
costs) once the data key has been unwrapped.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import keys
from .errors import HeaderCorrupted, NotAVault, UnsupportedFormat
from .fsutil import atomic_write
from .locations import HEADER_NAME as HEADER_NAME  # re-exported: their home is locations
from .locations import header_path as header_path

FORMAT_NAME = "zpv-vault"
FORMAT_VERSION = 1
MAX_HEADER_BYTES = 64 * 1024


@dataclass(frozen=True)
class PassphraseSlot:
    params: keys.KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes


@dataclass(frozen=True)
class RecoverySlot:
    salt: bytes
    nonce: bytes
    wrapped: bytes


@dataclass(frozen=True)
class Header:
    vault_id: str
    created_at: int
    passphrase_changed_at: int
    passphrase: PassphraseSlot
    recovery: RecoverySlot
    mac: bytes = b""

    def slot_aad(self, slot: str) -> bytes:
        return f"zpv/v1/{slot}/{self.vault_id}".encode()

    def signed_body(self) -> bytes:
        return _canonical(_body(self))

    def with_mac(self, data_key: bytes | bytearray) -> Header:
        unsigned = replace(self, mac=b"")
        tag = keys.mac(keys.header_mac_key(data_key), unsigned.signed_body())
        return replace(unsigned, mac=tag)

    def mac_is_valid(self, data_key: bytes | bytearray) -> bool:
        return keys.mac_matches(keys.header_mac_key(data_key), self.signed_body(), self.mac)


def write_header(directory: Path, header: Header) -> None:
    document = _body(header)
    document["mac"] = _b64(header.mac)
    document["checksum"] = hashlib.sha256(_canonical(document)).hexdigest()
    atomic_write(header_path(directory), _canonical(document) + b"\n")


def read_header(directory: Path) -> Header:
    path = header_path(directory)
    if not directory.is_dir() or not path.is_file():
        raise NotAVault(str(directory))
    raw = path.read_bytes()
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
        raise NotAVault(str(directory))
    version = document.get("version")
    if not isinstance(version, int):
        raise HeaderCorrupted("header has no version")
    if version > FORMAT_VERSION:
        raise UnsupportedFormat("header", version, FORMAT_VERSION)
    try:
        return _parse(document)
    except (KeyError, TypeError, ValueError, binascii.Error) as exc:
        raise HeaderCorrupted(f"header field is malformed: {exc}") from None


def _parse(document: dict[str, Any]) -> Header:
    slots = document["slots"]
    pslot = slots["passphrase"]
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
    if rslot["kdf"] != "hkdf-sha256":
        raise ValueError("unknown recovery KDF")
    return Header(
        vault_id=str(document["vault_id"]),
        created_at=_int(document["created_at"]),
        passphrase_changed_at=_int(document["passphrase_changed_at"]),
        passphrase=PassphraseSlot(
            params=params,
            salt=_unb64(pslot["salt"], keys.SALT_BYTES),
            nonce=_unb64(pslot["nonce"], keys.NONCE_BYTES),
            wrapped=_unb64(pslot["wrapped"], keys.DATA_KEY_BYTES + 16),
        ),
        recovery=RecoverySlot(
            salt=_unb64(rslot["salt"], keys.SALT_BYTES),
            nonce=_unb64(rslot["nonce"], keys.NONCE_BYTES),
            wrapped=_unb64(rslot["wrapped"], keys.DATA_KEY_BYTES + 16),
        ),
        mac=_unb64(document["mac"], 32),
    )


def _body(header: Header) -> dict[str, Any]:
    p = header.passphrase
    r = header.recovery
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
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
                "kdf": "hkdf-sha256",
                "salt": _b64(r.salt),
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
