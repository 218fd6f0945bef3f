"""The SQL of the webhook outbox and of downstream deletions, mixed into `SqlTransaction`.

The outbox (zpd_webhooks) holds one row per event and subscriber, never the grant's
values: those are read from the grant when the event is sent, so erasing a grant
erases them everywhere. Events of one grant reach one subscriber in order: only the
oldest pending one of a (subscriber, grant) is ever due. A worker takes due events by
writing a lease on them (`lease_webhooks`) in a short transaction, sends them, and
records each result; a worker that dies leaves a lease that runs out, and another
sends the event again under the same id. On PostgreSQL the rows are claimed with
`FOR UPDATE SKIP LOCKED`, so workers never wait for each other's claims.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .storage import PENDING, Deletion, WebhookEvent

WEBHOOK_COLUMNS = (
    "event_id", "subscriber", "type", "grant_id", "message_jti", "created_at", "state",
    "attempts", "next_attempt_ms", "last_status", "last_error", "done_at", "seq",
)
DELETION_COLUMNS = (
    "event_id", "revocation_jti", "grant_id", "subscriber", "status", "deadline", "at", "note",
)
_SELECT_WEBHOOKS = f"SELECT {', '.join('w.' + c for c in WEBHOOK_COLUMNS)} FROM zpd_webhooks w "
_SELECT_DELETIONS = f"SELECT {', '.join(DELETION_COLUMNS)} FROM zpd_deletions "


class WebhookQueries:
    _dialect: Any  # sqltransaction.Dialect

    def execute(self, query: str, *parameters: Any) -> Any:
        raise NotImplementedError

    # -- the outbox

    def add_webhook(self, event: WebhookEvent) -> None:
        self.execute(
            f"INSERT INTO zpd_webhooks ({', '.join(WEBHOOK_COLUMNS[:-1])}) "
            f"VALUES ({', '.join('?' for _ in WEBHOOK_COLUMNS[:-1])})",
            event.event_id, event.subscriber, event.type, event.grant_id, event.message_jti,
            event.created_at, event.state, event.attempts, event.next_attempt_ms,
            event.last_status, event.last_error, event.done_at,
        )

    def due_webhooks(self, subscriber: str, now_ms: int, limit: int) -> list[WebhookEvent]:
        """Up to `limit` events due for `subscriber`, oldest first, each the oldest pending
        one of its grant, leased by nobody; locked (PostgreSQL: rows another worker is
        claiming are skipped)."""
        rows = self.execute(
            _SELECT_WEBHOOKS
            + "WHERE w.subscriber = ? AND w.state = ? AND w.next_attempt_ms <= ? "
            "AND (w.lease_until_ms IS NULL OR w.lease_until_ms <= ?) "
            "AND NOT EXISTS (SELECT 1 FROM zpd_webhooks e WHERE e.subscriber = w.subscriber "
            "AND e.grant_id = w.grant_id AND e.state = ? AND e.seq < w.seq) "
            "ORDER BY w.seq LIMIT ?" + self._dialect.skip_locked,
            subscriber, PENDING, now_ms, now_ms, PENDING, limit,
        ).fetchall()
        return [WebhookEvent(*row) for row in rows]

    def lease_webhooks(self, event_ids: Sequence[str], until_ms: int) -> None:
        if event_ids:
            self.execute(
                "UPDATE zpd_webhooks SET lease_until_ms = ? "
                f"WHERE event_id IN ({', '.join('?' for _ in event_ids)})",
                until_ms, *event_ids,
            )

    def finish_webhook(
        self, event_id: str, *, state: str, attempts: int, next_attempt_ms: int,
        last_status: int | None, last_error: str | None, done_at: int | None,
        leased_until_ms: int | None = None,
    ) -> bool:
        """Record an attempt's outcome (or a supersession) and release the lease; with
        `leased_until_ms`, only if the lease is still the one taken then. Whether it was."""
        held = "" if leased_until_ms is None else " AND lease_until_ms = ?"
        changed = self.execute(
            "UPDATE zpd_webhooks SET state = ?, attempts = ?, next_attempt_ms = ?, "
            "last_status = ?, last_error = ?, done_at = ?, lease_until_ms = NULL "
            "WHERE event_id = ?" + held,
            state, attempts, next_attempt_ms, last_status, last_error, done_at, event_id,
            *(() if leased_until_ms is None else (leased_until_ms,)),
        )
        return bool(changed.rowcount == 1)

    def webhook(self, event_id: str) -> WebhookEvent | None:
        row = self.execute(_SELECT_WEBHOOKS + "WHERE w.event_id = ?", event_id).fetchone()
        return WebhookEvent(*row) if row else None

    def webhooks(
        self, *, subscriber: str | None = None, state: str | None = None,
        grant_id: str | None = None, limit: int = 100, after_seq: int = 0,
    ) -> list[WebhookEvent]:
        """Events in the order they were made, `limit` at a time after `after_seq`."""
        where, parameters = ["w.seq > ?"], [after_seq]
        for column, value in (("subscriber", subscriber), ("state", state),
                              ("grant_id", grant_id)):
            if value is not None:
                where.append(f"w.{column} = ?")
                parameters.append(value)  # type: ignore[arg-type]
        rows = self.execute(
            _SELECT_WEBHOOKS + "WHERE " + " AND ".join(where) + " ORDER BY w.seq LIMIT ?",
            *parameters, limit,
        ).fetchall()
        return [WebhookEvent(*row) for row in rows]

    def webhook_counts(self) -> dict[tuple[str, str], int]:
        """How many events each (subscriber, state) has."""
        rows = self.execute(
            "SELECT subscriber, state, COUNT(*) FROM zpd_webhooks GROUP BY subscriber, state"
        ).fetchall()
        return {(str(row[0]), str(row[1])): int(row[2]) for row in rows}

    def retry_webhooks(
        self, *, subscriber: str | None, event_ids: Sequence[str], now_ms: int
    ) -> int:
        """Make failed events pending again, due now, with a fresh count of attempts."""
        where, parameters = ["state = 'failed'"], []
        if subscriber is not None:
            where.append("subscriber = ?")
            parameters.append(subscriber)
        if event_ids:
            where.append(f"event_id IN ({', '.join('?' for _ in event_ids)})")
            parameters.extend(event_ids)
        count = self.execute(
            "SELECT COUNT(*) FROM zpd_webhooks WHERE " + " AND ".join(where), *parameters
        ).fetchone()[0]
        self.execute(
            "UPDATE zpd_webhooks SET state = ?, attempts = 0, next_attempt_ms = ?, "
            "done_at = NULL, lease_until_ms = NULL WHERE " + " AND ".join(where),
            PENDING, now_ms, *parameters,
        )
        return int(count)

    # -- expiries

    def unannounced_expiries(self, now: int, limit: int) -> list[tuple[str, int]]:
        """(grant id, expiry) of active grants past their expiry not yet announced."""
        rows = self.execute(
            "SELECT grant_id, expires_at FROM zpd_grants WHERE expires_at <= ? "
            "AND expiry_announced IS NULL AND status = 'active' ORDER BY expires_at LIMIT ?"
            + self._dialect.skip_locked,
            now, limit,
        ).fetchall()
        return [(str(row[0]), int(row[1])) for row in rows]

    def mark_expiry_announced(self, grant_id: str, now: int) -> None:
        self.execute(
            "UPDATE zpd_grants SET expiry_announced = ? WHERE grant_id = ?", now, grant_id
        )

    # -- downstream deletions

    def add_deletion(self, deletion: Deletion) -> None:
        self.execute(
            f"INSERT INTO zpd_deletions ({', '.join(DELETION_COLUMNS)}) "
            f"VALUES ({', '.join('?' for _ in DELETION_COLUMNS)})",
            deletion.event_id, deletion.revocation_jti, deletion.grant_id, deletion.subscriber,
            deletion.status, deletion.deadline, deletion.at, deletion.note,
        )

    def deletions_of(self, revocation_jti: str) -> list[Deletion]:
        rows = self.execute(
            _SELECT_DELETIONS + "WHERE revocation_jti = ? ORDER BY subscriber"
            + self._dialect.lock_rows,
            revocation_jti,
        ).fetchall()
        return [Deletion(*row) for row in rows]

    def deletion(self, event_id: str) -> Deletion | None:
        row = self.execute(_SELECT_DELETIONS + "WHERE event_id = ?", event_id).fetchone()
        return Deletion(*row) if row else None

    def set_deletion(self, event_id: str, status: str, at: int, note: str | None) -> None:
        self.execute(
            "UPDATE zpd_deletions SET status = ?, at = ?, note = ? WHERE event_id = ?",
            status, at, note, event_id,
        )

    def overdue_deletions(self, now: int, limit: int) -> list[Deletion]:
        rows = self.execute(
            _SELECT_DELETIONS + "WHERE status = 'pending' AND deadline <= ? "
            "ORDER BY deadline LIMIT ?" + self._dialect.skip_locked,
            now, limit,
        ).fetchall()
        return [Deletion(*row) for row in rows]

    def deletions_for(self, event_ids: Sequence[str]) -> list[Deletion]:
        if not event_ids:
            return []
        rows = self.execute(
            _SELECT_DELETIONS + f"WHERE event_id IN ({', '.join('?' for _ in event_ids)})",
            *event_ids,
        ).fetchall()
        return [Deletion(*row) for row in rows]

    def deletion_counts(self) -> dict[tuple[str, str], int]:
        """How many downstream deletions each (subscriber, status) has."""
        rows = self.execute(
            "SELECT subscriber, status, COUNT(*) FROM zpd_deletions GROUP BY subscriber, status"
        ).fetchall()
        return {(str(row[0]), str(row[1])): int(row[2]) for row in rows}

    def deletions(self, *, subscriber: str | None = None, status: str | None = None,
                  limit: int = 100) -> list[Deletion]:
        where, parameters = ["1 = 1"], []
        for column, value in (("subscriber", subscriber), ("status", status)):
            if value is not None:
                where.append(f"{column} = ?")
                parameters.append(value)
        rows = self.execute(
            _SELECT_DELETIONS + "WHERE " + " AND ".join(where)
            + " ORDER BY deadline DESC LIMIT ?", *parameters, limit,
        ).fetchall()
        return [Deletion(*row) for row in rows]
