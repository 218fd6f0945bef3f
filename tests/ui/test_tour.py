"""The first-run tour: on a computer without a vault, three short screens come before the
create screen; each can be skipped, the keyboard alone goes through them, and a computer
that has a vault goes straight to unlocking it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.support.vaults import FAST_KDF, PASSPHRASE
from ui.main_window import MainWindow
from vault.vault import Vault

WAIT_MS = 10_000


def window_on(qtbot: QtBot, directory: Path) -> MainWindow:
    window = MainWindow(directory)
    qtbot.addWidget(window)
    window.resize(960, 640)
    window.show()
    qtbot.waitExposed(window)
    return window


def focused() -> str:
    widget = QApplication.focusWidget()
    return widget.objectName() if widget is not None else ""


def test_the_tour_goes_through_three_screens_with_the_keyboard_then_to_creating(
        qtbot: QtBot, tmp_path: Path) -> None:
    window = window_on(qtbot, tmp_path / "vault")
    welcome = window.welcome
    tour = welcome.tour_page
    assert welcome.currentWidget() is tour
    window.activateWindow()
    qtbot.waitUntil(lambda: focused() == "tourNextButton", timeout=WAIT_MS)
    headings = []
    for _ in range(3):
        headings.append(tour.steps.currentWidget().accessibleName())
        assert tour.position.text() == f"{len(headings)} of 3"
        assert not tour.back_button.isEnabled() or len(headings) > 1
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert headings == ["Your preferences, kept by you", "Nothing leaves without your review",
                        "Take it back at any time"]
    assert welcome.currentWidget() is welcome.create_page
    qtbot.waitUntil(lambda: focused() == "newPassphrase", timeout=WAIT_MS)


def test_back_returns_a_screen_and_skip_goes_straight_to_creating(
        qtbot: QtBot, tmp_path: Path) -> None:
    window = window_on(qtbot, tmp_path / "vault")
    tour = window.welcome.tour_page
    tour.next_button.click()
    assert tour.steps.currentIndex() == 1 and tour.back_button.isEnabled()
    tour.back_button.click()
    assert tour.steps.currentIndex() == 0 and not tour.back_button.isEnabled()
    assert "&" in tour.skip_button.text() and "&" in tour.next_button.text()
    tour.skip_button.click()
    assert window.welcome.currentWidget() is window.welcome.create_page


def test_a_computer_with_a_vault_goes_straight_to_unlocking(qtbot: QtBot,
                                                             tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "vault", PASSPHRASE, kdf=FAST_KDF)
    vault.lock()
    window = window_on(qtbot, tmp_path / "vault")
    assert window.welcome.currentWidget() is window.welcome.unlock_page
