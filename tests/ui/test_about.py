"""Help > About: reached from the menu by keyboard, and saying what this installation is,
checked against the libraries themselves."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import sqlcipher3
from PySide6.QtCore import QEvent, Qt, qVersion
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.support.vaults import MadeVault
from ui import i18n
from ui.about import AboutDialog
from ui.app import app_icon
from ui.main_window import MainWindow


def open_about(qtbot: QtBot, directory: Path) -> AboutDialog:
    """Open the dialog as a person would from the keyboard: Alt and the Help menu's
    underlined letter, then the About item's (in the language shown)."""
    QApplication.setWindowIcon(app_icon())
    window = MainWindow(directory)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    assert window.about_action.isEnabled()  # on the unlock screen too, before any unlock
    window.welcome.currentWidget().setFocus()  # wherever the person is on the screen
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    focused = QApplication.focusWidget()
    qtbot.keyClick(focused, underlined(window.help_menu.title()), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.help_menu.isVisible())
    press(window.help_menu, window.about_action.text())
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is not None)
    dialog = window.findChild(AboutDialog)
    assert isinstance(dialog, AboutDialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10_000)
    return dialog


def underlined(label: str) -> Qt.Key:
    """The key of a label's mnemonic: Alt+H for "&Help", Alt+Β for "&Βοήθεια"."""
    return Qt.Key(QKeySequence.mnemonic(label)[0].key())


def press(menu: QWidget, label: str) -> None:
    """Type a label's underlined letter into an open menu (a key event carrying its text,
    as a keyboard sends it: a menu matches the text, which QTest leaves out for letters
    beyond ASCII)."""
    letter = label[label.index("&") + 1]
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, underlined(label), Qt.KeyboardModifier.NoModifier, letter.lower())
        QApplication.sendEvent(menu, event)


def text(dialog: AboutDialog, name: str) -> str:
    label = dialog.findChild(QLabel, name)
    assert label is not None, name
    assert label.textFormat() == Qt.TextFormat.PlainText
    return label.text()


def test_about_names_the_version_qt_sqlcipher_and_the_licence(
        qtbot: QtBot, made_vault: MadeVault) -> None:
    dialog = open_about(qtbot, made_vault.directory)
    assert text(dialog, "aboutVersion") == f"Version {metadata.version('zero-party-vault')}"
    connection = sqlcipher3.connect(":memory:")
    (cipher,) = connection.execute("PRAGMA cipher_version").fetchone()
    (engine,) = connection.execute("SELECT sqlite_version()").fetchone()
    connection.close()
    assert text(dialog, "aboutLibraries") == (
        f"Qt {qVersion()} (PySide6 {metadata.version('PySide6-Essentials')}), "
        f"SQLCipher {cipher} (SQLite {engine})")
    assert text(dialog, "aboutLicence") == "Licence: AGPL-3.0-or-later"
    icon = dialog.findChild(QLabel, "aboutIcon")
    assert icon is not None and not icon.pixmap().isNull() and icon.accessibleName()
    close = dialog.findChild(QPushButton, "aboutCloseButton")
    assert close is not None and close.isDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_about_speaks_greek(qtbot: QtBot, made_vault: MadeVault) -> None:
    assert i18n.install("el")
    try:
        dialog = open_about(qtbot, made_vault.directory)
        assert dialog.windowTitle() == "Σχετικά με το Zero-Party Vault"
        assert not text(dialog, "aboutVersion").startswith("Version")
        assert not text(dialog, "aboutLicence").startswith("Licence")
        assert "AGPL-3.0-or-later" in text(dialog, "aboutLicence")
    finally:
        i18n.install("en")
