"""Rollback detection: remember, outside the vault, the newest activity seen in it.

Every vault's activity log only ever grows, and its head (last sequence number
and hash) is inside the encrypted database, where nobody without the key can
forge it. So a vault directory replaced by an older copy of itself (a restored
file-level backup, a sync client, someone with access to the disk) shows an
older head than the one this computer last saw there.

At every unlock (after the check) and every lock, the head is written to a
small state file outside the vault directory: one file per vault id, holding
one record per directory the vault was opened at (a copy restored elsewhere on
purpose is another directory, and is not compared with the original). At
unlock, the head found is compared with the one remembered:

- older: fewer entries than seen (entries seen here are gone);
- diverged: as many or more entries, but the one seen last is not among them
  (the directory holds another line of history than the one seen here).

Either raises `VaultRolledBack`; `Vault.unlock(..., accept_rollback=True)`
opens it deliberately (and logs that it did). `Vault.restore` updates the
record itself, so a deliberate restore is never flagged.

The state file is advisory: a missing or unreadable one means nothing is
compared, and failing to write it never stops a lock or an unlock. Its
location is `$ZPV_STATE_DIR`, else the platform's user state directory.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from ..errors import RollbackReason, StorageFull, VaultRolledBack
from .fsutil import PRIVATE_DIR, atomic_write

STATE_ENV = "ZPV_STATE_DIR"
FORMAT_NAME = "zpv-seen"
FORMAT_VERSION = 1
MAX_DIRECTORIES = 32  # per vault id; the least recently seen are dropped
MAX_STATE_BYTES = 256 * 1024


@dataclass(frozen=True)
class Head:
    """The activity log's head: its last sequence number, that entry's hash and time."""

    seq: int
    hash: str  # hex
    entry_at: int


def state_dir() -> Path:
    override = os.environ.get(STATE_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_state_dir("zero-party-vault", appauthor=False))


def state_path(vault_id: str) -> Path | None:
    """The state file of one vault; None for an id that is not a UUID (never a path)."""
    try:
        canonical = str(uuid.UUID(vault_id))
    except (ValueError, TypeError, AttributeError):
        return None
    return state_dir() / "seen" / f"{canonical}.json"


def _key(directory: Path) -> str:
    return str(Path(directory).resolve())


def _load(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_STATE_BYTES:
            return {}
        document = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        return {}
    directories = document.get("directories")
    return directories if isinstance(directories, dict) else {}


def remembered(vault_id: str, directory: Path) -> Head | None:
    """The head last seen in this vault at this directory, if any (and readable)."""
    path = state_path(vault_id)
    if path is None:
        return None
    record = _load(path).get(_key(directory))
    if not isinstance(record, dict):
        return None
    seq, digest, entry_at = record.get("seq"), record.get("hash"), record.get("entry_at", 0)
    if not (isinstance(seq, int) and isinstance(digest, str) and isinstance(entry_at, int)):
        return None
    return Head(seq, digest, entry_at)


def remember(vault_id: str, directory: Path, head: Head | None, now: int) -> bool:
    """Record `head` as seen; best effort (False when it could not be written)."""
    path = state_path(vault_id)
    if path is None or head is None:
        return False
    try:
        path.parent.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        directories = _load(path)
        directories[_key(directory)] = {
            "seq": head.seq, "hash": head.hash, "entry_at": head.entry_at, "seen_at": now,
        }
        if len(directories) > MAX_DIRECTORIES:
            newest = sorted(
                directories.items(),
                key=lambda item: item[1].get("seen_at", 0) if isinstance(item[1], dict) else 0,
                reverse=True,
            )
            directories = dict(newest[:MAX_DIRECTORIES])
        document = {
            "format": FORMAT_NAME, "version": FORMAT_VERSION, "vault_id": vault_id,
            "directories": directories,
        }
        atomic_write(path, json.dumps(document, sort_keys=True, indent=1).encode() + b"\n")
    except (OSError, StorageFull):
        return False
    return True


def check(
    vault_id: str, directory: Path, found: Head | None, hash_at: Callable[[int], str | None]
) -> None:
    """Raise VaultRolledBack if the vault, whose head is `found`, holds less than was seen
    here; `hash_at(seq)` is the hash of its entry `seq` (None if it has none)."""
    seen = remembered(vault_id, directory)
    if found is None or seen is None:
        return
    reason = (RollbackReason.OLDER if found.seq < seen.seq
              else RollbackReason.DIVERGED if hash_at(seen.seq) != seen.hash else None)
    if reason is not None:
        raise VaultRolledBack(reason, seen.seq, seen.entry_at, found.seq, found.entry_at)
