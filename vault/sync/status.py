"""Where a device stands against the folder, in words the CLI and the app turn to text."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..errors import SyncRefusal
from . import state
from .segments import FolderView


class SyncState(StrEnum):
    UP_TO_DATE = "up_to_date"
    WAITING = "waiting"  # for another device's file (a gap, half-synced, a reference)
    PROBLEM = "problem"  # a file was refused
    REMOVED = "removed"  # this device was removed from the set


@dataclass(frozen=True)
class DeviceInfo:
    id: str
    name: str
    this: bool
    last_seen: int | None  # when its last segment was applied here
    removed: bool


@dataclass(frozen=True)
class SyncStatus:
    state: SyncState
    folder: str
    device_name: str
    waiting_for: tuple[str, ...]  # names of devices with files not applied here (yet)
    incomplete: int  # half-synced files
    refused: tuple[tuple[str, SyncRefusal], ...]  # file name, why


def status_of(
    me: state.Me, devices: list[state.Device], applied: dict[str, tuple[int, bytes, int]],
    view: FolderView,
) -> SyncStatus:
    known = {d.id: d for d in devices}
    waiting = []
    refused = [(r.name, r.reason) for r in view.refused]
    for device, chain in sorted(view.segments.items()):
        last = applied.get(device, (0, b"", 0))[0]
        found = known.get(device)
        if found is not None and found.removed_after is not None:
            refused.extend((s.name, SyncRefusal.REMOVED_DEVICE)
                           for n, variants in sorted(chain.items())
                           if n > found.removed_after for s in variants)
        elif any(n > last for n in chain):
            waiting.append(found.name if found else device[:8])
    own = known.get(me.device_id)
    if own is not None and own.removed:
        condition = SyncState.REMOVED
    elif refused:
        condition = SyncState.PROBLEM
    elif waiting or view.incomplete:
        condition = SyncState.WAITING
    else:
        condition = SyncState.UP_TO_DATE
    return SyncStatus(condition, me.folder, me.name, tuple(waiting), len(view.incomplete),
                      tuple(refused))
