"""`--db`: which storage a location names; the SQLite reading of recent customers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from brandkit.database import is_postgres, open_storage, sqlite_path
from brandkit.display import clean, value_text
from brandkit.errors import StorageError
from brandkit.sqlstorage import RECENT_BATCH, SqliteStorage
from tests.support.people import NOW


@pytest.mark.parametrize(
    ("location", "path"),
    [
        ("receiver.sqlite3", "receiver.sqlite3"),
        ("/srv/zpd/receiver.sqlite3", "/srv/zpd/receiver.sqlite3"),
        ("sqlite:///receiver.sqlite3", "receiver.sqlite3"),
        ("sqlite:////srv/zpd/receiver.sqlite3", "/srv/zpd/receiver.sqlite3"),
        ("sqlite:///my%20data.sqlite3", "my data.sqlite3"),
        ("sqlite:///:memory:", ":memory:"),
    ],
)
def test_sqlite_locations(location: str, path: str) -> None:
    assert sqlite_path(location) == path
    assert not is_postgres(location)


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("mysql://brand@db/zpd", "unsupported database 'mysql'"),
        ("sqlite://receiver.sqlite3", "a SQLite URL is sqlite:///PATH"),
        ("sqlite:///", "a SQLite URL is sqlite:///PATH"),
    ],
)
def test_other_locations_are_refused(location: str, message: str) -> None:
    with pytest.raises(StorageError, match=message):
        open_storage(location)


def test_postgres_urls_are_recognised() -> None:
    for url in ("postgresql://u@h/db", "postgres://u@h/db", "PostgreSQL://u@h/db"):
        assert is_postgres(url)


def test_a_relative_sqlite_url_is_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    open_storage("sqlite:///here.sqlite3").close()
    assert (tmp_path / "here.sqlite3").is_file()
    open_storage("sqlite:///here.sqlite3", readonly=True).close()


def test_reading_an_in_memory_database_makes_no_sense() -> None:
    with pytest.raises(StorageError, match="in-memory"):
        open_storage(":memory:", readonly=True)


def test_postgresql_without_psycopg_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    monkeypatch.delitem(sys.modules, "brandkit.pgstorage", raising=False)
    with pytest.raises(StorageError, match=r"PostgreSQL needs psycopg 3.*not installed"):
        open_storage("postgresql://brand@127.0.0.1:1/zpd")


def test_recent_customers_walk_past_a_batch_on_sqlite() -> None:
    storage = SqliteStorage()
    with storage.transaction() as transaction:
        for pseudonym in ("a", "b", "c"):
            transaction.pin_key(pseudonym, {}, NOW)
        for i in range(2 * RECENT_BATCH + 50):  # "a" changed last, many times
            transaction.execute(
                "INSERT INTO zpd_grants (grant_id, pseudonym, version, status, received_at, "
                "updated_at) VALUES (?, 'a', 1, 'active', 0, ?)", f"a{i}", 1000 + i,
            )
        transaction.execute(
            "INSERT INTO zpd_grants (grant_id, pseudonym, version, status, received_at, "
            "updated_at) VALUES ('b1', 'b', 1, 'active', 0, 500), "
            "('c1', 'c', 1, 'active', 0, 900), ('c0', 'c', 1, 'active', 0, 900)"
        )
    with storage.transaction(write=False) as transaction:
        assert transaction.recent_pseudonyms(limit=3) == ["a", "c", "b"]
        assert transaction.recent_pseudonyms(limit=10) == ["a", "c", "b"]
        assert transaction.recent_pseudonyms(limit=1) == ["a"]
        assert transaction.count_pseudonyms() == 3
    storage.close()


def test_shown_text_cannot_steer_a_terminal_or_hide_itself() -> None:
    assert clean("Ali\u202ece\x1b[31m") == "Ali\\u202ece\\u001b[31m"
    assert clean("Zoë 🙂") == "Zoë 🙂"
    assert value_text(["navy", "red"]) == "navy, red"
    assert value_text(True) == "yes"
    assert value_text(42.5) == "42.5"
    assert value_text({"k": "\u202e"}) == '{"k": "\\u202e"}'
