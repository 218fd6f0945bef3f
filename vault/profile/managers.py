"""The profile's API of an open vault: `vault.fields` and `vault.audit`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from zpd.fieldtypes import FieldDef, FieldType, JsonValue, Sensitivity

from ..clock import Clock
from ..storage.store import Connection, Store
from . import audit, fields
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
