"""What the brand holds about each customer (pseudonym), per grant: a read-only view."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .storage import GrantRecord


@dataclass(frozen=True)
class CustomerGrant:
    grant_id: str
    version: int
    status: str  # "active", "expired" or "revoked"
    ask_id: str | None
    purpose_iri: str | None
    purpose_description: str | None
    fields: dict[str, Any]  # empty once revoked
    expires_at: int | None
    retention_days: int | None
    received_at: int
    updated_at: int
    revoked_at: int | None

    @classmethod
    def from_record(cls, record: GrantRecord, now: int) -> CustomerGrant:
        return cls(
            grant_id=record.grant_id,
            version=record.version,
            status=record.status_at(now),
            ask_id=record.ask_id,
            purpose_iri=record.purpose_iri,
            purpose_description=record.purpose_description,
            fields=dict(record.data or {}),
            expires_at=record.expires_at,
            retention_days=record.retention_days,
            received_at=record.received_at,
            updated_at=record.updated_at,
            revoked_at=record.revoked_at,
        )


@dataclass(frozen=True)
class Customer:
    pseudonym: str
    first_seen: int
    grants: tuple[CustomerGrant, ...]

    def active_fields(self) -> dict[str, Any]:
        """Every field value held under a grant still active (later grants win a tie)."""
        held: dict[str, Any] = {}
        for grant in self.grants:
            if grant.status == "active":
                held.update(grant.fields)
        return held
