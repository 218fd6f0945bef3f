"""Grant events (PROTOCOL.md sections 4 and 9): Security Event Tokens by the pairwise key.

Three kinds, one per SET: a revocation, a pause and a resume. `events` holds exactly
one of them (other, unknown event types beside it are ignored); `toe` is optional
(RFC 8417) and taken as `iat` when absent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from joserfc.jwk import OKPKey

from . import jose
from .claims import Reader, not_issued_later
from .errors import EventInvalid
from .text import storable
from .token import check_audience

SET_TYP = "secevent+jwt"
GRANT_REVOKED = "urn:zpd:event:grant-revoked"
GRANT_PAUSED = "urn:zpd:event:grant-paused"  # v1.1
GRANT_RESUMED = "urn:zpd:event:grant-resumed"  # v1.1
EVENT_TYPES = (GRANT_REVOKED, GRANT_PAUSED, GRANT_RESUMED)


@dataclass(frozen=True)
class GrantEvent:
    issuer: str  # the person's pseudonym towards this brand
    audience: str
    iat: int
    jti: str
    toe: int
    grant_id: str
    reason: str = "person"  # a revocation's reason; pause and resume carry none
    type: str = GRANT_REVOKED


RevocationEvent = GrantEvent  # the v1 name, for a revocation


def issue(event: GrantEvent, pairwise: OKPKey) -> str:
    if event.issuer != jose.thumbprint_uri(pairwise):
        raise ValueError("the issuer must be the pairwise key's thumbprint URI")
    if event.type not in EVENT_TYPES:
        raise ValueError(f"no event type {event.type!r}")
    detail: dict[str, str] = {"grant": event.grant_id}
    if event.type == GRANT_REVOKED:
        detail["reason"] = event.reason
    claims = {
        "iss": event.issuer,
        "aud": event.audience,
        "iat": event.iat,
        "jti": event.jti,
        "toe": event.toe,
        "events": {event.type: detail},
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
    if not isinstance(issuer, str) or not storable(issuer):
        raise EventInvalid("bad_member", "iss must be a string, without U+0000 or a lone "
                           "surrogate")
    return issuer


def unverified_grant(token: str) -> str | None:
    """The grant the event names, read before verification (to lock it while it is acted
    on), or None if the payload names none as `verify` would read it."""
    try:
        claims = json.loads(jose.b64u_decode(token.strip().split(".")[1]))
    except (ValueError, IndexError, UnicodeDecodeError, RecursionError):
        return None
    events = claims.get("events") if isinstance(claims, dict) else None
    if not isinstance(events, dict):
        return None
    details = [events[kind] for kind in EVENT_TYPES if kind in events]
    grant = details[0].get("grant") if len(details) == 1 and isinstance(details[0], dict) \
        else None
    return grant if isinstance(grant, str) else None


def verify(token: str, pinned_jwk: dict[str, Any], audience: str, now: int) -> GrantEvent:
    """Verify with the pairwise key pinned at the first grant from that issuer."""
    key = jose.import_public_key(pinned_jwk, "Ed25519")
    _, raw = jose.verify(token, key, SET_TYP, EventInvalid)
    if not storable(raw):
        raise EventInvalid("bad_payload", "a string holds U+0000 or a lone surrogate")
    reader = Reader(raw, "", EventInvalid)
    issuer = reader.text("iss", max_length=200)
    if issuer != jose.thumbprint_uri(key):
        raise EventInvalid("bad_issuer", "iss is not the pinned key's thumbprint URI")
    check_audience(raw.get("aud"), audience, EventInvalid)
    iat = reader.integer("iat")
    not_issued_later(iat, now, EventInvalid)
    events = reader.obj("events")
    kinds = [kind for kind in EVENT_TYPES if events.has(kind)]
    if len(kinds) != 1:
        raise EventInvalid("unknown_event" if not kinds else "bad_member",
                           "events must hold exactly one of " + ", ".join(EVENT_TYPES))
    detail = events.obj(kinds[0])
    return GrantEvent(
        issuer=issuer,
        audience=audience,
        iat=iat,
        jti=reader.text("jti", max_length=200),
        toe=reader.integer("toe") if reader.raw("toe") is not None else iat,
        grant_id=detail.text("grant", max_length=200),
        reason=(detail.text("reason", max_length=200, optional=True) or "person")
        if kinds[0] == GRANT_REVOKED else "",
        type=kinds[0],
    )
