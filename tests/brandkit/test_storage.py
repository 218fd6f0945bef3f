"""The SQLite storage: on disk, private, WAL, durable across reopening, one transaction each."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from brandkit.errors import StorageError
from brandkit.keys import BrandKeys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import (
    POSTGRES_DIALECT,
    SCHEMA_VERSION,
    SQLITE_DIALECT,
    SqliteStorage,
)
from brandkit.storage import IssuedRequest, Storage
from tests.support.people import DAY, NOW, ORIGIN, Person
from zpd.request import DataRequest

from .storage_rows import snapshot


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "receiver.sqlite3"


def test_file_is_private_and_in_wal_mode(path: Path) -> None:
    storage = SqliteStorage(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with storage.transaction(write=False) as transaction:
        assert transaction.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert transaction.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert transaction.execute("PRAGMA secure_delete").fetchone() == (1,)
    storage.close()


def test_everything_survives_reopening(
    path: Path, keys: BrandKeys, request_jws: str, issued: DataRequest, alice: Person
) -> None:
    storage = SqliteStorage(path)
    receiver = Receiver(keys, storage, ORIGIN)
    receiver.register_issued_request(request_jws, NOW)
    token = alice.token(issued)
    receipt = receiver.receive_token(token, NOW)
    storage.close()

    reopened = Receiver(keys, SqliteStorage(path), ORIGIN)
    assert reopened.receive_token(token, NOW + 1) == receipt, "de-duplication is durable"
    customer = reopened.customer(alice.pseudonym, NOW)
    assert customer is not None and customer.grants[0].fields == {"shoe_size_eu": 42}
    reopened.receive_event(alice.revocation(), NOW + DAY)  # the pinned key is durable too


def test_a_transaction_that_raises_leaves_nothing(storage: SqliteStorage) -> None:
    before = snapshot(storage)
    with pytest.raises(RuntimeError), storage.transaction() as transaction:
        transaction.add_issued_request(IssuedRequest("sha", "jti", "jws", 1, 2, 3))
        transaction.pin_key("p", {"kty": "OKP"}, NOW)
        raise RuntimeError("half way")
    assert snapshot(storage) == before
    with storage.transaction() as transaction:  # and the connection is usable again
        assert transaction.add_issued_request(IssuedRequest("sha", "jti", "jws", 1, 2, 3))
        assert not transaction.add_issued_request(IssuedRequest("sha", "x", "y", 1, 2, 3))
    assert len(snapshot(storage)["zpd_issued_requests"]) == 1


def test_a_failed_commit_rolls_back(storage: SqliteStorage) -> None:
    before = snapshot(storage)
    with pytest.raises(sqlite3.IntegrityError), storage.transaction() as transaction:
        transaction.pin_key("p", {"kty": "OKP"}, NOW)
        transaction.execute("PRAGMA defer_foreign_keys = ON")
        transaction.execute(
            "INSERT INTO zpd_grants (grant_id, pseudonym, version, status, received_at, "
            "updated_at) VALUES ('g', 'nobody', 1, 'active', 1, 1)"
        )
    assert snapshot(storage) == before


def test_customers_are_paged(
    receiver: Receiver, issued: DataRequest
) -> None:
    people = [Person() for _ in range(5)]
    for index, person in enumerate(people):
        receiver.receive_token(person.token(issued, grant_id=f"g{index}"), NOW)
    pages, after = [], None
    while page := receiver.customers(NOW, limit=2, after=after):
        pages.append([c.pseudonym for c in page])
        after = page[-1].pseudonym
    assert [len(p) for p in pages] == [2, 2, 1]
    assert sum(pages, []) == sorted(p.pseudonym for p in people)
    assert receiver.customer("urn:nobody", NOW) is None


def test_a_newer_schema_is_refused(path: Path) -> None:
    SqliteStorage(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE zpd_meta SET value = ? WHERE key = 'schema_version'",
                           (str(SCHEMA_VERSION + 1),))
    connection.close()
    with pytest.raises(StorageError, match=f"schema {SCHEMA_VERSION + 1} is not {SCHEMA_VERSION}"):
        SqliteStorage(path)


def as_schema_1(path: Path) -> None:
    """The database at `path` made as brandkit's first schema left it."""
    with sqlite3.connect(path) as connection:
        for column in ("not_before", "paused_at", "encryption_kid"):
            connection.execute(f"ALTER TABLE zpd_grants DROP COLUMN {column}")
        connection.execute("DROP TABLE zpd_visits")
        connection.execute("DROP INDEX zpd_issued_requests_by_jti")
        connection.execute("DROP INDEX zpd_grants_by_request")
        connection.execute("UPDATE zpd_meta SET value = '1' WHERE key = 'schema_version'")
    connection.close()


def test_a_schema_1_database_is_upgraded_keeping_every_grant(
    path: Path, keys: BrandKeys, request_jws: str, issued: DataRequest, alice: Person
) -> None:
    storage = SqliteStorage(path)
    Receiver(keys, storage, ORIGIN).register_issued_request(request_jws, NOW)
    Receiver(keys, storage, ORIGIN).receive_token(alice.token(issued), NOW)
    storage.close()
    as_schema_1(path)
    older = f"schema 1 is older than {SCHEMA_VERSION}: open it once"
    with pytest.raises(StorageError, match=older):
        SqliteStorage(path, readonly=True)
    upgraded = Receiver(keys, SqliteStorage(path), ORIGIN)
    customer = upgraded.customer(alice.pseudonym, NOW)
    assert customer is not None and customer.grants[0].fields == {"shoe_size_eu": 42}
    # A grant from before knows no start: a later version is taken whatever its nbf, and
    # from then on the start is held to.
    upgraded.receive_token(alice.token(issued, version=2, iat=NOW + DAY, exp=NOW + 90 * DAY,
                                       data={"shoe_size_eu": 43}), NOW + DAY)
    upgraded.receive_event(alice.grant_event("urn:zpd:event:grant-paused"), NOW + DAY)
    customer = upgraded.customer(alice.pseudonym, NOW + DAY)
    assert customer is not None and customer.grants[0].status == "paused"
    reader = SqliteStorage(path, readonly=True)
    with reader.transaction(write=False) as transaction:
        assert transaction.execute(
            "SELECT value FROM zpd_meta WHERE key = 'schema_version'").fetchone() == ("3",)
    reader.close()
    # Schema 3's visits: a grant is found by its request's jti.
    assert [g.grant_id for g in upgraded.grants_for_request(issued.jti, NOW)] == ["grant-1"]


def test_a_file_that_is_not_a_database(path: Path) -> None:
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StorageError, match="not a usable SQLite database"):
        SqliteStorage(path)


def test_readonly_needs_an_existing_receiver_database(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="no receiver database"):
        SqliteStorage(tmp_path / "missing.sqlite3", readonly=True)
    assert not (tmp_path / "missing.sqlite3").exists()
    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    with pytest.raises(StorageError, match="not a brandkit receiver database"):
        SqliteStorage(foreign, readonly=True)


def test_readonly_reads_and_cannot_write(path: Path) -> None:
    writer = SqliteStorage(path)
    with writer.transaction() as transaction:
        transaction.pin_key("p", {"kty": "OKP", "x": "1"}, NOW)
    reader = SqliteStorage(path, readonly=True)
    with reader.transaction(write=False) as transaction:
        assert transaction.pinned_key("p") == {"kty": "OKP", "x": "1"}
    with pytest.raises(sqlite3.OperationalError), reader.transaction(write=False) as transaction:
        transaction.pin_key("q", {}, NOW)
    reader.close()
    writer.close()


def test_sqlite_storage_is_a_storage() -> None:
    storage: Storage = SqliteStorage()  # checked by mypy: the Protocol is satisfied
    with storage.transaction(write=False) as transaction:
        assert transaction.issued_requests() == []
    storage.close()


def test_dialects_place_parameters() -> None:
    query = "SELECT a FROM t WHERE b = ? AND c = ?"
    assert SQLITE_DIALECT.sql(query) == query
    assert POSTGRES_DIALECT.sql(query) == "SELECT a FROM t WHERE b = %s AND c = %s"
    assert POSTGRES_DIALECT.lock_rows == " FOR UPDATE"
