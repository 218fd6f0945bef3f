"""The status bar counts what waits to be delivered: a share to a brand that is down shows
"1 message waiting...", a second one makes it 2, and once the brand is up and delivery
goes through the count goes away. Real vault, real threads, the brand kit's receiver in
process."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.support.in_process import in_process_brand
from tests.ui.test_delivery_problem import Window, window
from vault.exchange.brands import RequestSource

__all__ = ["window"]  # the fixture, used by name: a main window and a vault on a clock
WAIT_MS = 10_000


def test_what_waits_for_a_brand_is_counted_until_it_is_delivered(
        qtbot: QtBot, window: Window) -> None:
    main, vault, clock, transport = window
    brand = transport.add(in_process_brand("https://shoes.example", "Shoes Example",
                                           down=True))
    vault.brands.import_request(brand.request(), RequestSource.TEXT)
    grant = vault.grants.share(brand.origin, "fit-advice").grant.id

    main.open_vault(vault)  # delivers at once: the brand is down

    label = main.findChild(QLabel, "deliveryWaiting")
    assert isinstance(label, QLabel)
    qtbot.waitUntil(label.isVisible, timeout=WAIT_MS)
    assert label.text() == "1 message waiting to be delivered to a brand"
    assert label.accessibleName() == "Waiting to be delivered"

    main.session.call(lambda v: v.grants.revoke(grant))  # a second message, queued
    qtbot.waitUntil(lambda: label.text().startswith("2 messages"), timeout=WAIT_MS)

    brand.down = False
    clock.advance(3600)
    main.session.deliver()
    qtbot.waitUntil(lambda: not label.isVisible(), timeout=WAIT_MS)
    assert vault.delivery.waiting() == []
