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
    Migration(
        4,
        "brands with pinned keys, their signed requests, grants and the tokens issued",
        (
            """CREATE TABLE brands (
                origin TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                signing_jwk TEXT NOT NULL,
                encryption_jwk TEXT NOT NULL,
                domain_verified INTEGER NOT NULL DEFAULT 0,
                pinned_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            )""",
            """CREATE TABLE requests (
                id INTEGER PRIMARY KEY,
                brand_origin TEXT NOT NULL REFERENCES brands (origin),
                jti TEXT NOT NULL,
                jws TEXT NOT NULL,
                sha256 TEXT NOT NULL UNIQUE,
                iat INTEGER NOT NULL,
                exp INTEGER NOT NULL,
                source TEXT NOT NULL,
                domain_verified INTEGER NOT NULL,
                imported_at INTEGER NOT NULL
            )""",
            "CREATE INDEX requests_by_brand ON requests (brand_origin, imported_at)",
            """CREATE TABLE grants (
                id TEXT PRIMARY KEY,
                brand_origin TEXT NOT NULL REFERENCES brands (origin),
                request_id INTEGER NOT NULL REFERENCES requests (id),
                ask_id TEXT NOT NULL,
                purpose_iri TEXT NOT NULL,
                purpose_description TEXT NOT NULL,
                fields TEXT NOT NULL,
                required_fields TEXT NOT NULL,
                offer_kind TEXT NOT NULL,
                offer_description TEXT NOT NULL,
                retention_days INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('active', 'expired', 'revoked')),
                version INTEGER NOT NULL,
                ended_at INTEGER
            )""",
            "CREATE INDEX grants_by_brand ON grants (brand_origin, created_at)",
            "CREATE INDEX grants_by_status ON grants (status, expires_at)",
            """CREATE TABLE tokens (
                jti TEXT PRIMARY KEY,
                grant_id TEXT NOT NULL REFERENCES grants (id),
                kind TEXT NOT NULL CHECK (kind IN ('grant', 'revocation')),
                version INTEGER,
                data TEXT,
                signed TEXT NOT NULL,
                compact TEXT NOT NULL,
                issued_at INTEGER NOT NULL
            )""",
            "CREATE INDEX tokens_by_grant ON tokens (grant_id, issued_at)",
        ),
    ),
    Migration(
        5,
        "the outbox: durable delivery of tokens and events, with the brand's receipts",
        (
            """CREATE TABLE outbox (
                jti TEXT PRIMARY KEY REFERENCES tokens (jti),
                grant_id TEXT NOT NULL REFERENCES grants (id),
                kind TEXT NOT NULL CHECK (kind IN ('grant', 'revocation')),
                endpoint TEXT NOT NULL,
                state TEXT NOT NULL
                    CHECK (state IN ('queued', 'delivered', 'failed', 'cancelled')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                last_attempt_at INTEGER,
                last_error TEXT,
                delivered_at INTEGER,
                receipt TEXT,
                receipt_status TEXT,
                created_at INTEGER NOT NULL
            )""",
            "CREATE INDEX outbox_due ON outbox (state, next_attempt_at)",
            "CREATE INDEX outbox_by_grant ON outbox (grant_id, kind)",
        ),
    ),
    Migration(
        6,
        "leak canaries: the email alias each brand was given",
        (
            """CREATE TABLE email_aliases (
                alias TEXT PRIMARY KEY,
                brand_origin TEXT NOT NULL REFERENCES brands (origin),
                tag TEXT NOT NULL,
                first_given_at INTEGER NOT NULL
            )""",
            "CREATE INDEX email_aliases_by_brand ON email_aliases (brand_origin, first_given_at)",
        ),
    ),
    Migration(
        7,
        "index grants for paged listings, newest first: all, by status, by brand (and status)",
        (
            "CREATE INDEX grants_by_created ON grants (created_at DESC, id)",
            "CREATE INDEX grants_by_status_created ON grants (status, created_at DESC, id)",
            "CREATE INDEX grants_by_brand_status "
            "ON grants (brand_origin, status, created_at DESC, id)",
        ),
    ),
    Migration(
        8,
        "outbox: attempts known never to have reached the brand, and the brand's own "
        "Retry-After deadline apart from the backoff",
        (
            # Earlier attempts count as "may have reached the brand": nothing says otherwise.
            "ALTER TABLE outbox ADD COLUMN unsent_attempts INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE outbox ADD COLUMN retry_after_until INTEGER",
        ),
    ),
    Migration(
        9,
        "leak canaries that catch leaks: the alias source and the mailbox (credentials "
        "included), aliases made by services, the mailbox's position, leaks seen, and "
        "senders the person marked as expected for a brand",
        (
            "CREATE TABLE leak_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) "
            "WITHOUT ROWID",
            """CREATE TABLE service_aliases (
                alias TEXT PRIMARY KEY,
                brand_origin TEXT NOT NULL REFERENCES brands (origin),
                service TEXT NOT NULL,
                service_id TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                disabled_at INTEGER
            )""",
            "CREATE INDEX service_aliases_by_brand ON service_aliases (brand_origin)",
            """CREATE TABLE mailbox_position (
                folder TEXT PRIMARY KEY,
                uidvalidity INTEGER NOT NULL,
                last_uid INTEGER NOT NULL
            ) WITHOUT ROWID""",
            """CREATE TABLE leaks (
                id INTEGER PRIMARY KEY,
                fingerprint TEXT NOT NULL,
                alias TEXT NOT NULL,
                brand_origin TEXT NOT NULL REFERENCES brands (origin),
                grant_id TEXT,
                from_address TEXT NOT NULL,
                sender_domain TEXT NOT NULL,
                authenticated INTEGER NOT NULL,
                received_at INTEGER,
                message_id TEXT NOT NULL,
                subject TEXT NOT NULL,
                header BLOB NOT NULL,
                found_at INTEGER NOT NULL,
                expected_at INTEGER,
                UNIQUE (fingerprint, alias)
            )""",
            "CREATE INDEX leaks_by_found ON leaks (found_at DESC, id)",
            """CREATE TABLE expected_senders (
                brand_origin TEXT NOT NULL REFERENCES brands (origin),
                domain TEXT NOT NULL,
                marked_at INTEGER NOT NULL,
                PRIMARY KEY (brand_origin, domain)
            ) WITHOUT ROWID""",
        ),
    ),
    Migration(
        10,
        "answers to brands' own questions: a field scoped to one brand, with its history "
        "and the question as the brand asked it",
        (
            """CREATE TABLE answers (
                brand_origin TEXT NOT NULL REFERENCES brands (origin),
                key TEXT NOT NULL,
                question TEXT NOT NULL,
                value TEXT NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (brand_origin, key)
            ) WITHOUT ROWID""",
            """CREATE TABLE answer_history (
                id INTEGER PRIMARY KEY,
                brand_origin TEXT NOT NULL,
                key TEXT NOT NULL,
                value TEXT,
                changed_at INTEGER NOT NULL
            )""",
            "CREATE INDEX answer_history_by_key ON answer_history (brand_origin, key, id)",
        ),
    ),
    Migration(
        11,
        "every receipt a brand gave for a message, kept in the order it came; the polling "
        "of a receipt that is not final yet (a deletion still pending downstream)",
        (
            """CREATE TABLE receipts (
                id INTEGER PRIMARY KEY,
                message_jti TEXT NOT NULL REFERENCES outbox (jti),
                status TEXT NOT NULL,
                jws TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                UNIQUE (message_jti, jws)
            )""",
            "INSERT INTO receipts (message_jti, status, jws, received_at) "
            "SELECT jti, receipt_status, receipt, delivered_at FROM outbox "
            "WHERE receipt IS NOT NULL ORDER BY delivered_at, rowid",
            # Where the latest receipt is polled, when next, how often it was, and why the
            # last poll did not bring one; all NULL (0) once the receipt is final.
            "ALTER TABLE outbox ADD COLUMN receipt_url TEXT",
            "ALTER TABLE outbox ADD COLUMN receipt_poll_at INTEGER",
            "ALTER TABLE outbox ADD COLUMN receipt_polls INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE outbox ADD COLUMN receipt_poll_error TEXT",
            "CREATE INDEX outbox_receipt_polls ON outbox (receipt_poll_at) "
            "WHERE receipt_poll_at IS NOT NULL",
        ),
    ),
    Migration(
        12,
        "sync through a folder: this device's state, the device set, epoch keys, each "
        "device's progress, the shadow of every synced row, refused files, the grants "
        "another device delivers, and every device's activity log",
        (
            "CREATE TABLE sync_local (key TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID",
            """CREATE TABLE sync_devices (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                sign_key BLOB NOT NULL,
                box_key BLOB NOT NULL,
                added_at INTEGER NOT NULL,
                removed_after INTEGER
            )""",
            """CREATE TABLE sync_epochs (
                id BLOB PRIMARY KEY,
                number INTEGER NOT NULL,
                key BLOB NOT NULL
            )""",
            """CREATE TABLE sync_applied (
                device TEXT PRIMARY KEY,
                counter INTEGER NOT NULL,
                hash BLOB NOT NULL,
                applied_at INTEGER NOT NULL
            )""",
            """CREATE TABLE sync_rows (
                tbl TEXT NOT NULL,
                pk TEXT NOT NULL,
                hash BLOB NOT NULL,
                stamp TEXT NOT NULL,
                creator TEXT NOT NULL,
                PRIMARY KEY (tbl, pk)
            ) WITHOUT ROWID""",
            """CREATE TABLE sync_refused (
                digest BLOB PRIMARY KEY,
                reason TEXT NOT NULL,
                at INTEGER NOT NULL
            )""",
            "CREATE TABLE sync_elsewhere (grant_id TEXT PRIMARY KEY, device TEXT NOT NULL)",
            """CREATE TABLE sync_audit (
                device TEXT NOT NULL,
                seq INTEGER NOT NULL,
                at INTEGER NOT NULL,
                action TEXT NOT NULL,
                details TEXT NOT NULL,
                prev_hash BLOB NOT NULL,
                hash BLOB NOT NULL,
                PRIMARY KEY (device, seq)
            ) WITHOUT ROWID""",
        ),
    ),    Migration(
        13,
        "a catch-all or plus-addressing alias marked closed when its grant is revoked: "
        "mail to it from then on is a leak, whoever sends it",
        ("ALTER TABLE email_aliases ADD COLUMN closed_at INTEGER",),
    ),
    Migration(
        14,
        "pause and resume: when a grant was paused, and its pause and resume events in the "
        "tokens, the outbox and the receipts (each table rebuilt with the wider kinds)",
        (
            "ALTER TABLE grants ADD COLUMN paused_at INTEGER",
            # SQLite cannot widen a CHECK in place: each table is built anew beside the old
            # one (children referring to the new parents), filled, the old ones dropped
            # children first, and the new ones renamed, which rewrites their references.
            """CREATE TABLE tokens_new (
                jti TEXT PRIMARY KEY,
                grant_id TEXT NOT NULL REFERENCES grants (id),
                kind TEXT NOT NULL CHECK (kind IN ('grant', 'revocation', 'pause', 'resume')),
                version INTEGER,
                data TEXT,
                signed TEXT NOT NULL,
                compact TEXT NOT NULL,
                issued_at INTEGER NOT NULL
            )""",
            """CREATE TABLE outbox_new (
                jti TEXT PRIMARY KEY REFERENCES tokens_new (jti),
                grant_id TEXT NOT NULL REFERENCES grants (id),
                kind TEXT NOT NULL CHECK (kind IN ('grant', 'revocation', 'pause', 'resume')),
                endpoint TEXT NOT NULL,
                state TEXT NOT NULL
                    CHECK (state IN ('queued', 'delivered', 'failed', 'cancelled')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                last_attempt_at INTEGER,
                last_error TEXT,
                delivered_at INTEGER,
                receipt TEXT,
                receipt_status TEXT,
                created_at INTEGER NOT NULL,
                unsent_attempts INTEGER NOT NULL DEFAULT 0,
                retry_after_until INTEGER,
                receipt_url TEXT,
                receipt_poll_at INTEGER,
                receipt_polls INTEGER NOT NULL DEFAULT 0,
                receipt_poll_error TEXT
            )""",
            """CREATE TABLE receipts_new (
                id INTEGER PRIMARY KEY,
                message_jti TEXT NOT NULL REFERENCES outbox_new (jti),
                status TEXT NOT NULL,
                jws TEXT NOT NULL,
                received_at INTEGER NOT NULL,
                UNIQUE (message_jti, jws)
            )""",
            "INSERT INTO tokens_new (jti, grant_id, kind, version, data, signed, compact, "
            "issued_at) SELECT jti, grant_id, kind, version, data, signed, compact, issued_at "
            "FROM tokens ORDER BY rowid",
            # The rowid keeps the order messages were queued in (created_at ties).
            "INSERT INTO outbox_new (rowid, jti, grant_id, kind, endpoint, state, attempts, "
            "next_attempt_at, last_attempt_at, last_error, delivered_at, receipt, "
            "receipt_status, created_at, unsent_attempts, retry_after_until, receipt_url, "
            "receipt_poll_at, receipt_polls, receipt_poll_error) SELECT rowid, jti, grant_id, "
            "kind, endpoint, state, attempts, next_attempt_at, last_attempt_at, last_error, "
            "delivered_at, receipt, receipt_status, created_at, unsent_attempts, "
            "retry_after_until, receipt_url, receipt_poll_at, receipt_polls, "
            "receipt_poll_error FROM outbox",
            "INSERT INTO receipts_new (id, message_jti, status, jws, received_at) "
            "SELECT id, message_jti, status, jws, received_at FROM receipts",
            "DROP TABLE receipts",
            "DROP TABLE outbox",
            "DROP TABLE tokens",
            "ALTER TABLE tokens_new RENAME TO tokens",
            "ALTER TABLE outbox_new RENAME TO outbox",
            "ALTER TABLE receipts_new RENAME TO receipts",
            "CREATE INDEX tokens_by_grant ON tokens (grant_id, issued_at)",
            "CREATE INDEX outbox_due ON outbox (state, next_attempt_at)",
            "CREATE INDEX outbox_by_grant ON outbox (grant_id, kind)",
            "CREATE INDEX outbox_receipt_polls ON outbox (receipt_poll_at) "
            "WHERE receipt_poll_at IS NOT NULL",
        ),
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
