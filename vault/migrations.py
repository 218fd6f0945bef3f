"""Numbered schema migrations. Each runs in one transaction with its version bump.

Never edit a migration that has shipped; add the next number instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "meta, field values with history, hash-chained audit log",
        (
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID",
            """CREATE TABLE field_values (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                updated_at INTEGER NOT NULL
            )""",
            """CREATE TABLE field_history (
                id INTEGER PRIMARY KEY,
                key TEXT NOT NULL,
                value TEXT,
                changed_at INTEGER NOT NULL
            )""",
            "CREATE INDEX field_history_by_key ON field_history (key, id)",
            """CREATE TABLE audit (
                seq INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                action TEXT NOT NULL,
                details TEXT NOT NULL,
                prev_hash BLOB NOT NULL,
                hash BLOB NOT NULL
            )""",
        ),
    ),
    Migration(
        2,
        "custom fields defined by the person",
        (
            """CREATE TABLE custom_fields (
                key TEXT PRIMARY KEY,
                label TEXT NOT NULL,
                type TEXT NOT NULL,
                category TEXT NOT NULL,
                sensitivity TEXT NOT NULL,
                choices TEXT NOT NULL DEFAULT '[]',
                created_at INTEGER NOT NULL
            )""",
        ),
    ),
    Migration(
        3,
        "index the audit log by action for filtered timelines",
        ("CREATE INDEX audit_by_action ON audit (action, seq)",),
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version


def apply_migrations(
    connection: Any, current: int, migrations: tuple[Migration, ...] = MIGRATIONS
) -> int:
    """Bring the database from `current` to the last version; returns the version reached."""
    for migration in migrations:
        if migration.version <= current:
            continue
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in migration.statements:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {int(migration.version)}")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        current = migration.version
    return current
