"""Brands' questions and the person's answers in what the person can see: the value
balance (weighed as the vault judges them), "what does this brand know", the report,
consent records and the export."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.brand_keys import BrandKeys, signed_request
from tests.support.clock import DAY, Clock
from tests.support.specs import ORIGIN, request_spec
from tests.vault.question_helpers import INJURY, PD, TERRAIN, question, quiz_ask
from vault.cli.report_words import render_html
from vault.transparency.balance import Flag, Verdict
from vault.vault import Vault
from zpd.fieldtypes import Sensitivity

GREEK_HEALTH = question(
    "q:wellbeing", "Πώς θα περιγράφατε την υγεία σας;", "choice",
    choices=["good", "fair", "poor"], category=PD + "Preference")


def shared_quiz(vault: Vault, keys: BrandKeys, clock: Clock) -> str:
    body = request_spec(asks=[quiz_ask(INJURY, TERRAIN, GREEK_HEALTH)])
    vault.brands.import_request(signed_request(keys, body, iat=clock.now,
                                               exp=clock.now + 30 * DAY))
    vault.fields.set("shoe_size_eu", 42)
    vault.answers.set(ORIGIN, "q:injury", "a sore knee")
    vault.answers.set(ORIGIN, "q:terrain", "hilly")
    vault.answers.set(ORIGIN, "q:wellbeing", "good")
    grant = vault.grants.share(
        ORIGIN, "quiz", fields=["shoe_size_eu", "q:injury", "q:terrain", "q:wellbeing"]).grant
    return grant.id


def test_the_balance_weighs_a_question_as_judged_not_as_declared(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    body = request_spec(asks=[quiz_ask(INJURY, TERRAIN, GREEK_HEALTH)])
    pv.brands.import_request(signed_request(keys, body, iat=clock.now, exp=clock.now + 30 * DAY))
    before = pv.transparency.balance_for_ask(ORIGIN, "quiz")
    weights = {f.key: (f.sensitivity, f.weight) for f in before.fields}
    # Both declared preferences (low, 1); both ask about health: special, 10 (halved: optional).
    assert weights["q:injury"] == (Sensitivity.SPECIAL, 5.0)
    assert weights["q:wellbeing"] == (Sensitivity.SPECIAL, 5.0)
    assert weights["q:terrain"] == (Sensitivity.LOW, 0.5)
    assert Flag.SPECIAL_CATEGORY in before.flags

    shared_quiz(pv, keys, clock)
    given = pv.transparency.balance_for_brand(ORIGIN)
    assert {f.key: f.weight for f in given.fields} == {
        "shoe_size_eu": 1.0, "q:injury": 10.0, "q:terrain": 1.0, "q:wellbeing": 10.0}
    assert Flag.SPECIAL_CATEGORY in given.flags
    assert given.verdict is not Verdict.FAIR


def test_what_a_brand_knows_names_each_answer_by_the_brands_question(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    shared_quiz(pv, keys, clock)
    [held] = pv.grants.held_by(ORIGIN)
    assert held.data["q:terrain"] == "hilly"
    assert {k: q.label for k, q in held.questions.items()} == {
        "q:injury": "Do you have any running injury we should know of?",
        "q:terrain": "Which terrain do you prefer?",
        "q:wellbeing": "Πώς θα περιγράφατε την υγεία σας;",
    }


def test_the_report_shows_the_question_as_asked_with_the_vaults_judgement(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    shared_quiz(pv, keys, clock)
    [section] = pv.transparency.report().brands
    fields = {f.key: f for f in section.grants[0].fields}
    assert fields["q:terrain"].label == "Which terrain do you prefer?"
    assert fields["q:terrain"].value == "hilly"
    assert fields["q:wellbeing"].sensitivity is Sensitivity.SPECIAL
    assert fields["shoe_size_eu"].question is None
    page = render_html(pv.transparency.report())
    assert "Which terrain do you prefer?" in page and "hilly" in page
    # The balance's bars name a question by its label too, never by its key.
    assert '<span class="bar-label">Which terrain do you prefer?</span>' in page
    assert '<span class="bar-label">q:terrain</span>' not in page


def test_consent_records_carry_the_questions_and_answers(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    grant_id = shared_quiz(pv, keys, clock)
    clock.advance(60)
    pv.answers.set(ORIGIN, "q:terrain", "mountain")
    [record] = pv.transparency.consent_records()["records"]
    assert record["record_id"] == grant_id
    questions = {q["key"]: q for q in record["questions"]}
    assert set(questions) == {"q:injury", "q:terrain", "q:wellbeing"}
    assert questions["q:terrain"]["label"] == "Which terrain do you prefer?"
    assert questions["q:terrain"]["choices"][1] == {"value": "hilly", "label": "Hilly"}
    assert questions["q:terrain"]["answer"] == "mountain"  # the latest version's
    assert [e["type"] for e in record["events"]] == ["given", "updated"]


def test_the_export_holds_answers_with_their_questions_and_history(
    pv: Vault, keys: BrandKeys, clock: Clock, tmp_path: Path
) -> None:
    shared_quiz(pv, keys, clock)
    clock.advance(60)
    pv.answers.set(ORIGIN, "q:terrain", "flat")
    path = tmp_path / "export.json"
    pv.transparency.export_to(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    answers = {a["key"]: a for a in document["answers"]}
    assert answers["q:terrain"] == {
        "brand": ORIGIN, "key": "q:terrain", "sensitivity": "low", "value": "flat",
        "updated_at": clock.now, "question": answers["q:terrain"]["question"]}
    assert answers["q:terrain"]["question"]["label"] == "Which terrain do you prefer?"
    assert answers["q:wellbeing"]["sensitivity"] == "special"
    assert [(h["key"], h["value"]) for h in document["answer_history"]
            if h["key"] == "q:terrain"] == [("q:terrain", "hilly"), ("q:terrain", "flat")]
    assert all(e["details"].get("field") != "flat" for e in document["audit"])
