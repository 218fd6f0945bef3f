"""Webhooks from the receiver's outbox to the brand's systems, on SQLite and PostgreSQL:
signed per Standard Webhooks (checked by the independent `standardwebhooks` package in
`subscriber.py`), in order per grant, retried, never redirected, and one subscriber's
trouble never holding up another's events."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from brandkit.database import open_storage
from brandkit.dispatch import Dispatcher, RetrySchedule
from brandkit.keys import BrandKeys
from brandkit.outbound import Outbound
from brandkit.storage import DELIVERED, FAILED, PENDING, SUPERSEDED, WebhookEvent
from brandkit.visits import Visits
from tests.support.people import Person
from tests.support.waiting import wait_until
from zpd import event as zpd_event
from zpd.request import verify_request

from .subscriber import (
    closed_port_url,
    endless_answer_server,
    garbage_server,
    subscriber_server,
)
from .webhook_brand import Brand, sqlite_location, webhook_brand


def outbox(brand: Brand, subscriber: str | None = None) -> list[WebhookEvent]:
    return brand.storage.atomically(lambda t: t.webhooks(subscriber=subscriber), write=False)


@pytest.fixture
def crm() -> Iterator[Any]:
    with subscriber_server() as server:
        yield server


def test_each_change_reaches_the_subscriber_signed_in_order_with_what_it_says(
    location: str, keys: BrandKeys, alice: Person, crm: Any
) -> None:
    start = int(time.time())  # both versions: a grant's start (nbf, from iat) never changes
    with webhook_brand(location, keys, [crm.config("crm")]) as brand:
        changes = [
            lambda: brand.share(alice, data={"shoe_size_eu": 42}, iat=start),
            lambda: brand.share(alice, data={"shoe_size_eu": 43}, version=2, iat=start),
            lambda: brand.event(alice, zpd_event.GRANT_PAUSED),
            lambda: brand.event(alice, zpd_event.GRANT_RESUMED),
            lambda: brand.revoke(alice),
        ]
        for count, change in enumerate(changes, 1):
            change()
            events = crm.wait_for(count)
    assert crm.rejected == 0, "every delivery verified with standardwebhooks"
    assert [e["type"] for e in events] == [
        "grant.stored", "grant.updated", "grant.paused", "grant.resumed", "grant.revoked"]
    for event in events:
        assert event["data"]["pseudonym"] == alice.pseudonym
        assert event["data"]["grant"]["id"] == "grant-1"
        assert event["data"]["purpose"]["iri"].startswith("https://")
        assert event["data"]["request"]["ask"] == "fit-advice"
    assert [e["data"]["grant"]["version"] for e in events] == [1, 2, 2, 2, 2]
    assert [e["data"].get("values") for e in events] == [
        {"shoe_size_eu": 42}, {"shoe_size_eu": 43}, None, {"shoe_size_eu": 43}, None]
    assert events[4]["data"]["grant"]["status"] == "revoked"
    assert len(set(crm.ids())) == 5


def test_a_grant_given_in_a_visit_carries_the_brand_s_reference_to_the_subscriber(
    location: str, keys: BrandKeys, alice: Person, bob: Person, crm: Any
) -> None:
    with webhook_brand(location, keys, [crm.config("crm")]) as brand:
        visit, signed = Visits(keys, brand.storage, brand.request).start(
            ask="fit-advice", reference="customer-17")
        now = int(time.time())
        brand.receiver.receive_token(
            alice.token(verify_request(signed.jws, now), iat=now), now)
        brand.share(bob, grant_id="grant-2")  # under the brand's standing request
        brand.revoke(alice)
        events = crm.wait_for(3)
    by_grant = {(e["type"], e["data"]["grant"]["id"]): e["data"]["request"] for e in events}
    assert by_grant[("grant.stored", "grant-1")] == {
        "jti": visit.request_jti, "ask": "fit-advice", "reference": "customer-17"}
    assert by_grant[("grant.revoked", "grant-1")]["reference"] == "customer-17"
    assert by_grant[("grant.stored", "grant-2")]["reference"] is None


def test_events_of_a_grant_paused_before_they_went_carry_no_values(
    tmp_path: Path, keys: BrandKeys, alice: Person, crm: Any
) -> None:
    with webhook_brand(sqlite_location(tmp_path), keys, [crm.config("crm")],
                       start=False) as brand:
        brand.share(alice, data={"shoe_size_eu": 42})
        brand.event(alice, zpd_event.GRANT_PAUSED)
        brand.dispatcher.start()
        events = crm.wait_for(1)
        wait_until(lambda: all(e.state != PENDING for e in outbox(brand)))
        states = {e.type: e.state for e in outbox(brand)}
    assert [e["type"] for e in events] == ["grant.paused"]
    assert states == {"grant.stored": SUPERSEDED, "grant.paused": DELIVERED}


def test_a_subscriber_sees_only_the_events_it_asked_for(
    location: str, keys: BrandKeys, alice: Person, crm: Any
) -> None:
    with webhook_brand(location, keys, [crm.config("crm", events=["grant.revoked"])]) as brand:
        brand.share(alice)
        brand.revoke(alice)
        events = crm.wait_for(1)
        time.sleep(0.3)
        assert [e.type for e in outbox(brand)] == ["grant.revoked"]
    assert [e["type"] for e in events] == ["grant.revoked"]


def test_events_stored_while_no_dispatcher_ran_go_out_when_one_starts(
    location: str, keys: BrandKeys, alice: Person, bob: Person, crm: Any
) -> None:
    with webhook_brand(location, keys, [crm.config("crm")], start=False) as brand:
        brand.share(alice)
        brand.share(bob, grant_id="grant-2")
        time.sleep(0.3)
        assert crm.ids() == []
        assert [e.state for e in outbox(brand)] == [PENDING, PENDING]
        brand.dispatcher.start()
        events = crm.wait_for(2)
    assert {e["data"]["pseudonym"] for e in events} == {alice.pseudonym, bob.pseudonym}


@pytest.mark.parametrize("behaviour", ["down", "fail", "slow", "redirect", "garbage"])
def test_a_subscriber_in_trouble_never_holds_up_another(
    location: str, keys: BrandKeys, alice: Person, bob: Person, crm: Any, behaviour: str
) -> None:
    with subscriber_server() as bad, garbage_server() as (garbage_url, connections):
        bad.behaviour = behaviour
        url = {"down": closed_port_url(), "garbage": garbage_url}.get(behaviour, bad.url)
        troubled = {**bad.config("troubled", timeout=1, concurrency=1), "url": url,
                    "secret": bad.secret}
        with webhook_brand(location, keys, [troubled, crm.config("crm")]) as brand:
            started = time.monotonic()
            brand.share(alice)
            brand.share(bob, grant_id="grant-2")
            crm.wait_for(2, timeout=5)
            elapsed = time.monotonic() - started
            wait_until(lambda: any(e.attempts for e in outbox(brand, "troubled")))
            troubled_events = outbox(brand, "troubled")
    assert elapsed < 3, "the healthy subscriber got its events at once"
    assert all(e.state in (PENDING, FAILED) for e in troubled_events)
    tried = [e for e in troubled_events if e.attempts]
    assert tried and all(e.last_error for e in tried)
    if behaviour == "redirect":
        assert tried[0].last_status == 307 and tried[0].last_error == "redirect: not followed"
    if behaviour == "fail":
        assert tried[0].last_status == 500
    if behaviour == "slow":
        assert tried[0].last_error == "timeout"
    if behaviour == "garbage":
        assert connections and tried[0].last_error == "protocol"
    if behaviour == "down":
        assert tried[0].last_error == "connect"


def test_a_failing_subscriber_gets_the_event_again_under_the_same_id(
    location: str, keys: BrandKeys, alice: Person, crm: Any
) -> None:
    crm.behaviour = "fail"
    with webhook_brand(location, keys, [crm.config("crm")]) as brand:
        brand.share(alice)
        wait_until(lambda: len(crm.deliveries) >= 2)
        crm.behaviour = "ok"
        wait_until(lambda: outbox(brand)[0].state == DELIVERED)
        event = outbox(brand)[0]
    ids = {event_id for event_id, _ in crm.deliveries}
    assert ids == {event.event_id}, "every attempt carries the event's one webhook-id"
    assert event.attempts == len(crm.deliveries) >= 3
    assert len(crm.events()) == 1, "a subscriber that de-duplicates sees it once"


def test_after_the_last_retry_the_event_is_failed_and_can_be_sent_again(
    location: str, keys: BrandKeys, alice: Person, crm: Any
) -> None:
    crm.behaviour = "fail"
    with webhook_brand(location, keys, [crm.config("crm")]) as brand:
        brand.share(alice)
        wait_until(lambda: outbox(brand)[0].state == FAILED)
        failed = outbox(brand)[0]
        assert failed.attempts == 4 and failed.last_status == 500  # the first and 3 retries
        crm.behaviour = "ok"
        time.sleep(0.3)
        assert outbox(brand)[0].state == FAILED, "a failed event waits for a retry"
        count = brand.storage.atomically(lambda t: t.retry_webhooks(
            subscriber="crm", event_ids=[], now_ms=int(time.time() * 1000)))
        brand.dispatcher.wake()
        wait_until(lambda: outbox(brand)[0].state == DELIVERED)
    assert count == 1
    assert {event_id for event_id, _ in crm.deliveries} == {failed.event_id}


def test_retry_after_is_honoured_when_longer_than_the_schedule(
    tmp_path: Path, keys: BrandKeys, alice: Person, crm: Any
) -> None:
    crm.behaviour = "retry_after"  # 503 with Retry-After: 3
    with webhook_brand(sqlite_location(tmp_path), keys, [crm.config("crm")]) as brand:
        brand.share(alice)
        wait_until(lambda: len(crm.deliveries) >= 1)
        first = time.monotonic()
        crm.behaviour = "ok"
        wait_until(lambda: outbox(brand)[0].state == DELIVERED, timeout=10)
        waited = time.monotonic() - first
    assert waited >= 2.5, "not after the schedule's 0.3 s, but after Retry-After's 3 s"


def test_a_worker_whose_lease_ran_out_mid_send_records_nothing_over_the_next_one(
    location: str, keys: BrandKeys, alice: Person, crm: Any
) -> None:
    crm.behaviour = "slow"  # the first attempt gets no answer within its second
    with webhook_brand(location, keys, [crm.config("crm", timeout=1)], start=False) as brand:
        brand.share(alice)
        [subscriber] = brand.subscribers
        with ThreadPoolExecutor(1) as pool:
            first = pool.submit(brand.dispatcher.deliver_once, subscriber,
                                Outbound(subscriber.url, timeout=1))
            wait_until(lambda: crm.arrived == 1)
            crm.behaviour = "ok"
            # The first worker's lease runs out, as it would behind a send that hung past
            # it; another worker takes the event over and delivers it.
            brand.storage.atomically(lambda t: t.execute(
                "UPDATE zpd_webhooks SET lease_until_ms = 0"))
            own = open_storage(location)
            try:
                later = Dispatcher(brand.receiver, own, brand.subscribers)
                assert later.deliver_once(subscriber, Outbound(subscriber.url, timeout=1)) == 1
            finally:
                own.close()
            assert first.result(10) == 1  # its attempt timed out, after the other's 204
        [event] = outbox(brand)
    assert (event.state, event.last_status, event.attempts) == (DELIVERED, 204, 1), \
        "the first worker's timeout did not put the delivered event back to be sent again"


def test_events_of_one_grant_never_overtake_each_other_across_retries(
    location: str, keys: BrandKeys, alice: Person, bob: Person, crm: Any
) -> None:
    patient = RetrySchedule((0.3,) * 20, jitter=0.0)
    with webhook_brand(location, keys, [crm.config("crm")], schedule=patient) as brand:
        brand.share(alice)
        crm.wait_for(1)
        crm.behaviour = "fail"
        brand.event(alice, zpd_event.GRANT_PAUSED)
        brand.event(alice, zpd_event.GRANT_RESUMED)
        wait_until(lambda: len(crm.deliveries) >= 3)
        assert {p["type"] for _, p in crm.deliveries[1:]} == {"grant.paused"}
        crm.behaviour = "ok"
        brand.share(bob, grant_id="grant-2")
        crm.wait_for(4)
    alices = [p["type"] for _, p in crm.deliveries if p["data"]["grant"]["id"] == "grant-1"]
    assert alices[-2:] == ["grant.paused", "grant.resumed"]
    assert alices.count("grant.resumed") == 1


def test_an_expired_grant_is_announced_once_without_its_values(
    location: str, keys: BrandKeys, alice: Person, crm: Any
) -> None:
    with webhook_brand(location, keys, [crm.config("crm")]) as brand:
        now = int(time.time())
        brand.share(alice, iat=now, exp=now + 2)
        events = crm.wait_for(2, timeout=30)
        time.sleep(0.5)  # several sweeps later
        expired = [e for e in outbox(brand) if e.type == "grant.expired"]
    assert [e["type"] for e in events] == ["grant.stored", "grant.expired"]
    assert len(expired) == 1, "announced once, whatever the number of sweeps"
    assert events[1]["data"]["grant"]["status"] == "expired"
    assert "values" not in events[1]["data"]


def test_an_endless_answer_is_cut_off_after_its_first_bytes(
    tmp_path: Path, keys: BrandKeys, alice: Person, crm: Any
) -> None:
    with endless_answer_server() as (url, sent):
        config = {**crm.config("crm"), "url": url}
        with webhook_brand(sqlite_location(tmp_path), keys, [config]) as brand:
            started = time.monotonic()
            brand.share(alice)
            wait_until(lambda: outbox(brand)[0].state == DELIVERED)
            elapsed = time.monotonic() - started
            wait_until(lambda: len(sent) >= 1)
    assert elapsed < 5
    assert sent[0] < 50 * 1024 * 1024, "64 KiB read, then the connection closed"
