"""The everyday flow end to end: Debian's Chromium on the sample shop of a real `zpv-brand
serve`, its Share from my vault link handed to the running app as the system would
(`main.py --open-url` in a process of its own), the review completed and shared in the
app (pytest-qt), and the shop page showing the shared value without a reload, then
"deleted" once the person revokes in the app."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from tests.support.vaults import MadeVault
from tests.ui.link_app import launch_with_link, running_app, unlock
from ui.links.back_dialog import BackToBrandDialog
from ui.review.dialog import ShareReviewDialog
from vault.exchange.grants import ShareResult

from .chromium import console_errors
from .shop_brand import shop_brand
from .test_shop_page import wait_for_text


@pytest.fixture
def runtime() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="zpv-rt-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_share_from_the_shop_page_through_the_app_and_revoke(
        browser: Any, qtbot: QtBot, made_vault: MadeVault, runtime: Path,
        tmp_path: Path) -> None:
    with made_vault.unlock() as vault:
        vault.fields.set("shoe_size_eu", 42)
    window, opener = running_app(qtbot, made_vault.directory, runtime)
    unlock(qtbot, window, made_vault.passphrase)
    with shop_brand(tmp_path) as brand:
        browser.get(brand.shop)
        link = browser.find_element("id", "share-button").get_attribute("href")
        browser.execute_script("window.sameDocument = 'still here';")

        code, stderr, seconds = launch_with_link(qtbot, runtime, link)

        assert code == 0 and seconds < 2.0, (stderr, seconds)
        qtbot.waitUntil(lambda: isinstance(opener.open_dialog, ShareReviewDialog),
                        timeout=20_000)
        review = opener.open_dialog
        assert isinstance(review, ShareReviewDialog) and review.origin == brand.origin
        share = review.findChild(QPushButton, "shareButton")
        qtbot.waitUntil(share.isEnabled, timeout=10_000)
        outcome: list[tuple[int, ShareResult | None]] = []  # read before the dialog is gone
        review.finished.connect(lambda code: outcome.append((code, review.share_result)))
        share.click()
        qtbot.waitUntil(lambda: bool(outcome), timeout=10_000)
        [(code, result)] = outcome
        assert code == QDialog.DialogCode.Accepted and result is not None
        grant_id = result.grant.id

        shown = wait_for_text(browser, "visit-status", "Thanks, we now know")
        assert shown == "Thanks, we now know your shoe size (EU): 42."
        qtbot.waitUntil(lambda: isinstance(opener.open_dialog, BackToBrandDialog),
                        timeout=10_000)
        back = opener.open_dialog
        assert isinstance(back, BackToBrandDialog)
        assert back.return_uri.startswith(brand.shop + "?")  # the visit's own page
        back.reject()  # the browser is on that page already

        revoked: list[bool] = []
        window.session.call(lambda v: v.grants.revoke(grant_id),
                            lambda _: revoked.append(True))
        qtbot.waitUntil(lambda: revoked == [True], timeout=10_000)
        window.session.deliver()
        assert "deleted" in wait_for_text(browser, "visit-status", "deleted")
        assert browser.execute_script("return window.sameDocument;") == "still here"
        assert console_errors(browser) == []
    window.lock()
