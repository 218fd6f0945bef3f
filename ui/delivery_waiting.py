"""The status bar's count of what waits to be delivered to brands ("2 messages waiting to
be delivered"), beside the lock state, so a person sees at a glance that something they
shared or took back has not reached the brand yet. Counted off the GUI thread, by SQLite,
after each delivery run that sent something and each change to the outbox; nothing when
nothing waits, or when locked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vault.changes import Changes

from .session import Session
from .widgets import OneLineLabel

if TYPE_CHECKING:
    from vault.exchange.delivery import FlushReport
    from vault.vault import Vault


def queued(vault: Vault) -> int:
    return vault.delivery.queued_count()


class DeliveryWaitingLabel(OneLineLabel):
    def __init__(self, session: Session) -> None:
        super().__init__("deliveryWaiting")
        self.session = session
        self.setAccessibleName(self.tr("Waiting to be delivered"))
        self.hide()
        session.flushed.connect(self._on_flushed)
        session.changed.connect(self._on_changed)
        session.opened.connect(self.refresh)
        session.closed.connect(self.hide)

    def _on_flushed(self, report: FlushReport) -> None:
        # A run runs every few seconds: one that sent nothing changed nothing to count.
        if report.attempted:
            self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes & Changes.OUTBOX:
            self.refresh()

    def refresh(self) -> None:
        if self.session.is_open:
            self.session.call(queued, self.show_count, failed=lambda _error: None, owner=self)

    def show_count(self, count: int) -> None:
        if count == 0:
            self.hide()
            return
        text = (self.tr("1 message waiting to be delivered to a brand") if count == 1 else
                self.tr("{0} messages waiting to be delivered to brands").format(count))
        self.setText(text)
        self.setToolTip(self.tr("Shared > Delivery says why each one waits."))
        self.show()
