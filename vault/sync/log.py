"""Operations: capturing what changed here since the last sync, and applying another
device's operations with each table's merge rule."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..changes import Changes
from ..storage.store import Connection
from .codec import decode_row, decode_value, encode_row, key_text, row_hash
from .merge import merged
from .rows import Shadow, local_row, local_rows, set_shadow, shadow, shadows, write_row
from .tables import BY_NAME, ORDER, TABLES

Op = dict[str, Any]  # {"t": table, "k": key, "s": stamp, "c": creator, "r": row or None}
TOMBSTONE = row_hash(None)


def capture(
    connection: Connection, next_stamp: Callable[[], str], me: str, *,
    riding_along: bool = False,
) -> list[Op]:
    """One operation per synced row created, changed or deleted here since the last
    capture or merge; the shadow table is brought up to date in the same transaction.
    The tables that ride along with other changes are captured apart (`riding_along`)."""
    ops: list[Op] = []
    for table in TABLES:
        if table.rides_along != riding_along:
            continue
        known = shadows(connection, table)
        present = set()
        for key, row in local_rows(connection, table):
            present.add(key)
            digest = row_hash(row)
            entry = known.get(key)
            if entry is not None and entry.hash == digest:
                continue
            stamp = next_stamp()
            creator = entry.creator if entry is not None else me
            set_shadow(connection, table, key, Shadow(digest, stamp, creator))
            ops.append({"t": table.name, "k": json.loads(key), "s": stamp, "c": creator,
                        "r": encode_row(row)})
        for key, entry in known.items():
            if key in present or entry.hash == TOMBSTONE:
                continue
            stamp = next_stamp()
            set_shadow(connection, table, key, Shadow(TOMBSTONE, stamp, entry.creator))
            ops.append({"t": table.name, "k": json.loads(key), "s": stamp,
                        "c": entry.creator, "r": None})
    return ops


@dataclass
class Applied:
    """What applying operations changed here."""

    changes: Changes = Changes.NONE
    # Shared values that changed: (field key, the brand it is scoped to, or None for all)
    fields: set[tuple[str, str | None]] = field(default_factory=set)
    rows: int = 0


def apply_ops(connection: Connection, ops: list[Op], applied: Applied) -> None:
    """Merge operations into the local rows, referred tables first. MissingReference or a
    foreign key failure (a row referred to has not arrived) propagates: the caller's
    transaction rolls back and the segment waits."""
    known = [op for op in ops if op.get("t") in BY_NAME]  # a newer version's table: skipped
    for op in sorted(known, key=lambda o: ORDER[o["t"]]):
        _apply(connection, op, applied)


def _apply(connection: Connection, op: Op, applied: Applied) -> None:
    table = BY_NAME[op["t"]]
    key = [decode_value(v) for v in op["k"]]
    incoming = None if op["r"] is None else decode_row(op["r"])
    if incoming is not None and [incoming.get(k) for k in table.key] != key:
        raise ValueError("an operation's row does not match its key")
    text = key_text(key)
    current = local_row(connection, table, key)
    entry = shadow(connection, table, text)
    current_stamp = entry.stamp if entry is not None else ""
    winner, stamp = merged(table.merge, current, current_stamp, incoming, str(op["s"]),
                           table.mark)
    if winner != current:
        write_row(connection, table, key, winner, exists=current is not None)
        applied.changes |= table.changes
        applied.rows += 1
        if table.reissues:
            row = winner if winner is not None else current
            assert row is not None  # one of them is a row, or nothing changed
            field_key, *brand = (row[column] for column in table.reissues)
            applied.fields.add((str(field_key), str(brand[0]) if brand else None))
    creator = entry.creator if entry is not None else str(op["c"])
    set_shadow(connection, table, text, Shadow(row_hash(winner), stamp, creator))
