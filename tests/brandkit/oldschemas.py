"""A current receiver database turned back into what an older brandkit left, on SQLite or
PostgreSQL (the statements are the same on both), to test the upgrades."""

from __future__ import annotations

from collections.abc import Callable

# What each schema version added, undone, newest first.
_UNDO: dict[int, tuple[str, ...]] = {
    4: (  # grant values in their own table, the webhook outbox, downstream deletions
        "UPDATE zpd_grants SET data = (SELECT data FROM zpd_grant_values v "
        "WHERE v.grant_id = zpd_grants.grant_id)",
        "DROP TABLE zpd_grant_values",
        "DROP TABLE zpd_webhooks",
        "DROP TABLE zpd_deletions",
        "DROP INDEX zpd_grants_by_expiry",
        "ALTER TABLE zpd_grants DROP COLUMN expiry_announced",
    ),
    3: (  # per-visit requests
        "DROP TABLE zpd_visits",
        "DROP INDEX zpd_issued_requests_by_jti",
        "DROP INDEX zpd_grants_by_request",
    ),
    2: (  # a grant's start, pause and encryption key
        "ALTER TABLE zpd_grants DROP COLUMN not_before",
        "ALTER TABLE zpd_grants DROP COLUMN paused_at",
        "ALTER TABLE zpd_grants DROP COLUMN encryption_kid",
    ),
}


def as_schema(execute: Callable[[str], object], version: int) -> None:
    """Run, through `execute`, what turns a current database into schema `version`."""
    for step in sorted(_UNDO, reverse=True):
        if step > version:
            for statement in _UNDO[step]:
                execute(statement)
    execute(f"UPDATE zpd_meta SET value = '{version}' WHERE key = 'schema_version'")
