"""What a receiver's storage holds, to show that a refused message changed nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from brandkit.sqlstorage import SqliteStorage


def snapshot(storage: SqliteStorage) -> dict[str, list[Any]]:
    """Every row of every table, to show that a refused message changed nothing."""
    with storage.transaction(write=False) as transaction:
        tables = [
            row[0] for row in transaction.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            ).fetchall()
        ]
        return {
            table: sorted(map(tuple, transaction.execute(f"SELECT * FROM {table}").fetchall()))
            for table in tables
        }


def db_files(path: Path) -> bytes:
    """The bytes of a SQLite database and its WAL, if any."""
    return b"".join(
        p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    )
