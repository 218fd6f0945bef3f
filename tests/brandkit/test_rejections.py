"""Each way a token or event can be wrong is refused with its own reason, and changes nothing.

The tokens here are built with jwcrypto alone (or by hand, for what jwcrypto
will not make), so the receiver is tested against PROTOCOL.md, not against zpd.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from brandkit.issuing import sign_spec
from brandkit.keys import BrandKeys, generate_keys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqliteStorage
from tests.support.people import (
    DAY,
    NOW,
    ORIGIN,
    Person,
    b64u,
    b64u_json,
    jwc_encrypt,
    jwc_grant_claims,
    jwc_grant_header,
    jwc_key,
    jwc_pseudonym,
    jwc_sign,
    jwc_token,
    spec,
    unsigned,
)
from zpd import jose
from zpd.errors import EventInvalid, ProtocolError, TokenInvalid
from zpd.request import DataRequest, verify_request

from .storage_rows import snapshot

ALICE = jwc_key()


def inner(
    issued: DataRequest, /, header: dict[str, Any] | None = None, **claims: Any
) -> str:
    """Alice's inner JWS, by jwcrypto, with claims changed as given."""
    body = {**jwc_grant_claims(ALICE, issued), **claims}
    return jwc_sign(ALICE, header or jwc_grant_header(ALICE), body)


def flip_signature(compact: str) -> str:
    head, body, signature = compact.split(".")
    raw = bytearray(base64.urlsafe_b64decode(signature + "=="))
    raw[0] ^= 1
    return f"{head}.{body}.{b64u(bytes(raw))}"


def tamper_ciphertext(compact: str) -> str:
    parts = compact.split(".")
    raw = bytearray(base64.urlsafe_b64decode(parts[3] + "=="))
    raw[0] ^= 1
    return ".".join([*parts[:3], b64u(bytes(raw)), parts[4]])


def bad_tokens(request: DataRequest, keys: BrandKeys) -> dict[str, str]:
    enc = request.encryption_jwk
    header = jwc_grant_header(ALICE)
    claims = jwc_grant_claims(ALICE, request)
    other_brand = generate_keys()
    return {
        "bad signature": jwc_encrypt(flip_signature(inner(request)), enc),
        "alg none": jwc_encrypt(unsigned({**header, "alg": "none"}, claims), enc),
        "alg HS256": jwc_encrypt(
            unsigned({**header, "alg": "HS256"}, claims, hmac_key=b"x" * 32), enc
        ),
        "alg unknown": jwc_encrypt(unsigned({**header, "alg": "EdDSA448"}, claims), enc),
        "wrong aud": jwc_encrypt(inner(request, aud="https://boots.example"), enc),
        "expired": jwc_encrypt(inner(request, iat=NOW - 9 * DAY, nbf=NOW - 9 * DAY,
                                     exp=NOW - DAY), enc),
        "not yet valid": jwc_encrypt(inner(request, iat=NOW + DAY, nbf=NOW + DAY), enc),
        "iss not the jwk's thumbprint": jwc_encrypt(
            inner(request, iss=Person().pseudonym, sub=Person().pseudonym), enc
        ),
        "unknown request hash": jwc_encrypt(
            inner(request, request={**claims["request"], "sha256": b64u(b"\0" * 32)}), enc
        ),
        "field the ask did not list": jwc_encrypt(
            inner(request, data={"shoe_size_eu": 42, "religion": "none"}), enc
        ),
        "purpose described otherwise than the ask": jwc_encrypt(inner(
            request, purpose={**claims["purpose"], "description": "Anything we like"}
        ), enc),
        "retention longer than the ask's": jwc_encrypt(inner(request, retention_days=181), enc),
        "grant longer than the ask's duration": jwc_encrypt(
            inner(request, exp=NOW + 90 * DAY + 1), enc
        ),
        "tampered ciphertext": tamper_ciphertext(jwc_encrypt(inner(request), enc)),
        "encrypted to another brand": jwc_encrypt(
            inner(request), other_brand.public_jwks()["keys"][1]
        ),
        "oversized": jwc_encrypt(inner(request, padding="x" * 300_000), enc),
    }


@pytest.fixture
def seeded(receiver: Receiver, issued: DataRequest) -> Receiver:
    """Alice has one grant, so her pseudonym's key is pinned."""
    receiver.receive_token(jwc_token(ALICE, issued, grant_id="seed"), NOW)
    return receiver


def test_each_rejection_has_its_own_reason(
    seeded: Receiver, storage: SqliteStorage, issued: DataRequest, keys: BrandKeys
) -> None:
    before = snapshot(storage)
    found: dict[str, tuple[str, str]] = {}
    for name, token in bad_tokens(issued, keys).items():
        with pytest.raises(TokenInvalid) as caught:
            seeded.receive_token(token, NOW)
        reason = caught.value.reason
        found[name] = (reason, caught.value.detail if reason == "bad_algorithm" else "")
    forged = jwc_sign(jwc_key(), {"alg": "EdDSA", "typ": "secevent+jwt"}, {
        "iss": "urn:ietf:params:oauth:jwk-thumbprint:sha-256:" + ALICE.thumbprint(),
        "aud": ORIGIN, "iat": NOW, "jti": "e", "toe": NOW,
        "events": {"urn:zpd:event:grant-revoked": {"grant": "seed"}}})
    with pytest.raises(EventInvalid) as event_error:
        seeded.receive_event(forged, NOW)
    found["revocation signed by another pseudonym"] = ("event " + event_error.value.reason, "")
    assert snapshot(storage) == before
    assert found == {
        "bad signature": ("bad_signature", ""),
        "alg none": ("bad_algorithm", "none"),
        "alg HS256": ("bad_algorithm", "HS256"),
        "alg unknown": ("bad_algorithm", "EdDSA448"),
        "wrong aud": ("wrong_audience", ""),
        "expired": ("expired", ""),
        "not yet valid": ("not_yet_valid", ""),
        "iss not the jwk's thumbprint": ("bad_issuer", ""),
        "unknown request hash": ("unknown_request", ""),
        "field the ask did not list": ("field_not_asked", ""),
        "purpose described otherwise than the ask": ("wrong_purpose", ""),
        "retention longer than the ask's": ("retention_too_long", ""),
        "grant longer than the ask's duration": ("duration_too_long", ""),
        "tampered ciphertext": ("decryption_failed", ""),
        "encrypted to another brand": ("unknown_key", ""),
        "oversized": ("too_large", ""),
        "revocation signed by another pseudonym": ("event bad_signature", ""),
    }
    assert len(set(found.values())) == len(found)


def test_refusals_carry_rfc8935_codes(
    seeded: Receiver, issued: DataRequest, keys: BrandKeys
) -> None:
    codes = {}
    for name, token in bad_tokens(issued, keys).items():
        with pytest.raises(TokenInvalid) as caught:
            seeded.receive_token(token, NOW)
        codes[name] = caught.value.err
    assert codes == {
        "bad signature": "authentication_failed",
        "alg none": "invalid_request",
        "alg HS256": "invalid_request",
        "alg unknown": "invalid_request",
        "wrong aud": "invalid_audience",
        "expired": "invalid_request",
        "not yet valid": "invalid_request",
        "iss not the jwk's thumbprint": "invalid_issuer",
        "unknown request hash": "access_denied",
        "field the ask did not list": "invalid_request",
        "purpose described otherwise than the ask": "invalid_request",
        "retention longer than the ask's": "invalid_request",
        "grant longer than the ask's duration": "invalid_request",
        "tampered ciphertext": "authentication_failed",
        "encrypted to another brand": "invalid_key",
        "oversized": "invalid_request",
    }


def test_a_token_may_choose_less_than_the_ask_and_that_is_what_is_kept(
    seeded: Receiver, issued: DataRequest
) -> None:
    """Retention and duration at most the ask's: less is the person's choice, recorded."""
    shorter = jwc_encrypt(inner(
        issued, grant={"id": "short", "version": 1}, retention_days=30, exp=NOW + 7 * DAY,
    ), issued.encryption_jwk)
    seeded.receive_token(shorter, NOW)
    longest = jwc_encrypt(inner(
        issued, grant={"id": "longest", "version": 1}, exp=NOW + 90 * DAY,
    ), issued.encryption_jwk)
    seeded.receive_token(longest, NOW)
    customer = seeded.customer(jwc_pseudonym(ALICE), NOW)
    assert customer is not None
    kept = {g.grant_id: (g.retention_days, g.expires_at) for g in customer.grants}
    assert kept["short"] == (30, NOW + 7 * DAY)
    assert kept["longest"] == (180, NOW + 90 * DAY)


def test_sub_must_equal_iss(
    seeded: Receiver, storage: SqliteStorage, issued: DataRequest
) -> None:
    token = jwc_encrypt(inner(issued, sub=Person().pseudonym), issued.encryption_jwk)
    with pytest.raises(TokenInvalid) as caught:
        seeded.receive_token(token, NOW)
    assert caught.value.reason == "bad_issuer"


def test_header_jwk_of_another_key(seeded: Receiver, issued: DataRequest) -> None:
    other = jwc_key()
    header = {**jwc_grant_header(ALICE), "jwk": jwc_grant_header(other)["jwk"],
              "kid": other.thumbprint()}
    token = jwc_encrypt(inner(issued, header=header), issued.encryption_jwk)
    with pytest.raises(TokenInvalid) as caught:
        seeded.receive_token(token, NOW)
    assert caught.value.reason == "bad_signature"


def test_rfc9864_alg_name_is_accepted(seeded: Receiver, issued: DataRequest) -> None:
    compact = jwc_sign(ALICE, jwc_grant_header(ALICE, alg="Ed25519"),
                       jwc_grant_claims(ALICE, issued, grant_id="ed25519"))
    seeded.receive_token(jwc_encrypt(compact, issued.encryption_jwk), NOW)
    customer = seeded.customer("urn:ietf:params:oauth:jwk-thumbprint:sha-256:"
                               + ALICE.thumbprint(), NOW)
    assert customer is not None
    assert {g.grant_id for g in customer.grants} == {"seed", "ed25519"}


def with_header(token: str, **changes: Any) -> str:
    parts = token.split(".")
    header = json.loads(base64.urlsafe_b64decode(parts[0] + "=="))
    header.update(changes)
    return ".".join([b64u_json(header), *parts[1:]])


def with_part(token: str, index: int, value: str) -> str:
    parts = token.split(".")
    parts[index] = value
    return ".".join(parts)


MALFORMED: dict[str, Callable[[str], str]] = {
    "epk of another curve": lambda t: with_header(t, epk={"kty": "EC", "crv": "P-256",
                                                          "x": "AA", "y": "AA"}),
    "epk not base64": lambda t: with_header(t, epk={"kty": "OKP", "crv": "X25519", "x": "!!"}),
    "epk too short": lambda t: with_header(t, epk={"kty": "OKP", "crv": "X25519", "x": "AAAA"}),
    "epk low order": lambda t: with_header(
        t, epk={"kty": "OKP", "crv": "X25519", "x": b64u(bytes(32))}
    ),
    "apu not base64": lambda t: with_header(t, apu="!!"),
    "iv too short": lambda t: with_part(t, 2, "AAAA"),
    "iv not base64": lambda t: with_part(t, 2, "!!!!"),
    "tag too short": lambda t: with_part(t, 4, "AAAA"),
    "ciphertext not base64": lambda t: with_part(t, 3, "!!!!"),
    "zip": lambda t: with_header(t, zip="DEF"),
    "not JSON header": lambda t: with_part(t, 0, b64u(b"{")),
    "six parts": lambda t: t + ".AAAA",
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_jwe_is_a_token_error(
    seeded: Receiver, storage: SqliteStorage, issued: DataRequest, name: str
) -> None:
    before = snapshot(storage)
    with pytest.raises(TokenInvalid):
        seeded.receive_token(MALFORMED[name](jwc_token(ALICE, issued)), NOW)
    assert snapshot(storage) == before


def test_deeply_nested_json_is_a_token_error(seeded: Receiver, issued: DataRequest) -> None:
    nested = b64u(b"[" * 50_000)
    signed = jwc_sign(ALICE, jwc_grant_header(ALICE), {"a": 1})
    deep_payload = with_part(signed, 1, nested)
    for compact in (deep_payload, with_part(signed, 0, nested)):
        with pytest.raises(TokenInvalid):
            seeded.receive_token(jwc_encrypt(compact, issued.encryption_jwk), NOW)
    with pytest.raises(EventInvalid):
        seeded.receive_event(f"e30.{nested}.", NOW)


def test_non_ascii_bytes_are_a_token_error(seeded: Receiver) -> None:
    with pytest.raises(TokenInvalid) as caught:
        seeded.receive_token("é".encode() * 10, NOW)
    assert caught.value.reason == "not_compact"
    with pytest.raises(TokenInvalid) as caught:
        seeded.receive_token(b"a" * (jose.MAX_COMPACT_BYTES + 1), NOW)
    assert caught.value.reason == "too_large"


# -- every single-character change is refused -------------------------------------------

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."


def same_bytes(original: str, mutated: str) -> bool:
    """True if the change only touched base64 padding bits: the decoded message is the same."""
    a, b = original.split("."), mutated.split(".")
    if len(a) != len(b):
        return False
    try:
        return all(base64.urlsafe_b64decode(x + "==") == base64.urlsafe_b64decode(y + "==")
                   for x, y in zip(a, b, strict=True))
    except ValueError:
        return False


@pytest.fixture(scope="module")
def fixed() -> tuple[Receiver, SqliteStorage, str, str]:
    keys = generate_keys()
    storage = SqliteStorage()
    receiver = Receiver(keys, storage, ORIGIN)
    request = verify_request(
        receiver.register_issued_request(sign_spec(spec(), keys, now=NOW), NOW).jws, NOW
    )
    person = Person()
    receiver.receive_token(person.token(request, grant_id="g0"), NOW)
    return receiver, storage, person.token(request, version=2, grant_id="g0"), person.revocation(
        "g0"
    )


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_changed_character_is_refused(
    fixed: tuple[Receiver, SqliteStorage, str, str], data: st.DataObject
) -> None:
    receiver, storage, token, event = fixed
    kind = data.draw(st.sampled_from(["token", "event"]))
    message = token if kind == "token" else event
    index = data.draw(st.integers(0, len(message) - 1))
    character = data.draw(st.sampled_from(ALPHABET))
    mutated = message[:index] + character + message[index + 1:]
    assume(not same_bytes(message, mutated))
    before = snapshot(storage)
    with pytest.raises(ProtocolError) as caught:
        if kind == "token":
            receiver.receive_token(mutated, NOW + DAY)
        else:
            receiver.receive_event(mutated, NOW + DAY)
    assert isinstance(caught.value, TokenInvalid if kind == "token" else EventInvalid)
    assert snapshot(storage) == before
