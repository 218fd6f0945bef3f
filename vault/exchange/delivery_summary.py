"""Where a grant's delivery stands, in one word, from its outbox rows.

A person asks "does the brand have it?", not "which of five messages was sent": the
latest version's state (or of a pause or resume sent after it), or once revoked the
revocation's, is the answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from zpd import receipt

from ..storage.store import Store
from .outbox import DeliveryState, MessageKind

# What a signed receipt says of a message that confirms the brand did as told.
_CONFIRMED = {
    MessageKind.GRANT: {receipt.STORED},
    MessageKind.PAUSE: {receipt.PAUSED},
    MessageKind.RESUME: {receipt.RESUMED},
    MessageKind.REVOCATION: {receipt.DELETED},
}


class DeliveryStatus(StrEnum):
    QUEUED = "queued"  # waiting to be sent (detail: why, after a failed attempt)
    DELIVERED = "delivered"  # the brand accepted it, without a verified receipt
    CONFIRMED = "confirmed"  # the brand's signed receipt says "stored" ("paused", "resumed")
    FAILED = "failed"  # the brand refused it for good (detail: its reason)
    REVOCATION_QUEUED = "revocation_queued"
    DELETION_CONFIRMED = "deletion_confirmed"  # the brand's signed receipt says "deleted"
    # The brand deleted it; systems it passed the data to have not all confirmed yet.
    DELETION_PENDING = "deletion_pending"
    DELETION_FAILED = "deletion_failed"  # final: a system it passed the data to did not delete
    DELETION_UNCONFIRMED = "deletion_unconfirmed"  # accepted, without a verified receipt
    NOT_SENT = "not_sent"  # revoked before the brand ever received anything


@dataclass(frozen=True)
class DeliverySummary:
    status: DeliveryStatus
    detail: str | None
    attempts: int


class Attempt(Protocol):
    """What a delivery summary needs of an outbox row (an OutboxItem has it all)."""

    @property
    def kind(self) -> MessageKind: ...
    @property
    def state(self) -> DeliveryState: ...
    @property
    def attempts(self) -> int: ...
    @property
    def last_error(self) -> str | None: ...
    @property
    def receipt_status(self) -> str | None: ...


@dataclass(frozen=True)
class _Row:
    kind: MessageKind
    state: DeliveryState
    attempts: int
    last_error: str | None
    receipt_status: str | None


# A delivered revocation's state, by the status of the latest receipt the brand gave.
_DELETION = {
    receipt.DELETED: DeliveryStatus.DELETION_CONFIRMED,
    receipt.DELETION_PENDING: DeliveryStatus.DELETION_PENDING,
    receipt.DELETION_FAILED: DeliveryStatus.DELETION_FAILED,
}
SUMMARY_BATCH = 500  # grant ids per query, well under SQLite's limit on parameters


def summaries(store: Store, grant_ids: Iterable[str]) -> dict[str, DeliverySummary | None]:
    """The delivery state of each grant (None: nothing to deliver), a few queries for all.

    Reads only the columns a summary needs, through `outbox_by_grant`; the message
    bodies stay on disk."""
    wanted = list(dict.fromkeys(grant_ids))
    rows: dict[str, list[Attempt]] = {grant_id: [] for grant_id in wanted}
    for start in range(0, len(wanted), SUMMARY_BATCH):
        batch = wanted[start:start + SUMMARY_BATCH]
        for grant_id, kind, state, attempts, last_error, receipt_status in store.query(
            "SELECT grant_id, kind, state, attempts, last_error, receipt_status FROM outbox "
            f"WHERE grant_id IN ({', '.join('?' for _ in batch)}) "
            "ORDER BY grant_id, created_at, rowid",
            tuple(batch),
        ):
            rows[str(grant_id)].append(_Row(
                MessageKind(str(kind)), DeliveryState(str(state)), int(attempts),
                None if last_error is None else str(last_error),
                None if receipt_status is None else str(receipt_status),
            ))
    return {grant_id: summarise(items) for grant_id, items in rows.items()}


def summarise(items: Sequence[Attempt]) -> DeliverySummary | None:
    """The delivery state of one grant, from its outbox rows (oldest first)."""
    revocation = next((i for i in reversed(items) if i.kind is MessageKind.REVOCATION), None)
    if revocation is not None:
        status = {
            DeliveryState.CANCELLED: DeliveryStatus.NOT_SENT,
            DeliveryState.FAILED: DeliveryStatus.FAILED,
            DeliveryState.QUEUED: DeliveryStatus.REVOCATION_QUEUED,
            DeliveryState.DELIVERED: _DELETION.get(revocation.receipt_status or "",
                                                   DeliveryStatus.DELETION_UNCONFIRMED),
        }[revocation.state]
        return DeliverySummary(status, revocation.last_error, revocation.attempts)
    # The latest version, or a pause or resume after it: what the brand has been told last.
    messages = [i for i in items if i.kind is not MessageKind.REVOCATION
                and i.state is not DeliveryState.CANCELLED]
    if not messages:
        return None
    latest = messages[-1]
    status = {
        DeliveryState.QUEUED: DeliveryStatus.QUEUED,
        DeliveryState.FAILED: DeliveryStatus.FAILED,
        DeliveryState.DELIVERED: (DeliveryStatus.CONFIRMED
                                  if latest.receipt_status in _CONFIRMED[latest.kind]
                                  else DeliveryStatus.DELIVERED),
        DeliveryState.CANCELLED: DeliveryStatus.QUEUED,
    }[latest.state]
    return DeliverySummary(status, latest.last_error, latest.attempts)
