"""Sync in words: where this device stands against the folder, why a file was refused, when
a device was last seen. Translatable (context "SyncWords")."""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from PySide6.QtCore import QCoreApplication

from vault.errors import SyncRefusal

from . import time

if TYPE_CHECKING:  # the sync modules load with the vault, after the first window painted
    from vault.sync.status import DeviceInfo, SyncStatus

CONTEXT = "SyncWords"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def refusal(reason: SyncRefusal) -> str:
    """Why a file in the folder was refused, as the end of "A file ... was refused: ..."."""
    match reason:
        case SyncRefusal.TAMPERED:
            return _tr("it was changed or damaged after it was written.")
        case SyncRefusal.WRONG_VAULT:
            return _tr("it belongs to another vault.")
        case SyncRefusal.UNKNOWN_DEVICE:
            return _tr("it was written by a device that is not one of this vault's.")
        case SyncRefusal.REMOVED_DEVICE:
            return _tr("it was written by a removed device after its removal.")
        case SyncRefusal.FORKED:
            return _tr("a device wrote two different files for the same change (an old copy "
                       "of that device was put back).")
        case SyncRefusal.REPLAYED:
            return _tr("it is an old file put back out of its place.")
        case SyncRefusal.UNSUPPORTED:
            return _tr("it was written by a newer version of Zero-Party Vault.")
        case SyncRefusal.UNKNOWN_EPOCH:
            return _tr("it is sealed with a key this computer does not have (another vault's "
                       "file, or this device was removed).")
        case _:
            assert_never(reason)


def status_line(status: SyncStatus) -> str:
    """The status bar's one sentence about sync."""
    from vault.sync.status import SyncState

    match status.state:
        case SyncState.UP_TO_DATE:
            return _tr("Sync: up to date.")
        case SyncState.WAITING:
            if status.waiting_for:
                return _tr("Sync: waiting for a file from {0}.").format(
                    ", ".join(status.waiting_for))
            return _tr("Sync: waiting for another device's file.")
        case SyncState.PROBLEM:
            return _tr("Sync problem: a file in the folder was refused: {0} Details are in "
                       "Activity.").format(refusal(status.refused[0][1]))
        case SyncState.REMOVED:
            return _tr("Sync stopped: this device was removed from the vault's devices.")
        case _:
            assert_never(status.state)


def failed_line(error_words: str) -> str:
    """The status bar's sentence when syncing itself failed (the folder is gone...)."""
    return _tr("Sync problem: {0}").format(error_words)


def last_seen(device: DeviceInfo) -> str:
    if device.this:
        return _tr("this device")
    if device.removed:
        return _tr("removed")
    if device.last_seen is None:
        return _tr("not seen yet")
    return _tr("last seen {0}").format(time.moment(device.last_seen))
