"""Brand questions (PROTOCOL.md section 10): validated in full when a request is parsed, each
refusal with its reason; answers checked against their question by one function both sides use."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from zpd.errors import InvalidValue, RequestInvalid
from zpd.example_specs import RUN_SURFACE, spec_v11
from zpd.questions import (
    Choice,
    QuestionProblem,
    QuestionType,
    Translation,
    check_answer,
    from_wire,
    to_wire,
)
from zpd.request import parse_spec
from zpd.text import reveal


def with_question(**changes: Any) -> dict[str, Any]:
    """The example spec whose question has `changes` (None deletes a member)."""
    spec = spec_v11()
    question = spec["asks"][0]["fields"][2]["question"]
    for key, value in changes.items():
        if value is None:
            question.pop(key, None)
        else:
            question[key] = value
    return spec


def question_of(spec: dict[str, Any]) -> Any:
    ask = parse_spec(spec).asks[0]
    [question] = ask.questions
    return question


def refusal(spec: dict[str, Any]) -> RequestInvalid:
    with pytest.raises(RequestInvalid) as refused:
        parse_spec(spec)
    return refused.value


def test_the_contract_example_parses_into_a_typed_question() -> None:
    question = question_of(spec_v11())
    assert question.key == "q:run-surface"
    assert question.type is QuestionType.MULTI_CHOICE
    assert question.label == "Where do you run most?"
    assert question.values == ("road", "trail", "track")
    assert question.category == "https://w3id.org/dpv/pd#Preference"
    assert question.same_as is None
    assert question.translation("EL") == Translation("Πού τρέχετε συνήθως;", (
        Choice("road", "Δρόμος"), Choice("trail", "Μονοπάτι"), Choice("track", "Στίβος")))
    field = parse_spec(spec_v11()).asks[0].field("q:run-surface")
    assert field is not None and not field.required and field.question == question


@pytest.mark.parametrize("kind", ["text", "number", "boolean", "date"])
def test_each_type_without_choices_parses(kind: str) -> None:
    question = question_of(with_question(type=kind, choices=None, translations={
        "de": {"label": "Wo laufen Sie?"}}))
    assert question.type == kind and question.choices == ()


def test_same_as_names_a_catalogue_field() -> None:
    assert question_of(with_question(same_as="sports")).same_as == "sports"


@pytest.mark.parametrize(("key", "problem"), [
    ("q:", QuestionProblem.BAD_KEY),
    ("q:Run", QuestionProblem.BAD_KEY),
    ("q:run_surface", QuestionProblem.BAD_KEY),
    ("q:" + "a" * 49, QuestionProblem.BAD_KEY),
    ("q:run surface", QuestionProblem.BAD_KEY),
])
def test_question_keys_are_q_and_1_to_48_of_a_to_z_digits_and_hyphens(
    key: str, problem: QuestionProblem
) -> None:
    spec = spec_v11()
    spec["asks"][0]["fields"][2]["key"] = key
    assert refusal(spec).reason == problem
    spec["asks"][0]["fields"][2]["key"] = "q:" + "a" * 48
    assert question_of(spec).key == "q:" + "a" * 48


def test_a_question_key_needs_a_question_and_a_catalogue_key_carries_none() -> None:
    spec = spec_v11()
    del spec["asks"][0]["fields"][2]["question"]
    assert refusal(spec).reason == QuestionProblem.MISSING
    spec = spec_v11()
    spec["asks"][0]["fields"][0]["question"] = copy.deepcopy(RUN_SURFACE["question"])
    assert refusal(spec).reason == QuestionProblem.NOT_A_QUESTION_KEY


LONG = "x" * 201


@pytest.mark.parametrize(("changes", "problem"), [
    ({"type": "slider"}, QuestionProblem.BAD_TYPE),
    ({"type": None}, QuestionProblem.BAD_TYPE),
    ({"type": ["choice"]}, QuestionProblem.BAD_TYPE),
    ({"label": ""}, QuestionProblem.BAD_LABEL),
    ({"label": "   "}, QuestionProblem.BAD_LABEL),
    ({"label": LONG}, QuestionProblem.BAD_LABEL),
    ({"label": None}, QuestionProblem.BAD_LABEL),
    ({"label": "Where?\nReally?"}, QuestionProblem.BAD_LABEL),
    ({"label": "Where \x1b[31mdo you run?"}, QuestionProblem.BAD_LABEL),
    ({"label": "Where do you <b>run</b>?"}, QuestionProblem.MARKUP),
    ({"label": "<a href=https://evil.example>Click</a>"}, QuestionProblem.MARKUP),
    ({"label": "Run <!-- comment -->"}, QuestionProblem.MARKUP),
    ({"choices": None}, QuestionProblem.BAD_CHOICES),
    ({"choices": [{"value": "road", "label": "Road"}]}, QuestionProblem.BAD_CHOICES),
    ({"choices": [{"value": f"c{i}", "label": "C"} for i in range(51)]},
     QuestionProblem.BAD_CHOICES),
    ({"choices": [{"value": "Road", "label": "Road"}, {"value": "trail", "label": "T"}]},
     QuestionProblem.BAD_CHOICE_VALUE),
    ({"choices": [{"value": "a" * 49, "label": "A"}, {"value": "b", "label": "B"}]},
     QuestionProblem.BAD_CHOICE_VALUE),
    ({"choices": [{"value": "road", "label": "Road"}, {"value": "road", "label": "Again"}]},
     QuestionProblem.DUPLICATE_CHOICE),
    ({"choices": [{"value": "road", "label": "R" * 101}, {"value": "b", "label": "B"}]},
     QuestionProblem.BAD_LABEL),
    ({"category": "https://w3id.org/dpv#Preference"}, QuestionProblem.BAD_CATEGORY),
    ({"category": "http://w3id.org/dpv/pd#Preference"}, QuestionProblem.BAD_CATEGORY),
    ({"category": None}, QuestionProblem.BAD_CATEGORY),
    ({"same_as": "shoe_size"}, QuestionProblem.BAD_SAME_AS),
    ({"same_as": 3}, QuestionProblem.BAD_SAME_AS),
    ({"translations": {"english!": {"label": "Where?"}}}, QuestionProblem.BAD_TRANSLATION),
    ({"translations": {"el": {"label": "Πού;"}}}, QuestionProblem.BAD_TRANSLATION),
    ({"translations": {"el": {"label": "Πού;", "choices": {"road": "Δ", "trail": "Μ",
                                                           "track": "Σ", "sea": "Θ"}}}},
     QuestionProblem.BAD_TRANSLATION),
    ({"translations": {"el": {"label": "", "choices": {"road": "Δ", "trail": "Μ",
                                                      "track": "Σ"}}}},
     QuestionProblem.BAD_LABEL),
    ({"translations": {"el": {"label": "<i>Πού</i>;", "choices": {"road": "Δ", "trail": "Μ",
                                                                  "track": "Σ"}}}},
     QuestionProblem.MARKUP),
    ({"translations": ["el"]}, QuestionProblem.BAD_TRANSLATION),
])
def test_each_bad_question_is_refused_with_its_reason(
    changes: dict[str, Any], problem: QuestionProblem
) -> None:
    refused = refusal(with_question(**changes))
    assert refused.reason == problem, refused
    assert "asks[0].fields[2].question" in refused.detail


def test_a_question_without_choices_may_not_carry_any() -> None:
    refused = refusal(with_question(type="text"))
    assert refused.reason == QuestionProblem.BAD_CHOICES
    refused = refusal(with_question(type="text", choices=None, translations={
        "el": {"label": "Πού;", "choices": {"road": "Δρόμος"}}}))
    assert refused.reason == QuestionProblem.BAD_TRANSLATION


def test_language_tags_are_compared_without_case() -> None:
    choices = {"road": "Δ", "trail": "Μ", "track": "Σ"}
    refused = refusal(with_question(translations={"el": {"label": "Πού;", "choices": choices},
                                                  "EL": {"label": "Πού;", "choices": choices}}))
    assert refused.reason == QuestionProblem.BAD_TRANSLATION


def test_plain_text_with_angle_brackets_and_bidi_controls_is_a_label() -> None:
    """Only what looks like a tag is markup; a bidi control is allowed, and revealed when
    shown, like all brand text."""
    for text in ("Budget < 100 and > 50?", "I <3 running", "a<b", "Run \u202eelgnuj"):
        assert question_of(with_question(label=text)).label == text
    assert reveal("Run \u202eelgnuj") == "Run ⟦U+202E⟧elgnuj"


def test_one_key_is_one_question_across_the_asks_of_a_request() -> None:
    spec = spec_v11()
    second = copy.deepcopy(spec["asks"][0])
    second["id"] = "running-tips"
    spec["asks"].append(second)
    assert len(parse_spec(spec).asks) == 2  # the same question twice: fine
    second["fields"][2]["question"]["label"] = "Where do you usually run?"
    assert refusal(spec).reason == QuestionProblem.CONFLICT


def test_at_most_100_fields_per_ask_questions_included() -> None:
    spec = spec_v11()
    fields = spec["asks"][0]["fields"]
    while len(fields) < 100:
        extra = copy.deepcopy(RUN_SURFACE)
        extra["key"] = f"q:extra-{len(fields)}"
        fields.append(extra)
    assert len(parse_spec(spec).asks[0].questions) == 98
    extra = copy.deepcopy(RUN_SURFACE)
    extra["key"] = "q:one-too-many"
    fields.append(extra)
    assert "1 to 100 items" in refusal(spec).detail


# -- answers -------------------------------------------------------------------------------


def question(kind: str) -> Any:
    if kind in ("choice", "multi_choice"):
        return question_of(with_question(type=kind))
    return question_of(with_question(type=kind, choices=None, translations=None))


@pytest.mark.parametrize(("kind", "value", "canonical"), [
    ("text", "  On the beach  ", "On the beach"),
    ("text", "tab\tseparated", "tab\tseparated"),
    ("text", "x" * 500, "x" * 500),
    ("number", 42, 42),
    ("number", 41.5, 41.5),
    ("number", 42.0, 42),
    ("number", -(2**53), -(2**53)),
    ("boolean", True, True),
    ("boolean", False, False),
    ("date", "2026-02-28", "2026-02-28"),
    ("date", "2024-02-29", "2024-02-29"),
    ("choice", "trail", "trail"),
    ("multi_choice", ["track", "road"], ["road", "track"]),
])
def test_answers_that_fit_their_question(kind: str, value: object, canonical: object) -> None:
    assert check_answer(question(kind), value) == canonical


@pytest.mark.parametrize(("kind", "value", "reason"), [
    ("text", 42, "not_text"),
    ("text", "   ", "empty"),
    ("text", "x" * 501, "too_long"),
    ("text", "line\nbreak", "control_characters"),
    ("text", "lone \udcff surrogate", "control_characters"),
    ("number", "42", "not_a_number"),
    ("number", True, "not_a_number"),
    ("number", float("inf"), "not_a_number"),
    ("number", float("nan"), "not_a_number"),
    ("number", 2**53 + 1, "too_large"),
    ("boolean", "yes", "not_a_boolean"),
    ("boolean", 1, "not_a_boolean"),
    ("date", "2026-02-30", "not_a_date"),
    ("date", "20260228", "not_a_date"),
    ("date", "2026-W09-1", "not_a_date"),
    ("date", "02-28", "not_a_date"),
    ("date", 20260228, "not_a_date"),
    ("choice", "sea", "not_a_choice"),
    ("choice", ["road"], "not_a_choice"),
    ("multi_choice", "road", "empty"),
    ("multi_choice", [], "empty"),
    ("multi_choice", ["road", "sea"], "not_a_choice"),
    ("multi_choice", ["road", "road"], "duplicate_choice"),
    ("multi_choice", [1], "not_a_choice"),
])
def test_answers_that_do_not_fit_are_refused_saying_why(
    kind: str, value: object, reason: str
) -> None:
    with pytest.raises(InvalidValue) as refused:
        check_answer(question(kind), value)
    assert (refused.value.key, refused.value.reason) == ("q:run-surface", reason)


def test_a_question_kept_in_its_wire_form_reads_back_the_same() -> None:
    [question] = parse_spec(spec_v11()).asks[0].questions
    wire = to_wire(question)
    assert wire == {k: v for k, v in RUN_SURFACE["question"].items() if v is not None}
    assert from_wire(question.key, copy.deepcopy(wire)) == question
    with pytest.raises(RequestInvalid):
        from_wire(question.key, {**wire, "type": "colour"})
