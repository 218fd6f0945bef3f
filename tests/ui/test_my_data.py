"""My data page, driven through its real editors on a real vault on disk, with real threads."""

from __future__ import annotations

import time
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QThreadPool
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.support.brand_keys import BrandKeys, signed_request
from tests.support.clock import DAY
from tests.support.specs import request_spec
from ui.fields.editors import MultiChoiceEditor
from ui.fields.model import KEY_ROLE, VALUE
from ui.fields.page import MyDataPage
from ui.session import Session
from vault.vault import Vault
from zpd.fieldtypes import FieldType, Sensitivity

T = TypeVar("T")
WAIT_MS = 5_000


def child(parent: QWidget, kind: type[T], name: str) -> T:
    found = parent.findChild(kind, name)  # type: ignore[arg-type]
    assert found is not None, name
    return found  # type: ignore[return-value]


def show_page(qtbot: QtBot, session_vault: tuple[Session, Vault]) -> MyDataPage:
    session, vault = session_vault
    page = MyDataPage(session)
    qtbot.addWidget(page)
    page.resize(960, 640)
    page.show()
    session.open(vault)
    table = child(page, QTableView, "fieldsTable")
    qtbot.waitUntil(lambda: table.model().rowCount() >= 40, timeout=WAIT_MS)
    return page


def select(page: MyDataPage, key: str) -> QModelIndex:
    model = page.table.model()
    for row in range(model.rowCount()):
        index = model.index(row, VALUE)
        if index.data(KEY_ROLE) == key:
            page.table.setCurrentIndex(index)
            return index
    raise AssertionError(f"{key} is not shown")


def shown_value(page: MyDataPage, key: str) -> str:
    return str(select(page, key).data())


def open_editor(qtbot: QtBot, page: MyDataPage, key: str, kind: type[T], name: str) -> T:
    select(page, key)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    return child(page.table, kind, name)


def test_number_typed_into_the_spin_box_is_stored(qtbot: QtBot, session_vault: tuple[Session, Vault]
                                                  ) -> None:
    session, vault = session_vault
    page = show_page(qtbot, session_vault)
    editor = open_editor(qtbot, page, "shoe_size_eu", QDoubleSpinBox, "numberEditor")
    assert (editor.maximum(), editor.singleStep()) == (52, 0.5)
    assert editor.text() == "Not set"  # no value yet: blank, one step below the minimum 15
    editor.lineEdit().selectAll()
    qtbot.keyClicks(editor, "41.5")
    with qtbot.waitSignal(session.changed, timeout=WAIT_MS):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown_value(page, "shoe_size_eu") == "41.5", timeout=WAIT_MS)
    assert vault.fields.get("shoe_size_eu") == 41.5
    assert not child(page, QLabel, "fieldError").isVisible()


def test_integer_field_gets_a_spin_box_with_its_range(qtbot: QtBot,
                                                      session_vault: tuple[Session, Vault]) -> None:
    _, vault = session_vault
    page = show_page(qtbot, session_vault)
    select(page, "household_size")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = child(page.table, QSpinBox, "numberEditor")
    assert editor.maximum() == 20 and editor.minimum() + 1 == 1
    editor.setValue(4)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vault.fields.get("household_size") == 4, timeout=WAIT_MS)


def test_multi_choice_ticked_with_the_keyboard_is_stored(
    qtbot: QtBot, session_vault: tuple[Session, Vault]
) -> None:
    _, vault = session_vault
    page = show_page(qtbot, session_vault)
    editor = open_editor(qtbot, page, "favourite_colours", MultiChoiceEditor, "multiChoiceEditor")
    for choice in ("green", "navy"):
        row = next(r for r in range(editor.count())
                   if editor.item(r).data(Qt.ItemDataRole.UserRole) == choice)
        editor.setCurrentRow(row)
        qtbot.keyClick(editor, Qt.Key.Key_Space)
    assert editor.chosen() == ["navy", "green"]
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vault.fields.get("favourite_colours") == ["navy", "green"],
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: shown_value(page, "favourite_colours") == "Navy, Green",
                    timeout=WAIT_MS)


def test_invalid_value_is_explained_and_changes_nothing(
    qtbot: QtBot, session_vault: tuple[Session, Vault]
) -> None:
    session, vault = session_vault
    vault.fields.set("shoe_size_eu", 41)
    page = show_page(qtbot, session_vault)
    error = child(page, QLabel, "fieldError")
    editor = open_editor(qtbot, page, "shoe_size_eu", QDoubleSpinBox, "numberEditor")
    editor.lineEdit().selectAll()
    qtbot.keyClicks(editor, "38.3")  # sizes come in half steps
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(error.isVisible, timeout=WAIT_MS)
    assert "Shoe size (EU)" in error.text() and "steps of 0.5" in error.text()
    assert vault.fields.get("shoe_size_eu") == 41
    assert len(vault.fields.history("shoe_size_eu")) == 1
    assert shown_value(page, "shoe_size_eu") == "41"

    editor = open_editor(qtbot, page, "email", QLineEdit, "textEditor")
    qtbot.keyClicks(editor, "not an address")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "email address" in error.text(), timeout=WAIT_MS)
    assert vault.fields.get("email") is None


def test_editor_left_alone_writes_nothing(
    qtbot: QtBot, session_vault: tuple[Session, Vault]
) -> None:
    _, vault = session_vault
    page = show_page(qtbot, session_vault)
    editor = open_editor(qtbot, page, "household_size", QSpinBox, "numberEditor")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # "Not set" is not a number to store
    combo = open_editor(qtbot, page, "diet", QComboBox, "choiceEditor")
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
    QCoreApplication.processEvents()  # any callback would run now
    assert vault.fields.get("household_size") is None and vault.fields.get("diet") is None
    assert [e.action for e in vault.audit.entries()] == ["vault.created"]


def test_clear_removes_the_value(qtbot: QtBot, session_vault: tuple[Session, Vault]) -> None:
    _, vault = session_vault
    vault.fields.set("diet", "vegan")
    page = show_page(qtbot, session_vault)
    button = child(page, QPushButton, "clearFieldButton")
    select(page, "diet")
    assert button.isEnabled()
    button.click()
    qtbot.waitUntil(lambda: vault.fields.get("diet") is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: shown_value(page, "diet") == "", timeout=WAIT_MS)
    select(page, "diet")
    assert not button.isEnabled()  # nothing left to clear


def test_clear_of_a_field_an_active_grant_requires_is_refused_in_words(
    qtbot: QtBot, session_vault: tuple[Session, Vault]
) -> None:
    _, vault = session_vault
    keys = BrandKeys.generate()
    now = int(time.time())
    vault.brands.import_request(signed_request(keys, request_spec(), iat=now, exp=now + 30 * DAY))
    vault.fields.set("shoe_size_eu", 42)
    vault.grants.share("https://shoes.example", "fit-advice")
    page = show_page(qtbot, session_vault)
    error = child(page, QLabel, "fieldError")
    select(page, "shoe_size_eu")
    child(page, QPushButton, "clearFieldButton").click()
    qtbot.waitUntil(error.isVisible, timeout=WAIT_MS)
    assert "required by an active share: revoke it first" in error.text()
    assert vault.fields.get("shoe_size_eu") == 42


def test_search_filters_by_label_key_and_value(qtbot: QtBot,
                                               session_vault: tuple[Session, Vault]) -> None:
    _, vault = session_vault
    vault.fields.set("favourite_colours", ["navy"])
    page = show_page(qtbot, session_vault)
    model = page.table.model()
    search = child(page, QLineEdit, "fieldSearch")

    def keys_shown() -> set[str]:
        return {model.index(r, VALUE).data(KEY_ROLE) for r in range(model.rowCount())}

    qtbot.keyClicks(search, "Shoe size")
    assert keys_shown() == {"shoe_size_eu"}
    search.setText("household_size")  # by key
    assert keys_shown() == {"household_size"}
    search.setText("NAVY")  # by value, any case
    assert keys_shown() == {"favourite_colours"}
    search.setText("no such thing anywhere")
    assert keys_shown() == set() and child(page, QLabel, "noMatches").isVisible()
    search.clear()
    categories = child(page, QComboBox, "categoryFilter")
    categories.setCurrentIndex(categories.findData("food"))
    shown = keys_shown()
    assert "diet" in shown and "allergies" in shown and "shoe_size_eu" not in shown


def test_special_category_fields_are_flagged(
    qtbot: QtBot, session_vault: tuple[Session, Vault]
) -> None:
    page = show_page(qtbot, session_vault)
    index = select(page, "allergies").siblingAtColumn(2)
    assert index.data() == "Special category"
    assert "Article 9" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert select(page, "diet").siblingAtColumn(2).data() == "Everyday"  # as the balance says


def test_custom_field_can_be_added_then_set(
    qtbot: QtBot, session_vault: tuple[Session, Vault]
) -> None:
    _, vault = session_vault
    page = show_page(qtbot, session_vault)
    child(page, QPushButton, "addCustomFieldButton").click()
    dialog = child(page, QDialog, "customFieldDialog")
    qtbot.keyClicks(child(dialog, QLineEdit, "customLabel"), "Favourite tea")
    assert child(dialog, QLineEdit, "customKey").text() == "favourite_tea"
    kind = child(dialog, QComboBox, "customType")
    kind.setCurrentIndex(kind.findData("choice"))
    sensitivity = child(dialog, QComboBox, "customSensitivity")
    sensitivity.setCurrentIndex(sensitivity.findData("personal"))
    child(dialog, QPlainTextEdit, "customChoices").setPlainText("green\nblack\noolong\n")
    child(dialog, QPushButton, "customFieldSave").click()
    qtbot.waitUntil(lambda: page.model.row_of("x_favourite_tea") >= 0, timeout=WAIT_MS)
    definition = vault.fields.definition("x_favourite_tea")
    assert definition.choices == ("green", "black", "oolong")
    assert definition.sensitivity == "personal"
    qtbot.waitUntil(lambda: page.table.currentIndex().data(KEY_ROLE) == "x_favourite_tea",
                    timeout=WAIT_MS)

    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # the new field is selected: edit it
    combo = child(page.table, QComboBox, "choiceEditor")
    combo.setCurrentIndex(combo.findData("oolong"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: vault.fields.get("x_favourite_tea") == "oolong", timeout=WAIT_MS)


def test_custom_field_with_a_taken_key_is_refused_in_the_dialog(
    qtbot: QtBot, session_vault: tuple[Session, Vault]
) -> None:
    _, vault = session_vault
    vault.fields.define("x_tea", "Tea", FieldType.TEXT, Sensitivity.LOW)
    page = show_page(qtbot, session_vault)
    child(page, QPushButton, "addCustomFieldButton").click()
    dialog = child(page, QDialog, "customFieldDialog")
    child(dialog, QLineEdit, "customLabel").setText("Tea again")
    child(dialog, QLineEdit, "customKey").setText("tea")
    child(dialog, QPushButton, "customFieldSave").click()
    error = child(dialog, QLabel, "customFieldError")
    qtbot.waitUntil(error.isVisible, timeout=WAIT_MS)
    assert "already have a field with this key" in error.text()
    assert dialog.isVisible()


def test_history_dialog_lists_changes_newest_first(qtbot: QtBot,
                                                   session_vault: tuple[Session, Vault]) -> None:
    _, vault = session_vault
    vault.fields.set("diet", "vegetarian")
    vault.fields.set("diet", "vegan")
    vault.fields.clear("diet")
    page = show_page(qtbot, session_vault)
    select(page, "diet")
    child(page, QPushButton, "fieldHistoryButton").click()
    qtbot.waitUntil(lambda: page.findChild(QDialog, "historyDialog") is not None,
                    timeout=WAIT_MS)
    dialog = child(page, QDialog, "historyDialog")
    table = child(dialog, QTableView, "historyTable")
    values = [table.model().index(r, 1).data() for r in range(table.model().rowCount())]
    assert values == ["(cleared)", "Vegan", "Vegetarian"]
    assert all(table.model().index(r, 0).data() for r in range(3))


def test_lock_forgets_values_and_closes_dialogs(qtbot: QtBot,
                                                session_vault: tuple[Session, Vault]) -> None:
    session, vault = session_vault
    vault.fields.set("diet", "vegan")
    page = show_page(qtbot, session_vault)
    select(page, "diet")
    page.show_history()
    qtbot.waitUntil(lambda: page.findChild(QDialog, "historyDialog") is not None,
                    timeout=WAIT_MS)
    session.lock()
    assert page.model.rowCount() == 0
    dialog = page.findChild(QDialog, "historyDialog")
    assert dialog is None or not dialog.isVisible()


def test_a_new_vault_says_where_to_start_until_a_value_is_set(
        qtbot: QtBot, session_vault: tuple[Session, Vault]) -> None:
    _, vault = session_vault
    assert all(field.value is None for field in vault.fields.all())
    page = show_page(qtbot, session_vault)
    welcome = child(page, QLabel, "myDataWelcome")
    qtbot.waitUntil(welcome.isVisible, timeout=WAIT_MS)
    assert "choose a field and press Enter" in welcome.text()
    editor = open_editor(qtbot, page, "shoe_size_eu", QDoubleSpinBox, "numberEditor")
    editor.lineEdit().selectAll()
    qtbot.keyClicks(editor, "41")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not welcome.isVisible(), timeout=WAIT_MS)
    assert vault.fields.get("shoe_size_eu") == 41


def test_values_shared_with_a_brand_are_marked_and_say_so_until_revoked(
        qtbot: QtBot, session_vault: tuple[Session, Vault]) -> None:
    _, vault = session_vault
    keys = BrandKeys.generate()
    now = int(time.time())
    vault.brands.import_request(signed_request(keys, request_spec(), iat=now, exp=now + 30 * DAY))
    vault.fields.set("shoe_size_eu", 42)
    vault.fields.set("preferred_name", "Alex")
    grant = vault.grants.share("https://shoes.example", "fit-advice").grant.id
    page = show_page(qtbot, session_vault)
    shared = select(page, "shoe_size_eu")
    qtbot.waitUntil(lambda: shared.data(Qt.ItemDataRole.DecorationRole) is not None,
                    timeout=WAIT_MS)
    assert "Shared with Shoes Example: a change is sent to them." in shared.data(
        Qt.ItemDataRole.ToolTipRole)
    assert "shared with Shoes Example" in shared.data(Qt.ItemDataRole.AccessibleTextRole)
    not_shared = select(page, "preferred_name")
    assert not_shared.data(Qt.ItemDataRole.DecorationRole) is None
    assert "Shared with" not in not_shared.data(Qt.ItemDataRole.ToolTipRole)

    page.session.call(lambda v: v.grants.revoke(grant))
    qtbot.waitUntil(lambda: select(page, "shoe_size_eu").data(
        Qt.ItemDataRole.DecorationRole) is None, timeout=WAIT_MS)
