"""Sync while the vault is open: the folder watched, other devices' files applied as they
arrive, this device's changes written soon after they are made.

Started when the vault opens (and when sync is set up in Settings), stopped when it
locks. The folder watcher (vault/sync/watch.py) runs on a thread of its own and only says
"something arrived"; the sync itself runs through the session, off the GUI thread, so
the views refresh from the `Changes` it made like after any other call. One sync runs at
a time: news that comes meanwhile is a sync right after it. A watcher of an earlier
unlock that is still winding down is ignored.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from vault.changes import Changes

from ..session import Session

if TYPE_CHECKING:
    from vault.sync.status import SyncStatus
    from vault.sync.watch import FolderWatcher
    from vault.vault import Vault

# A change made here is written to the folder after this much quiet (a burst of edits is
# one segment); the other devices' files are applied as soon as the watcher says.
AFTER_CHANGE_MS = 1000


def sync_and_status(vault: Vault) -> SyncStatus:
    """For the session's worker: write what changed here, apply the others', then say where
    this device stands."""
    vault.sync.now()
    return vault.sync.status()


def folder_if_set_up(vault: Vault) -> str | None:
    return vault.sync.folder() if vault.sync.is_set_up() else None


class SyncWatch(QObject):
    status_changed = Signal(object)  # SyncStatus, or None: sync is not set up
    failed = Signal(str)  # syncing itself failed (the folder is gone...), in words
    _arrived_from_thread = Signal(int)

    def __init__(
        self, session: Session, *, after_change_ms: int = AFTER_CHANGE_MS,
        poll_interval: float = 1.0,
    ) -> None:
        super().__init__()
        self.session = session
        self.poll_interval = poll_interval
        self.watcher: FolderWatcher | None = None
        self.status: SyncStatus | None = None
        self._generation = 0
        self._syncing = False
        self._again = False
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(after_change_ms)
        self._soon.timeout.connect(self.sync_now)
        self._arrived_from_thread.connect(self._arrived)
        session.opened.connect(self.restart)
        session.closed.connect(self.stop)
        session.changed.connect(self._changed)

    @property
    def running(self) -> bool:
        return self.watcher is not None

    def restart(self) -> None:
        """Watch the folder this vault syncs through (nothing when it does not sync)."""
        self.session.call(folder_if_set_up, self._watch, owner=self)

    def _watch(self, folder: str | None) -> None:
        self.stop()
        if folder is None or not self.session.is_open:
            return
        from vault.sync.watch import FolderWatcher

        generation = self._generation
        self.watcher = FolderWatcher(
            Path(folder), lambda: self._arrived_from_thread.emit(generation),
            interval=self.poll_interval)
        self.watcher.start()
        self.sync_now()  # what arrived while the vault was locked

    def stop(self) -> None:
        """Ends the watch without waiting for its thread here (it stops within a tick);
        whatever it still says is ignored. A sync in flight reports to nobody."""
        self._generation += 1
        self._soon.stop()
        self._syncing = self._again = False
        watcher, self.watcher = self.watcher, None
        if watcher is not None:
            threading.Thread(target=watcher.stop, name="zpv-sync-watch-stop",
                             daemon=True).start()
        if self.status is not None:
            self.status = None
            self.status_changed.emit(None)

    def sync_now(self) -> None:
        if self.watcher is None:
            return
        if self._syncing:
            self._again = True
            return
        self._syncing = True
        generation = self._generation
        self.session.call(
            sync_and_status, lambda status: self._synced(status, generation),
            failed=lambda error: self._sync_failed(error, generation), owner=self)

    def _arrived(self, generation: int) -> None:
        if generation == self._generation:
            self.sync_now()

    def _changed(self, kinds: Changes) -> None:
        if self.watcher is None:
            return
        if self._syncing:
            # The sync's own changes, or another call's that ended meanwhile: look again
            # once it is done (a second look that finds nothing changes nothing).
            self._again = True
        elif kinds & ~Changes.AUDIT:  # an entry in Activity alone is not worth a file
            self._soon.start()

    def _synced(self, status: SyncStatus, generation: int) -> None:
        if generation != self._generation:
            return
        self._finished()
        self.status = status
        self.status_changed.emit(status)

    def _sync_failed(self, error: BaseException, generation: int) -> None:
        if generation != self._generation:
            return
        self._finished()
        from ..words.errors import error_text  # loads with the first error, not at start

        self.failed.emit(error_text(error))

    def _finished(self) -> None:
        self._syncing = False
        if self._again:
            self._again = False
            self._soon.start()
