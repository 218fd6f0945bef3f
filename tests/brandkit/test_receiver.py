"""The receiver end to end: tokens and events by zpd and by jwcrypto, stored, updated, revoked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from brandkit.errors import EventRefused, TokenRefused
from brandkit.issuing import sign_spec
from brandkit.keys import BrandKeys, generate_keys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqliteStorage
from tests.support.people import (
    DAY,
    NOW,
    ORIGIN,
    Person,
    jwc_event,
    jwc_key,
    jwc_pseudonym,
    jwc_token,
    jwc_verify,
    payload,
    spec,
)
from zpd import receipt as zpd_receipt
from zpd.errors import EventInvalid, ProtocolError, ReceiptInvalid, RequestInvalid, TokenInvalid
from zpd.request import DataRequest, verify_request

from .storage_rows import db_files, snapshot


def ack(receipt: str, keys: BrandKeys) -> dict[str, Any]:
    """The receipt's claims, checked by jwcrypto: header as PROTOCOL.md section 5 says."""
    header, claims = jwc_verify(receipt, keys.public_jwks()["keys"][0])
    assert header == {"alg": "EdDSA", "typ": "zpd-receipt+jwt", "kid": keys.signing_kid}
    return claims


def refused(receiver: Receiver, storage: SqliteStorage, deliver: str, message: str,
            now: int = NOW) -> ProtocolError:
    """Deliver a message that must be refused; check that storage did not change."""
    before = snapshot(storage)
    with pytest.raises(ProtocolError) as caught:
        getattr(receiver, deliver)(message, now)
    assert snapshot(storage) == before
    return caught.value


# -- storing ----------------------------------------------------------------------------


def test_token_is_stored_and_acknowledged(
    receiver: Receiver, keys: BrandKeys, issued: DataRequest, alice: Person
) -> None:
    token = alice.token(issued, data={"shoe_size_eu": 42, "favourite_colours": ["navy"]},
                        jti="tok-1")
    receipt = receiver.receive_token(token, NOW)
    verified = zpd_receipt.verify(receipt, keys.public_jwks()["keys"][0], issuer=ORIGIN,
                                  audience=alice.pseudonym, ack_jti="tok-1", status="stored",
                                  now=NOW)
    assert verified.iat == NOW
    claims = ack(receipt, keys)
    assert claims["iss"] == ORIGIN
    assert claims["aud"] == alice.pseudonym
    assert claims["ack"] == {"jti": "tok-1", "status": "stored"}
    customer = receiver.customer(alice.pseudonym, NOW)
    assert customer is not None and customer.first_seen == NOW
    (grant,) = customer.grants
    assert (grant.grant_id, grant.version, grant.status, grant.ask_id) == (
        "grant-1", 1, "active", "fit-advice"
    )
    assert grant.fields == {"shoe_size_eu": 42, "favourite_colours": ["navy"]}
    assert grant.purpose_iri == "https://w3id.org/dpv#ServicePersonalisation"
    assert grant.expires_at == NOW + 90 * DAY
    assert grant.retention_days == 180
    assert customer.active_fields() == {"shoe_size_eu": 42, "favourite_colours": ["navy"]}


def test_first_grant_pins_the_pseudonyms_key(
    receiver: Receiver, storage: SqliteStorage, issued: DataRequest, alice: Person
) -> None:
    receiver.receive_token(alice.token(issued), NOW)
    with storage.transaction(write=False) as transaction:
        assert transaction.pinned_key(alice.pseudonym) == alice.public_jwk


def test_a_grant_reads_as_expired_after_its_end(
    receiver: Receiver, issued: DataRequest, alice: Person
) -> None:
    receiver.receive_token(alice.token(issued, exp=NOW + DAY), NOW)
    customer = receiver.customer(alice.pseudonym, NOW + DAY)
    assert customer is not None and customer.grants[0].status == "expired"
    assert customer.active_fields() == {}


def test_token_made_by_jwcrypto_is_stored(
    receiver: Receiver, keys: BrandKeys, issued: DataRequest
) -> None:
    key = jwc_key()
    receipt = receiver.receive_token(jwc_token(key, issued, data={"shoe_size_eu": 41.5}), NOW)
    assert ack(receipt, keys)["aud"] == jwc_pseudonym(key)
    customer = receiver.customer(jwc_pseudonym(key), NOW)
    assert customer is not None
    assert customer.grants[0].fields == {"shoe_size_eu": 41.5}
    # ... and its revocation, by jwcrypto too, deletes it
    event = jwc_event(key, "grant-j")
    receipt = receiver.receive_event(event, NOW + DAY)
    assert ack(receipt, keys)["ack"] == {"jti": payload(event)["jti"], "status": "deleted"}
    customer = receiver.customer(jwc_pseudonym(key), NOW + DAY)
    assert customer is not None and customer.grants[0].status == "revoked"
    assert customer.grants[0].fields == {}


def test_bytes_are_accepted(receiver: Receiver, issued: DataRequest, alice: Person) -> None:
    receiver.receive_token(alice.token(issued).encode("ascii"), NOW)
    assert receiver.customer(alice.pseudonym, NOW) is not None


# -- versions ---------------------------------------------------------------------------


def test_the_highest_version_is_kept(
    receiver: Receiver, storage: SqliteStorage, keys: BrandKeys, issued: DataRequest,
    alice: Person,
) -> None:
    receiver.receive_token(alice.token(issued, data={"shoe_size_eu": 40}), NOW)
    receiver.receive_token(alice.token(issued, version=3, data={"shoe_size_eu": 42}), NOW + 5)
    before = snapshot(storage)["zpd_grants"]
    for late in (2, 3, 1):
        token = alice.token(issued, version=late, data={"shoe_size_eu": 30 + late}, jti=f"v{late}")
        receipt = receiver.receive_token(token, NOW + 10)
        assert ack(receipt, keys)["ack"] == {"jti": f"v{late}", "status": "stored"}
    assert snapshot(storage)["zpd_grants"] == before, "an older or equal version changes nothing"
    customer = receiver.customer(alice.pseudonym, NOW + 10)
    assert customer is not None
    (grant,) = customer.grants
    assert (grant.version, grant.fields) == (3, {"shoe_size_eu": 42})
    assert (grant.received_at, grant.updated_at) == (NOW, NOW + 5)


def test_another_pseudonym_cannot_update_a_grant(
    receiver: Receiver, storage: SqliteStorage, issued: DataRequest, alice: Person, bob: Person
) -> None:
    receiver.receive_token(alice.token(issued, data={"shoe_size_eu": 40}), NOW)
    error = refused(receiver, storage, "receive_token",
                    bob.token(issued, version=2, data={"shoe_size_eu": 47}))
    assert (error.reason, error.err) == ("not_grant_owner", "access_denied")
    assert isinstance(error, TokenRefused)


def test_a_grant_keeps_its_ask(
    receiver: Receiver, storage: SqliteStorage, issued: DataRequest, alice: Person
) -> None:
    receiver.receive_token(alice.token(issued), NOW)
    error = refused(receiver, storage, "receive_token", alice.token(
        issued, version=2, ask="newsletter", data={"preferred_name": "Al"}))
    assert error.reason == "grant_mismatch"


# -- revocation -------------------------------------------------------------------------


def test_revocation_deletes_the_data(
    receiver: Receiver, storage: SqliteStorage, keys: BrandKeys, issued: DataRequest,
    alice: Person,
) -> None:
    receiver.receive_token(alice.token(issued), NOW)
    receipt = receiver.receive_event(alice.revocation("grant-1", jti="ev-1"), NOW + DAY)
    zpd_receipt.verify(receipt, keys.public_jwks()["keys"][0], issuer=ORIGIN,
                       audience=alice.pseudonym, ack_jti="ev-1", status="deleted", now=NOW + DAY)
    assert ack(receipt, keys)["ack"] == {"jti": "ev-1", "status": "deleted"}
    customer = receiver.customer(alice.pseudonym, NOW + DAY)
    assert customer is not None
    (grant,) = customer.grants
    assert (grant.status, grant.revoked_at, grant.fields) == ("revoked", NOW + DAY, {})
    with storage.transaction(write=False) as transaction:
        row = transaction.execute("SELECT data FROM zpd_grants").fetchone()
    assert row == (None,)


def test_revoked_data_leaves_the_database_files(
    tmp_path: Path, keys: BrandKeys, request_jws: str, issued: DataRequest, alice: Person
) -> None:
    path = tmp_path / "receiver.sqlite3"
    storage = SqliteStorage(path)
    receiver = Receiver(keys, storage, ORIGIN)
    receiver.register_issued_request(request_jws, NOW)
    name = "Zanzibarina Quetzalcoatl"
    receiver.receive_token(alice.token(issued, ask="newsletter", grant_id="g-name",
                                       data={"preferred_name": name}), NOW)
    assert name.encode() in db_files(path)
    receiver.receive_event(alice.revocation("g-name"), NOW + DAY)
    assert name.encode() not in db_files(path)
    storage.close()


def test_a_revoked_grant_refuses_later_tokens(
    receiver: Receiver, storage: SqliteStorage, issued: DataRequest, alice: Person
) -> None:
    receiver.receive_token(alice.token(issued), NOW)
    receiver.receive_event(alice.revocation("grant-1"), NOW + DAY)
    error = refused(receiver, storage, "receive_token", alice.token(issued, version=2), NOW + DAY)
    assert (error.reason, error.err) == ("grant_revoked", "access_denied")


def test_revoking_twice_is_acknowledged_and_keeps_the_first_time(
    receiver: Receiver, keys: BrandKeys, issued: DataRequest, alice: Person
) -> None:
    receiver.receive_token(alice.token(issued), NOW)
    receiver.receive_event(alice.revocation("grant-1"), NOW + DAY)
    receipt = receiver.receive_event(alice.revocation("grant-1", jti="again"), NOW + 2 * DAY)
    assert ack(receipt, keys)["ack"] == {"jti": "again", "status": "deleted"}
    customer = receiver.customer(alice.pseudonym, NOW + 2 * DAY)
    assert customer is not None and customer.grants[0].revoked_at == NOW + DAY


def test_revoking_a_grant_never_received_keeps_its_token_out(
    receiver: Receiver, keys: BrandKeys, storage: SqliteStorage, issued: DataRequest,
    alice: Person,
) -> None:
    receiver.receive_token(alice.token(issued, grant_id="first"), NOW)
    event = alice.revocation("lost")
    receipt = receiver.receive_event(event, NOW + DAY)
    assert ack(receipt, keys)["ack"] == {"jti": payload(event)["jti"], "status": "deleted"}
    error = refused(receiver, storage, "receive_token", alice.token(issued, grant_id="lost"),
                    NOW + DAY)
    assert error.reason == "grant_revoked"


def test_event_from_an_unknown_issuer(
    receiver: Receiver, storage: SqliteStorage, alice: Person
) -> None:
    error = refused(receiver, storage, "receive_event", alice.revocation("grant-1"))
    assert (error.reason, error.err) == ("unknown_issuer", "invalid_issuer")
    assert isinstance(error, EventRefused)


def test_event_signed_by_another_key(
    receiver: Receiver, storage: SqliteStorage, issued: DataRequest, alice: Person, bob: Person
) -> None:
    receiver.receive_token(alice.token(issued), NOW)
    forged = alice.revocation("grant-1", signer=bob.key)
    error = refused(receiver, storage, "receive_event", forged, NOW + DAY)
    assert isinstance(error, EventInvalid)
    assert (error.reason, error.err) == ("bad_signature", "authentication_failed")


def test_event_by_another_pseudonym_for_my_grant(
    receiver: Receiver, storage: SqliteStorage, issued: DataRequest, alice: Person, bob: Person
) -> None:
    receiver.receive_token(alice.token(issued), NOW)
    receiver.receive_token(bob.token(issued, grant_id="bobs"), NOW)
    error = refused(receiver, storage, "receive_event", bob.revocation("grant-1"), NOW + DAY)
    assert (error.reason, error.err) == ("not_grant_owner", "access_denied")


def test_event_for_another_audience(
    receiver: Receiver, storage: SqliteStorage, issued: DataRequest, alice: Person
) -> None:
    receiver.receive_token(alice.token(issued), NOW)
    error = refused(receiver, storage, "receive_event",
                    alice.revocation(aud="https://boots.example"), NOW + DAY)
    assert (error.reason, error.err) == ("wrong_audience", "invalid_audience")


# -- de-duplication ---------------------------------------------------------------------


def test_the_same_token_twice_is_stored_once(
    receiver: Receiver, storage: SqliteStorage, issued: DataRequest, alice: Person
) -> None:
    token = alice.token(issued)
    first = receiver.receive_token(token, NOW)
    after_first = snapshot(storage)
    assert receiver.receive_token(token, NOW + 60) == first
    assert snapshot(storage) == after_first
    assert len(after_first["zpd_grants"]) == 1
    assert len(after_first["zpd_seen_messages"]) == 1


def test_the_same_event_twice_is_applied_once(
    receiver: Receiver, storage: SqliteStorage, issued: DataRequest, alice: Person
) -> None:
    receiver.receive_token(alice.token(issued), NOW)
    event = alice.revocation()
    first = receiver.receive_event(event, NOW + DAY)
    after_first = snapshot(storage)
    assert receiver.receive_event(event, NOW + 2 * DAY) == first
    assert snapshot(storage) == after_first


def test_a_reused_jti_with_other_content_is_refused(
    receiver: Receiver, storage: SqliteStorage, issued: DataRequest, alice: Person
) -> None:
    receiver.receive_token(alice.token(issued, jti="same"), NOW)
    error = refused(receiver, storage, "receive_token",
                    alice.token(issued, version=2, data={"shoe_size_eu": 43}, jti="same"))
    assert error.reason == "jti_reused"


# -- refusals ---------------------------------------------------------------------------


def test_tampered_token_changes_nothing(
    receiver: Receiver, storage: SqliteStorage, issued: DataRequest, alice: Person
) -> None:
    receiver.receive_token(alice.token(issued, grant_id="kept"), NOW)
    token = alice.token(issued, version=2)
    parts = token.split(".")
    ciphertext = bytearray(parts[3].encode())
    ciphertext[10] = ord("A") if ciphertext[10] != ord("A") else ord("B")
    tampered = ".".join([*parts[:3], ciphertext.decode(), parts[4]])
    error = refused(receiver, storage, "receive_token", tampered)
    assert isinstance(error, TokenInvalid)
    assert (error.reason, error.err) == ("decryption_failed", "authentication_failed")


def test_token_for_an_unknown_request(
    receiver: Receiver, storage: SqliteStorage, keys: BrandKeys, alice: Person
) -> None:
    unregistered = verify_request(sign_spec(spec(), keys, now=NOW), NOW)
    error = refused(receiver, storage, "receive_token", alice.token(unregistered))
    assert (error.reason, error.err) == ("unknown_request", "access_denied")


@pytest.mark.parametrize(
    ("options", "reason", "detail"),
    [
        ({"data": {"shoe_size_eu": 42, "preferred_name": "Al"}}, "field_not_asked",
         "data.preferred_name: ask 'fit-advice' did not list this field"),
        ({"data": {"favourite_colours": ["navy"]}}, "missing_field",
         "data.shoe_size_eu: ask 'fit-advice' requires this field"),
        ({"purpose": "https://w3id.org/dpv#Marketing"}, "wrong_purpose",
         "purpose.iri is not the purpose of ask 'fit-advice' "
         "(https://w3id.org/dpv#ServicePersonalisation)"),
        ({"ask": "loyalty"}, "unknown_ask", "request.ask: the request has no ask 'loyalty'"),
        ({"data": {"shoe_size_eu": "big"}}, "bad_value", "data.shoe_size_eu: not_a_number"),
    ],
    ids=["field-outside-ask", "missing-required", "purpose", "ask", "value"],
)
def test_token_that_does_not_fit_its_ask(
    receiver: Receiver, storage: SqliteStorage, issued: DataRequest, alice: Person,
    options: dict[str, object], reason: str, detail: str,
) -> None:
    error = refused(receiver, storage, "receive_token", alice.token(issued, **options))
    assert (error.reason, error.detail, error.err) == (reason, detail, "invalid_request")


def test_token_for_another_audience(
    receiver: Receiver, storage: SqliteStorage, issued: DataRequest, alice: Person
) -> None:
    error = refused(receiver, storage, "receive_token",
                    alice.token(issued, aud="https://boots.example"))
    assert (error.reason, error.err) == ("wrong_audience", "invalid_audience")


def test_expired_token(
    receiver: Receiver, storage: SqliteStorage, issued: DataRequest, alice: Person
) -> None:
    token = alice.token(issued, iat=NOW - 10 * DAY, exp=NOW - DAY)
    error = refused(receiver, storage, "receive_token", token)
    assert error.reason == "expired"


def test_token_encrypted_to_another_brand(
    receiver: Receiver, storage: SqliteStorage, issued: DataRequest, alice: Person
) -> None:
    other = generate_keys()
    other_request = verify_request(sign_spec(spec(), other, now=NOW), NOW)
    error = refused(receiver, storage, "receive_token", alice.token(other_request))
    assert (error.reason, error.err) == ("unknown_key", "invalid_key")


# -- issued requests --------------------------------------------------------------------


def test_registering_is_idempotent(receiver: Receiver, request_jws: str) -> None:
    receiver.register_issued_request(request_jws + "\n", NOW + 5)
    assert [r.jws for r in receiver.issued_requests()] == [request_jws]
    assert receiver.issued_requests()[0].registered_at == NOW


def test_registering_another_brands_request_is_refused(
    receiver: Receiver, keys: BrandKeys
) -> None:
    with pytest.raises(RequestInvalid) as caught:
        receiver.register_issued_request(sign_spec(spec(), generate_keys(), now=NOW))
    assert caught.value.reason == "bad_signature"
    other_origin = spec(iss="https://boots.example", endpoints={
        "grants": "https://boots.example/g", "events": "https://boots.example/e"})
    with pytest.raises(RequestInvalid) as caught:
        receiver.register_issued_request(sign_spec(other_origin, keys, now=NOW))
    assert caught.value.reason == "wrong_issuer"


def test_origin_must_be_an_origin(keys: BrandKeys) -> None:
    with pytest.raises(ValueError):
        Receiver(keys, SqliteStorage(), "https://shoes.example/zpd")
    assert Receiver(keys, SqliteStorage(), "https://SHOES.example:443/").origin == ORIGIN


def test_receipts_are_not_valid_for_another_message(
    receiver: Receiver, keys: BrandKeys, issued: DataRequest, alice: Person
) -> None:
    receipt = receiver.receive_token(alice.token(issued, jti="t-1"), NOW)
    with pytest.raises(ReceiptInvalid):
        zpd_receipt.verify(receipt, keys.public_jwks()["keys"][0], issuer=ORIGIN,
                           audience=alice.pseudonym, ack_jti="t-2", status="stored", now=NOW)
