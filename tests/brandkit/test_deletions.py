"""Deletion proved all the way down, over HTTP, on SQLite and PostgreSQL: a revocation's
receipt is `deletion_pending` until every subscriber that confirms deletion did (by a
2xx to its grant.revoked, or at the ack endpoint), then `deleted` with `downstream`; a
failure or silence past the deadline ends as `deletion_failed`. The receipts endpoint
gives the latest receipt; each one is checked with jwcrypto as well as zpd."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests

from brandkit.database import open_storage
from brandkit.dispatch import Dispatcher
from brandkit.keys import BrandKeys
from brandkit.server import SECEVENT_JWT, create_app
from brandkit.serving import Address, running
from brandkit.subscribers import NONE
from tests.support.people import ORIGIN, Person, jwc_verify
from tests.support.waiting import wait_until
from zpd import receipt as zpd_receipt

from .live import TIMEOUT
from .subscriber import subscriber_server
from .webhook_brand import Brand, sqlite_location, webhook_brand

ACK_TOKEN = "mail-ack-token-0123456789-abcdefghijkl"


@contextmanager
def served(brand: Brand) -> Iterator[Address]:
    with running(create_app(brand.receiver, brand.request.jws)) as address:
        yield address


def base(address: Address) -> str:
    return address.url.rstrip("/")


def revoke_over_http(address: Address, person: Person) -> tuple[str, str]:
    """POST a revocation; (its jti, the receipt the 202 carried)."""
    jti = str(uuid.uuid4())
    answer = requests.post(base(address) + "/zpd/events", timeout=TIMEOUT,
                           data=person.revocation(jti=jti, iat=int(time.time())),
                           headers={"Content-Type": SECEVENT_JWT})
    assert answer.status_code == 202, answer.text
    return jti, answer.text


def latest(address: Address, jti: str) -> requests.Response:
    return requests.get(f"{base(address)}/zpd/receipts/{jti}", timeout=TIMEOUT)


def read(brand: Brand, receipt: str, person: Person, jti: str) -> zpd_receipt.Receipt:
    verified = brand.verify_receipt(receipt, person, jti)
    _, claims = jwc_verify(receipt, brand.keys.public_jwks()["keys"][0])  # independently
    assert claims["ack"]["status"] == verified.status
    return verified


def ack(address: Address, event_id: str, status: str, token: str = ACK_TOKEN,
        **body: Any) -> requests.Response:
    return requests.post(f"{base(address)}/zpd/deletions/{event_id}/ack", timeout=TIMEOUT,
                         json={"status": status, **body},
                         headers={"Authorization": f"Bearer {token}"})


def systems(receipt: zpd_receipt.Receipt) -> dict[str, str]:
    return {entry.system: str(entry.status) for entry in receipt.downstream or ()}


@pytest.fixture
def crm() -> Iterator[Any]:
    with subscriber_server() as server:
        yield server


@pytest.fixture
def mail() -> Iterator[Any]:
    with subscriber_server() as server:
        server.behaviour = "accept"  # 202: it confirms later, at the ack endpoint
        yield server


def two_confirming(crm: Any, mail: Any) -> list[dict[str, Any]]:
    return [crm.config("crm", confirms_deletion=True),
            mail.config("mail", confirms_deletion=True, ack_token=ACK_TOKEN)]


def revoked_event(subscriber: Any) -> dict[str, Any]:
    wait_until(lambda: any(e["type"] == "grant.revoked" for e in subscriber.events()))
    return next(e for e in subscriber.events() if e["type"] == "grant.revoked")


def wait_confirmed(brand: Brand, subscriber: str) -> None:
    """Until the receiver recorded `subscriber`'s answer to its grant.revoked."""
    wait_until(lambda: all(d.status != "pending" for d in brand.storage.atomically(
        lambda t: t.deletions(subscriber=subscriber), write=False)))


def revoked_id(subscriber: Any) -> str:
    revoked_event(subscriber)
    return next(i for i, p in subscriber.deliveries if p["type"] == "grant.revoked")


def test_deleted_only_once_every_confirming_system_did_then_with_each_one(
    location: str, keys: BrandKeys, alice: Person, crm: Any, mail: Any
) -> None:
    crm.behaviour = "fail"  # down when the revocation comes
    with webhook_brand(location, keys, two_confirming(crm, mail)) as brand, \
            served(brand) as address:
        brand.share(alice)
        jti, first = revoke_over_http(address, alice)
        pending = read(brand, first, alice, jti)
        assert pending.status == zpd_receipt.DELETION_PENDING and not pending.final
        assert systems(pending) == {"crm": "pending", "mail": "pending"}
        assert brand.receiver.customer(alice.pseudonym).grants[0].fields == {}  # erased now

        event = revoked_event(mail)
        assert event["data"]["deletion"]["ack"].startswith(ORIGIN + "/zpd/deletions/msg_")
        assert event["data"]["deletion"]["deadline"] > time.time() + 29 * 86400
        answer = ack(address, revoked_id(mail), "deleted", note="gone from the mailing list")
        assert answer.status_code == 200
        assert answer.json()["receipt"] == "pending", "crm has not confirmed"
        still = read(brand, latest(address, jti).text, alice, jti)
        assert still.status == zpd_receipt.DELETION_PENDING
        assert systems(still) == {"crm": "pending", "mail": "deleted"}, "mail's confirmation"
        assert [e.at is not None for e in still.downstream or ()] == [False, True]

        crm.behaviour = "ok"  # its retry of grant.revoked gets a 204: confirmed
        wait_until(lambda: read(brand, latest(address, jti).text, alice, jti).final)
        final = read(brand, latest(address, jti).text, alice, jti)
        assert latest(address, jti).headers["content-type"] == "application/jwt"
    assert final.status == zpd_receipt.DELETED
    assert systems(final) == {"crm": "deleted", "mail": "deleted"}
    assert all(entry.at is not None and entry.at >= pending.iat for entry in final.downstream
               or ())
    assert "mailing list" not in str(final), "a note is the brand's, never in a receipt"


def test_a_system_that_reports_failure_ends_the_receipt_as_deletion_failed(
    location: str, keys: BrandKeys, alice: Person, crm: Any, mail: Any
) -> None:
    with webhook_brand(location, keys, two_confirming(crm, mail)) as brand, \
            served(brand) as address:
        brand.share(alice)
        jti, _ = revoke_over_http(address, alice)
        wait_confirmed(brand, "crm")  # its 204 to grant.revoked, recorded
        answer = ack(address, revoked_id(mail), "failed", note="backup tapes")
        assert answer.json() == {"event_id": revoked_id(mail), "status": "failed",
                                 "receipt": "final"}
        final = read(brand, latest(address, jti).text, alice, jti)
        conflict = ack(address, revoked_id(mail), "deleted")
        again = ack(address, revoked_id(mail), "failed")
    assert final.status == zpd_receipt.DELETION_FAILED and final.final
    assert systems(final) == {"crm": "deleted", "mail": "failed"}
    assert conflict.status_code == 409 and again.status_code == 200


def test_a_failure_while_another_system_is_pending_shows_at_once(
    location: str, keys: BrandKeys, alice: Person, crm: Any, mail: Any
) -> None:
    crm.behaviour = "fail"  # down: its grant.revoked waits for a retry
    with webhook_brand(location, keys, two_confirming(crm, mail)) as brand, \
            served(brand) as address:
        brand.share(alice)
        jti, _ = revoke_over_http(address, alice)
        answer = ack(address, revoked_id(mail), "failed", note="backup tapes")
        assert answer.json()["receipt"] == "pending", "crm has not answered"
        meanwhile = read(brand, latest(address, jti).text, alice, jti)
        crm.behaviour = "ok"  # and its grant.revoked goes again, had it run out of tries
        brand.storage.atomically(lambda t: t.retry_webhooks(
            subscriber="crm", event_ids=(), now_ms=int(time.time() * 1000)))
        brand.dispatcher.wake()
        wait_until(lambda: read(brand, latest(address, jti).text, alice, jti).final)
        final = read(brand, latest(address, jti).text, alice, jti)
    assert meanwhile.status == zpd_receipt.DELETION_PENDING and not meanwhile.final
    assert systems(meanwhile) == {"crm": "pending", "mail": "failed"}
    assert final.status == zpd_receipt.DELETION_FAILED
    assert systems(final) == {"crm": "deleted", "mail": "failed"}


def test_a_202_confirms_for_a_system_that_has_no_ack_token_to_confirm_later(
    location: str, keys: BrandKeys, alice: Person, crm: Any
) -> None:
    crm.behaviour = "accept"  # 202, as many webhook receivers answer
    with webhook_brand(location, keys, [crm.config("crm", confirms_deletion=True)]) as brand, \
            served(brand) as address:
        brand.share(alice)
        jti, _ = revoke_over_http(address, alice)
        event = revoked_event(crm)
        wait_until(lambda: read(brand, latest(address, jti).text, alice, jti).final)
        final = read(brand, latest(address, jti).text, alice, jti)
    assert final.status == zpd_receipt.DELETED and systems(final) == {"crm": "deleted"}
    assert "ack" not in event["data"]["deletion"], "no endpoint it could use"
    assert event["data"]["deletion"]["confirm"] is True


def test_silence_past_the_deadline_ends_as_deletion_failed(
    location: str, keys: BrandKeys, alice: Person, crm: Any, mail: Any
) -> None:
    with webhook_brand(location, keys, two_confirming(crm, mail), deadline=4) as brand, \
            served(brand) as address:
        brand.share(alice)
        jti, _ = revoke_over_http(address, alice)
        revoked_event(mail)
        wait_until(lambda: read(brand, latest(address, jti).text, alice, jti).final)
        final = read(brand, latest(address, jti).text, alice, jti)
        late = ack(address, revoked_id(mail), "deleted")
    assert final.status == zpd_receipt.DELETION_FAILED
    assert systems(final) == {"crm": "deleted", "mail": "failed"}
    assert late.status_code == 409, "the deadline answered first"


def test_a_confirmation_after_the_deadline_is_refused_even_before_a_sweep_saw_it(
    location: str, keys: BrandKeys, alice: Person, mail: Any
) -> None:
    config = [mail.config("mail", confirms_deletion=True, ack_token=ACK_TOKEN)]
    with webhook_brand(location, keys, config, deadline=1, start=False) as brand, \
            served(brand) as address:  # no dispatcher: nothing sweeps
        brand.share(alice)
        jti, _ = revoke_over_http(address, alice)
        [deletion] = brand.storage.atomically(lambda t: t.deletions(subscriber="mail"),
                                              write=False)
        time.sleep(max(0.0, deletion.deadline + 1 - time.time()))
        late = ack(address, deletion.event_id, "deleted")
        final = read(brand, latest(address, jti).text, alice, jti)
    assert late.status_code == 409, "the deadline answered first"
    assert final.status == zpd_receipt.DELETION_FAILED and systems(final) == {"mail": "failed"}


def test_a_receiver_now_without_subscribers_still_fails_deletions_at_their_deadline(
    location: str, keys: BrandKeys, alice: Person, mail: Any
) -> None:
    config = [mail.config("mail", confirms_deletion=True, ack_token=ACK_TOKEN)]
    with webhook_brand(location, keys, config, deadline=1, start=False) as brand, \
            served(brand) as address:
        brand.share(alice)
        jti, _ = revoke_over_http(address, alice)
        # Restarted with no webhooks file: its dispatcher has nothing to send, only sweeps.
        own = open_storage(location)
        sweeps = Dispatcher(brand.receiver, own, NONE, sweep_seconds=0.1)
        sweeps.start()
        try:
            wait_until(lambda: read(brand, latest(address, jti).text, alice, jti).final)
        finally:
            sweeps.stop()
            own.close()
        final = read(brand, latest(address, jti).text, alice, jti)
    assert final.status == zpd_receipt.DELETION_FAILED and systems(final) == {"mail": "failed"}
    assert [t for t in sweeps._threads if t.name.startswith("webhooks to")] == []


def test_with_no_confirming_system_the_receipt_is_deleted_at_once(
    tmp_path: Path, keys: BrandKeys, alice: Person, crm: Any
) -> None:
    with webhook_brand(sqlite_location(tmp_path), keys, [crm.config("analytics")]) as brand, \
            served(brand) as address:
        brand.share(alice)
        jti, first = revoke_over_http(address, alice)
        receipt = read(brand, first, alice, jti)
        acks = requests.post(f"{base(address)}/zpd/deletions/x/ack", timeout=TIMEOUT)
    assert receipt.status == zpd_receipt.DELETED and receipt.downstream is None
    assert acks.status_code in (404, 405), "no ack endpoint without a confirming system"


def test_the_ack_endpoint_refuses_what_is_not_a_confirmation_of_the_caller(
    location: str, keys: BrandKeys, alice: Person, crm: Any, mail: Any
) -> None:
    with webhook_brand(location, keys, two_confirming(crm, mail)) as brand, \
            served(brand) as address:
        brand.share(alice)
        jti, _ = revoke_over_http(address, alice)
        mine, crms = revoked_id(mail), revoked_id(crm)
        url = f"{base(address)}/zpd/deletions/{mine}/ack"
        no_token = requests.post(url, json={"status": "deleted"}, timeout=TIMEOUT)
        wrong = ack(address, mine, "deleted", token="x" * 40)
        not_mine = ack(address, crms, "deleted")
        unknown = ack(address, "msg_nothing", "deleted")
        bad = [ack(address, mine, status) for status in ("gone", "")]
        long_note = ack(address, mine, "deleted", note="n" * 501)
        unstorable = [ack(address, mine, "deleted", note=note) for note in ("a\x00", "\ud800")]
        nul_id = ack(address, "msg_%00", "deleted")
        not_json = requests.post(url, data=b"\xff{", timeout=TIMEOUT,
                                 headers={"Authorization": f"Bearer {ACK_TOKEN}"})
        huge = requests.post(url, data=b"{" + b" " * 5000 + b"}", timeout=TIMEOUT,
                             headers={"Authorization": f"Bearer {ACK_TOKEN}"})
        receipt = read(brand, latest(address, jti).text, alice, jti)
    assert no_token.status_code == 401 and no_token.headers["www-authenticate"] == "Bearer"
    assert wrong.status_code == 403
    assert not_mine.status_code == 404 and unknown.status_code == 404
    assert [answer.status_code for answer in bad] == [400, 400]
    assert long_note.status_code == 400 and not_json.status_code == 400
    assert [answer.status_code for answer in unstorable] == [400, 400]
    assert nul_id.status_code == 404
    assert huge.status_code == 400
    assert systems(receipt)["mail"] == "pending", "none of them changed anything"


def test_the_receipts_endpoint_gives_a_token_s_receipt_and_404_for_an_unknown_jti(
    location: str, keys: BrandKeys, alice: Person
) -> None:
    with webhook_brand(location, keys, []) as brand, served(brand) as address:
        token_jti = str(uuid.uuid4())
        stored = brand.share(alice, jti=token_jti)
        found = latest(address, token_jti)
        missing = [latest(address, jti) for jti in (str(uuid.uuid4()), "x%00", "%ED%A0%80")]
    assert found.status_code == 200 and found.text == stored
    assert found.headers["cache-control"] == "no-store"
    assert [answer.status_code for answer in missing] == [404, 404, 404]
    assert missing[0].json()["err"] == "not_found"
