"""An expired request is said with the brand's name and the day it expired, on the Brands
page and in the share review (a request imported 400 days ago, valid for 365)."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.support.clock import DAY, Clock
from tests.support.in_process import in_process_brand
from tests.support.vaults import MadeVault
from ui.brands.page import BrandsPage
from ui.review.dialog import ShareReviewDialog
from ui.session import Session
from ui.words import time as time_words
from vault.exchange.brands import RequestSource
from vault.vault import Vault

ORIGIN = "https://shoes.example"


def test_the_expired_request_names_the_brand_and_the_date(
    qtbot: QtBot, made_vault: MadeVault
) -> None:
    then = int(time.time()) - 400 * DAY
    vault = Vault.unlock(made_vault.directory, made_vault.passphrase, clock=Clock(then))
    vault.fields.set("shoe_size_eu", 42)
    vault.brands.import_request(in_process_brand(ORIGIN, "Shoes Example").request(now=then),
                                RequestSource.TEXT)
    expired_on = time_words.date(vault.brands.latest_request(ORIGIN).request.exp)
    session = Session()
    session.open(vault)
    try:
        page = BrandsPage(session)
        qtbot.addWidget(page)
        page.show()
        page.reload()
        note = page.findChild(QLabel, "asksNote")
        qtbot.waitUntil(lambda: "expired" in note.text(), timeout=10_000)
        assert "Shoes Example" in note.text() and expired_on in note.text()
        assert not page.findChild(QPushButton, "reviewShareButton").isEnabled()

        review = ShareReviewDialog(session, ORIGIN, "fit-advice")
        qtbot.addWidget(review)
        review.show()
        qtbot.waitUntil(lambda: review.findChild(QWidget, "fieldsList") is not None,
                        timeout=10_000)
        blocked = review.findChild(QLabel, "shareBlockedReason")
        assert blocked.isVisible()
        assert "Shoes Example" in blocked.text() and expired_on in blocked.text()
        review.reject()
    finally:
        session.lock()
