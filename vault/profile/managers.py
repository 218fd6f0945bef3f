"""The profile's API of an open vault: `vault.fields` and `vault.audit`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zpd.errors import InvalidValue
from zpd.fieldtypes import FieldDef, FieldType, JsonValue, Sensitivity
from zpd.questions import Question, check_answer

from ..clock import Clock
from ..errors import UnknownQuestion
from ..storage.store import Connection, Store
from . import answers, audit, fields
from .answers import Answer
from .audit import AuditAction, AuditEntry, AuditReport
from .fields import FieldValue, HistoryEntry

# Called inside the transaction of a field's change (connection, key, now, clearing): the
# exchange re-issues the grants that share the field, or refuses to clear it.
FieldChanged = Callable[[Connection, str, int, bool], None]


def _nothing_shares(connection: Connection, key: str, now: int, clearing: bool) -> None:
    return None


class Fields:
    """The person's fields: the catalogue and custom definitions, values and their history."""

    def __init__(self, store: Store, clock: Clock, on_change: FieldChanged = _nothing_shares):
        self._store = store
        self._clock = clock
        self._on_change = on_change

    def all(self) -> list[FieldValue]:
        """Every field of the catalogue, then every custom one, each with its value (or None)."""
        return fields.all_values(self._store)

    def definition(self, key: str) -> FieldDef:
        return fields.definition(self._store, key)

    def get(self, key: str) -> JsonValue | None:
        return fields.get_value(self._store, key)

    def set(self, key: str, value: object) -> JsonValue:
        """Set a value; every live grant sharing the field gets its next version."""
        now = self._clock()
        return fields.set_value(self._store, key, value, now,
                                on_change=self._hook(key, now, clearing=False))

    def set_from_text(self, key: str, text: str) -> JsonValue:
        return self.set(key, self.definition(key).parse(text))

    def clear(self, key: str) -> bool:
        """Clear a value; refused while a live grant requires the field."""
        now = self._clock()
        return fields.clear_value(self._store, key, now,
                                  on_change=self._hook(key, now, clearing=True))

    def history(self, key: str) -> list[HistoryEntry]:
        return fields.history(self._store, key)

    def define(
        self, key: str, label: str, type_: FieldType, sensitivity: Sensitivity,
        choices: tuple[str, ...] = (),
    ) -> FieldDef:
        """A custom field (its key gets the `x_` prefix)."""
        return fields.define_custom(
            self._store, key, label, type_, sensitivity, choices, self._clock()
        )

    def _hook(self, key: str, now: int, *, clearing: bool) -> fields.ChangeHook:
        def changed(connection: Connection) -> None:
            self._on_change(connection, key, now, clearing)

        return changed


# Called inside the transaction of an answer's change (connection, brand origin, key, now,
# clearing): the exchange re-issues that brand's grants carrying it, or refuses to forget it.
AnswerChanged = Callable[[Connection, str, str, int, bool], None]
# The brand's question as its latest request asks it (UnknownQuestion if it does not).
QuestionOf = Callable[[str, str], Question]


def _no_question(origin: str, key: str) -> Question:
    raise UnknownQuestion(origin, key)


def _nothing_carries(connection: Connection, origin: str, key: str, now: int,
                     clearing: bool) -> None:
    return None


class Answers:
    """The person's answers to brands' own questions: one field per brand and `q:` key,
    with a history; changing one re-issues that brand's grants carrying it, no other's."""

    def __init__(self, store: Store, clock: Clock, question_of: QuestionOf = _no_question,
                 on_change: AnswerChanged = _nothing_carries) -> None:
        self._store = store
        self._clock = clock
        self._question_of = question_of
        self._on_change = on_change

    def all(self, origin: str | None = None) -> list[Answer]:
        """Every answer kept (to one brand's questions), by brand then key."""
        return answers.listing(self._store, origin)

    def get(self, origin: str, key: str) -> Answer | None:
        return answers.get(self._store, origin, key)

    def question(self, origin: str, key: str) -> Question:
        """The question as the brand asks it now, else as it was when last answered."""
        try:
            return self._question_of(origin, key)
        except UnknownQuestion:
            kept = answers.get(self._store, origin, key)
            if kept is None:
                raise
            return kept.question

    def set(self, origin: str, key: str, value: object) -> JsonValue:
        """Answer (InvalidValue if it does not fit the question); every live grant of this
        brand carrying the answer gets its next version."""
        now = self._clock()
        return answers.set_answer(self._store, origin, self.question(origin, key), value, now,
                                  on_change=self._hook(origin, key, now, clearing=False))

    def set_from_text(self, origin: str, key: str, text: str) -> JsonValue:
        """Answer as typed: a choice's value, values separated by commas, yes or no..."""
        return self.set(origin, key, answers.parse_text(self.question(origin, key), text))

    def clear(self, origin: str, key: str) -> bool:
        """Forget an answer; AnswerHeldByGrant while a live grant carries it."""
        now = self._clock()
        return answers.clear_answer(self._store, origin, key, now,
                                    on_change=self._hook(origin, key, now, clearing=True))

    def history(self, origin: str, key: str) -> list[HistoryEntry]:
        return answers.history(self._store, origin, key)

    def proposal(self, origin: str, key: str) -> JsonValue | None:
        """For a question that means a catalogue field (`same_as`), the person's value of
        that field when it fits the question as an answer (None otherwise)."""
        question = self.question(origin, key)
        if question.same_as is None:
            return None
        value = fields.get_value(self._store, question.same_as)
        if value is None:
            return None
        try:
            return check_answer(question, value)
        except InvalidValue:
            return None

    def linked_to(self, field_key: str) -> list[Answer]:
        """The answers whose question means this catalogue field (`same_as`)."""
        return [a for a in answers.listing(self._store) if a.question.same_as == field_key]

    def _hook(self, origin: str, key: str, now: int, *, clearing: bool) -> answers.ChangeHook:
        def changed(connection: Connection) -> None:
            self._on_change(connection, origin, key, now, clearing)

        return changed


class Audit:
    """The hash-chained activity log."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def entries(
        self, *, action_prefix: str = "", limit: int = 100, offset: int = 0,
        before: int | None = None,
    ) -> list[AuditEntry]:
        """Newest first; `before` (a sequence number) pages on from the oldest one shown."""
        return audit.entries(self._store, action_prefix=action_prefix, limit=limit,
                             offset=offset, before=before)

    def verify(self) -> AuditReport:
        """Walk the chain; the report names the first entry that does not hold."""
        return audit.verify(self._store)

    def record(self, action: AuditAction, details: dict[str, Any]) -> None:
        """Append one entry in a transaction of its own."""
        with self._store.transaction() as connection:
            audit.append(connection, self._clock(), action, details)
