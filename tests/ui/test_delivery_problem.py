"""Delivery runs in the background every few seconds; when a run fails, or a message
fails for a reason of the app's own, the status bar says so in words until a run goes
through. Real vault, real threads, in-memory brands."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.conftest import MadeVault
from tests.ui.fake_brands import FakeTransport, make_brand
from tests.vault.exchange_helpers import Clock
from ui.main_window import MainWindow
from vault.exchange.brands import RequestSource
from vault.exchange.delivery_summary import DeliveryStatus
from vault.vault import Vault


@pytest.fixture
def window(qtbot: QtBot, made_vault: MadeVault) -> Iterator[tuple[MainWindow, Vault, Clock]]:
    clock = Clock()
    vault = Vault.unlock(made_vault.directory, made_vault.passphrase, clock=clock)
    vault.fields.set("shoe_size_eu", 40)
    window = MainWindow(made_vault.directory)
    qtbot.addWidget(window)
    window.show()
    yield window, vault, clock
    window.lock()
    QThreadPool.globalInstance().waitForDone(10_000)


def problem(window: MainWindow) -> QLabel:
    label = window.findChild(QLabel, "deliveryProblem")
    assert isinstance(label, QLabel)
    return label


def test_a_message_the_app_fails_on_is_said_and_the_other_brand_gets_its_own(
    qtbot: QtBot, window: tuple[MainWindow, Vault, Clock],
) -> None:
    main, vault, clock = window
    transport = FakeTransport()
    damaged = transport.add(make_brand("https://shoes.example", "Shoes Example"))
    other = transport.add(make_brand("https://books.example", "Books Example"))
    vault.delivery.transport = transport
    for brand in (damaged, other):
        vault.brands.import_request(brand.request(), RequestSource.TEXT)
    vault.grants.share(damaged.origin, "fit-advice")
    delivered = vault.grants.share(other.origin, "fit-advice").grant.id
    [(pinned,)] = vault._store.query("SELECT signing_jwk FROM brands WHERE origin = ?",
                                     (damaged.origin,))
    with vault._store.transaction() as connection:  # the receipt cannot be checked
        connection.execute("UPDATE brands SET signing_jwk = '{' WHERE origin = ?",
                           (damaged.origin,))

    main.open_vault(vault)  # delivers at once

    label = problem(main)
    qtbot.waitUntil(label.isVisible, timeout=10_000)
    assert label.text() == ("Some messages were not delivered because of an error in this "
                            "app. They will be tried again.")
    assert label.accessibleName() == "Delivery problem"
    summary = vault.delivery.summary(delivered)
    assert summary is not None and summary.status is DeliveryStatus.CONFIRMED

    with vault._store.transaction() as connection:
        connection.execute("UPDATE brands SET signing_jwk = ? WHERE origin = ?",
                           (pinned, damaged.origin))
    clock.advance(3600)
    main.session.deliver()
    qtbot.waitUntil(lambda: not label.isVisible(), timeout=10_000)


def test_a_delivery_run_that_fails_is_said_until_one_goes_through(
    qtbot: QtBot, window: tuple[MainWindow, Vault, Clock],
) -> None:
    main, vault, _ = window
    transport = FakeTransport()
    brand = transport.add(make_brand("https://shoes.example", "Shoes Example"))
    vault.delivery.transport = transport
    vault.brands.import_request(brand.request(), RequestSource.TEXT)
    grant_id = vault.grants.share(brand.origin, "fit-advice").grant.id
    with vault._store.reading() as connection:  # every write refused from here
        connection.execute("PRAGMA query_only = ON")

    main.open_vault(vault)

    label = problem(main)
    qtbot.waitUntil(label.isVisible, timeout=10_000)
    assert label.text() == ("Could not deliver to brands: This vault is damaged. Restore it "
                            "from a backup. Trying again every few seconds.")
    assert label.toolTip() == label.text()
    assert transport.posts == []

    with vault._store.reading() as connection:
        connection.execute("PRAGMA query_only = OFF")
    main.session.deliver()
    qtbot.waitUntil(lambda: not label.isVisible(), timeout=10_000)
    summary = vault.delivery.summary(grant_id)
    assert summary is not None and summary.status is DeliveryStatus.CONFIRMED
