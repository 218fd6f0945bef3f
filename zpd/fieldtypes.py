"""What a preference field is, and how its values are checked.

Values are stored as JSON: text, choice and date as strings, number as int or
float, multi-choice as a sorted list of distinct strings, boolean as bool.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from .errors import InvalidValue

JsonValue = str | int | float | bool | list[str]

MAX_TEXT_LENGTH = 500
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_KEY = re.compile(r"[a-z][a-z0-9_]{1,47}")


class FieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    DATE = "date"
    BOOLEAN = "boolean"


class Sensitivity(StrEnum):
    LOW = "low"
    PERSONAL = "personal"
    SPECIAL = "special"  # GDPR Article 9: always flagged before sharing


class Category(StrEnum):
    CONTACT = "contact"
    IDENTITY = "identity"
    SHOPPING = "shopping"
    FOOD = "food"
    BEAUTY = "beauty"
    HOME = "home"
    TRAVEL = "travel"
    INTERESTS = "interests"
    CUSTOM = "custom"


class TextFormat(StrEnum):
    FREE = "free"
    EMAIL = "email"
    COUNTRY = "country"  # ISO 3166-1 alpha-2


@dataclass(frozen=True)
class FieldDef:
    key: str
    label: str
    type: FieldType
    category: Category
    sensitivity: Sensitivity
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    text_format: TextFormat = TextFormat.FREE
    month_day: bool = False  # a date without a year, written MM-DD
    custom: bool = False

    def validate(self, value: object) -> JsonValue:
        """Return the canonical stored form of `value`, or raise InvalidValue."""
        return _VALIDATORS[self.type](self, value)

    def parse(self, text: str) -> JsonValue:
        """Read a value typed on a command line (multi-choice: comma separated)."""
        text = text.strip()
        if self.type is FieldType.NUMBER:
            try:
                number = float(text)
            except ValueError:
                raise InvalidValue(self.key, "not_a_number", text) from None
            return self.validate(int(number) if number.is_integer() else number)
        if self.type is FieldType.BOOLEAN:
            lowered = text.lower()
            if lowered in ("yes", "true", "1", "on"):
                return True
            if lowered in ("no", "false", "0", "off"):
                return False
            raise InvalidValue(self.key, "not_a_boolean", text)
        if self.type is FieldType.MULTI_CHOICE:
            return self.validate([part.strip() for part in text.split(",") if part.strip()])
        return self.validate(text)


def is_valid_key(key: str) -> bool:
    return bool(_KEY.fullmatch(key))


def _text(f: FieldDef, value: object) -> JsonValue:
    if not isinstance(value, str):
        raise InvalidValue(f.key, "not_text")
    value = value.strip()
    if not value:
        raise InvalidValue(f.key, "empty")
    if len(value) > MAX_TEXT_LENGTH:
        raise InvalidValue(f.key, "too_long", str(MAX_TEXT_LENGTH))
    # Every control character (C0, DEL, C1) but tab: a C1 CSI steers a terminal as ESC [ does.
    # A lone surrogate (a byte that was not UTF-8) is no more text, and cannot be stored.
    if any(unicodedata.category(ch) in ("Cc", "Cs") and ch != "\t" for ch in value):
        raise InvalidValue(f.key, "control_characters")
    if f.text_format is TextFormat.EMAIL and not _EMAIL.fullmatch(value):
        raise InvalidValue(f.key, "not_an_email", value)
    if f.text_format is TextFormat.COUNTRY:
        # Checked before upper-casing, which maps some non-ASCII letters to ASCII ("ß" -> "SS").
        if not re.fullmatch(r"[A-Za-z]{2}", value):
            raise InvalidValue(f.key, "not_a_country_code", value)
        value = value.upper()
    return value


def _number(f: FieldDef, value: object) -> JsonValue:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValue(f.key, "not_a_number")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidValue(f.key, "not_a_number")
    if f.minimum is not None and value < f.minimum:
        raise InvalidValue(f.key, "below_minimum", _fmt(f.minimum))
    if f.maximum is not None and value > f.maximum:
        raise InvalidValue(f.key, "above_maximum", _fmt(f.maximum))
    if f.step is not None and not math.isclose((value / f.step) % 1, 0, abs_tol=1e-9):
        if not math.isclose((value / f.step) % 1, 1, abs_tol=1e-9):
            raise InvalidValue(f.key, "not_a_step", _fmt(f.step))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _choice(f: FieldDef, value: object) -> JsonValue:
    if not isinstance(value, str) or value not in f.choices:
        raise InvalidValue(f.key, "not_a_choice", ", ".join(f.choices))
    return value


def _multi_choice(f: FieldDef, value: object) -> JsonValue:
    if not isinstance(value, list) or not value:
        raise InvalidValue(f.key, "empty")
    unknown = [v for v in value if not isinstance(v, str) or v not in f.choices]
    if unknown:
        raise InvalidValue(f.key, "not_a_choice", ", ".join(f.choices))
    return sorted(set(value), key=f.choices.index)


def _date(f: FieldDef, value: object) -> JsonValue:
    if not isinstance(value, str):
        raise InvalidValue(f.key, "not_a_date")
    if f.month_day:
        match = re.fullmatch(r"([0-9]{2})-([0-9]{2})", value.strip())
        if not match:
            raise InvalidValue(f.key, "not_a_month_day", "MM-DD")
        try:
            dt.date(2000, int(match[1]), int(match[2]))  # 2000 is a leap year: 02-29 is fine
        except ValueError:
            raise InvalidValue(f.key, "not_a_month_day", "MM-DD") from None
        return value.strip()
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise InvalidValue(f.key, "not_a_date", "YYYY-MM-DD") from None


def _boolean(f: FieldDef, value: object) -> JsonValue:
    if not isinstance(value, bool):
        raise InvalidValue(f.key, "not_a_boolean")
    return value


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


_VALIDATORS = {
    FieldType.TEXT: _text,
    FieldType.NUMBER: _number,
    FieldType.CHOICE: _choice,
    FieldType.MULTI_CHOICE: _multi_choice,
    FieldType.DATE: _date,
    FieldType.BOOLEAN: _boolean,
}
