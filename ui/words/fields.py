"""Words for fields: labels, categories, sensitivities, choices, values and value errors.

Catalogue labels and choices are English defaults in `zpd.catalogue`; they are
looked up here in the "FieldLabels" and "FieldChoices" translation contexts (the
Greek `.ts` is generated from the catalogue). Custom labels and choices are the
person's own words and are shown as typed.
"""

from __future__ import annotations

import datetime as dt
from typing import assert_never

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from vault.errors import DefinitionProblem, InvalidFieldDefinition, InvalidValue
from zpd.catalogue import BY_KEY
from zpd.fieldtypes import Category, FieldDef, FieldType, JsonValue, Sensitivity, TextFormat

from .country_names import NAMES

LANGUAGE_FIELDS = frozenset({"preferred_language"})

# English for the catalogue's choice codes where "underscores become spaces" reads badly.
_CHOICE_ENGLISH = {
    "sms": "SMS",
    "diy": "DIY",
    "she_her": "she/her",
    "he_him": "he/him",
    "they_them": "they/them",
    "under_18": "under 18",
    "18_24": "18–24",
    "25_34": "25–34",
    "35_44": "35–44",
    "45_54": "45–54",
    "55_64": "55–64",
    "65_plus": "65 or over",
    "second_hand": "second-hand",
    "non_binary": "non-binary",
    "few_times_a_week": "a few times a week",
    "few_times_a_year": "a few times a year",
    "mid_range": "mid-range",
}


def field_label(definition: FieldDef) -> str:
    if definition.custom:
        return definition.label
    return QCoreApplication.translate("FieldLabels", definition.label)


def label_text(label: str) -> str:
    """A field's label as the vault holds it, in the person's language (the catalogue keeps
    English defaults; a custom field's label is shown as typed)."""
    return QCoreApplication.translate("FieldLabels", label)


def key_label(key: str) -> str:
    """The label of a field named by its key: a catalogue field's in the person's language,
    else the key (a custom field's label is the caller's to look up)."""
    definition = BY_KEY.get(key)
    return field_label(definition) if definition is not None else key


def field_list(keys: tuple[str, ...] | list[str]) -> str:
    return ", ".join(key_label(k) for k in keys)


def is_special(key: str) -> bool:
    definition = BY_KEY.get(key)
    return definition is not None and definition.sensitivity is Sensitivity.SPECIAL


def category_name(category: Category) -> str:
    match category:
        case Category.CONTACT:
            return QCoreApplication.translate("FieldWords", "Contact")
        case Category.IDENTITY:
            return QCoreApplication.translate("FieldWords", "About me")
        case Category.SHOPPING:
            return QCoreApplication.translate("FieldWords", "Shopping")
        case Category.FOOD:
            return QCoreApplication.translate("FieldWords", "Food")
        case Category.BEAUTY:
            return QCoreApplication.translate("FieldWords", "Beauty")
        case Category.HOME:
            return QCoreApplication.translate("FieldWords", "Home")
        case Category.TRAVEL:
            return QCoreApplication.translate("FieldWords", "Travel")
        case Category.INTERESTS:
            return QCoreApplication.translate("FieldWords", "Interests")
        case Category.CUSTOM:
            return QCoreApplication.translate("FieldWords", "My own fields")
        case _:
            assert_never(category)


def sensitivity_name(sensitivity: Sensitivity) -> str:
    match sensitivity:
        case Sensitivity.SPECIAL:
            return QCoreApplication.translate("FieldWords", "Special category")
        case Sensitivity.PERSONAL:
            return QCoreApplication.translate("FieldWords", "Personal")
        case Sensitivity.LOW:
            return QCoreApplication.translate("FieldWords", "Everyday")
        case _:
            assert_never(sensitivity)


def sensitivity_explained(sensitivity: Sensitivity) -> str:
    if sensitivity is Sensitivity.SPECIAL:
        return QCoreApplication.translate(
            "FieldWords",
            "Special category data (GDPR Article 9): health, religion or belief, ethnicity, "
            "biometrics, sex life or sexual orientation, political opinions. The law protects "
            "it more strongly, and this app always warns you before sharing it.",
        )
    if sensitivity is Sensitivity.PERSONAL:
        return QCoreApplication.translate(
            "FieldWords", "Personal: says something about who you are; share it with care."
        )
    return QCoreApplication.translate(
        "FieldWords", "Low: a preference that says little about you on its own."
    )


def type_name(type_: FieldType) -> str:
    match type_:
        case FieldType.TEXT:
            return QCoreApplication.translate("FieldWords", "Text")
        case FieldType.NUMBER:
            return QCoreApplication.translate("FieldWords", "Number")
        case FieldType.CHOICE:
            return QCoreApplication.translate("FieldWords", "One of a list")
        case FieldType.MULTI_CHOICE:
            return QCoreApplication.translate("FieldWords", "Several of a list")
        case FieldType.DATE:
            return QCoreApplication.translate("FieldWords", "Date")
        case FieldType.BOOLEAN:
            return QCoreApplication.translate("FieldWords", "Yes or no")
        case _:
            assert_never(type_)


def choice_text(definition: FieldDef, choice: str, capitalize: bool = True) -> str:
    """A choice as a person reads it: a language's name, "she/her", "Fair trade"
    ("fair trade" inside a sentence)."""
    if definition.custom:
        return choice
    if definition.key in LANGUAGE_FIELDS:
        language = QLocale(choice).language()
        if language not in (QLocale.Language.C, QLocale.Language.AnyLanguage):
            return QCoreApplication.translate("FieldChoices", QLocale.languageToString(language))
    english = _CHOICE_ENGLISH.get(choice)
    if english is None:
        english = choice if choice.isupper() else choice.replace("_", " ")
    text = QCoreApplication.translate("FieldChoices", english)
    return text[:1].upper() + text[1:] if capitalize else text


def date_text(definition: FieldDef, value: str) -> str:
    locale = QLocale()
    try:
        if definition.month_day:
            month, day = (int(part) for part in value.split("-"))
            return locale.toString(QDate(2000, month, day), "d MMMM")
        day_ = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return locale.toString(QDate(day_.year, day_.month, day_.day), "d MMMM yyyy")


def value_text(definition: FieldDef, value: JsonValue | None) -> str:
    """A stored value as shown in a table cell; "" when there is none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("FieldWords", "Yes")
            if value
            else QCoreApplication.translate("FieldWords", "No")
        )
    if isinstance(value, list):
        return QCoreApplication.translate("FieldWords", ", ").join(
            choice_text(definition, str(v)) for v in value
        )
    if definition.type is FieldType.CHOICE:
        return choice_text(definition, str(value))
    if definition.type is FieldType.DATE:
        return date_text(definition, str(value))
    if isinstance(value, float):
        return QLocale().toString(value, "g", 12)
    if definition.text_format is TextFormat.COUNTRY and isinstance(value, str):
        return country_text(value)
    return str(value)


def country_text(code: str) -> str:
    """An ISO 3166 code as the country's name in the language of the screen, with the code:
    "Greece (GR)", "Ελλάδα (GR)" (Qt names countries in English only; CLDR's names for the
    other languages are in country_names.py)."""
    code = code.upper()
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyTerritory:
        return code
    language = QLocale().name().split("_")[0]
    name = NAMES.get(language, {}).get(code) or QLocale.territoryToString(territory)
    return f"{name} ({code})"


def invalid_value_text(error: InvalidValue) -> str:
    """Why a value was refused, in words: one sentence, the field's name left to the caller."""
    detail = error.detail
    words = {
        "not_text": QCoreApplication.translate("FieldWords", "This needs text."),
        "empty": QCoreApplication.translate(
            "FieldWords", "This cannot be empty; use Clear to remove the value."
        ),
        "too_long": QCoreApplication.translate(
            "FieldWords", "This is too long: at most {0} characters."
        ).format(detail),
        "control_characters": QCoreApplication.translate(
            "FieldWords", "This contains invisible control characters; retype it."
        ),
        "not_an_email": QCoreApplication.translate(
            "FieldWords", "This is not an email address (like name@example.org)."
        ),
        "not_a_country_code": QCoreApplication.translate(
            "FieldWords", "Use the two-letter country code, like GR or DE."
        ),
        "not_a_number": QCoreApplication.translate("FieldWords", "This needs a number."),
        "below_minimum": QCoreApplication.translate(
            "FieldWords", "The smallest value allowed is {0}."
        ).format(detail),
        "above_maximum": QCoreApplication.translate(
            "FieldWords", "The largest value allowed is {0}."
        ).format(detail),
        "not_a_step": QCoreApplication.translate(
            "FieldWords", "Use steps of {0}."
        ).format(detail),
        "not_a_choice": QCoreApplication.translate(
            "FieldWords", "Pick one of the choices offered."
        ),
        "not_a_month_day": QCoreApplication.translate(
            "FieldWords", "This needs a month and a day (MM-DD) that exist."
        ),
        "not_a_date": QCoreApplication.translate(
            "FieldWords", "This needs a date that exists (YYYY-MM-DD)."
        ),
        "not_a_boolean": QCoreApplication.translate("FieldWords", "This needs yes or no."),
        "too_large": QCoreApplication.translate(
            "FieldWords", "This number is too large: at most {0} either way."
        ).format(detail),
        "duplicate_choice": QCoreApplication.translate(
            "FieldWords", "Pick each choice only once."
        ),
    }
    return words.get(
        error.reason,
        QCoreApplication.translate("FieldWords", "This value does not fit the field ({0}).")
        .format(error.reason),
    )


def definition_error_text(error: InvalidFieldDefinition) -> str:
    match error.problem:
        case DefinitionProblem.KEY:
            return QCoreApplication.translate(
                "FieldWords",
                "The key must be 1 to 40 lowercase letters, digits or underscores.",
            )
        case DefinitionProblem.LABEL:
            return QCoreApplication.translate(
                "FieldWords", "The name must be 1 to 80 characters, without control characters."
            )
        case DefinitionProblem.CHOICES:
            return QCoreApplication.translate(
                "FieldWords",
                "A list field needs 1 to 50 choices, one per line; other types take none.",
            )
        case DefinitionProblem.EXISTS:
            return QCoreApplication.translate(
                "FieldWords", "You already have a field with this key: choose another."
            )
        case _:
            assert_never(error.problem)
