"""One anonymous sender cannot fill the receiver: quotas answered 429 + Retry-After, and a
page that never stalls the endpoints however large the store.

Raw HTTP (http.client, from chosen loopback source addresses) against the
receiver under uvicorn.
"""

from __future__ import annotations

import http.client
import json
import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from brandkit.issuing import sign_spec
from brandkit.keys import BrandKeys, create_keys
from brandkit.quotas import (
    GRANTS_PER_CUSTOMER,
    NEW_CUSTOMERS_PER_MINUTE,
    NewCustomerRate,
    QuotaExceeded,
    Quotas,
)
from brandkit.receiver import Receiver
from brandkit.serving import Address
from brandkit.sqlstorage import SqliteStorage
from brandkit.storage import GrantRecord, GrantState
from tests.support.people import NOW, ORIGIN, Person, spec
from zpd.request import DataRequest, verify_request

from .live import TIMEOUT, Live, live_receiver, zpv_brand_serve
from .storage_rows import snapshot


def post(
    address: Address, path: str, body: str, content_type: str, source: str = "127.0.0.1"
) -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection(
        address.host, address.port, timeout=TIMEOUT, source_address=(source, 0)
    )
    try:
        connection.request("POST", path, body=body, headers={"Content-Type": content_type})
        response = connection.getresponse()
        text = response.read().decode()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text
    finally:
        connection.close()


def post_token(live: Live, token: str, source: str = "127.0.0.1") -> tuple[int, dict[str, str]]:
    status, headers, _ = post(live.address, "/zpd/grants", token, "application/jwt", source)
    return status, headers


def over_quota(status: int, headers: dict[str, str], body: str | None = None) -> int:
    """A 429 with Retry-After in delta-seconds; returns the seconds."""
    assert status == 429
    assert headers["retry-after"].isdigit(), headers
    if body is not None:
        assert json.loads(body)["err"] == "access_denied"
    return int(headers["retry-after"])


@pytest.fixture
def quotas() -> Quotas:
    return Quotas(grants_per_customer=3, new_customers_per_minute=2)


@pytest.fixture
def live(
    keys: BrandKeys, storage: SqliteStorage, request_jws: str, quotas: Quotas
) -> Iterator[Live]:
    receiver = Receiver(keys, storage, ORIGIN, quotas=quotas)
    with live_receiver(receiver, storage, request_jws) as served:
        yield served


def now() -> int:
    return int(time.time())


def test_the_defaults_are_the_documented_ones(
    keys: BrandKeys, storage: SqliteStorage
) -> None:
    assert Receiver(keys, storage, ORIGIN).quotas == Quotas(1000, 60)
    assert (GRANTS_PER_CUSTOMER, NEW_CUSTOMERS_PER_MINUTE) == (1000, 60)


def test_a_customer_gets_no_more_grants_than_the_quota(
    live: Live, storage: SqliteStorage, issued: DataRequest, alice: Person
) -> None:
    for number in range(3):
        assert post_token(live, alice.token(issued, iat=now(), grant_id=f"g{number}"))[0] == 202
    before = snapshot(storage)
    status, headers, body = post(live.address, "/zpd/grants",
                                 alice.token(issued, iat=now(), grant_id="g3"), "application/jwt")
    assert over_quota(status, headers, body) == 3600
    assert snapshot(storage) == before, "nothing of it was kept"

    # What she already gave still changes and can still be revoked.
    assert post_token(live, alice.token(issued, iat=now(), grant_id="g0", version=2))[0] == 202
    assert live.post_event(alice.revocation("g1", iat=now())).status_code == 202
    # A revocation of a grant never received would add a tombstone: over the quota too.
    status, headers, _ = post(live.address, "/zpd/events",
                              alice.revocation("never-sent", iat=now()),
                              "application/secevent+jwt")
    over_quota(status, headers)
    customer = live.receiver.customer(alice.pseudonym)
    assert customer is not None
    assert [(g.grant_id, g.version, g.status) for g in customer.grants] == [
        ("g0", 2, "active"), ("g1", 1, "revoked"), ("g2", 1, "active"),
    ]


def test_one_address_introduces_no_more_new_customers_a_minute_than_the_quota(
    live: Live, issued: DataRequest
) -> None:
    first, second, third = Person(), Person(), Person()
    assert post_token(live, first.token(issued, iat=now(), grant_id="1"), "127.0.0.2")[0] == 202
    assert post_token(live, second.token(issued, iat=now(), grant_id="2"), "127.0.0.2")[0] == 202
    status, headers = post_token(live, third.token(issued, iat=now(), grant_id="3"), "127.0.0.2")
    assert 1 <= over_quota(status, headers) <= 60
    assert live.receiver.customer(third.pseudonym) is None

    # Customers it already introduced are not throttled; another address is not either.
    assert post_token(live, first.token(issued, iat=now(), grant_id="1b"), "127.0.0.2"
                      )[0] == 202
    assert post_token(live, third.token(issued, iat=now(), grant_id="3"), "127.0.0.3")[0] == 202
    assert post_token(live, third.token(issued, iat=now(), grant_id="3b"), "127.0.0.2"
                      )[0] == 202


def test_a_refused_token_does_not_use_up_the_rate(live: Live, issued: DataRequest) -> None:
    for _ in range(3):
        bad = Person().token(issued, iat=now(), data={"religion": "none"})
        assert post_token(live, bad, "127.0.0.4")[0] == 400
    assert post_token(live, Person().token(issued, iat=now(), grant_id="a"), "127.0.0.4"
                      )[0] == 202
    assert post_token(live, Person().token(issued, iat=now(), grant_id="b"), "127.0.0.4"
                      )[0] == 202


def test_the_rate_window_slides() -> None:
    clock = [1000.0]
    rate = NewCustomerRate(2, clock=lambda: clock[0])
    rate.admit("192.0.2.1")
    clock[0] += 20
    rate.admit("192.0.2.1")
    with pytest.raises(QuotaExceeded) as caught:
        rate.admit("192.0.2.1")
    assert caught.value.retry_after == 40  # until the first one leaves the window
    rate.admit("192.0.2.2")
    clock[0] += 40
    rate.admit("192.0.2.1")
    with pytest.raises(QuotaExceeded):
        rate.admit("2001:db8::1")
        rate.admit("2001:db8::2")
        rate.admit("2001:db8::3")  # the same /64


def test_a_customer_counted_already_is_not_counted_again() -> None:
    """A token run again (its batch failed for another token's reason) admits its new
    customer again: one customer, one place in the window."""
    rate = NewCustomerRate(2, clock=lambda: 1000.0)
    for _ in range(3):
        rate.admit("192.0.2.1", "urn:alice")
    rate.admit("192.0.2.1", "urn:bob")
    with pytest.raises(QuotaExceeded):
        rate.admit("192.0.2.1", "urn:carol")


def test_serve_takes_its_quotas_from_the_command_line(tmp_path: Path) -> None:
    keys = create_keys(tmp_path / "keys")
    jws = sign_spec(spec(), keys, now=now() - 60)
    (tmp_path / "request.jws").write_text(jws)
    issued = verify_request(jws, now())
    alice, bob = Person(), Person()
    with zpv_brand_serve("--keys", str(tmp_path / "keys"), "--request",
                         str(tmp_path / "request.jws"), "--db", str(tmp_path / "db"),
                         "--max-grants-per-customer", "1", "--new-customers-per-minute", "1",
                         directory=tmp_path) as served:

        def deliver(token: str) -> requests.Response:
            return requests.post(served.url + "zpd/grants", data=token, timeout=TIMEOUT,
                                 headers={"Content-Type": "application/jwt"})

        assert deliver(alice.token(issued, iat=now())).status_code == 202
        over_grants = deliver(alice.token(issued, iat=now(), grant_id="second"))
        assert over_grants.status_code == 429
        assert over_grants.headers["Retry-After"] == "3600"
        over_rate = deliver(bob.token(issued, iat=now(), grant_id="bob's"))
        assert over_rate.status_code == 429
        assert 1 <= int(over_rate.headers["Retry-After"]) <= 60
        served.process.terminate()
        assert served.process.wait(TIMEOUT) == 0


# -- the page over a large store ------------------------------------------------------------

BIG_CUSTOMER_GRANTS = 4000
OTHER_CUSTOMERS = 300


def fill(storage: SqliteStorage, issued: DataRequest) -> Person:
    """One pseudonym with thousands of grants, and hundreds of other customers."""
    big = Person()
    others = [Person() for _ in range(OTHER_CUSTOMERS)]

    def grant(person: Person, grant_id: str, moment: int) -> GrantRecord:
        return GrantRecord(
            grant_id=grant_id, pseudonym=person.pseudonym, version=1, status=GrantState.ACTIVE,
            received_at=moment, updated_at=moment, request_sha256=issued.sha256,
            ask_id="fit-advice", purpose_iri=issued.body.asks[0].purpose.iri,
            purpose_description="Recommend shoes that fit you", retention_days=180,
            data={"shoe_size_eu": 42, "favourite_colours": ["navy", "green"]},
            token_jti=grant_id, issued_at=moment, expires_at=NOW + 10_000 * 86400,
        )

    with storage.transaction() as transaction:
        for person in (big, *others):
            transaction.pin_key(person.pseudonym, person.public_jwk, NOW)
        for number in range(BIG_CUSTOMER_GRANTS):
            transaction.put_grant(grant(big, f"big-{number:05}", NOW + number))
        for number, person in enumerate(others):
            transaction.put_grant(grant(person, f"other-{number}", NOW + number))
    return big


@pytest.mark.slow
def test_the_endpoints_stay_responsive_while_the_page_renders_a_large_store(
    keys: BrandKeys, tmp_path: Path, request_jws: str, issued: DataRequest
) -> None:
    storage = SqliteStorage(tmp_path / "big.sqlite3")
    try:
        receiver = Receiver(keys, storage, ORIGIN)
        receiver.register_issued_request(request_jws)
        big = fill(storage, issued)
        with live_receiver(receiver, storage, request_jws) as live:
            stop = threading.Event()
            sizes: list[int] = []

            def view_the_page() -> None:
                with requests.Session() as viewer:
                    while not stop.is_set():
                        response = viewer.get(live.url("/"), timeout=60, params={
                            "token": "page-token-for-the-tests-0123456789", "values": "shown"})
                        assert response.status_code == 200
                        sizes.append(len(response.content))

            viewers = [threading.Thread(target=view_the_page) for _ in range(3)]
            for viewer in viewers:
                viewer.start()
            latencies = []
            try:
                deadline = time.monotonic() + 4
                while time.monotonic() < deadline:
                    started = time.monotonic()
                    assert live.get("/.well-known/zero-party-data").status_code == 200
                    latencies.append(time.monotonic() - started)
                    time.sleep(0.05)
                started = time.monotonic()
                new = Person().token(issued, iat=now(), grant_id="new")
                assert live.post_token(new).status_code == 202
                latencies.append(time.monotonic() - started)
            finally:
                stop.set()
                for viewer in viewers:
                    viewer.join(120)
            page = live.page(values=True).text
    finally:
        storage.close()
    assert sizes, "the page was viewed while the endpoints were asked"
    assert max(sizes) < 300_000, "a page is bounded, however much is held"
    assert max(latencies) < 1.0, (max(latencies), statistics.median(latencies))
    assert big.pseudonym in page and "3980 earlier grants not shown" in page
    assert f"Customers 1 to 20 of {OTHER_CUSTOMERS + 2}" in page
