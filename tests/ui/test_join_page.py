"""The welcome screen's "Use a vault from a synced folder": joining with the passphrase or the
recovery code opens the app onto the synced data; a wrong secret is an error in words and
changes nothing, in the folder or where the copy would go. A real vault syncs into a real
folder first; the join runs on the app's worker threads."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from pytestqt.qtbot import QtBot

from tests.support.vaults import FAST_KDF, NEW_PASSPHRASE, PASSPHRASE, file_digests, opens_with
from tests.ui.heartbeat import Heartbeat
from ui.join_page import JoinPage
from ui.main_window import MainWindow
from vault.vault import Vault

WAIT_MS = 10_000


@dataclass
class Synced:
    folder: Path
    recovery_code: str
    window: MainWindow
    directory: Path  # where the app keeps its vault (none there yet)


@pytest.fixture
def synced(qtbot: QtBot, tmp_path: Path) -> Iterator[Synced]:
    folder = tmp_path / "synced"
    desk, code = Vault.create(tmp_path / "desk", PASSPHRASE, kdf=FAST_KDF)
    desk.fields.set("preferred_name", "Alex")
    desk.sync.setup(folder, PASSPHRASE, "desk")
    desk.lock()
    directory = tmp_path / "laptop"
    window = MainWindow(directory)
    qtbot.addWidget(window)
    window.resize(960, 640)
    window.show()
    qtbot.waitExposed(window)
    yield Synced(folder, code, window, directory)
    window.lock()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


def open_join_page(qtbot: QtBot, synced: Synced) -> JoinPage:
    welcome = synced.window.welcome
    assert welcome.currentWidget() is welcome.tour_page  # a computer without a vault yet
    qtbot.mouseClick(welcome.tour_page.skip_button, Qt.MouseButton.LeftButton)
    assert welcome.currentWidget() is welcome.create_page
    qtbot.mouseClick(welcome.create_page.join_button, Qt.MouseButton.LeftButton)
    page = welcome.join_page
    assert welcome.currentWidget() is page
    assert Path(page.directory.text()).expanduser() == synced.directory  # the usual place
    return page


def test_joining_with_the_passphrase_opens_the_synced_data(qtbot: QtBot, synced: Synced) -> None:
    page = open_join_page(qtbot, synced)
    page.folder.setText(str(synced.folder))
    page.secret.setText(PASSPHRASE)
    heartbeat = Heartbeat()
    heartbeat.start()
    page.join_button.click()
    assert page.busy.isVisible() and not page.join_button.isEnabled()

    qtbot.waitUntil(lambda: synced.window.session.is_open, timeout=WAIT_MS)
    heartbeat.stop()
    vault = synced.window.vault
    assert vault is not None
    assert vault.fields.get("preferred_name") == "Alex"
    assert sorted(d.name for d in vault.sync.devices()) == ["desk", vault.sync.status()
                                                            .device_name]
    assert vault.sync.status().device_name != "desk"
    assert page.secret.text() == ""
    assert heartbeat.stall() is None, heartbeat.stall()
    qtbot.waitUntil(lambda: synced.window.sync_watch.running, timeout=WAIT_MS)


def test_a_wrong_passphrase_is_said_and_changes_nothing(qtbot: QtBot, synced: Synced) -> None:
    page = open_join_page(qtbot, synced)
    before = file_digests(synced.folder)
    page.folder.setText(str(synced.folder))
    page.secret.setText("not the passphrase 1")
    page.join_button.click()

    qtbot.waitUntil(page.error.isVisible, timeout=WAIT_MS)
    assert page.error.text() == "That passphrase does not open this vault."
    assert file_digests(synced.folder) == before
    assert not synced.directory.exists() or not any(synced.directory.iterdir())
    assert not synced.window.session.is_open
    assert synced.window.welcome.currentWidget() is page
    assert page.join_button.isEnabled()


def test_a_wrong_recovery_code_is_said_and_changes_nothing(
    qtbot: QtBot, synced: Synced,
) -> None:
    page = open_join_page(qtbot, synced)
    before = file_digests(synced.folder)
    page.folder.setText(str(synced.folder))
    page.with_code.setChecked(True)
    wrong = synced.recovery_code[:-1] + ("A" if synced.recovery_code[-1] != "A" else "B")
    page.secret.setText(wrong)
    page.new_passphrase.passphrase.setText(NEW_PASSPHRASE)
    page.new_passphrase.repeat.setText(NEW_PASSPHRASE)
    page.join_button.click()

    qtbot.waitUntil(page.error.isVisible, timeout=WAIT_MS)
    assert page.error.text() == "That recovery code does not open this vault."
    assert file_digests(synced.folder) == before
    assert not synced.directory.exists() or not any(synced.directory.iterdir())


def test_joining_with_the_recovery_code_sets_this_computers_passphrase(
    qtbot: QtBot, synced: Synced, tmp_path: Path,
) -> None:
    page = open_join_page(qtbot, synced)
    assert not page.new_passphrase.isVisibleTo(page)
    page.with_code.setChecked(True)
    assert page.new_passphrase.isVisibleTo(page)
    assert page.secret.accessibleName() == "Recovery code"
    elsewhere = tmp_path / "elsewhere"
    page.directory.setText(str(elsewhere))
    page.folder.setText(str(synced.folder))
    page.secret.setText(synced.recovery_code)
    page.new_passphrase.passphrase.setText(NEW_PASSPHRASE)
    page.new_passphrase.repeat.setText(NEW_PASSPHRASE + "x")
    page.join_button.click()
    assert page.error.text() == "The two passphrases differ."
    page.new_passphrase.repeat.setText(NEW_PASSPHRASE)
    page.join_button.click()

    qtbot.waitUntil(lambda: synced.window.session.is_open, timeout=WAIT_MS)
    vault = synced.window.vault
    assert vault is not None and vault.fields.get("preferred_name") == "Alex"
    synced.window.lock()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
    assert opens_with(elsewhere, NEW_PASSPHRASE)
    assert opens_with(elsewhere, synced.recovery_code, code=True)  # one code for every device
    welcome = synced.window.welcome
    assert welcome.currentWidget() is welcome.unlock_page
    assert welcome.directory == elsewhere  # a lock, then unlocking opens the copy joined


def test_every_control_is_named_for_a_screen_reader(qtbot: QtBot, synced: Synced) -> None:
    page = open_join_page(qtbot, synced)
    for widget in (page.folder, page.secret, page.directory, page.busy):
        assert widget.accessibleName(), widget.objectName()
    for button in (page.with_passphrase, page.with_code, page.back, page.join_button):
        assert "&" in button.text(), button.objectName()
    page.back.click()
    assert synced.window.welcome.currentWidget() is synced.window.welcome.create_page


def test_joining_with_the_keyboard_alone(qtbot: QtBot, synced: Synced) -> None:
    from PySide6.QtWidgets import QApplication

    def focused() -> str:
        widget = QApplication.focusWidget()
        return widget.objectName() if widget is not None else ""

    window = synced.window
    window.activateWindow()
    qtbot.waitUntil(lambda: focused() == "tourNextButton", timeout=WAIT_MS)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.welcome.currentWidget() is window.welcome.create_page,
                    timeout=WAIT_MS)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    page = window.welcome.join_page
    qtbot.waitUntil(lambda: focused() == "joinFolder", timeout=WAIT_MS)
    qtbot.keyClicks(page.folder, str(synced.folder))
    seen = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(focused())
    assert seen == ["joinFolderBrowse", "joinWithPassphrase", "joinSecret"]
    qtbot.keyClicks(page.secret, PASSPHRASE)
    qtbot.keyClick(page.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.is_open, timeout=WAIT_MS)
