"""What is sent, in which order: a revocation never before its grant, a grant revoked
before it could have reached the brand is never sent, a newer version supersedes a queued
older one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.live_brand import LiveBrand, live_brand
from tests.support.request_only import Person, ShareWith, make_brand, shared_then_distrusted
from tests.support.servers import respond, serving
from vault.exchange.delivery_summary import DeliveryStatus
from vault.exchange.outbox import DeliveryState


def share(person: Person, brand: LiveBrand) -> str:
    person.vault.brands.fetch(brand.origin)
    return person.vault.grants.share(brand.origin, "fit-advice").grant.id


def status(person: Person, grant_id: str) -> DeliveryStatus | None:
    summary = person.vault.delivery.summary(grant_id)
    return None if summary is None else summary.status


def test_delivered_and_confirmed(person: Person) -> None:
    with live_brand() as brand:
        grant_id = share(person, brand)
        assert status(person, grant_id) is DeliveryStatus.QUEUED
        person.vault.delivery.flush()
        assert brand.holds() == {grant_id: {"shoe_size_eu": 42, "favourite_colours": ["navy"]}}
    assert status(person, grant_id) is DeliveryStatus.CONFIRMED
    assert person.vault.delivery.waiting() == []


def test_a_grant_revoked_before_it_was_sent_is_never_sent(person: Person) -> None:
    with live_brand() as brand:
        grant_id = share(person, brand)
        person.vault.grants.revoke(grant_id)
        report = person.vault.delivery.flush()
        assert report.attempted == 0 and brand.paths == []
    assert status(person, grant_id) is DeliveryStatus.NOT_SENT
    assert person.vault.delivery.waiting() == []


def test_a_revocation_waits_for_its_grant_then_follows_it(person: Person) -> None:
    with live_brand() as brand:
        brand.up = False
        grant_id = share(person, brand)
        person.vault.delivery.flush()  # tried once: the brand may or may not hold it
        person.vault.grants.revoke(grant_id)
        person.clock.now += 3600
        report = person.vault.delivery.flush()
        assert report.retrying and brand.paths == []
        assert status(person, grant_id) is DeliveryStatus.REVOCATION_QUEUED
        [grant_item, revocation] = sorted(person.vault.delivery.waiting(), key=lambda i: i.kind)
        assert person.vault.delivery.is_waiting_for_grant(revocation)
        assert person.vault.delivery.queued_count() == 2

        brand.up = True
        person.clock.now += 3600
        person.vault.delivery.flush()
        assert brand.paths == ["/zpd/grants", "/zpd/events"]
        assert brand.holds() == {grant_id: {}} and brand.statuses()[grant_id] == "revoked"
    assert status(person, grant_id) is DeliveryStatus.DELETION_CONFIRMED
    assert [s for _, s, _ in person.vault.delivery.receipts(grant_id)] == ["stored", "deleted"]
    assert person.vault.delivery.queued_count() == 0


def test_only_the_newest_queued_version_is_sent(person: Person) -> None:
    with live_brand() as brand:
        grant_id = share(person, brand)
        person.vault.delivery.flush()
        person.vault.fields.set("shoe_size_eu", 43)
        person.vault.fields.set("shoe_size_eu", 44)
        person.vault.delivery.flush()
        assert brand.paths == ["/zpd/grants", "/zpd/grants"]
        assert brand.holds()[grant_id]["shoe_size_eu"] == 44
        [customer] = brand.receiver.customers()
        assert customer.grants[0].version == 3
    assert status(person, grant_id) is DeliveryStatus.CONFIRMED


def test_revoking_drops_a_queued_update_and_deletes_at_the_brand(person: Person) -> None:
    with live_brand() as brand:
        grant_id = share(person, brand)
        person.vault.delivery.flush()
        person.vault.fields.set("shoe_size_eu", 43)
        person.vault.grants.revoke(grant_id)
        person.vault.delivery.flush()
        assert brand.paths == ["/zpd/grants", "/zpd/events"]
        assert brand.holds() == {grant_id: {}}
    assert status(person, grant_id) is DeliveryStatus.DELETION_CONFIRMED


def test_a_grant_the_brand_refused_needs_no_revocation(person: Person) -> None:
    with live_brand() as brand:
        grant_id = share(person, brand)
        brand.receiver = _RefusingReceiver(brand.receiver)  # type: ignore[assignment]
        person.vault.delivery.flush()
        assert status(person, grant_id) is DeliveryStatus.FAILED
        # Refused, it waits for the person (a new version), not in the queue: not counted.
        assert [i.state for i in person.vault.delivery.waiting()] == [DeliveryState.FAILED]
        assert person.vault.delivery.queued_count() == 0
        person.vault.grants.revoke(grant_id)
        assert person.vault.delivery.flush().attempted == 0
    assert status(person, grant_id) is DeliveryStatus.NOT_SENT


class _RefusingReceiver:
    def __init__(self, inner: object) -> None:
        self.inner = inner

    def receive_token(self, body: bytes) -> str:
        from zpd.errors import TokenInvalid

        raise TokenInvalid("bad_member", "we refuse everything today")


@contextmanager
def shared_with_unreachable(kind: str, person: Person, share_with: ShareWith,
                            tmp_path: Path) -> Iterator[str]:
    """A grant for a brand whose request was fetched from its origin, and every delivery
    attempt to it fails before a connection is made; yields the grant's id."""
    if kind == "connection refused":
        with serving(lambda conn, _: respond(conn, 202)) as server:
            grant_id = share_with(make_brand(server.origin, server))
        yield grant_id  # closed now: nothing listens there
        return
    with shared_then_distrusted(person, share_with, tmp_path) as (server, grant_id):
        yield grant_id
        assert not [r for r in server.received if r.body], "no byte of a token may arrive"


@pytest.mark.parametrize("kind", ["connection refused", "TLS from an unknown authority"])
def test_a_grant_whose_attempts_all_failed_before_connecting_is_never_sent_once_revoked(
    person: Person, share_with: ShareWith, tmp_path: Path, kind: str,
) -> None:
    with shared_with_unreachable(kind, person, share_with, tmp_path) as grant_id:
        for _ in range(2):
            assert person.vault.delivery.flush().retrying
            person.vault.delivery.retry_now(grant_id)
        person.vault.grants.revoke(grant_id)
        person.clock.now += 3600
        assert person.vault.delivery.flush().attempted == 0
    assert status(person, grant_id) is DeliveryStatus.NOT_SENT
    assert person.vault.delivery.waiting() == []
    assert person.vault.audit.verify().ok


def test_a_grant_the_brand_stored_before_hanging_up_is_still_revoked_there(
    person: Person,
) -> None:
    """A connection closed without an answer is a "connect" failure too, but this one
    came after the whole token was sent: the brand may hold it, so it is told to delete."""
    with live_brand() as brand:
        brand.hang_up = True
        grant_id = share(person, brand)
        assert person.vault.delivery.flush().retrying
        assert grant_id in brand.holds()
        person.vault.grants.revoke(grant_id)
        assert status(person, grant_id) is DeliveryStatus.REVOCATION_QUEUED
        brand.hang_up = False
        person.clock.now += 3600
        person.vault.delivery.flush()
        assert brand.paths == ["/zpd/grants", "/zpd/grants", "/zpd/events"]
        assert brand.holds() == {grant_id: {}} and brand.statuses()[grant_id] == "revoked"
    assert status(person, grant_id) is DeliveryStatus.DELETION_CONFIRMED
