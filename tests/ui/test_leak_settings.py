"""Settings > Leak alerts: where aliases come from (a catch-all domain, plus-addressing with
its warning, a service whose key is asked of it first) and the mailbox watched (checked on a
real Dovecot before it is kept). Bad input is worded and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from tests.leaks import dovecot
from tests.leaks.conftest import imap_server
from tests.leaks.service_apis import ServiceState, served, simplelogin_app
from tests.ui.transparency_helpers import child
from ui.preferences import Settings
from ui.session import Session
from ui.settings.page import SettingsPage
from vault.leaks.alias_sources import SourceKind
from vault.vault import Vault

__all__ = ["imap_server"]  # fixtures, used by name

API_KEY = "sl-key-0123456789abcdef0123456789abcdef"


@pytest.fixture
def page(qtbot: QtBot, demo_session: Session, tmp_path: Path) -> SettingsPage:
    backing = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    shown = SettingsPage(demo_session, Settings(backing))
    qtbot.addWidget(shown)
    shown.resize(900, 900)
    shown.show()
    shown.reload()
    qtbot.waitUntil(lambda: child(shown, QPushButton, "mailboxSave").isEnabled()
                    and child(shown, QPushButton, "aliasSourceSave").isEnabled(),
                    timeout=5_000)
    return shown


def pick(page: SettingsPage, kind: SourceKind) -> None:
    combo = child(page, QComboBox, "aliasSourceKind")
    combo.setCurrentIndex(combo.findData(str(kind)))


def saved(qtbot: QtBot, page: SettingsPage, button: str, message: str) -> str:
    """Clicks `button` and waits for the section's message to settle; that message."""
    label = child(page, QLabel, message)
    child(page, QPushButton, button).click()
    qtbot.waitUntil(lambda: child(page, QPushButton, button).isEnabled(), timeout=15_000)
    return label.text()


def test_a_catch_all_domain_is_kept_and_a_bad_one_is_worded_and_changes_nothing(
    qtbot: QtBot, page: SettingsPage, demo_vault: Vault
) -> None:
    combo = child(page, QComboBox, "aliasSourceKind")
    assert combo.accessibleName() and combo.currentData() == str(SourceKind.DOMAIN)
    domain = child(page, QLineEdit, "aliasSourceDomain")
    assert domain.isVisible() and domain.accessibleName()
    assert not child(page, QLineEdit, "aliasSourceKey").isVisible()

    domain.setText("not a domain")
    assert "not a domain that can receive mail" in saved(
        qtbot, page, "aliasSourceSave", "aliasSourceMessage")
    assert demo_vault.leaks.source() is None

    domain.setText("Alex.Example")
    domain.setFocus()
    qtbot.keyClick(domain, Qt.Key.Key_Return)  # Enter saves, from the keyboard
    qtbot.waitUntil(lambda: demo_vault.leaks.source() is not None, timeout=5_000)
    kept = demo_vault.leaks.source()
    assert kept is not None and kept.source.kind is SourceKind.DOMAIN
    assert kept.source.domain == "alex.example"
    qtbot.waitUntil(lambda: child(page, QLabel, "aliasSourceInUse").text()
                    == "In use: aliases at alex.example.", timeout=5_000)


def test_plus_addressing_carries_its_plain_warning(
    qtbot: QtBot, page: SettingsPage, demo_vault: Vault
) -> None:
    pick(page, SourceKind.PLUS)
    hint = child(page, QLabel, "aliasSourceHint")
    assert "easy to strip" in hint.text() and hint.isVisible()
    assert not child(page, QLineEdit, "aliasSourceDomain").isVisible()
    child(page, QLineEdit, "aliasSourceAddress").setText("ann@mail.example")
    assert saved(qtbot, page, "aliasSourceSave", "aliasSourceMessage") == "Saved."
    assert "easy to strip" in child(page, QLabel, "aliasSourceInUse").text()
    kept = demo_vault.leaks.source()
    assert kept is not None and kept.source.address == "ann@mail.example"


def test_a_service_key_is_asked_of_the_service_before_it_is_kept(
    qtbot: QtBot, page: SettingsPage, demo_vault: Vault, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    with served(simplelogin_app, ServiceState(API_KEY), tmp_path) as service:
        monkeypatch.setenv("ZPV_CA_BUNDLE", service.ca_bundle)
        pick(page, SourceKind.SIMPLELOGIN)
        key = child(page, QLineEdit, "aliasSourceKey")
        assert key.isVisible() and key.echoMode() is QLineEdit.EchoMode.Password
        assert "no_key" not in saved(qtbot, page, "aliasSourceSave", "aliasSourceMessage")
        assert child(page, QLabel, "aliasSourceMessage").text() == "Give the service's API key."
        child(page, QLineEdit, "aliasSourceUrl").setText(service.url)
        page.alias_source.local.setChecked(True)  # the test's service runs on 127.0.0.1

        key.setText("sl-wrong-key")
        said = saved(qtbot, page, "aliasSourceSave", "aliasSourceMessage")
        assert said.startswith("The alias service did not accept the API key.")
        assert "sl-wrong-key" not in said and demo_vault.leaks.source() is None

        key.setText(API_KEY)
        said = saved(qtbot, page, "aliasSourceSave", "aliasSourceMessage")
        assert said == "Saved."
        assert "SimpleLogin" in child(page, QLabel, "aliasSourceInUse").text()
        kept = demo_vault.leaks.source()
        assert kept is not None and kept.api_key == API_KEY and kept.local
        assert [seen.headers.get("authentication") for seen in service.state.seen] == \
            ["sl-wrong-key", API_KEY]
    assert key.text() == "" and key.placeholderText() == "kept in your vault"


def fill_mailbox(page: SettingsPage, server: dovecot.Dovecot, password: str) -> None:
    child(page, QLineEdit, "mailboxHost").setText("127.0.0.1")
    child(page, QSpinBox, "mailboxPort").setValue(server.port)
    child(page, QLineEdit, "mailboxUser").setText(dovecot.USER)
    child(page, QLineEdit, "mailboxPassword").setText(password)
    child(page, QLineEdit, "mailboxServerName").setText(dovecot.AUTHSERV_ID)


def test_the_mailbox_is_checked_on_the_server_before_it_is_kept(
    qtbot: QtBot, page: SettingsPage, demo_vault: Vault, imap_server: dovecot.Dovecot,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("mailboxHost", "mailboxPort", "mailboxUser", "mailboxPassword",
                 "mailboxFolder", "mailboxSave", "mailboxForget"):
        found = page.findChild(QLineEdit, name) or page.findChild(QSpinBox, name) \
            or page.findChild(QPushButton, name)
        assert found is not None and found.focusPolicy() & Qt.FocusPolicy.TabFocus, name
    assert "Give the mail server" in saved(qtbot, page, "mailboxSave", "mailboxMessage")

    fill_mailbox(page, imap_server, dovecot.PASSWORD)  # the system's authorities: no trust
    said = saved(qtbot, page, "mailboxSave", "mailboxMessage")
    assert said == "The mail server's secure connection could not be verified (TLS)."
    assert demo_vault.leaks.mailbox() is None

    monkeypatch.setenv("ZPV_CA_BUNDLE", imap_server.ca_bundle)
    child(page, QLineEdit, "mailboxPassword").setText("not-the-password")
    said = saved(qtbot, page, "mailboxSave", "mailboxMessage")
    assert said == "The mail server did not accept the user name and password."
    assert demo_vault.leaks.mailbox() is None

    child(page, QLineEdit, "mailboxPassword").setText(dovecot.PASSWORD)
    said = saved(qtbot, page, "mailboxSave", "mailboxMessage")
    assert said == "Saved."
    assert child(page, QLabel, "mailboxInUse").text().startswith(
        "Watching INBOX of alex at 127.0.0.1:")
    kept = demo_vault.leaks.mailbox()
    assert kept is not None and kept.password == dovecot.PASSWORD
    assert kept.trusted_authserv_id == dovecot.AUTHSERV_ID
    password = child(page, QLineEdit, "mailboxPassword")
    assert password.text() == "" and password.placeholderText() == "kept in your vault"

    # Saved again with the password left empty: the kept one is used, and checked.
    said = saved(qtbot, page, "mailboxSave", "mailboxMessage")
    assert said == "Saved."
    assert demo_vault.leaks.mailbox() == kept

    child(page, QPushButton, "mailboxForget").click()
    qtbot.waitUntil(lambda: demo_vault.leaks.mailbox() is None, timeout=5_000)
    qtbot.waitUntil(lambda: child(page, QLabel, "mailboxInUse").text()
                    == "No mailbox is watched.", timeout=5_000)
    assert child(page, QLineEdit, "mailboxHost").text() == ""
