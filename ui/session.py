"""The unlocked vault as the UI sees it: every call runs off the GUI thread.

`Session.call(func, done)` runs `func(vault)` on the thread pool and calls
`done(result)` back on the GUI thread. `changed` is emitted with exactly what the
call changed, as the vault recorded it (`vault.changes.Changes`: FIELDS, GRANTS,
AUDIT...), so each view decides whether to refresh. Errors become words (in the
person's language) on `failed`, unless the caller handles them.

Grants past their end are marked expired when the vault opens and each minute after
(reading never does it), so the views show them expired without anyone asking.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from .tasks import run_task

if TYPE_CHECKING:  # the vault's modules load after the first window has painted
    from vault.changes import Changes
    from vault.exchange.delivery import FlushReport
    from vault.vault import Vault

T = TypeVar("T")
log = logging.getLogger(__name__)

DELIVERY_INTERVAL_MS = 5000
EXPIRY_INTERVAL_MS = 60_000


class Session(QObject):
    changed = Signal(object)  # vault.changes.Changes
    failed = Signal(str)
    opened = Signal()
    closed = Signal()
    delivering = Signal(bool)
    flushed = Signal(object)  # the FlushReport of a delivery run that finished
    flush_failed = Signal(object)  # the exception that stopped a delivery run

    def __init__(self) -> None:
        super().__init__()
        self.vault: Vault | None = None
        self._flushing = False
        self._re_keying = 0
        self._lock_after_re_key: Vault | None = None
        self._stopped_by_lock: list[str] = []
        self._delivery_timer = QTimer(self)
        self._delivery_timer.setInterval(DELIVERY_INTERVAL_MS)
        self._delivery_timer.timeout.connect(self.deliver)
        self._expiry_timer = QTimer(self)
        self._expiry_timer.timeout.connect(self.expire)

    @property
    def is_open(self) -> bool:
        return self.vault is not None and not self.vault.is_locked

    def open(self, vault: Vault) -> None:
        from vault.changes import Changes

        self.vault = vault
        self._delivery_timer.start()
        self._expiry_timer.start(EXPIRY_INTERVAL_MS)
        self.opened.emit()
        self.changed.emit(Changes.ALL)
        self.expire()
        self.deliver()

    @property
    def is_re_keying(self) -> bool:
        return self._re_keying > 0

    def note_stopped_by_lock(self, what: str) -> None:
        """Work the person started that the lock stopped, in words (`closed` is the time
        to say it): the unlock screen tells them (`take_stopped_by_lock`)."""
        self._stopped_by_lock.append(what)

    def take_stopped_by_lock(self) -> list[str]:
        stopped, self._stopped_by_lock = self._stopped_by_lock, []
        return stopped

    def lock(self) -> None:
        """Drop the key and close the database (waiting for any call in flight). During a
        re-key the vault is dropped at once and locked when the re-key is done: closing the
        database under it would mean waiting for it here, on the GUI thread."""
        self._delivery_timer.stop()
        self._expiry_timer.stop()
        vault, self.vault = self.vault, None
        if vault is not None and not vault.is_locked:
            if self._re_keying:
                self._lock_after_re_key = vault
            else:
                vault.lock()
        self._flushing = False
        self.closed.emit()

    def change_secret(
        self,
        func: Callable[[Vault], T],
        done: Callable[[T], None],
        *,
        failed: Callable[[BaseException], None],
        owner: QObject,
    ) -> None:
        """`call` for a change of secret, which re-keys the vault: slow on a large vault.

        A lock meanwhile is carried out when it is done (see `lock`); `done` and `failed`
        are called only while `owner` exists and the vault is still open.
        """
        vault = self.vault
        if vault is None:
            from vault.errors import VaultLocked

            failed(VaultLocked())
            return
        self._re_keying += 1
        seen: list[Changes] = []

        def finished(result: Any, error: BaseException | None) -> None:
            self._re_keying -= 1
            deferred = self._lock_after_re_key
            if deferred is not None and not self._re_keying:
                self._lock_after_re_key = None
                # Off the GUI thread too: locking writes the rollback record (an fsync).
                run_task(self, deferred.lock, lambda _result, _error: None)
            if self.vault is not vault:
                return
            self._emit_changed(seen)
            if not shiboken6.isValid(owner):
                return
            if error is not None:
                failed(error)
                return
            done(result)

        run_task(self, _tracked(vault, func, seen), finished)

    def call(
        self,
        func: Callable[[Vault], T],
        done: Callable[[T], None] | None = None,
        *,
        failed: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> None:
        """Run `func(vault)` off the GUI thread; `changed` says what it changed (even when it
        failed half-way, or `owner` is gone), then `done` or `failed` are called while
        `owner` (if given) exists."""
        vault = self.vault
        if vault is None:
            # Locked: say so, so no caller waits forever on a busy state.
            if failed is not None:
                from vault.errors import VaultLocked

                failed(VaultLocked())
            return
        seen: list[Changes] = []

        def finished(result: Any, error: BaseException | None) -> None:
            if self.vault is not vault:
                return  # locked meanwhile: nobody wants this any more
            self._emit_changed(seen)
            if owner is not None and not shiboken6.isValid(owner):
                return  # a closed window drops the result
            if error is not None:
                if failed is not None:
                    failed(error)
                else:

                    # The words for errors load with the first one: not with the unlock screen.
                    from .words.errors import error_text

                    self.failed.emit(error_text(error))
                return
            if done is not None:
                done(result)

        run_task(self, _tracked(vault, func, seen), finished)

    def _emit_changed(self, seen: list[Changes]) -> None:
        if seen and seen[0]:
            log.debug("changed: %s", seen[0])
            self.changed.emit(seen[0])

    def expire(self) -> None:
        """Mark grants past their end as expired; the views refresh from what changed."""
        self.call(lambda vault: vault.grants.expire_due())

    def deliver(self) -> None:
        """Flush the outbox in the background (one flush at a time)."""
        if self.vault is None or self._flushing:
            return
        self._flushing = True
        self.delivering.emit(True)

        def settled(report: FlushReport | None) -> None:
            self._flushing = False
            self.delivering.emit(False)
            if report is not None:
                self.flushed.emit(report)

        def failed(error: BaseException) -> None:
            settled(None)
            self.flush_failed.emit(error)  # what was claimed waits out its backoff

        self.call(lambda vault: vault.delivery.flush(), settled, failed=failed)


def _tracked(vault: Vault, func: Callable[[Vault], T], seen: list[Changes]) -> Callable[[], T]:
    """`func(vault)` for the worker thread, noting in `seen` what it changed."""

    def work() -> T:
        with vault.tracking() as tracked:
            try:
                return func(vault)
            finally:
                seen.append(tracked.changes)

    return work
