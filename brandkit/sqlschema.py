"""The receiver's tables, in SQL that SQLite and PostgreSQL both take, and the steps that
bring an older database up to the current schema (run by `sqlstorage.SqlStorage`)."""

from __future__ import annotations

SCHEMA_VERSION = 3

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
        encryption_kid TEXT)""",
    "CREATE INDEX IF NOT EXISTS zpd_grants_by_pseudonym ON zpd_grants (pseudonym)",
    "CREATE INDEX IF NOT EXISTS zpd_grants_by_update ON zpd_grants (updated_at, grant_id)",
    """CREATE TABLE IF NOT EXISTS zpd_seen_messages (
        kind TEXT NOT NULL CHECK (kind IN ('token', 'event')),
        jti TEXT NOT NULL,
        pseudonym TEXT NOT NULL,
        digest TEXT NOT NULL,
        receipt TEXT NOT NULL,
        received_at BIGINT NOT NULL,
        PRIMARY KEY (kind, jti))""",
    *VISITS,
)

# What each schema version adds to the one before, run in order on an older database.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    2: (  # the grant's start (nbf), pause (v1.1), and the key its tokens were encrypted to
        "ALTER TABLE zpd_grants ADD COLUMN not_before BIGINT",
        "ALTER TABLE zpd_grants ADD COLUMN paused_at BIGINT",
        "ALTER TABLE zpd_grants ADD COLUMN encryption_kid TEXT",
    ),
    3: VISITS,  # already made by SCHEMA's IF NOT EXISTS when a database is opened to write
}

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
