"""The tables that travel, and how each one merges.

A new table joins sync with one line in TABLES, after the tables it refers to:

    Table("pauses", key=("grant_id",), merge=Merge.LAST_WRITER, changes=Changes.GRANTS),

It needs a key that means the same on every device (its primary key, or a unique key
when the primary key is an integer local to one database: name that one `local_id`).
An integer column that refers to another table's local id travels as that row's key
(`Ref`). Everything else is generic: capture, sealing, merge and apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..changes import Changes


class Merge(StrEnum):
    """How concurrent versions of one row resolve; each picks the maximum of a total order,
    so the result does not depend on the order versions arrive in."""

    LAST_WRITER = "last_writer"  # the latest stamp wins (deleting included)
    IMMUTABLE = "immutable"  # rows never change once written: the first stamp stays
    GRANT = "grant"  # revoked > expired > active, then the latest stamp; version = max
    DELIVERY = "delivery"  # delivered wins, then the latest stamp


@dataclass(frozen=True)
class Ref:
    """`column` holds the local id of a row of `table`; it travels as that row's `key`."""

    column: str
    table: str
    key: str
    local_id: str = "id"


@dataclass(frozen=True)
class Table:
    name: str
    key: tuple[str, ...]
    merge: Merge = Merge.LAST_WRITER
    changes: Changes = Changes.NONE
    local_id: str | None = None  # an integer primary key local to each database
    refs: tuple[Ref, ...] = ()
    where: str = ""  # only the rows that travel (SQL over the table's columns)
    # Travels only with other changes, never in a segment of its own: the activity log,
    # which each sync itself lengthens (two devices would otherwise answer each other).
    rides_along: bool = False
    # A value shared with brands: its field key column (and its brand's, for a value scoped
    # to one brand); applying a change here issues the next version of the grants carrying it.
    reissues: tuple[str, ...] = ()
    # A column that, once set, wins over a version without it whoever wrote last.
    mark: str = ""


TABLES: tuple[Table, ...] = (
    Table("meta", ("key",), changes=Changes.SETTINGS, where="key IN ('email_aliases')"),
    Table("custom_fields", ("key",), changes=Changes.FIELDS),
    Table("field_values", ("key",), changes=Changes.FIELDS, reissues=("key",)),
    Table("field_history", ("key", "changed_at", "value"), Merge.IMMUTABLE,
          changes=Changes.FIELDS, local_id="id"),
    Table("brands", ("origin",), changes=Changes.BRANDS),
    Table("requests", ("sha256",), Merge.IMMUTABLE, changes=Changes.BRANDS, local_id="id"),
    Table("grants", ("id",), Merge.GRANT, changes=Changes.GRANTS,
          refs=(Ref("request_id", "requests", "sha256"),)),
    Table("tokens", ("jti",), Merge.IMMUTABLE, changes=Changes.GRANTS),
    Table("outbox", ("jti",), Merge.DELIVERY, changes=Changes.OUTBOX),
    # An alias never changes once given, but for its closing, which no device undoes.
    Table("email_aliases", ("alias",), changes=Changes.ALIASES, mark="closed_at"),
    Table("answers", ("brand_origin", "key"), changes=Changes.FIELDS,
          reissues=("key", "brand_origin")),
    Table("answer_history", ("brand_origin", "key", "changed_at", "value"), Merge.IMMUTABLE,
          changes=Changes.FIELDS, local_id="id"),
    # The alias source and the watched mailbox, its password included (mailbox_position,
    # how far this device has read, stays on each device: docs/sync.md).
    Table("leak_settings", ("name",), changes=Changes.SETTINGS),
    Table("service_aliases", ("alias",), changes=Changes.ALIASES),
    Table("leaks", ("fingerprint", "alias"), changes=Changes.ALIASES, local_id="id",
          mark="expected_at"),
    Table("expected_senders", ("brand_origin", "domain"), changes=Changes.ALIASES),
    # Every device's activity log, its own mirrored from `audit` (see audit_chains.py).
    Table("sync_audit", ("device", "seq"), Merge.IMMUTABLE, changes=Changes.AUDIT,
          rides_along=True),
)

BY_NAME = {table.name: table for table in TABLES}
ORDER = {table.name: position for position, table in enumerate(TABLES)}
