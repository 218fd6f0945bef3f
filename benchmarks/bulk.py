"""Bulk loading, for generated vaults (benchmarks): many rows per transaction.

The app never calls this. It writes the rows that `brands.import_request`,
`grants.create`, `tokens.issue_*`, the outbox, `delivery.record` and
`profile.set_value` write one at a time, in the same tables and shapes, but
thousands per statement inside one caller-held transaction, so a vault with a
hundred thousand grants and a million audit entries can be made in about a
minute (`benchmarks/generate.py`). Audit entries go through
`audit.append_many`, which chains them exactly as `audit.append` does.

    with bulk.transaction(vault) as connection:
        bulk.add_brand(connection, request, verified=True, at=t)
        ...
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vault.exchange.brands import RequestSource
from vault.storage.store import Connection
from zpd.request import DataRequest

if TYPE_CHECKING:
    from vault.vault import Vault


@dataclass(frozen=True)
class GrantRow:
    id: str
    brand_origin: str
    request_id: int
    ask_id: str
    purpose_iri: str
    purpose_description: str
    fields: tuple[str, ...]
    required_fields: tuple[str, ...]
    offer_kind: str
    offer_description: str
    retention_days: int
    created_at: int
    expires_at: int
    status: str  # active, expired or revoked
    version: int
    ended_at: int | None


@dataclass(frozen=True)
class TokenRow:
    jti: str
    grant_id: str
    kind: str  # grant or revocation
    version: int | None
    data: dict[str, Any] | None
    signed: str
    compact: str
    issued_at: int


@dataclass(frozen=True)
class OutboxRow:
    jti: str
    grant_id: str
    kind: str
    endpoint: str
    state: str  # queued, delivered, failed, cancelled
    attempts: int
    next_attempt_at: int
    last_attempt_at: int | None
    last_error: str | None
    delivered_at: int | None
    receipt: str | None
    receipt_status: str | None
    created_at: int


@contextmanager
def transaction(vault: Vault) -> Iterator[Connection]:
    """One write transaction on the vault's own connection (BEGIN IMMEDIATE ... COMMIT)."""
    with vault._store.transaction() as connection:
        yield connection


def master_seed(vault: Vault) -> bytes:
    """The seed the person's pairwise keys derive from (to sign generated tokens with them)."""
    with vault._store.reading() as connection:
        row = connection.execute("SELECT value FROM meta WHERE key = 'master_seed'").fetchone()
    return bytes(row[0])


def add_brand(
    connection: Connection, request: DataRequest, source: RequestSource, at: int
) -> int:
    """Pin the brand of a verified request and keep the request; returns the request's id.

    As `brands.import_request` does for a brand seen for the first time (no audit entry:
    the caller appends `request.imported` with the rest, in time order)."""
    verified = int(source is RequestSource.WEB)
    connection.execute(
        "INSERT INTO brands (origin, name, signing_jwk, encryption_jwk, domain_verified, "
        "pinned_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (request.iss, request.body.brand.name, json.dumps(request.signing_jwk),
         json.dumps(request.encryption_jwk), verified, at, at),
    )
    cursor = connection.execute(
        "INSERT INTO requests (brand_origin, jti, jws, sha256, iat, exp, source, "
        "domain_verified, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (request.iss, request.jti, request.jws, request.sha256, request.iat, request.exp,
         source.value, verified, at),
    )
    return int(cursor.lastrowid)


def add_grants(connection: Connection, rows: Iterable[GrantRow]) -> None:
    connection.executemany(
        "INSERT INTO grants (id, brand_origin, request_id, ask_id, purpose_iri, "
        "purpose_description, fields, required_fields, offer_kind, offer_description, "
        "retention_days, created_at, expires_at, status, version, ended_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(g.id, g.brand_origin, g.request_id, g.ask_id, g.purpose_iri, g.purpose_description,
          json.dumps(list(g.fields)), json.dumps(list(g.required_fields)), g.offer_kind,
          g.offer_description, g.retention_days, g.created_at, g.expires_at, g.status,
          g.version, g.ended_at) for g in rows],
    )


def add_tokens(connection: Connection, rows: Iterable[TokenRow]) -> None:
    connection.executemany(
        "INSERT INTO tokens (jti, grant_id, kind, version, data, signed, compact, issued_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(t.jti, t.grant_id, t.kind, t.version,
          None if t.data is None else json.dumps(t.data, ensure_ascii=False), t.signed,
          t.compact, t.issued_at) for t in rows],
    )


def add_outbox(connection: Connection, rows: Iterable[OutboxRow]) -> None:
    """The messages, and each one's receipt kept as the app keeps a verified one (the
    report and "What does this brand know?" read them from there)."""
    rows = list(rows)
    connection.executemany(
        "INSERT INTO outbox (jti, grant_id, kind, endpoint, state, attempts, next_attempt_at, "
        "last_attempt_at, last_error, delivered_at, receipt, receipt_status, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(o.jti, o.grant_id, o.kind, o.endpoint, o.state, o.attempts, o.next_attempt_at,
          o.last_attempt_at, o.last_error, o.delivered_at, o.receipt, o.receipt_status,
          o.created_at) for o in rows],
    )
    connection.executemany(
        "INSERT INTO receipts (message_jti, status, jws, received_at) VALUES (?, ?, ?, ?)",
        [(o.jti, o.receipt_status, o.receipt, o.delivered_at) for o in rows
         if o.receipt is not None],
    )


def add_history(
    connection: Connection, changes: Iterable[tuple[str, Any, int]]
) -> None:
    """(field key, value or None for cleared, when) rows of the fields' history, in order;
    the current value of each field becomes its last one."""
    rows = [(key, None if value is None else json.dumps(value, ensure_ascii=False), at)
            for key, value, at in changes]
    connection.executemany(
        "INSERT INTO field_history (key, value, changed_at) VALUES (?, ?, ?)", rows
    )
    last: dict[str, tuple[str | None, int]] = {}
    for key, encoded, at in rows:
        last[key] = (encoded, at)
    for key, (encoded, at) in last.items():
        if encoded is None:
            connection.execute("DELETE FROM field_values WHERE key = ?", (key,))
        else:
            connection.execute(
                "INSERT INTO field_values (key, value, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE "
                "SET value = excluded.value, updated_at = excluded.updated_at",
                (key, encoded, at),
            )
