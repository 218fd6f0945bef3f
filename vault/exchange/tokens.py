"""Issue share tokens and grant events (revocation, pause, resume); keep and queue them.

Each message is stored twice over: `compact` exactly as the brand receives it
(the JWE, or the SET) and `signed`, the person's own signed JWS, which the
person can read back later as proof of what they gave. Both are written, and
the message queued in the outbox, in the caller's transaction.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from joserfc.jwk import OKPKey

from zpd import event as zpd_event
from zpd import jose
from zpd import token as zpd_token
from zpd.pairwise import pairwise_key

from ..changes import Changes, mark
from ..errors import UnknownGrant
from ..storage.store import Connection, Store
from . import outbox


@dataclass(frozen=True)
class GrantTerms:
    """What one version of a grant says; the token carries exactly this."""

    grant_id: str
    brand_origin: str
    request_jti: str
    request_sha256: str
    ask_id: str
    purpose_iri: str
    purpose_description: str
    retention_days: int
    starts_at: int
    expires_at: int


@dataclass(frozen=True)
class IssuedMessage:
    jti: str
    compact: str
    signed: str


def master_seed(connection: Connection) -> bytes:
    row = connection.execute("SELECT value FROM meta WHERE key = 'master_seed'").fetchone()
    return bytes(row[0])


def pairwise_for(connection: Connection, origin: str) -> OKPKey:
    return pairwise_key(master_seed(connection), origin)


def issue_grant_token(
    connection: Connection, terms: GrantTerms, version: int, data: dict[str, Any],
    encryption_jwk: dict[str, Any], endpoint: str, now: int,
) -> IssuedMessage:
    """Sign and encrypt one version of a grant; store and queue it."""
    mark(Changes.GRANTS)  # a new grant, or its next version
    pairwise = pairwise_for(connection, terms.brand_origin)
    claims = zpd_token.GrantClaims(
        pseudonym=jose.thumbprint_uri(pairwise), audience=terms.brand_origin, iat=now,
        nbf=terms.starts_at, exp=terms.expires_at, jti=str(uuid.uuid4()),
        grant_id=terms.grant_id, version=version, request_jti=terms.request_jti,
        ask_id=terms.ask_id, request_sha256=terms.request_sha256,
        purpose_iri=terms.purpose_iri, purpose_description=terms.purpose_description,
        retention_days=terms.retention_days, data=data,
    )
    signed = zpd_token.sign_inner(claims, pairwise)
    compact = zpd_token.encrypt_to_brand(signed, encryption_jwk)
    connection.execute(
        "INSERT INTO tokens (jti, grant_id, kind, version, data, signed, compact, issued_at) "
        "VALUES (?, ?, 'grant', ?, ?, ?, ?, ?)",
        (claims.jti, terms.grant_id, version, json.dumps(data, ensure_ascii=False), signed,
         compact, now),
    )
    outbox.enqueue_grant_token(connection, claims.jti, terms.grant_id, endpoint, now)
    return IssuedMessage(claims.jti, compact, signed)


def issue_revocation(
    connection: Connection, grant_id: str, brand_origin: str, endpoint: str, now: int
) -> IssuedMessage:
    """Sign the revocation event; store it and queue it (or not, if the brand never
    received the grant)."""
    mark(Changes.GRANTS)  # revoked
    pairwise = pairwise_for(connection, brand_origin)
    revocation = zpd_event.RevocationEvent(
        issuer=jose.thumbprint_uri(pairwise), audience=brand_origin, iat=now,
        jti=str(uuid.uuid4()), toe=now, grant_id=grant_id, reason="person",
    )
    compact = zpd_event.issue(revocation, pairwise)
    connection.execute(
        "INSERT INTO tokens (jti, grant_id, kind, version, data, signed, compact, issued_at) "
        "VALUES (?, ?, 'revocation', NULL, NULL, ?, ?, ?)",
        (revocation.jti, grant_id, compact, compact, now),
    )
    outbox.enqueue_revocation(connection, revocation.jti, grant_id, endpoint, now)
    return IssuedMessage(revocation.jti, compact, compact)


_EVENT_TYPES = {
    outbox.MessageKind.PAUSE: zpd_event.GRANT_PAUSED,
    outbox.MessageKind.RESUME: zpd_event.GRANT_RESUMED,
}


def issue_pause_or_resume(
    connection: Connection, kind: outbox.MessageKind, grant_id: str, brand_origin: str,
    endpoint: str, now: int,
) -> IssuedMessage:
    """Sign a pause or a resume event, as a revocation is signed; store it and queue it
    after the grant's other messages."""
    mark(Changes.GRANTS)  # paused or resumed
    pairwise = pairwise_for(connection, brand_origin)
    event = zpd_event.GrantEvent(
        issuer=jose.thumbprint_uri(pairwise), audience=brand_origin, iat=now,
        jti=str(uuid.uuid4()), toe=now, grant_id=grant_id, reason="",
        type=_EVENT_TYPES[kind],
    )
    compact = zpd_event.issue(event, pairwise)
    connection.execute(
        "INSERT INTO tokens (jti, grant_id, kind, version, data, signed, compact, issued_at) "
        "VALUES (?, ?, ?, NULL, NULL, ?, ?, ?)",
        (event.jti, grant_id, kind.value, compact, compact, now),
    )
    outbox.enqueue_event(connection, event.jti, grant_id, kind, endpoint, now)
    return IssuedMessage(event.jti, compact, compact)


def latest_grant_token(store: Store, grant_id: str) -> str:
    """The compact token of a grant's latest version, as the brand receives it."""
    row = store.query_one(
        "SELECT compact FROM tokens WHERE grant_id = ? AND kind = 'grant' "
        "ORDER BY version DESC, issued_at DESC LIMIT 1", (grant_id,),
    )
    if row is None:
        raise UnknownGrant(grant_id)
    return str(row[0])
