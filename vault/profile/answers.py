"""The person's answers to brands' own questions: fields scoped to one brand.

An answer is kept under (brand origin, `q:` key): two brands' `q:size` are two fields.
Each keeps the question as the brand last asked it (its wire form, so its label, type,
choices and translations), the value in canonical form and a history of changes, like a
catalogue field's (`fields.py`): the same audit entries' shape, the same `Changes.FIELDS`
mark, the same hook for grants to re-issue inside the change's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from zpd.fieldtypes import JsonValue
from zpd.questions import Question, QuestionType, check_answer, from_wire, to_wire

from ..changes import Changes, mark
from ..errors import InvalidValue
from ..storage.store import Connection, Store
from . import audit
from .audit import AuditAction
from .fields import HistoryEntry

ChangeHook = Callable[[Connection], None]


@dataclass(frozen=True)
class Answer:
    brand_origin: str
    question: Question  # as the brand last asked it
    value: JsonValue
    updated_at: int

    @property
    def key(self) -> str:
        return self.question.key


def values_in(connection: Connection, origin: str) -> dict[str, JsonValue]:
    """The brand's answers by `q:` key, read inside the caller's transaction."""
    rows = connection.execute(
        "SELECT key, value FROM answers WHERE brand_origin = ?", (origin,)
    ).fetchall()
    return {str(key): json.loads(value) for key, value in rows}


def listing(store: Store, origin: str | None = None) -> list[Answer]:
    """Every answer (of one brand), by brand then key."""
    where, params = ("WHERE brand_origin = ?", (origin,)) if origin is not None else ("", ())
    rows = store.query(
        f"SELECT brand_origin, key, question, value, updated_at FROM answers {where} "
        "ORDER BY brand_origin, key", params,
    )
    return [_answer(row) for row in rows]


def get(store: Store, origin: str, key: str) -> Answer | None:
    row = store.query_one(
        "SELECT brand_origin, key, question, value, updated_at FROM answers "
        "WHERE brand_origin = ? AND key = ?", (origin, key),
    )
    return _answer(row) if row else None


def _answer(row: tuple[object, ...]) -> Answer:
    origin, key, question, value, updated_at = row
    return Answer(str(origin), from_wire(str(key), json.loads(str(question))),
                  json.loads(str(value)), int(str(updated_at)))


def set_answer(
    store: Store, origin: str, question: Question, value: object, now: int,
    on_change: ChangeHook | None = None,
) -> JsonValue:
    """Keep `value` as the answer to the brand's `question` (InvalidValue if it does not fit)."""
    canonical = check_answer(question, value)
    encoded = json.dumps(canonical, ensure_ascii=False)
    asked = json.dumps(to_wire(question), ensure_ascii=False)
    current = store.query_one(
        "SELECT value, question FROM answers WHERE brand_origin = ? AND key = ?",
        (origin, question.key),
    )
    if current is not None and current[0] == encoded:
        if current[1] != asked:  # the same answer, to the question as now worded
            with store.transaction() as connection:
                mark(Changes.FIELDS)
                connection.execute(
                    "UPDATE answers SET question = ? WHERE brand_origin = ? AND key = ?",
                    (asked, origin, question.key),
                )
        return canonical
    with store.transaction() as connection:
        mark(Changes.FIELDS)
        connection.execute(
            "INSERT INTO answers (brand_origin, key, question, value, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (brand_origin, key) DO UPDATE "
            "SET question = excluded.question, value = excluded.value, "
            "updated_at = excluded.updated_at",
            (origin, question.key, asked, encoded, now),
        )
        connection.execute(
            "INSERT INTO answer_history (brand_origin, key, value, changed_at) "
            "VALUES (?, ?, ?, ?)", (origin, question.key, encoded, now),
        )
        audit.append(connection, now, AuditAction.ANSWER_SET,
                     {"brand": origin, "field": question.key})
        if on_change is not None:
            on_change(connection)
    return canonical


def clear_answer(
    store: Store, origin: str, key: str, now: int, on_change: ChangeHook | None = None
) -> bool:
    """Forget the answer; returns False (and records nothing) when there was none. The
    hook runs first, inside the transaction, and may refuse by raising."""
    with store.transaction() as connection:
        exists = connection.execute(
            "SELECT 1 FROM answers WHERE brand_origin = ? AND key = ?", (origin, key)
        ).fetchone()
        if not exists:
            return False
        if on_change is not None:
            on_change(connection)
        mark(Changes.FIELDS)
        connection.execute(
            "DELETE FROM answers WHERE brand_origin = ? AND key = ?", (origin, key)
        )
        connection.execute(
            "INSERT INTO answer_history (brand_origin, key, value, changed_at) "
            "VALUES (?, ?, NULL, ?)", (origin, key, now),
        )
        audit.append(connection, now, AuditAction.ANSWER_CLEARED,
                     {"brand": origin, "field": key})
    return True


def history(store: Store, origin: str, key: str) -> list[HistoryEntry]:
    rows = store.query(
        "SELECT changed_at, value FROM answer_history WHERE brand_origin = ? AND key = ? "
        "ORDER BY id", (origin, key),
    )
    return [HistoryEntry(int(at), json.loads(v) if v is not None else None) for at, v in rows]


def all_history(store: Store) -> list[tuple[str, str, HistoryEntry]]:
    """(brand origin, key, entry) of every change of every answer, oldest first."""
    rows = store.query(
        "SELECT brand_origin, key, changed_at, value FROM answer_history ORDER BY id"
    )
    return [
        (str(origin), str(key), HistoryEntry(int(at), json.loads(v) if v is not None else None))
        for origin, key, at, v in rows
    ]


def parse_text(question: Question, text: str) -> JsonValue:
    """An answer typed on a command line: a choice's value, choices' values separated by
    commas, a number, yes or no, YYYY-MM-DD, or text; checked against the question."""
    text = text.strip()
    value: object = text
    match question.type:
        case QuestionType.NUMBER:
            try:
                number = float(text)
            except ValueError:
                raise InvalidValue(question.key, "not_a_number", text) from None
            value = int(number) if number.is_integer() else number
        case QuestionType.BOOLEAN:
            lowered = text.lower()
            if lowered in ("yes", "true", "1", "on"):
                value = True
            elif lowered in ("no", "false", "0", "off"):
                value = False
            else:
                raise InvalidValue(question.key, "not_a_boolean", text)
        case QuestionType.MULTI_CHOICE:
            value = [part.strip() for part in text.split(",") if part.strip()]
        case QuestionType.DATE:
            value = text
        case _:
            pass
    return check_answer(question, value)
