"""The one-file encrypted backup: writing it and reading it back.

File layout (all integers big-endian):

    b"ZPVBAK\\x00\\x01" | u32 header length | header bytes | u64 database length |
    database bytes | 32-byte HMAC-SHA256 over everything before it

The header is the vault's own (key slots wrapped by passphrase and recovery
code); the database is an encrypted SQLCipher copy under the same data key.
The HMAC key is derived from the data key, so only someone who can unlock the
backup can check it, and any change to any byte is caught.
"""

from __future__ import annotations

import secrets
import struct
from dataclasses import dataclass
from pathlib import Path

from ..errors import BackupInvalid
from . import keys
from .fsutil import atomic_write
from .store import Store

BACKUP_MAGIC = b"ZPVBAK\x00\x01"
_TAG_BYTES = 32
MAX_HEADER_BYTES = 64 * 1024


def backup_mac_key(data_key: bytes | bytearray) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), 32, None, b"zpv/v1/backup-mac").derive(bytes(data_key))


def write_backup(
    store: Store, directory: Path, header: bytes, data_key: bytearray, target: Path
) -> None:
    """Back up the database with `header`, the header (file bytes) whose key is `data_key`;
    the scratch copy goes into the vault's `directory`."""
    scratch = directory / f".backup-{secrets.token_hex(6)}.db"
    try:
        store.export_copy(scratch, data_key)
        database = scratch.read_bytes()
    finally:
        scratch.unlink(missing_ok=True)
    body = (
        BACKUP_MAGIC
        + struct.pack(">I", len(header))
        + header
        + struct.pack(">Q", len(database))
        + database
    )
    atomic_write(target, body + keys.mac(backup_mac_key(data_key), body))


@dataclass(frozen=True)
class BackupContents:
    header: bytes
    database: bytes
    signed: bytes
    tag: bytes

    def verify(self, data_key: bytes | bytearray) -> None:
        if not keys.mac_matches(backup_mac_key(data_key), self.signed, self.tag):
            raise BackupInvalid("backup was modified")


def read_backup(path: Path) -> BackupContents:
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        raise BackupInvalid("no such file") from None
    except IsADirectoryError:
        raise BackupInvalid("not a file") from None
    if not blob.startswith(BACKUP_MAGIC):
        raise BackupInvalid("not a vault backup")
    offset = len(BACKUP_MAGIC)
    try:
        (header_len,) = struct.unpack_from(">I", blob, offset)
        offset += 4
        if header_len > MAX_HEADER_BYTES:
            raise BackupInvalid("header too large")
        header = blob[offset : offset + header_len]
        offset += header_len
        (db_len,) = struct.unpack_from(">Q", blob, offset)
        offset += 8
    except struct.error:
        raise BackupInvalid("backup is truncated") from None
    database = blob[offset : offset + db_len]
    offset += db_len
    if len(header) != header_len or len(database) != db_len or len(blob) != offset + _TAG_BYTES:
        raise BackupInvalid("backup is truncated or has trailing bytes")
    return BackupContents(header, database, blob[:offset], blob[offset:])
