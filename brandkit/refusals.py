"""Every refusal of a share token or grant event: its reason, its RFC 8935 code, what it means.

The receiver answers a refused message `400` with `{"err": <code>, "description":
"<reason>: <detail>"}` (`application/json`). `errors.RFC8935_BY_REASON` is read off
this table, and docs/protocol.md shows it: `python -m brandkit.refusals FILE` writes
it between the REFUSALS markers, and a test checks it is current and complete.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

INVALID_REQUEST = "invalid_request"
INVALID_KEY = "invalid_key"
INVALID_ISSUER = "invalid_issuer"
INVALID_AUDIENCE = "invalid_audience"
AUTHENTICATION_FAILED = "authentication_failed"
ACCESS_DENIED = "access_denied"

START = "<!-- REFUSALS START -->"
END = "<!-- REFUSALS END -->"
TOKEN, EVENT, BOTH = "token", "event", "token, event"


@dataclass(frozen=True)
class Refusal:
    reason: str
    err: str  # the RFC 8935 section 2.3 code
    messages: str  # which messages it applies to
    check: str  # the check that failed, in words


REFUSALS: tuple[Refusal, ...] = (
    # the envelope
    Refusal("unsupported_media_type", INVALID_REQUEST, BOTH,
            "`Content-Type` not `application/jwt` (tokens) or `application/secevent+jwt` "
            "(events); parameters and case are ignored"),
    Refusal("too_large", INVALID_REQUEST, BOTH, "more than 256 KiB"),
    Refusal("not_compact", INVALID_REQUEST, BOTH,
            "not a compact JWE (5 parts) or JWS (3 parts) of ASCII"),
    Refusal("bad_header", INVALID_REQUEST, BOTH,
            "a protected header that is not a JSON object; `cty` not `JWT`; a `zip` or "
            "`crit` member"),
    Refusal("bad_algorithm", INVALID_REQUEST, BOTH,
            "JWE not `ECDH-ES` + `A256GCM`; JWS not `EdDSA` or `Ed25519`"),
    Refusal("unknown_key", INVALID_KEY, TOKEN,
            "the JWE `kid` is not one of the brand's encryption keys"),
    Refusal("decryption_failed", AUTHENTICATION_FAILED, TOKEN,
            "the JWE does not decrypt with that key"),
    Refusal("wrong_type", INVALID_REQUEST, BOTH,
            "inner `typ` not `zpd-grant+jwt`; an event's not `secevent+jwt`"),
    Refusal("bad_key", INVALID_KEY, TOKEN,
            "the inner header's `jwk` is not a public Ed25519 key, or `kid` is not its "
            "thumbprint"),
    Refusal("bad_signature", AUTHENTICATION_FAILED, BOTH,
            "the signature does not verify (an event: with the key pinned for its `iss`)"),
    Refusal("bad_payload", INVALID_REQUEST, BOTH,
            "the payload is not one JSON object without repeated member names"),
    Refusal("bad_member", INVALID_REQUEST, BOTH,
            "a required member missing or of the wrong type; `nbf` after `iat`; `exp` not "
            "after `nbf`; an event with more than one event type"),
    # who and when
    Refusal("bad_issuer", INVALID_ISSUER, BOTH,
            "`iss` (and a token's `sub`) not the thumbprint URI of the signing key"),
    Refusal("unknown_issuer", INVALID_ISSUER, EVENT,
            "no grant was ever received from this `iss`: no key is pinned for it"),
    Refusal("key_mismatch", INVALID_KEY, TOKEN,
            "this `iss` is pinned to another key"),
    Refusal("wrong_audience", INVALID_AUDIENCE, BOTH,
            "`aud` not the brand's origin (a string, or an array of that one string)"),
    Refusal("not_yet_valid", INVALID_REQUEST, BOTH,
            "`iat` (or a token's `nbf`) more than 60 s ahead of the brand's clock"),
    Refusal("expired", INVALID_REQUEST, TOKEN, "`exp` more than 60 s past"),
    Refusal("unknown_event", INVALID_REQUEST, EVENT,
            "`events` holds none of the three grant event types"),
    # the request and the ask
    Refusal("unknown_request", ACCESS_DENIED, TOKEN,
            "`request.sha256` names no request this brand issued"),
    Refusal("request_mismatch", INVALID_REQUEST, TOKEN,
            "`request.jti` is not the `jti` of that request"),
    Refusal("unknown_ask", INVALID_REQUEST, TOKEN, "`request.ask` is not an ask of that request"),
    Refusal("wrong_purpose", INVALID_REQUEST, TOKEN,
            "`purpose` (IRI or description) is not the ask's"),
    Refusal("retention_too_long", INVALID_REQUEST, TOKEN,
            "`retention_days` over the ask's"),
    Refusal("duration_too_long", INVALID_REQUEST, TOKEN,
            "`exp - nbf` over the ask's `duration_days`"),
    Refusal("field_not_asked", INVALID_REQUEST, TOKEN, "a `data` key the ask did not list"),
    Refusal("missing_field", INVALID_REQUEST, TOKEN, "a field the ask requires is not in `data`"),
    Refusal("bad_value", INVALID_REQUEST, TOKEN,
            "a value that does not fit its field (the catalogue) or its question"),
    # the grant
    Refusal("not_grant_owner", ACCESS_DENIED, BOTH,
            "the grant id is bound to the `iss` of its first token, and this is another"),
    Refusal("grant_revoked", ACCESS_DENIED, BOTH,
            "the grant was revoked (or is a tombstone): a token or a pause or resume for it"),
    Refusal("grant_mismatch", INVALID_REQUEST, TOKEN,
            "a later version names another request or ask, or another `nbf`"),
    Refusal("unknown_grant", INVALID_REQUEST, EVENT,
            "a pause or resume of a grant of which no token was received"),
    Refusal("jti_reused", INVALID_REQUEST, BOTH,
            "a `jti` already received with other content (the same message again is "
            "answered with its first receipt)"),
)

RFC8935_BY_REASON: dict[str, str] = {r.reason: r.err for r in REFUSALS}


def render() -> str:
    rows = ["| Reason | `err` | Message | Refused when |", "|---|---|---|---|"]
    rows += [f"| `{r.reason}` | `{r.err}` | {r.messages} | {r.check} |" for r in REFUSALS]
    return "\n".join(rows)


def write_into(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{START}\n{render()}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        write_into(Path(sys.argv[1]))
    else:
        print(render())
