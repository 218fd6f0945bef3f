"""Delivery against brands that are down, slow, hostile or broken.

Each fault leaves the outbox whole (the message is still there, byte for byte,
until a brand accepts it), the grant's delivery state right, and nothing sent
anywhere but the brand's own endpoint.
"""

from __future__ import annotations

import json
import socket
import ssl
import time
import uuid
from pathlib import Path

import pytest
import trustme

from tests.support.request_only import (
    Brand,
    Person,
    ShareWith,
    make_brand,
    shared_then_distrusted,
)
from tests.support.servers import Handler, Received, Server, respond, serving
from vault.exchange.delivery_summary import DeliveryStatus
from vault.exchange.outbox import DeliveryState
from vault.exchange.transport import HttpTransport
from zpd import jose, receipt, token


def only_item(person: Person) -> tuple[str, DeliveryState, int, str | None, int]:
    items = person.vault._store.query(
        "SELECT t.compact, o.state, o.attempts, o.last_error, o.next_attempt_at "
        "FROM outbox o JOIN tokens t ON t.jti = o.jti"
    )
    assert len(items) == 1
    compact, state, attempts, error, next_at = items[0]
    return str(compact), DeliveryState(state), int(attempts), error, int(next_at)


def assert_kept_for_retry(person: Person, grant_id: str, sent: str, error_part: str) -> int:
    compact, state, attempts, error, next_at = only_item(person)
    assert compact == sent, "the queued message must be kept exactly"
    assert state is DeliveryState.QUEUED and attempts == 1
    assert error is not None and error_part in error
    summary = person.vault.delivery.summary(grant_id)
    assert summary is not None and summary.status is DeliveryStatus.QUEUED
    assert person.vault.audit.verify().ok
    return next_at - person.clock.now


def stored_receipt_for(brand: Brand, body: bytes, *, signer: object = None,
                       status: str = "stored", ahead: int = 0) -> bytes:
    """A receipt for the token in `body`; `ahead`: the brand's clock is that far ahead."""
    opened = token.open_token(body.decode(), brand.encryption, brand.origin, int(time.time()))
    ack = receipt.Receipt(brand.origin, opened.claims.pseudonym, int(time.time()) + ahead,
                          str(uuid.uuid4()), opened.claims.jti, status)
    return receipt.issue(ack, signer or brand.signing).encode()  # type: ignore[arg-type]


def brand_for(server: Server) -> Brand:
    return make_brand(server.origin, server)


def test_brand_down(person: Person, share_with: ShareWith) -> None:
    with serving(lambda conn, _: None) as server:  # up for the fetch only
        grant_id = share_with(brand_for(server))
    # closed now: nothing listens there
    sent = only_item(person)[0]
    report = person.vault.delivery.flush()
    assert report.retrying and not report.delivered
    delay = assert_kept_for_retry(person, grant_id, sent, "connect")
    assert 5 <= delay <= 10  # first backoff: between half and all of 10 s


def test_server_error_is_retried_with_growing_backoff(person: Person,
                                                      share_with: ShareWith) -> None:
    with serving(lambda conn, _: respond(conn, 500, b"oops")) as server:
        grant_id = share_with(brand_for(server))
        sent = only_item(person)[0]
        person.vault.delivery.flush()
        first = assert_kept_for_retry(person, grant_id, sent, "HTTP 500")
        person.clock.now += first
        person.vault.delivery.flush()
        _, _, attempts, _, next_at = only_item(person)
        assert attempts == 2 and 10 <= next_at - person.clock.now <= 20
    assert server.received[0].body.decode() == sent


def test_429_retry_after_is_honoured(person: Person, share_with: ShareWith) -> None:
    handler = lambda conn, _: respond(conn, 429, headers={"Retry-After": "120"})  # noqa: E731
    with serving(handler) as server:
        grant_id = share_with(brand_for(server))
        sent = only_item(person)[0]
        person.vault.delivery.flush()
        assert assert_kept_for_retry(person, grant_id, sent, "HTTP 429") == 120
        person.vault.delivery.flush()  # not due yet: nothing is sent
        assert len(server.received) == 1


def silent(conn: socket.socket, _: Received) -> None:
    time.sleep(10)


def drip(conn: socket.socket, _: Received) -> None:
    for byte in b"HTTP/1.1 202 Accepted\r\nContent-Length: 100\r\n\r\n" + b"x" * 100:
        conn.sendall(bytes([byte]))
        time.sleep(0.25)


@pytest.mark.parametrize("handler", [silent, drip],
                         ids=["never-answers", "drips-a-byte-every-quarter-second"])
def test_a_server_too_slow_to_answer_is_cut_off(
    person: Person, share_with: ShareWith, handler: Handler
) -> None:
    with serving(handler) as server:
        grant_id = share_with(brand_for(server))
        sent = only_item(person)[0]
        started = time.monotonic()
        person.vault.delivery.flush()
        assert time.monotonic() - started < 6  # total limit 3 s, whatever the server does
        assert_kept_for_retry(person, grant_id, sent, "timeout")


def test_a_ten_mebibyte_answer_is_not_read(person: Person, share_with: ShareWith) -> None:
    def huge(conn: socket.socket, _: Received) -> None:
        conn.sendall(b"HTTP/1.1 202 Accepted\r\nContent-Length: 10485760\r\n\r\n")
        chunk = b"x" * 65536
        for _ in range(160):
            conn.sendall(chunk)

    with serving(huge) as server:
        grant_id = share_with(brand_for(server))
        sent = only_item(person)[0]
        person.vault.delivery.flush()
        assert_kept_for_retry(person, grant_id, sent, "too_large")


@pytest.mark.parametrize("target", ["another host", "plain http"])
def test_redirects_are_never_followed(person: Person, share_with: ShareWith, target: str) -> None:
    with serving(lambda conn, _: respond(conn, 202)) as elsewhere:
        location = (f"http://localhost:{elsewhere.port}/steal" if target == "another host"
                    else f"http://127.0.0.1:{elsewhere.port}/zpd/grants")

        def redirect(conn: socket.socket, _: Received) -> None:
            respond(conn, 307, headers={"Location": location})

        with serving(redirect) as server:
            grant_id = share_with(brand_for(server))
            sent = only_item(person)[0]
            person.vault.delivery.flush()
            assert_kept_for_retry(person, grant_id, sent, "redirect")
        assert elsewhere.connections == 0, "nothing may follow the redirect"


def test_tls_from_an_unknown_authority_is_refused(person: Person, share_with: ShareWith,
                                                  tmp_path: Path) -> None:
    # Fetched while its certificate was trusted; by the time of delivery it is not.
    with shared_then_distrusted(person, share_with, tmp_path) as (server, grant_id):
        sent = only_item(person)[0]
        person.vault.delivery.flush()
        assert_kept_for_retry(person, grant_id, sent, "tls")
        assert not [r for r in server.received if r.body], "no byte of the token may leave"


def test_tls_from_the_trusted_authority_delivers(person: Person, share_with: ShareWith,
                                                 tmp_path: Path) -> None:
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    person.vault.delivery.transport = HttpTransport(ca_bundle=str(bundle), total_timeout=3)
    brand_box: list[Brand] = []

    def accept(conn: socket.socket, received: Received) -> None:
        respond(conn, 202, stored_receipt_for(brand_box[0], received.body))

    with serving(accept, tls=context) as server:
        brand_box.append(make_brand(f"https://127.0.0.1:{server.port}", server))
        grant_id = share_with(brand_box[0])
        person.vault.delivery.flush()
    summary = person.vault.delivery.summary(grant_id)
    assert summary is not None and summary.status is DeliveryStatus.CONFIRMED


@pytest.mark.parametrize("kind", ["garbage", "signed by another key", "for another message",
                                  "signed an hour ahead"])
def test_a_bad_receipt_is_not_kept(person: Person, share_with: ShareWith, kind: str) -> None:
    brand_box: list[Brand] = []

    def accept(conn: socket.socket, received: Received) -> None:
        brand = brand_box[0]
        if kind == "garbage":
            body = b"\x00garbage{"
        elif kind == "signed by another key":
            body = stored_receipt_for(brand, received.body, signer=jose.generate_signing_key())
        elif kind == "signed an hour ahead":
            body = stored_receipt_for(brand, received.body, ahead=3600)
        else:
            ack = receipt.Receipt(brand.origin, "urn:x", int(time.time()), "j", "other", "stored")
            body = receipt.issue(ack, brand.signing).encode()
        respond(conn, 202, body, {"Content-Type": "application/jwt"})

    with serving(accept) as server:
        brand_box.append(brand_for(server))
        grant_id = share_with(brand_box[0])
        person.vault.delivery.flush()
        person.vault.delivery.flush()
        assert len(server.received) == 1, "an accepted message is not sent again"
    _, state, _, warning, _ = only_item(person)
    assert state is DeliveryState.DELIVERED and warning and "receipt rejected" in warning
    assert person.vault.delivery.receipts(grant_id) == []
    summary = person.vault.delivery.summary(grant_id)
    assert summary is not None and summary.status is DeliveryStatus.DELIVERED


@pytest.mark.parametrize("ahead", [0, 50], ids=["same clock", "brand 50 s ahead"])
def test_a_valid_receipt_is_verified_and_kept(person: Person, share_with: ShareWith,
                                              ahead: int) -> None:
    """A brand's clock may be ahead of the vault's by the 60 s allowed everywhere."""
    brand_box: list[Brand] = []

    def accept(conn: socket.socket, received: Received) -> None:
        assert received.headers["content-type"] == "application/jwt"
        respond(conn, 202, stored_receipt_for(brand_box[0], received.body, ahead=ahead))

    with serving(accept) as server:
        brand_box.append(brand_for(server))
        grant_id = share_with(brand_box[0])
        person.vault.delivery.flush()
    [(jti, status, kept)] = person.vault.delivery.receipts(grant_id)
    assert status == "stored" and kept.count(".") == 2
    summary = person.vault.delivery.summary(grant_id)
    assert summary is not None and summary.status is DeliveryStatus.CONFIRMED


def test_a_receipt_with_aud_as_an_array_of_one_and_no_jti_is_kept(
    person: Person, share_with: ShareWith
) -> None:
    """RFC 7519 lets `aud` be an array; one element means the same. `jti` is optional."""
    brand_box: list[Brand] = []

    def accept(conn: socket.socket, received: Received) -> None:
        brand = brand_box[0]
        opened = token.open_token(received.body.decode(), brand.encryption, brand.origin,
                                  int(time.time()))
        claims = {"iss": brand.origin, "aud": [opened.claims.pseudonym], "iat": int(time.time()),
                  "ack": {"jti": opened.claims.jti, "status": "stored"}}
        signed = jose.sign({"typ": receipt.RECEIPT_TYP}, claims, brand.signing)
        respond(conn, 202, signed.encode(), {"Content-Type": "application/jwt"})

    with serving(accept) as server:
        brand_box.append(brand_for(server))
        grant_id = share_with(brand_box[0])
        person.vault.delivery.flush()
    [(_, status, _)] = person.vault.delivery.receipts(grant_id)
    assert status == "stored"


def test_a_permanent_refusal_is_shown_with_the_brands_reason(person: Person,
                                                              share_with: ShareWith) -> None:
    refusal = json.dumps({"err": "invalid_request", "description": "we do not know you"})
    with serving(lambda conn, _: respond(conn, 400, refusal.encode())) as server:
        grant_id = share_with(brand_for(server))
        person.vault.delivery.flush()
        person.clock.now += 7 * 86400
        person.vault.delivery.flush()
        assert len(server.received) == 1, "a permanent refusal is not retried"
    summary = person.vault.delivery.summary(grant_id)
    assert summary is not None and summary.status is DeliveryStatus.FAILED
    assert summary.detail == "invalid_request: we do not know you"


def test_a_400_without_an_rfc8935_error_is_retried(person: Person, share_with: ShareWith) -> None:
    with serving(lambda conn, _: respond(conn, 400, b"<html>bad</html>")) as server:
        grant_id = share_with(brand_for(server))
        sent = only_item(person)[0]
        person.vault.delivery.flush()
        assert_kept_for_retry(person, grant_id, sent, "HTTP 400")
