"""Fixtures for the brand kit: keys, a signed request, a receiver on SQLite (and PostgreSQL)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from brandkit.issuing import sign_spec
from brandkit.keys import BrandKeys, generate_keys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqliteStorage
from tests.support.people import NOW, ORIGIN, Person, spec
from zpd.request import DataRequest, verify_request


@pytest.fixture(scope="session")
def keys() -> BrandKeys:
    return generate_keys()


@pytest.fixture(scope="session")
def request_jws(keys: BrandKeys) -> str:
    return sign_spec(spec(), keys, now=NOW - 86400)


@pytest.fixture(scope="session")
def issued(request_jws: str) -> DataRequest:
    return verify_request(request_jws, NOW)


@pytest.fixture
def storage() -> Iterator[SqliteStorage]:
    opened = SqliteStorage()
    yield opened
    opened.close()


@pytest.fixture
def receiver(keys: BrandKeys, storage: SqliteStorage, request_jws: str) -> Receiver:
    made = Receiver(keys, storage, ORIGIN)
    made.register_issued_request(request_jws, now=NOW)
    return made


@pytest.fixture
def alice() -> Person:
    return Person()


@pytest.fixture
def bob() -> Person:
    return Person()


POSTGRES_ENV = "ZPV_TEST_POSTGRES_URL"
# Set by .ci/run: PostgreSQL is expected, so a missing URL fails the tests instead of
# skipping them.
REQUIRE_POSTGRES_ENV = "ZPV_REQUIRE_POSTGRES"


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The URL of a PostgreSQL database the tests may use, or the test is skipped (failed,
    when ZPV_REQUIRE_POSTGRES=1)."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        reason = (f"{POSTGRES_ENV} is not set: no PostgreSQL to test against "
                  "(`.ci/postgres` starts one and prints its URL)")
        if os.environ.get(REQUIRE_POSTGRES_ENV, "") not in ("", "0"):
            pytest.fail(f"{reason}, and {REQUIRE_POSTGRES_ENV} says it is required")
        pytest.skip(reason)
    return url


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A URL whose connections use a fresh, empty schema, dropped after the test."""
    import psycopg

    schema = f"zpv_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in postgres_server else "?"
    yield f"{postgres_server}{separator}options=-csearch_path%3D{schema}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a receiver's database is: a SQLite file, then a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "receiver.sqlite3")
    return str(request.getfixturevalue("postgres_url"))
