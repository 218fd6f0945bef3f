"""The field catalogue: what fields exist, and how each field type checks and parses values."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vault.errors import InvalidValue
from zpd.catalogue import BY_KEY, CATALOGUE
from zpd.fieldtypes import Category, FieldDef, FieldType, JsonValue, Sensitivity, TextFormat

MAX_TEXT = 500  # the documented text limit (fieldtypes.MAX_TEXT_LENGTH)

DESIGN_CATEGORIES = {
    Category.CONTACT,
    Category.IDENTITY,
    Category.SHOPPING,
    Category.FOOD,
    Category.BEAUTY,
    Category.HOME,
    Category.TRAVEL,
    Category.INTERESTS,
}

# Fields DESIGN.md names explicitly. Keys are wire names brands use: they must not change.
PINNED: dict[str, tuple[FieldType, Category]] = {
    "contact_channels": (FieldType.MULTI_CHOICE, Category.CONTACT),
    "contact_frequency": (FieldType.CHOICE, Category.CONTACT),
    "contact_topics": (FieldType.MULTI_CHOICE, Category.CONTACT),
    "preferred_language": (FieldType.CHOICE, Category.CONTACT),
    "preferred_name": (FieldType.TEXT, Category.IDENTITY),
    "country": (FieldType.TEXT, Category.IDENTITY),
    "birthday": (FieldType.DATE, Category.IDENTITY),
    "age_range": (FieldType.CHOICE, Category.IDENTITY),
    "clothing_size_top": (FieldType.CHOICE, Category.SHOPPING),
    "shoe_size_eu": (FieldType.NUMBER, Category.SHOPPING),
    "fit_preference": (FieldType.CHOICE, Category.SHOPPING),
    "favourite_colours": (FieldType.MULTI_CHOICE, Category.SHOPPING),
    "budget_range": (FieldType.CHOICE, Category.SHOPPING),
    "shopping_categories": (FieldType.MULTI_CHOICE, Category.SHOPPING),
    "sustainability": (FieldType.MULTI_CHOICE, Category.SHOPPING),
    "diet": (FieldType.CHOICE, Category.FOOD),
    "favourite_cuisines": (FieldType.MULTI_CHOICE, Category.FOOD),
    "allergies": (FieldType.MULTI_CHOICE, Category.FOOD),
    "household_size": (FieldType.NUMBER, Category.HOME),
    "pets": (FieldType.MULTI_CHOICE, Category.HOME),
    "has_garden": (FieldType.BOOLEAN, Category.HOME),
}

# Article 9 data (health, religion, political opinion): must be flagged `special`.
MUST_BE_SPECIAL = {
    "allergies",
    "intolerances",
    "religious_diet",
    "skin_concerns",
    "accessibility_needs",
    "religion",
    "political_views",
}


def field_of(type_: FieldType, **extra: Any) -> FieldDef:
    """A stand-alone field definition of a type, for checking validators in isolation."""
    return FieldDef("x_probe", "Probe", type_, Category.CUSTOM, Sensitivity.LOW, **extra)


def reason_of(field: FieldDef, value: object) -> str:
    with pytest.raises(InvalidValue) as caught:
        field.validate(value)
    assert caught.value.key == field.key
    return caught.value.reason


# -- the catalogue ------------------------------------------------------------------------


def test_catalogue_has_at_least_forty_fields() -> None:
    assert len(CATALOGUE) >= 40


def test_every_design_category_is_present_with_several_fields() -> None:
    counts = {c: sum(1 for f in CATALOGUE if f.category is c) for c in DESIGN_CATEGORIES}
    assert all(n >= 3 for n in counts.values()), counts
    # `custom` is for the person's own fields only, never the catalogue's.
    assert not [f.key for f in CATALOGUE if f.category is Category.CUSTOM]


def test_every_field_has_type_category_sensitivity_and_label() -> None:
    for f in CATALOGUE:
        assert isinstance(f.type, FieldType), f.key
        assert isinstance(f.category, Category), f.key
        assert isinstance(f.sensitivity, Sensitivity), f.key
        assert f.label.strip() == f.label and 0 < len(f.label) <= 80, f.key
        assert not f.custom, f.key


def test_all_three_sensitivities_are_used() -> None:
    assert {f.sensitivity for f in CATALOGUE} == set(Sensitivity)


@pytest.mark.parametrize("key", sorted(MUST_BE_SPECIAL))
def test_health_religion_and_politics_are_special(key: str) -> None:
    assert BY_KEY[key].sensitivity is Sensitivity.SPECIAL


def test_fields_on_article_9_topics_are_all_special() -> None:
    article9_words = ("allerg", "intoleran", "religio", "politic", "health", "ethnic", "sexual")
    for f in CATALOGUE:
        if any(word in f.key or word in f.label.lower() for word in article9_words):
            assert f.sensitivity is Sensitivity.SPECIAL, f.key


def test_keys_are_unique_and_stable_looking() -> None:
    keys = [f.key for f in CATALOGUE]
    assert len(keys) == len(set(keys))
    for key in keys:
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", key), key
        assert len(key) <= 40, key
        assert not key.startswith("x_"), "x_ is reserved for custom fields"
    assert BY_KEY == {f.key: f for f in CATALOGUE}


@pytest.mark.parametrize("key", sorted(PINNED))
def test_fields_named_in_the_design_exist_with_their_type(key: str) -> None:
    type_, category = PINNED[key]
    assert BY_KEY[key].type is type_
    assert BY_KEY[key].category is category


def test_choice_fields_have_clean_distinct_choices() -> None:
    for f in CATALOGUE:
        if f.type in (FieldType.CHOICE, FieldType.MULTI_CHOICE):
            assert len(f.choices) >= 2, f.key
            assert len(set(f.choices)) == len(f.choices), f.key
            for choice in f.choices:
                # Typed on a command line as a comma-separated list: no commas or spaces.
                assert re.fullmatch(r"[A-Za-z0-9_]+", choice), (f.key, choice)
        else:
            assert f.choices == (), f.key


def test_number_fields_have_sensible_bounds() -> None:
    numbers = [f for f in CATALOGUE if f.type is FieldType.NUMBER]
    assert numbers
    for f in numbers:
        assert f.minimum is not None and f.maximum is not None and f.step is not None
        assert f.minimum < f.maximum and f.step > 0
        assert f.validate(f.minimum) == f.minimum
        assert f.validate(f.maximum) == f.maximum


def test_birthday_has_no_year() -> None:
    assert BY_KEY["birthday"].month_day
    assert BY_KEY["birthday"].sensitivity is not Sensitivity.LOW


# -- text -----------------------------------------------------------------------------------


TEXT = BY_KEY["preferred_name"]
EMAIL = BY_KEY["email"]
COUNTRY = BY_KEY["country"]


def test_text_is_stripped_and_kept() -> None:
    assert TEXT.validate("  Ana María  ") == "Ana María"
    assert TEXT.validate("a\tb") == "a\tb"
    assert TEXT.validate("名前") == "名前"


@pytest.mark.parametrize("value", ["", " ", "\t \t"])
def test_empty_text_is_refused(value: str) -> None:
    assert reason_of(TEXT, value) == "empty"


def test_text_length_limit() -> None:
    assert TEXT.validate("a" * MAX_TEXT) == "a" * MAX_TEXT
    assert reason_of(TEXT, "a" * (MAX_TEXT + 1)) == "too_long"


@pytest.mark.parametrize(
    "value",
    ["a\x00b", "line\nbreak", "a\rb", "\x1b[31mred", "bell\x07", "del\x7f", "csi\x9b31m", "x\x85y",
     "not utf-8 \udcff", "half a pair \ud83d"],
)
def test_control_characters_are_refused(value: str) -> None:
    assert reason_of(TEXT, value) == "control_characters"


@pytest.mark.parametrize("value", [None, 5, 1.5, True, ["a"], {"a": 1}, b"bytes"])
def test_text_must_be_a_string(value: object) -> None:
    assert reason_of(TEXT, value) == "not_text"


@pytest.mark.parametrize("value", ["ana@example.org", "a.b+tag@mail.example.co.uk", "x@y.z"])
def test_email_accepts_addresses(value: str) -> None:
    assert EMAIL.validate(value) == value
    assert EMAIL.text_format is TextFormat.EMAIL


@pytest.mark.parametrize(
    "value", ["ana", "ana@", "@example.org", "ana@example", "a@@b.c", "a b@c.de", "a@b c.de"]
)
def test_email_refuses_non_addresses(value: str) -> None:
    assert reason_of(EMAIL, value) == "not_an_email"


@pytest.mark.parametrize("value,stored", [("GR", "GR"), ("gr", "GR"), (" de ", "DE")])
def test_country_code_is_upper_case_alpha_2(value: str, stored: str) -> None:
    assert COUNTRY.validate(value) == stored


@pytest.mark.parametrize("value", ["G", "GRC", "G1", "12", "Greece", "ß", "ıt", "ÄB", "g-"])
def test_country_refuses_anything_but_two_ascii_letters(value: str) -> None:
    assert reason_of(COUNTRY, value) == "not_a_country_code"


# -- number ---------------------------------------------------------------------------------


SHOE = BY_KEY["shoe_size_eu"]  # 15..52 in steps of 0.5
HOUSEHOLD = BY_KEY["household_size"]  # 1..20 in steps of 1


@pytest.mark.parametrize("value,stored", [(15, 15), (52, 52), (40.5, 40.5), (41.0, 41), (38, 38)])
def test_number_in_range_and_on_step(value: float, stored: float) -> None:
    result = SHOE.validate(value)
    assert result == stored
    assert type(result) is type(stored)


@pytest.mark.parametrize("value,reason", [(14.5, "below_minimum"), (52.5, "above_maximum")])
def test_number_out_of_range(value: float, reason: str) -> None:
    assert reason_of(SHOE, value) == reason


def test_number_off_step() -> None:
    assert reason_of(SHOE, 40.25) == "not_a_step"
    assert reason_of(HOUSEHOLD, 2.5) == "not_a_step"
    assert HOUSEHOLD.validate(3.0) == 3


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, True, False, "42", None, [42]])
def test_number_refuses_non_numbers_nan_infinity_and_bool(value: object) -> None:
    assert reason_of(SHOE, value) == "not_a_number"


def test_unbounded_number_accepts_any_finite_number() -> None:
    free = field_of(FieldType.NUMBER)
    assert free.validate(-1e300) == -1e300
    assert free.validate(10**30) == 10**30
    assert reason_of(free, math.nan) == "not_a_number"


# -- choice and multi-choice ----------------------------------------------------------------


DIET = BY_KEY["diet"]
PETS = BY_KEY["pets"]  # dog, cat, bird, fish, rabbit, reptile, other


def test_choice_accepts_only_its_choices() -> None:
    assert DIET.validate("vegan") == "vegan"
    assert reason_of(DIET, "carnivore") == "not_a_choice"
    assert reason_of(DIET, "Vegan") == "not_a_choice"
    assert reason_of(DIET, " vegan") == "not_a_choice"
    assert reason_of(DIET, ["vegan"]) == "not_a_choice"
    assert reason_of(DIET, None) == "not_a_choice"


def test_multi_choice_dedupes_into_catalogue_order() -> None:
    assert PETS.validate(["cat", "dog", "cat"]) == ["dog", "cat"]
    assert PETS.validate(["other", "bird", "dog"]) == ["dog", "bird", "other"]
    assert PETS.validate(list(reversed(PETS.choices))) == list(PETS.choices)


def test_multi_choice_refuses_unknown_choices() -> None:
    assert reason_of(PETS, ["dog", "dragon"]) == "not_a_choice"
    assert reason_of(PETS, ["dog", 3]) == "not_a_choice"
    assert reason_of(PETS, [["dog"]]) == "not_a_choice"


@pytest.mark.parametrize("value", [[], "dog", ("dog",), None, {"dog": True}])
def test_multi_choice_needs_a_non_empty_list(value: object) -> None:
    reason_of(PETS, value)


def test_empty_multi_choice_reason() -> None:
    assert reason_of(PETS, []) == "empty"


# -- dates ----------------------------------------------------------------------------------


BIRTHDAY = BY_KEY["birthday"]
DATE = field_of(FieldType.DATE)


@pytest.mark.parametrize("value", ["01-01", "02-29", "12-31", "04-30", " 07-14 "])
def test_month_day_accepts_real_days_including_leap_day(value: str) -> None:
    assert BIRTHDAY.validate(value) == value.strip()


@pytest.mark.parametrize(
    "value",
    ["02-30", "04-31", "13-01", "00-10", "01-00", "2-9", "0229", "02/29", "2024-02-29", ""]
    + ["٠٢-٢٩", "０２-２９"],  # digits of other scripts are not ASCII MM-DD
)
def test_month_day_refuses_impossible_or_malformed(value: str) -> None:
    assert reason_of(BIRTHDAY, value) == "not_a_month_day"


def test_month_day_must_be_text() -> None:
    assert reason_of(BIRTHDAY, 229) == "not_a_date"


def test_full_date_is_checked_and_canonical() -> None:
    assert DATE.validate("2024-02-29") == "2024-02-29"
    assert DATE.validate(" 1990-07-14 ") == "1990-07-14"
    assert reason_of(DATE, "2023-02-29") == "not_a_date"
    assert reason_of(DATE, "14/07/1990") == "not_a_date"
    assert reason_of(DATE, None) == "not_a_date"


# -- boolean --------------------------------------------------------------------------------


GARDEN = BY_KEY["has_garden"]


def test_boolean_accepts_only_booleans() -> None:
    assert GARDEN.validate(True) is True
    assert GARDEN.validate(False) is False
    for value in (1, 0, "yes", "true", None, [True]):
        assert reason_of(GARDEN, value) == "not_a_boolean"


# -- parse: values typed on a command line --------------------------------------------------


@pytest.mark.parametrize(
    "key,text,stored",
    [
        ("preferred_name", "  Ana ", "Ana"),
        ("email", "ana@example.org", "ana@example.org"),
        ("country", "gr", "GR"),
        ("shoe_size_eu", "40.5", 40.5),
        ("shoe_size_eu", " 41 ", 41),
        ("shoe_size_eu", "41.0", 41),
        ("household_size", "3", 3),
        ("diet", "vegan", "vegan"),
        ("pets", "dog", ["dog"]),
        ("pets", "cat, dog,,dog ,", ["dog", "cat"]),
        ("birthday", "02-29", "02-29"),
        ("has_garden", "yes", True),
        ("has_garden", "TRUE", True),
        ("has_garden", "on", True),
        ("has_garden", "1", True),
        ("has_garden", "No", False),
        ("has_garden", "false", False),
        ("has_garden", "off", False),
        ("has_garden", "0", False),
    ],
)
def test_parse_reads_command_line_text(key: str, text: str, stored: JsonValue) -> None:
    result = BY_KEY[key].parse(text)
    assert result == stored
    assert type(result) is type(stored)


@pytest.mark.parametrize(
    "key,text,reason",
    [
        ("preferred_name", "   ", "empty"),
        ("email", "nope", "not_an_email"),
        ("shoe_size_eu", "forty", "not_a_number"),
        ("shoe_size_eu", "", "not_a_number"),
        ("shoe_size_eu", "nan", "not_a_number"),
        ("shoe_size_eu", "inf", "not_a_number"),
        ("shoe_size_eu", "1e3", "above_maximum"),
        ("shoe_size_eu", "40.25", "not_a_step"),
        ("diet", "Vegan", "not_a_choice"),
        ("pets", "", "empty"),
        ("pets", " , ,", "empty"),
        ("pets", "dog,unicorn", "not_a_choice"),
        ("birthday", "02-30", "not_a_month_day"),
        ("has_garden", "maybe", "not_a_boolean"),
        ("has_garden", "", "not_a_boolean"),
    ],
)
def test_parse_refuses_bad_text(key: str, text: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        BY_KEY[key].parse(text)
    assert caught.value.reason == reason
    assert caught.value.key == key


# -- properties -----------------------------------------------------------------------------


EXTRA_FIELDS = (
    field_of(FieldType.DATE),
    field_of(FieldType.NUMBER),
    field_of(FieldType.CHOICE, choices=("a", "b")),
    field_of(FieldType.MULTI_CHOICE, choices=("a", "b", "c")),
)
ALL_FIELDS = (*CATALOGUE, *EXTRA_FIELDS)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=600)
    | st.sampled_from(["02-29", "2024-02-29", "ana@example.org", "GR", "vegan", "dog", "a"])
)
any_value = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)


def choices_value(field: FieldDef) -> st.SearchStrategy[object]:
    return st.lists(st.sampled_from(field.choices), min_size=1, max_size=2 * len(field.choices))


@st.composite
def field_and_value(draw: st.DrawFn) -> tuple[FieldDef, object]:
    """A field with a value that is often right for it, and otherwise anything at all."""
    field = draw(st.sampled_from(ALL_FIELDS))
    likely: st.SearchStrategy[object]
    if field.type is FieldType.MULTI_CHOICE:
        likely = choices_value(field)
    elif field.type is FieldType.CHOICE:
        likely = st.sampled_from(field.choices)
    elif field.type is FieldType.NUMBER:
        likely = (
            st.integers(-100, 100) | st.floats(-100, 100) | st.integers(0, 200).map(lambda n: n / 2)
        )
    elif field.type is FieldType.BOOLEAN:
        likely = st.booleans()
    elif field.type is FieldType.DATE:
        likely = st.dates().map(lambda d: d.isoformat()[-5:] if field.month_day else d.isoformat())
    else:
        likely = st.text(min_size=1, max_size=40)
    return field, draw(likely | any_value)


PROPERTY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.slow
@PROPERTY
@given(field_and_value())
def test_validate_raises_only_invalid_value_and_is_idempotent(
    case: tuple[FieldDef, object],
) -> None:
    field, value = case
    try:
        stored = field.validate(value)
    except InvalidValue as error:
        assert error.key == field.key and error.reason
        return
    # Any accepted value is already canonical: validating it again changes nothing,
    # and it survives the JSON the database stores it as.
    assert field.validate(stored) == stored
    assert json.loads(json.dumps(stored, ensure_ascii=False)) == stored


@pytest.mark.slow
@PROPERTY
@given(field_and_value())
def test_accepted_values_have_the_stored_type(case: tuple[FieldDef, object]) -> None:
    field, value = case
    try:
        stored = field.validate(value)
    except InvalidValue:
        return
    expected: dict[FieldType, type | tuple[type, ...]] = {
        FieldType.TEXT: str,
        FieldType.NUMBER: (int, float),
        FieldType.CHOICE: str,
        FieldType.MULTI_CHOICE: list,
        FieldType.DATE: str,
        FieldType.BOOLEAN: bool,
    }
    assert isinstance(stored, expected[field.type])
    if field.type is FieldType.NUMBER:
        assert not isinstance(stored, bool) and math.isfinite(stored)
    if field.type is FieldType.MULTI_CHOICE:
        assert isinstance(stored, list)
        assert stored == sorted(set(stored), key=field.choices.index)
    if field.type is FieldType.DATE and field.month_day:
        assert isinstance(stored, str) and re.fullmatch(r"[0-9]{2}-[0-9]{2}", stored)
    if field.type is FieldType.TEXT:
        assert isinstance(stored, str) and stored == stored.strip() and stored
        assert not any(unicodedata.category(ch) == "Cc" and ch != "\t" for ch in stored)


@PROPERTY
@given(st.sampled_from(ALL_FIELDS), st.text(max_size=60))
def test_parse_raises_only_invalid_value_and_gives_valid_values(field: FieldDef, text: str) -> None:
    try:
        stored = field.parse(text)
    except InvalidValue as error:
        assert error.key == field.key
        return
    assert field.validate(stored) == stored


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_multi_choice_text_round_trips_through_parse(data: st.DataObject) -> None:
    field = data.draw(st.sampled_from([f for f in ALL_FIELDS if f.type is FieldType.MULTI_CHOICE]))
    picked: list[str] = data.draw(st.lists(st.sampled_from(field.choices), min_size=1, max_size=6))
    stored = field.parse(", ".join(picked))
    assert stored == [c for c in field.choices if c in picked]
    assert field.parse(", ".join(stored)) == stored
