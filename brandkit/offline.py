"""Verify one share token or grant event (a revocation, a pause or a resume), as a brand would
on receipt, storing nothing.

What `zpv-brand verify` prints: a JSON-ready summary of what was verified.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, Final, Literal

from zpd import event as zpd_event
from zpd import jose
from zpd import token as zpd_token
from zpd.errors import ProtocolError
from zpd.request import DataRequest

from .checks import check_grant
from .errors import rfc8935_codes
from .keys import BrandKeys

SHARE_TOKEN: Final = "share_token"
REVOCATION: Final = "revocation"  # any grant event: a revocation, a pause or a resume
EVENT_NAMES = {
    zpd_event.GRANT_REVOKED: "revocation",
    zpd_event.GRANT_PAUSED: "pause",
    zpd_event.GRANT_RESUMED: "resume",
}


def message_kind(text: str) -> Literal["share_token", "revocation"]:
    """A share token is a compact JWE (5 parts), a grant event a compact JWS (3)."""
    parts = text.strip().count(".") + 1
    if parts == 5:
        return SHARE_TOKEN
    if parts == 3:
        typ = str(jose.unverified_header(text, ProtocolError).get("typ", "")).lower()
        if typ != zpd_event.SET_TYP:
            raise ProtocolError("wrong_type", f"a JWS of typ {typ!r} is not a grant event")
        return REVOCATION
    raise ProtocolError(
        "not_compact", "neither a share token (a JWE, 5 parts) nor a grant event (a JWS, 3)"
    )


def open_token(text: str, keys: BrandKeys, audience: str, now: int) -> zpd_token.OpenedToken:
    """Decrypt and verify a share token for `audience` (PROTOCOL.md section 3)."""
    with rfc8935_codes():
        return zpd_token.open_token(text, keys.encryption, audience, now)


def token_summary(
    opened: zpd_token.OpenedToken, request: DataRequest | None = None
) -> dict[str, Any]:
    """What a verified token says; if `request` is given, first check the token fits it."""
    claims = opened.claims
    data = claims.data
    if request is not None:
        with rfc8935_codes():
            _, data = check_grant(claims, request)
    return {
        "kind": SHARE_TOKEN,
        "pseudonym": claims.pseudonym,
        "pairwise_jwk": opened.pairwise_jwk,
        "grant": {"id": claims.grant_id, "version": claims.version},
        "purpose": {"iri": claims.purpose_iri, "description": claims.purpose_description},
        "data": data,
        "expires": claims.exp,
        "expires_utc": utc(claims.exp),
        "not_before": claims.nbf,
        "issued_at": claims.iat,
        "retention_days": claims.retention_days,
        "jti": claims.jti,
        "request": {"jti": claims.request_jti, "ask": claims.ask_id,
                    "sha256": claims.request_sha256, "checked": request is not None},
    }


def event_name(text: str) -> str:
    """What a grant event says it is, read before verification, to word a refusal."""
    try:
        claims = json.loads(jose.b64u_decode(text.strip().split(".")[1]))
        events = claims.get("events") if isinstance(claims, dict) else None
        names = [EVENT_NAMES[t] for t in EVENT_NAMES if isinstance(events, dict) and t in events]
    except (ValueError, IndexError, UnicodeDecodeError, RecursionError):
        names = []
    return f"{names[0]} event" if len(names) == 1 else "grant event"


def verify_event(
    text: str, pinned_jwk: dict[str, Any], audience: str, now: int
) -> dict[str, Any]:
    """Verify a grant event with the key pinned for its issuer."""
    with rfc8935_codes():
        verified = zpd_event.verify(text, pinned_jwk, audience, now)
    summary: dict[str, Any] = {
        "kind": EVENT_NAMES[verified.type],
        "pseudonym": verified.issuer,
        "pinned_kid": jose.thumbprint(jose.import_public_key(pinned_jwk, "Ed25519")),
        "grant": {"id": verified.grant_id},
        "jti": verified.jti,
        "issued_at": verified.iat,
        "event_time": verified.toe,
    }
    if verified.type == zpd_event.GRANT_REVOKED:
        summary["reason"] = verified.reason
    return summary


def utc(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
