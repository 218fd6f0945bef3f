"""The Shared page's Pause / Resume and its words for a paused grant, and where deletion
stands in each of the brand's systems, on a real vault and the brand kit's real receivers."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QPushButton, QTreeView
from pytestqt.qtbot import QtBot

from tests.delivery.downstream_brand import downstream_brand
from tests.delivery.test_downstream_receipts import LATER
from tests.support.sample_exchange import Sample
from tests.ui.exchange_session import Opened
from tests.ui.test_shared import child, open_page, sample, select, text_of, tree_rows
from ui.shared.models import GrantsModel
from vault.exchange.transport import HttpTransport

__all__ = ["sample"]  # the fixture, shared with test_shared


def paused_at_brand(sample: Sample, grant_id: str) -> bool:
    return any(g.paused_at is not None for c in sample.shoes.made.receiver.customers()
               for g in c.grants if g.grant_id == grant_id)


def test_pause_and_resume_the_chosen_grant(
    qtbot: QtBot, opened: Opened, sample: Sample
) -> None:
    page = open_page(qtbot, opened)
    qtbot.waitUntil(lambda: page.model.rowCount() == 7, timeout=10_000)
    grant_id = sample.grants["shoes_fit"]
    button = child(page, QPushButton, "pauseButton")
    assert button is page.pause_button and not button.isEnabled()  # nothing chosen
    select(page, grant_id)
    assert button.isEnabled() and button.text() == "P&ause"
    assert "Pause the chosen share" in button.accessibleName()
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus

    button.click()
    qtbot.waitUntil(lambda: text_of(page, grant_id, GrantsModel.STATUS) == "Paused",
                    timeout=10_000)
    qtbot.waitUntil(lambda: paused_at_brand(sample, grant_id), timeout=10_000)
    assert "Paused since" in page.detail.text() and "must not use it" in page.detail.text()
    assert "Shoes Example is being told not to use your data" in page.message.text()
    assert button.text() == "Res&ume" and "Resume the chosen share" in button.accessibleName()
    assert page.revoke_button.isEnabled()  # a paused grant is revoked as usual
    assert not page.qr_button.isEnabled()  # its data may not be used: not handed over either
    page.knows_button.click()
    dialog = page.knows_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10_000)
    model = child(dialog, QTreeView, "knowsTree").model()
    assert isinstance(model, QStandardItemModel)
    [state] = [r[1] for r in tree_rows(model) if r[0] == "Recommend shoes that fit you"]
    assert state.startswith("Paused since ") and state.endswith("the brand must not use it")
    dialog.reject()
    statuses = child(page, QComboBox, "grantsStatusFilter")
    statuses.setCurrentIndex(statuses.findData("paused"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.model.grant_at(0).grant.id == grant_id
    select(page, grant_id)

    button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=10_000)  # none paused now
    statuses.setCurrentIndex(0)
    qtbot.waitUntil(lambda: page.model.rowCount() == 7, timeout=10_000)
    assert text_of(page, grant_id, GrantsModel.STATUS) == "Active"
    qtbot.waitUntil(lambda: not paused_at_brand(sample, grant_id), timeout=10_000)
    select(page, grant_id)
    assert button.text() == "P&ause"
    select(page, sample.grants["shoes_news"])  # revoked: nothing to pause
    assert not button.isEnabled()


def test_the_chosen_revoked_grant_says_where_deletion_stands_in_each_system(
    qtbot: QtBot, opened: Opened, tmp_path: Path
) -> None:
    vault = opened.vault
    vault.delivery.transport = HttpTransport(connect_timeout=2, total_timeout=3)
    vault.fields.set("shoe_size_eu", 42)
    with downstream_brand(tmp_path / "brand") as brand:
        vault.brands.fetch(brand.origin)
        grant_id = vault.grants.share(brand.origin, "fit-advice").grant.id
        vault.delivery.flush()
        vault.grants.revoke(grant_id)
        vault.delivery.flush()
        brand.wait_confirmed("crm")
        opened.clock.now += LATER
        assert vault.delivery.flush().new_receipts
    page = open_page(qtbot, opened)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    select(page, grant_id)
    detail = page.detail.text()
    assert "Deletion in the brand's systems: crm: deleted on " in detail
    assert "mail: pending." in detail

    page.knows_button.click()  # and where the person asks what the brand knows
    dialog = page.knows_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10_000)
    model = child(dialog, QTreeView, "knowsTree").model()
    assert isinstance(model, QStandardItemModel)
    systems = [r[1] for r in tree_rows(model) if r[0] == "Deletion in the brand's systems"]
    assert len(systems) == 2 and systems[0].startswith("crm: deleted on ")
    assert systems[1] == "mail: pending"
