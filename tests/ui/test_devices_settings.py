"""Settings > Devices: set up sync into a folder, see the other devices and when each was
last seen, sync now, and remove one only after a question that says what removal does.
Real vaults share a real folder; the section's calls run through the session's workers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.support.vaults import FAST_KDF, PASSPHRASE
from ui.main_window import MainWindow
from ui.settings.devices import DevicesSection
from ui.settings.sync_setup import SetupChoice, SetupDialog
from ui.widgets.confirmation import question_box
from vault.sync.joining import join
from vault.vault import Vault

WAIT_MS = 8_000


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    vault, _ = Vault.create(tmp_path / "desk", PASSPHRASE, kdf=FAST_KDF)
    main = MainWindow(tmp_path / "desk")
    qtbot.addWidget(main)
    main.resize(960, 640)
    main.show()
    main.open_vault(vault)
    yield main
    main.lock()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


def section_of(main: MainWindow) -> DevicesSection:
    return main.settings_page.devices


def sealed(folder: Path) -> list[str]:
    return sorted(p.suffix for p in folder.iterdir() if not p.name.startswith("."))


def test_set_up_writes_the_vault_into_the_folder_and_starts_watching(
    qtbot: QtBot, window: MainWindow, tmp_path: Path,
) -> None:
    section = section_of(window)
    qtbot.waitUntil(lambda: section.setup_button.isVisibleTo(section), timeout=WAIT_MS)
    assert not section.sync_button.isVisibleTo(section)
    folder = tmp_path / "synced"
    asked: list[QWidget] = []

    def answer(parent: QWidget) -> SetupChoice:
        asked.append(parent)
        return SetupChoice(folder, "desk", PASSPHRASE)

    section.ask_setup = answer
    section.setup_button.click()

    qtbot.waitUntil(lambda: section.this_name.text() == "desk", timeout=WAIT_MS)
    assert asked == [section]
    assert section.folder.toolTip() == str(folder)
    assert sealed(folder) == [".zpk", ".zps"]  # its key file and its first segment
    assert section.sync_button.isVisibleTo(section)
    assert not section.setup_button.isVisibleTo(section)
    assert "now syncs through" in section.message.text()
    qtbot.waitUntil(lambda: window.sync_watch.running, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.sync_status.text() == "Sync: up to date.", timeout=WAIT_MS)


def test_a_wrong_passphrase_sets_nothing_up(
    qtbot: QtBot, window: MainWindow, tmp_path: Path,
) -> None:
    section = section_of(window)
    folder = tmp_path / "synced"
    section.ask_setup = lambda _parent: SetupChoice(folder, None, "not the passphrase 1")
    section.setup_button.click()
    qtbot.waitUntil(lambda: section.message.text() ==
                    "That passphrase does not open this vault.", timeout=WAIT_MS)
    assert section.message.isVisibleTo(section)
    assert not folder.exists() or sealed(folder) == []
    assert section.setup_button.isEnabled()
    assert not window.sync_watch.running


def test_other_devices_are_listed_and_removed_only_when_confirmed(
    qtbot: QtBot, window: MainWindow, tmp_path: Path,
) -> None:
    vault = window.vault
    assert vault is not None
    folder = tmp_path / "synced"
    vault.sync.setup(folder, PASSPHRASE, "desk")
    laptop, _ = join(folder, tmp_path / "laptop", PASSPHRASE, device_name="laptop")
    window.sync_watch.restart()
    section = section_of(window)
    section.reload()
    qtbot.waitUntil(lambda: section.model.rowCount() == 1, timeout=WAIT_MS)
    name_cell = section.model.index(0, 0)
    assert name_cell.data() == "laptop"
    assert section.model.index(0, 1).data().startswith("last seen ")
    assert section.model.index(0, 2).data() == "in step"
    assert not section.remove_button.isEnabled()  # nothing chosen yet

    section.table.selectRow(0)
    assert section.remove_button.isEnabled()
    questions: list[str] = []

    def refuse(_parent: QWidget, name: str) -> bool:
        questions.append(name)
        return False

    section.confirm_removal = refuse
    section.remove_button.click()
    qtbot.wait(200)
    assert questions == ["laptop"]
    assert [d.removed for d in vault.sync.devices() if d.name == "laptop"] == [False]

    section.confirm_removal = lambda _parent, _name: True
    section.remove_button.click()
    qtbot.waitUntil(lambda: section.model.index(0, 2).data() ==
                    "removed: its later files are refused", timeout=WAIT_MS)
    assert [d.removed for d in vault.sync.devices() if d.name == "laptop"] == [True]
    assert "change the passphrase on each remaining device" in section.message.text()
    assert not section.remove_button.isEnabled()
    # The laptop's later changes are refused here.
    laptop.sync.now()
    laptop.fields.set("preferred_name", "Thief")
    laptop.sync.now()
    laptop.lock()
    section.sync_button.click()
    qtbot.waitUntil(lambda: window.sync_status.text().startswith("Sync problem"),
                    timeout=WAIT_MS)
    assert vault.fields.get("preferred_name") is None


def test_the_removal_question_says_what_removal_does_and_defaults_to_no(
    qtbot: QtBot,
) -> None:
    from ui.settings.sync_setup import removal_details

    box = question_box(None, "Remove a device", "Remove the device \u201claptop\u201d?",
                       removal_details(), "Remove device")
    qtbot.addWidget(box)
    details = box.informativeText()
    assert "refused" in details and "new key" in details and "cannot be undone" in details
    default = box.defaultButton()
    assert default is not None and box.buttonRole(default) == QMessageBox.ButtonRole.NoRole


def test_the_setup_dialog_asks_for_folder_and_passphrase(qtbot: QtBot) -> None:
    dialog = SetupDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._accept()
    assert dialog.error.text() == "Choose the folder first."
    dialog.folder.setText("/tmp/somewhere")
    dialog._accept()
    assert dialog.error.text() == "Enter your passphrase: it seals the folder's key file."
    dialog.passphrase.setText(PASSPHRASE)
    dialog._accept()
    assert dialog.result() == 1
    assert dialog.choice() == SetupChoice(Path("/tmp/somewhere"), None, PASSPHRASE)
    for widget in (dialog.folder, dialog.name, dialog.passphrase):
        assert widget.accessibleName()
