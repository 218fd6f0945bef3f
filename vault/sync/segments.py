"""Writing this device's segments into the folder, and reading the others'.

A segment is written in two steps that survive a kill between them: first its bytes,
counter and chain head are committed to the database with the capture that made them
(`pending`), then the file is written (temporary name, rename) and the pending copy
dropped. A kill after the commit leaves the same bytes to write again at the next sync,
so a counter never gets two different files.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SyncFileRefused, SyncRefusal
from ..storage.fsutil import atomic_write, remove_leftovers
from ..storage.store import Connection
from . import state
from .codec import canonical
from .sealing import Incomplete, Sealed, file_name, open_sealed, seal

SUFFIX = ".zps"


@dataclass(frozen=True)
class Segment:
    """A segment file that opened: who wrote it, its place in that device's chain."""

    name: str
    sealed: Sealed
    body: dict[str, Any]
    digest: bytes  # SHA-256 of the body: the next segment's `prev`

    @property
    def device(self) -> str:
        return str(self.body["device"])

    @property
    def counter(self) -> int:
        return int(self.body["n"])


@dataclass(frozen=True)
class Refusal:
    name: str
    digest: bytes  # SHA-256 of the whole file, so it is reported once
    reason: SyncRefusal


@dataclass
class FolderView:
    """Every segment file in the folder, opened, by device and counter: one each, or
    several different ones for a counter (a fork) that the reader sorts out."""

    segments: dict[str, dict[int, list[Segment]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    refused: list[Refusal] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)


def prepare(
    connection: Connection, me: state.Me, vault_id: str, names: bytes, epoch: state.Epoch,
    ops: list[dict[str, Any]], device_ops: list[dict[str, Any]], now_ms: int,
) -> None:
    """Inside the capture's transaction: the next segment, kept as pending."""
    count = state.counter(connection) + 1
    body = {
        "vault": vault_id, "device": me.device_id, "n": count, "prev": state.head(connection),
        "at": now_ms, "ops": ops, "devices": device_ops,
    }
    plain = canonical(body)
    sealed = seal(epoch.id, epoch.key, me.signing, plain)
    name = file_name(names, "segment", me.device_id, str(count)) + SUFFIX
    state.put(connection, "counter", count)
    state.put(connection, "head", hashlib.sha256(plain).hexdigest())
    state.put(connection, "pending_name", name)
    state.put(connection, "pending_bytes", sealed)


def flush_pending(connection: Connection, folder: Path) -> bool:
    """Write the pending segment (if any) into the folder; True when one was written.
    A temporary file a killed write of it left is removed (only this device's own)."""
    name = state.get(connection, "pending_name")
    if name is None:
        return False
    atomic_write(folder / str(name), bytes(state.get(connection, "pending_bytes")))
    remove_leftovers(folder, (f".{name}.*.tmp",))
    return True


def forget_pending(connection: Connection) -> None:
    state.drop(connection, "pending_name")
    state.drop(connection, "pending_bytes")


def read_folder(folder: Path, vault_id: str, epoch_keys: Mapping[bytes, bytes]) -> FolderView:
    """Open every segment file; names are not trusted (conflict copies included), a
    temporary file (a dot name) is someone's write in progress and is skipped."""
    view = FolderView()
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        if path.name.startswith("."):
            continue
        try:
            raw = path.read_bytes()
        except OSError:
            view.incomplete.append(path.name)  # gone, or being replaced: next time
            continue
        try:
            segment = _open(path.name, raw, vault_id, epoch_keys)
        except Incomplete:
            view.incomplete.append(path.name)
            continue
        except SyncFileRefused as refused:
            view.refused.append(Refusal(path.name, hashlib.sha256(raw).digest(), refused.reason))
            continue
        variants = view.segments[segment.device].setdefault(segment.counter, [])
        if all(v.digest != segment.digest for v in variants):  # a copy is the same file
            variants.append(segment)
    return view


def _open(name: str, raw: bytes, vault_id: str, epoch_keys: Mapping[bytes, bytes]) -> Segment:
    sealed = open_sealed(raw, epoch_keys)
    try:
        body = json.loads(sealed.body)
        if not isinstance(body, dict):
            raise ValueError("not an object")
        device, counter = body["device"], body["n"]
        if not isinstance(device, str) or not isinstance(counter, int) or counter < 1:
            raise ValueError("no device or counter")
        if not isinstance(body["ops"], list) or not isinstance(body["devices"], list):
            raise ValueError("no operations")
    except (ValueError, KeyError, TypeError):
        raise SyncFileRefused(SyncRefusal.TAMPERED, name) from None
    if body.get("vault") != vault_id:
        raise SyncFileRefused(SyncRefusal.WRONG_VAULT, name)
    return Segment(name, sealed, body, hashlib.sha256(sealed.body).digest())
