"""The Shared page and the "what does this brand know" dialog, on a real vault."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QPushButton, QTableView, QTreeView
from pytestqt.qtbot import QtBot

from tests.support.clock import DAY
from tests.support.in_process import in_process_brand
from tests.support.sample_exchange import TRICKY_NAME, Sample, build_sample
from tests.ui.exchange_session import Answer, Opened, SeenBox, answer_next_box, cell
from ui import session as session_module
from ui.shared import page as shared_module
from ui.shared.models import GrantsModel
from ui.shared.page import SharedPage
from ui.words.exchange import delivery_words
from vault.changes import Changes
from vault.exchange.brands import RequestSource
from vault.exchange.delivery_summary import DeliveryStatus, DeliverySummary
from vault.exchange.grants import GrantStatus
from zpd.text import reveal

Column = GrantsModel


def child(widget: Any, kind: type, name: str) -> Any:
    found = widget.findChild(kind, name)
    assert found is not None, name
    return found


def open_page(qtbot: QtBot, opened: Opened) -> SharedPage:
    page = SharedPage(opened.session)
    qtbot.addWidget(page)
    page.resize(790, 590)
    page.show()
    opened.session.open(opened.vault)
    return page


def row_of(page: SharedPage, grant_id: str) -> int:
    return page.model.find(grant_id)


def text_of(page: SharedPage, grant_id: str, column: int) -> str:
    row = row_of(page, grant_id)
    assert row >= 0, grant_id
    return str(cell(page.model, row, column))


def select(page: SharedPage, grant_id: str) -> None:
    page.table.selectRow(row_of(page, grant_id))
    assert page.selected() is not None and page.selected().grant.id == grant_id


@pytest.fixture
def sample(opened: Opened) -> Sample:
    sample = build_sample(opened.vault, opened.clock)
    opened.transport.brands.update(sample.transport.brands)
    opened.vault.delivery.transport = opened.transport
    return sample


def test_every_grant_with_its_state_in_words(
    qtbot: QtBot, opened: Opened, sample: Sample
) -> None:
    page = open_page(qtbot, opened)
    table = child(page, QTableView, "grantsTable")
    assert table.model() is page.model
    qtbot.waitUntil(lambda: page.model.rowCount() == 7, timeout=10_000)
    grants = sample.grants
    assert text_of(page, grants["shoes_fit"], Column.DELIVERY) == "Confirmed by the brand"
    assert text_of(page, grants["shoes_news"], Column.DELIVERY) == "Deletion confirmed"
    assert text_of(page, grants["books_news"], Column.DELIVERY) == "Never sent"
    assert text_of(page, grants["cafe_news"], Column.DELIVERY) == "Revocation waiting"
    assert (text_of(page, grants["books_fit"], Column.DELIVERY)
            == "Refused: access_denied: unknown_request: request.sha256 names no request this "
            "brand issued")
    assert text_of(page, grants["cafe_menu"], Column.DELIVERY).startswith("Queued")
    assert text_of(page, grants["cafe_expired"], Column.DELIVERY).startswith(
        "Queued, will retry: could not reach the brand")
    assert text_of(page, grants["cafe_expired"], Column.STATUS) == "Expired"
    assert text_of(page, grants["shoes_news"], Column.STATUS) == "Revoked"
    assert text_of(page, grants["shoes_fit"], Column.STATUS) == "Active"
    assert text_of(page, grants["shoes_fit"], Column.BRAND) == "Shoes Example"
    assert text_of(page, grants["shoes_fit"], Column.PURPOSE) == "Recommend shoes that fit you"
    assert (text_of(page, grants["shoes_fit"], Column.FIELDS)
            == "Shoe size (EU), Favourite colours, My style")
    assert (text_of(page, grants["shoes_fit"], Column.OFFER)
            == "Discount: 10% off your next order")
    assert text_of(page, grants["shoes_fit"], Column.UNTIL)  # a date, in the locale's words
    # A revoked share ended early: said so, not passed off as when it was to end.
    assert text_of(page, grants["shoes_news"], Column.UNTIL).startswith("ended\n")
    assert not text_of(page, grants["cafe_expired"], Column.UNTIL).startswith("ended")

    # Retry is offered only where something waits.
    select(page, grants["shoes_fit"])
    assert not page.retry_button.isEnabled() and page.revoke_button.isEnabled()
    select(page, grants["cafe_menu"])
    assert page.retry_button.isEnabled()
    select(page, grants["shoes_news"])
    assert not page.revoke_button.isEnabled()


def test_filters_by_brand_and_status(qtbot: QtBot, opened: Opened, sample: Sample) -> None:
    page = open_page(qtbot, opened)
    qtbot.waitUntil(lambda: page.model.rowCount() == 7, timeout=10_000)
    brands = child(page, QComboBox, "grantsBrandFilter")
    statuses = child(page, QComboBox, "grantsStatusFilter")
    assert brands.count() == 4  # all, and three brands
    brands.setCurrentIndex(brands.findData(sample.shoes.origin))
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    statuses.setCurrentIndex(statuses.findData(GrantStatus.ACTIVE.value))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.model.grant_at(0).grant.id == sample.grants["shoes_fit"]
    assert page.knows_button.isEnabled()  # the brand filter names a brand
    brands.setCurrentIndex(0)
    statuses.setCurrentIndex(statuses.findData(GrantStatus.EXPIRED.value))
    expired = sample.grants["cafe_expired"]
    qtbot.waitUntil(lambda: [r.grant.id for r in page.model.rows] == [expired], timeout=10_000)
    brands.setCurrentIndex(brands.findData(sample.books.origin))
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=10_000)
    empty = child(page, QLabel, "grantsEmpty")
    assert empty.isVisible() and "No share matches" in empty.text()


def test_revoke_asks_first_and_declining_changes_nothing(qtbot: QtBot, opened: Opened) -> None:
    brand = opened.transport.add(in_process_brand("https://shoes.example", "Shoes Example"))
    opened.vault.brands.import_request(brand.request(), RequestSource.TEXT)
    opened.vault.fields.set("shoe_size_eu", 40)
    grant = opened.vault.grants.share(brand.origin, "fit-advice").grant
    page = open_page(qtbot, opened)
    qtbot.waitUntil(lambda: text_of_or_none(page, grant.id) == "Confirmed by the brand",
                    timeout=10_000)
    select(page, grant.id)

    # The real box: default No, plain text, names the brand and the fields; answered No.
    seen = SeenBox()
    answer_next_box(QMessageBox.ButtonRole.NoRole, seen)
    child(page, QPushButton, "revokeButton").click()
    assert seen.default_role == QMessageBox.ButtonRole.NoRole
    assert "Shoes Example" in seen.text and "Shoe size (EU)" in seen.details
    assert set(seen.formats) == {Qt.TextFormat.PlainText}
    assert opened.vault.grants.find(grant.id).status is GrantStatus.ACTIVE

    page.confirm = no = Answer(False)
    child(page, QPushButton, "revokeButton").click()
    assert len(no.asked) == 1
    assert opened.vault.grants.find(grant.id).status is GrantStatus.ACTIVE

    page.confirm = yes = Answer(True)
    child(page, QPushButton, "revokeButton").click()
    qtbot.waitUntil(
        lambda: opened.vault.grants.find(grant.id).status is GrantStatus.REVOKED, timeout=10_000)
    assert yes.asked[0][3] == "Revoke"
    # The revocation is delivered in the background and the brand's receipt shows, live.
    qtbot.waitUntil(lambda: text_of_or_none(page, grant.id) == "Deletion confirmed",
                    timeout=10_000)
    assert text_of(page, grant.id, Column.STATUS) == "Revoked"
    assert "told to delete" in child(page, QLabel, "sharedMessage").text()


def test_a_grant_that_ends_while_the_app_runs_shows_expired_by_itself(
    qtbot: QtBot, opened: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading never expires a grant: the session does, on its timer, and the page
    refreshes from what that changed, with nobody touching anything."""
    monkeypatch.setattr(session_module, "EXPIRY_INTERVAL_MS", 50)
    brand = opened.transport.add(in_process_brand("https://shoes.example", "Shoes Example"))
    opened.vault.brands.import_request(brand.request(), RequestSource.TEXT)
    opened.vault.fields.set("shoe_size_eu", 40)
    grant = opened.vault.grants.share(brand.origin, "fit-advice", days=1).grant
    page = open_page(qtbot, opened)
    qtbot.waitUntil(lambda: text_of_or_none(page, grant.id) == "Confirmed by the brand",
                    timeout=10_000)
    assert text_of(page, grant.id, Column.STATUS) == "Active"

    opened.clock.advance(DAY)  # the grant's last second has passed
    qtbot.waitUntil(lambda: text_of(page, grant.id, Column.STATUS) == "Expired", timeout=10_000)
    [entry] = opened.vault.audit.entries(action_prefix="grant.expired")
    assert entry.details == {"grant": grant.id}


def text_of_or_none(page: SharedPage, grant_id: str) -> str | None:
    row = row_of(page, grant_id)
    return None if row < 0 else str(cell(page.model, row, Column.DELIVERY))


def test_retry_now_delivers_and_the_state_updates_live(qtbot: QtBot, opened: Opened) -> None:
    brand = opened.transport.add(
        in_process_brand("https://shoes.example", "Shoes Example", down=True))
    opened.vault.brands.import_request(brand.request(), RequestSource.TEXT)
    opened.vault.fields.set("shoe_size_eu", 40)
    grant = opened.vault.grants.share(brand.origin, "fit-advice").grant
    page = open_page(qtbot, opened)
    qtbot.waitUntil(
        lambda: (text_of_or_none(page, grant.id) or "").startswith("Queued, will retry"),
        timeout=10_000)
    select(page, grant.id)
    retry = child(page, QPushButton, "retryButton")
    assert retry.isEnabled()
    brand.down = False  # the brand is back
    retry.click()
    qtbot.waitUntil(lambda: text_of_or_none(page, grant.id) == "Confirmed by the brand",
                    timeout=10_000)
    assert not retry.isEnabled()
    assert page.selected() is not None and page.selected().grant.id == grant.id


def test_knows_dialog_shows_values_and_proof(qtbot: QtBot, opened: Opened, sample: Sample) -> None:
    page = open_page(qtbot, opened)
    qtbot.waitUntil(lambda: page.model.rowCount() == 7, timeout=10_000)
    select(page, sample.grants["shoes_fit"])
    child(page, QPushButton, "knowsButton").click()
    dialog = page.knows_dialog
    assert dialog is not None and dialog.objectName() == "knowsDialog"
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10_000)
    tree = child(dialog, QTreeView, "knowsTree")
    model = tree.model()
    assert isinstance(model, QStandardItemModel)
    rows = tree_rows(model)
    assert rows[0][0] == "Recommend shoes that fit you"  # live grants first
    assert rows[0][1].startswith("Active until ")
    values = dict(r for r in rows if r[0] in ("Shoe size (EU)", "Favourite colours"))
    assert values == {"Shoe size (EU)": "38.5", "Favourite colours": "navy, green"}
    proofs = [r[1] for r in rows if r[0] == "Proof"]
    assert "Signed receipt: the brand stored it" in proofs
    assert "Signed receipt: the brand deleted it" in proofs  # the revoked newsletter grant
    assert any(r[1].startswith("Revoked on") for r in rows)
    summary = child(dialog, QLabel, "knowsSummary").text()
    assert "3 of your values through 1 active share" in summary
    assert not any("dpv:" in text for row in rows for text in row)  # plain words on screen
    purposes = [model.item(top, 0).child(sub, 1) for top in range(model.rowCount())
                for sub in range(model.item(top, 0).rowCount())
                if model.item(top, 0).child(sub, 0).text() == "Purpose"]
    assert purposes and all("(dpv:" in p.toolTip() for p in purposes)  # the term, on demand

    opened.session.lock()  # what the brand holds is not left on screen
    assert not dialog.isVisible() and page.knows_dialog is None


def tree_rows(model: QStandardItemModel) -> list[tuple[str, str]]:
    """(what, value) of every row, grants first then their children, in order."""
    rows = []
    for top in range(model.rowCount()):
        rows.append((model.item(top, 0).text(), model.item(top, 1).text()))
        item = model.item(top, 0)
        for sub in range(item.rowCount()):
            rows.append((item.child(sub, 0).text(), item.child(sub, 1).text()))
    return rows


def test_tricky_brand_name_is_literal_in_table_filter_detail_and_dialogs(
    qtbot: QtBot, opened: Opened, sample: Sample
) -> None:
    shown = reveal(TRICKY_NAME)
    page = open_page(qtbot, opened)
    qtbot.waitUntil(lambda: page.model.rowCount() == 7, timeout=10_000)
    grant_id = sample.grants["cafe_menu"]
    assert text_of(page, grant_id, Column.BRAND) == shown
    tip = cell(page.model, row_of(page, grant_id), Column.BRAND, Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;HTML&lt;/b&gt;" in tip and "\u202e" not in tip and "\u200b" not in tip
    brands = child(page, QComboBox, "grantsBrandFilter")
    assert brands.itemText(brands.findData(sample.cafe.origin)) == shown

    select(page, grant_id)
    detail = child(page, QLabel, "grantDetail")
    assert detail.text().startswith(shown + ":")
    assert detail.textFormat() == Qt.TextFormat.PlainText

    page.confirm = no = Answer(False)
    page.revoke_button.click()
    [(_, question, details, _)] = no.asked
    assert shown in question and "\u202e" not in question + details

    page.knows_button.click()
    dialog = page.knows_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10_000)
    assert dialog.windowTitle() == f"What {shown} knows about you"
    name = child(dialog, QLabel, "knowsBrandName")
    assert name.text() == shown and name.textFormat() == Qt.TextFormat.PlainText
    for label in dialog.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
        assert "\u202e" not in label.text()


def test_long_lists_are_paged(
    qtbot: QtBot, opened: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shared_module, "PAGE_SIZE", 2)
    brand = opened.transport.add(in_process_brand("https://shoes.example", "Shoes Example"))
    opened.vault.brands.import_request(brand.request(), RequestSource.TEXT)
    opened.vault.fields.set("shoe_size_eu", 40)
    opened.vault.fields.set("contact_channels", ["email"])
    for ask in ("fit-advice", "newsletter", "fit-advice"):
        opened.vault.grants.share(brand.origin, ask)
    page = SharedPage(opened.session)
    qtbot.addWidget(page)
    page.show()
    # The first page holds two; the view, with room to spare, asks for the next from row 2.
    with qtbot.waitSignal(page.model.more_wanted, timeout=10_000) as more:
        opened.session.open(opened.vault)
    assert more.args == [2]
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)
    assert not page.model.canFetchMore(page.model.index(-1, -1))
    # A refresh keeps every row already shown: it asks for as many as are loaded.
    with qtbot.waitSignal(page.model.dataChanged, timeout=10_000):
        opened.session.changed.emit(Changes.GRANTS)
    assert page.model.rowCount() == 3


def test_controls_have_names_and_lock_clears(qtbot: QtBot, opened: Opened, sample: Sample) -> None:
    page = open_page(qtbot, opened)
    qtbot.waitUntil(lambda: page.model.rowCount() == 7, timeout=10_000)
    for kind, name in ((QTableView, "grantsTable"), (QComboBox, "grantsBrandFilter"),
                       (QComboBox, "grantsStatusFilter"), (QPushButton, "revokeButton"),
                       (QPushButton, "retryButton"), (QPushButton, "knowsButton")):
        widget = child(page, kind, name)
        assert widget.accessibleName(), name
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, name
    opened.session.lock()
    assert page.model.rowCount() == 0
    assert child(page, QComboBox, "grantsBrandFilter").count() == 1


def test_a_refused_address_is_said_in_words() -> None:
    """What the vault's transport stored for a brand whose address it will not go to; where
    it led stays in the vault's record (the transport's own English), not on screen."""
    detail = "refused_address: shop.corp is fd00::2, on the local network"
    assert delivery_words(DeliverySummary(DeliveryStatus.QUEUED, detail, 3)) == (
        "Queued, will retry: the vault does not go where the brand's address leads: this "
        "computer only as localhost or 127.0.0.1 and the local network only over https, both "
        "only for a brand whose request was fetched from its own address; special-purpose "
        "addresses never")
