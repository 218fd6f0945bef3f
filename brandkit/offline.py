"""Verify one share token or revocation event, as a brand would on receipt, storing nothing.

What `zpv-brand verify` prints: a JSON-ready summary of what was verified.
"""

from __future__ import annotations

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
REVOCATION: Final = "revocation"


def message_kind(text: str) -> Literal["share_token", "revocation"]:
    """A share token is a compact JWE (5 parts), a revocation event a compact JWS (3)."""
    parts = text.strip().count(".") + 1
    if parts == 5:
        return SHARE_TOKEN
    if parts == 3:
        typ = str(jose.unverified_header(text, ProtocolError).get("typ", "")).lower()
        if typ != zpd_event.SET_TYP:
            raise ProtocolError("wrong_type", f"a JWS of typ {typ!r} is not a revocation event")
        return REVOCATION
    raise ProtocolError(
        "not_compact", "neither a share token (a JWE, 5 parts) nor a revocation event (a JWS, 3)"
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


def verify_event(
    text: str, pinned_jwk: dict[str, Any], audience: str, now: int
) -> dict[str, Any]:
    """Verify a revocation event with the key pinned for its issuer."""
    with rfc8935_codes():
        revocation = zpd_event.verify(text, pinned_jwk, audience, now)
    return {
        "kind": REVOCATION,
        "pseudonym": revocation.issuer,
        "pinned_kid": jose.thumbprint(jose.import_public_key(pinned_jwk, "Ed25519")),
        "grant": {"id": revocation.grant_id},
        "reason": revocation.reason,
        "jti": revocation.jti,
        "issued_at": revocation.iat,
        "event_time": revocation.toe,
    }


def utc(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
