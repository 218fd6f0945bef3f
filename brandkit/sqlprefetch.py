"""What a batch of writes reads first, read for all of them at once (`prefetch`).

A group commit's share tokens each read, before writing anything, their message (a
replay?), their person's pinned key and count of grants, and their grant: four
statements a token, each a round trip to PostgreSQL. `prefetch` reads those rows for the
whole batch in three statements, and the reads below answer from what it found.

An answer kept in memory is dropped as soon as a write could change it. The writes
overridden here drop exactly the rows they change; any other write through
`execute` drops everything (`SqlTransaction.execute`), so a query added later can never
be answered from a stale row.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from copy import deepcopy
from dataclasses import dataclass, field, replace
from typing import Any, cast

from .sqlgrants import GRANT_SELECT, GrantQueries, grant_of
from .sqlschema import SEEN_COLUMNS
from .sqlwebhooks import WebhookQueries
from .storage import Deletion, GrantRecord, Keys, MessageKey, MessageKind, SeenMessage, WebhookEvent


@dataclass
class KnownRows:
    """Rows read by `prefetch`; a key absent from a map was not read (or was dropped)."""

    pinned: dict[str, str | None] = field(default_factory=dict)  # pseudonym -> jwk JSON
    counts: dict[str, int] = field(default_factory=dict)  # pseudonym -> grants held
    grants: dict[str, GrantRecord | None] = field(default_factory=dict)
    seen: dict[MessageKey, SeenMessage | None] = field(default_factory=dict)


class PrefetchingQueries(GrantQueries, WebhookQueries):
    known: KnownRows | None  # set by SqlTransaction
    precise: bool  # a write below is running: it drops what it changes itself

    def prefetch(self, keys: Keys, messages: Collection[MessageKey] = ()) -> None:
        """Read the pinned key and count of grants of each of `keys`' people, each of its
        grants (locked, as `grant` locks it), and each of `messages` already answered."""
        known = KnownRows()
        people = sorted(keys.pseudonyms)
        if people:
            rows = self.execute(
                "SELECT p.pseudonym, p.jwk, (SELECT COUNT(*) FROM zpd_grants g "
                "WHERE g.pseudonym = p.pseudonym) FROM zpd_pseudonyms p "
                f"WHERE p.pseudonym IN ({_marks(people)})", *people,
            ).fetchall()
            known.pinned = dict.fromkeys(people)
            for pseudonym, jwk, count in rows:
                known.pinned[pseudonym], known.counts[pseudonym] = jwk, int(count)
        grant_ids = sorted(keys.grants)
        if grant_ids:
            lock = self._dialect.lock_rows and self._dialect.lock_rows + " OF g"
            rows = self.execute(
                GRANT_SELECT + f"WHERE g.grant_id IN ({_marks(grant_ids)})" + lock, *grant_ids
            ).fetchall()
            known.grants = dict.fromkeys(grant_ids)
            for row in rows:
                grant = grant_of(row)
                known.grants[grant.grant_id] = grant
        for kind in sorted({kind for kind, _ in messages}):
            jtis = sorted({jti for each_kind, jti in messages if each_kind == kind})
            rows = self.execute(
                f"SELECT {', '.join(SEEN_COLUMNS)} FROM zpd_seen_messages "
                f"WHERE kind = ? AND jti IN ({_marks(jtis)})", kind, *jtis,
            ).fetchall()
            known.seen.update(((kind, jti), None) for jti in jtis)
            for row in rows:
                message = SeenMessage(*row)
                known.seen[(message.kind, message.jti)] = message
        self.known = known

    # -- reads answered from what was prefetched

    def pinned_key(self, pseudonym: str) -> dict[str, Any] | None:
        if self.known is not None and pseudonym in self.known.pinned:
            jwk = self.known.pinned[pseudonym]
            return None if jwk is None else cast(dict[str, Any], json.loads(jwk))
        return super().pinned_key(pseudonym)

    def count_grants(self, pseudonym: str) -> int:
        if self.known is not None and pseudonym in self.known.counts:
            return self.known.counts[pseudonym]
        return super().count_grants(pseudonym)

    def grant(self, grant_id: str) -> GrantRecord | None:
        if self.known is not None and grant_id in self.known.grants:
            record = self.known.grants[grant_id]
            # Each reader its own `data`: two must never share a dict one might change.
            return None if record is None else replace(record, data=deepcopy(record.data))
        return super().grant(grant_id)

    def seen_message(self, kind: MessageKind, jti: str) -> SeenMessage | None:
        if self.known is not None and (kind, jti) in self.known.seen:
            return self.known.seen[(kind, jti)]
        return super().seen_message(kind, jti)

    # -- writes that drop what they change

    def pin_key(self, pseudonym: str, jwk: dict[str, Any], now: int) -> None:
        with self._changing(pinned=pseudonym):
            super().pin_key(pseudonym, jwk, now)

    def put_grant(self, grant: GrantRecord, *, new: bool = False) -> None:
        known = self.known
        if known is not None and not new:  # it may have been another person's grant
            if grant.grant_id not in known.grants:
                known.counts.clear()  # whose, this does not know
            elif (before := known.grants[grant.grant_id]) is not None:
                known.counts.pop(before.pseudonym, None)
        with self._changing(grant=grant.grant_id, count=grant.pseudonym):
            super().put_grant(grant, new=new)

    def pause_grant(self, grant_id: str, paused_at: int | None, now: int) -> None:
        with self._changing(grant=grant_id):
            super().pause_grant(grant_id, paused_at, now)

    def revoke_grant(self, grant_id: str, revoked_at: int) -> None:
        with self._changing(grant=grant_id):
            super().revoke_grant(grant_id, revoked_at)

    def remember(self, message: SeenMessage) -> None:
        with self._changing(message=(message.kind, message.jti)):
            super().remember(message)

    def replace_receipt(self, kind: MessageKind, jti: str, receipt: str) -> None:
        with self._changing(message=(kind, jti)):
            super().replace_receipt(kind, jti, receipt)

    def add_webhook(self, event: WebhookEvent) -> None:
        with self._changing():  # the outbox: nothing prefetched
            super().add_webhook(event)

    def add_deletion(self, deletion: Deletion) -> None:
        with self._changing():
            super().add_deletion(deletion)

    @contextmanager
    def _changing(
        self, *, pinned: str | None = None, grant: str | None = None, count: str | None = None,
        message: MessageKey | None = None,
    ) -> Iterator[None]:
        known = self.known
        if known is not None:
            known.pinned.pop(pinned or "", None)
            known.grants.pop(grant or "", None)
            known.counts.pop(count or "", None)
            if message is not None:
                known.seen.pop(message, None)
        self.precise = True
        try:
            yield
        finally:
            self.precise = False


def _marks(values: Collection[object]) -> str:
    return ", ".join("?" for _ in values)
