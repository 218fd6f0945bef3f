"""A brand's own questions in the share review: answered inline with the keyboard alone,
saved in the vault before the share, and delivered to the brand kit's receiver under
uvicorn on loopback; the vault's judgement shown where the brand declared less."""

from __future__ import annotations

import copy
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QLocale, Qt, QThreadPool
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from brandkit.issuing import sign_spec
from brandkit.keys import generate_keys
from brandkit.receiver import Receiver
from brandkit.server import create_app
from brandkit.serving import address_of, bind, running
from brandkit.sqlstorage import SqliteStorage
from demo.brands import FAIR, GREEDY
from tests.support.vaults import MadeVault
from ui.review.dialog import ShareReviewDialog
from ui.session import Session
from vault.exchange.delivery_summary import DeliveryStatus
from vault.exchange.grants import GrantStatus
from vault.vault import Vault

WAIT_MS = 15_000
PD = "https://w3id.org/dpv/pd#"
T = TypeVar("T", bound=QWidget)


def _question(key: str, label: str, kind: str, *, required: bool = False,
              choices: tuple[tuple[str, str], ...] = ()) -> dict[str, Any]:
    question: dict[str, Any] = {"label": label, "type": kind, "category": PD + "Preference"}
    if choices:
        question["choices"] = [{"value": v, "label": text} for v, text in choices]
    return {"key": key, "required": required, "why": f"to plan ({key})", "question": question}


def poll_with_every_type() -> dict[str, Any]:
    """The fair demo brand's poll (a required three-option question), and one question of
    every other type after it."""
    ask = copy.deepcopy(next(a for a in FAIR.asks if a["id"] == "trail-poll"))
    ask["fields"] += [
        _question("q:surfaces", "Which surfaces do you run on?", "multi_choice",
                  choices=(("road", "Road"), ("trail", "Trail"), ("track", "Track"))),
        _question("q:shoe-story", "Tell us about your best pair", "text"),
        _question("q:km-week", "How far do you hike in a week (km)?", "number"),
        _question("q:waterproof", "Do you want waterproof shoes?", "boolean"),
        _question("q:next-trip", "When is your next long hike?", "date"),
    ]
    return ask


@pytest.fixture
def brand(tmp_path: Path) -> Iterator[tuple[str, Receiver]]:
    sock = bind("127.0.0.1", 0)
    origin = f"http://127.0.0.1:{address_of(sock).port}"
    keys = generate_keys()
    spec = FAIR.spec(origin)
    spec["asks"] = [poll_with_every_type()]
    request = sign_spec(spec, keys, now=int(time.time()) - 60)
    storage = SqliteStorage(tmp_path / "brand.sqlite3")
    receiver = Receiver(keys, storage, origin)
    with running(create_app(receiver, request), sock=sock):
        yield origin, receiver
    storage.close()


@pytest.fixture
def vault(made_vault: MadeVault) -> Iterator[Vault]:
    opened = made_vault.unlock()
    yield opened
    if not opened.is_locked:
        opened.lock()


@pytest.fixture
def session(qtbot: QtBot, vault: Vault) -> Iterator[Session]:
    opened = Session()
    opened.open(vault)
    yield opened
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    opened.lock()


def child(parent: QWidget, kind: type[T], name: str) -> T:
    found = parent.findChild(kind, name)
    assert found is not None, name
    return found


def open_review(qtbot: QtBot, session: Session, origin: str, ask_id: str) -> ShareReviewDialog:
    dialog = ShareReviewDialog(session, origin, ask_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.findChild(QWidget, "fieldsList") is not None,
                    timeout=WAIT_MS)
    return dialog


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def tab_to(qtbot: QtBot, dialog: QWidget, target: QWidget, most: int = 40) -> None:
    """Press Tab until `target` has the keyboard focus (it must be reachable)."""
    for _ in range(most):
        if focused() is target:
            return
        qtbot.keyClick(focused() or dialog, Qt.Key.Key_Tab)
    assert focused() is target, target.objectName()


def test_every_question_type_is_answered_by_keyboard_saved_and_delivered(
    qtbot: QtBot, vault: Vault, session: Session, brand: tuple[str, Receiver]
) -> None:
    origin, receiver = brand
    vault.brands.fetch(origin)
    dialog = open_review(qtbot, session, origin, "trail-poll")
    share = child(dialog, QPushButton, "shareButton")
    blocked = child(dialog, QLabel, "shareBlockedReason")

    # The question in the brand's words, plain text; nothing answered, nothing to share.
    terrain = child(dialog, QComboBox, "questionChoice_q:terrain")
    assert child(dialog, QLabel, "questionLabel_q:terrain").text() == "Where do you hike most?"
    assert [terrain.itemText(i) for i in range(terrain.count())] == [
        "Choose…", "Mountains", "Forest paths", "Coastal trails"]
    assert terrain.accessibleName() == "Your answer: Where do you hike most?"
    assert focused() is terrain  # the first thing to do is to answer it
    assert not share.isEnabled() and blocked.isVisible()
    assert "requires an answer to “Where do you hike most?”" in blocked.text()
    for label in dialog.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    assert dialog.balance_view is not None
    assert "Where do you hike most?" not in dialog.balance_view.accessibleDescription(), \
        "the balance counts what the share would send: nothing yet"

    # Keyboard only, in tab order: a choice, two of three choices, text, a number, yes, a date.
    qtbot.keyClick(terrain, Qt.Key.Key_Down)
    qtbot.keyClick(terrain, Qt.Key.Key_Down)
    assert terrain.currentText() == "Forest paths"
    required = child(dialog, QCheckBox, "fieldCheck_q:terrain")
    assert required.isChecked() and required.isEnabled()
    assert share.isEnabled() and not blocked.isVisible()
    assert required.accessibleName() == "Share your answer to Where do you hike most?"
    # Once answered, the balance counts it, its bar named by the question's label.
    assert "Where do you hike most?" in dialog.balance_view.accessibleDescription()
    assert "q:terrain" not in dialog.balance_view.accessibleDescription()
    for value in ("road", "trail"):
        box = child(dialog, QCheckBox, f"questionChoice_q:surfaces_{value}")
        tab_to(qtbot, dialog, box)
        qtbot.keyClick(box, Qt.Key.Key_Space)
    story = child(dialog, QLineEdit, "questionText_q:shoe-story")
    tab_to(qtbot, dialog, story)
    qtbot.keyClicks(story, "Resoled twice, still going")
    km = child(dialog, QLineEdit, "questionText_q:km-week")
    tab_to(qtbot, dialog, km)
    qtbot.keyClicks(km, "4O")  # a letter O, not a zero: not a number
    problem = child(dialog, QLabel, "questionProblem_q:km-week")
    assert problem.isVisible() and "needs a number" in problem.text()
    assert not child(dialog, QCheckBox, "fieldCheck_q:km-week").isEnabled()
    qtbot.keyClick(km, Qt.Key.Key_Backspace)
    qtbot.keyClicks(km, "0.5")
    assert not problem.isVisible()
    waterproof = child(dialog, QComboBox, "questionChoice_q:waterproof")
    tab_to(qtbot, dialog, waterproof)
    qtbot.keyClick(waterproof, Qt.Key.Key_Down)
    assert waterproof.currentText() == "Yes"
    trip = child(dialog, QLineEdit, "questionText_q:next-trip")
    tab_to(qtbot, dialog, trip)
    qtbot.keyClicks(trip, "2027-05-01")

    # Optional answers given are ticked as a value would be; the gives list follows.
    for key in ("q:surfaces", "q:shoe-story", "q:km-week", "q:waterproof", "q:next-trip"):
        assert child(dialog, QCheckBox, f"fieldCheck_{key}").isChecked(), key
    shown = child(dialog, QLabel, "gives_q:surfaces")
    assert shown.isVisible() and shown.text() == "• Which surfaces do you run on?: Road, Trail"
    assert vault.answers.all() == [] and vault.grants.listing() == []  # nothing yet

    # Share with the keyboard: Space on the Share button (Enter belongs to Don't share).
    tab_to(qtbot, dialog, share)
    qtbot.keyClick(share, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=WAIT_MS)
    answers = {a.key: a.value for a in vault.answers.all(origin)}
    expected = {"q:terrain": "forest", "q:surfaces": ["road", "trail"],
                "q:shoe-story": "Resoled twice, still going", "q:km-week": 40.5,
                "q:waterproof": True, "q:next-trip": "2027-05-01"}
    assert answers == expected
    [grant] = vault.grants.listing()
    assert grant.status is GrantStatus.ACTIVE and set(grant.fields) == set(expected)

    def confirmed() -> bool:
        summary = vault.delivery.summary(grant.id)
        return summary is not None and summary.status is DeliveryStatus.CONFIRMED

    qtbot.waitUntil(confirmed, timeout=WAIT_MS)
    held = {g.grant_id: (g.version, g.status, g.fields)
            for c in receiver.customers() for g in c.grants}
    assert held == {grant.id: (1, "active", expected)}


def test_a_saved_answer_is_shown_and_changing_it_in_the_review_saves_it_first(
    qtbot: QtBot, vault: Vault, session: Session, brand: tuple[str, Receiver]
) -> None:
    origin, receiver = brand
    vault.brands.fetch(origin)
    vault.answers.set(origin, "q:terrain", "coast")
    vault.answers.set(origin, "q:km-week", 12)
    dialog = open_review(qtbot, session, origin, "trail-poll")
    terrain = child(dialog, QComboBox, "questionChoice_q:terrain")
    assert terrain.currentText() == "Coastal trails"
    assert child(dialog, QLineEdit, "questionText_q:km-week").text() == "12"
    assert child(dialog, QPushButton, "shareButton").isEnabled()
    terrain.setFocus()
    qtbot.keyClick(terrain, Qt.Key.Key_Up)
    assert terrain.currentText() == "Forest paths"
    km = child(dialog, QCheckBox, "fieldCheck_q:km-week")
    km.setFocus()
    qtbot.keyClick(km, Qt.Key.Key_Space)  # an optional answer kept, but not shared
    assert not km.isChecked()
    child(dialog, QPushButton, "shareButton").click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=WAIT_MS)
    assert [e.value for e in vault.answers.history(origin, "q:terrain")] == ["coast", "forest"]
    assert vault.answers.get(origin, "q:km-week") is not None  # left as it was
    [grant] = vault.grants.listing()
    assert grant.fields == ("q:terrain",)


def test_the_greedy_brands_health_question_is_flagged_and_never_ticked_for_you(
    qtbot: QtBot, vault: Vault, session: Session, tmp_path: Path
) -> None:
    origin = "https://megamart.example"
    vault.brands.import_request(
        sign_spec(GREEDY.spec(origin), generate_keys(), now=int(time.time()) - 60))
    dialog = open_review(qtbot, session, origin, "wellness")
    flag = child(dialog, QLabel, "questionMismatch_q:conditions")
    assert flag.isVisible()
    assert flag.text() == ("⚠ MegaMart Rewards calls this question “everyday”; it asks about your "
                           "health. The vault treats it as special-category data.")
    assert child(dialog, QLabel, "specialBadge_q:conditions").isVisible()
    assert "“Which of these do you live with?”" in child(dialog, QLabel,
                                                          "specialWarning").text()
    # Required: answering it ticks it (the deal), and it is shown as special in what you give.
    box = child(dialog, QCheckBox, "questionChoice_q:conditions_asthma")
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert child(dialog, QCheckBox, "fieldCheck_q:conditions").isChecked()
    assert child(dialog, QLabel, "gives_q:conditions").text() == (
        "• Which of these do you live with?: Asthma (special category)")
    assert vault.answers.all() == []


def test_an_optional_special_question_answered_stays_unticked(
    qtbot: QtBot, vault: Vault, session: Session
) -> None:
    origin = "https://megamart.example"
    spec = GREEDY.spec(origin)
    wellness = next(a for a in spec["asks"] if a["id"] == "wellness")
    wellness["fields"][0]["required"] = False
    vault.brands.import_request(sign_spec(spec, generate_keys(), now=int(time.time()) - 60))
    dialog = open_review(qtbot, session, origin, "wellness")
    box = child(dialog, QCheckBox, "questionChoice_q:conditions_asthma")
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    check = child(dialog, QCheckBox, "fieldCheck_q:conditions")
    assert check.isEnabled() and not check.isChecked()  # yours to tick, never by default
    assert not child(dialog, QPushButton, "shareButton").isEnabled()  # nothing ticked


def test_the_brands_own_translation_is_shown_when_the_app_speaks_its_language(
    qtbot: QtBot, vault: Vault, session: Session
) -> None:
    origin = "https://trailworks.example"
    vault.brands.import_request(
        sign_spec(FAIR.spec(origin), generate_keys(), now=int(time.time()) - 60))
    before = QLocale()
    QLocale.setDefault(QLocale("el_GR"))
    try:
        dialog = open_review(qtbot, session, origin, "trail-poll")
        terrain = child(dialog, QComboBox, "questionChoice_q:terrain")
        assert child(dialog, QLabel, "questionLabel_q:terrain").text() == (
            "Πού πεζοπορείτε συνήθως;")
        assert [terrain.itemText(i) for i in range(1, terrain.count())] == [
            "Βουνό", "Δασικά μονοπάτια", "Παραλιακά μονοπάτια"]
    finally:
        QLocale.setDefault(before)


def test_a_questions_markup_and_hidden_characters_are_shown_literally_and_warned_of(
    qtbot: QtBot, vault: Vault, session: Session
) -> None:
    origin = "https://trailworks.example"
    spec = FAIR.spec(origin)
    poll = next(a for a in spec["asks"] if a["id"] == "trail-poll")
    question = poll["fields"][0]["question"]
    question["label"] = "Where \u202edo you hike?"
    question["choices"][0]["label"] = "a < b & c"
    vault.brands.import_request(sign_spec(spec, generate_keys(), now=int(time.time()) - 60))
    dialog = open_review(qtbot, session, origin, "trail-poll")
    label = child(dialog, QLabel, "questionLabel_q:terrain")
    assert label.text() == "Where ⟦U+202E⟧do you hike?"
    assert label.textFormat() == Qt.TextFormat.PlainText
    warning = child(dialog, QLabel, "brandTextWarning")
    assert warning.isVisible() and "U+202E" in warning.text()
    terrain = child(dialog, QComboBox, "questionChoice_q:terrain")
    assert terrain.itemText(1) == "a < b & c"


def test_a_question_meaning_a_catalogue_field_proposes_its_value(
    qtbot: QtBot, vault: Vault, session: Session
) -> None:
    origin = "https://trailworks.example"
    spec = FAIR.spec(origin)
    poll = next(a for a in spec["asks"] if a["id"] == "trail-poll")
    size = _question("q:size", "Your size in our shoes (EU)?", "number", required=True)
    size["question"]["same_as"] = "shoe_size_eu"
    poll["fields"] = [size]
    vault.brands.import_request(sign_spec(spec, generate_keys(), now=int(time.time()) - 60))
    vault.fields.set("shoe_size_eu", 42)
    dialog = open_review(qtbot, session, origin, "trail-poll")
    assert child(dialog, QLineEdit, "questionText_q:size").text() == "42"
    assert child(dialog, QLabel, "questionProposal_q:size").isVisible()
    assert child(dialog, QCheckBox, "fieldCheck_q:size").isChecked()
    assert vault.answers.all() == []  # proposed, not kept until shared
    child(dialog, QPushButton, "shareButton").click()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=WAIT_MS)
    assert [(a.key, a.value) for a in vault.answers.all(origin)] == [("q:size", 42)]


def test_a_number_too_large_for_a_brand_to_keep_exactly_is_worded(
    qtbot: QtBot, vault: Vault, session: Session
) -> None:
    origin = "https://trailworks.example"
    spec = FAIR.spec(origin)
    poll = next(a for a in spec["asks"] if a["id"] == "trail-poll")
    poll["fields"] = [_question("q:km-week", "How far do you hike in a week (km)?", "number")]
    vault.brands.import_request(sign_spec(spec, generate_keys(), now=int(time.time()) - 60))
    dialog = open_review(qtbot, session, origin, "trail-poll")
    line = child(dialog, QLineEdit, "questionText_q:km-week")
    qtbot.keyClicks(line, "1e20")
    problem = child(dialog, QLabel, "questionProblem_q:km-week")
    assert problem.isVisible()
    assert problem.text() == "This number is too large: at most 2^53 either way."
    assert not child(dialog, QCheckBox, "fieldCheck_q:km-week").isEnabled()
