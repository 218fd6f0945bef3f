"""The receiver over real HTTP: uvicorn on 127.0.0.1, `requests` as the vault's client."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import requests

from brandkit.errors import (
    ACCESS_DENIED,
    AUTHENTICATION_FAILED,
    INVALID_AUDIENCE,
    INVALID_ISSUER,
    INVALID_KEY,
    INVALID_REQUEST,
)
from brandkit.issuing import sign_spec
from brandkit.keys import BrandKeys
from brandkit.receiver import Receiver
from brandkit.server import MAX_BODY_BYTES, WELL_KNOWN_PATH
from brandkit.sqlstorage import SqliteStorage
from tests.support.people import NOW, ORIGIN, Person, jwc_key, jwc_pseudonym, jwc_token, spec
from zpd import receipt as zpd_receipt
from zpd.request import DataRequest, verify_request

from .live import PAGE, PAGE_TOKEN, Live, live_receiver, raw_exchange
from .storage_rows import db_files, snapshot

RFC8935_CODES = {INVALID_REQUEST, INVALID_KEY, INVALID_ISSUER, INVALID_AUDIENCE,
                 AUTHENTICATION_FAILED, ACCESS_DENIED}
MIB = 1024 * 1024


def now() -> int:
    return int(time.time())


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "receiver.sqlite3"


@pytest.fixture
def file_storage(db_path: Path) -> Iterator[SqliteStorage]:
    opened = SqliteStorage(db_path)
    yield opened
    opened.close()


@pytest.fixture
def live(keys: BrandKeys, file_storage: SqliteStorage, request_jws: str) -> Iterator[Live]:
    with live_receiver(Receiver(keys, file_storage, ORIGIN), file_storage, request_jws) as served:
        yield served


def stored_receipt(response: requests.Response, keys: BrandKeys, person: Person, jti: str,
                   status: str = "stored") -> zpd_receipt.Receipt:
    """A 202 whose body is a receipt the brand signed for this message."""
    assert response.status_code == 202, response.text
    assert response.headers["content-type"] == "application/jwt"
    return zpd_receipt.verify(response.text, keys.public_jwks()["keys"][0], issuer=ORIGIN,
                              audience=person.pseudonym, ack_jti=jti, status=status,
                              now=int(time.time()))


def rfc8935_error(response: requests.Response) -> dict[str, Any]:
    """A 400 with exactly {"err", "description"}, err one of RFC 8935's codes."""
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"err", "description"}
    assert body["err"] in RFC8935_CODES
    assert isinstance(body["description"], str) and body["description"]
    return dict(body)


def tampered(compact: str) -> str:
    """The JWE with one character of its ciphertext changed."""
    parts = compact.split(".")
    ciphertext = parts[3]
    parts[3] = ciphertext[:4] + ("A" if ciphertext[4] != "A" else "B") + ciphertext[5:]
    return ".".join(parts)


# -- the request ------------------------------------------------------------------------


def test_well_known_serves_the_request_exactly(live: Live, request_jws: str) -> None:
    response = live.get(WELL_KNOWN_PATH)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/jwt"
    assert response.text == request_jws.strip()
    assert verify_request(response.text, now()).jti == verify_request(request_jws, now()).jti


def test_create_app_registers_the_request(
    live: Live, issued: DataRequest, alice: Person, keys: BrandKeys
) -> None:
    # No register_issued_request by the test: create_app did it, so tokens naming it are taken.
    assert [r.sha256 for r in live.receiver.issued_requests()] == [issued.sha256]
    token = alice.token(issued, iat=now(), jti="first")
    stored_receipt(live.post_token(token), keys, alice, "first")


# -- share tokens -----------------------------------------------------------------------


def test_a_token_is_stored_and_gets_a_signed_receipt(
    live: Live, keys: BrandKeys, issued: DataRequest, alice: Person
) -> None:
    token = alice.token(issued, iat=now(), jti="tok-1",
                        data={"shoe_size_eu": 42, "favourite_colours": ["navy"]})
    response = live.post_token(token)
    receipt = stored_receipt(response, keys, alice, "tok-1")
    assert abs(receipt.iat - now()) < 60
    assert response.headers["cache-control"] == "no-store"
    customer = live.receiver.customer(alice.pseudonym)
    assert customer is not None
    assert customer.active_fields() == {"shoe_size_eu": 42, "favourite_colours": ["navy"]}


def test_a_token_made_by_jwcrypto_alone_is_stored(
    live: Live, keys: BrandKeys, issued: DataRequest
) -> None:
    key = jwc_key()
    response = live.post_token(jwc_token(key, issued, iat=now(), data={"shoe_size_eu": 38}))
    assert response.status_code == 202, response.text
    customer = live.receiver.customer(jwc_pseudonym(key))
    assert customer is not None and customer.active_fields() == {"shoe_size_eu": 38}


def test_the_same_token_posted_again_is_stored_once(
    live: Live, keys: BrandKeys, issued: DataRequest, alice: Person,
    file_storage: SqliteStorage,
) -> None:
    token = alice.token(issued, iat=now(), jti="again")
    first = live.post_token(token)
    stored_receipt(first, keys, alice, "again")
    after_first = snapshot(file_storage)
    second = live.post_token(token)
    assert second.status_code == 202
    assert second.text == first.text, "the first receipt, again"
    assert snapshot(file_storage) == after_first
    assert len(after_first["zpd_grants"]) == 1
    assert len(after_first["zpd_seen_messages"]) == 1


def test_the_same_token_posted_concurrently_is_stored_once(
    live: Live, keys: BrandKeys, issued: DataRequest, alice: Person,
    file_storage: SqliteStorage,
) -> None:
    token = alice.token(issued, iat=now(), jti="racing")
    start = threading.Barrier(8)

    def post(_: int) -> requests.Response:
        start.wait()
        return requests.post(live.url("/zpd/grants"), data=token, timeout=10,
                             headers={"Content-Type": "application/jwt"})

    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(post, range(8)))
    assert {r.status_code for r in responses} == {202}
    assert len({r.text for r in responses}) == 1, "every copy gets the same receipt"
    stored_receipt(responses[0], keys, alice, "racing")
    rows = snapshot(file_storage)
    assert len(rows["zpd_grants"]) == 1
    assert len(rows["zpd_seen_messages"]) == 1


def test_a_tampered_token_is_refused_and_changes_nothing(
    live: Live, issued: DataRequest, alice: Person, file_storage: SqliteStorage
) -> None:
    before = snapshot(file_storage)
    response = live.post_token(tampered(alice.token(issued, iat=now())))
    body = rfc8935_error(response)
    assert body["err"] == AUTHENTICATION_FAILED
    assert body["description"].startswith("decryption_failed")
    assert snapshot(file_storage) == before


@pytest.mark.parametrize(
    ("make", "err", "reason"),
    [
        (lambda p, r: p.token(r, iat=now(), aud="https://other.example"), INVALID_AUDIENCE,
         "wrong_audience"),
        (lambda p, r: p.token(r, iat=now(), data={"shoe_size_eu": 42, "allergies": ["nuts"]}),
         INVALID_REQUEST, "field_not_asked"),
        (lambda p, r: p.token(r, iat=now() - 200 * 86400, exp=now() - 100 * 86400),
         INVALID_REQUEST, "expired"),
        (lambda p, r: "not a token", INVALID_REQUEST, "not_compact"),
        (lambda p, r: "", INVALID_REQUEST, ""),
    ],
    ids=["audience", "unasked-field", "expired", "garbage", "empty"],
)
def test_refusals_carry_their_rfc8935_code(
    live: Live, issued: DataRequest, alice: Person, file_storage: SqliteStorage,
    make: Any, err: str, reason: str,
) -> None:
    before = snapshot(file_storage)
    body = rfc8935_error(live.post_token(make(alice, issued)))
    assert body["err"] == err
    assert body["description"].startswith(reason)
    assert snapshot(file_storage) == before


def test_a_token_for_a_request_the_brand_never_issued_is_access_denied(
    live: Live, keys: BrandKeys, alice: Person
) -> None:
    other = verify_request(sign_spec(spec(), keys, now=now()), now())  # signed, not served
    body = rfc8935_error(live.post_token(alice.token(other, iat=now())))
    assert body["err"] == ACCESS_DENIED
    assert body["description"].startswith("unknown_request")


# -- content types and sizes ------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/zpd/grants", "text/plain"),
        ("/zpd/grants", None),
        ("/zpd/grants", "application/secevent+jwt"),
        ("/zpd/grants", "application/json"),
        ("/zpd/events", "application/jwt"),
    ],
)
def test_a_wrong_content_type_is_refused_with_400(
    live: Live, issued: DataRequest, alice: Person, file_storage: SqliteStorage,
    path: str, content_type: str | None,
) -> None:
    before = snapshot(file_storage)
    message = alice.token(issued, iat=now()) if path == "/zpd/grants" else alice.revocation()
    body = rfc8935_error(live.post(path, message, content_type))
    assert body["err"] == INVALID_REQUEST
    assert body["description"].startswith("unsupported_media_type")
    expected = "application/jwt" if path == "/zpd/grants" else "application/secevent+jwt"
    assert f"send {expected}," in body["description"]
    assert snapshot(file_storage) == before


def test_content_type_parameters_and_case_are_accepted(
    live: Live, keys: BrandKeys, issued: DataRequest, alice: Person
) -> None:
    token = alice.token(issued, iat=now(), jti="with-params")
    response = live.post("/zpd/grants", token, "Application/JWT; charset=us-ascii")
    stored_receipt(response, keys, alice, "with-params")


def test_other_methods_and_paths_are_not_endpoints(live: Live) -> None:
    assert live.get("/zpd/grants").status_code == 405
    assert live.post("/zpd/other", "x", "application/jwt").status_code == 404


@pytest.mark.parametrize(("method", "path"), [
    ("POST", "/zpd/grants/"), ("POST", "/zpd/events/"),
    ("GET", WELL_KNOWN_PATH + "/"), ("GET", "/zpd/grants/"),
])
def test_a_slash_added_is_not_redirected_to_a_host_from_the_request(
    live: Live, method: str, path: str
) -> None:
    head = (f"{method} {path} HTTP/1.1\r\nHost: attacker.example\r\n"
            "Content-Type: application/jwt\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    answer, _ = raw_exchange(live.address, head.encode(), iter(()))
    status_line, _, rest = answer.partition(b"\r\n")
    assert status_line.split()[1] == b"404", answer
    assert b"attacker.example" not in answer and b"location:" not in rest.lower()


def test_a_body_declared_over_1_mib_gets_413_before_it_is_sent(live: Live) -> None:
    head = (b"POST /zpd/grants HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/jwt\r\n"
            b"Content-Length: %d\r\n\r\n" % (10 * MIB))
    started = time.monotonic()
    answer, sent = raw_exchange(live.address, head, iter([b"x" * 65536]))
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert time.monotonic() - started < 5, "answered without waiting for the 10 MiB"
    assert sent <= 65536
    assert b"connection: close" in answer.lower()
    assert json.loads(answer.split(b"\r\n\r\n", 1)[1])["description"].startswith("too_large")


def test_a_chunked_body_over_1_mib_gets_413_once_past_the_limit(live: Live) -> None:
    head = (b"POST /zpd/grants HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/jwt\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n")
    chunk = b"10000\r\n" + b"x" * 0x10000 + b"\r\n"  # 64 KiB a chunk, never a last chunk
    answer, sent = raw_exchange(live.address, head, iter([chunk] * 1024))  # up to 64 MiB
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert sent < 16 * MIB, "the server answered long before the sender stopped"


def test_a_body_that_never_finishes_arriving_gets_408(
    keys: BrandKeys, file_storage: SqliteStorage, request_jws: str
) -> None:
    receiver = Receiver(keys, file_storage, ORIGIN)
    with live_receiver(receiver, file_storage, request_jws, body_seconds=0.5) as live:
        head = (b"POST /zpd/grants HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/jwt\r\nContent-Length: 1000\r\n\r\n")
        started = time.monotonic()
        answer, _ = raw_exchange(live.address, head, iter([b"x" * 10]))  # 990 bytes never come
        assert answer.startswith(b"HTTP/1.1 408 "), answer[:200]
        assert time.monotonic() - started < 5


def test_a_body_of_1_mib_plus_one_byte_gets_413(live: Live) -> None:
    response = live.post("/zpd/grants", b"x" * (MAX_BODY_BYTES + 1), "application/jwt")
    assert response.status_code == 413


def test_a_body_of_1_mib_is_read_and_refused_by_the_receiver(live: Live) -> None:
    body = rfc8935_error(live.post("/zpd/grants", b"x" * MAX_BODY_BYTES, "application/jwt"))
    assert body["description"].startswith("too_large")


# -- revocation events ------------------------------------------------------------------


def test_an_event_deletes_the_grant_and_gets_a_deleted_receipt(
    live: Live, keys: BrandKeys, issued: DataRequest, alice: Person, db_path: Path
) -> None:
    marker = "Wilhelmina-Zebedee"
    token = alice.token(issued, ask="newsletter", iat=now(), data={"preferred_name": marker})
    assert live.post_token(token).status_code == 202
    assert marker.encode() in db_files(db_path)

    response = live.post_event(alice.revocation(jti="rev-1", iat=now()))
    stored_receipt(response, keys, alice, "rev-1", status="deleted")
    customer = live.receiver.customer(alice.pseudonym)
    assert customer is not None
    (grant,) = customer.grants
    assert (grant.status, grant.fields) == ("revoked", {})
    assert grant.revoked_at is not None and abs(grant.revoked_at - now()) < 60
    assert marker.encode() not in db_files(db_path), "erased from the files, WAL included"

    again = live.post_event(alice.revocation(jti="rev-1", iat=now()))
    assert again.status_code == 202, "a revocation delivered again is acknowledged again"


def test_an_event_from_an_unknown_issuer_is_refused(live: Live, alice: Person) -> None:
    body = rfc8935_error(live.post_event(alice.revocation(iat=now())))
    assert body["err"] == INVALID_ISSUER


def test_both_endpoints_on_one_path_are_told_apart_by_content_type(
    keys: BrandKeys, file_storage: SqliteStorage, alice: Person
) -> None:
    inbox = f"{ORIGIN}/brand/inbox"
    jws = sign_spec(spec(endpoints={"grants": inbox, "events": inbox}), keys, now=now())
    request = verify_request(jws, now())
    receiver = Receiver(keys, file_storage, ORIGIN)
    with live_receiver(receiver, file_storage, jws) as live:
        stored_receipt(live.post_token(alice.token(request, iat=now(), jti="t"), "/brand/inbox"),
                       keys, alice, "t")
        response = live.post_event(alice.revocation(jti="e", iat=now()), "/brand/inbox")
        stored_receipt(response, keys, alice, "e", status="deleted")
        assert live.post_token("x", "/zpd/grants").status_code == 404


# -- failures of the receiver's own ---------------------------------------------------------


def test_a_storage_failure_is_a_500_the_vault_retries(
    live: Live, issued: DataRequest, alice: Person, file_storage: SqliteStorage,
    caplog: pytest.LogCaptureFixture,
) -> None:
    file_storage.close()  # every transaction now fails: the receiver's trouble, not the token's
    response = live.post_token(alice.token(issued, iat=now()))
    assert response.status_code == 500
    assert "err" not in response.text
    assert any("could not be processed" in r.getMessage() and r.exc_info for r in caplog.records)


# -- the page ---------------------------------------------------------------------------

XSS_NAME = "<script>alert(1)</script>"
ATTRIBUTE_NAME = '" onmouseover="alert(1)'
XSS_GRANT = "<img src=x onerror=alert(2)>"


def test_the_page_shows_what_is_held_escaped_and_without_script(
    live: Live, issued: DataRequest, alice: Person, bob: Person
) -> None:
    assert live.post_token(alice.token(
        issued, iat=now(), ask="newsletter", grant_id=XSS_GRANT,
        data={"preferred_name": XSS_NAME, "contact_frequency": "weekly"},
    )).status_code == 202
    assert live.post_token(bob.token(
        issued, iat=now(), ask="newsletter", grant_id="bob-1",
        data={"preferred_name": ATTRIBUTE_NAME},
    )).status_code == 202
    assert live.post_token(bob.token(
        issued, iat=now(), grant_id="bob-2", data={"shoe_size_eu": 44.5},
    )).status_code == 202
    assert live.post_event(bob.revocation("bob-2", iat=now())).status_code == 202

    response = live.page(values=True)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["content-security-policy"] == (
        "default-src 'none'; style-src 'unsafe-inline'"
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    page = response.text
    assert "<script" not in page.lower()
    assert "onmouseover=\"" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot; onmouseover=&quot;alert(1)" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "<title>Shoes Example: what we hold</title>" in page
    for person in (alice, bob):
        assert person.pseudonym in page
    assert "weekly" in page and "44.5" not in page, "a revoked grant's values are gone"
    assert "data deleted" in page
    assert "Recommend shoes that fit you" in page and "newsletter" in page


def test_the_page_shows_the_most_recent_customers_first_a_page_at_a_time(
    keys: BrandKeys, file_storage: SqliteStorage, request_jws: str, issued: DataRequest
) -> None:
    receiver = Receiver(keys, file_storage, ORIGIN)
    receiver.register_issued_request(request_jws)
    people = [Person() for _ in range(5)]
    for moment, person in zip((3, 1, 4, 0, 2), people, strict=True):
        receiver.receive_token(person.token(issued, grant_id=f"g{moment}"), NOW + moment)
    settings = replace(PAGE, customers_per_page=3)
    with live_receiver(receiver, file_storage, request_jws, page=settings) as live:
        first, second = live.page().text, live.page(number=2).text
    order = [people[2], people[0], people[4]]  # changed at +4, +3, +2
    positions = [first.index(p.pseudonym) for p in order]
    assert positions == sorted(positions)
    assert people[1].pseudonym not in first and people[3].pseudonym not in first
    assert "Customers 1 to 3 of 5" in first and "Page 1 of 2" in first
    assert f"?token={PAGE_TOKEN}&amp;page=2" in first, "a link to the next page"
    assert second.index(people[1].pseudonym) < second.index(people[3].pseudonym)
    assert "Customers 4 to 5 of 5" in second and "Page 2 of 2" in second


def test_the_page_with_no_customers_says_so(live: Live) -> None:
    page = live.page().text
    assert "No customer has shared anything yet." in page


def test_the_page_is_left_out_without_its_settings(
    keys: BrandKeys, file_storage: SqliteStorage, request_jws: str
) -> None:
    receiver = Receiver(keys, file_storage, ORIGIN)
    with live_receiver(receiver, file_storage, request_jws, page=None) as live:
        assert live.page().status_code == 404
        assert live.get(WELL_KNOWN_PATH).status_code == 200
