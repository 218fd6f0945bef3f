"""The receiver's queries: storage.Transaction over one SQL connection, in SQL that SQLite
and PostgreSQL both take (`?` placeholders that a `Dialect` rewrites; TEXT, BIGINT)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, cast

from .sqlschema import GRANT_COLUMNS, REQUEST_COLUMNS, SEEN_COLUMNS, VISIT_COLUMNS
from .storage import GrantRecord, GrantState, IssuedRequest, MessageKind, SeenMessage, Visit

RECENT_BATCH = 200  # grants read at a time while looking for the most recent customers


class Cursor(Protocol):
    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    """The part of a DB-API 2.0 connection used here."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Dialect:
    name: str
    begin_write: str  # begins a transaction that serialises writers
    begin_read: str  # begins a transaction that reads one consistent state
    placeholder: str  # "?" (qmark) or "%s" (format)
    lock_rows: str  # appended to a SELECT of a row about to be replaced
    begin_schema: str = "BEGIN IMMEDIATE"  # begins the transaction that creates the schema
    schema_lock: str = ""  # run first in it, so concurrent first uses create it once

    def sql(self, query: str) -> str:
        return query if self.placeholder == "?" else query.replace("?", self.placeholder)


SQLITE_DIALECT = Dialect("sqlite", "BEGIN IMMEDIATE", "BEGIN", "?", "")
# Writers are SERIALIZABLE: two workers handling the same jti or grant at once cannot
# both act on what they read; one fails to serialise and is run again
# (SqlStorage.atomically). The schema is created under READ COMMITTED behind an
# advisory lock, so a worker that waited for another's creation sees its tables.
POSTGRES_DIALECT = Dialect(
    "postgresql", "BEGIN ISOLATION LEVEL SERIALIZABLE",
    "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "%s", " FOR UPDATE",
    begin_schema="BEGIN ISOLATION LEVEL READ COMMITTED",
    schema_lock="SELECT pg_advisory_xact_lock(7225600281)",  # any constant, the same everywhere
)


class SqlTransaction:
    """storage.Transaction over one SQL connection."""

    def __init__(self, connection: Connection, dialect: Dialect) -> None:
        self._connection = connection
        self._dialect = dialect
        self.erased = False  # grant data was erased in this transaction

    def execute(self, query: str, *parameters: Any) -> Cursor:
        return self._connection.execute(self._dialect.sql(query), parameters)

    # -- requests

    def issued_request(self, sha256: str) -> IssuedRequest | None:
        row = self.execute(
            f"SELECT {', '.join(REQUEST_COLUMNS)} FROM zpd_issued_requests WHERE sha256 = ?",
            sha256,
        ).fetchone()
        return IssuedRequest(*row) if row else None

    def add_issued_request(self, request: IssuedRequest) -> bool:
        if self.issued_request(request.sha256) is not None:
            return False
        self.execute(
            f"INSERT INTO zpd_issued_requests ({', '.join(REQUEST_COLUMNS)}) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            request.sha256, request.jti, request.jws, request.iat, request.exp,
            request.registered_at,
        )
        return True

    def issued_requests(self) -> list[IssuedRequest]:
        rows = self.execute(
            f"SELECT {', '.join(REQUEST_COLUMNS)} FROM zpd_issued_requests "
            "ORDER BY registered_at, sha256"
        ).fetchall()
        return [IssuedRequest(*row) for row in rows]

    # -- pseudonyms

    def pinned_key(self, pseudonym: str) -> dict[str, Any] | None:
        row = self.execute(
            "SELECT jwk FROM zpd_pseudonyms WHERE pseudonym = ?", pseudonym
        ).fetchone()
        return cast(dict[str, Any], json.loads(row[0])) if row else None

    def pin_key(self, pseudonym: str, jwk: dict[str, Any], now: int) -> None:
        self.execute(
            "INSERT INTO zpd_pseudonyms (pseudonym, jwk, first_seen) VALUES (?, ?, ?)",
            pseudonym, _dump(jwk), now,
        )

    def first_seen(self, pseudonym: str) -> int | None:
        row = self.execute(
            "SELECT first_seen FROM zpd_pseudonyms WHERE pseudonym = ?", pseudonym
        ).fetchone()
        return int(row[0]) if row else None

    def pseudonyms(self, *, limit: int, after: str | None = None) -> list[str]:
        rows = self.execute(
            "SELECT pseudonym FROM zpd_pseudonyms WHERE pseudonym > ? ORDER BY pseudonym LIMIT ?",
            after or "", limit,
        ).fetchall()
        return [str(row[0]) for row in rows]

    def recent_pseudonyms(self, *, limit: int, offset: int = 0) -> list[str]:
        # Walk the grants from the last changed (an index), until `offset + limit` pseudonyms.
        found: dict[str, None] = {}
        last: tuple[int, str] | None = None
        order = "ORDER BY updated_at DESC, grant_id DESC LIMIT ?"
        while len(found) < offset + limit:
            if last is None:
                rows = self.execute(
                    f"SELECT pseudonym, updated_at, grant_id FROM zpd_grants {order}",
                    RECENT_BATCH,
                ).fetchall()
            else:
                rows = self.execute(
                    "SELECT pseudonym, updated_at, grant_id FROM zpd_grants "
                    f"WHERE (updated_at, grant_id) < (?, ?) {order}",
                    *last, RECENT_BATCH,
                ).fetchall()
            for row in rows:
                found.setdefault(str(row[0]))
            if len(rows) < RECENT_BATCH:
                break
            last = (int(rows[-1][1]), str(rows[-1][2]))
        return list(found)[offset:offset + limit]

    def count_pseudonyms(self) -> int:
        return int(self.execute("SELECT COUNT(*) FROM zpd_pseudonyms").fetchone()[0])

    # -- grants

    def grant(self, grant_id: str) -> GrantRecord | None:
        row = self.execute(
            f"SELECT {', '.join(GRANT_COLUMNS)} FROM zpd_grants WHERE grant_id = ?"
            + self._dialect.lock_rows,
            grant_id,
        ).fetchone()
        return _grant(row) if row else None

    def put_grant(self, grant: GrantRecord) -> None:
        values = (
            grant.grant_id, grant.pseudonym, grant.version, grant.status.value, grant.received_at,
            grant.updated_at, grant.request_sha256, grant.ask_id, grant.purpose_iri,
            grant.purpose_description, grant.retention_days,
            None if grant.data is None else _dump(grant.data), grant.token_jti, grant.issued_at,
            grant.expires_at, grant.revoked_at, grant.not_before, grant.paused_at,
            grant.encryption_kid,
        )
        updates = ", ".join(f"{c} = excluded.{c}" for c in GRANT_COLUMNS[1:])
        self.execute(
            f"INSERT INTO zpd_grants ({', '.join(GRANT_COLUMNS)}) "
            f"VALUES ({', '.join('?' for _ in GRANT_COLUMNS)}) "
            f"ON CONFLICT (grant_id) DO UPDATE SET {updates}",
            *values,
        )
        if grant.data is None:
            self.erased = True

    def pause_grant(self, grant_id: str, paused_at: int | None, now: int) -> None:
        self.execute(
            "UPDATE zpd_grants SET paused_at = ?, updated_at = ? WHERE grant_id = ?",
            paused_at, now, grant_id,
        )

    def revoke_grant(self, grant_id: str, revoked_at: int) -> None:
        self.execute(
            "UPDATE zpd_grants SET data = NULL, status = ?, revoked_at = ?, updated_at = ? "
            "WHERE grant_id = ?",
            GrantState.REVOKED.value, revoked_at, revoked_at, grant_id,
        )
        self.erased = True

    def grants_of(self, pseudonym: str, *, last: int | None = None) -> list[GrantRecord]:
        query = f"SELECT {', '.join(GRANT_COLUMNS)} FROM zpd_grants WHERE pseudonym = ? "
        if last is None:
            rows = self.execute(query + "ORDER BY received_at, grant_id", pseudonym).fetchall()
        else:
            rows = self.execute(
                query + "ORDER BY received_at DESC, grant_id DESC LIMIT ?", pseudonym, last
            ).fetchall()
            rows.reverse()
        return [_grant(row) for row in rows]

    def count_grants(self, pseudonym: str) -> int:
        return int(self.execute(
            "SELECT COUNT(*) FROM zpd_grants WHERE pseudonym = ?", pseudonym
        ).fetchone()[0])

    # -- visits

    def add_visit(self, visit: Visit) -> None:
        self.execute(
            f"INSERT INTO zpd_visits ({', '.join(VISIT_COLUMNS)}) "
            f"VALUES ({', '.join('?' for _ in VISIT_COLUMNS)})",
            visit.visit_id, visit.request_sha256, visit.request_jti, visit.ask_id,
            visit.return_uri, visit.reference, visit.created_at, visit.expires_at,
        )

    def visit(self, visit_id: str) -> Visit | None:
        row = self.execute(
            f"SELECT {', '.join(VISIT_COLUMNS)} FROM zpd_visits WHERE visit_id = ?", visit_id
        ).fetchone()
        return Visit(*row) if row else None

    def grants_for_request(self, jti: str) -> list[GrantRecord]:
        columns = ", ".join(f"g.{c}" for c in GRANT_COLUMNS)
        rows = self.execute(
            f"SELECT {columns} FROM zpd_grants g JOIN zpd_issued_requests r "
            "ON r.sha256 = g.request_sha256 WHERE r.jti = ? ORDER BY g.received_at, g.grant_id",
            jti,
        ).fetchall()
        return [_grant(row) for row in rows]

    def references_of(self, pseudonym: str) -> dict[str, str]:
        rows = self.execute(
            "SELECT g.grant_id, v.reference FROM zpd_grants g JOIN zpd_visits v "
            "ON v.request_sha256 = g.request_sha256 "
            "WHERE g.pseudonym = ? AND v.reference IS NOT NULL",
            pseudonym,
        ).fetchall()
        return {str(row[0]): str(row[1]) for row in rows}

    # -- de-duplication

    def seen_message(self, kind: MessageKind, jti: str) -> SeenMessage | None:
        row = self.execute(
            f"SELECT {', '.join(SEEN_COLUMNS)} FROM zpd_seen_messages WHERE kind = ? AND jti = ?",
            kind, jti,
        ).fetchone()
        return SeenMessage(*row) if row else None

    def remember(self, message: SeenMessage) -> None:
        self.execute(
            f"INSERT INTO zpd_seen_messages ({', '.join(SEEN_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)",
            message.kind, message.jti, message.pseudonym, message.digest, message.receipt,
            message.received_at,
        )


def _grant(row: Sequence[Any]) -> GrantRecord:
    values = dict(zip(GRANT_COLUMNS, row, strict=True))
    if values["data"] is not None:
        values["data"] = json.loads(values["data"])
    values["status"] = GrantState(values["status"])
    return GrantRecord(**values)


def _dump(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
