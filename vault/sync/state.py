"""This device's sync state in its own database: identity, keys, counters, the device set
and the epoch keys. Nothing here travels as a row (the set travels as device operations)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from ..storage.store import Connection


def get(connection: Connection, key: str) -> Any:
    row = connection.execute("SELECT value FROM sync_local WHERE key = ?", (key,)).fetchone()
    return None if row is None else row[0]


def put(connection: Connection, key: str, value: Any) -> None:
    connection.execute(
        "INSERT INTO sync_local (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value),
    )


def drop(connection: Connection, key: str) -> None:
    connection.execute("DELETE FROM sync_local WHERE key = ?", (key,))


def is_set_up(connection: Connection) -> bool:
    return get(connection, "device_id") is not None


@dataclass(frozen=True)
class Me:
    """This device: its id, name, keys and the folder it syncs through."""

    device_id: str
    name: str
    folder: str
    signing: Ed25519PrivateKey
    box: X25519PrivateKey

    @property
    def sign_public(self) -> bytes:
        return self.signing.public_key().public_bytes_raw()

    @property
    def box_public(self) -> bytes:
        return self.box.public_key().public_bytes_raw()


def me(connection: Connection) -> Me:
    return Me(
        device_id=str(get(connection, "device_id")),
        name=str(get(connection, "device_name")),
        folder=str(get(connection, "folder")),
        signing=Ed25519PrivateKey.from_private_bytes(bytes(get(connection, "sign_private"))),
        box=X25519PrivateKey.from_private_bytes(bytes(get(connection, "box_private"))),
    )


def counter(connection: Connection) -> int:
    return int(get(connection, "counter") or 0)


def head(connection: Connection) -> str:
    """SHA-256 (hex) of this device's last segment body; "" before the first."""
    return str(get(connection, "head") or "")


@dataclass(frozen=True)
class Device:
    id: str
    name: str
    sign_key: bytes
    box_key: bytes
    added_at: int
    removed_after: int | None  # the last counter accepted from a removed device

    @property
    def removed(self) -> bool:
        return self.removed_after is not None


def devices(connection: Connection) -> list[Device]:
    rows = connection.execute(
        "SELECT id, name, sign_key, box_key, added_at, removed_after FROM sync_devices "
        "ORDER BY added_at, id"
    ).fetchall()
    return [Device(str(r[0]), str(r[1]), bytes(r[2]), bytes(r[3]), int(r[4]),
                   None if r[5] is None else int(r[5])) for r in rows]


def device(connection: Connection, device_id: str) -> Device | None:
    return next((d for d in devices(connection) if d.id == device_id), None)


def add_device(connection: Connection, found: Device) -> None:
    connection.execute(
        "INSERT INTO sync_devices (id, name, sign_key, box_key, added_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO NOTHING",
        (found.id, found.name, found.sign_key, found.box_key, found.added_at),
    )


def remove_device(connection: Connection, device_id: str, after: int) -> None:
    """Accept nothing past `after` from it. Cut-offs only grow: each remaining device says
    how far it had applied the removed one when it learnt of the removal, and every device
    accepts up to the furthest (so all end with the same segments applied)."""
    connection.execute(
        "UPDATE sync_devices SET removed_after = max(COALESCE(removed_after, ?), ?) "
        "WHERE id = ?", (after, after, device_id),
    )


def queue_device_op(connection: Connection, op: dict[str, Any]) -> None:
    """A device operation for this device's next segment."""
    queued = json.loads(str(get(connection, "device_ops") or "[]"))
    put(connection, "device_ops", json.dumps([*queued, op]))


def take_device_ops(connection: Connection) -> list[dict[str, Any]]:
    queued: list[dict[str, Any]] = json.loads(str(get(connection, "device_ops") or "[]"))
    drop(connection, "device_ops")
    return queued


@dataclass(frozen=True)
class Epoch:
    id: bytes
    number: int
    key: bytes


def epochs(connection: Connection) -> list[Epoch]:
    rows = connection.execute("SELECT id, number, key FROM sync_epochs ORDER BY number, id")
    return [Epoch(bytes(i), int(n), bytes(k)) for i, n, k in rows]


def add_epoch(connection: Connection, epoch: Epoch) -> None:
    connection.execute(
        "INSERT INTO sync_epochs (id, number, key) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING",
        (epoch.id, epoch.number, epoch.key),
    )


def current_epoch(connection: Connection) -> Epoch:
    """The newest epoch known: the highest number, then the highest id (two devices removed
    at once on two computers each start one; every device picks the same)."""
    return max(epochs(connection), key=lambda e: (e.number, e.id))


def applied(connection: Connection) -> dict[str, tuple[int, bytes, int]]:
    """Device id -> (last counter applied, its body hash, when)."""
    rows = connection.execute("SELECT device, counter, hash, applied_at FROM sync_applied")
    return {str(d): (int(c), bytes(h), int(a)) for d, c, h, a in rows}


def set_applied(connection: Connection, device_id: str, count: int, digest: bytes,
                now: int) -> None:
    connection.execute(
        "INSERT INTO sync_applied (device, counter, hash, applied_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (device) DO UPDATE SET counter = excluded.counter, hash = excluded.hash, "
        "applied_at = excluded.applied_at", (device_id, count, digest, now),
    )


def to_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))
