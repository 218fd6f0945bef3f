"""One delivery: two devices of a vault, both online, and the brand kit's real receiver.
Only a grant's owner issues its versions and sends its messages; the others' changes reach
the brand through it, each message once, and no version number twice."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.live_brand import LiveBrand, live_brand
from tests.sync.devices import Device, Setting, SharedClock
from tests.sync.state_of import synced_state
from vault.exchange.grants import GrantStatus
from vault.exchange.transport import HttpTransport


class Counting:
    """Every message that reached the brand, by the jti its receipt acknowledges."""

    def __init__(self, brand: LiveBrand) -> None:
        self.acked: list[str] = []
        for name in ("receive_token", "receive_event"):
            original = getattr(brand.receiver, name)

            def wrapped(body: bytes, _original=original) -> str:  # type: ignore[no-untyped-def]
                receipt: str = _original(body)
                payload = receipt.split(".")[1]
                claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
                self.acked.append(str(claims["ack"]["jti"]))
                return receipt

            setattr(brand.receiver, name, wrapped)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Setting, Device, Device]]:
    setting = Setting(tmp_path, SharedClock(int(time.time())))
    laptop = setting.first("laptop")
    laptop.vault.fields.set("shoe_size_eu", 42)
    desktop = setting.join("desktop")
    for device in (laptop, desktop):
        device.vault.delivery.transport = HttpTransport(connect_timeout=2, total_timeout=3)
    yield setting, laptop, desktop
    setting.close()


def versions_sent(device: Device, jtis: list[str]) -> list[tuple[str, int | None]]:
    with device.vault._store.reading() as connection:
        return [tuple(connection.execute(  # type: ignore[misc]
            "SELECT kind, version FROM tokens WHERE jti = ?", (jti,)).fetchone())
            for jti in jtis]


def test_each_message_reaches_the_brand_once_from_the_grant_owner(
    pair: tuple[Setting, Device, Device],
) -> None:
    setting, laptop, desktop = pair
    with live_brand() as brand:
        seen = Counting(brand)
        laptop.vault.brands.fetch(brand.origin)
        grant_id = laptop.vault.grants.share(brand.origin, "fit-advice").grant.id
        setting.settle()
        assert desktop.vault.delivery.flush().attempted == 0  # the laptop owns the grant
        assert len(laptop.vault.delivery.flush().delivered) == 1
        # An edit on the desktop: the laptop issues version 2 once it has the change.
        desktop.vault.fields.set("shoe_size_eu", 43)
        assert desktop.vault.grants.get(grant_id).version == 1
        assert desktop.vault.delivery.flush().attempted == 0
        setting.settle()
        assert laptop.vault.grants.get(grant_id).version == 2
        assert len(laptop.vault.delivery.flush().delivered) == 1
        setting.settle()
        assert desktop.vault.delivery.flush().attempted == 0
        assert brand.holds()[grant_id] == {"shoe_size_eu": 43}
        # A revocation on the desktop: the laptop sends it.
        desktop.vault.grants.revoke(grant_id)
        assert desktop.vault.delivery.flush().attempted == 0
        setting.settle()
        assert laptop.vault.grants.get(grant_id).status is GrantStatus.REVOKED
        assert len(laptop.vault.delivery.flush().delivered) == 1
        setting.settle()
        for device in (laptop, desktop):
            assert device.vault.delivery.flush().attempted == 0
            assert device.vault.delivery.waiting() == []
        assert brand.statuses()[grant_id] == "revoked"
    assert len(seen.acked) == len(set(seen.acked)) == 3
    assert versions_sent(laptop, seen.acked) == [("grant", 1), ("grant", 2), ("revocation", None)]
    assert synced_state(laptop.vault) == synced_state(desktop.vault)


def test_a_revocation_offline_beats_an_edit_on_the_other_device(
    pair: tuple[Setting, Device, Device],
) -> None:
    setting, laptop, desktop = pair
    with live_brand() as brand:
        seen = Counting(brand)
        laptop.vault.brands.fetch(brand.origin)
        grant_id = laptop.vault.grants.share(brand.origin, "fit-advice").grant.id
        laptop.vault.delivery.flush()
        setting.settle()
        # Both offline: the laptop edits (and delivers version 2), the desktop revokes.
        laptop.vault.fields.set("shoe_size_eu", 44)
        laptop.vault.delivery.flush()
        desktop.vault.grants.revoke(grant_id)
        setting.settle()
        for device in (laptop, desktop):
            grant = device.vault.grants.get(grant_id)
            assert (grant.status, grant.version) == (GrantStatus.REVOKED, 2)
        laptop.vault.delivery.flush()
        desktop.vault.delivery.flush()
        setting.settle()
        assert brand.statuses()[grant_id] == "revoked"
    assert versions_sent(laptop, seen.acked) == [("grant", 1), ("grant", 2), ("revocation", None)]
    assert synced_state(laptop.vault) == synced_state(desktop.vault)


def test_two_revocations_of_one_grant_on_two_devices_reach_the_brand_once(
    pair: tuple[Setting, Device, Device],
) -> None:
    setting, laptop, desktop = pair
    with live_brand() as brand:
        seen = Counting(brand)
        laptop.vault.brands.fetch(brand.origin)
        grant_id = laptop.vault.grants.share(brand.origin, "fit-advice").grant.id
        laptop.vault.delivery.flush()
        setting.settle()
        laptop.vault.grants.revoke(grant_id)
        desktop.vault.grants.revoke(grant_id)
        laptop.vault.delivery.flush()
        setting.settle()
        for device in (laptop, desktop):
            device.vault.delivery.flush()
        setting.settle()
        for device in (laptop, desktop):
            assert device.vault.delivery.waiting() == []
        assert brand.statuses()[grant_id] == "revoked"
    assert [kind for kind, _ in versions_sent(laptop, seen.acked)] == ["grant", "revocation"]
    assert synced_state(laptop.vault) == synced_state(desktop.vault)


def test_a_device_back_after_weeks_offline_resends_nothing(
    pair: tuple[Setting, Device, Device],
) -> None:
    setting, laptop, desktop = pair
    with live_brand() as brand:
        seen = Counting(brand)
        laptop.vault.brands.fetch(brand.origin)
        grant_id = laptop.vault.grants.share(brand.origin, "fit-advice").grant.id
        setting.settle()  # the desktop knows the grant, queued; then goes offline
        laptop.vault.delivery.flush()
        laptop.vault.fields.set("shoe_size_eu", 45)
        laptop.vault.delivery.flush()
        laptop.vault.sync.now()
        setting.clock.now += 3 * 7 * 86400 // 1000  # (the brand checks times: keep close)
        setting.everywhere()
        desktop.vault.sync.now()
        assert desktop.vault.delivery.flush().attempted == 0
        assert desktop.vault.delivery.waiting() == []
        assert brand.holds()[grant_id] == {"shoe_size_eu": 45}
    assert len(seen.acked) == 2


def paused_at_brand(brand: LiveBrand, grant_id: str) -> bool:
    return any(g.paused_at is not None for c in brand.receiver.customers() for g in c.grants
               if g.grant_id == grant_id)


def test_a_pause_and_resume_on_the_other_device_reach_the_brand_through_the_owner(
    pair: tuple[Setting, Device, Device],
) -> None:
    setting, laptop, desktop = pair
    with live_brand() as brand:
        seen = Counting(brand)
        laptop.vault.brands.fetch(brand.origin)
        grant_id = laptop.vault.grants.share(brand.origin, "fit-advice").grant.id
        laptop.vault.delivery.flush()
        setting.settle()
        # Paused on the desktop: the laptop shows it paused, and sends the pause.
        desktop.vault.grants.pause(grant_id)
        assert desktop.vault.delivery.flush().attempted == 0
        setting.settle()
        assert laptop.vault.grants.get(grant_id).state == "paused"
        assert len(laptop.vault.delivery.flush().delivered) == 1
        assert paused_at_brand(brand, grant_id)
        # Edited while paused, on either device: no version anywhere.
        desktop.vault.fields.set("shoe_size_eu", 45)
        setting.settle()
        assert laptop.vault.grants.get(grant_id).version == 1
        # Resumed on the desktop: the laptop sends the resume, then issues version 2.
        desktop.vault.grants.resume(grant_id)
        assert desktop.vault.grants.get(grant_id).version == 1
        setting.settle()
        assert laptop.vault.grants.get(grant_id).version == 2
        assert len(laptop.vault.delivery.flush().delivered) == 2
        setting.settle()
        for device in (laptop, desktop):
            assert device.vault.delivery.flush().attempted == 0
            assert device.vault.grants.get(grant_id).state == "active"
        assert not paused_at_brand(brand, grant_id)
        assert brand.holds()[grant_id] == {"shoe_size_eu": 45}
    assert versions_sent(laptop, seen.acked) == [
        ("grant", 1), ("pause", None), ("resume", None), ("grant", 2)]
    assert synced_state(laptop.vault) == synced_state(desktop.vault)
