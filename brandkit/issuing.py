"""Data requests the brand issues (PROTOCOL.md sections 2 and 7): sign a spec, open one we
signed.

A spec is the request payload a brand writes by hand: everything but `iat`,
`exp`, `jti` and `jwks`, which `sign_spec` fills in. `sign_visit_request` signs
one for a single page visit: a fresh `jti` and a short life.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from zpd import jose
from zpd.claims import Reader
from zpd.errors import RequestInvalid
from zpd.request import (
    MAX_DAYS,
    PER_VISIT_MAX_SECONDS,
    REQUEST_TYP,
    DataRequest,
    sign_request,
    verify_request,
)
from zpd.text import storable

from .keys import BrandKeys

SECONDS_PER_DAY = 86400
DEFAULT_DAYS = 365
DEFAULT_VISIT_SECONDS = 900
MAX_SPEC_BYTES = 256 * 1024


def parse_spec_text(text: str) -> object:
    """The JSON of a spec; RequestInvalid("bad_json") names the line and column."""
    try:
        spec = json.loads(text, object_pairs_hook=jose.no_duplicate_members)
    except json.JSONDecodeError as exc:
        raise RequestInvalid(
            "bad_json", f"line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise RequestInvalid("bad_json", str(exc)) from None
    if not storable(spec):  # valid JSON as \u escapes, but neither can be signed or kept
        raise RequestInvalid("bad_json", "a string holds a lone surrogate or U+0000")
    return spec


def read_spec(path: Path) -> object:
    """Read and parse a spec file (UTF-8 JSON). OSError if it cannot be read."""
    with path.open("rb") as handle:
        raw = handle.read(MAX_SPEC_BYTES + 1)
    if len(raw) > MAX_SPEC_BYTES:
        raise RequestInvalid("too_large", f"a spec is at most {MAX_SPEC_BYTES} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RequestInvalid("bad_json", f"not UTF-8 (byte {exc.start})") from None
    return parse_spec_text(text)


def sign_spec(
    spec: object, keys: BrandKeys, *, now: int, days: int = DEFAULT_DAYS, jti: str | None = None
) -> str:
    """Validate the spec, fill in iat, exp (now + days), jti and jwks, and sign it."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_DAYS}")
    return sign_request(
        spec, keys.signing, keys.encryption, iat=now, exp=now + days * SECONDS_PER_DAY, jti=jti
    )


def sign_visit_request(
    spec: object, keys: BrandKeys, *, now: int, seconds: int = DEFAULT_VISIT_SECONDS,
    jti: str | None = None,
) -> str:
    """A per-visit request (PROTOCOL.md section 7): the spec signed for one page visit, with
    a fresh jti (a UUID unless given) and exp `seconds` after iat, at most an hour.

    The share token names it by jti and hash, so the brand links the grant to the visit."""
    if not 1 <= seconds <= PER_VISIT_MAX_SECONDS:
        raise ValueError(f"a per-visit request lives 1 to {PER_VISIT_MAX_SECONDS} seconds")
    return sign_request(spec, keys.signing, keys.encryption, iat=now, exp=now + seconds, jti=jti)


def open_own_request(text: str, keys: BrandKeys | Sequence[BrandKeys]) -> DataRequest:
    """Verify a request this brand signed with `keys` (or any of the pairs given: the current
    one and those retired by a key rotation), however old.

    The whole of PROTOCOL.md section 2 is checked as at a moment the request
    was valid: an expired request still names the asks its grants were given
    under. RequestInvalid("not_ours") if it was signed or encrypts to other keys.
    """
    pairs = (keys,) if isinstance(keys, BrandKeys) else tuple(keys)
    header = jose.unverified_header(text, RequestInvalid)
    pair = next((p for p in pairs if p.signing_kid == header.get("kid")), pairs[0])
    _, claims = jose.verify(text, pair.signing, REQUEST_TYP, RequestInvalid, header=header)
    exp = Reader(claims, "", RequestInvalid).integer("exp")
    request = verify_request(text, exp - 1)
    if request.key_ids != (pair.signing_kid, pair.encryption_kid):
        raise RequestInvalid("not_ours", "the request's jwks are not this brand's keys")
    return request
