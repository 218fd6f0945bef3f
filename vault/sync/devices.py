"""The device set: a device's identity, the operations that add and remove devices, and
which segments the set admits (docs/sync.md, "The device set, removal and epochs")."""

from __future__ import annotations

import base64
import secrets
import socket
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from ..errors import SyncFileRefused, SyncRefusal
from ..storage.store import Connection
from . import state
from .sealing import open_sealed_to, seal_to, signature_holds
from .segments import FolderView, Segment

EPOCH_AAD = b"zpv/sync/v1/epoch/"
DeviceOp = dict[str, Any]


@dataclass(frozen=True)
class Identity:
    """A new device's keys and its `added` operation."""

    device_id: str
    name: str
    signing: Ed25519PrivateKey
    box: X25519PrivateKey
    added: DeviceOp

    @classmethod
    def new(cls, name: str | None, now: int) -> Identity:
        signing, box = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
        device_id = secrets.token_hex(16)
        chosen = (name or socket.gethostname() or "device").strip()[:60] or "device"
        added = {
            "op": "added", "id": device_id, "name": chosen, "at": now,
            "sign": b64(signing.public_key().public_bytes_raw()),
            "box": b64(box.public_key().public_bytes_raw()),
        }
        return cls(device_id, chosen, signing, box, added)

    def take(self, connection: Connection) -> None:
        """Become this device (counter and chain start again) and join the set."""
        for key, value in (
            ("device_id", self.device_id), ("device_name", self.name),
            ("sign_private", self.signing.private_bytes_raw()),
            ("box_private", self.box.private_bytes_raw()), ("counter", 0), ("head", ""),
        ):
            state.put(connection, key, value)
        apply_device_op(connection, self.added, self.device_id, self.device_id, self.box)


def default_name(taken: set[str]) -> str:
    """This computer's name, with a number after it when a device of the vault already has
    it (two copies on one computer, two computers named alike): `zpv devices remove NAME`
    must name one device."""
    base = (socket.gethostname() or "device").strip()[:56] or "device"
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def names_announced(view: FolderView) -> set[str]:
    """The names the devices whose segments are in the folder gave themselves."""
    return {
        str(op.get("name", ""))[:60]
        for chain in view.segments.values() for variants in chain.values()
        for segment in variants for op in segment.body.get("devices", [])
        if isinstance(op, dict) and op.get("op") == "added"
    }


def removal(
    connection: Connection, target: str, after: int,
) -> tuple[DeviceOp, state.Epoch, state.Epoch]:
    """The `removed` operation for `target` (cut off after `after`) with a new epoch key
    sealed to every other device in the set; returns it, the new epoch and the old one
    (the removal itself is sealed in the old one, so the others can read it)."""
    old = state.current_epoch(connection)
    new = state.Epoch(secrets.token_bytes(4), old.number + 1, secrets.token_bytes(32))
    sealed = {
        d.id: b64(seal_to(d.box_key, new.key, EPOCH_AAD + new.id))
        for d in state.devices(connection) if not d.removed and d.id != target
    }
    op = {"op": "removed", "id": target, "after": after,
          "epoch": {"id": b64(new.id), "number": new.number, "sealed": sealed}}
    return op, new, old


def check(connection: Connection, segment: Segment, last: int, last_hash: bytes) -> None:
    """Refuse a segment that is not the next link of a device in the set."""
    device = state.device(connection, segment.device)
    if device is not None:
        sign_key = device.sign_key
        if device.removed_after is not None and segment.counter > device.removed_after:
            raise SyncFileRefused(SyncRefusal.REMOVED_DEVICE, segment.name)
    else:
        # A device announces itself in its first segment, signed with the key it announces.
        announced = [op for op in segment.body["devices"]
                     if op.get("op") == "added" and op.get("id") == segment.device]
        if segment.counter != 1 or not announced:
            raise SyncFileRefused(SyncRefusal.UNKNOWN_DEVICE, segment.name)
        sign_key = unb64(announced[0]["sign"])
    if not signature_holds(segment.sealed, sign_key):
        raise SyncFileRefused(SyncRefusal.TAMPERED, segment.name)
    if segment.body["prev"] != (last_hash.hex() if last else ""):
        raise SyncFileRefused(SyncRefusal.REPLAYED, segment.name)


def apply_device_op(
    connection: Connection, op: DeviceOp, author: str, me: str, box: X25519PrivateKey,
) -> None:
    kind = op.get("op")
    if kind == "added" and op.get("id") == author:  # a device adds only itself
        state.add_device(connection, state.Device(
            str(op["id"]), str(op["name"])[:60], unb64(op["sign"]), unb64(op["box"]),
            int(op["at"]), None,
        ))
    elif kind == "cutoff":
        state.remove_device(connection, str(op["id"]), int(op["after"]))
    elif kind == "removed":
        removed, after = str(op["id"]), int(op["after"])
        state.remove_device(connection, removed, after)
        seen = state.applied(connection).get(removed, (0, b"", 0))[0]
        if seen > after and removed != me:
            # This device applied more of it than the remover had: the others catch up.
            state.queue_device_op(connection, {"op": "cutoff", "id": removed, "after": seen})
        epoch = op["epoch"]
        epoch_id = unb64(epoch["id"])
        sealed = epoch["sealed"].get(me)
        if sealed is not None:
            key = open_sealed_to(box, unb64(sealed), EPOCH_AAD + epoch_id)
            if key is not None:
                state.add_epoch(connection, state.Epoch(epoch_id, int(epoch["number"]), key))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise TypeError("expected base64 text")
    return base64.b64decode(text, validate=True)
