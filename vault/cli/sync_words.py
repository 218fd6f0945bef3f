"""The English words of `zpv sync` and `zpv devices`."""

from __future__ import annotations

from typing import assert_never

from ..errors import SyncRefusal
from ..sync.manager import SyncState


def refusal_words(reason: SyncRefusal) -> str:
    match reason:
        case SyncRefusal.TAMPERED:
            return "changed or damaged since it was written"
        case SyncRefusal.WRONG_VAULT:
            return "belongs to another vault"
        case SyncRefusal.UNKNOWN_DEVICE:
            return "written by a device that is not one of this vault's"
        case SyncRefusal.REMOVED_DEVICE:
            return "written by a removed device after its removal"
        case SyncRefusal.FORKED:
            return "a second, different file for a change already seen (an old copy of a device)"
        case SyncRefusal.REPLAYED:
            return "an old file put back, out of its place"
        case SyncRefusal.UNSUPPORTED:
            return "written by a newer version of Zero-Party Vault"
        case SyncRefusal.UNKNOWN_EPOCH:
            return ("sealed with a key this computer does not have (another vault's file, "
                    "or this device was removed)")
        case _:
            assert_never(reason)


def state_words(state: SyncState) -> str:
    match state:
        case SyncState.UP_TO_DATE:
            return "up to date"
        case SyncState.WAITING:
            return "waiting for another device's file"
        case SyncState.PROBLEM:
            return "a problem: a file in the folder was refused"
        case SyncState.REMOVED:
            return "this device was removed from the vault's devices; it no longer syncs"
        case _:
            assert_never(state)
