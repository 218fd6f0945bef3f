"""The status bar counts what waits to be delivered: a share to a brand that is down shows
"1 message waiting...", a second one makes it 2, and once the brand is up and delivery
goes through the count goes away. Real vault, real threads, the brand kit's receiver in
process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.support.clock import Clock
from tests.support.in_process import BrandsInProcess, in_process_brand
from tests.support.vaults import MadeVault
from ui.main_window import MainWindow
from vault.exchange.brands import RequestSource
from vault.vault import Vault

WAIT_MS = 10_000


@pytest.fixture
def opened(qtbot: QtBot, made_vault: MadeVault) -> Iterator[tuple[MainWindow, Vault, Clock,
                                                                  BrandsInProcess]]:
    clock = Clock()
    vault = Vault.unlock(made_vault.directory, made_vault.passphrase, clock=clock)
    vault.fields.set("shoe_size_eu", 40)
    window = MainWindow(made_vault.directory)
    qtbot.addWidget(window)
    window.show()
    transport = vault.delivery.transport = BrandsInProcess(clock)
    yield window, vault, clock, transport
    window.lock()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


def test_what_waits_for_a_brand_is_counted_until_it_is_delivered(
        qtbot: QtBot, opened: tuple[MainWindow, Vault, Clock, BrandsInProcess]) -> None:
    window, vault, clock, transport = opened
    brand = transport.add(in_process_brand("https://shoes.example", "Shoes Example",
                                           down=True))
    vault.brands.import_request(brand.request(), RequestSource.TEXT)
    grant = vault.grants.share(brand.origin, "fit-advice").grant.id

    window.open_vault(vault)  # delivers at once: the brand is down

    label = window.findChild(QLabel, "deliveryWaiting")
    assert isinstance(label, QLabel)
    qtbot.waitUntil(label.isVisible, timeout=WAIT_MS)
    assert label.text() == "1 message waiting to be delivered to a brand"
    assert label.accessibleName() == "Waiting to be delivered"

    window.session.call(lambda v: v.grants.revoke(grant))  # a second message, queued
    qtbot.waitUntil(lambda: label.text().startswith("2 messages"), timeout=WAIT_MS)

    brand.down = False
    clock.advance(3600)
    window.session.deliver()
    qtbot.waitUntil(lambda: not label.isVisible(), timeout=WAIT_MS)
    assert vault.delivery.waiting() == []
