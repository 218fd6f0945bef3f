"""The unlocked vault as the UI sees it: every call runs off the GUI thread.

`Session.call(func, done)` runs `func(vault)` on the thread pool and calls
`done(result)` back on the GUI thread. When it succeeds, `changed` is emitted
with the kinds of data it touched ("fields", "brands", "grants", "audit",
"outbox") so each view decides whether to refresh. Errors become words (in the
person's language) on `failed`, unless the caller handles them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from .tasks import run_task

if TYPE_CHECKING:  # the vault's modules load after the first window has painted
    from vault.exchange.delivery import FlushReport
    from vault.vault import Vault

T = TypeVar("T")

FIELDS = "fields"
BRANDS = "brands"
GRANTS = "grants"
AUDIT = "audit"
OUTBOX = "outbox"
EVERYTHING = frozenset({FIELDS, BRANDS, GRANTS, AUDIT, OUTBOX})
DELIVERY_INTERVAL_MS = 5000


class Session(QObject):
    changed = Signal(object)  # frozenset[str]
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
        self._delivery_timer = QTimer(self)
        self._delivery_timer.setInterval(DELIVERY_INTERVAL_MS)
        self._delivery_timer.timeout.connect(self.deliver)

    @property
    def is_open(self) -> bool:
        return self.vault is not None and not self.vault.is_locked

    def open(self, vault: Vault) -> None:
        self.vault = vault
        self._delivery_timer.start()
        self.opened.emit()
        self.changed.emit(EVERYTHING)
        self.deliver()

    @property
    def is_re_keying(self) -> bool:
        return self._re_keying > 0

    def lock(self) -> None:
        """Drop the key and close the database (waiting for any call in flight). During a
        re-key the vault is dropped at once and locked when the re-key is done: closing the
        database under it would mean waiting for it here, on the GUI thread."""
        self._delivery_timer.stop()
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

        def finished(result: Any, error: BaseException | None) -> None:
            self._re_keying -= 1
            deferred = self._lock_after_re_key
            if deferred is not None and not self._re_keying:
                self._lock_after_re_key = None
                # Off the GUI thread too: locking writes the rollback record (an fsync).
                run_task(self, deferred.lock, lambda _result, _error: None)
            if self.vault is not vault or not shiboken6.isValid(owner):
                return
            if error is not None:
                failed(error)
                return
            self.changed.emit(frozenset({AUDIT}))
            done(result)

        run_task(self, lambda: func(vault), finished)

    def call(
        self,
        func: Callable[[Vault], T],
        done: Callable[[T], None] | None = None,
        *,
        changes: frozenset[str] | set[str] = frozenset(),
        failed: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> None:
        vault = self.vault
        if vault is None:
            # Locked: say so, so no caller waits forever on a busy state.
            if failed is not None:
                from vault.errors import VaultLocked

                failed(VaultLocked())
            return

        def work() -> Any:
            return func(vault)

        def finished(result: Any, error: BaseException | None) -> None:
            if self.vault is not vault:
                return  # locked meanwhile: nobody wants this any more
            if error is not None:
                if failed is not None:
                    failed(error)
                else:
                    from . import strings  # the words for errors load when first needed

                    self.failed.emit(strings.error_message(error))
                return
            if changes:
                self.changed.emit(frozenset(changes))
            if done is not None:
                done(result)

        run_task(owner or self, work, finished)

    def deliver(self) -> None:
        """Flush the outbox in the background (one flush at a time)."""
        if self.vault is None or self._flushing:
            return
        self._flushing = True
        self.delivering.emit(True)

        def settled(report: FlushReport | None) -> None:
            self._flushing = False
            if report is not None and report.attempted:
                self.changed.emit(frozenset({GRANTS, OUTBOX, AUDIT}))
            self.delivering.emit(False)
            if report is not None:
                self.flushed.emit(report)

        def failed(error: BaseException) -> None:
            settled(None)
            self.flush_failed.emit(error)  # what was claimed waits out its backoff

        self.call(lambda vault: vault.delivery.flush(), settled, failed=failed)

    def changed_and_deliver(self, kinds: set[str]) -> None:
        self.changed.emit(frozenset(kinds))
        self.deliver()
