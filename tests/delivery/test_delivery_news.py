"""The news of a delivery run, as the person is told of it (ui/vault_news.py says it): a
share delivered, a revocation the brand answers "deleting, its other systems still
deleting", then, from a later poll, the deletion confirmed; a poll whose receipt still says
pending, or a run that delivers nothing, is no news. The brand kit's real receiver under
uvicorn, with its downstream systems (tests/delivery/downstream_brand.py)."""

from __future__ import annotations

from pathlib import Path

from tests.delivery.downstream_brand import downstream_brand
from tests.delivery.test_downstream_receipts import LATER
from tests.support.request_only import Person
from vault.exchange.delivery_news import DeliveryNews
from vault.exchange.outbox import DeliveryState, MessageKind


def told(news: list[DeliveryNews]) -> list[tuple[str, MessageKind, str | None, bool]]:
    assert all(item.state is DeliveryState.DELIVERED for item in news)
    return [(item.brand_name, item.kind, item.receipt_status, item.polled) for item in news]


def test_a_deletion_is_news_when_delivered_and_when_final_not_while_pending(
        person: Person, tmp_path: Path) -> None:
    vault = person.vault
    with downstream_brand(tmp_path / "brand", "Shoes Example") as brand:
        vault.brands.fetch(brand.origin)
        grant_id = vault.grants.share(brand.origin, "fit-advice").grant.id
        report = vault.delivery.flush()
        assert told(vault.delivery.news(report)) == [
            ("Shoes Example", MessageKind.GRANT, "stored", False)]
        assert vault.delivery.news(vault.delivery.flush()) == []  # nothing delivered

        vault.grants.revoke(grant_id)
        assert told(vault.delivery.news(vault.delivery.flush())) == [
            ("Shoes Example", MessageKind.REVOCATION, "deletion_pending", False)]

        brand.wait_confirmed("crm")  # a new receipt: crm deleted, mail still pending
        person.clock.now += LATER
        report = vault.delivery.flush()
        assert report.new_receipts and vault.delivery.news(report) == []

        brand.mail_acks("deleted")
        person.clock.now += LATER
        assert told(vault.delivery.news(vault.delivery.flush())) == [
            ("Shoes Example", MessageKind.REVOCATION, "deleted", True)]
