"""Brand questions (PROTOCOL.md section 10): a field a brand defines in its own words.

`parse_question` validates the `question` member of an `asks[].fields` entry whose key
starts with `q:`; every refusal is a RequestInvalid whose reason is a QuestionProblem.
`check_answer` checks a value against its question, for the vault before it shares and
for the brand when it opens a token; it raises InvalidValue and returns the value in
canonical form (as `FieldDef.validate` does for a catalogue field).

Labels are plain text: no control character (so no line break), and nothing that looks
like a markup tag (`<` then a letter, `/`, `!` or `?`, up to the next `>`), since a label
that needs markup was written for a renderer the vault never uses. Format characters
such as bidi controls are allowed and, like all brand text, revealed where shown
(zpd/text.py). Lengths count Unicode code points.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from .catalogue import BY_KEY
from .claims import Reader
from .errors import InvalidValue, RequestInvalid
from .fieldtypes import MAX_TEXT_LENGTH, JsonValue

PREFIX = "q:"
MAX_LABEL = 200
MAX_CHOICE_LABEL = 100
MIN_CHOICES = 2
MAX_CHOICES = 50
MAX_TRANSLATIONS = 50
MAX_LANGUAGE_TAG = 35
MAX_NUMBER = 2**53  # the largest magnitude every JSON reader (a JavaScript Number) keeps exact

_KEY = re.compile(r"q:[a-z0-9-]{1,48}")
_CHOICE_VALUE = re.compile(r"[a-z0-9_-]{1,48}")
_CATEGORY = re.compile(r"https://w3id\.org/dpv/pd#[A-Z][A-Za-z0-9]{1,80}")
# A well-formed BCP 47 tag in its common shapes (RFC 5646 2.1): a 2-3 letter language,
# then subtags of 1-8 letters or digits; compared without regard to case.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
_MARKUP = re.compile(r"<[A-Za-z/!?][^<>]*>")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class QuestionType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE = "date"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"


CHOICE_TYPES = frozenset({QuestionType.CHOICE, QuestionType.MULTI_CHOICE})


class QuestionProblem(StrEnum):
    """Why a brand question is refused (the RequestInvalid's reason)."""

    BAD_KEY = "bad_question_key"  # not q: followed by 1-48 of [a-z0-9-]
    MISSING = "question_missing"  # a q: key without a question
    NOT_A_QUESTION_KEY = "question_on_catalogue_field"  # a catalogue key carrying a question
    BAD_TYPE = "bad_question_type"
    BAD_LABEL = "bad_label"  # empty, too long, or a control character
    MARKUP = "markup_in_label"
    BAD_CHOICES = "bad_choices"  # missing, too few or many, or on a type without choices
    BAD_CHOICE_VALUE = "bad_choice_value"
    DUPLICATE_CHOICE = "duplicate_choice"
    BAD_CATEGORY = "bad_category"
    BAD_SAME_AS = "bad_same_as"
    BAD_TRANSLATION = "bad_translation"
    CONFLICT = "question_conflict"  # one key, two different questions in one request


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Translation:
    label: str
    choices: tuple[Choice, ...] = ()  # every choice's label in this language, in choice order


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    type: QuestionType
    category: str
    choices: tuple[Choice, ...] = ()
    same_as: str | None = None
    translations: tuple[tuple[str, Translation], ...] = ()  # (language tag as written, ...)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    def translation(self, tag: str) -> Translation | None:
        """The translation for a language tag, compared without regard to case."""
        folded = tag.casefold()
        return next((t for written, t in self.translations if written.casefold() == folded),
                    None)


def is_question_key(key: str) -> bool:
    return key.startswith(PREFIX)


def check_key(key: str, where: str) -> None:
    if not _KEY.fullmatch(key):
        raise RequestInvalid(QuestionProblem.BAD_KEY,
                             f"{where}: {key!r} is not q: followed by 1-48 of a-z, 0-9 and -")


def parse_question(key: str, reader: Reader) -> Question:
    """The `question` member of a field entry keyed `key` (already checked by check_key)."""
    kind = reader.raw("type")
    if not isinstance(kind, str) or kind not in tuple(QuestionType):
        raise RequestInvalid(QuestionProblem.BAD_TYPE, f"{reader.where('type')}: {kind!r} is "
                             f"not one of {', '.join(QuestionType)}")
    qtype = QuestionType(kind)
    choices = _choices(reader, qtype)
    category = reader.raw("category")
    if not isinstance(category, str) or not _CATEGORY.fullmatch(category):
        raise RequestInvalid(QuestionProblem.BAD_CATEGORY, f"{reader.where('category')}: "
                             "must be a DPV personal-data IRI, https://w3id.org/dpv/pd#Concept")
    same_as = reader.raw("same_as")
    if same_as is not None and (not isinstance(same_as, str) or same_as not in BY_KEY):
        raise RequestInvalid(QuestionProblem.BAD_SAME_AS, f"{reader.where('same_as')}: "
                             f"{same_as!r} is not a catalogue field")
    return Question(
        key=key,
        label=label(reader, "label", MAX_LABEL),
        type=qtype,
        category=category,
        choices=choices,
        same_as=same_as,
        translations=_translations(reader, qtype, tuple(c.value for c in choices)),
    )


def label(reader: Reader, key: str, maximum: int) -> str:
    """A label: 1 to `maximum` code points of plain text, not only spaces."""
    text = reader.raw(key)
    where = reader.where(key)
    if not isinstance(text, str) or not text.strip() or len(text) > maximum:
        raise RequestInvalid(QuestionProblem.BAD_LABEL,
                             f"{where} must be 1 to {maximum} characters of text")
    control = next((ch for ch in text if unicodedata.category(ch) == "Cc"), None)
    if control is not None:
        raise RequestInvalid(QuestionProblem.BAD_LABEL,
                             f"{where} holds the control character U+{ord(control):04X}")
    tag = _MARKUP.search(text)
    if tag is not None:
        raise RequestInvalid(QuestionProblem.MARKUP,
                             f"{where} holds markup ({tag.group()[:40]!r}): labels are plain text")
    return text


def _choices(reader: Reader, qtype: QuestionType) -> tuple[Choice, ...]:
    where = reader.where("choices")
    if qtype not in CHOICE_TYPES:
        if reader.raw("choices") is not None:
            raise RequestInvalid(QuestionProblem.BAD_CHOICES,
                                 f"{where}: a {qtype} question has no choices")
        return ()
    raw = reader.raw("choices")
    if not isinstance(raw, list) or not MIN_CHOICES <= len(raw) <= MAX_CHOICES:
        raise RequestInvalid(QuestionProblem.BAD_CHOICES, f"{where} must be a list of "
                             f"{MIN_CHOICES} to {MAX_CHOICES} choices")
    choices: list[Choice] = []
    for index, item in enumerate(raw):
        entry = Reader(item, f"{where}[{index}]", RequestInvalid)
        value = entry.raw("value")
        if not isinstance(value, str) or not _CHOICE_VALUE.fullmatch(value):
            raise RequestInvalid(QuestionProblem.BAD_CHOICE_VALUE, f"{entry.where('value')}: "
                                 f"{value!r} is not 1-48 of a-z, 0-9, _ and -")
        if any(c.value == value for c in choices):
            raise RequestInvalid(QuestionProblem.DUPLICATE_CHOICE,
                                 f"{entry.where('value')}: {value!r} is there twice")
        choices.append(Choice(value, label(entry, "label", MAX_CHOICE_LABEL)))
    return tuple(choices)


def _translations(
    reader: Reader, qtype: QuestionType, values: tuple[str, ...]
) -> tuple[tuple[str, Translation], ...]:
    raw = reader.raw("translations")
    if raw is None:
        return ()
    where = reader.where("translations")
    if not isinstance(raw, dict) or len(raw) > MAX_TRANSLATIONS:
        raise RequestInvalid(QuestionProblem.BAD_TRANSLATION, f"{where} must be an object of "
                             f"at most {MAX_TRANSLATIONS} languages")
    seen: set[str] = set()
    result = []
    for tag, item in raw.items():
        if len(tag) > MAX_LANGUAGE_TAG or not _LANGUAGE_TAG.fullmatch(tag):
            raise RequestInvalid(QuestionProblem.BAD_TRANSLATION,
                                 f"{where}: {tag!r} is not a BCP 47 language tag")
        if tag.casefold() in seen:
            raise RequestInvalid(QuestionProblem.BAD_TRANSLATION,
                                 f"{where}: {tag!r} is there twice (tags ignore case)")
        seen.add(tag.casefold())
        entry = Reader(item, f"{where}.{tag}", RequestInvalid)
        result.append((tag, Translation(label(entry, "label", MAX_LABEL),
                                        _translated_choices(entry, qtype, values))))
    return tuple(result)


def _translated_choices(
    entry: Reader, qtype: QuestionType, values: tuple[str, ...]
) -> tuple[Choice, ...]:
    raw = entry.raw("choices")
    where = entry.where("choices")
    if qtype not in CHOICE_TYPES:
        if raw is not None:
            raise RequestInvalid(QuestionProblem.BAD_TRANSLATION,
                                 f"{where}: a {qtype} question has no choices")
        return ()
    if not isinstance(raw, dict) or set(raw) != set(values):
        raise RequestInvalid(QuestionProblem.BAD_TRANSLATION,
                             f"{where} must give a label for each choice value, and no other")
    labels = Reader(raw, where, RequestInvalid)
    return tuple(Choice(value, label(labels, value, MAX_CHOICE_LABEL)) for value in values)


# -- answers ---------------------------------------------------------------------------------


def check_answer(question: Question, value: object) -> JsonValue:
    """`value` as the answer to `question` in a token's `data`, in canonical form.

    text: a string of 1-500 characters once trimmed, no control character but tab;
    number: a finite JSON number of magnitude at most 2^53 (a whole float becomes an int);
    boolean: true or false; date: a YYYY-MM-DD string naming a real date; choice: one
    choice value; multi_choice: a non-empty list of distinct choice values, returned in the
    order of the choices. InvalidValue(key, reason, detail) otherwise."""
    return _CHECKS[question.type](question, value)


def _text(question: Question, value: object) -> JsonValue:
    if not isinstance(value, str):
        raise InvalidValue(question.key, "not_text")
    value = value.strip()
    if not value:
        raise InvalidValue(question.key, "empty")
    if len(value) > MAX_TEXT_LENGTH:
        raise InvalidValue(question.key, "too_long", str(MAX_TEXT_LENGTH))
    if any(unicodedata.category(ch) in ("Cc", "Cs") and ch != "\t" for ch in value):
        raise InvalidValue(question.key, "control_characters")
    return value


def _number(question: Question, value: object) -> JsonValue:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValue(question.key, "not_a_number")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidValue(question.key, "not_a_number")
    if abs(value) > MAX_NUMBER:
        raise InvalidValue(question.key, "too_large", "2^53")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _boolean(question: Question, value: object) -> JsonValue:
    if not isinstance(value, bool):
        raise InvalidValue(question.key, "not_a_boolean")
    return value


def _date(question: Question, value: object) -> JsonValue:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise InvalidValue(question.key, "not_a_date", "YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InvalidValue(question.key, "not_a_date", "YYYY-MM-DD") from None


def _choice(question: Question, value: object) -> JsonValue:
    if not isinstance(value, str) or value not in question.values:
        raise InvalidValue(question.key, "not_a_choice", ", ".join(question.values))
    return value


def _multi_choice(question: Question, value: object) -> JsonValue:
    if not isinstance(value, list) or not value:
        raise InvalidValue(question.key, "empty")
    values = question.values
    if any(not isinstance(v, str) or v not in values for v in value):
        raise InvalidValue(question.key, "not_a_choice", ", ".join(values))
    if len(set(value)) != len(value):
        raise InvalidValue(question.key, "duplicate_choice")
    return sorted(value, key=values.index)


_CHECKS = {
    QuestionType.TEXT: _text,
    QuestionType.NUMBER: _number,
    QuestionType.BOOLEAN: _boolean,
    QuestionType.DATE: _date,
    QuestionType.CHOICE: _choice,
    QuestionType.MULTI_CHOICE: _multi_choice,
}


# -- the wire form, kept --------------------------------------------------------------------


def to_wire(question: Question) -> dict[str, object]:
    """`question` in its wire form (the `question` member), for keeping it as asked:
    `parse_question(key, Reader(to_wire(q), ...))` gives it back."""
    wire: dict[str, object] = {
        "label": question.label, "type": question.type.value, "category": question.category,
    }
    if question.choices:
        wire["choices"] = [{"value": c.value, "label": c.label} for c in question.choices]
    if question.same_as is not None:
        wire["same_as"] = question.same_as
    if question.translations:
        wire["translations"] = {
            tag: {"label": t.label, **({"choices": {c.value: c.label for c in t.choices}}
                                       if t.choices else {})}
            for tag, t in question.translations
        }
    return wire


def from_wire(key: str, wire: object) -> Question:
    """A question kept with `to_wire`, read back (RequestInvalid if it is not one)."""
    check_key(key, "question")
    return parse_question(key, Reader(wire, "question", RequestInvalid))
