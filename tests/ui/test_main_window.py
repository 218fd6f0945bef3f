"""The first desktop window, driven as a person would: real vault on disk, real threads."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton, QTableView
from pytestqt.qtbot import QtBot

from tests.support.vaults import NEW_PASSPHRASE, PASSPHRASE, PROJECT_ROOT, MadeVault
from ui.main_window import MainWindow
from ui.widgets.clipboard import secret_clipboard
from vault.errors import WrongPassphrase
from vault.vault import Vault

T = TypeVar("T")


def child(window: MainWindow, kind: type[T], name: str) -> T:
    found = window.findChild(kind, name)
    assert found is not None, name
    return found


def open_window(qtbot: QtBot, directory: Path) -> MainWindow:
    window = MainWindow(directory)
    qtbot.addWidget(window)
    window.show()
    return window


def test_first_run_creates_vault_shows_code_once_then_fields(qtbot: QtBot, tmp_path: Path) -> None:
    directory = tmp_path / "vault"
    window = open_window(qtbot, directory)
    child(window, QLineEdit, "newPassphrase").setText(PASSPHRASE)
    child(window, QLineEdit, "repeatPassphrase").setText(PASSPHRASE)
    child(window, QPushButton, "createButton").click()

    code_label = child(window, QLabel, "recoveryCode")
    qtbot.waitUntil(lambda: code_label.isVisible() and code_label.text() != "", timeout=10_000)
    code = code_label.text()
    assert re.fullmatch(r"([0-9A-Z]{5}-){5}[0-9A-Z]{5}", code)
    open_button = child(window, QPushButton, "openVaultButton")
    assert not open_button.isEnabled()
    page = window.welcome.code_page
    check = child(window, QLineEdit, "codeCheck")
    group = code.split("-")[page.group_asked - 1]
    check.setText(code.split("-")[0] if page.group_asked != 1 else "XXXXX")
    assert not open_button.isEnabled(), "a wrong group does not open the vault"
    check.setText(group.lower().replace("0", "O"))  # read as forgivingly as at unlock
    assert open_button.isEnabled()
    open_button.click()
    assert code_label.text() == ""  # not left behind in the widget tree

    table = child(window, QTableView, "fieldsTable")
    qtbot.waitUntil(lambda: table.isVisible() and table.model().rowCount() >= 40, timeout=5_000)
    assert window.vault is not None and not window.vault.is_locked
    window.lock()
    # The code really opens the vault on disk.
    Vault.unlock_with_recovery_code(directory, code).lock()


def test_mismatched_or_weak_passphrase_is_refused_with_reason(
    qtbot: QtBot, tmp_path: Path
) -> None:
    directory = tmp_path / "vault"
    window = open_window(qtbot, directory)
    window.welcome.tour_page.skip_button.click()  # the first-run tour, skipped
    error = child(window, QLabel, "createError")
    child(window, QLineEdit, "newPassphrase").setText(PASSPHRASE)
    child(window, QLineEdit, "repeatPassphrase").setText(PASSPHRASE + "x")
    child(window, QPushButton, "createButton").click()
    assert error.isVisible() and "differ" in error.text()

    for box in ("newPassphrase", "repeatPassphrase"):
        child(window, QLineEdit, box).setText("password1234")
    child(window, QPushButton, "createButton").click()
    qtbot.waitUntil(lambda: "common" in error.text(), timeout=5_000)
    assert not directory.exists()


def test_unlock_wrong_then_right_then_lock_drops_the_key(
    qtbot: QtBot, made_vault: MadeVault
) -> None:
    window = open_window(qtbot, made_vault.directory)
    secret = child(window, QLineEdit, "unlockSecret")
    error = child(window, QLabel, "unlockError")
    secret.setText("not the passphrase at all")
    child(window, QPushButton, "unlockButton").click()
    qtbot.waitUntil(error.isVisible, timeout=5_000)
    assert "does not open" in error.text()
    assert window.vault is None
    # Switching to the recovery code and back drops the error: it was about the other secret.
    use_code = window.welcome.unlock_page.use_code
    use_code.setChecked(True)
    assert not error.isVisible()
    use_code.setChecked(False)

    secret.setText(made_vault.passphrase)
    child(window, QPushButton, "unlockButton").click()
    qtbot.waitUntil(lambda: window.vault is not None, timeout=5_000)
    vault = window.vault
    assert vault is not None

    window.lock_action.trigger()  # Ctrl+L
    assert window.vault is None and vault.is_locked
    assert secret.isVisible() and secret.text() == ""
    # The directory lock is released: another opener succeeds.
    made_vault.unlock().lock()


def test_unlock_with_recovery_code_asks_for_a_new_passphrase_at_once(
    qtbot: QtBot, made_vault: MadeVault
) -> None:
    window = open_window(qtbot, made_vault.directory)
    child(window, QCheckBox, "useRecoveryCode").setChecked(True)
    child(window, QLineEdit, "unlockSecret").setText(made_vault.recovery_code.lower())
    child(window, QPushButton, "unlockButton").click()
    new = child(window, QLineEdit, "recoveryNewPassphrase")
    qtbot.waitUntil(new.isVisible, timeout=5_000)
    assert window.vault is None  # nothing shown before the new passphrase is set
    new.setText(NEW_PASSPHRASE)
    child(window, QLineEdit, "recoveryRepeatPassphrase").setText(NEW_PASSPHRASE + "x")
    child(window, QPushButton, "setPassphraseButton").click()
    error = child(window, QLabel, "recoveryPassphraseError")
    assert error.isVisible() and "differ" in error.text()
    child(window, QLineEdit, "recoveryRepeatPassphrase").setText(NEW_PASSPHRASE)
    child(window, QPushButton, "setPassphraseButton").click()
    qtbot.waitUntil(lambda: window.vault is not None, timeout=10_000)
    assert new.text() == ""
    window.lock()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(made_vault.directory, made_vault.passphrase)
    Vault.unlock(made_vault.directory, NEW_PASSPHRASE).lock()
    Vault.unlock_with_recovery_code(made_vault.directory, made_vault.recovery_code).lock()


def test_locking_instead_of_a_new_passphrase_closes_the_vault(
    qtbot: QtBot, made_vault: MadeVault
) -> None:
    window = open_window(qtbot, made_vault.directory)
    child(window, QCheckBox, "useRecoveryCode").setChecked(True)
    child(window, QLineEdit, "unlockSecret").setText(made_vault.recovery_code)
    child(window, QPushButton, "unlockButton").click()
    lock = child(window, QPushButton, "recoveryLockButton")
    qtbot.waitUntil(lock.isVisible, timeout=5_000)
    lock.click()
    assert child(window, QLineEdit, "unlockSecret").isVisible()
    assert not child(window, QCheckBox, "useRecoveryCode").isChecked()
    made_vault.unlock().lock()  # closed: the directory is free, the passphrase unchanged


def test_search_filters_fields(qtbot: QtBot, made_vault: MadeVault) -> None:
    with made_vault.unlock() as vault:
        vault.fields.set("shoe_size_eu", 41)
    window = open_window(qtbot, made_vault.directory)
    child(window, QLineEdit, "unlockSecret").setText(made_vault.passphrase)
    child(window, QPushButton, "unlockButton").click()
    table = child(window, QTableView, "fieldsTable")
    qtbot.waitUntil(lambda: table.model().rowCount() >= 40, timeout=5_000)
    child(window, QLineEdit, "fieldSearch").setText("shoe size")
    model = table.model()
    assert model.rowCount() == 1
    assert model.index(0, 3).data() == "41"
    window.lock()


def test_after_unlock_only_the_page_shown_is_built_the_rest_when_first_shown(
    qtbot: QtBot, made_vault: MadeVault
) -> None:
    with made_vault.unlock() as vault:
        vault.fields.set("shoe_size_eu", 41)
    window = open_window(qtbot, made_vault.directory)
    unlock = window.welcome.unlock_page  # looked up directly: finding by name builds all
    unlock.secret.setText(made_vault.passphrase)
    unlock.unlock_button.click()
    qtbot.waitUntil(lambda: window.vault is not None, timeout=5_000)
    assert window.pages_built == 1  # My data, the page shown
    sidebar = window.centralWidget().currentWidget().sidebar
    names = [sidebar.item(row).text() for row in range(sidebar.count())]
    assert names == ["My data", "Brands", "Shared", "Activity", "Settings"]

    sidebar.setCurrentRow(3)  # Activity: built now, and it loads what the vault holds
    assert window.pages_built == 2
    activity = window.area.page_at(3)
    assert activity is not None and not activity.isVisible()  # shown in the next turn
    assert window.area.stack.currentWidget() is window.area.page_at(0)
    qtbot.waitUntil(lambda: window.activity.model.rowCount() > 0, timeout=5_000)
    assert window.activity.isVisible()
    assert [page.title() for page in window.area.pages] == names  # every page's own title

    sidebar.setCurrentRow(4)  # Settings, chosen and left before its turn to be shown came
    sidebar.setCurrentRow(0)
    qtbot.wait(50)
    assert window.area.stack.currentWidget() is window.area.page_at(0)
    window.lock()


def test_a_page_behind_another_is_refilled_when_shown_not_at_each_change(
    qtbot: QtBot, made_vault: MadeVault
) -> None:
    """After a share or an import every page refilled at once, in one long turn."""
    window = open_window(qtbot, made_vault.directory)
    window.welcome.unlock_page.secret.setText(made_vault.passphrase)
    window.welcome.unlock_page.unlock_button.click()
    qtbot.waitUntil(lambda: window.vault is not None, timeout=5_000)
    sidebar = window.area.sidebar
    sidebar.setCurrentRow(3)  # Activity, built and filled
    activity = window.activity
    qtbot.waitUntil(lambda: activity.model.rowCount() > 0, timeout=5_000)
    entries = activity.model.rowCount()
    sidebar.setCurrentRow(0)  # My data in front, Activity behind it
    reloads: list[bool] = []
    activity.reload = lambda: reloads.append(True)  # type: ignore[method-assign]
    table = child(window, QTableView, "fieldsTable")
    window.session.call(lambda vault: vault.fields.set("shoe_size_eu", 43))
    qtbot.waitUntil(lambda: any(table.model().index(row, 3).data() == "43"
                                for row in range(table.model().rowCount())), timeout=5_000)
    qtbot.wait(100)
    assert reloads == []  # nothing refilled behind My data
    del activity.reload  # the page's own again
    sidebar.setCurrentRow(3)
    qtbot.waitUntil(lambda: activity.model.rowCount() > entries, timeout=5_000)
    window.lock()


def test_copied_secret_is_cleared_from_clipboard(qtbot: QtBot) -> None:
    clipboard = QGuiApplication.clipboard()
    secret_clipboard().copy("ABCDE-FGHJK", seconds=1)
    assert clipboard.text() == "ABCDE-FGHJK"
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=3_000)


def test_without_a_display_main_explains_in_one_line() -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [sys.executable, "main.py"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
        timeout=30,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "offscreen" in lines[0] and "zpv" in lines[0]
    assert "Traceback" not in result.stderr
