"""The field catalogue as a Markdown table for docs/protocol.md, made from the catalogue itself.

`make docs` writes it between the CATALOGUE markers; a test checks that the page holds
what `render()` makes now.
"""

from __future__ import annotations

from .catalogue import CATALOGUE
from .fieldtypes import MAX_TEXT_LENGTH, FieldDef, FieldType, TextFormat

START = "<!-- CATALOGUE START -->"
END = "<!-- CATALOGUE END -->"


def json_type(field: FieldDef) -> str:
    """How the field's value is written in a token's `data`."""
    if field.type is FieldType.NUMBER:
        whole = field.step is not None and float(field.step).is_integer()
        return "number (integer)" if whole else "number"
    if field.type is FieldType.MULTI_CHOICE:
        return "array of strings"
    if field.type is FieldType.BOOLEAN:
        return "boolean"
    return "string"


def values(field: FieldDef) -> str:
    """The values the field takes: its choices, its range and step, or its format."""
    if field.type is FieldType.CHOICE:
        return "one of " + ", ".join(f"`{c}`" for c in field.choices)
    if field.type is FieldType.MULTI_CHOICE:
        return "1 or more of " + ", ".join(f"`{c}`" for c in field.choices)
    if field.type is FieldType.NUMBER:
        step = f" in steps of {_number(field.step)}" if field.step is not None else ""
        return f"{_number(field.minimum)} to {_number(field.maximum)}{step}"
    if field.type is FieldType.DATE:
        return "`MM-DD` (a day of the year)" if field.month_day else "`YYYY-MM-DD`"
    if field.type is FieldType.BOOLEAN:
        return "`true` or `false`"
    if field.text_format is TextFormat.EMAIL:
        return "an e-mail address"
    if field.text_format is TextFormat.COUNTRY:
        return "ISO 3166-1 alpha-2 code, upper case (`GR`)"
    return f"1 to {MAX_TEXT_LENGTH} characters once trimmed, no control character but tab"


def render() -> str:
    rows = ["| Key | JSON type in `data` | Values | Sensitivity |", "|---|---|---|---|"]
    rows += [f"| `{f.key}` | {json_type(f)} | {values(f)} | {f.sensitivity} |" for f in CATALOGUE]
    return "\n".join(rows)


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else str(value)
