"""Settings' secrets: changing the passphrase and making a new recovery code re-key the vault
off the GUI thread under a busy bar; the new code is shown once, copied concealed, saved
privately; locking takes back the clipboard and waits for a re-key under way."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QPushButton
from pytestqt.qtbot import QtBot

from tests.support.vaults import NEW_PASSPHRASE, PASSPHRASE, MadeVault
from ui.main_window import MainWindow
from ui.preferences import CLIPBOARD_CLEAR_SECONDS, Settings
from ui.recovery_code import RecoveryCodeDialog, RecoveryCodePage
from ui.widgets.clipboard import (
    KDE_HINT,
    MAC_CONCEALED_MIME,
    concealed_mime_data,
    secret_clipboard,
    windows_mime,
)
from vault.errors import WrongPassphrase, WrongRecoveryCode
from vault.vault import Vault

T = TypeVar("T")


def child(widget: object, kind: type[T], name: str) -> T:
    found = widget.findChild(kind, name)  # type: ignore[attr-defined]
    assert found is not None, name
    return found  # type: ignore[no-any-return]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot: QtBot, made_vault: MadeVault, settings: Settings) -> Iterator[MainWindow]:
    """The app on the made vault, unlocked through its unlock screen, on the Settings page."""
    opened = MainWindow(made_vault.directory, settings)
    qtbot.addWidget(opened)
    opened.show()
    child(opened, QLineEdit, "unlockSecret").setText(made_vault.passphrase)
    child(opened, QPushButton, "unlockButton").click()
    qtbot.waitUntil(lambda: opened.vault is not None, timeout=10_000)
    opened.area.show_page(opened.settings_page)
    yield opened
    opened.lock()
    secret_clipboard().clear()


def message(window: MainWindow) -> QLabel:
    return child(window, QLabel, "secretsMessage")


def new_code_dialog(qtbot: QtBot, window: MainWindow, passphrase: str | None) -> RecoveryCodeDialog:
    section = window.settings_page.secrets
    section.ask_passphrase = lambda parent: passphrase
    child(window, QPushButton, "newRecoveryCodeButton").click()
    qtbot.waitUntil(lambda: section.code_dialog is not None, timeout=10_000)
    dialog = section.code_dialog
    assert dialog is not None
    return dialog


def type_back(dialog: RecoveryCodeDialog) -> None:
    page = dialog.page
    group = page.code.text().split("-")[page.group_asked - 1]
    child(dialog, QLineEdit, "codeCheck").setText(group)


# -- passphrase ------------------------------------------------------------------------------


def test_changing_the_passphrase_in_settings_re_keys(
    qtbot: QtBot, window: MainWindow, made_vault: MadeVault
) -> None:
    opened = window.vault
    assert opened is not None
    key_before = bytes(opened._key())
    child(window, QLineEdit, "currentPassphrase").setText(PASSPHRASE)
    child(window, QLineEdit, "settingsNewPassphrase").setText(NEW_PASSPHRASE)
    child(window, QLineEdit, "settingsRepeatPassphrase").setText(NEW_PASSPHRASE)
    button = child(window, QPushButton, "changePassphrase")
    button.click()
    assert child(window, QProgressBar, "secretsBusy").isVisible() and not button.isEnabled()
    qtbot.waitUntil(lambda: "changed" in message(window).text(), timeout=10_000)
    assert button.isEnabled() and not child(window, QProgressBar, "secretsBusy").isVisible()
    assert child(window, QLineEdit, "currentPassphrase").text() == ""
    assert bytes(opened._key()) != key_before
    window.lock()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(made_vault.directory, PASSPHRASE)
    Vault.unlock(made_vault.directory, NEW_PASSPHRASE).lock()


def test_a_wrong_current_passphrase_changes_nothing(
    qtbot: QtBot, window: MainWindow, made_vault: MadeVault
) -> None:
    child(window, QLineEdit, "currentPassphrase").setText("not it at all, sorry")
    child(window, QLineEdit, "settingsNewPassphrase").setText(NEW_PASSPHRASE)
    child(window, QLineEdit, "settingsRepeatPassphrase").setText(NEW_PASSPHRASE)
    child(window, QPushButton, "changePassphrase").click()
    qtbot.waitUntil(lambda: "does not open" in message(window).text(), timeout=10_000)
    window.lock()
    Vault.unlock(made_vault.directory, PASSPHRASE).lock()


# -- recovery code ---------------------------------------------------------------------------


def test_a_new_recovery_code_is_shown_once_and_voids_the_old_one(
    qtbot: QtBot, window: MainWindow, made_vault: MadeVault
) -> None:
    dialog = new_code_dialog(qtbot, window, PASSPHRASE)
    code = dialog.page.code.text()
    assert dialog.isVisible() and code
    assert "no longer" in message(window).text()
    done = child(dialog, QPushButton, "openVaultButton")
    assert not done.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closing it unseen is not an option
    dialog.close()
    assert dialog.isVisible()
    type_back(dialog)
    done.click()
    assert not dialog.isVisible() and dialog.page.code.text() == ""
    window.lock()
    with pytest.raises(WrongRecoveryCode):
        Vault.unlock_with_recovery_code(made_vault.directory, made_vault.recovery_code)
    Vault.unlock_with_recovery_code(made_vault.directory, code).lock()
    Vault.unlock(made_vault.directory, PASSPHRASE).lock()


def test_a_new_recovery_code_needs_the_passphrase(
    qtbot: QtBot, window: MainWindow, made_vault: MadeVault
) -> None:
    section = window.settings_page.secrets
    section.ask_passphrase = lambda parent: None  # cancelled
    child(window, QPushButton, "newRecoveryCodeButton").click()
    assert section.code_dialog is None and message(window).text() == ""
    section.ask_passphrase = lambda parent: NEW_PASSPHRASE
    child(window, QPushButton, "newRecoveryCodeButton").click()
    qtbot.waitUntil(lambda: "does not open" in message(window).text(), timeout=10_000)
    assert section.code_dialog is None
    window.lock()
    Vault.unlock_with_recovery_code(made_vault.directory, made_vault.recovery_code).lock()


# -- the clipboard -------------------------------------------------------------------------


def test_the_copied_code_is_concealed_and_taken_back_on_lock(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = new_code_dialog(qtbot, window, PASSPHRASE)
    child(dialog, QPushButton, "copyRecoveryCode").click()
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == dialog.page.code.text()
    mime = clipboard.mimeData()
    assert mime is not None and bytes(mime.data(KDE_HINT).data()) == b"secret"
    assert "30 seconds" in child(dialog, QLabel, "recoveryNotice").text()  # the default
    dialog.activateWindow()
    qtbot.keyClick(dialog.page.check, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.vault is None, timeout=5_000)
    assert clipboard.text() == ""
    assert not dialog.isVisible() and dialog.page.code.text() == ""


def test_the_markers_for_each_platform(qapp: object) -> None:
    """What Qt is handed on each platform (only Linux's reaches a clipboard in these tests)."""
    linux = concealed_mime_data("X", "linux")
    assert linux.text() == "X" and bytes(linux.data(KDE_HINT).data()) == b"secret"
    windows = concealed_mime_data("X", "win32")
    assert windows.text() == "X" and not windows.hasFormat(KDE_HINT)
    for name in ("ExcludeClipboardContentFromMonitorProcessing", "CanIncludeInClipboardHistory",
                 "CanUploadToCloudClipboard"):
        assert bytes(windows.data(windows_mime(name)).data()) == b"\0\0\0\0", name
    mac = concealed_mime_data("X", "darwin")
    assert mac.text() == "X" and mac.hasFormat(MAC_CONCEALED_MIME)


def test_locking_leaves_what_the_person_copied_since(qtbot: QtBot, window: MainWindow) -> None:
    dialog = new_code_dialog(qtbot, window, PASSPHRASE)
    child(dialog, QPushButton, "copyRecoveryCode").click()
    QGuiApplication.clipboard().setText("a shopping list")
    window.lock()
    assert QGuiApplication.clipboard().text() == "a shopping list"


def test_the_clear_delay_setting_is_honoured(qtbot: QtBot, settings: Settings) -> None:
    settings.set(CLIPBOARD_CLEAR_SECONDS, 1)
    page = RecoveryCodePage(settings)
    qtbot.addWidget(page)
    page.show_code("ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567")
    child(page, QPushButton, "copyRecoveryCode").click()
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == "ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567"
    assert "1 seconds" in child(page, QLabel, "recoveryNotice").text()
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=4_000)


def test_quitting_takes_the_secret_back(qtbot: QtBot, settings: Settings) -> None:
    page = RecoveryCodePage(settings)
    qtbot.addWidget(page)
    page.show_code("ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567")
    child(page, QPushButton, "copyRecoveryCode").click()
    assert secret_clipboard().holds_secret
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    app.aboutToQuit.emit()
    assert QGuiApplication.clipboard().text() == ""
    assert not secret_clipboard().holds_secret


# -- saving the code -----------------------------------------------------------------------


def saved(qtbot: QtBot, page: RecoveryCodePage, path: Path) -> str:
    notice = child(page, QLabel, "recoveryNotice")
    notice.clear()
    page.save_to(path)
    qtbot.waitUntil(lambda: notice.text() != "", timeout=5_000)
    return notice.text()


def test_saving_the_code_writes_a_private_file_and_never_follows_a_link(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    page = RecoveryCodePage(settings)
    qtbot.addWidget(page)
    code = "ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567"
    page.show_code(code)

    new = tmp_path / "code.txt"
    assert saved(qtbot, page, new).startswith("Saved")
    assert code in new.read_text() and stat.S_IMODE(new.stat().st_mode) == 0o600

    existing = tmp_path / "existing.txt"
    existing.write_text("old")
    os.chmod(existing, 0o644)
    assert saved(qtbot, page, existing).startswith("Saved")
    assert code in existing.read_text() and stat.S_IMODE(existing.stat().st_mode) == 0o600

    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("someone else's file")
    link = tmp_path / "link.txt"
    link.symlink_to(elsewhere)
    assert saved(qtbot, page, link).startswith("Could not save")
    assert link.is_symlink() and elsewhere.read_text() == "someone else's file"
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "nothing-here.txt")
    assert saved(qtbot, page, dangling).startswith("Could not save")
    assert not (tmp_path / "nothing-here.txt").exists()
