"""The SQL of per-visit requests (a brand's page asks once per visit, and finds the
grant that answered by its request's jti), mixed into `sqltransaction.SqlTransaction`."""

from __future__ import annotations

from typing import Any

from .sqlgrants import GRANT_SELECT, grant_of
from .sqlschema import VISIT_COLUMNS
from .storage import GrantRecord, Visit


class VisitQueries:
    def execute(self, query: str, *parameters: Any) -> Any:
        raise NotImplementedError

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
        rows = self.execute(
            GRANT_SELECT + "JOIN zpd_issued_requests r ON r.sha256 = g.request_sha256 "
            "WHERE r.jti = ? ORDER BY g.received_at, g.grant_id",
            jti,
        ).fetchall()
        return [grant_of(row) for row in rows]

    def references_of(self, pseudonym: str) -> dict[str, str]:
        rows = self.execute(
            "SELECT g.grant_id, v.reference FROM zpd_grants g JOIN zpd_visits v "
            "ON v.request_sha256 = g.request_sha256 "
            "WHERE g.pseudonym = ? AND v.reference IS NOT NULL",
            pseudonym,
        ).fetchall()
        return {str(row[0]): str(row[1]) for row in rows}

    def reference_of_request(self, sha256: str) -> str | None:
        row = self.execute(
            "SELECT reference FROM zpd_visits WHERE request_sha256 = ?", sha256
        ).fetchone()
        return str(row[0]) if row and row[0] is not None else None
