"""The mailbox watched while the vault is open, on a real Dovecot: a stranger's mail to a
brand's alias is one leak, shown as a notice and an Activity entry, the brand's own mail is
none; the watch stops at once when the vault locks; a leak's detail marks it expected, saves
its evidence pack and drafts complaints in the app's language."""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
)
from pytestqt.qtbot import QtBot

from tests.leaks import dovecot
from tests.leaks.conftest import imap_server
from tests.leaks.mail import message
from tests.ui.exchange_session import Answer
from tests.ui.heard import POLITE, Said, said
from tests.ui.transparency_helpers import GREEDY_ORIGIN, child
from ui import i18n
from ui.activity.page import ActivityPage
from ui.leaks.detail import AUTHORITY, LeakDialog
from ui.leaks.notice import LeakNotice
from ui.leaks.watch import LeakWatch
from ui.preferences import Settings
from ui.session import Session
from ui.settings.page import SettingsPage
from vault.leaks.alias_sources import SourceKind
from vault.leaks.settings import mailbox_settings, source_settings
from vault.leaks.watcher import Timing, WatchState
from vault.vault import Vault

__all__ = ["imap_server", "said"]  # fixtures, used by name

STRANGER = "Offers <offers@partner-ads.example>"


def watcher_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "mailbox watcher" and t.is_alive()]


@pytest.fixture
def alias(demo_vault: Vault, imap_server: dovecot.Dovecot,
          monkeypatch: pytest.MonkeyPatch) -> str:
    """MegaMart got a catch-all alias; the vault keeps the test Dovecot as its mailbox."""
    monkeypatch.setenv("ZPV_CA_BUNDLE", imap_server.ca_bundle)
    demo_vault.aliases.set_enabled(True)
    demo_vault.leaks.set_source(source_settings(SourceKind.DOMAIN, domain="alex.example"))
    demo_vault.grants.share(GREEDY_ORIGIN, "rewards", fields=["email", "allergies", "religion"])
    (given,) = demo_vault.aliases.all()
    demo_vault.leaks.set_mailbox(mailbox_settings(
        "127.0.0.1", dovecot.USER, dovecot.PASSWORD, port=imap_server.port,
        trusted_authserv_id=dovecot.AUTHSERV_ID))
    return given.alias


@pytest.fixture
def watch(qtbot: QtBot, demo_session: Session, alias: str) -> Iterator[LeakWatch]:
    watching = LeakWatch(demo_session, Timing(first_retry=0.2))
    watching.restart()  # the session opened before the watch was made
    qtbot.waitUntil(lambda: watching.status is not None
                    and watching.status.state is WatchState.IDLE, timeout=15_000)
    yield watching
    watching.stop()


def test_a_strangers_mail_is_one_leak_noticed_and_in_activity_the_brands_own_none(
    qtbot: QtBot, demo_session: Session, demo_vault: Vault, watch: LeakWatch,
    imap_server: dovecot.Dovecot, alias: str, said: list[Said]
) -> None:
    notice = LeakNotice(demo_session, watch)
    qtbot.addWidget(notice)
    found: list[object] = []
    watch.leaks_found.connect(found.append)
    imap_server.deliver(message(sender="MegaMart <news@megamart.example>", to=alias,
                                dkim="megamart.example", dmarc_from="megamart.example"))
    imap_server.deliver(message(sender=STRANGER, to=alias, dkim="partner-ads.example",
                                spf="partner-ads.example"))
    qtbot.waitUntil(lambda: bool(found), timeout=10_000)
    (leak,) = demo_vault.leaks.all()
    assert (leak.alias, leak.sender_domain) == (alias, "partner-ads.example")
    assert notice.isVisibleTo(notice.parentWidget() or notice) or not notice.isHidden()
    assert notice.text().startswith(
        "Mail to the address you gave only to MegaMart Rewards came from "
        "partner-ads.example on ")
    assert notice.accessibleName().startswith("Leak found: Mail to the address")
    assert [e.action for e in demo_vault.audit.entries()].count("leak.found") == 1

    # The brand's own mail later: nothing new.
    imap_server.deliver(message(sender="MegaMart <news@megamart.example>", to=alias,
                                dkim="megamart.example", dmarc_from="megamart.example"))
    qtbot.wait(1500)
    assert len(found) == 1 and len(demo_vault.leaks.all()) == 1
    assert said == [Said(notice.accessibleName(), POLITE, notice)]  # said once, as it came


def test_the_watch_stops_at_once_when_the_vault_locks(
    qtbot: QtBot, demo_session: Session, watch: LeakWatch, imap_server: dovecot.Dovecot,
    alias: str
) -> None:
    notice = LeakNotice(demo_session, watch)
    qtbot.addWidget(notice)
    assert watch.running and watcher_threads()
    demo_session.lock()
    assert not watch.running and watch.status is not None
    assert watch.status.state is WatchState.STOPPED
    qtbot.waitUntil(lambda: not watcher_threads(), timeout=3_000)
    imap_server.deliver(message(sender=STRANGER, to=alias, dkim="partner-ads.example"))
    qtbot.wait(1000)
    assert notice.isHidden() and notice.leak_id is None


def test_a_changed_mailbox_restarts_the_watch_and_a_bad_one_says_why(
    qtbot: QtBot, demo_session: Session, watch: LeakWatch, imap_server: dovecot.Dovecot
) -> None:
    first = watch.watcher
    demo_session.call(lambda vault: vault.leaks.set_mailbox(mailbox_settings(
        "127.0.0.1", dovecot.USER, "a-wrong-password", port=imap_server.port)))
    qtbot.waitUntil(lambda: watch.status is not None
                    and watch.status.state is WatchState.RETRYING, timeout=15_000)
    assert watch.watcher is not first and watch.status.problem == "login"
    qtbot.waitUntil(lambda: len(watcher_threads()) == 1, timeout=3_000)


@pytest.fixture
def leak_id(qtbot: QtBot, demo_vault: Vault, watch: LeakWatch, imap_server: dovecot.Dovecot,
            alias: str) -> int:
    found: list[object] = []
    watch.leaks_found.connect(found.append)
    imap_server.deliver(message(sender=STRANGER, to=alias, dkim="partner-ads.example",
                                subject="A partner offer"))
    qtbot.waitUntil(lambda: bool(found), timeout=10_000)
    return demo_vault.leaks.all()[0].id


def detail(qtbot: QtBot, session: Session, leak_id: int) -> LeakDialog:
    dialog = LeakDialog(session, leak_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.leak is not None, timeout=5_000)
    return dialog


def test_a_leaks_detail_marks_it_expected(
    qtbot: QtBot, demo_session: Session, demo_vault: Vault, leak_id: int
) -> None:
    dialog = detail(qtbot, demo_session, leak_id)
    assert "partner-ads.example" in child(dialog, QLabel, "leakSentence").text()
    button = child(dialog, QPushButton, "markExpectedButton")
    assert button.isEnabled()
    button.click()
    qtbot.waitUntil(lambda: demo_vault.leaks.get(leak_id).expected, timeout=5_000)
    qtbot.waitUntil(lambda: "Marked expected" in child(dialog, QLabel, "leakState").text())
    assert not button.isEnabled()
    assert "partner-ads.example" in child(dialog, QLabel, "leakMessage").text()


def test_a_leaks_evidence_pack_is_saved_with_its_summary(
    qtbot: QtBot, demo_session: Session, leak_id: int, tmp_path: Path, alias: str
) -> None:
    dialog = detail(qtbot, demo_session, leak_id)
    target = tmp_path / "leak.zip"
    dialog.ask_path = lambda _parent, suggested: str(target)
    child(dialog, QPushButton, "saveEvidenceButton").click()
    qtbot.waitUntil(lambda: "saved" in child(dialog, QLabel, "leakMessage").text(),
                    timeout=5_000)
    with zipfile.ZipFile(target) as pack:
        names = set(pack.namelist())
        summary = pack.read("summary.txt").decode()
        header = pack.read("message.eml").decode()
    assert {"summary.txt", "request.jwt", "alias.json", "leak.json", "message.eml",
            "manifest.json"} <= names
    assert any(n.startswith("grant/") for n in names)
    assert summary.startswith(f"Mail to {alias}, an address given only to MegaMart Rewards")
    assert "Subject: A partner offer" in header and "Hello" not in header


def draft(qtbot: QtBot, dialog: LeakDialog) -> str:
    text = child(dialog, QPlainTextEdit, "complaintDraft")
    text.clear()
    child(dialog, QPushButton, "draftComplaintButton").click()
    qtbot.waitUntil(lambda: bool(text.toPlainText()), timeout=5_000)
    return text.toPlainText()


def test_complaints_are_drafted_to_the_brand_or_an_authority_in_the_apps_language(
    qtbot: QtBot, demo_session: Session, leak_id: int, alias: str
) -> None:
    dialog = detail(qtbot, demo_session, leak_id)
    child(dialog, QLineEdit, "complaintSignature").setText("Alex Example")
    to_brand = draft(qtbot, dialog)
    assert to_brand.startswith("To: ") and alias in to_brand and "Alex Example" in to_brand
    assert "Art. 15" in to_brand

    recipient = child(dialog, QComboBox, "complaintRecipient")
    recipient.setCurrentIndex(recipient.findData(AUTHORITY))
    country = child(dialog, QComboBox, "complaintCountry")
    assert country.isVisible()
    country.setCurrentIndex(country.findData("GR"))
    to_authority = draft(qtbot, dialog)
    assert "Subject: Complaint under Article 77 GDPR: MegaMart Rewards" in to_authority
    assert to_authority.startswith("To: complaints@dpa.gr")

    assert i18n.install("el")
    try:
        greek = draft(qtbot, dialog)
        assert "Καταγγελία βάσει του άρθρου 77" in greek and alias in greek
    finally:
        i18n.install("en")


def test_a_leaks_activity_entry_opens_its_detail_from_the_keyboard(
    qtbot: QtBot, demo_session: Session, leak_id: int
) -> None:
    page = ActivityPage(demo_session)
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    page.reload()
    table = child(page, QTableView, "activityTable")
    qtbot.waitUntil(lambda: any(page.model.entry_at(r).action == "leak.found"
                                for r in range(page.model.rowCount())), timeout=5_000)
    row = next(r for r in range(page.model.rowCount())
               if page.model.entry_at(r).action == "leak.found")
    table.setFocus()
    table.setCurrentIndex(page.model.index(row, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.findChild(LeakDialog) is not None, timeout=3_000)
    dialog = page.findChild(LeakDialog)
    assert dialog is not None and dialog.leak_id == leak_id
    qtbot.waitUntil(lambda: dialog.leak is not None, timeout=5_000)
    assert "partner-ads.example" in child(dialog, QLabel, "leakSentence").text()
    dialog.close()


def test_settings_say_how_watching_goes(
    qtbot: QtBot, demo_session: Session, watch: LeakWatch, tmp_path: Path,
    imap_server: dovecot.Dovecot
) -> None:
    backing = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    page = SettingsPage(demo_session, Settings(backing))
    qtbot.addWidget(page)
    watch.status_changed.connect(page.show_watch_status)
    assert watch.status is not None
    page.show_watch_status(watch.status)
    status = child(page, QLabel, "mailboxStatus")
    assert status.text() == "Watching: the mail server announces new mail as it arrives."
    assert status.accessibleName()
    demo_session.call(lambda vault: vault.leaks.set_mailbox(mailbox_settings(
        "127.0.0.1", dovecot.USER, "a-wrong-password", port=imap_server.port)))
    qtbot.waitUntil(lambda: status.text().startswith(
        "The mail server did not accept the user name and password. Trying again in"),
        timeout=15_000)


def test_a_leaks_grant_is_revoked_from_its_detail_after_asking(
    qtbot: QtBot, demo_session: Session, demo_vault: Vault, leak_id: int
) -> None:
    leak = demo_vault.leaks.get(leak_id)
    assert leak.grant_id is not None
    dialog = detail(qtbot, demo_session, leak_id)
    button = child(dialog, QPushButton, "revokeLeakGrant")
    assert button.isEnabled()
    dialog.confirm = no = Answer(False)
    button.click()
    assert no.asked[0][1] == "Revoke what you share with MegaMart Rewards?"
    assert demo_vault.grants.get(leak.grant_id).status == "active"

    dialog.confirm = Answer(True)
    button.click()
    qtbot.waitUntil(lambda: demo_vault.grants.get(leak.grant_id).status == "revoked",
                    timeout=5_000)
    qtbot.waitUntil(lambda: child(dialog, QLabel, "leakMessage").text().startswith(
        "Revoked. MegaMart Rewards is being told to delete your data."), timeout=5_000)
    assert not button.isEnabled()


def test_revoking_from_a_leak_closes_the_alias_and_the_brands_later_mail_is_a_leak(
    qtbot: QtBot, demo_session: Session, demo_vault: Vault, leak_id: int, watch: LeakWatch,
    imap_server: dovecot.Dovecot, alias: str
) -> None:
    dialog = detail(qtbot, demo_session, leak_id)
    qtbot.wait(1100)  # a Date field counts whole seconds: the close comes a second later
    dialog.confirm = asked = Answer(True)
    child(dialog, QPushButton, "revokeLeakGrant").click()
    assert "its alias is closed" in asked.asked[0][2]
    qtbot.waitUntil(lambda: f"Closed: {alias}." in child(dialog, QLabel, "leakMessage").text(),
                    timeout=5_000)
    (closed,) = demo_vault.aliases.all()
    assert closed.closed_at is not None
    assert child(dialog, QLabel, "leakState").text() == "", "that leak came before the close"

    notice = LeakNotice(demo_session, watch)
    qtbot.addWidget(notice)
    found: list[object] = []
    watch.leaks_found.connect(found.append)
    imap_server.deliver(message(sender="MegaMart <news@megamart.example>", to=alias,
                                dkim="megamart.example", dmarc_from="megamart.example",
                                subject="We miss you"))
    qtbot.waitUntil(lambda: bool(found), timeout=10_000)
    newest = demo_vault.leaks.all()[0]
    assert (newest.sender_domain, newest.subject, newest.after_close) == (
        "megamart.example", "We miss you", True)
    assert notice.text().endswith(", after you closed it")
    again = detail(qtbot, demo_session, newest.id)
    assert child(again, QLabel, "leakState").text().startswith("After you closed it on ")
