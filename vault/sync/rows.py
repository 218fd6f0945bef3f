"""Reading synced rows as they travel, and writing merged rows back; the shadow table.

A row travels as {column: value} without its local id, with each `Ref` column holding
the referenced row's key instead of its local id. `sync_rows` keeps, per synced row, the
hash of the row as it stands after the last capture or merge, the stamp of the version
it is based on and the device that created it: a row whose hash differs was changed
here since, and travels at the next capture.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..storage.store import Connection
from .codec import Row, key_text
from .tables import Table


class MissingReference(Exception):
    """A row refers to one that has not arrived yet: its segment waits."""


@dataclass(frozen=True)
class Shadow:
    hash: bytes
    stamp: str
    creator: str


_COLUMNS: dict[str, list[str]] = {}


def _columns(connection: Connection, table: Table) -> list[str]:
    # Every database open in this process has the latest schema (migrated at open).
    if table.name not in _COLUMNS:
        names = [str(r[1]) for r in connection.execute(f'PRAGMA table_info("{table.name}")')]
        _COLUMNS[table.name] = [n for n in names if n != table.local_id]
    return _COLUMNS[table.name]


def _select(connection: Connection, table: Table, columns: list[str]) -> str:
    refs = {ref.column: ref for ref in table.refs}
    parts = []
    for name in columns:
        ref = refs.get(name)
        if ref is None:
            parts.append(f't."{name}"')
        else:
            parts.append(
                f'(SELECT r."{ref.key}" FROM "{ref.table}" r '
                f'WHERE r."{ref.local_id}" = t."{name}")'
            )
    where = f"WHERE {table.where}" if table.where else ""
    return f'SELECT {", ".join(parts)} FROM "{table.name}" t {where}'


def local_rows(connection: Connection, table: Table) -> Iterator[tuple[str, Row]]:
    """(key text, row) of every row of `table` that travels."""
    columns = _columns(connection, table)
    for values in connection.execute(_select(connection, table, columns)):
        row = dict(zip(columns, values, strict=True))
        yield key_text([row[k] for k in table.key]), row


def local_row(connection: Connection, table: Table, key: list[Any]) -> Row | None:
    columns = _columns(connection, table)
    condition = " AND ".join(f't."{k}" IS ?' for k in table.key)
    glue = " AND " if table.where else " WHERE "
    sql = _select(connection, table, columns) + f"{glue}{condition}"
    found = connection.execute(sql, tuple(key)).fetchone()
    return None if found is None else dict(zip(columns, found, strict=True))


def shadows(connection: Connection, table: Table) -> dict[str, Shadow]:
    rows = connection.execute(
        "SELECT pk, hash, stamp, creator FROM sync_rows WHERE tbl = ?", (table.name,)
    )
    return {str(pk): Shadow(bytes(h), str(s), str(c)) for pk, h, s, c in rows}


def shadow(connection: Connection, table: Table, key: str) -> Shadow | None:
    found = connection.execute(
        "SELECT hash, stamp, creator FROM sync_rows WHERE tbl = ? AND pk = ?", (table.name, key)
    ).fetchone()
    return None if found is None else Shadow(bytes(found[0]), str(found[1]), str(found[2]))


def set_shadow(connection: Connection, table: Table, key: str, entry: Shadow) -> None:
    connection.execute(
        "INSERT INTO sync_rows (tbl, pk, hash, stamp, creator) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (tbl, pk) DO UPDATE SET hash = excluded.hash, stamp = excluded.stamp",
        (table.name, key, entry.hash, entry.stamp, entry.creator),
    )


def write_row(
    connection: Connection, table: Table, key: list[Any], row: Row | None, *, exists: bool,
) -> None:
    """Make the local row `row` (None: no row), `exists` saying whether there is one now.
    References must be there already."""
    condition = " AND ".join(f'"{k}" IS ?' for k in table.key)
    if row is None:
        connection.execute(f'DELETE FROM "{table.name}" WHERE {condition}', tuple(key))
        return
    values = dict(row)
    for ref in table.refs:
        if values.get(ref.column) is None:
            continue
        found = connection.execute(
            f'SELECT "{ref.local_id}" FROM "{ref.table}" WHERE "{ref.key}" = ?',
            (values[ref.column],),
        ).fetchone()
        if found is None:
            raise MissingReference(ref.table)
        values[ref.column] = found[0]
    names = list(values)
    if exists:
        assignments = ", ".join(f'"{n}" = ?' for n in names)
        connection.execute(
            f'UPDATE "{table.name}" SET {assignments} WHERE {condition}',
            (*values.values(), *key),
        )
        return
    listed = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join("?" for _ in names)
    connection.execute(
        f'INSERT INTO "{table.name}" ({listed}) VALUES ({marks})', tuple(values.values())
    )


