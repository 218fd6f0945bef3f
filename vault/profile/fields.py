"""The person's values for catalogue and custom fields, with a history of changes."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from zpd.catalogue import BY_KEY, CATALOGUE
from zpd.fieldtypes import Category, FieldDef, FieldType, JsonValue, Sensitivity

from ..changes import Changes, mark
from ..errors import DefinitionProblem, InvalidFieldDefinition, UnknownField
from ..storage.store import Connection, Store
from . import audit
from .audit import AuditAction

CUSTOM_PREFIX = "x_"
_CUSTOM_KEY = re.compile(r"x_[a-z0-9_]{1,40}")
MAX_CUSTOM_CHOICES = 50


@dataclass(frozen=True)
class FieldValue:
    definition: FieldDef
    value: JsonValue | None
    updated_at: int | None


@dataclass(frozen=True)
class HistoryEntry:
    changed_at: int
    value: JsonValue | None  # None: the value was cleared


def custom_definitions(store: Store) -> list[FieldDef]:
    rows = store.query(
        "SELECT key, label, type, sensitivity, choices FROM custom_fields ORDER BY created_at, key"
    )
    return [
        FieldDef(
            key=str(key),
            label=str(label),
            type=FieldType(type_),
            category=Category.CUSTOM,
            sensitivity=Sensitivity(sens),
            choices=tuple(json.loads(choices)),
            custom=True,
        )
        for key, label, type_, sens, choices in rows
    ]


def definition(store: Store, key: str) -> FieldDef:
    if key in BY_KEY:
        return BY_KEY[key]
    if key.startswith(CUSTOM_PREFIX):
        for field in custom_definitions(store):
            if field.key == key:
                return field
    raise UnknownField(key)


def all_values(store: Store) -> list[FieldValue]:
    stored = {
        str(key): (json.loads(value), int(updated_at))
        for key, value, updated_at in store.query("SELECT key, value, updated_at FROM field_values")
    }
    result = []
    for field in (*CATALOGUE, *custom_definitions(store)):
        value, updated_at = stored.get(field.key, (None, None))
        result.append(FieldValue(field, value, updated_at))
    return result


def values_in(connection: Connection) -> dict[str, JsonValue]:
    """Every stored value, read inside the caller's transaction."""
    rows = connection.execute("SELECT key, value FROM field_values").fetchall()
    return {str(key): json.loads(value) for key, value in rows}


def get_value(store: Store, key: str) -> JsonValue | None:
    definition(store, key)
    row = store.query_one("SELECT value FROM field_values WHERE key = ?", (key,))
    return json.loads(row[0]) if row else None


ChangeHook = Callable[[Connection], None]


def set_value(
    store: Store, key: str, value: object, now: int, on_change: ChangeHook | None = None
) -> JsonValue:
    field = definition(store, key)
    canonical = field.validate(value)
    encoded = json.dumps(canonical, ensure_ascii=False)
    current = store.query_one("SELECT value FROM field_values WHERE key = ?", (key,))
    if current is not None and current[0] == encoded:
        return canonical  # nothing changed: no history, no audit entry
    with store.transaction() as connection:
        mark(Changes.FIELDS)
        connection.execute(
            "INSERT INTO field_values (key, value, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE "
            "SET value = excluded.value, updated_at = excluded.updated_at",
            (key, encoded, now),
        )
        connection.execute(
            "INSERT INTO field_history (key, value, changed_at) VALUES (?, ?, ?)",
            (key, encoded, now),
        )
        audit.append(connection, now, AuditAction.FIELD_SET, {"field": key})
        if on_change is not None:
            on_change(connection)
    return canonical


def clear_value(store: Store, key: str, now: int, on_change: ChangeHook | None = None) -> bool:
    """Remove the value; returns False (and records nothing) when there was none."""
    definition(store, key)
    with store.transaction() as connection:
        deleted = connection.execute("DELETE FROM field_values WHERE key = ?", (key,)).rowcount
        if deleted:
            mark(Changes.FIELDS)
            connection.execute(
                "INSERT INTO field_history (key, value, changed_at) VALUES (?, NULL, ?)",
                (key, now),
            )
            audit.append(connection, now, AuditAction.FIELD_CLEARED, {"field": key})
            if on_change is not None:
                on_change(connection)
    return bool(deleted)


def history(store: Store, key: str) -> list[HistoryEntry]:
    definition(store, key)
    rows = store.query(
        "SELECT changed_at, value FROM field_history WHERE key = ? ORDER BY id", (key,)
    )
    return [HistoryEntry(int(at), json.loads(v) if v is not None else None) for at, v in rows]


def all_history(store: Store) -> list[tuple[str, HistoryEntry]]:
    rows = store.query("SELECT key, changed_at, value FROM field_history ORDER BY id")
    return [
        (str(key), HistoryEntry(int(at), json.loads(v) if v is not None else None))
        for key, at, v in rows
    ]


def define_custom(
    store: Store,
    key: str,
    label: str,
    type_: FieldType,
    sensitivity: Sensitivity,
    choices: tuple[str, ...],
    now: int,
) -> FieldDef:
    if not key.startswith(CUSTOM_PREFIX):
        key = CUSTOM_PREFIX + key
    if not _CUSTOM_KEY.fullmatch(key):
        raise InvalidFieldDefinition(DefinitionProblem.KEY)
    label = label.strip()
    if not label or len(label) > 80 or _has_control_characters(label):
        raise InvalidFieldDefinition(DefinitionProblem.LABEL)
    is_choice = type_ in (FieldType.CHOICE, FieldType.MULTI_CHOICE)
    cleaned = tuple(dict.fromkeys(c.strip() for c in choices if c.strip()))
    if is_choice and not 1 <= len(cleaned) <= MAX_CUSTOM_CHOICES:
        raise InvalidFieldDefinition(DefinitionProblem.CHOICES)
    if not is_choice and cleaned:
        raise InvalidFieldDefinition(DefinitionProblem.CHOICES)
    if any(_has_control_characters(c) for c in cleaned):
        raise InvalidFieldDefinition(DefinitionProblem.CHOICES)
    with store.transaction() as connection:
        exists = connection.execute("SELECT 1 FROM custom_fields WHERE key = ?", (key,)).fetchone()
        if exists:
            raise InvalidFieldDefinition(DefinitionProblem.EXISTS)
        mark(Changes.FIELDS)
        connection.execute(
            "INSERT INTO custom_fields (key, label, type, category, sensitivity, choices, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                label,
                type_.value,
                Category.CUSTOM.value,
                sensitivity.value,
                json.dumps(list(cleaned)),
                now,
            ),
        )
        audit.append(connection, now, AuditAction.FIELD_DEFINED,
                     {"field": key, "type": type_.value})
    return definition(store, key)


def _has_control_characters(text: str) -> bool:
    """Labels and choices are shown as they are: no escape sequences, bells or line breaks
    (nor a lone surrogate, which is not text)."""
    return any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text)
