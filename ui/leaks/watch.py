"""The mailbox watched while the vault is open: started when it opens (and when the mailbox
in Settings changes), stopped at once when it locks. The watcher runs on a thread of its own
(vault/leaks/watcher.py): it never waits on the GUI, and what it finds comes back to the GUI
thread as signals. A watcher of an earlier unlock that is still winding down is ignored."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from vault.changes import Changes

from ..session import Session

if TYPE_CHECKING:
    from vault.leaks.records import Leak
    from vault.leaks.settings import MailboxSettings
    from vault.leaks.watcher import MailboxWatcher, Timing, WatchStatus


class LeakWatch(QObject):
    status_changed = Signal(object)  # vault.leaks.watcher.WatchStatus
    leaks_found = Signal(object)  # list[vault.leaks.records.Leak], new ones only
    _status_from_thread = Signal(object, int)
    _found_from_thread = Signal(object, int)

    def __init__(self, session: Session, timing: Timing | None = None) -> None:
        super().__init__()
        self.session = session
        self.timing = timing
        self.watcher: MailboxWatcher | None = None
        self.watching: MailboxSettings | Path | None = None
        # A local Maildir watched instead of the mailbox in Settings (the demo's).
        self.maildir: Path | None = None
        self.status: WatchStatus | None = None
        self._generation = 0
        self._status_from_thread.connect(self._status_arrived)
        self._found_from_thread.connect(self._found_arrived)
        session.opened.connect(self.restart)
        session.closed.connect(self.stop)
        session.changed.connect(self._changed)

    @property
    def running(self) -> bool:
        return self.watcher is not None

    def restart(self) -> None:
        """Watch the mailbox the vault keeps now (nothing when it keeps none)."""
        if self.maildir is not None:
            self._watch(self.maildir)
            return
        self.session.call(lambda vault: vault.leaks.mailbox(), self._watch, owner=self)

    def _changed(self, kinds: Changes) -> None:
        if kinds & Changes.SETTINGS and self.session.is_open:
            self.restart()

    def _watch(self, chosen: MailboxSettings | Path | None) -> None:
        if self.watcher is not None and chosen == self.watching:
            return
        self.stop()
        vault = self.session.vault
        if chosen is None or vault is None:
            return
        from vault.leaks.checks import mailbox_watcher, private_authority

        generation = self._generation
        self.watching = chosen
        self.watcher = mailbox_watcher(
            vault.leaks, chosen, ca_bundle=private_authority(),
            on_status=lambda status: self._status_from_thread.emit(status, generation),
            on_leaks=lambda found: self._found_from_thread.emit(found, generation),
            timing=self.timing)
        self.watcher.start()

    def stop(self) -> None:
        """Ends the watch without waiting for its thread: it stops within a tick, and
        whatever it still says is ignored."""
        self._generation += 1
        watcher, self.watcher, self.watching = self.watcher, None, None
        if watcher is not None:
            watcher.stop(timeout=0)
            from vault.leaks.watcher import WatchState, WatchStatus

            self._status_arrived(WatchStatus(WatchState.STOPPED), self._generation)

    def scan_now(self) -> None:
        if self.watcher is not None:
            self.watcher.scan_now()

    def _status_arrived(self, status: WatchStatus, generation: int) -> None:
        if generation != self._generation:
            return
        self.status = status
        self.status_changed.emit(status)

    def _found_arrived(self, found: list[Leak], generation: int) -> None:
        if generation != self._generation or not self.session.is_open:
            return
        self.session.changed.emit(Changes.AUDIT)  # each leak is an Activity entry
        self.leaks_found.emit(found)
