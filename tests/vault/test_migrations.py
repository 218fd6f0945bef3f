"""Numbered schema migrations, each tested on a real SQLCipher file at the version before it.

For every migration N: a fresh encrypted database is brought to N-1, given
representative rows of every table that exists by then, and migrated to N. The
objects N creates must exist, every old row must survive, and user_version must
read N. A new migration without an entry in SEEDS fails the suite: add one.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from vault.errors import UnsupportedFormat
from vault.exchange.outbox import MAY_HAVE_REACHED
from vault.profile import audit
from vault.storage.migrations import LATEST_VERSION, MIGRATIONS, Migration, apply_migrations
from vault.storage.store import Store

Connection = Any
Row = tuple[str, dict[str, Any]]  # table, column values


@dataclass(frozen=True)
class Seed:
    """What migration N creates, and rows to put in its tables for the migrations after it.

    Rows name the columns that matter; any other NOT NULL column without a default gets a
    plain filler, so a column added later to an unreleased migration needs no edit here.
    """

    creates: frozenset[str]
    rows: list[Row] = field(default_factory=list)
    # Tables built anew (as `<name>_new`, then renamed) and the indexes made again on them:
    # named by the migration's statements, but no new object once it ran.
    rebuilds: frozenset[str] = frozenset()


_FIRST_HASH = audit.entry_hash(audit.GENESIS, 1_700_000_000, "vault.created", "{}")
_ORIGIN = "https://shop.example"

SEEDS: dict[int, Seed] = {
    1: Seed(
        frozenset({"meta", "field_values", "field_history", "field_history_by_key", "audit"}),
        [
            ("meta", {"key": "vault_id", "value": "b3f1c6e2"}),
            ("meta", {"key": "master_seed", "value": bytes(range(32))}),
            ("field_values", {"key": "pets", "value": '["dog","cat"]', "updated_at": 10}),
            ("field_history", {"key": "pets", "value": '["dog","cat"]', "changed_at": 10}),
            ("field_history", {"key": "diet", "value": None, "changed_at": 11}),
            (
                "audit",
                {
                    "seq": 1,
                    "at": 1_700_000_000,
                    "action": "vault.created",
                    "details": "{}",
                    "prev_hash": audit.GENESIS,
                    "hash": _FIRST_HASH,
                },
            ),
        ],
    ),
    2: Seed(
        frozenset({"custom_fields"}),
        [
            (
                "custom_fields",
                {
                    "key": "x_team",
                    "label": "Team",
                    "type": "choice",
                    "category": "custom",
                    "sensitivity": "low",
                    "choices": '["red","blue"]',
                    "created_at": 20,
                },
            ),
            (
                "custom_fields",
                {
                    "key": "x_car",
                    "label": "Car",
                    "type": "text",
                    "category": "custom",
                    "sensitivity": "personal",
                    "created_at": 21,
                },
            ),
        ],
    ),
    3: Seed(frozenset({"audit_by_action"})),
    4: Seed(
        frozenset(
            {
                "brands",
                "requests",
                "requests_by_brand",
                "grants",
                "grants_by_brand",
                "grants_by_status",
                "tokens",
                "tokens_by_grant",
            }
        ),
        [
            ("brands", {"origin": _ORIGIN, "name": "Shop", "domain_verified": 1}),
            ("requests", {"id": 1, "brand_origin": _ORIGIN, "jti": "r-1", "sha256": "ab" * 32}),
            (
                "grants",
                {
                    "id": "g-1",
                    "brand_origin": _ORIGIN,
                    "request_id": 1,
                    "fields": '["shoe_size_eu"]',
                    "status": "active",
                    "version": 1,
                    "expires_at": 1000,
                },
            ),
            ("tokens", {"jti": "t-1", "grant_id": "g-1", "kind": "grant", "version": 1}),
        ],
    ),
    5: Seed(
        frozenset({"outbox", "outbox_due", "outbox_by_grant"}),
        [
            (
                "outbox",
                {
                    "jti": "t-1",
                    "grant_id": "g-1",
                    "kind": "grant",
                    "endpoint": "https://shop.example/zpv/inbox",
                    "state": "queued",
                },
            ),
        ],
    ),
    6: Seed(
        frozenset({"email_aliases", "email_aliases_by_brand"}),
        [
            (
                "email_aliases",
                {
                    "alias": "ann+shop-k3q9@mail.example",
                    "brand_origin": _ORIGIN,
                    "tag": "shop-k3q9",
                    "first_given_at": 30,
                },
            ),
        ],
    ),
    7: Seed(frozenset({"grants_by_created", "grants_by_status_created", "grants_by_brand_status"})),
    8: Seed(frozenset()),  # two outbox columns
    9: Seed(
        frozenset({"leak_settings", "service_aliases", "service_aliases_by_brand",
                   "mailbox_position", "leaks", "leaks_by_found", "expected_senders"}),
        [
            ("leak_settings", {"name": "source", "value": '{"kind": "domain"}'}),
            ("service_aliases", {"alias": "x1y2@sl.local", "brand_origin": _ORIGIN,
                                 "service": "simplelogin", "service_id": "7",
                                 "created_at": 40}),
            ("mailbox_position", {"folder": "INBOX", "uidvalidity": 1, "last_uid": 9}),
            ("leaks", {"fingerprint": "<1@partner.example>", "alias": "x1y2@sl.local",
                       "brand_origin": _ORIGIN, "from_address": "a@partner.example",
                       "sender_domain": "partner.example", "authenticated": 1,
                       "message_id": "<1@partner.example>", "subject": "Offers",
                       "header": b"From: a@partner.example\r\n", "found_at": 50}),
            ("expected_senders", {"brand_origin": _ORIGIN, "domain": "esp.example",
                                  "marked_at": 60}),
        ],
    ),
    10: Seed(
        frozenset({"answers", "answer_history", "answer_history_by_key"}),
        [
            (
                "answers",
                {
                    "brand_origin": _ORIGIN,
                    "key": "q:run-surface",
                    "question": '{"label": "Where do you run?", "type": "text"}',
                    "value": '"trail"',
                    "updated_at": 40,
                },
            ),
            ("answer_history", {"brand_origin": _ORIGIN, "key": "q:run-surface",
                                "value": '"trail"', "changed_at": 40}),
        ],
    ),
    11: Seed(  # and four outbox columns
        frozenset({"receipts", "outbox_receipt_polls"}),
        [
            ("receipts", {"message_jti": "t-1", "status": "deletion_pending",
                          "jws": "eyJ.eyJ.sig", "received_at": 70}),
        ],
    ),
    12: Seed(
        frozenset({"sync_local", "sync_devices", "sync_epochs", "sync_applied", "sync_rows",
                   "sync_refused", "sync_elsewhere", "sync_audit"}),
        [
            ("sync_local", {"key": "device_id", "value": "d1"}),
            ("sync_devices", {"id": "d1", "name": "laptop", "sign_key": bytes(32),
                              "box_key": bytes(32), "added_at": 40}),
            ("sync_epochs", {"id": b"e0e0", "number": 0, "key": bytes(32)}),
            ("sync_applied", {"device": "d2", "counter": 3, "hash": bytes(32),
                              "applied_at": 41}),
            ("sync_rows", {"tbl": "field_values", "pk": '["pets"]', "hash": bytes(32),
                           "stamp": "0000000000041.000000.d1", "creator": "d1"}),
            ("sync_refused", {"digest": bytes(32), "reason": "tampered", "at": 42}),
            ("sync_elsewhere", {"grant_id": "g-2", "device": "d2"}),
            ("sync_audit", {"device": "d2", "seq": 1, "at": 43, "action": "vault.created",
                            "details": "{}", "prev_hash": bytes(32), "hash": bytes(32)}),
        ],
    ),    13: Seed(  # a column of email_aliases
        frozenset(),
        [
            ("email_aliases", {"alias": "shop-p7x2@ann.example", "brand_origin": _ORIGIN,
                               "tag": "shop-p7x2", "first_given_at": 50, "closed_at": 90}),
        ],
    ),
    14: Seed(  # and grants.paused_at; tokens and outbox take pause and resume events
        frozenset(),
        [
            ("tokens", {"jti": "t-2", "grant_id": "g-1", "kind": "pause"}),
            ("outbox", {"jti": "t-2", "grant_id": "g-1", "kind": "pause",
                        "endpoint": "https://shop.example/zpv/events", "state": "queued"}),
            ("receipts", {"message_jti": "t-2", "status": "paused", "jws": "eyJ.eyJ.sig2",
                          "received_at": 80}),
        ],
        rebuilds=frozenset({"tokens_new", "outbox_new", "receipts_new", "tokens_by_grant",
                            "outbox_due", "outbox_by_grant", "outbox_receipt_polls"}),
    ),
}


def insert(connection: Connection, table: str, values: dict[str, Any]) -> None:
    row = dict(values)
    for _cid, name, declared, notnull, default, pk in connection.execute(
        f'PRAGMA table_info("{table}")'
    ):
        if notnull and default is None and not pk and name not in row:
            row[name] = 0 if "INT" in str(declared).upper() else f"{table}.{name}"
    columns = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    connection.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', tuple(row.values()))


_CREATED_NAME = re.compile(
    r"CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|VIEW|TRIGGER)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)",
    re.IGNORECASE,
)


def new_key() -> bytes:
    return secrets.token_bytes(32)


def connect(path: Path, key: bytes) -> Connection:
    """A raw keyed SQLCipher connection, as the store makes, without migrating anything."""
    connection = sqlcipher3.connect(str(path), isolation_level=None)
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    assert connection.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    connection.execute("PRAGMA foreign_keys = ON")  # as the store has it: seeds must be coherent
    return connection


@pytest.fixture
def database(tmp_path: Path) -> Iterator[tuple[Path, bytes, Connection]]:
    path = tmp_path / "vault.db"
    key = new_key()
    connection = connect(path, key)
    yield path, key, connection
    connection.close()


def user_version(connection: Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def schema_objects(connection: Connection) -> set[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {str(r[0]) for r in rows}


def tables(connection: Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [str(r[0]) for r in rows]


def columns_of(connection: Connection) -> dict[str, list[str]]:
    return {name: [str(r[1]) for r in connection.execute(f'PRAGMA table_info("{name}")')]
            for name in tables(connection)}


def contents(
    connection: Connection, columns: dict[str, list[str]] | None = None,
) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order (only the given tables' given columns,
    when given: a migration may add columns to a table)."""
    chosen = columns or columns_of(connection)
    found: dict[str, list[tuple[Any, ...]]] = {}
    for table, names in chosen.items():
        listed = ", ".join(f'"{name}"' for name in names)
        rows = connection.execute(f'SELECT {listed} FROM "{table}"').fetchall()
        found[table] = sorted((tuple(r) for r in rows), key=repr)
    return found


def seed_up_to(connection: Connection, version: int) -> None:
    connection.execute("BEGIN")
    for v in range(1, version + 1):
        for table, values in SEEDS[v].rows:
            insert(connection, table, values)
    connection.execute("COMMIT")


def upto(version: int) -> tuple[Migration, ...]:
    return tuple(m for m in MIGRATIONS if m.version <= version)


# -- the list itself ------------------------------------------------------------------------


def test_versions_are_numbered_one_to_latest_contiguously() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))
    assert LATEST_VERSION == MIGRATIONS[-1].version >= 1


def test_every_migration_describes_itself_and_does_something() -> None:
    for m in MIGRATIONS:
        assert m.description.strip(), m.version
        assert m.statements and all(s.strip() for s in m.statements), m.version
        # Each runs in the migrator's own transaction, with its version bump.
        for statement in m.statements:
            assert not re.match(r"\s*(BEGIN|COMMIT|ROLLBACK|PRAGMA)\b", statement, re.I)


def test_every_migration_has_a_seed_in_this_file() -> None:
    missing = sorted(set(range(1, LATEST_VERSION + 1)) - set(SEEDS))
    assert not missing, f"add SEEDS entries (objects created, sample rows) for {missing}"


@pytest.mark.parametrize("migration", MIGRATIONS, ids=lambda m: f"v{m.version}")
def test_seed_names_what_the_migration_creates(migration: Migration) -> None:
    named = {m[1] for s in migration.statements for m in _CREATED_NAME.finditer(s)}
    seed = SEEDS[migration.version]
    assert seed.creates | seed.rebuilds == named


# -- each migration from the version before it ----------------------------------------------


@pytest.mark.parametrize("version", range(1, LATEST_VERSION + 1), ids=lambda v: f"to_v{v}")
def test_migration_from_previous_version_keeps_rows_and_adds_objects(
    database: tuple[Path, bytes, Connection], version: int
) -> None:
    path, key, connection = database
    assert apply_migrations(connection, 0, upto(version - 1)) == version - 1
    assert user_version(connection) == version - 1
    seed_up_to(connection, version - 1)
    before_objects = schema_objects(connection)
    before_columns = columns_of(connection)
    before_rows = contents(connection)
    assert not SEEDS[version].creates & before_objects

    assert apply_migrations(connection, version - 1, upto(version)) == version

    assert user_version(connection) == version
    assert schema_objects(connection) == before_objects | SEEDS[version].creates
    after_rows = contents(connection, before_columns)
    for table, rows in before_rows.items():
        assert after_rows[table] == rows, table
    # The new tables take the rows the code will write into them.
    seed_rows = SEEDS[version].rows
    connection.execute("BEGIN")
    for table, values in seed_rows:
        insert(connection, table, values)
    connection.execute("COMMIT")
    assert sum(len(r) for r in contents(connection).values()) == sum(
        len(r) for r in before_rows.values()
    ) + len(seed_rows)
    # Committed and encrypted: a new connection with the same key sees it all.
    connection.close()
    again = connect(path, key)
    try:
        assert user_version(again) == version
        assert SEEDS[version].creates <= schema_objects(again)
        assert again.execute("PRAGMA cipher_integrity_check").fetchall() == []
    finally:
        again.close()


def test_each_version_step_by_step_matches_all_at_once(tmp_path: Path) -> None:
    stepwise = connect(tmp_path / "stepwise.db", new_key())
    at_once = connect(tmp_path / "at_once.db", new_key())
    try:
        for version in range(1, LATEST_VERSION + 1):
            assert apply_migrations(stepwise, version - 1, upto(version)) == version
        assert apply_migrations(at_once, 0) == LATEST_VERSION
        schema = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
        assert stepwise.execute(schema).fetchall() == at_once.execute(schema).fetchall()
        assert user_version(stepwise) == user_version(at_once) == LATEST_VERSION
    finally:
        stepwise.close()
        at_once.close()


def test_migrating_an_up_to_date_database_does_nothing(
    database: tuple[Path, bytes, Connection],
) -> None:
    _path, _key, connection = database
    apply_migrations(connection, 0)
    schema = connection.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    assert apply_migrations(connection, LATEST_VERSION) == LATEST_VERSION
    assert connection.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema


def test_audit_by_action_index_serves_filtered_timelines(
    database: tuple[Path, bytes, Connection],
) -> None:
    _path, _key, connection = database
    apply_migrations(connection, 0, upto(3))
    columns = [r[2] for r in connection.execute("PRAGMA index_info(audit_by_action)")]
    assert columns == ["action", "seq"]
    plan = " ".join(
        str(r[-1])
        for r in connection.execute(
            "EXPLAIN QUERY PLAN SELECT seq FROM audit WHERE action >= ? AND action < ?",
            ("field.", "field/"),
        )
    )
    assert "audit_by_action" in plan


def test_email_aliases_name_a_known_brand_once_and_are_found_by_brand(
    database: tuple[Path, bytes, Connection],
) -> None:
    _path, _key, connection = database
    apply_migrations(connection, 0, upto(6))
    seed_up_to(connection, 6)
    stranger = {"alias": "ann+x-zzzz@mail.example", "brand_origin": "https://nobody.example",
                "tag": "x-zzzz", "first_given_at": 31}
    with pytest.raises(sqlcipher3.IntegrityError):
        insert(connection, "email_aliases", stranger)
    again = {**SEEDS[6].rows[0][1], "first_given_at": 99}
    with pytest.raises(sqlcipher3.IntegrityError):
        insert(connection, "email_aliases", again)
    plan = " ".join(
        str(r[-1])
        for r in connection.execute(
            "EXPLAIN QUERY PLAN SELECT tag FROM email_aliases WHERE brand_origin = ? LIMIT 1",
            (_ORIGIN,),
        )
    )
    assert "email_aliases_by_brand" in plan


@pytest.mark.parametrize(("where", "params", "index"), [
    ("", (), "grants_by_created"),
    ("WHERE g.status = ?", ("active",), "grants_by_status_created"),
    ("WHERE g.brand_origin = ? AND g.status = ?", (_ORIGIN, "active"), "grants_by_brand_status"),
])
def test_grant_listings_page_through_an_index_without_sorting(
    database: tuple[Path, bytes, Connection], where: str, params: tuple[str, ...], index: str,
) -> None:
    """The Shared page's listings, newest first, read one page of a long table: no sort."""
    _path, _key, connection = database
    apply_migrations(connection, 0, upto(7))
    plan = " ".join(
        str(r[-1])
        for r in connection.execute(
            "EXPLAIN QUERY PLAN SELECT g.id FROM grants g JOIN brands b ON b.origin = "
            f"g.brand_origin {where} ORDER BY g.created_at DESC, g.id LIMIT 200",
            params,
        )
    )
    assert index in plan and "TEMP B-TREE" not in plan, plan


def test_outbox_attempts_from_before_may_have_reached_the_brand_and_set_no_retry_after(
    database: tuple[Path, bytes, Connection],
) -> None:
    """Nothing recorded whether an earlier attempt reached the brand: it may have."""
    _path, _key, connection = database
    apply_migrations(connection, 0, upto(7))
    seed_up_to(connection, 7)
    connection.execute("UPDATE outbox SET attempts = 2, next_attempt_at = 500")
    apply_migrations(connection, 7, upto(8))
    row = connection.execute(
        f"SELECT {MAY_HAVE_REACHED}, unsent_attempts, retry_after_until, next_attempt_at "
        "FROM outbox").fetchone()
    assert tuple(row) == (1, 0, None, 500)


def test_the_rebuilt_message_tables_keep_their_rows_order_and_references(
    database: tuple[Path, bytes, Connection],
) -> None:
    """Migration 14 builds tokens, outbox and receipts anew (SQLite cannot widen a CHECK):
    every row, its rowid (the order messages were queued in), and references that hold."""
    _path, _key, connection = database
    apply_migrations(connection, 0, upto(13))
    seed_up_to(connection, 12)
    connection.execute("BEGIN")
    insert(connection, "tokens", {"jti": "t-0", "grant_id": "g-1", "kind": "revocation"})
    insert(connection, "outbox", {"jti": "t-0", "grant_id": "g-1", "kind": "revocation",
                                  "endpoint": "e", "state": "queued", "receipt_polls": 2})
    connection.execute("COMMIT")
    order = "SELECT rowid, jti, kind, receipt_polls FROM outbox ORDER BY rowid"
    before = connection.execute(order).fetchall()
    with pytest.raises(sqlcipher3.IntegrityError):
        insert(connection, "tokens", {"jti": "t-9", "grant_id": "g-1", "kind": "pause"})

    apply_migrations(connection, 13, upto(14))

    assert connection.execute(order).fetchall() == before
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    sql = " ".join(str(r[0]) for r in connection.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"))
    assert "_new" not in sql  # every reference names the tables by their own names
    with pytest.raises(sqlcipher3.IntegrityError):  # still refused: an unknown kind ...
        insert(connection, "tokens", {"jti": "t-8", "grant_id": "g-1", "kind": "other"})
    with pytest.raises(sqlcipher3.IntegrityError):  # ... and an outbox row with no token
        insert(connection, "outbox", {"jti": "t-7", "grant_id": "g-1", "kind": "pause",
                                      "endpoint": "e", "state": "queued"})


# -- a real old file opened by the store ----------------------------------------------------


@pytest.mark.parametrize("old", range(1, LATEST_VERSION), ids=lambda v: f"from_v{v}")
def test_store_open_upgrades_an_old_file_to_latest(tmp_path: Path, old: int) -> None:
    path = tmp_path / "vault.db"
    key = new_key()
    connection = connect(path, key)
    apply_migrations(connection, 0, upto(old))
    seed_up_to(connection, old)
    before_columns = columns_of(connection)
    before = contents(connection)
    connection.close()

    store = Store.open(path, key)
    try:
        assert store.schema_version() == LATEST_VERSION
        after = contents(store.connection, before_columns)
        for table, rows in before.items():
            assert after[table] == rows, table
        assert store.integrity_problems() == []
    finally:
        store.close()


def test_store_open_refuses_a_newer_format_and_leaves_it_alone(tmp_path: Path) -> None:
    path = tmp_path / "vault.db"
    key = new_key()
    connection = connect(path, key)
    apply_migrations(connection, 0)
    connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(UnsupportedFormat) as caught:
        Store.open(path, key)
    assert caught.value.found == LATEST_VERSION + 1
    assert caught.value.supported == LATEST_VERSION
    assert path.read_bytes() == before


# -- a migration that fails midway ----------------------------------------------------------


def broken(version: int) -> Migration:
    """A migration whose first statement works and whose second is not SQL at all."""
    return Migration(
        version,
        "half a migration",
        ("CREATE TABLE half_done (x INTEGER)", "THIS IS NOT SQL"),
    )


def test_a_failing_migration_rolls_back_entirely(
    database: tuple[Path, bytes, Connection],
) -> None:
    path, key, connection = database
    apply_migrations(connection, 0)
    seed_up_to(connection, LATEST_VERSION)
    before = contents(connection)
    objects = schema_objects(connection)
    chain = (*MIGRATIONS, broken(LATEST_VERSION + 1))
    with pytest.raises(sqlcipher3.OperationalError):
        apply_migrations(connection, LATEST_VERSION, chain)
    assert user_version(connection) == LATEST_VERSION
    assert "half_done" not in schema_objects(connection)
    assert schema_objects(connection) == objects
    assert contents(connection) == before
    assert not connection.in_transaction
    connection.close()
    again = connect(path, key)
    try:
        assert user_version(again) == LATEST_VERSION
        assert "half_done" not in schema_objects(again)
    finally:
        again.close()


def test_earlier_migrations_in_the_same_run_stay_applied(
    database: tuple[Path, bytes, Connection],
) -> None:
    _path, _key, connection = database
    chain = (*upto(2), broken(3))
    with pytest.raises(sqlcipher3.OperationalError):
        apply_migrations(connection, 0, chain)
    assert user_version(connection) == 2
    assert SEEDS[1].creates | SEEDS[2].creates == schema_objects(connection)


def test_a_failing_first_migration_leaves_an_empty_database(
    database: tuple[Path, bytes, Connection],
) -> None:
    _path, _key, connection = database
    with pytest.raises(sqlcipher3.OperationalError):
        apply_migrations(connection, 0, (broken(1),))
    assert user_version(connection) == 0
    assert schema_objects(connection) == set()
    # And the real migrations still apply afterwards.
    assert apply_migrations(connection, 0) == LATEST_VERSION
