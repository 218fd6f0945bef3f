"""Events, receipts and tokens as the contract now says: pause and resume events, receipts that
follow deletion downstream, `aud` as one string (or an array of one), optional members, and
the same 60 s clock skew for every `iat`. Each new message is also made and checked by jwcrypto.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.support.people import jwc_key, jwc_pseudonym, jwc_public, jwc_sign, jwc_verify
from zpd import event, jose, receipt, token
from zpd.errors import EventInvalid, ReceiptInvalid, TokenInvalid
from zpd.examples import IAT, ORIGIN, example_keys
from zpd.pairwise import pairwise_key

SIGNING, ENCRYPTION, SEED = example_keys()
PERSON = pairwise_key(SEED, ORIGIN)
PSEUDONYM = jose.thumbprint_uri(PERSON)
PERSON_JWK = jose.public_jwk(PERSON)
BRAND_JWK = jose.public_jwk(SIGNING, "sig")
RECEIPT_HEADER = {"typ": receipt.RECEIPT_TYP, "kid": jose.thumbprint(SIGNING)}
SET_HEADER = {"typ": event.SET_TYP, "kid": jose.thumbprint(PERSON)}
D = receipt.Downstream


def grant_event(kind: str, *, iat: int = IAT) -> event.GrantEvent:
    return event.GrantEvent(PSEUDONYM, ORIGIN, iat, str(uuid.uuid4()), iat - 5, "grant-1",
                            type=kind)


# -- pause and resume ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [event.GRANT_PAUSED, event.GRANT_RESUMED, event.GRANT_REVOKED])
def test_each_grant_event_is_made_and_verified(kind: str) -> None:
    made = grant_event(kind)
    compact = event.issue(made, PERSON)
    assert event.verify(compact, PERSON_JWK, ORIGIN, IAT) == (
        made if kind == event.GRANT_REVOKED else
        event.GrantEvent(PSEUDONYM, ORIGIN, IAT, made.jti, IAT - 5, "grant-1", "", kind))
    _, claims = jwc_verify(compact, PERSON_JWK)
    expected = {"grant": "grant-1"} if kind != event.GRANT_REVOKED else {
        "grant": "grant-1", "reason": "person"}
    assert claims["events"] == {kind: expected}


def sign_event(claims: dict[str, Any]) -> str:
    return jose.sign(SET_HEADER, claims, PERSON)


def event_claims(**changes: Any) -> dict[str, Any]:
    claims = {"iss": PSEUDONYM, "aud": ORIGIN, "iat": IAT, "jti": "e-1", "toe": IAT - 5,
              "events": {event.GRANT_PAUSED: {"grant": "grant-1"}}}
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def test_an_event_holds_exactly_one_known_event_type() -> None:
    both = event_claims(events={event.GRANT_PAUSED: {"grant": "g"},
                                event.GRANT_REVOKED: {"grant": "g"}})
    unknown = event_claims(events={"urn:zpd:event:grant-extended": {"grant": "g"}})
    for claims, reason in ((both, "bad_member"), (unknown, "unknown_event")):
        with pytest.raises(EventInvalid) as refused:
            event.verify(sign_event(claims), PERSON_JWK, ORIGIN, IAT)
        assert refused.value.reason == reason
    beside = event_claims(events={event.GRANT_RESUMED: {"grant": "g"},
                                  "https://other.example/event": {"x": 1}})
    assert event.verify(sign_event(beside), PERSON_JWK, ORIGIN, IAT).type == event.GRANT_RESUMED


def test_toe_is_optional_and_then_iat() -> None:
    verified = event.verify(sign_event(event_claims(toe=None)), PERSON_JWK, ORIGIN, IAT)
    assert verified.toe == IAT


def test_an_event_issued_over_60_s_ahead_is_refused() -> None:
    event.verify(sign_event(event_claims(iat=IAT + 60)), PERSON_JWK, ORIGIN, IAT)
    with pytest.raises(EventInvalid) as refused:
        event.verify(sign_event(event_claims(iat=IAT + 61)), PERSON_JWK, ORIGIN, IAT)
    assert refused.value.reason == "not_yet_valid"


def test_events_made_by_jwcrypto_alone_are_verified() -> None:
    key = jwc_key()
    for kind in (event.GRANT_PAUSED, event.GRANT_RESUMED):
        claims = {"iss": jwc_pseudonym(key), "aud": ORIGIN, "iat": IAT, "jti": kind,
                  "events": {kind: {"grant": "grant-j"}}}
        compact = jwc_sign(key, {"alg": "Ed25519", "typ": "secevent+jwt"}, claims)
        verified = event.verify(compact, jwc_public(key), ORIGIN, IAT)
        assert (verified.type, verified.grant_id, verified.toe) == (kind, "grant-j", IAT)


# -- aud ---------------------------------------------------------------------------------------


SHAPES = {
    "a string": (lambda aud: aud, True),
    "an array of one": (lambda aud: [aud], True),
    "an array of two": (lambda aud: [aud, "https://other.example"], False),
    "an array of another": (lambda aud: ["https://other.example"], False),
    "an empty array": (lambda aud: [], False),
    "another spelling": (lambda aud: aud + "/", False),
    "absent": (lambda aud: None, False),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_aud_is_one_string_or_an_array_of_one_on_every_message(shape: str) -> None:
    write, accepted = SHAPES[shape]
    checks = {
        "event": (lambda: event.verify(sign_event(event_claims(aud=write(ORIGIN))), PERSON_JWK,
                                       ORIGIN, IAT), EventInvalid),
        "token": (lambda: open_claims(grant_claims(aud=write(ORIGIN))), TokenInvalid),
        "receipt": (lambda: check_receipt(jose.sign(
            RECEIPT_HEADER, receipt_claims(aud=write(PSEUDONYM)), SIGNING)), ReceiptInvalid),
    }
    for name, (check, error) in checks.items():
        if accepted:
            check()
            continue
        with pytest.raises(error) as refused:
            check()
        assert refused.value.reason == "wrong_audience", name


# -- tokens --------------------------------------------------------------------------------


def grant_claims(**changes: Any) -> dict[str, Any]:
    claims = {"iss": PSEUDONYM, "sub": PSEUDONYM, "aud": ORIGIN, "iat": IAT, "nbf": IAT,
              "exp": IAT + 86400, "jti": "t-1", "grant": {"id": "grant-1", "version": 1},
              "request": {"jti": "r-1", "ask": "fit-advice", "sha256": "x" * 43},
              "purpose": {"iri": "https://w3id.org/dpv#ServicePersonalisation",
                          "description": "Recommend shoes"},
              "retention_days": 180, "data": {"shoe_size_eu": 42}}
    claims.update(changes)
    return claims


def open_claims(claims: dict[str, Any], now: int = IAT) -> token.OpenedToken:
    inner = jose.sign({"typ": token.GRANT_TYP, "jwk": PERSON_JWK}, claims, PERSON)
    return token.open_token(token.encrypt_to_brand(inner, jose.public_jwk(ENCRYPTION, "enc")),
                            ENCRYPTION, ORIGIN, now)


def test_a_token_issued_over_60_s_ahead_is_refused() -> None:
    assert open_claims(grant_claims(iat=IAT + 60, nbf=IAT)).claims.iat == IAT + 60
    with pytest.raises(TokenInvalid) as refused:
        open_claims(grant_claims(iat=IAT + 61, nbf=IAT))
    assert refused.value.reason == "not_yet_valid"


def test_nbf_is_the_grant_start_and_never_after_this_version() -> None:
    later = open_claims(grant_claims(iat=IAT + 5 * 86400, nbf=IAT, exp=IAT + 90 * 86400),
                        now=IAT + 5 * 86400)
    assert (later.claims.nbf, later.claims.iat) == (IAT, IAT + 5 * 86400)
    for changes in ({"nbf": IAT + 1}, {"exp": IAT}):
        with pytest.raises(TokenInvalid) as refused:
            open_claims(grant_claims(**changes))
        assert refused.value.reason == "bad_member"


# -- receipts --------------------------------------------------------------------------------


def receipt_claims(**changes: Any) -> dict[str, Any]:
    claims: dict[str, Any] = {"iss": ORIGIN, "aud": PSEUDONYM, "iat": IAT, "jti": "r-1",
                              "ack": {"jti": "t-1", "status": "stored"}}
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def check_receipt(compact: str, status: Any = "stored", now: int = IAT) -> receipt.Receipt:
    return receipt.verify(compact, BRAND_JWK, issuer=ORIGIN, audience=PSEUDONYM, ack_jti="t-1",
                          status=status, now=now)


@pytest.mark.parametrize(("status", "downstream"), [
    (receipt.STORED, None),
    (receipt.PAUSED, None),
    (receipt.RESUMED, None),
    (receipt.DELETED, None),
    (receipt.DELETED, ()),
    (receipt.DELETED, ((D.DELETED, IAT), (D.NOT_HELD, IAT))),
    (receipt.DELETION_PENDING, ((D.PENDING, None), (D.DELETED, IAT))),
    (receipt.DELETION_PENDING, ((D.PENDING, None), (D.FAILED, IAT))),  # one failed already
    (receipt.DELETION_FAILED, ((D.FAILED, IAT), (D.DELETED, IAT))),
    (receipt.DELETION_FAILED, ((D.PENDING, None),)),  # missed its deadline
])
def test_each_status_round_trips_with_its_downstream(
    status: str, downstream: tuple[tuple[receipt.Downstream, int | None], ...] | None
) -> None:
    entries = None if downstream is None else tuple(
        receipt.DownstreamEntry(f"system-{i}", state, at)
        for i, (state, at) in enumerate(downstream))
    made = receipt.Receipt(ORIGIN, PSEUDONYM, IAT, "r-1", "t-1", status, entries)
    compact = receipt.issue(made, SIGNING)
    assert check_receipt(compact, {status}) == made
    assert made.final == (status != receipt.DELETION_PENDING)
    _, claims = jwc_verify(compact, BRAND_JWK)
    if entries is not None:
        assert claims["ack"]["downstream"] == [e.to_claims() for e in entries]


@pytest.mark.parametrize(("status", "states"), [
    (receipt.DELETED, (D.PENDING,)),
    (receipt.DELETED, (D.DELETED, D.FAILED)),
    (receipt.DELETION_PENDING, (D.DELETED,)),
    (receipt.DELETION_PENDING, (D.DELETED, D.FAILED)),
    (receipt.DELETION_FAILED, (D.DELETED, D.NOT_HELD)),
])
def test_a_status_that_contradicts_its_downstream_is_refused(
    status: str, states: tuple[receipt.Downstream, ...]
) -> None:
    downstream = [{"system": f"s{i}", "status": str(s), "at": None} for i, s in enumerate(states)]
    compact = jose.sign(RECEIPT_HEADER, receipt_claims(
        ack={"jti": "t-1", "status": status, "downstream": downstream}), SIGNING)
    with pytest.raises(ReceiptInvalid) as refused:
        check_receipt(compact, receipt.STATUSES)
    assert refused.value.reason == "inconsistent_downstream"
    entries = tuple(receipt.DownstreamEntry(f"s{i}", s, None) for i, s in enumerate(states))
    with pytest.raises(ValueError):  # and the brand's side cannot sign one
        receipt.issue(receipt.Receipt(ORIGIN, PSEUDONYM, IAT, "", "t-1", status, entries),
                      SIGNING)


@pytest.mark.parametrize("downstream", [
    "crm",
    [{"system": "crm", "status": "gone", "at": None}],
    [{"system": "", "status": "deleted", "at": None}],
    [{"system": "crm", "status": "deleted", "at": "yesterday"}],
    [{"system": "crm", "status": "deleted", "at": None}] * 2,
    [{"system": f"s{i}", "status": "deleted", "at": None} for i in range(101)],
])
def test_a_malformed_downstream_list_is_refused(downstream: object) -> None:
    compact = jose.sign(RECEIPT_HEADER, receipt_claims(
        ack={"jti": "t-1", "status": "deleted", "downstream": downstream}), SIGNING)
    with pytest.raises(ReceiptInvalid) as refused:
        check_receipt(compact, receipt.DELETED)
    assert refused.value.reason == "bad_member"


def test_an_unknown_status_is_refused_even_when_expected() -> None:
    compact = jose.sign(RECEIPT_HEADER, receipt_claims(ack={"jti": "t-1", "status": "kept"}),
                        SIGNING)
    with pytest.raises(ReceiptInvalid) as refused:
        check_receipt(compact, {"kept"})
    assert refused.value.reason == "unknown_status"


def test_the_statuses_each_message_may_get() -> None:
    assert receipt.EXPECTED[receipt.TOKEN] == {"stored"}
    assert receipt.EXPECTED[event.GRANT_REVOKED] == {"deleted", "deletion_pending",
                                                     "deletion_failed"}
    assert receipt.EXPECTED[event.GRANT_PAUSED] == {"paused"}
    assert receipt.EXPECTED[event.GRANT_RESUMED] == {"resumed"}
    compact = receipt.issue(receipt.Receipt(ORIGIN, PSEUDONYM, IAT, "", "t-1", "paused"),
                            SIGNING)
    with pytest.raises(ReceiptInvalid) as refused:
        check_receipt(compact, receipt.EXPECTED[event.GRANT_RESUMED])
    assert refused.value.reason == "wrong_status"


def test_jti_and_kid_are_optional_iat_is_not() -> None:
    bare = jose.sign({"typ": receipt.RECEIPT_TYP}, receipt_claims(jti=None), SIGNING)
    assert check_receipt(bare).jti == ""
    without_iat = jose.sign(RECEIPT_HEADER, receipt_claims(iat=None), SIGNING)
    with pytest.raises(ReceiptInvalid) as refused:
        check_receipt(without_iat)
    assert refused.value.reason == "bad_member" and "iat" in refused.value.detail


def test_a_receipt_issued_over_60_s_ahead_is_refused() -> None:
    check_receipt(jose.sign(RECEIPT_HEADER, receipt_claims(iat=IAT + 60), SIGNING))
    for ahead in (61, 3600):
        with pytest.raises(ReceiptInvalid) as refused:
            check_receipt(jose.sign(RECEIPT_HEADER, receipt_claims(iat=IAT + ahead), SIGNING))
        assert refused.value.reason == "not_yet_valid"


def test_receipts_made_by_jwcrypto_alone_are_verified() -> None:
    """A receipt as a brand writing to the page alone would sign it: alg Ed25519, no kid,
    no jti, aud as an array of one, a deletion that waits for one system."""
    key = jwc_key()
    claims = {"iss": ORIGIN, "aud": [PSEUDONYM], "iat": IAT,
              "ack": {"jti": "t-1", "status": "deletion_pending",
                      "downstream": [{"system": "esp.example", "status": "pending",
                                      "at": None}]}}
    compact = jwc_sign(key, {"alg": "Ed25519", "typ": "zpd-receipt+jwt"}, claims)
    verified = receipt.verify(compact, jwc_public(key), issuer=ORIGIN, audience=PSEUDONYM,
                              ack_jti="t-1", status=receipt.EXPECTED[event.GRANT_REVOKED],
                              now=IAT)
    assert verified.downstream == (receipt.DownstreamEntry("esp.example", D.PENDING, None),)
    assert not verified.final


def test_the_latest_receipt_of_a_message_is_polled_at_one_path_segment() -> None:
    assert receipt.receipt_url("https://shoes.example/zpd/receipts", "a/b c") == (
        "https://shoes.example/zpd/receipts/a%2Fb%20c")
    assert receipt.receipt_url("https://shoes.example/zpd/receipts/", "t-1") == (
        "https://shoes.example/zpd/receipts/t-1")
