"""The sealed segment file, and sealing a key to a device's box key.

    "ZPVS" | format (1) | epoch id (4) | salt (16) | nonce (12) | length (4) | check (4)
    AES-256-GCM(HKDF(epoch key, salt, "zpv/sync/v1/segment"), nonce, aad = the header)
        of: Ed25519 signature (64) by the device over header and body | body

`check` (the first 4 bytes of SHA-256 of the header before it) tells a changed header
byte from a half-synced file: a file shorter than `length` says with a valid check
"not all here yet" (wait), any other difference is refused. The body is canonical JSON.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import struct
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..errors import SyncFileRefused, SyncRefusal

MAGIC = b"ZPVS"
FORMAT = 1
EPOCH_ID_BYTES = 4
_HEAD = struct.Struct(">4sB4s16s12sI")
HEADER_BYTES = _HEAD.size + 4
SIGNATURE_BYTES = 64
MAX_SEGMENT_BYTES = 64 * 1024 * 1024


class Incomplete(Exception):
    """The file is shorter than it says: half-synced, to be read again later."""


@dataclass(frozen=True)
class Sealed:
    epoch_id: bytes
    header: bytes
    signature: bytes
    body: bytes  # canonical JSON, authenticated by the AEAD; the signature is checked apart


def hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt or None, info=info).derive(key)


def names_key(master_seed: bytes) -> bytes:
    return hkdf(master_seed, b"", b"zpv/sync/v1/names")


def file_name(names: bytes, *parts: str) -> str:
    """A name that says nothing: a keyed hash of what it is."""
    return hmac.new(names, "\x00".join(parts).encode(), hashlib.sha256).hexdigest()[:32]


def seal(
    epoch_id: bytes, epoch_key: bytes, signing: Ed25519PrivateKey, body: bytes
) -> bytes:
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    length = SIGNATURE_BYTES + len(body) + 16
    head = _HEAD.pack(MAGIC, FORMAT, epoch_id, salt, nonce, length)
    header = head + hashlib.sha256(head).digest()[:4]
    signature = signing.sign(header + body)
    key = hkdf(epoch_key, salt, b"zpv/sync/v1/segment")
    return header + AESGCM(key).encrypt(nonce, signature + body, header)


def open_sealed(raw: bytes, epoch_keys: Mapping[bytes, bytes]) -> Sealed:
    """The authenticated content of a segment file (its signature not yet checked).

    Incomplete for a half-synced file; SyncFileRefused otherwise when it does not open."""
    if len(raw) < HEADER_BYTES:
        if raw == MAGIC[: len(raw)] or raw.startswith(MAGIC):
            raise Incomplete()
        raise SyncFileRefused(SyncRefusal.TAMPERED)
    header = raw[:HEADER_BYTES]
    magic, version, epoch_id, salt, nonce, length = _HEAD.unpack(header[: _HEAD.size])
    if magic != MAGIC or hashlib.sha256(header[: _HEAD.size]).digest()[:4] != header[-4:]:
        raise SyncFileRefused(SyncRefusal.TAMPERED)
    if version != FORMAT:
        raise SyncFileRefused(SyncRefusal.UNSUPPORTED)
    if length > MAX_SEGMENT_BYTES or len(raw) > HEADER_BYTES + length:
        raise SyncFileRefused(SyncRefusal.TAMPERED)
    if len(raw) < HEADER_BYTES + length:
        raise Incomplete()
    epoch_key = epoch_keys.get(epoch_id)
    if epoch_key is None:
        raise SyncFileRefused(SyncRefusal.UNKNOWN_EPOCH)
    key = hkdf(epoch_key, salt, b"zpv/sync/v1/segment")
    try:
        plain = AESGCM(key).decrypt(nonce, raw[HEADER_BYTES:], header)
    except InvalidTag:
        raise SyncFileRefused(SyncRefusal.TAMPERED) from None
    return Sealed(epoch_id, header, plain[:SIGNATURE_BYTES], plain[SIGNATURE_BYTES:])


def signature_holds(sealed: Sealed, public_key: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(
            sealed.signature, sealed.header + sealed.body
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def seal_to(box_public: bytes, secret: bytes, aad: bytes) -> bytes:
    """`secret` sealed to a device's X25519 key: ephemeral key (32) | nonce (12) | ciphertext."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(box_public))
    key = hkdf(shared, ephemeral_public + box_public, b"zpv/sync/v1/sealed-key")
    nonce = secrets.token_bytes(12)
    return ephemeral_public + nonce + AESGCM(key).encrypt(nonce, secret, aad)


def open_sealed_to(box_private: X25519PrivateKey, sealed: bytes, aad: bytes) -> bytes | None:
    """The secret sealed to this device's key, or None when it is not for this device."""
    own = box_private.public_key().public_bytes_raw()
    try:
        shared = box_private.exchange(X25519PublicKey.from_public_bytes(sealed[:32]))
        key = hkdf(shared, sealed[:32] + own, b"zpv/sync/v1/sealed-key")
        return AESGCM(key).decrypt(sealed[32:44], sealed[44:], aad)
    except (InvalidTag, ValueError):
        return None
