"""The brand kit on protocol v1.1 and the brand's checklist (docs/protocol.md): questions and
their answers, per-visit requests, pause and resume, key rotation, and the rules a brand keeps
on every token and event."""

from __future__ import annotations

import copy
import dataclasses
import uuid
from typing import Any

import pytest
from jwcrypto import jwe as cjwe
from jwcrypto import jwk as cjwk
from jwcrypto.common import json_encode

from brandkit.errors import EventRefused, TokenRefused, rfc8935_code
from brandkit.issuing import sign_spec, sign_visit_request
from brandkit.keys import BrandKeys, generate_keys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqliteStorage
from tests.support.people import (
    DAY,
    NOW,
    ORIGIN,
    Person,
    jwc_grant_claims,
    jwc_grant_header,
    jwc_key,
    jwc_pseudonym,
    jwc_sign,
    jwc_token,
    spec,
)
from zpd import event as zpd_event
from zpd import receipt as zpd_receipt
from zpd import token as zpd_token
from zpd.errors import EventInvalid, ProtocolError, TokenInvalid
from zpd.example_specs import RUN_SURFACE
from zpd.request import DataRequest, verify_request

from .storage_rows import snapshot

PAUSED, RESUMED, REVOKED = (zpd_event.GRANT_PAUSED, zpd_event.GRANT_RESUMED,
                            zpd_event.GRANT_REVOKED)


def spec_with_question() -> dict[str, Any]:
    document = spec()
    document["asks"][0]["fields"].append(copy.deepcopy(RUN_SURFACE))
    return document


@pytest.fixture
def asking(keys: BrandKeys, receiver: Receiver) -> DataRequest:
    """A request whose first ask holds a brand question, registered with the receiver."""
    compact = sign_spec(spec_with_question(), keys, now=NOW - DAY)
    receiver.register_issued_request(compact, now=NOW)
    return verify_request(compact, NOW)


def receipt_of(compact: str, keys: BrandKeys, person: Person, jti: str, statuses: Any,
               now: int) -> zpd_receipt.Receipt:
    return zpd_receipt.verify(compact, keys.public_jwks()["keys"][0], issuer=ORIGIN,
                              audience=person.pseudonym, ack_jti=jti, status=statuses, now=now)


# -- questions -------------------------------------------------------------------------------


def test_answers_are_checked_against_their_question_and_kept_canonical(
    receiver: Receiver, asking: DataRequest, alice: Person
) -> None:
    receiver.receive_token(alice.token(asking, data={
        "shoe_size_eu": 42, "q:run-surface": ["trail", "road"]}), NOW)
    customer = receiver.customer(alice.pseudonym, NOW)
    assert customer is not None
    assert customer.grants[0].fields == {"shoe_size_eu": 42, "q:run-surface": ["road", "trail"]}


@pytest.mark.parametrize(("answer", "reason"), [
    ("road", "empty"),
    (["road", "sea"], "not_a_choice"),
    (["road", "road"], "duplicate_choice"),
    ([], "empty"),
])
def test_an_answer_that_does_not_fit_is_refused_naming_it(
    receiver: Receiver, asking: DataRequest, alice: Person, storage: SqliteStorage,
    answer: object, reason: str,
) -> None:
    before = snapshot(storage)
    with pytest.raises(TokenRefused) as refused:
        receiver.receive_token(alice.token(asking, data={
            "shoe_size_eu": 42, "q:run-surface": answer}), NOW)
    assert refused.value.reason == "bad_value" and refused.value.err == "invalid_request"
    assert refused.value.detail.startswith(f"data.q:run-surface: {reason}")
    assert snapshot(storage) == before


def test_a_question_the_ask_did_not_put_is_not_answered(
    receiver: Receiver, asking: DataRequest, alice: Person
) -> None:
    with pytest.raises(TokenRefused) as refused:
        receiver.receive_token(alice.token(asking, data={
            "shoe_size_eu": 42, "q:run-surfaces": ["road"]}), NOW)
    assert refused.value.reason == "field_not_asked"


# -- per-visit requests ----------------------------------------------------------------------


def test_a_per_visit_request_lives_at_most_an_hour_with_a_fresh_jti(
    keys: BrandKeys, receiver: Receiver, alice: Person
) -> None:
    first = sign_visit_request(spec_with_question(), keys, now=NOW)
    second = sign_visit_request(spec_with_question(), keys, now=NOW)
    visits = [verify_request(compact, NOW) for compact in (first, second)]
    assert visits[0].jti != visits[1].jti and uuid.UUID(visits[0].jti)
    assert [v.exp - v.iat for v in visits] == [900, 900]
    longest = verify_request(sign_visit_request(spec(), keys, now=NOW, seconds=3600), NOW)
    assert longest.exp == NOW + 3600
    for seconds in (0, 3601):
        with pytest.raises(ValueError):
            sign_visit_request(spec(), keys, now=NOW, seconds=seconds)
    receiver.register_issued_request(first, now=NOW)
    receiver.receive_token(alice.token(visits[0], grant_id="visit-grant"), NOW + 60)
    assert visits[0].jti in [held.jti for held in receiver.issued_requests()]


# -- pause and resume ------------------------------------------------------------------------


def test_pause_keeps_the_data_unused_and_resume_brings_it_back(
    receiver: Receiver, issued: DataRequest, alice: Person, keys: BrandKeys
) -> None:
    receiver.receive_token(alice.token(issued), NOW)
    paused_jti = "pause-1"
    receipt = receiver.receive_event(alice.grant_event(PAUSED, jti=paused_jti), NOW + DAY)
    ack = receipt_of(receipt, keys, alice, paused_jti, zpd_receipt.EXPECTED[PAUSED], NOW + DAY)
    assert ack.status == "paused"
    customer = receiver.customer(alice.pseudonym, NOW + DAY)
    assert customer is not None
    [grant] = customer.grants
    assert (grant.status, grant.paused_at, grant.fields) == ("paused", NOW + DAY,
                                                            {"shoe_size_eu": 42})
    assert customer.active_fields() == {}
    assert customer.to_json()["grants"][0]["paused_at"] == NOW + DAY
    # A second pause changes nothing: paused since the first.
    receiver.receive_event(alice.grant_event(PAUSED, jti="pause-2", iat=NOW + 2 * DAY),
                           NOW + 2 * DAY)
    customer = receiver.customer(alice.pseudonym, NOW + 2 * DAY)
    assert customer is not None and customer.grants[0].paused_at == NOW + DAY
    # A version edited while paused is kept, and stays paused.
    receiver.receive_token(alice.token(issued, version=2, data={"shoe_size_eu": 43}), NOW + DAY)
    customer = receiver.customer(alice.pseudonym, NOW + 2 * DAY)
    assert customer is not None
    assert (customer.grants[0].status, customer.grants[0].fields) == ("paused",
                                                                      {"shoe_size_eu": 43})
    resumed = receiver.receive_event(alice.grant_event(RESUMED, jti="resume-1",
                                                       iat=NOW + 3 * DAY), NOW + 3 * DAY)
    ack = receipt_of(resumed, keys, alice, "resume-1", zpd_receipt.EXPECTED[RESUMED],
                     NOW + 3 * DAY)
    assert ack.status == "resumed"
    customer = receiver.customer(alice.pseudonym, NOW + 3 * DAY)
    assert customer is not None and customer.active_fields() == {"shoe_size_eu": 43}


def test_the_same_pause_delivered_twice_gets_its_first_receipt(
    receiver: Receiver, issued: DataRequest, alice: Person
) -> None:
    receiver.receive_token(alice.token(issued), NOW)
    pause = alice.grant_event(PAUSED, jti="pause-1")
    assert receiver.receive_event(pause, NOW + DAY) == receiver.receive_event(pause, NOW + DAY)


def test_a_paused_grant_is_revoked_as_usual(
    receiver: Receiver, issued: DataRequest, alice: Person, keys: BrandKeys
) -> None:
    receiver.receive_token(alice.token(issued), NOW)
    receiver.receive_event(alice.grant_event(PAUSED), NOW + DAY)
    receipt = receiver.receive_event(alice.grant_event(REVOKED, jti="rev-1"), NOW + DAY)
    assert receipt_of(receipt, keys, alice, "rev-1", zpd_receipt.EXPECTED[REVOKED],
                      NOW + DAY).status == "deleted"
    customer = receiver.customer(alice.pseudonym, NOW + DAY)
    assert customer is not None and customer.grants[0].status == "revoked"
    assert customer.grants[0].fields == {}


@pytest.mark.parametrize("kind", [PAUSED, RESUMED])
def test_pause_and_resume_refusals(
    receiver: Receiver, issued: DataRequest, alice: Person, bob: Person, storage: SqliteStorage,
    kind: str,
) -> None:
    receiver.receive_token(alice.token(issued, grant_id="alices"), NOW)
    receiver.receive_token(bob.token(issued, grant_id="bobs"), NOW)
    receiver.receive_token(bob.token(issued, grant_id="gone"), NOW)
    receiver.receive_event(bob.grant_event(REVOKED, "gone"), NOW + DAY)
    before = snapshot(storage)
    cases = {
        "never held": (bob.grant_event(kind, "nothing"), "unknown_grant", "invalid_request"),
        "another's grant": (bob.grant_event(kind, "alices"), "not_grant_owner", "access_denied"),
        "revoked": (bob.grant_event(kind, "gone"), "grant_revoked", "access_denied"),
        "unknown issuer": (Person().grant_event(kind, "alices"), "unknown_issuer",
                           "invalid_issuer"),
    }
    for name, (compact, reason, err) in cases.items():
        with pytest.raises(EventRefused) as refused:
            receiver.receive_event(compact, NOW + DAY)
        assert (refused.value.reason, refused.value.err) == (reason, err), name
    assert snapshot(storage) == before


def test_a_pause_made_by_jwcrypto_alone_is_applied(
    receiver: Receiver, issued: DataRequest, keys: BrandKeys
) -> None:
    key = jwc_key()
    receiver.receive_token(jwc_token(key, issued, grant_id="grant-j"), NOW)
    claims = {"iss": jwc_pseudonym(key), "aud": [ORIGIN], "iat": NOW + 60, "jti": "p-j",
              "events": {PAUSED: {"grant": "grant-j"}}}
    receipt = receiver.receive_event(
        jwc_sign(key, {"alg": "Ed25519", "typ": "secevent+jwt"}, claims), NOW + 60)
    ack = zpd_receipt.verify(receipt, keys.public_jwks()["keys"][0], issuer=ORIGIN,
                             audience=jwc_pseudonym(key), ack_jti="p-j", status="paused",
                             now=NOW + 60)
    assert ack.status == "paused"


# -- key rotation ---------------------------------------------------------------------------


def test_after_a_rotation_receipts_are_signed_with_the_key_the_token_was_encrypted_to(
    keys: BrandKeys, request_jws: str, issued: DataRequest, alice: Person, bob: Person,
) -> None:
    """Alice's vault still holds the old keys; Bob's accepted the new ones. Each gets receipts
    it can check, for tokens and for events alike."""
    new = generate_keys()
    receiver = Receiver(new, SqliteStorage(), ORIGIN, retired_keys=(keys,))
    receiver.register_issued_request(request_jws, now=NOW)
    new_request = verify_request(sign_spec(spec(), new, now=NOW), NOW)
    receiver.register_issued_request(new_request.jws, now=NOW)
    for person, request, pair in ((alice, issued, keys), (bob, new_request, new)):
        pinned = pair.public_jwks()["keys"][0]
        grant = "g-" + pair.signing_kid
        stored = receiver.receive_token(person.token(request, jti=f"t-{pair.signing_kid}",
                                                     grant_id=grant), NOW)
        zpd_receipt.verify(stored, pinned, issuer=ORIGIN, audience=person.pseudonym,
                           ack_jti=f"t-{pair.signing_kid}", status="stored", now=NOW)
        paused = receiver.receive_event(
            person.grant_event(PAUSED, grant, jti="p-" + pair.signing_kid), NOW + DAY)
        zpd_receipt.verify(paused, pinned, issuer=ORIGIN, audience=person.pseudonym,
                           ack_jti="p-" + pair.signing_kid, status="paused", now=NOW + DAY)
    # Bob's vault, on the new key, would refuse a receipt signed with the old one.
    with pytest.raises(ProtocolError) as refused:
        zpd_receipt.verify(stored, keys.public_jwks()["keys"][0], issuer=ORIGIN,
                           audience=bob.pseudonym, ack_jti=f"t-{new.signing_kid}",
                           status="stored", now=NOW)
    assert refused.value.reason == "bad_signature"


def test_without_the_retired_keys_an_old_token_is_refused(
    request_jws: str, issued: DataRequest, alice: Person
) -> None:
    receiver = Receiver(generate_keys(), SqliteStorage(), ORIGIN)
    with pytest.raises(TokenInvalid) as refused:
        receiver.receive_token(alice.token(issued), NOW)
    assert (refused.value.reason, refused.value.err) == ("unknown_key", "invalid_key")


# -- the brand's checklist ------------------------------------------------------------------


def encrypted(inner: str, brand_jwk: dict[str, Any], **header: str) -> str:
    recipient = cjwk.JWK(**{k: v for k, v in brand_jwk.items() if k in ("kty", "crv", "x")})
    protected = {"alg": "ECDH-ES", "enc": "A256GCM", "kid": recipient.thumbprint(),
                 "cty": "JWT", **header}
    envelope = cjwe.JWE(inner.encode("ascii"), protected=json_encode(protected))
    envelope.add_recipient(recipient)
    return str(envelope.serialize(compact=True))


@pytest.mark.parametrize("header", [
    {"alg": "ECDH-ES+A256KW"}, {"enc": "A128GCM"}, {"enc": "A256CBC-HS512"},
])
def test_only_ecdh_es_with_a256gcm_is_decrypted(
    receiver: Receiver, issued: DataRequest, header: dict[str, str]
) -> None:
    key = jwc_key()
    inner = jwc_sign(key, jwc_grant_header(key), jwc_grant_claims(key, issued))
    with pytest.raises(TokenInvalid) as refused:
        receiver.receive_token(encrypted(inner, issued.encryption_jwk, **header), NOW)
    assert refused.value.reason == "bad_algorithm"


def test_the_inner_typ_must_be_a_grant(receiver: Receiver, issued: DataRequest) -> None:
    key = jwc_key()
    header = {**jwc_grant_header(key), "typ": "JWT"}
    inner = jwc_sign(key, header, jwc_grant_claims(key, issued))
    with pytest.raises(TokenInvalid) as refused:
        receiver.receive_token(encrypted(inner, issued.encryption_jwk), NOW)
    assert refused.value.reason == "wrong_type"


def test_aud_as_an_array_of_one_is_taken_and_of_two_refused(
    receiver: Receiver, issued: DataRequest
) -> None:
    key = jwc_key()

    def token_for(aud: list[str], grant_id: str) -> str:
        claims = {**jwc_grant_claims(key, issued, grant_id=grant_id), "aud": aud}
        return encrypted(jwc_sign(key, jwc_grant_header(key), claims), issued.encryption_jwk)

    receiver.receive_token(token_for([ORIGIN], "g-a"), NOW)
    with pytest.raises(TokenInvalid) as refused:
        receiver.receive_token(token_for([ORIGIN, "https://other.example"], "g-b"), NOW)
    assert (refused.value.reason, rfc8935_code(refused.value)) == ("wrong_audience",
                                                                    "invalid_audience")


def test_a_token_or_event_issued_over_60_s_ahead_is_refused(
    receiver: Receiver, issued: DataRequest, alice: Person
) -> None:
    receiver.receive_token(alice.token(issued, iat=NOW + 60), NOW)
    with pytest.raises(TokenInvalid) as refused:
        receiver.receive_token(alice.token(issued, iat=NOW + 61, grant_id="g-2"), NOW)
    assert refused.value.reason == "not_yet_valid"
    with pytest.raises(EventInvalid) as late:
        receiver.receive_event(alice.grant_event(PAUSED, iat=NOW + DAY + 61), NOW + DAY)
    assert late.value.reason == "not_yet_valid"


def test_nbf_is_the_grant_start_in_every_version(
    receiver: Receiver, issued: DataRequest, alice: Person
) -> None:
    first = alice.claims(issued)
    receiver.receive_token(alice.token(issued), NOW)
    later = alice.claims(issued, version=2, iat=NOW + DAY, exp=first.exp)
    moved = dataclasses.replace(later, nbf=NOW + DAY)
    with pytest.raises(TokenRefused) as refused:
        receiver.receive_token(zpd_token.issue(moved, alice.key, issued.encryption_jwk),
                               NOW + DAY)
    assert refused.value.reason == "grant_mismatch" and "nbf" in refused.value.detail
    kept = dataclasses.replace(later, nbf=NOW)
    receiver.receive_token(zpd_token.issue(kept, alice.key, issued.encryption_jwk), NOW + DAY)
    customer = receiver.customer(alice.pseudonym, NOW + DAY)
    assert customer is not None and customer.grants[0].version == 2


def test_a_version_replaces_the_data_and_one_not_higher_is_acknowledged_and_ignored(
    receiver: Receiver, issued: DataRequest, alice: Person, keys: BrandKeys
) -> None:
    receiver.receive_token(alice.token(issued, data={"shoe_size_eu": 42,
                                                     "favourite_colours": ["navy"]}), NOW)
    receiver.receive_token(alice.token(issued, version=3, data={"shoe_size_eu": 43}), NOW)
    stale = receiver.receive_token(alice.token(issued, version=2, jti="v2",
                                               data={"shoe_size_eu": 40}), NOW)
    assert receipt_of(stale, keys, alice, "v2", "stored", NOW).status == "stored"
    customer = receiver.customer(alice.pseudonym, NOW)
    assert customer is not None
    assert (customer.grants[0].version, customer.grants[0].fields) == (3, {"shoe_size_eu": 43})



def test_answers_in_a_token_made_by_jwcrypto_alone_are_stored(
    receiver: Receiver, asking: DataRequest
) -> None:
    key = jwc_key()
    receiver.receive_token(jwc_token(key, asking, data={
        "shoe_size_eu": 41.5, "q:run-surface": ["track"]}), NOW)
    customer = receiver.customer(jwc_pseudonym(key), NOW)
    assert customer is not None
    assert customer.grants[0].fields == {"shoe_size_eu": 41.5, "q:run-surface": ["track"]}
