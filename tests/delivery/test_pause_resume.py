"""Pause and resume, from the vault to the brand kit's real receiver (uvicorn on loopback)
and on to its webhook subscribers (each delivery checked with `standardwebhooks`): the
receiver answers `paused` and `resumed` in signed receipts the vault keeps, a field edited
while paused sends nothing, and the resume is followed by the next version. The pause
event the vault signed verifies with jwcrypto against the pairwise key the brand pinned."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jwcrypto import jwk as cjwk
from jwcrypto import jws as cjws

from tests.delivery.downstream_brand import DownstreamBrand, downstream_brand
from tests.delivery.test_downstream_receipts import brand_signed, status
from tests.support.request_only import Person
from tests.support.waiting import wait_until
from vault.exchange.delivery_summary import DeliveryStatus


def held(brand: DownstreamBrand, grant_id: str) -> Any:
    [grant] = [g for c in brand.receiver.customers() for g in c.grants if g.grant_id == grant_id]
    return grant


def pseudonym_of(brand: DownstreamBrand, grant_id: str) -> str:
    [found] = [c.pseudonym for c in brand.receiver.customers()
               if any(g.grant_id == grant_id for g in c.grants)]
    return found


def event_types(brand: DownstreamBrand) -> list[str]:
    return [str(e["type"]) for e in brand.crm.events()]


def test_pause_edit_resume_reach_the_brand_and_its_subscribers_in_order(
    person: Person, tmp_path: Path
) -> None:
    vault = person.vault
    with downstream_brand(tmp_path / "brand") as brand:
        vault.brands.fetch(brand.origin)
        grant_id = vault.grants.share(brand.origin, "fit-advice").grant.id
        assert vault.delivery.flush().delivered
        wait_until(lambda: event_types(brand) == ["grant.stored"])

        pause = vault.grants.pause(grant_id)
        # Until the brand confirms the pause, the grant's delivery is not "confirmed".
        assert status(person, grant_id) is DeliveryStatus.QUEUED
        report = vault.delivery.flush()
        assert report.delivered == [pause.jti]
        assert status(person, grant_id) is DeliveryStatus.CONFIRMED
        assert held(brand, grant_id).paused_at is not None
        wait_until(lambda: event_types(brand) == ["grant.stored", "grant.paused"])
        # The event as the brand received it, checked by jwcrypto alone with the key the
        # brand pinned for this person (the pairwise key of the first grant).
        pseudonym = pseudonym_of(brand, grant_id)
        pinned = brand.storage.atomically(lambda t: t.pinned_key(pseudonym), write=False)
        checked = cjws.JWS()
        checked.deserialize(pause.compact)
        checked.verify(cjwk.JWK(**pinned), alg="EdDSA")
        claims = json.loads(checked.payload)
        assert claims["events"] == {"urn:zpd:event:grant-paused": {"grant": grant_id}}
        assert checked.jose_header["typ"] == "secevent+jwt"

        vault.fields.set("shoe_size_eu", 44)  # while paused: nothing is sent
        assert vault.delivery.flush().attempted == 0
        assert held(brand, grant_id).version == 1

        resumed = vault.grants.resume(grant_id)
        assert resumed.version is not None
        report = vault.delivery.flush()
        assert report.delivered == [resumed.event.jti, resumed.version.jti]
        grant = held(brand, grant_id)
        assert grant.paused_at is None and grant.version == 2
        assert grant.fields == {"shoe_size_eu": 44, "favourite_colours": ["navy"]}
        wait_until(lambda: event_types(brand) == [
            "grant.stored", "grant.paused", "grant.resumed", "grant.updated"])
        updated = brand.crm.events()[-1]
        assert updated["data"]["values"]["shoe_size_eu"] == 44

    kept = vault.delivery.receipts(grant_id)
    assert [s for _, s, _ in kept] == ["stored", "paused", "resumed", "stored"]
    signed = [brand_signed(jws, brand) for _, _, jws in kept]
    assert [c["ack"]["status"] for c in signed] == ["stored", "paused", "resumed", "stored"]
    assert [c["ack"]["jti"] for c in signed] == [jti for jti, _, _ in kept]
    actions = [e.action for e in reversed(vault.audit.entries(limit=100))]
    assert actions.index("grant.paused") < actions.index("delivery.pause_delivered") < (
        actions.index("grant.resumed")) < actions.index("delivery.resume_delivered")


def test_a_pause_before_the_first_delivery_follows_the_version_it_pauses(
    person: Person, tmp_path: Path
) -> None:
    vault = person.vault
    with downstream_brand(tmp_path / "brand") as brand:
        vault.brands.fetch(brand.origin)
        shared = vault.grants.share(brand.origin, "fit-advice")
        grant_id = shared.grant.id
        pause = vault.grants.pause(grant_id)  # nothing delivered yet
        [waiting] = [i for i in vault.delivery.waiting() if i.jti == pause.jti]
        assert vault.delivery.is_waiting_for_grant(waiting)
        vault.fields.set("shoe_size_eu", 45)
        resumed = vault.grants.resume(grant_id)
        assert resumed.version is not None
        report = vault.delivery.flush()
        # Version 1 is not superseded: the brand must hold the grant it is told to pause.
        assert report.delivered == [shared.token.jti, pause.jti, resumed.event.jti,
                                    resumed.version.jti]
        grant = held(brand, grant_id)
        assert grant.paused_at is None and grant.version == 2
        assert grant.fields["shoe_size_eu"] == 45
    assert [s for _, s, _ in vault.delivery.receipts(grant_id)] == [
        "stored", "paused", "resumed", "stored"]
