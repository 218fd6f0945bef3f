"""The SQL of what the receiver holds (requests, pseudonyms, grants and their values, the
messages it answered), mixed into `sqltransaction.SqlTransaction`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, cast

from .sqlschema import GRANT_COLUMNS, REQUEST_COLUMNS, SEEN_COLUMNS
from .storage import GrantRecord, GrantState, IssuedRequest, MessageKind, SeenMessage

RECENT_BATCH = 200  # grants read at a time while looking for the most recent customers

# A grant's columns read with its values, which live in zpd_grant_values.
GRANT_SELECT = (
    "SELECT " + ", ".join("v.data" if c == "data" else f"g.{c}" for c in GRANT_COLUMNS)
    + " FROM zpd_grants g LEFT JOIN zpd_grant_values v ON v.grant_id = g.grant_id "
)


class GrantQueries:
    _dialect: Any  # sqltransaction.Dialect
    erased: bool  # grant data was erased in this transaction
    rewrite: set[str]  # tables whose files to rewrite after it (PostgreSQL)

    def execute(self, query: str, *parameters: Any) -> Any:
        raise NotImplementedError

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
        lock = self._dialect.lock_rows and self._dialect.lock_rows + " OF g"
        row = self.execute(GRANT_SELECT + "WHERE g.grant_id = ?" + lock, grant_id).fetchone()
        return grant_of(row) if row else None

    def read_grant(self, grant_id: str) -> GrantRecord | None:
        """The grant, without locking it."""
        row = self.execute(GRANT_SELECT + "WHERE g.grant_id = ?", grant_id).fetchone()
        return grant_of(row) if row else None

    def put_grant(self, grant: GrantRecord, *, new: bool = False) -> None:
        values = (
            grant.grant_id, grant.pseudonym, grant.version, grant.status.value, grant.received_at,
            grant.updated_at, grant.request_sha256, grant.ask_id, grant.purpose_iri,
            grant.purpose_description, grant.retention_days, None, grant.token_jti,
            grant.issued_at, grant.expires_at, grant.revoked_at, grant.not_before,
            grant.paused_at, grant.encryption_kid,
        )
        updates = ", ".join(f"{c} = excluded.{c}" for c in GRANT_COLUMNS[1:])
        self.execute(
            f"INSERT INTO zpd_grants ({', '.join(GRANT_COLUMNS)}) "
            f"VALUES ({', '.join('?' for _ in GRANT_COLUMNS)}) "
            + ("" if new else f"ON CONFLICT (grant_id) DO UPDATE SET {updates}"),
            *values,
        )
        if grant.data is None:
            self._erase_values(grant.grant_id)
        else:
            self.execute(
                "INSERT INTO zpd_grant_values (grant_id, data) VALUES (?, ?) "
                "ON CONFLICT (grant_id) DO UPDATE SET data = excluded.data",
                grant.grant_id, _dump(grant.data),
            )

    def _erase_values(self, grant_id: str) -> None:
        if self._dialect.partition_of:
            row = self.execute(self._dialect.partition_of, grant_id).fetchone()
            if row is not None:
                self.rewrite.add(str(row[0]))
        self.execute("DELETE FROM zpd_grant_values WHERE grant_id = ?", grant_id)
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
        self._erase_values(grant_id)

    def grants_of(self, pseudonym: str, *, last: int | None = None) -> list[GrantRecord]:
        query = GRANT_SELECT + "WHERE g.pseudonym = ? "
        if last is None:
            rows = self.execute(
                query + "ORDER BY g.received_at, g.grant_id", pseudonym
            ).fetchall()
        else:
            rows = self.execute(
                query + "ORDER BY g.received_at DESC, g.grant_id DESC LIMIT ?", pseudonym, last
            ).fetchall()
            rows.reverse()
        return [grant_of(row) for row in rows]

    def count_grants(self, pseudonym: str) -> int:
        return int(self.execute(
            "SELECT COUNT(*) FROM zpd_grants WHERE pseudonym = ?", pseudonym
        ).fetchone()[0])

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

    def replace_receipt(self, kind: MessageKind, jti: str, receipt: str) -> None:
        self.execute(
            "UPDATE zpd_seen_messages SET receipt = ? WHERE kind = ? AND jti = ?",
            receipt, kind, jti,
        )

    def latest_receipt(self, jti: str) -> str | None:
        row = self.execute(
            "SELECT receipt FROM zpd_seen_messages WHERE kind IN ('event', 'token') AND jti = ? "
            "ORDER BY kind LIMIT 1",
            jti,
        ).fetchone()
        return str(row[0]) if row else None


def grant_of(row: Sequence[Any]) -> GrantRecord:
    values = dict(zip(GRANT_COLUMNS, row, strict=True))
    if values["data"] is not None:
        values["data"] = json.loads(values["data"])
    values["status"] = GrantState(values["status"])
    return GrantRecord(**values)


def _dump(document: object) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
