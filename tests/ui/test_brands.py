"""The Brands page and the import dialog, on a real vault with real worker threads."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
)
from pytestqt.qtbot import QtBot

from tests.support.clock import DAY
from tests.support.in_process import WELL_KNOWN, in_process_brand
from tests.support.sample_exchange import TRICKY_NAME
from tests.ui.exchange_session import (
    Answer,
    Opened,
    SeenBox,
    answer_next_box,
    cell,
)
from ui import style
from ui.brands import page as brands_module  # noqa: E402
from ui.brands.import_request import ImportRequestDialog  # noqa: E402
from ui.brands.models import AsksModel, BrandsModel  # noqa: E402
from ui.brands.page import BrandsPage  # noqa: E402
from ui.words.balance import verdict_words  # noqa: E402
from vault.errors import TransportError, TransportFailure
from vault.exchange.brands import RequestSource
from zpd import jose
from zpd.request import sign_request
from zpd.text import reveal

ORIGIN = "https://shoes.example"
NOT_VERIFIED = "Not verified: imported from a file or text"


def child(widget: Any, kind: type, name: str) -> Any:
    found = widget.findChild(kind, name)
    assert found is not None, name
    return found


def open_page(qtbot: QtBot, opened: Opened) -> BrandsPage:
    page = BrandsPage(opened.session)
    qtbot.addWidget(page)
    page.resize(790, 590)
    page.show()
    opened.session.open(opened.vault)
    return page


def open_import(page: BrandsPage) -> ImportRequestDialog:
    child(page, QPushButton, "importRequestButton").click()
    dialog = page.import_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.objectName() == "importRequestDialog"
    return dialog


def brand_row(page: BrandsPage, origin: str) -> int:
    return page.model.find(origin)


def paste_and_import(dialog: ImportRequestDialog, text: str) -> None:
    child(dialog, QPlainTextEdit, "importText").setPlainText(text)
    child(dialog, QPushButton, "importTextButton").click()


def test_import_from_pasted_text_adds_an_unverified_brand_and_selects_it(
    qtbot: QtBot, opened: Opened
) -> None:
    page = open_page(qtbot, opened)
    other = in_process_brand("https://books.example", "Books & Co")
    opened.vault.brands.import_request(other.request(), RequestSource.TEXT)
    brand = in_process_brand(ORIGIN, "Shoes Example")
    dialog = open_import(page)
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as imported:
        paste_and_import(dialog, brand.request())
    assert imported.args[0].brand.origin == ORIGIN
    assert page.import_dialog is None  # closed once imported

    qtbot.waitUntil(lambda: page.selected_origin() == ORIGIN, timeout=10_000)
    row = brand_row(page, ORIGIN)
    assert cell(page.model, row, BrandsModel.NAME) == "Shoes Example"
    assert cell(page.model, row, BrandsModel.DOMAIN) == NOT_VERIFIED
    assert cell(page.model, row, BrandsModel.ACTIVE) == "0"
    badge = child(page, QLabel, "brandVerified")
    qtbot.waitUntil(lambda: badge.text() == NOT_VERIFIED, timeout=5_000)
    assert "Shoes Example" in child(page, QLabel, "brandsNotice").text()
    [stored] = [b for b in opened.vault.brands.all() if b.origin == ORIGIN]
    assert stored.domain_verified is False
    asks = child(page, QTableView, "asksTable").model()
    qtbot.waitUntil(lambda: asks.rowCount() == 2, timeout=5_000)


def test_fetch_from_web_address_is_domain_verified(qtbot: QtBot, opened: Opened) -> None:
    brand = in_process_brand(ORIGIN, "Shoes Example")
    opened.transport.add(brand)
    page = open_page(qtbot, opened)
    dialog = open_import(page)
    child(dialog, QLineEdit, "importAddress").setText("shoes.example")
    child(dialog, QPushButton, "importFetchButton").click()

    qtbot.waitUntil(lambda: page.selected_origin() == ORIGIN, timeout=10_000)
    assert cell(page.model, brand_row(page, ORIGIN), BrandsModel.DOMAIN) == "Domain verified"
    assert opened.vault.brands.find(ORIGIN).domain_verified is True
    info = child(page, QLabel, "brandRequestInfo")
    qtbot.waitUntil(lambda: "web address" in info.text(), timeout=5_000)


def test_a_brand_fetched_from_this_computer_is_not_called_domain_verified(
    qtbot: QtBot, opened: Opened
) -> None:
    origin = "http://127.0.0.1:8080"
    opened.transport.add(in_process_brand(origin, "Demo Shoes"))
    page = open_page(qtbot, opened)
    dialog = open_import(page)
    child(dialog, QLineEdit, "importAddress").setText(origin)
    child(dialog, QPushButton, "importFetchButton").click()
    qtbot.waitUntil(lambda: page.selected_origin() == origin, timeout=10_000)
    row = brand_row(page, origin)
    assert cell(page.model, row, BrandsModel.DOMAIN) == "Fetched from this computer"
    tip = page.model.index(row, BrandsModel.DOMAIN).data(Qt.ItemDataRole.ToolTipRole)
    assert "a server on this computer" in tip and "secure connection" not in tip
    badge = child(page, QLabel, "brandVerified")
    qtbot.waitUntil(lambda: badge.text() == "Fetched from this computer", timeout=5_000)


def test_file_import_and_a_file_that_is_not_text(
    qtbot: QtBot, opened: Opened, tmp_path: Path
) -> None:
    page = open_page(qtbot, opened)
    dialog = open_import(page)
    binary = tmp_path / "picture.jwt"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    dialog.choose_file = lambda parent: str(binary)
    child(dialog, QPushButton, "importFileButton").click()
    error = child(dialog, QLabel, "importError")
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert "not text" in error.text()

    request = tmp_path / "shoes.jwt"
    request.write_text(in_process_brand(ORIGIN, "Shoes Example").request() + "\n")
    dialog.choose_file = lambda parent: str(request)
    child(dialog, QPushButton, "importFileButton").click()
    qtbot.waitUntil(lambda: page.selected_origin() == ORIGIN, timeout=10_000)
    assert opened.vault.brands.latest_request(ORIGIN).source is RequestSource.FILE


def test_changed_keys_need_an_explicit_yes(qtbot: QtBot, opened: Opened) -> None:
    brand = in_process_brand(ORIGIN, "Shoes Example")
    opened.vault.brands.import_request(brand.request(), RequestSource.TEXT)
    pinned = opened.vault.brands.find(ORIGIN).signing_kid
    new_keys = (jose.generate_signing_key(), jose.generate_encryption_key())
    changed = brand.request(keys=new_keys)
    page = open_page(qtbot, opened)
    dialog = open_import(page)
    error = child(dialog, QLabel, "importError")

    # The real question: plain text, "No" by default; answered No.
    seen = SeenBox()
    answer_next_box(QMessageBox.ButtonRole.NoRole, seen)
    paste_and_import(dialog, changed)
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert seen.text == "The brand's keys changed since you first trusted it."
    assert ORIGIN in seen.details and "Accept the new keys?" in seen.details
    assert seen.default_role == QMessageBox.ButtonRole.NoRole
    assert seen.formats and set(seen.formats) == {Qt.TextFormat.PlainText}
    assert "did not accept" in error.text()
    assert opened.vault.brands.find(ORIGIN).signing_kid == pinned

    # Declined through the seam: still refused, and asked exactly once.
    dialog.confirm = no = Answer(False)
    paste_and_import(dialog, changed)
    qtbot.waitUntil(lambda: len(no.asked) == 1 and error.isVisible(), timeout=10_000)
    assert opened.vault.brands.find(ORIGIN).signing_kid == pinned

    dialog.confirm = yes = Answer(True)
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as imported:
        paste_and_import(dialog, changed)
    assert len(yes.asked) == 1 and yes.asked[0][3] == "Accept new keys"
    assert imported.args[0].keys_replaced
    assert opened.vault.brands.find(ORIGIN).signing_kid == jose.thumbprint(new_keys[0])
    notice = child(page, QLabel, "brandsNotice")
    assert "new keys" in notice.text()


def test_the_notice_says_when_file_keys_give_way_or_a_request_is_older(
    qtbot: QtBot, opened: Opened, tmp_path: Path
) -> None:
    brand = in_process_brand(ORIGIN, "Shoes Example")
    impostor = (jose.generate_signing_key(), jose.generate_encryption_key())
    opened.vault.brands.import_request(brand.request(keys=impostor), RequestSource.FILE)
    opened.transport.add(brand)
    page = open_page(qtbot, opened)
    notice = child(page, QLabel, "brandsNotice")
    dialog = open_import(page)
    child(dialog, QLineEdit, "importAddress").setText("shoes.example")
    child(dialog, QPushButton, "importFetchButton").click()  # no question asked
    qtbot.waitUntil(lambda: "the ones its web address serves replace them" in notice.text(),
                    timeout=10_000)
    assert opened.vault.brands.find(ORIGIN).signing_kid == jose.thumbprint(brand.signing)

    now = int(time.time())
    older = tmp_path / "last-year.jwt"
    older.write_text(sign_request(brand.body, brand.signing, brand.encryption,
                                  iat=now - 300 * DAY, exp=now + DAY))
    dialog = open_import(page)
    dialog.choose_file = lambda parent: str(older)
    child(dialog, QPushButton, "importFileButton").click()
    qtbot.waitUntil(lambda: "older than what you already have" in notice.text(),
                    timeout=10_000)
    latest = opened.vault.brands.latest_request(ORIGIN)
    assert latest is not None and latest.source is RequestSource.WEB


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("this is not a request", "it is not a signed request"),
        ("expired", "it has expired"),
        ("tampered", "its signature does not match"),
    ],
)
def test_an_invalid_request_shows_its_reason(
    qtbot: QtBot, opened: Opened, text: str, words: str
) -> None:
    brand = in_process_brand(ORIGIN, "Shoes Example")
    if text == "expired":
        text = brand.request(expired=True)
    elif text == "tampered":
        good = brand.request()
        head, payload, signature = good.split(".")
        text = ".".join((head, payload, ("A" if signature[0] != "A" else "B") + signature[1:]))
    page = open_page(qtbot, opened)
    dialog = open_import(page)
    paste_and_import(dialog, text)
    error = child(dialog, QLabel, "importError")
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert "This is not a valid data request" in error.text() and words in error.text()
    assert error.textFormat() == Qt.TextFormat.PlainText
    assert dialog.isVisible() and opened.vault.brands.all() == []


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (None, "Could not reach the brand."),
        (TransportError(TransportFailure.TLS, "certificate verify failed"),
         "could not be verified."),
        (TransportError(TransportFailure.PROTOCOL, "HTTP 404"), "not a usable data request"),
        (TransportError(TransportFailure.REFUSED_URL, "plain http"), "That address is refused"),
    ],
)
def test_fetch_failures_in_words(
    qtbot: QtBot, opened: Opened, answer: BaseException | None, words: str
) -> None:
    if answer is not None:
        opened.transport.failures[ORIGIN + WELL_KNOWN] = answer
    page = open_page(qtbot, opened)
    dialog = open_import(page)
    child(dialog, QLineEdit, "importAddress").setText(ORIGIN)
    child(dialog, QPushButton, "importFetchButton").click()
    error = child(dialog, QLabel, "importError")
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert words in error.text()
    assert not child(dialog, QPushButton, "importCancelButton").isVisible()


def test_cancel_abandons_the_wait(qtbot: QtBot, opened: Opened) -> None:
    brand = in_process_brand(ORIGIN, "Shoes Example")
    opened.transport.add(brand)
    opened.transport.gate = gate = threading.Event()
    page = open_page(qtbot, opened)
    dialog = open_import(page)
    child(dialog, QLineEdit, "importAddress").setText("shoes.example")
    child(dialog, QPushButton, "importFetchButton").click()
    cancel = child(dialog, QPushButton, "importCancelButton")
    assert cancel.isVisible() and dialog.is_busy
    assert not dialog.tabs.isEnabled()
    cancel.click()
    assert not dialog.is_busy and dialog.tabs.isEnabled()
    assert "Stopped waiting" in child(dialog, QLabel, "importInfo").text()
    gate.set()
    # The brand answers late: the dialog ignores it and stays open; the page still learns.
    qtbot.waitUntil(lambda: brand_row(page, ORIGIN) >= 0, timeout=10_000)
    assert dialog.isVisible() and dialog.imported_result is None
    assert not child(dialog, QLabel, "importError").isVisible()


def test_tricky_brand_text_is_shown_literally(qtbot: QtBot, opened: Opened) -> None:
    brand = in_process_brand("https://cafe.example", TRICKY_NAME, description="<i>Coffee</i>\u202e")
    opened.vault.brands.import_request(brand.request(), RequestSource.FILE)
    page = open_page(qtbot, opened)
    shown = reveal(TRICKY_NAME)
    assert "<b>HTML</b>" in shown
    assert "\u27e6U+202E\u27e7" in shown and "\u27e6U+200B\u27e7" in shown
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert cell(page.model, 0, BrandsModel.NAME) == shown
    tip = cell(page.model, 0, BrandsModel.NAME, Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;HTML&lt;/b&gt;" in tip and "\u202e" not in tip

    name = child(page, QLabel, "brandName")
    description = child(page, QLabel, "brandDescription")
    qtbot.waitUntil(lambda: name.text() == shown, timeout=5_000)
    assert description.text() == reveal("<i>Coffee</i>\u202e")
    for label in page.findChildren(QLabel):
        text = label.text()
        assert "\u202e" not in text and "\u200b" not in text
        if label.objectName().startswith("brand") and text:
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()


def test_asks_in_words_and_review_opens_the_share_review(
    qtbot: QtBot, opened: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    brand = in_process_brand(ORIGIN, "Shoes Example")
    opened.vault.brands.import_request(brand.request(), RequestSource.TEXT)
    opened.vault.fields.set("shoe_size_eu", 41)
    opened.vault.fields.set("contact_channels", ["email"])
    page = open_page(qtbot, opened)
    table = child(page, QTableView, "asksTable")
    asks = table.model()
    qtbot.waitUntil(lambda: asks.rowCount() == 2, timeout=10_000)
    assert cell(asks, 0, AsksModel.PURPOSE) == "Recommend shoes that fit you"
    purpose_tip = cell(asks, 0, AsksModel.PURPOSE, Qt.ItemDataRole.ToolTipRole)
    assert "Personalising the service" in purpose_tip  # the plain words, and the precise
    assert "dpv:ServicePersonalisation" in purpose_tip  # term only where one looks for it
    assert not any("dpv:" in cell(asks, row, column) for row in range(asks.rowCount())
                   for column in range(asks.columnCount()))
    # each ask's verdict in the list, as the share review would open with it
    verdict = cell(asks, 0, AsksModel.VERDICT).splitlines()
    assert verdict == ["Asks a lot", "⚠ Special-category data"]
    assert "Food allergies" in cell(asks, 0, AsksModel.VERDICT, Qt.ItemDataRole.ToolTipRole)
    for row in range(asks.rowCount()):
        ask_id = asks.row_at(row).id
        weighed = opened.vault.transparency.balance_for_ask(ORIGIN, ask_id)
        assert cell(asks, row, AsksModel.VERDICT).splitlines()[0] == verdict_words(
            weighed.verdict)
    fields = cell(asks, 0, AsksModel.FIELDS).splitlines()
    assert fields[0] == "Shoe size (EU) (required)"
    assert "Food allergies (optional, special category)" in fields
    assert "to pick your size" in cell(asks, 0, AsksModel.FIELDS, Qt.ItemDataRole.ToolTipRole)
    assert cell(asks, 0, AsksModel.OFFER) == "Discount: 10% off your next order"
    assert cell(asks, 0, AsksModel.DURATION) == "90 days"
    assert cell(asks, 0, AsksModel.RETENTION) == "180 days"

    opened_with: list[tuple[Any, ...]] = []

    class Recorder:
        share_result = None  # closed without sharing

        def __init__(self, session: Any, origin: str, ask_id: str, parent: Any = None) -> None:
            opened_with.append((session, origin, ask_id, parent))

        def exec(self) -> int:
            return 0

        def deleteLater(self) -> None:  # noqa: N802
            pass

    # The real dialog takes exactly these arguments.
    real = brands_module.ShareReviewDialog(opened.session, ORIGIN, "newsletter", page)
    assert real.parent() is page
    real.deleteLater()

    monkeypatch.setattr(brands_module, "ShareReviewDialog", Recorder)
    table.selectRow(1)
    button = child(page, QPushButton, "reviewShareButton")
    assert button.isEnabled()
    button.click()
    assert opened_with == [(opened.session, ORIGIN, "newsletter", page)]
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter on the chosen ask does the same
    assert opened_with[-1] == (opened.session, ORIGIN, "newsletter", page)
    assert len(opened_with) == 2

    # A share made elsewhere shows up in the active-grant count, live.
    opened.session.call(lambda vault: vault.grants.share(ORIGIN, "newsletter"))
    qtbot.waitUntil(lambda: cell(page.model, 0, BrandsModel.ACTIVE) == "1", timeout=10_000)


def test_controls_have_names_and_the_page_clears_on_lock(qtbot: QtBot, opened: Opened) -> None:
    opened.vault.brands.import_request(in_process_brand(ORIGIN, "Shoes Example").request(),
                                       RequestSource.TEXT)
    page = open_page(qtbot, opened)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    for kind, name in ((QTableView, "brandsTable"), (QTableView, "asksTable"),
                       (QPushButton, "importRequestButton"), (QPushButton, "reviewShareButton")):
        widget = child(page, kind, name)
        assert widget.accessibleName(), name
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, name
    dialog = open_import(page)
    opened.session.lock()
    assert page.model.rowCount() == 0
    assert not dialog.isVisible() and page.import_dialog is None
    assert child(page, QLabel, "brandName").isHidden() or page.details.currentIndex() == 0


def test_on_a_large_screen_review_and_share_sits_under_the_requests(
    qtbot: QtBot, opened: Opened
) -> None:
    """Maximised on 1920x1080, the button stays by what it acts on: right under the asks,
    at the right edge of a column of readable width."""
    brand = in_process_brand(ORIGIN, "Shoes Example")
    opened.vault.brands.import_request(brand.request(), RequestSource.TEXT)
    page = open_page(qtbot, opened)
    page.resize(1920 - 180, 1080 - 90)  # beside the sidebar, under the menu and tool bars
    asks = child(page, QTableView, "asksTable")
    qtbot.waitUntil(lambda: asks.model().rowCount() == 2, timeout=10_000)
    button = child(page, QPushButton, "reviewShareButton")
    qtbot.waitUntil(button.isEnabled)

    def gap() -> int:
        last = asks.model().rowCount() - 1
        rows_end = asks.viewport().mapTo(page, QPoint(
            0, asks.rowViewportPosition(last) + asks.rowHeight(last))).y()
        return button.mapTo(page, QPoint(0, 0)).y() - rows_end

    qtbot.waitUntil(lambda: 0 <= gap() <= 24, timeout=2_000)  # once laid out
    table_right = asks.mapTo(page, QPoint(asks.width(), 0)).x()
    button_right = button.mapTo(page, QPoint(button.width(), 0)).x()
    assert abs(table_right - button_right) <= 4
    assert asks.width() <= style.CONTENT_WIDTH < page.width() - 200
