"""A vault put back as an older copy of itself: the unlock screen says so, and opens it
only when the person says the restore was on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from tests.support.vaults import MadeVault
from ui.main_window import MainWindow


def test_an_older_copy_is_reported_and_opened_only_on_purpose(
    qtbot: QtBot, made_vault: MadeVault, tmp_path: Path
) -> None:
    made_vault.unlock().lock()  # this computer has seen the vault as it is now
    old_copy = tmp_path / "old-copy"
    shutil.copytree(made_vault.directory, old_copy)
    with made_vault.unlock() as vault:
        vault.fields.set("shoe_size_eu", 42)  # history moves on...
    shutil.rmtree(made_vault.directory)
    shutil.copytree(old_copy, made_vault.directory)  # ...and an old copy is put back

    window = MainWindow(made_vault.directory)
    qtbot.addWidget(window)
    window.show()
    window.findChild(QLineEdit, "unlockSecret").setText(made_vault.passphrase)
    window.findChild(QPushButton, "unlockButton").click()
    error = window.findChild(QLabel, "unlockError")
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert "older copy" in error.text()
    assert window.vault is None
    accept = window.findChild(QPushButton, "acceptRollbackButton")
    assert accept.isVisible()
    accept.click()
    qtbot.waitUntil(lambda: window.vault is not None, timeout=10_000)
    assert window.vault is not None and window.vault.fields.get("shoe_size_eu") is None
    actions = [e.action for e in window.vault.audit.entries(limit=5)]
    assert "vault.rollback_accepted" in actions
    window.lock()
