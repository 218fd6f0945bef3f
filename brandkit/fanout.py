"""Which of the brand's systems hear of a grant change, written in the change's transaction.

    fanout = Fanout(load_subscribers(path), deletion_deadline=30 * 86400)
    fanout.announce(transaction, GRANT_STORED, grant_id, token_jti, now)
    pending = fanout.revoked(transaction, grant_id, revocation_jti, now)

Each event is one outbox row per subscriber that wants its type (`sqlwebhooks`), in
the same transaction as the change, so a receiver killed at any moment has either
both or neither. A revocation also opens one downstream deletion per subscriber that
confirms deletion (`deletions.py` settles them).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from zpd.receipt import Downstream, DownstreamEntry

from .storage import Deletion, Transaction, WebhookEvent
from .subscribers import GRANT_REVOKED, NONE, Subscribers

DAY = 86400
DELETION_DEADLINE = 30 * DAY


def new_event_id() -> str:
    return "msg_" + uuid.uuid4().hex


@dataclass(frozen=True)
class Fanout:
    subscribers: Subscribers = NONE
    deletion_deadline: int = DELETION_DEADLINE  # seconds a system has to confirm a deletion

    def announce(
        self, transaction: Transaction, event_type: str, grant_id: str,
        message_jti: str | None, now: int,
    ) -> list[WebhookEvent]:
        events = []
        for subscriber in self.subscribers.wanting(event_type):
            event = WebhookEvent(new_event_id(), subscriber.name, event_type, grant_id,
                                 message_jti, now, next_attempt_ms=now * 1000)
            transaction.add_webhook(event)
            events.append(event)
        return events

    def revoked(
        self, transaction: Transaction, grant_id: str, revocation_jti: str, now: int
    ) -> tuple[DownstreamEntry, ...]:
        """Announce a revocation; the deletions it opens, each pending (none: nothing to
        wait for)."""
        entries = []
        for event in self.announce(transaction, GRANT_REVOKED, grant_id, revocation_jti, now):
            subscriber = self.subscribers.named(event.subscriber)
            if subscriber is not None and subscriber.confirms_deletion:
                transaction.add_deletion(Deletion(
                    event.event_id, revocation_jti, grant_id, subscriber.name, "pending",
                    now + self.deletion_deadline,
                ))
                entries.append(DownstreamEntry(subscriber.name, Downstream.PENDING, None))
        return tuple(entries)

    @property
    def active(self) -> bool:
        return len(self.subscribers) > 0
