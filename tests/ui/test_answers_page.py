"""My data's "Answers to brands", on a real vault with real threads: answers by brand,
changed with the keyboard (that brand's grant gets version 2, no other's), their history,
and forgotten only once no active grant carries them."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from brandkit.issuing import sign_spec
from brandkit.keys import generate_keys
from demo.brands import FAIR
from tests.support.in_process import BrandsInProcess
from tests.support.vaults import MadeVault
from ui.fields.answer_dialogs import AnswerDialog, AnswerHistoryDialog
from ui.fields.page import MyDataPage
from ui.session import Session
from ui.shared.knows import KnowsDialog
from ui.shared.models import GrantsModel, load_grants
from vault.vault import Vault

T = TypeVar("T", bound=QWidget)
WAIT_MS = 5_000
FIRST, SECOND = "https://trailworks.example", "https://peakworks.example"


@pytest.fixture
def opened(made_vault: MadeVault, qtbot: QtBot) -> Iterator[tuple[Session, Vault]]:
    vault = made_vault.unlock()
    vault.delivery.transport = BrandsInProcess()  # no brand: every exchange is refused
    session = Session()
    yield session, vault
    session.lock()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


def child(parent: QWidget, kind: type[T], name: str) -> T:
    found = parent.findChild(kind, name)
    assert found is not None, name
    return found


def two_brands_asking_the_same_key(vault: Vault) -> dict[str, str]:
    """Two brands whose polls both use `q:terrain`, each answered and shared: grant ids."""
    grants = {}
    for origin, name in ((FIRST, "Trailworks"), (SECOND, "Peakworks")):
        spec = FAIR.spec(origin)
        spec["brand"]["name"] = name
        vault.brands.import_request(sign_spec(spec, generate_keys(), now=int(time.time()) - 60))
        vault.answers.set(origin, "q:terrain", "forest")
        grants[origin] = vault.grants.share(origin, "trail-poll").grant.id
    return grants


def rows(table: QTableView) -> list[list[str]]:
    model = table.model()
    return [[str(model.index(r, c).data()) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_answers_are_listed_by_brand_and_changing_one_reissues_only_that_brands_grant(
    qtbot: QtBot, opened: tuple[Session, Vault]
) -> None:
    session, vault = opened
    grants = two_brands_asking_the_same_key(vault)
    page = MyDataPage(session)
    qtbot.addWidget(page)
    page.resize(960, 720)
    page.show()
    session.open(vault)
    table = child(page, QTableView, "answersTable")
    qtbot.waitUntil(lambda: table.model().rowCount() == 2, timeout=WAIT_MS)
    assert child(page, QWidget, "answersPanel").isVisible()
    assert rows(table) == [
        ["Peakworks", "Where do you hike most?", "Forest paths", "Everyday"],
        ["Trailworks", "Where do you hike most?", "Forest paths", "Everyday"],
    ]

    # Keyboard: the Trailworks row, Enter, the next choice, Enter saves.
    table.setFocus()
    table.setCurrentIndex(table.model().index(1, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = child(page, AnswerDialog, "answerDialog")
    combo = child(dialog, QComboBox, "questionChoice_q:terrain")
    qtbot.waitUntil(combo.hasFocus, timeout=WAIT_MS)  # the keyboard starts in the answer
    assert combo.currentText() == "Forest paths"
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "Coastal trails"
    qtbot.keyClick(combo, Qt.Key.Key_Return)  # Save is the default button
    qtbot.waitUntil(lambda: vault.answers.get(FIRST, "q:terrain").value == "coast",  # type: ignore[union-attr]
                    timeout=WAIT_MS)
    assert vault.answers.get(SECOND, "q:terrain").value == "forest"  # type: ignore[union-attr]
    versions = {g.brand_origin: g.version for g in vault.grants.listing()}
    assert versions == {FIRST: 2, SECOND: 1}
    assert {g.id for g in vault.grants.listing()} == set(grants.values())
    qtbot.waitUntil(lambda: rows(table)[1][2] == "Coastal trails", timeout=WAIT_MS)

    # Its history, newest first.
    child(page, QPushButton, "answerHistoryButton").click()
    qtbot.waitUntil(lambda: page.findChild(AnswerHistoryDialog) is not None, timeout=WAIT_MS)
    history = child(page, AnswerHistoryDialog, "answerHistoryDialog")
    assert [r[1] for r in rows(child(history, QTableView, "answerHistoryTable"))] == [
        "Coastal trails", "Forest paths"]
    history.reject()

    # Forgetting: refused while an active grant carries it, then done once it is revoked.
    forget = child(page, QPushButton, "answerForgetButton")
    forget.click()
    error = child(page, QLabel, "answerError")
    qtbot.waitUntil(error.isVisible, timeout=WAIT_MS)
    assert "active share" in error.text() and "Where do you hike most?" in error.text()
    assert vault.answers.get(FIRST, "q:terrain") is not None
    vault.grants.revoke(grants[FIRST])
    forget.click()
    qtbot.waitUntil(lambda: table.model().rowCount() == 1, timeout=WAIT_MS)
    assert vault.answers.get(FIRST, "q:terrain") is None
    assert rows(table)[0][0] == "Peakworks"


def test_the_section_is_hidden_without_answers(
    qtbot: QtBot, opened: tuple[Session, Vault]
) -> None:
    session, vault = opened
    page = MyDataPage(session)
    qtbot.addWidget(page)
    page.show()
    session.open(vault)
    qtbot.waitUntil(lambda: child(page, QTableView, "fieldsTable").model().rowCount() >= 40,
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    assert not child(page, QWidget, "answersPanel").isVisible()


def test_an_answer_linked_to_a_catalogue_field_offers_to_follow_it_both_ways(
    qtbot: QtBot, opened: tuple[Session, Vault]
) -> None:
    session, vault = opened
    spec = FAIR.spec(FIRST)
    poll = next(a for a in spec["asks"] if a["id"] == "trail-poll")
    poll["fields"] = [{"key": "q:size", "required": True, "why": "to pick your size",
                       "question": {"label": "Your size in our shoes (EU)?", "type": "number",
                                    "category": "https://w3id.org/dpv/pd#Preference",
                                    "same_as": "shoe_size_eu"}}]
    vault.brands.import_request(sign_spec(spec, generate_keys(), now=int(time.time()) - 60))
    vault.fields.set("shoe_size_eu", 42)
    vault.answers.set(FIRST, "q:size", 42)
    page = MyDataPage(session)
    qtbot.addWidget(page)
    page.resize(960, 720)
    page.show()
    session.open(vault)
    table = child(page, QTableView, "answersTable")
    qtbot.waitUntil(lambda: table.model().rowCount() == 1, timeout=WAIT_MS)

    # The field changes: the app offers the new value as the linked answer too.
    asked: list[tuple[str, str, str, str]] = []

    def yes(parent: QWidget | None, title: str, text: str, details: str, yes: str) -> bool:
        asked.append((title, text, details, yes))
        return True

    page.answers.confirm = yes
    page.save("shoe_size_eu", 43)
    qtbot.waitUntil(lambda: vault.answers.get(FIRST, "q:size").value == 43,  # type: ignore[union-attr]
                    timeout=WAIT_MS)
    [(_, text, details, _)] = asked
    assert "Trailworks" in text and "Shoe size (EU)" in text
    assert details == "Trailworks: Your size in our shoes (EU)?"

    # The answer changes, with "also set the field" ticked: the field follows.
    table.setCurrentIndex(table.model().index(0, 0))
    child(page, QPushButton, "answerEditButton").click()
    dialog = child(page, AnswerDialog, "answerDialog")
    also = child(dialog, QCheckBox, "answerAlsoField")
    assert not also.isChecked()  # offered, never assumed
    line = child(dialog, QLineEdit, "questionText_q:size")
    line.selectAll()
    qtbot.keyClicks(line, "44")
    also.setFocus()
    qtbot.keyClick(also, Qt.Key.Key_Space)
    qtbot.keyClick(line, Qt.Key.Key_Return)  # Save is the default button
    qtbot.waitUntil(lambda: vault.fields.get("shoe_size_eu") == 44, timeout=WAIT_MS)
    assert vault.answers.get(FIRST, "q:size").value == 44  # type: ignore[union-attr]


def test_what_a_brand_knows_names_its_question_as_asked_with_the_answer(
    qtbot: QtBot, opened: tuple[Session, Vault]
) -> None:
    session, vault = opened
    two_brands_asking_the_same_key(vault)
    session.open(vault)
    dialog = KnowsDialog(session, FIRST, "Trailworks")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT_MS)
    model = dialog.model
    grant = model.index(0, 0)
    shown = [(model.index(r, 0, grant).data(), model.index(r, 1, grant).data())
             for r in range(model.rowCount(grant))]
    assert ("Where do you hike most?", "Forest paths") in shown
    assert not any("q:terrain" in str(cell) for row in shown for cell in row)


def test_the_shared_page_names_a_question_a_grant_answers_by_its_label(
    qtbot: QtBot, opened: tuple[Session, Vault]
) -> None:
    session, vault = opened
    two_brands_asking_the_same_key(vault)
    found, more = load_grants(vault, FIRST, None, 0, 10)
    model = GrantsModel()
    model.set_rows(found)
    assert not more and model.rowCount() == 1
    cell = model.index(0, GrantsModel.FIELDS)
    assert cell.data() == "Where do you hike most?"
    assert "Where do you hike most? (required)" in cell.data(Qt.ItemDataRole.ToolTipRole)
