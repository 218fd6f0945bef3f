"""Per-visit share links in the brand kit: the library API, and visits kept in the receiver's
database (SQLite and PostgreSQL), each found again by the grant that names its request."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from jwcrypto import jwk as cjwk
from jwcrypto import jws as cjws

from brandkit.database import open_storage
from brandkit.keys import BrandKeys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqlStorage
from brandkit.visits import (
    DELETED,
    LINK_EXPIRED,
    PENDING,
    SHARED,
    VisitRefused,
    Visits,
    link_qr_svg,
    share_link,
    sign_visit,
    spec_of,
    state_json,
)
from tests.support.people import DAY, NOW, ORIGIN, Person, spec
from zpd.errors import RequestInvalid
from zpd.links import parse_link
from zpd.request import PER_VISIT_MAX_SECONDS, DataRequest, verify_request


@pytest.fixture(params=["sqlite", "postgresql"])
def any_storage(request: pytest.FixtureRequest) -> Iterator[SqlStorage]:
    """The receiver's storage on SQLite, then on PostgreSQL."""
    location = ":memory:" if request.param == "sqlite" else request.getfixturevalue(
        "postgres_url")
    storage = open_storage(location)
    yield storage
    storage.close()


@pytest.fixture
def desk(keys: BrandKeys, any_storage: SqlStorage, issued: DataRequest) -> Visits:
    return Visits(keys, any_storage, issued)


def opened(jws: str, now: int = NOW) -> DataRequest:
    return verify_request(jws, now)


# -- the library API -------------------------------------------------------------------


def test_a_visit_link_names_its_request_and_opens_the_ask(keys: BrandKeys) -> None:
    uri = ORIGIN + "/visits/4f1c?x=1&y=2"
    visit = sign_visit(spec(), keys, uri, ask="newsletter",
                       return_uri=ORIGIN + "/account", now=NOW)
    link = parse_link(visit.link)
    assert (link.request_uri, link.origin, link.ask) == (uri, ORIGIN, "newsletter")
    request = opened(visit.jws)
    assert request.jti == visit.jti and request.sha256 == visit.sha256
    assert request.exp - request.iat == 900 and request.iat == NOW
    assert request.return_uri == ORIGIN + "/account"
    another = sign_visit(spec(), keys, uri, now=NOW)
    assert another.jti != visit.jti and parse_link(another.link).ask is None


def test_a_visit_request_verifies_with_jwcrypto(keys: BrandKeys) -> None:
    visit = sign_visit(spec(), keys, ORIGIN + "/v/1", now=NOW, seconds=PER_VISIT_MAX_SECONDS)
    verifier = cjws.JWS()
    verifier.deserialize(visit.jws)
    verifier.verify(cjwk.JWK(**keys.public_jwks()["keys"][0]), alg="EdDSA")
    claims = json.loads(verifier.payload)
    assert claims["exp"] - claims["iat"] == PER_VISIT_MAX_SECONDS
    assert claims["jti"] == visit.jti


@pytest.mark.parametrize("seconds", [0, PER_VISIT_MAX_SECONDS + 1])
def test_a_visit_lives_at_most_an_hour(keys: BrandKeys, seconds: int) -> None:
    with pytest.raises(ValueError, match="1 to 3600 seconds"):
        sign_visit(spec(), keys, ORIGIN + "/v/1", now=NOW, seconds=seconds)


def test_an_unknown_ask_or_a_foreign_return_uri_is_refused(keys: BrandKeys) -> None:
    with pytest.raises(VisitRefused, match="none of the request's asks"):
        sign_visit(spec(), keys, ORIGIN + "/v/1", ask="no-such-ask", now=NOW)
    with pytest.raises(RequestInvalid) as refused:
        sign_visit(spec(), keys, ORIGIN + "/v/1", return_uri="https://elsewhere.example/",
                   now=NOW)
    assert refused.value.reason == "bad_return_uri"


def test_the_link_is_percent_encoded_whole() -> None:
    uri = "https://shoes.example/v?visit=a&ask=evil#x"
    link = share_link(uri, "fit advice&more")
    assert link.count("&") == 1 and "#" not in link
    assert "request_uri=https%3A%2F%2Fshoes.example%2Fv%3Fvisit%3Da%26ask%3Devil%23x" in link


def test_the_qr_code_is_an_svg_of_the_link_and_nothing_else() -> None:
    svg = link_qr_svg(share_link(ORIGIN + "/zpd/visit/abc"))
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    for active in ("<script", "style=", "<style", "href", "onload", "<?xml"):
        assert active not in svg


def test_the_spec_of_a_request_is_its_payload_without_the_filled_in_claims(
    issued: DataRequest
) -> None:
    assert spec_of(issued) == spec()


# -- visits in the receiver's database --------------------------------------------------


def test_a_visit_is_pending_until_a_grant_names_it(
    desk: Visits, keys: BrandKeys, any_storage: SqlStorage, alice: Person
) -> None:
    visit, signed = desk.start(ask="fit-advice", reference="customer-17", now=NOW)
    assert desk.request_of(visit.visit_id) == signed.jws
    assert desk.link(visit) == signed.link
    state = desk.state(visit.visit_id, NOW + 1)
    assert state is not None and state.status == PENDING and state.grant is None
    receiver = Receiver(keys, any_storage, ORIGIN)
    receiver.receive_token(alice.token(opened(signed.jws), iat=NOW + 5), NOW + 5)
    state = desk.state(visit.visit_id, NOW + 6)
    assert state is not None and state.status == SHARED
    answer = state_json(state)
    assert answer["status"] == "shared" and answer["reference"] == "customer-17"
    assert answer["grant"] == {
        "id": "grant-1", "pseudonym": alice.pseudonym, "version": 1, "status": "active",
        "data": {"shoe_size_eu": 42}, "expires_at": NOW + 5 + 90 * DAY, "revoked_at": None,
    }


def test_later_versions_and_the_revocation_keep_the_visit(
    desk: Visits, keys: BrandKeys, any_storage: SqlStorage, alice: Person
) -> None:
    visit, signed = desk.start(now=NOW)
    request = opened(signed.jws)
    receiver = Receiver(keys, any_storage, ORIGIN)
    receiver.receive_token(alice.token(request, iat=NOW), NOW)
    receiver.receive_token(alice.token(request, iat=NOW, version=2,
                                       data={"shoe_size_eu": 43}), NOW + 60)
    state = desk.state(visit.visit_id, NOW + 61)
    assert state is not None and state_json(state)["grant"]["version"] == 2
    assert state_json(state)["grant"]["data"] == {"shoe_size_eu": 43}
    receiver.receive_event(alice.grant_event("urn:zpd:event:grant-paused"), NOW + DAY)
    state = desk.state(visit.visit_id, NOW + DAY)
    assert state is not None and state_json(state)["grant"]["status"] == "paused"
    assert state_json(state)["grant"]["data"] == {}  # kept, but not to be used
    receiver.receive_event(alice.revocation(iat=NOW + DAY + 1), NOW + DAY + 1)
    state = desk.state(visit.visit_id, NOW + DAY + 2)
    assert state is not None and state.status == DELETED
    assert state_json(state)["grant"]["data"] == {}
    assert [g.status for g in receiver.grants_for_request(request.jti, NOW + DAY + 2)] == [
        "revoked"]


def test_a_visit_nobody_shared_in_expires_with_its_request(desk: Visits) -> None:
    visit, _ = desk.start(seconds=60, now=NOW)
    state = desk.state(visit.visit_id, NOW + 60)
    assert state is not None and state.status == LINK_EXPIRED
    assert desk.state("no-such-visit", NOW) is None
    assert desk.request_of("no-such-visit") is None


def test_one_visit_is_one_grant_another_visit_another(
    desk: Visits, keys: BrandKeys, any_storage: SqlStorage, alice: Person, bob: Person
) -> None:
    first, first_signed = desk.start(reference="alice-account", now=NOW)
    second, second_signed = desk.start(reference="bob-account", now=NOW)
    receiver = Receiver(keys, any_storage, ORIGIN)
    receiver.receive_token(alice.token(opened(first_signed.jws), iat=NOW), NOW)
    receiver.receive_token(bob.token(opened(second_signed.jws), iat=NOW, grant_id="grant-b",
                                     data={"shoe_size_eu": 38}), NOW)
    one, two = desk.state(first.visit_id, NOW), desk.state(second.visit_id, NOW)
    assert one is not None and one.grant is not None and one.grant.pseudonym == alice.pseudonym
    assert two is not None and two.grant is not None and two.grant.data == {"shoe_size_eu": 38}
    customer = receiver.customer(alice.pseudonym, NOW)
    assert customer is not None and customer.references == ("alice-account",)
    assert customer.to_json()["grants"][0]["reference"] == "alice-account"


@pytest.mark.parametrize("reference", ["", " ", "x" * 201, "line\nbreak", "\u202eevil"])
def test_a_reference_is_short_printable_text(desk: Visits, reference: str) -> None:
    with pytest.raises(VisitRefused, match="reference"):
        desk.start(reference=reference, now=NOW)


def test_a_refused_visit_leaves_nothing(desk: Visits, any_storage: SqlStorage) -> None:
    def count() -> tuple[int, int]:
        with any_storage.transaction(write=False) as transaction:
            return tuple(transaction.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                         for table in ("zpd_visits", "zpd_issued_requests"))  # type: ignore

    before = count()
    for bad in ({"ask": "nope"}, {"return_uri": "https://elsewhere.example/"},
                {"seconds": 3601}, {"reference": ""}):
        with pytest.raises((VisitRefused, RequestInvalid)):
            desk.start(now=NOW, **bad)  # type: ignore[arg-type]
    assert count() == before
