"""The create-vault screen never contradicts itself: no red error left under a green
"Strong", no "differ" while Repeat is still empty, no reason said twice; and the passphrase
can be shown while it is typed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QLineEdit
from pytestqt.qtbot import QtBot

from tests.support.vaults import PASSPHRASE
from ui.first_run import CreatePage

WEAK = "password1234"
STRONG = "saffron kettle meadow orbit lantern 7"


def open_page(qtbot: QtBot, tmp_path: Path) -> CreatePage:
    page = CreatePage(tmp_path / "vault")
    qtbot.addWidget(page)
    page.show()
    return page


def test_an_empty_repeat_asks_for_it_instead_of_saying_the_two_differ(
    qtbot: QtBot, tmp_path: Path
) -> None:
    page = open_page(qtbot, tmp_path)
    page.passphrase.setText(PASSPHRASE)
    page.create_button.click()
    assert page.error.isVisible()
    assert "differ" not in page.error.text() and "Repeat" in page.error.text()
    assert not (tmp_path / "vault").exists()


def test_a_weak_passphrase_is_said_once_and_the_error_goes_when_it_is_changed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    page = open_page(qtbot, tmp_path)
    page.passphrase.setText(WEAK)
    page.repeat.setText(WEAK)
    page.create_button.click()
    qtbot.waitUntil(page.error.isVisible, timeout=5_000)
    assert "common" in page.error.text()
    shown = [page.error.text(), page.form.hint.text()]
    assert not page.form.hint.text() or shown[0] != shown[1], "the same reason twice"
    assert "common" not in page.form.hint.text()

    page.passphrase.setText(STRONG)
    assert page.form.hint.text() == "Strong."
    assert not page.error.isVisible(), "a red error stays under a green Strong"
    page.repeat.setText("saffron")
    assert not page.error.isVisible()


def test_show_passphrase_reveals_both_boxes_and_hides_them_again(
    qtbot: QtBot, tmp_path: Path
) -> None:
    page = open_page(qtbot, tmp_path)
    show = page.findChild(QCheckBox, "showPassphrase")
    assert show is not None and show.accessibleName() and "&" in show.text()
    assert page.passphrase.echoMode() is QLineEdit.EchoMode.Password
    show.setChecked(True)
    assert page.passphrase.echoMode() is QLineEdit.EchoMode.Normal
    assert page.repeat.echoMode() is QLineEdit.EchoMode.Normal
    show.setChecked(False)
    assert page.passphrase.echoMode() is QLineEdit.EchoMode.Password
    assert page.repeat.echoMode() is QLineEdit.EchoMode.Password
