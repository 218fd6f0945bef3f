"""Delivery runs in the background every few seconds; when a run fails, or a message
fails for a reason of the app's own, the status bar says so in words until a run goes
through. Real vault, real threads, in-memory brands."""

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
from vault.exchange.delivery_summary import DeliveryStatus
from vault.vault import Vault

Window = tuple[MainWindow, Vault, Clock, BrandsInProcess]


@pytest.fixture
def window(qtbot: QtBot, made_vault: MadeVault) -> Iterator[Window]:
    """A main window not yet opened, and a vault on a clock, delivering to brands in
    process (none yet)."""
    clock = Clock()
    vault = Vault.unlock(made_vault.directory, made_vault.passphrase, clock=clock)
    vault.fields.set("shoe_size_eu", 40)
    window = MainWindow(made_vault.directory)
    qtbot.addWidget(window)
    window.show()
    transport = vault.delivery.transport = BrandsInProcess(clock)
    yield window, vault, clock, transport
    window.lock()
    QThreadPool.globalInstance().waitForDone(10_000)


def problem(window: MainWindow) -> QLabel:
    label = window.findChild(QLabel, "deliveryProblem")
    assert isinstance(label, QLabel)
    return label


def test_a_message_the_app_fails_on_is_said_and_the_other_brand_gets_its_own(
    qtbot: QtBot, window: Window,
) -> None:
    main, vault, clock, transport = window
    damaged = transport.add(in_process_brand("https://shoes.example", "Shoes Example"))
    other = transport.add(in_process_brand("https://books.example", "Books Example"))
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
    qtbot: QtBot, window: Window,
) -> None:
    main, vault, _, transport = window
    brand = transport.add(in_process_brand("https://shoes.example", "Shoes Example"))
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
