"""A grant's next version: when a value it carries changes, or when it is resumed, the
brand receives the grant again with the values as they now stand."""

from __future__ import annotations

import json
from typing import Any

from ..profile import audit
from ..profile.audit import AuditAction
from ..storage.store import Connection
from . import brands, tokens
from .grants import Personalise, active_grants_sharing, as_is, values_for


def reissue_for_field(
    connection: Connection, key: str, now: int, personalise: Personalise = as_is, *,
    origin: str | None = None,
) -> list[tokens.IssuedMessage]:
    """Inside the field change's transaction: the next version of every live grant sharing
    it (of the brand `origin` only, for an answer to its question), with the values as
    they now stand. A paused grant gets its next version when it is resumed."""
    # Only the device that owns a grant issues its versions (a synced vault: docs/sync.md).
    elsewhere = {str(r[0]) for r in connection.execute("SELECT grant_id FROM sync_elsewhere")}
    paused = {str(r[0]) for r in connection.execute(
        "SELECT id FROM grants WHERE paused_at IS NOT NULL AND status = 'active'")}
    return [
        issue_next_version(connection, grant_id, now, personalise, field_key=key)
        for grant_id, _ in active_grants_sharing(connection, key, now, origin)
        if grant_id not in elsewhere and grant_id not in paused
    ]


def _terms_and_data(
    connection: Connection, grant_id: str, now: int, personalise: Personalise,
) -> tuple[tokens.GrantTerms, dict[str, Any], int, int]:
    """A grant's terms, what it would carry now, its request's row id and its version."""
    row = connection.execute(
        "SELECT brand_origin, request_id, ask_id, purpose_iri, purpose_description, fields, "
        "retention_days, created_at, expires_at, version FROM grants WHERE id = ?",
        (grant_id,),
    ).fetchone()
    request = connection.execute(
        "SELECT jti, sha256 FROM requests WHERE id = ?", (row[1],)
    ).fetchone()
    values = values_for(connection, str(row[0]))
    data = {k: values[k] for k in json.loads(row[5]) if k in values}
    terms = tokens.GrantTerms(
        grant_id=grant_id,
        brand_origin=str(row[0]),
        request_jti=str(request[0]),
        request_sha256=str(request[1]),
        ask_id=str(row[2]),
        purpose_iri=str(row[3]),
        purpose_description=str(row[4]),
        retention_days=int(row[6]),
        starts_at=int(row[7]),
        expires_at=int(row[8]),
    )
    return terms, personalise(connection, terms.brand_origin, data, now), int(row[1]), int(row[9])


def current_data(
    connection: Connection, grant_id: str, now: int, personalise: Personalise = as_is,
) -> dict[str, Any]:
    """What the grant's next version would carry, with the values as they now stand."""
    return _terms_and_data(connection, grant_id, now, personalise)[1]


def issue_next_version(
    connection: Connection, grant_id: str, now: int, personalise: Personalise = as_is, *,
    field_key: str | None = None,
) -> tokens.IssuedMessage:
    """In the caller's transaction: the grant's next version, with the values as they now
    stand (`field_key`: the change that caused it, for the activity log)."""
    terms, data, request_id, version = _terms_and_data(connection, grant_id, now, personalise)
    version += 1
    encryption_jwk = brands.pinned_encryption_jwk(connection, terms.brand_origin)
    issued = tokens.issue_grant_token(
        connection, terms, version, data, encryption_jwk,
        brands.endpoints_of(connection, request_id)[0], now,
    )
    connection.execute("UPDATE grants SET version = ? WHERE id = ?", (version, grant_id))
    details: dict[str, Any] = {"grant": grant_id, "version": version}
    if field_key is not None:
        details["field"] = field_key
    audit.append(connection, now, AuditAction.GRANT_UPDATED, details)
    return issued
