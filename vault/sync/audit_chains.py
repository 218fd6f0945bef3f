"""Every device's activity log, kept on every device and verified chain by chain.

Each device mirrors its own `audit` entries into `sync_audit` under its device id when it
writes a segment with other changes; they travel as immutable rows. Here each device's
chain is walked as `profile.audit.verify` walks the local one: a changed entry or a broken
link is named; entries not arrived yet (a device's file missing) are a gap after the last
one here, shown by `zpv sync status` as waiting for that device.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..profile.audit import FIRST_ACTION, GENESIS, Tamper, entry_hash
from ..storage.store import Connection
from . import state


@dataclass(frozen=True)
class DeviceChain:
    device: str  # its name in the device set (the id's start if unknown)
    this: bool
    entries_checked: int
    last_seq: int
    first_bad_seq: int | None = None
    problem: Tamper | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def mirror_own(connection: Connection, device_id: str) -> None:
    """Copy this device's entries not mirrored yet (inside the capture's transaction)."""
    connection.execute(
        "INSERT INTO sync_audit (device, seq, at, action, details, prev_hash, hash) "
        "SELECT ?, seq, at, action, details, prev_hash, hash FROM audit WHERE seq > "
        "COALESCE((SELECT max(seq) FROM sync_audit WHERE device = ?), 0) ORDER BY seq",
        (device_id, device_id),
    )


def verify_all(connection: Connection) -> list[DeviceChain]:
    me = str(state.get(connection, "device_id"))
    names = {d.id: d.name for d in state.devices(connection)}
    devices = [str(r[0]) for r in connection.execute(
        "SELECT DISTINCT device FROM sync_audit ORDER BY device")]
    return [_verify(connection, device, names.get(device, device[:8]), device == me)
            for device in devices]


def _verify(connection: Connection, device: str, name: str, this: bool) -> DeviceChain:
    expected, prev, checked = 1, GENESIS, 0
    rows = connection.execute(
        "SELECT seq, at, action, details, prev_hash, hash FROM sync_audit WHERE device = ? "
        "ORDER BY seq", (device,),
    )
    for seq, at, action, details, stored_prev, stored_hash in rows:
        if seq != expected:
            return DeviceChain(name, this, checked, expected - 1, expected, Tamper.MISSING)
        if entry_hash(bytes(stored_prev), int(at), str(action), str(details)) != stored_hash:
            return DeviceChain(name, this, checked, seq, seq, Tamper.EDITED)
        if bytes(stored_prev) != prev or (seq == 1 and action != FIRST_ACTION):
            return DeviceChain(name, this, checked, seq, seq, Tamper.LINK_BROKEN)
        prev, expected, checked = bytes(stored_hash), expected + 1, checked + 1
    return DeviceChain(name, this, checked, expected - 1)
