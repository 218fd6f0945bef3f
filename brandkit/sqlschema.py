"""The receiver's tables, in SQL that SQLite and PostgreSQL both take, and the steps that
bring an older database up to the current schema (run by `sqlstorage.SqlStorage`).

What differs per dialect is written with two markers, filled in by `statements`:
`{serial}` (an ever-growing integer key) and `{values_table}` (how the grant values'
table is laid out: plain on SQLite, hash-partitioned on PostgreSQL, so that erasing
one grant's values rewrites one small partition, not the whole table).
"""

from __future__ import annotations

SCHEMA_VERSION = 4
VALUE_PARTITIONS = 16  # PostgreSQL: partitions of zpd_grant_values

_GRANT_VALUES = """CREATE TABLE IF NOT EXISTS zpd_grant_values (
        grant_id TEXT PRIMARY KEY,
        data TEXT NOT NULL){values_table}"""

_WEBHOOKS = (
    """CREATE TABLE IF NOT EXISTS zpd_webhooks (
        seq {serial},
        event_id TEXT NOT NULL UNIQUE,
        subscriber TEXT NOT NULL,
        type TEXT NOT NULL,
        grant_id TEXT NOT NULL,
        message_jti TEXT,
        created_at BIGINT NOT NULL,
        state TEXT NOT NULL
            CHECK (state IN ('pending', 'delivered', 'failed', 'superseded')),
        attempts BIGINT NOT NULL DEFAULT 0,
        next_attempt_ms BIGINT NOT NULL,
        lease_until_ms BIGINT,
        last_status BIGINT,
        last_error TEXT,
        done_at BIGINT)""",
    "CREATE INDEX IF NOT EXISTS zpd_webhooks_due ON zpd_webhooks "
    "(subscriber, state, next_attempt_ms)",
    "CREATE INDEX IF NOT EXISTS zpd_webhooks_by_grant ON zpd_webhooks "
    "(subscriber, grant_id, seq)",
    """CREATE TABLE IF NOT EXISTS zpd_deletions (
        event_id TEXT PRIMARY KEY,
        revocation_jti TEXT NOT NULL,
        grant_id TEXT NOT NULL,
        subscriber TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'deleted', 'failed')),
        deadline BIGINT NOT NULL,
        at BIGINT,
        note TEXT)""",
    "CREATE INDEX IF NOT EXISTS zpd_deletions_by_revocation ON zpd_deletions "
    "(revocation_jti)",
    "CREATE INDEX IF NOT EXISTS zpd_deletions_due ON zpd_deletions (status, deadline)",
)

VISITS = (  # schema 3: per-visit requests, and grants found by their request's jti
    """CREATE TABLE IF NOT EXISTS zpd_visits (
        visit_id TEXT PRIMARY KEY,
        request_sha256 TEXT NOT NULL UNIQUE REFERENCES zpd_issued_requests (sha256),
        request_jti TEXT NOT NULL,
        ask_id TEXT,
        return_uri TEXT,
        reference TEXT,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS zpd_issued_requests_by_jti ON zpd_issued_requests (jti)",
    "CREATE INDEX IF NOT EXISTS zpd_grants_by_request ON zpd_grants (request_sha256)",
)

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS zpd_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS zpd_issued_requests (
        sha256 TEXT PRIMARY KEY,
        jti TEXT NOT NULL,
        jws TEXT NOT NULL,
        iat BIGINT NOT NULL,
        exp BIGINT NOT NULL,
        registered_at BIGINT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS zpd_pseudonyms (
        pseudonym TEXT PRIMARY KEY,
        jwk TEXT NOT NULL,
        first_seen BIGINT NOT NULL)""",
    # `data` is no longer written (schema 4 keeps values in zpd_grant_values); it stays,
    # always NULL, so that an upgraded database and a new one have the same columns.
    """CREATE TABLE IF NOT EXISTS zpd_grants (
        grant_id TEXT PRIMARY KEY,
        pseudonym TEXT NOT NULL REFERENCES zpd_pseudonyms (pseudonym),
        version BIGINT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
        request_sha256 TEXT REFERENCES zpd_issued_requests (sha256),
        ask_id TEXT,
        purpose_iri TEXT,
        purpose_description TEXT,
        retention_days BIGINT,
        data TEXT,
        token_jti TEXT,
        issued_at BIGINT,
        expires_at BIGINT,
        received_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        revoked_at BIGINT,
        not_before BIGINT,
        paused_at BIGINT,
        encryption_kid TEXT,
        expiry_announced BIGINT)""",
    "CREATE INDEX IF NOT EXISTS zpd_grants_by_pseudonym ON zpd_grants (pseudonym)",
    "CREATE INDEX IF NOT EXISTS zpd_grants_by_update ON zpd_grants (updated_at, grant_id)",
    "CREATE INDEX IF NOT EXISTS zpd_grants_by_expiry ON zpd_grants (expires_at)",
    """CREATE TABLE IF NOT EXISTS zpd_seen_messages (
        kind TEXT NOT NULL CHECK (kind IN ('token', 'event')),
        jti TEXT NOT NULL,
        pseudonym TEXT NOT NULL,
        digest TEXT NOT NULL,
        receipt TEXT NOT NULL,
        received_at BIGINT NOT NULL,
        PRIMARY KEY (kind, jti))""",
    *VISITS,
    _GRANT_VALUES,
    *_WEBHOOKS,
)

# What each schema version adds to the one before, run in order on an older database.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    2: (  # the grant's start (nbf), pause (v1.1), and the key its tokens were encrypted to
        "ALTER TABLE zpd_grants ADD COLUMN not_before BIGINT",
        "ALTER TABLE zpd_grants ADD COLUMN paused_at BIGINT",
        "ALTER TABLE zpd_grants ADD COLUMN encryption_kid TEXT",
    ),
    3: VISITS,  # already made by SCHEMA's IF NOT EXISTS when a database is opened to write
    4: (  # webhooks, downstream deletions, and values kept apart so erasure can rewrite them
        "ALTER TABLE zpd_grants ADD COLUMN expiry_announced BIGINT",
        "CREATE INDEX IF NOT EXISTS zpd_grants_by_expiry ON zpd_grants (expires_at)",
        _GRANT_VALUES,
        "INSERT INTO zpd_grant_values (grant_id, data) "
        "SELECT grant_id, data FROM zpd_grants WHERE data IS NOT NULL",
        "UPDATE zpd_grants SET data = NULL WHERE data IS NOT NULL",
        *_WEBHOOKS,
    ),
}

# Run after the statement that creates zpd_grant_values, on PostgreSQL only.
POSTGRES_PARTITIONS = tuple(
    f"CREATE TABLE IF NOT EXISTS zpd_grant_values_{n} PARTITION OF zpd_grant_values "
    f"FOR VALUES WITH (MODULUS {VALUE_PARTITIONS}, REMAINDER {n})"
    for n in range(VALUE_PARTITIONS)
)


def statements(template: tuple[str, ...], dialect: str) -> tuple[str, ...]:
    """The statements of `template` (SCHEMA or a migration step) for a dialect."""
    postgres = dialect == "postgresql"
    out: list[str] = []
    for statement in template:
        out.append(statement.format(
            serial="BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" if postgres
            else "INTEGER PRIMARY KEY AUTOINCREMENT",
            values_table=" PARTITION BY HASH (grant_id)" if postgres else "",
        ))
        if postgres and statement is _GRANT_VALUES:
            out.extend(POSTGRES_PARTITIONS)
    return tuple(out)


GRANT_COLUMNS = (
    "grant_id", "pseudonym", "version", "status", "received_at", "updated_at", "request_sha256",
    "ask_id", "purpose_iri", "purpose_description", "retention_days", "data", "token_jti",
    "issued_at", "expires_at", "revoked_at", "not_before", "paused_at", "encryption_kid",
)
SEEN_COLUMNS = ("kind", "jti", "pseudonym", "digest", "receipt", "received_at")
REQUEST_COLUMNS = ("sha256", "jti", "jws", "iat", "exp", "registered_at")
VISIT_COLUMNS = (
    "visit_id", "request_sha256", "request_jti", "ask_id", "return_uri", "reference",
    "created_at", "expires_at",
)
