"""Revocation events (PROTOCOL.md section 4): a Security Event Token by the pairwise key."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from joserfc.jwk import OKPKey

from . import jose
from .claims import Reader
from .errors import EventInvalid
from .token import CLOCK_LEEWAY, check_audience

SET_TYP = "secevent+jwt"
GRANT_REVOKED = "urn:zpd:event:grant-revoked"


@dataclass(frozen=True)
class RevocationEvent:
    issuer: str  # the person's pseudonym towards this brand
    audience: str
    iat: int
    jti: str
    toe: int
    grant_id: str
    reason: str


def issue(event: RevocationEvent, pairwise: OKPKey) -> str:
    if event.issuer != jose.thumbprint_uri(pairwise):
        raise ValueError("the issuer must be the pairwise key's thumbprint URI")
    claims = {
        "iss": event.issuer,
        "aud": event.audience,
        "iat": event.iat,
        "jti": event.jti,
        "toe": event.toe,
        "events": {GRANT_REVOKED: {"grant": event.grant_id, "reason": event.reason}},
    }
    header = {"typ": SET_TYP, "kid": jose.thumbprint(pairwise)}
    return jose.sign(header, claims, pairwise)


def unverified_issuer(token: str) -> str:
    """The `iss` claim, read before verification to find the key pinned for it."""
    jose.unverified_header(token, EventInvalid)
    try:
        claims = json.loads(jose.b64u_decode(token.strip().split(".")[1]))
    except (ValueError, IndexError, UnicodeDecodeError, RecursionError):
        raise EventInvalid("bad_payload") from None
    issuer = claims.get("iss") if isinstance(claims, dict) else None
    if not isinstance(issuer, str):
        raise EventInvalid("bad_member", "iss must be a string")
    return issuer


def verify(token: str, pinned_jwk: dict[str, Any], audience: str, now: int) -> RevocationEvent:
    """Verify with the pairwise key pinned at the first grant from that issuer."""
    key = jose.import_public_key(pinned_jwk, "Ed25519")
    _, raw = jose.verify(token, key, SET_TYP, EventInvalid)
    reader = Reader(raw, "", EventInvalid)
    issuer = reader.text("iss", max_length=200)
    if issuer != jose.thumbprint_uri(key):
        raise EventInvalid("bad_issuer", "iss is not the pinned key's thumbprint URI")
    check_audience(raw.get("aud"), audience, EventInvalid)
    iat = reader.integer("iat")
    if iat > now + CLOCK_LEEWAY:
        raise EventInvalid("not_yet_valid", "iat is in the future")
    revoked = reader.obj("events").obj(GRANT_REVOKED)
    return RevocationEvent(
        issuer=issuer,
        audience=audience,
        iat=iat,
        jti=reader.text("jti", max_length=200),
        toe=reader.integer("toe"),
        grant_id=revoked.text("grant", max_length=200),
        reason=revoked.text("reason", max_length=200, optional=True) or "person",
    )
