"""Activity page: the audit timeline paged in from a real vault, filters, and the chain check."""

from __future__ import annotations

import time
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QProgressBar, QPushButton, QTableView, QWidget
from pytestqt.qtbot import QtBot

from tests.support.brand_keys import BrandKeys, signed_request
from tests.support.clock import DAY
from tests.support.specs import request_spec
from ui.activity.model import SEQ_ROLE, WHAT
from ui.activity.page import ActivityPage
from ui.session import Session
from vault.exchange.brands import RequestSource
from vault.vault import Vault

T = TypeVar("T")
WAIT_MS = 5_000


def child(parent: QWidget, kind: type[T], name: str) -> T:
    found = parent.findChild(kind, name)  # type: ignore[arg-type]
    assert found is not None, name
    return found  # type: ignore[return-value]


def show_page(qtbot: QtBot, session_vault: tuple[Session, Vault], rows: int) -> ActivityPage:
    session, vault = session_vault
    page = ActivityPage(session)
    qtbot.addWidget(page)
    page.resize(960, 640)
    page.show()
    session.open(vault)
    table = child(page, QTableView, "activityTable")
    qtbot.waitUntil(lambda: table.model().rowCount() >= rows, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not page.model.is_loading, timeout=WAIT_MS)
    return page


def column(page: ActivityPage, col: int) -> list[str]:
    model = page.table.model()
    return [str(model.index(r, col).data()) for r in range(model.rowCount())]


def seqs(page: ActivityPage) -> list[int]:
    model = page.table.model()
    return [int(model.index(r, 0).data(SEQ_ROLE)) for r in range(model.rowCount())]


def test_lists_entries_newest_first_in_words(
    qtbot: QtBot, session_vault: tuple[Session, Vault],
) -> None:
    _, vault = session_vault
    vault.fields.set("diet", "vegan")
    vault.fields.set("shoe_size_eu", 41)
    vault.fields.clear("diet")
    vault.audit.record("future.thing", {"b": 2, "a": "x"})  # from a newer version of the app
    page = show_page(qtbot, session_vault, 5)
    assert column(page, WHAT) == ["future.thing", "Value cleared", "Value changed",
                                  "Value changed", "Vault created"]
    assert column(page, 2) == ["a: x; b: 2", "Diet", "Shoe size (EU)", "Diet", ""]
    assert seqs(page) == [5, 4, 3, 2, 1]
    assert all(column(page, 0))  # a local time on every row


def test_new_entries_appear_at_the_top(qtbot: QtBot, session_vault: tuple[Session, Vault]) -> None:
    session, vault = session_vault
    page = show_page(qtbot, session_vault, 1)
    session.call(lambda v: v.fields.set("pets", ["cat"]))
    qtbot.waitUntil(lambda: page.table.model().rowCount() == 2, timeout=WAIT_MS)
    assert column(page, WHAT)[0] == "Value changed" and column(page, 2)[0] == "Pets"


def test_filter_shows_one_kind(
    qtbot: QtBot, session_vault: tuple[Session, Vault], tmp_path,
) -> None:
    _, vault = session_vault
    keys = BrandKeys.generate()
    now = int(time.time())
    vault.brands.import_request(
        signed_request(keys, request_spec(name="Shoes"), iat=now, exp=now + 30 * DAY))
    vault.fields.set("diet", "vegan")
    vault.backup_to(tmp_path / "backup.zpvb")
    page = show_page(qtbot, session_vault, 4)
    chooser = child(page, QComboBox, "activityFilter")

    def shown_when(kind: str) -> list[str]:
        chooser.setCurrentIndex(chooser.findData(kind))
        qtbot.waitUntil(lambda: not page.model.is_loading, timeout=WAIT_MS)
        return column(page, WHAT)

    assert shown_when("fields") == ["Value changed"]
    assert shown_when("brands") == ["Brand request imported"]
    assert column(page, 2) == ["https://shoes.example, from a file"]
    assert shown_when("backups") == ["Backup made"]
    assert shown_when("grants") == []
    assert child(page, QLabel, "activityEmpty").isVisible()
    assert shown_when("all") == ["Backup made", "Value changed", "Brand request imported",
                                 "Vault created"]


def test_keys_from_a_file_replaced_by_a_verified_fetch_say_so(
    qtbot: QtBot, session_vault: tuple[Session, Vault]
) -> None:
    _, vault = session_vault
    now = int(time.time())
    vault.brands.import_request(
        signed_request(BrandKeys.generate(), request_spec(), iat=now, exp=now + DAY),
            RequestSource.FILE)
    vault.brands.import_request(
        signed_request(BrandKeys.generate(), request_spec(), iat=now, exp=now + DAY),
            RequestSource.WEB, expected_origin="https://shoes.example")
    vault.brands.import_request(
        signed_request(BrandKeys.generate(), request_spec(), iat=now, exp=now + DAY),
            accept_new_keys=True)
    page = show_page(qtbot, session_vault, 6)  # created, three imports, two replacements
    what, details = column(page, WHAT), column(page, 2)
    replaced = [d for w, d in zip(what, details, strict=True) if w == "Brand's keys replaced"]
    assert replaced == [
        "https://shoes.example: new keys accepted",
        "https://shoes.example: keys from a file or pasted text replaced by the ones its web "
        "address serves",
    ]


def test_more_entries_are_fetched_when_scrolled(qtbot: QtBot,
                                                session_vault: tuple[Session, Vault]) -> None:
    _, vault = session_vault
    for i in range(260):
        vault.fields.set("household_size", i % 20 + 1)
    total = 261  # and the vault's creation
    page = show_page(qtbot, session_vault, 200)
    model = page.table.model()
    assert model.rowCount() == 200  # one page of 200 so far
    assert model.canFetchMore(page.table.rootIndex())
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == total, timeout=WAIT_MS)
    assert seqs(page) == list(range(total, 0, -1))  # newest first, no gap, no repeat
    assert not model.canFetchMore(page.table.rootIndex())


def test_merged_filter_pages_across_prefixes(
    qtbot: QtBot, session_vault: tuple[Session, Vault],
) -> None:
    """"Brands" spans two action prefixes; its pages merge by sequence, newest first."""
    _, vault = session_vault
    keys = BrandKeys.generate()
    now = int(time.time())
    for i in range(230):  # each newer than the last, none signed ahead of this clock
        vault.brands.import_request(
            signed_request(keys, request_spec(), iat=now - 300 + i, exp=now + 30 * DAY))
    vault.brands.import_request(  # brand.keys_replaced, then request.imported
        signed_request(BrandKeys.generate(), request_spec(), iat=now, exp=now + DAY),
            accept_new_keys=True)
    page = show_page(qtbot, session_vault, 200)
    chooser = child(page, QComboBox, "activityFilter")
    chooser.setCurrentIndex(chooser.findData("brands"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 200, timeout=WAIT_MS)
    assert column(page, WHAT)[:2] == ["Brand request imported", "Brand's keys replaced"]
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 232, timeout=WAIT_MS)
    shown = seqs(page)
    assert shown == sorted(shown, reverse=True) and len(set(shown)) == 232


def test_verify_reports_intact_then_names_a_tampered_entry(
    qtbot: QtBot, session_vault: tuple[Session, Vault]
) -> None:
    _, vault = session_vault
    for value in ("vegan", "vegetarian", "pescatarian"):
        vault.fields.set("diet", value)
    page = show_page(qtbot, session_vault, 4)
    button = child(page, QPushButton, "verifyChainButton")
    result = child(page, QLabel, "verifyResult")
    busy = child(page, QProgressBar, "verifyBusy")

    button.click()
    assert busy.isVisible() and not button.isEnabled()  # the check runs off the GUI thread
    qtbot.waitUntil(lambda: button.isEnabled(), timeout=WAIT_MS)
    assert not busy.isVisible()
    assert "Intact: 4 entries checked, database sound" in result.text()

    # White box: edit entry 3 behind the vault's back, as someone with the key could.
    with vault._store.transaction() as connection:
        connection.execute("UPDATE audit SET details = ? WHERE seq = 3",
                           ('{"field":"religion"}',))
    button.click()
    qtbot.waitUntil(lambda: button.isEnabled(), timeout=WAIT_MS)
    text = result.text()
    assert "Broken at entry 3" in text and "changed after it was written" in text
    assert "The 2 entries before it are intact" in text
    assert "Religion or belief" in text  # what the entry says now
    qtbot.waitUntil(lambda: page.table.currentIndex().data(SEQ_ROLE) == 3, timeout=WAIT_MS)


def test_verify_names_a_removed_entry(qtbot: QtBot, session_vault: tuple[Session, Vault]) -> None:
    _, vault = session_vault
    for value in ("vegan", "vegetarian", "pescatarian"):
        vault.fields.set("diet", value)
    page = show_page(qtbot, session_vault, 4)
    with vault._store.transaction() as connection:
        connection.execute("DELETE FROM audit WHERE seq = 2")
    button = child(page, QPushButton, "verifyChainButton")
    button.click()
    qtbot.waitUntil(lambda: button.isEnabled(), timeout=WAIT_MS)
    text = child(page, QLabel, "verifyResult").text()
    assert "Broken at entry 2" in text and "missing" in text


def test_lock_forgets_the_log(qtbot: QtBot, session_vault: tuple[Session, Vault]) -> None:
    session, vault = session_vault
    vault.fields.set("diet", "vegan")
    page = show_page(qtbot, session_vault, 2)
    session.lock()
    assert page.table.model().rowCount() == 0
    assert not page.model.canFetchMore(page.table.rootIndex())


def test_shares_are_named_by_their_brand_and_the_id_waits_in_the_tooltip(
    qtbot: QtBot, session_vault: tuple[Session, Vault],
) -> None:
    _, vault = session_vault
    now = int(time.time())
    vault.brands.import_request(
        signed_request(BrandKeys.generate(), request_spec(name="Shoes"), iat=now,
                       exp=now + 30 * DAY))
    vault.fields.set("shoe_size_eu", 41)
    grant = vault.grants.share("https://shoes.example", "fit-advice",
                               fields=["shoe_size_eu"], days=30).grant.id
    vault.grants.pause(grant)
    vault.grants.revoke(grant)
    # What the delivery of the share and an expiry of a share since removed write.
    vault.audit.record("delivery.grant_delivered", {"grant": grant, "message": "m1",
                                                    "receipt": "accepted"})
    vault.audit.record("grant.expired", {"grant": "0" * 32})
    page = show_page(qtbot, session_vault, 8)
    chooser = child(page, QComboBox, "activityFilter")

    def shown_when(kind: str, rows: int) -> tuple[list[str], list[str], list[str]]:
        chooser.setCurrentIndex(chooser.findData(kind))
        qtbot.waitUntil(lambda: page.model.rowCount() == rows and not page.model.is_loading,
                        timeout=WAIT_MS)
        model = page.table.model()
        tips = [str(model.index(r, 2).data(Qt.ItemDataRole.ToolTipRole)) for r in range(rows)]
        return column(page, WHAT), column(page, 2), tips

    what, details, tips = shown_when("grants", 4)
    assert what == ["Share expired", "Share revoked", "Share paused", "Shared with a brand"]
    assert details == [
        "A share no longer in your vault",
        "Shoes (shoes.example)",
        "Shoes (shoes.example)",
        "Shoes (shoes.example): Shoe size (EU); for 30 days",
    ]
    assert tips == [f"{text}\nShare id: {'0' * 32}" for text in details[:1]] + [
        f"{text}\nShare id: {grant}" for text in details[1:]]
    what, details, tips = shown_when("deliveries", 1)
    assert what == ["Data delivered to brand"]
    assert details == ["Shoes (shoes.example); the brand's receipt says “accepted”"]
    assert tips == [f"{details[0]}\nShare id: {grant}"]
