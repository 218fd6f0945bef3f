"""The outbox: every token and event waits here, durably, until the brand accepts it.

Rows are written in the same transaction as the token or event they carry.
Ordering rules:
- a newer version of a grant supersedes queued older ones (the brand keeps the highest),
  but for those queued before a pause or a resume that still waits;
- a revocation, a pause or a resume waits until some version of its grant was delivered;
- a pause or a resume waits while an older message of its grant is queued, and a version
  of a grant the brand holds waits while an older pause or resume is queued: the brand
  learns of a pause, a resume and the version after it in the order they happened;
- a grant revoked before any attempt could have reached the brand (none was made, or
  each failed before a connection to the brand was made) is never sent, nor is its
  revocation;
- once an attempt may have reached the brand but none was confirmed, the newest
  version is still sent first, so the brand can never hold data it is not told to delete.
Order holds within one brand only: brands take turns, and a brand's message waiting
out its backoff holds back nothing (not even the same brand's later messages).
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import assert_never

from zpd import receipt
from zpd.event import GRANT_PAUSED, GRANT_RESUMED, GRANT_REVOKED

from ..changes import Changes, mark
from ..storage.store import Connection, Store

BACKOFF_BASE = 10
BACKOFF_CAP = 3600
RETRY_AFTER_CAP = 24 * 3600
# An outbox row's attempts that may have reached the brand: all of them, but those known
# to have failed before any connection to the brand was made.
MAY_HAVE_REACHED = "attempts > unsent_attempts"


class MessageKind(StrEnum):
    GRANT = "grant"  # a version of a grant: a share token
    REVOCATION = "revocation"  # its revocation event
    PAUSE = "pause"  # its pause event
    RESUME = "resume"  # its resume event

    @property
    def content_type(self) -> str:
        match self:
            case MessageKind.GRANT:
                return "application/jwt"
            case MessageKind.REVOCATION | MessageKind.PAUSE | MessageKind.RESUME:
                return "application/secevent+jwt"
            case _:
                assert_never(self)

    @property
    def receipt_statuses(self) -> frozenset[str]:
        """The statuses a brand's receipt for this kind of message may give."""
        match self:
            case MessageKind.GRANT:
                return receipt.EXPECTED[receipt.TOKEN]
            case MessageKind.REVOCATION:
                return receipt.EXPECTED[GRANT_REVOKED]
            case MessageKind.PAUSE:
                return receipt.EXPECTED[GRANT_PAUSED]
            case MessageKind.RESUME:
                return receipt.EXPECTED[GRANT_RESUMED]
            case _:
                assert_never(self)


class DeliveryState(StrEnum):
    QUEUED = "queued"
    DELIVERED = "delivered"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class OutboxItem:
    jti: str
    grant_id: str
    brand_origin: str
    kind: MessageKind
    endpoint: str
    body: str
    state: DeliveryState
    attempts: int
    next_attempt_at: int
    last_error: str | None
    delivered_at: int | None
    receipt_status: str | None
    created_at: int
    retry_after_until: int | None = None  # the brand asked not to be sent this before then

    @property
    def content_type(self) -> str:
        return self.kind.content_type


_COLUMNS = (
    "o.jti, o.grant_id, g.brand_origin, o.kind, o.endpoint, t.compact, o.state, o.attempts, "
    "o.next_attempt_at, o.last_error, o.delivered_at, o.receipt_status, o.created_at, "
    "o.retry_after_until"
)
_FROM = "FROM outbox o JOIN tokens t ON t.jti = o.jti JOIN grants g ON g.id = o.grant_id"
# An event (revocation, pause, resume) is due only after a version of its grant was
# delivered; a pause or a resume only after every older message of its grant left the
# queue; a version of a grant the brand holds only after every older pause or resume did
# (a version the brand does not hold yet goes first: the pause follows it).
_DELIVERED = (
    "EXISTS (SELECT 1 FROM outbox d WHERE d.grant_id = o.grant_id AND d.kind = 'grant' "
    "AND d.state = 'delivered')"
)
_EARLIER = (
    "SELECT 1 FROM outbox e WHERE e.grant_id = o.grant_id AND e.state = 'queued' "
    "AND (e.created_at < o.created_at OR (e.created_at = o.created_at AND e.rowid < o.rowid))"
)
_ELIGIBLE = (
    f"((o.kind = 'grant' OR {_DELIVERED}) "
    f"AND NOT (o.kind IN ('pause', 'resume') AND EXISTS ({_EARLIER})) "
    f"AND NOT (o.kind = 'grant' AND {_DELIVERED} "
    f"AND EXISTS ({_EARLIER} AND e.kind IN ('pause', 'resume'))))"
)


def _item(row: tuple[object, ...]) -> OutboxItem:
    return OutboxItem(
        jti=str(row[0]), grant_id=str(row[1]), brand_origin=str(row[2]),
        kind=MessageKind(str(row[3])),
        endpoint=str(row[4]), body=str(row[5]), state=DeliveryState(str(row[6])),
        attempts=int(str(row[7])), next_attempt_at=int(str(row[8])),
        last_error=None if row[9] is None else str(row[9]),
        delivered_at=None if row[10] is None else int(str(row[10])),
        receipt_status=None if row[11] is None else str(row[11]),
        created_at=int(str(row[12])),
        retry_after_until=None if row[13] is None else int(str(row[13])),
    )


def enqueue_grant_token(
    connection: Connection, jti: str, grant_id: str, endpoint: str, now: int
) -> None:
    # A version queued before a pause or a resume still waiting is sent before it: the
    # brand must hold the grant it is told to pause.
    connection.execute(
        "UPDATE outbox SET state = 'cancelled', last_error = 'superseded by a newer version' "
        "WHERE grant_id = ? AND kind = 'grant' AND state = 'queued' AND NOT EXISTS ("
        "SELECT 1 FROM outbox e WHERE e.grant_id = outbox.grant_id AND e.state = 'queued' "
        "AND e.kind IN ('pause', 'resume') AND e.rowid > outbox.rowid)", (grant_id,),
    )
    _insert(connection, jti, grant_id, MessageKind.GRANT, endpoint, DeliveryState.QUEUED, now)


def enqueue_revocation(
    connection: Connection, jti: str, grant_id: str, endpoint: str, now: int
) -> bool:
    """Queue a revocation; returns False when it need not be sent at all."""
    delivered, attempted, latest_queued = connection.execute(
        "SELECT COALESCE(SUM(state = 'delivered'), 0), "
        f"COALESCE(SUM({MAY_HAVE_REACHED} AND state != 'failed'), 0), "
        "(SELECT jti FROM outbox WHERE grant_id = ? AND kind = 'grant' AND state = 'queued' "
        " ORDER BY created_at DESC, rowid DESC LIMIT 1) "
        "FROM outbox WHERE grant_id = ? AND kind = 'grant'", (grant_id, grant_id),
    ).fetchone()
    never_reached = not delivered and not attempted
    keep = None if delivered or never_reached else latest_queued
    connection.execute(
        "UPDATE outbox SET state = 'cancelled', last_error = 'not needed: the grant was revoked' "
        "WHERE grant_id = ? AND kind IN ('grant', 'pause', 'resume') AND state = 'queued' "
        "AND jti IS NOT ?",
        (grant_id, keep),
    )
    state = DeliveryState.CANCELLED if never_reached else DeliveryState.QUEUED
    _insert(connection, jti, grant_id, MessageKind.REVOCATION, endpoint, state, now)
    if never_reached:
        connection.execute(
            "UPDATE outbox SET last_error = 'not needed: the brand never received the grant' "
            "WHERE jti = ?", (jti,),
        )
    return not never_reached


def enqueue_event(
    connection: Connection, jti: str, grant_id: str, kind: MessageKind, endpoint: str, now: int
) -> None:
    """Queue a pause or a resume, after the grant's other messages."""
    _insert(connection, jti, grant_id, kind, endpoint, DeliveryState.QUEUED, now)


def _insert(connection: Connection, jti: str, grant_id: str, kind: MessageKind, endpoint: str,
            state: DeliveryState, now: int) -> None:
    mark(Changes.OUTBOX)
    connection.execute(
        "INSERT INTO outbox (jti, grant_id, kind, endpoint, state, next_attempt_at, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (jti, grant_id, kind.value, endpoint, state.value, now, now),
    )


# What is due, brands taking turns: each brand's first due message, then each one's
# second, and so on (counting the turns a brand already had, a JSON object of brand ->
# turns); within a brand, oldest first.
_DUE = (
    "SELECT o.jti, o.created_at AS created, o.rowid AS position, ROW_NUMBER() OVER "
    "(PARTITION BY g.brand_origin ORDER BY o.created_at, o.rowid) + COALESCE(had.value, 0) "
    "AS turn FROM outbox o JOIN grants g ON g.id = o.grant_id "
    "LEFT JOIN json_each(?) had ON had.key = g.brand_origin "
    f"WHERE o.state = 'queued' AND o.next_attempt_at <= ? AND {_ELIGIBLE} "
    # A grant another device of a synced vault owns is delivered by that device alone.
    "AND NOT EXISTS (SELECT 1 FROM sync_elsewhere x WHERE x.grant_id = o.grant_id)"
)


def claim_due(
    store: Store, due_by: int, now: int, limit: int, turns_had: Mapping[str, int],
) -> list[OutboxItem]:
    """The messages due by `due_by` (at most `limit`, brands taking turns after the turns
    they already had), each claimed for one attempt.

    In the same transaction, each attempt is counted (after a crash mid-send, the vault
    knows the brand may hold the message) and the message's next attempt is put off by
    its backoff, so a message that crashes the vault waits its turn like any failure
    instead of coming first again. The items are returned as they were before the claim."""
    with store.transaction() as connection:
        rows = connection.execute(
            f"SELECT {_COLUMNS} {_FROM} JOIN ({_DUE} ORDER BY turn, created, position "
            "LIMIT ?) d ON d.jti = o.jti ORDER BY d.turn, d.created, d.position",
            (json.dumps(dict(turns_had)), due_by, limit),
        ).fetchall()
        items = [_item(r) for r in rows]
        connection.executemany(
            "UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ?, "
            "next_attempt_at = ? WHERE jti = ?",
            [(now, now + retry_delay(item.attempts + 1, None), item.jti) for item in items],
        )
        if items:
            mark(Changes.OUTBOX)
    return items


def make_due(store: Store, now: int) -> int:
    """"Deliver now": every queued message waiting out its backoff is due now; one whose
    brand asked to wait (Retry-After) still waits. Returns how many were made due."""
    with store.transaction() as connection:
        return _marked(connection.execute(
            "UPDATE outbox SET next_attempt_at = ? WHERE state = 'queued' "
            "AND next_attempt_at > ? AND COALESCE(retry_after_until, 0) <= ?",
            (now, now, now),
        ).rowcount)


# A failed (refused) version of a grant no longer waits once a later version was delivered.
_SUPERSEDED = (
    "o.state = 'failed' AND o.kind = 'grant' AND EXISTS (SELECT 1 FROM outbox l "
    "WHERE l.grant_id = o.grant_id AND l.kind = 'grant' AND l.state = 'delivered' "
    "AND (l.created_at > o.created_at OR (l.created_at = o.created_at AND l.rowid > o.rowid)))"
)


def waiting(store: Store) -> list[OutboxItem]:
    """Everything not yet delivered: queued (with why) and failed, unless a later version
    of the same grant was delivered since."""
    rows = store.query(
        f"SELECT {_COLUMNS} {_FROM} WHERE o.state IN ('queued', 'failed') "
        f"AND NOT ({_SUPERSEDED}) ORDER BY o.created_at, o.rowid"
    )
    return [_item(r) for r in rows]


def queued_count(store: Store) -> int:
    """How many messages wait to be delivered: `waiting`'s queued ones, counted by SQLite (a
    refused one is not counted, superseded or not)."""
    row = store.query_one(f"SELECT COUNT(*) {_FROM} WHERE o.state = 'queued'")
    return int(row[0]) if row is not None else 0


def is_blocked(store: Store, item: OutboxItem) -> bool:
    """A queued event (revocation, pause, resume) whose grant was not delivered yet."""
    if item.kind is MessageKind.GRANT:
        return False
    row = store.query_one(
        "SELECT 1 FROM outbox WHERE grant_id = ? AND kind = 'grant' AND state = 'delivered'",
        (item.grant_id,),
    )
    return row is None


def for_grant(store: Store, grant_id: str) -> list[OutboxItem]:
    rows = store.query(
        f"SELECT {_COLUMNS} {_FROM} WHERE o.grant_id = ? ORDER BY o.created_at, o.rowid",
        (grant_id,),
    )
    return [_item(r) for r in rows]


def record_delivered(
    connection: Connection, item: OutboxItem, receipt: str | None, receipt_status: str | None,
    warning: str | None, now: int, *, receipt_url: str | None = None,
    poll_at: int | None = None,
) -> None:
    """The brand accepted the message. A receipt that is not final is polled at
    `receipt_url`, where the brand gives its latest one, from `poll_at` on
    (receipt_polls.py)."""
    mark(Changes.OUTBOX)
    changed = connection.execute(
        "UPDATE outbox SET state = 'delivered', delivered_at = ?, receipt = ?, "
        "receipt_status = ?, last_error = ?, receipt_url = ?, receipt_poll_at = ? "
        "WHERE jti = ? AND state = 'queued'",
        (now, receipt, receipt_status, warning, receipt_url, poll_at, item.jti),
    ).rowcount
    if changed and receipt is not None and receipt_status is not None:
        keep_receipt(connection, item.jti, receipt_status, receipt, now)


def keep_receipt(
    connection: Connection, message_jti: str, status: str, jws: str, now: int
) -> None:
    """Keep a verified receipt of a message, once (the same receipt again is not kept twice)."""
    connection.execute(
        "INSERT OR IGNORE INTO receipts (message_jti, status, jws, received_at) "
        "VALUES (?, ?, ?, ?)", (message_jti, status, jws, now),
    )


def record_failed(connection: Connection, item: OutboxItem, reason: str) -> None:
    mark(Changes.OUTBOX)
    connection.execute(
        "UPDATE outbox SET state = 'failed', last_error = ? WHERE jti = ? AND state = 'queued'",
        (reason, item.jti),
    )


def record_retry(
    connection: Connection, item: OutboxItem, reason: str, retry_after: int | None, now: int,
    *, reached: bool = True,
) -> int:
    """A failed attempt, tried again after its backoff, or when the brand asked
    (`retry_after`: kept apart, as "deliver now" does not override it). `reached=False`:
    the attempt failed before a connection to the brand was made."""
    delay = retry_delay(item.attempts + 1, retry_after)  # this attempt counts too
    mark(Changes.OUTBOX)
    connection.execute(
        "UPDATE outbox SET next_attempt_at = ?, retry_after_until = ?, last_error = ?, "
        "unsent_attempts = unsent_attempts + ? WHERE jti = ? AND state = 'queued'",
        (now + delay, None if retry_after is None else now + delay, reason,
         0 if reached else 1, item.jti),
    )
    return delay


def retry_now(store: Store, grant_id: str, now: int) -> int:
    """Make a grant's queued messages due now, unless the brand asked to wait
    (Retry-After); returns how many were made due."""
    with store.transaction() as connection:
        return _marked(connection.execute(
            "UPDATE outbox SET next_attempt_at = ? WHERE grant_id = ? AND state = 'queued' "
            "AND COALESCE(retry_after_until, 0) <= ?",
            (now, grant_id, now),
        ).rowcount)


def _marked(rows: int) -> int:
    """`rows` messages were changed: marked as such when there are any."""
    if rows:
        mark(Changes.OUTBOX)
    return int(rows)


def retry_delay(attempts: int, retry_after: int | None) -> int:
    """Exponential backoff with jitter; a brand's Retry-After is honoured (within a day)."""
    if retry_after is not None:
        return max(1, min(retry_after, RETRY_AFTER_CAP))
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** max(0, attempts - 1))
    return max(1, int(ceiling / 2 + random.uniform(0, ceiling / 2)))
