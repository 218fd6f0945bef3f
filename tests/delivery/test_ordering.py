"""What is sent, in which order: a revocation never before its grant, a grant revoked
before it was ever sent is never sent, a newer version supersedes a queued older one."""

from __future__ import annotations

from tests.delivery.brand import LiveBrand, live_brand
from tests.delivery.conftest import Person
from vault.outbox import DeliveryStatus


def share(person: Person, brand: LiveBrand) -> str:
    person.vault.fetch_request(brand.origin)
    return person.vault.share(brand.origin, "fit-advice").grant.id


def status(person: Person, grant_id: str) -> DeliveryStatus | None:
    summary = person.vault.delivery(grant_id)
    return None if summary is None else summary.status


def test_delivered_and_confirmed(person: Person) -> None:
    with live_brand() as brand:
        grant_id = share(person, brand)
        assert status(person, grant_id) is DeliveryStatus.QUEUED
        person.vault.flush_outbox()
        assert brand.holds() == {grant_id: {"shoe_size_eu": 42, "favourite_colours": ["navy"]}}
    assert status(person, grant_id) is DeliveryStatus.CONFIRMED
    assert person.vault.outbox() == []


def test_a_grant_revoked_before_it_was_sent_is_never_sent(person: Person) -> None:
    with live_brand() as brand:
        grant_id = share(person, brand)
        person.vault.revoke(grant_id)
        report = person.vault.flush_outbox()
        assert report.attempted == 0 and brand.paths == []
    assert status(person, grant_id) is DeliveryStatus.NOT_SENT
    assert person.vault.outbox() == []


def test_a_revocation_waits_for_its_grant_then_follows_it(person: Person) -> None:
    with live_brand() as brand:
        brand.up = False
        grant_id = share(person, brand)
        person.vault.flush_outbox()  # tried once: the brand may or may not hold it
        person.vault.revoke(grant_id)
        person.clock.now += 3600
        report = person.vault.flush_outbox()
        assert report.retrying and brand.paths == []
        assert status(person, grant_id) is DeliveryStatus.REVOCATION_QUEUED
        [grant_item, revocation] = sorted(person.vault.outbox(), key=lambda i: i.kind)
        assert person.vault.is_waiting_for_grant(revocation)

        brand.up = True
        person.clock.now += 3600
        person.vault.flush_outbox()
        assert brand.paths == ["/zpd/grants", "/zpd/events"]
        assert brand.holds() == {grant_id: {}} and brand.statuses()[grant_id] == "revoked"
    assert status(person, grant_id) is DeliveryStatus.DELETION_CONFIRMED
    assert [s for _, s, _ in person.vault.receipts(grant_id)] == ["stored", "deleted"]


def test_only_the_newest_queued_version_is_sent(person: Person) -> None:
    with live_brand() as brand:
        grant_id = share(person, brand)
        person.vault.flush_outbox()
        person.vault.set("shoe_size_eu", 43)
        person.vault.set("shoe_size_eu", 44)
        person.vault.flush_outbox()
        assert brand.paths == ["/zpd/grants", "/zpd/grants"]
        assert brand.holds()[grant_id]["shoe_size_eu"] == 44
        [customer] = brand.receiver.customers()
        assert customer.grants[0].version == 3
    assert status(person, grant_id) is DeliveryStatus.CONFIRMED


def test_revoking_drops_a_queued_update_and_deletes_at_the_brand(person: Person) -> None:
    with live_brand() as brand:
        grant_id = share(person, brand)
        person.vault.flush_outbox()
        person.vault.set("shoe_size_eu", 43)
        person.vault.revoke(grant_id)
        person.vault.flush_outbox()
        assert brand.paths == ["/zpd/grants", "/zpd/events"]
        assert brand.holds() == {grant_id: {}}
    assert status(person, grant_id) is DeliveryStatus.DELETION_CONFIRMED


def test_a_grant_the_brand_refused_needs_no_revocation(person: Person) -> None:
    with live_brand() as brand:
        grant_id = share(person, brand)
        brand.receiver = _RefusingReceiver(brand.receiver)  # type: ignore[assignment]
        person.vault.flush_outbox()
        assert status(person, grant_id) is DeliveryStatus.FAILED
        person.vault.revoke(grant_id)
        assert person.vault.flush_outbox().attempted == 0
    assert status(person, grant_id) is DeliveryStatus.NOT_SENT


class _RefusingReceiver:
    def __init__(self, inner: object) -> None:
        self.inner = inner

    def receive_token(self, body: bytes) -> str:
        from zpd.errors import TokenInvalid

        raise TokenInvalid("bad_member", "we refuse everything today")
