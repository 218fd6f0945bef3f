"""The receiver on a real PostgreSQL: schema on first use, retried serialisation failures,
and two workers on one database that store a duplicate once and never lose a version.

Skipped unless ZPV_TEST_POSTGRES_URL names a database (`.ci/postgres` prints one).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests

from brandkit.database import open_storage
from brandkit.errors import StorageError, TokenRefused
from brandkit.keys import BrandKeys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SCHEMA_VERSION, SqlTransaction
from brandkit.storage import GrantRecord, GrantState, Keys
from brandkit.visits import Visits
from tests.support.people import DAY, NOW, ORIGIN, Person
from tests.support.vaults import PROJECT_ROOT
from zpd.request import DataRequest, verify_request

from . import oldschemas
from .live import TIMEOUT, Live, live_receiver, zpv_brand_serve

psycopg = pytest.importorskip("psycopg")
from brandkit import pgstorage  # noqa: E402
from brandkit.pgstorage import PostgresStorage  # noqa: E402


def rows(storage: PostgresStorage) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every receiver table (to show that nothing changed)."""
    tables = ("zpd_issued_requests", "zpd_pseudonyms", "zpd_grants", "zpd_seen_messages")
    with storage.transaction(write=False) as transaction:
        return {
            table: sorted(map(tuple, transaction.execute(f"SELECT * FROM {table}").fetchall()))
            for table in tables
        }


@pytest.fixture
def pg(postgres_url: str) -> Iterator[PostgresStorage]:
    storage = PostgresStorage(postgres_url)
    yield storage
    storage.close()


@pytest.fixture
def pg_receiver(keys: BrandKeys, pg: PostgresStorage, request_jws: str) -> Receiver:
    receiver = Receiver(keys, pg, ORIGIN)
    receiver.register_issued_request(request_jws, NOW)
    return receiver


# -- the storage ------------------------------------------------------------------------


def test_the_schema_is_created_on_first_use_and_kept(postgres_url: str) -> None:
    first = PostgresStorage(postgres_url)
    with first.transaction() as transaction:
        transaction.pin_key("p", {"kty": "OKP", "x": "1"}, NOW)
    first.close()
    again = PostgresStorage(postgres_url)
    with again.transaction(write=False) as transaction:
        assert transaction.pinned_key("p") == {"kty": "OKP", "x": "1"}
        assert transaction.execute(
            "SELECT value FROM zpd_meta WHERE key = 'schema_version'"
        ).fetchone() == (str(SCHEMA_VERSION),)
    again.close()


def test_a_schema_1_database_is_upgraded_by_the_first_worker(
    postgres_url: str, keys: BrandKeys, request_jws: str, issued: DataRequest, alice: Person
) -> None:
    first = PostgresStorage(postgres_url)
    Receiver(keys, first, ORIGIN).register_issued_request(request_jws, NOW)
    Receiver(keys, first, ORIGIN).receive_token(alice.token(issued), NOW)
    with first.transaction() as transaction:  # as brandkit's first schema left it
        oldschemas.as_schema(transaction.execute, 1)
    first.close()
    with pytest.raises(StorageError, match="schema 1 is older"):
        PostgresStorage(postgres_url, readonly=True)
    start = threading.Barrier(4)

    def open_one(_: int) -> None:
        start.wait()
        PostgresStorage(postgres_url).close()

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(open_one, range(4)))  # one upgrades, the others find it done
    upgraded = PostgresStorage(postgres_url)
    receiver = Receiver(keys, upgraded, ORIGIN)
    receiver.receive_event(alice.grant_event("urn:zpd:event:grant-paused"), NOW + DAY)
    customer = receiver.customer(alice.pseudonym, NOW + DAY)
    assert customer is not None and customer.grants[0].status == "paused"
    assert customer.grants[0].fields == {"shoe_size_eu": 42}
    upgraded.close()


@pytest.mark.parametrize("version", [2, 3])
def test_a_schema_2_or_3_database_is_upgraded_with_its_values_moved_out(
    postgres_url: str, keys: BrandKeys, issued: DataRequest, alice: Person, version: int
) -> None:
    first = PostgresStorage(postgres_url)
    _, signed = Visits(keys, first, issued).start(reference="customer-17", now=NOW)
    data = {"shoe_size_eu": 42, "favourite_colours": ["beige"]}
    Receiver(keys, first, ORIGIN).receive_token(
        alice.token(verify_request(signed.jws, NOW), iat=NOW + 5, data=data), NOW + 5)
    with first.transaction() as transaction:
        oldschemas.as_schema(transaction.execute, version)
        assert "beige" in transaction.execute("SELECT data FROM zpd_grants").fetchone()[0]
    first.close()
    upgraded = PostgresStorage(postgres_url)
    receiver = Receiver(keys, upgraded, ORIGIN)
    customer = receiver.customer(alice.pseudonym, NOW + 6)
    assert customer is not None and customer.grants[0].fields == {
        "shoe_size_eu": 42, "favourite_colours": ["beige"]}
    with upgraded.transaction(write=False) as transaction:
        assert transaction.execute("SELECT data FROM zpd_grants").fetchall() == [(None,)]
        assert transaction.execute("SELECT value FROM zpd_meta").fetchone() == (
            str(SCHEMA_VERSION),)
        # A schema-3 database keeps its visits; a schema-2 one never had any.
        expected = {"grant-1": "customer-17"} if version == 3 else {}
        assert transaction.references_of(alice.pseudonym) == expected
    receiver.receive_event(alice.revocation(iat=NOW + 7), NOW + 7)
    with upgraded.transaction(write=False) as transaction:
        assert transaction.execute("SELECT COUNT(*) FROM zpd_grant_values").fetchone() == (0,)
    upgraded.close()


def test_workers_starting_together_create_the_schema_once(postgres_url: str) -> None:
    start = threading.Barrier(6)

    def open_one(_: int) -> int:
        start.wait()
        storage = PostgresStorage(postgres_url)
        storage.close()
        return storage.retries

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(open_one, range(6)))  # none raised
    storage = PostgresStorage(postgres_url)
    with storage.transaction(write=False) as transaction:
        assert transaction.execute("SELECT COUNT(*) FROM zpd_meta").fetchone() == (1,)
    storage.close()


def test_transactions_are_serializable_and_reads_read_only(pg: PostgresStorage) -> None:
    with pg.transaction() as transaction:
        assert transaction.execute("SHOW transaction_isolation").fetchone() == ("serializable",)
    with pg.transaction(write=False) as transaction:
        assert transaction.execute("SHOW transaction_read_only").fetchone() == ("on",)


def advisory_locks_held(transaction: SqlTransaction) -> int:
    return int(transaction.execute(
        "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
        " AND pid = pg_backend_pid()").fetchone()[0])


def test_a_write_that_names_its_keys_locks_them_and_reads_committed(
    pg: PostgresStorage,
) -> None:
    """Tokens and grant events say which person and grant they work on: they lock those
    first and need not be serializable (which failed one transaction in ten between two
    workers storing different people's tokens)."""
    with pg.transaction(keys=Keys.of("alice", "g1") | Keys.of("bob", "g2")) as transaction:
        assert transaction.execute("SHOW transaction_isolation").fetchone() == (
            "read committed",)
        assert advisory_locks_held(transaction) == 4
    with pg.transaction() as transaction:
        assert advisory_locks_held(transaction) == 0  # released with the transaction


def grant_of(pseudonym: str, grant_id: str) -> GrantRecord:
    return GrantRecord(grant_id=grant_id, pseudonym=pseudonym, version=1,
                       status=GrantState.ACTIVE, received_at=NOW, updated_at=NOW)


@pytest.mark.parametrize("second_keys", [Keys.of("alice", "g2"), Keys.of("mallory", "g1")],
                         ids=["the same person", "the same grant"])
def test_a_write_waits_for_the_one_holding_its_keys_and_sees_what_it_committed(
    postgres_url: str, pg: PostgresStorage, second_keys: Keys,
) -> None:
    other_worker = PostgresStorage(postgres_url)
    seen: list[tuple[Any, Any]] = []

    def look(transaction: SqlTransaction) -> None:
        seen.append((transaction.pinned_key("alice"), transaction.read_grant("g1")))

    try:
        with pg.transaction(keys=Keys.of("alice", "g1")) as transaction:
            transaction.pin_key("alice", {"kty": "OKP", "x": "alice"}, NOW)
            transaction.put_grant(grant_of("alice", "g1"))
            waiting = threading.Thread(
                target=lambda: other_worker.atomically(look, keys=second_keys))
            waiting.start()
            time.sleep(0.3)
            assert waiting.is_alive() and seen == [], "it waits for the keys"
        waiting.join(10)
        assert len(seen) == 1
        pinned, grant = seen[0]
        assert pinned == {"kty": "OKP", "x": "alice"}
        assert grant is not None and grant.pseudonym == "alice"
        assert other_worker.retries == 0
    finally:
        other_worker.close()


def test_a_lock_held_too_long_fails_the_write_waiting_for_it_and_no_other(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker whose connection hangs in a transaction (a lost network: the server may not
    notice for hours) holds its person's and grant's locks. A write wanting one of them
    gives up after LOCK_WAIT (a token is then a 5xx, and the vault sends it again later);
    a write on other keys is not held up."""
    monkeypatch.setattr(pgstorage, "LOCK_WAIT", "300ms")
    hung, waiting = PostgresStorage(postgres_url), PostgresStorage(postgres_url)
    outcome: list[BaseException | None] = []

    def wait_for_alice() -> None:
        try:
            waiting.atomically(lambda t: t.pinned_key("alice"), keys=Keys.of("alice", "g2"))
            outcome.append(None)
        except BaseException as error:
            outcome.append(error)

    try:
        with hung.transaction(keys=Keys.of("alice", "g1")):
            started = time.monotonic()
            thread = threading.Thread(target=wait_for_alice)
            thread.start()
            thread.join(5)  # without the limit it would wait until the block ends
            assert len(outcome) == 1, "the write gave up while the locks were still held"
            assert isinstance(outcome[0], psycopg.errors.LockNotAvailable)
            assert 0.25 < time.monotonic() - started < 5
            assert waiting.atomically(lambda t: t.pinned_key("bob"),
                                      keys=Keys.of("bob", "g3")) is None
        thread.join(10)
    finally:
        hung.close()
        waiting.close()


def test_a_lock_wait_the_connection_sets_itself_is_kept(postgres_url: str) -> None:
    def lock_timeout(storage: PostgresStorage) -> str:
        return str(storage.atomically(
            lambda t: t.execute("SHOW lock_timeout").fetchone()[0], write=False))

    own = PostgresStorage(postgres_url.replace("options=", "options=-clock_timeout%3D2s%20"))
    default = PostgresStorage(postgres_url)
    try:
        assert lock_timeout(own) == "2s"
        assert lock_timeout(default) == pgstorage.LOCK_WAIT
    finally:
        own.close()
        default.close()


def test_a_database_whose_encoding_is_not_utf8_is_refused_at_start(
    postgres_server: str, postgres_url: str,
) -> None:
    """A LATIN1 database could not store a Greek answer: the receiver says so when it
    opens it, not at the first such token. (`.ci/postgres` makes zpv_test_latin1.)"""
    parts = urlsplit(postgres_server)
    latin1 = urlunsplit(parts._replace(path=parts.path + "_latin1"))
    try:
        psycopg.connect(latin1).close()
    except psycopg.OperationalError:
        pytest.skip("no zpv_test_latin1 database on this server (`.ci/postgres` makes one)")
    with pytest.raises(StorageError, match="encoding is LATIN1; the receiver needs a UTF8"):
        PostgresStorage(latin1)
    with pytest.raises(StorageError, match="encoding is LATIN1"):
        open_storage(latin1, readonly=True)
    utf8 = PostgresStorage(postgres_url)
    try:
        assert utf8.atomically(lambda t: t.execute("SHOW client_encoding").fetchone()[0],
                               write=False) == "UTF8"
    finally:
        utf8.close()


def test_a_new_grant_never_overwrites_one_stored_meanwhile_without_the_locks(
    postgres_url: str, pg: PostgresStorage,
) -> None:
    """During an upgrade a worker of an earlier release (every write SERIALIZABLE, no
    locks) can store the grant a locked writer has just found absent: the locked writer's
    insert then fails and runs again, and sees it, rather than writing over it (another
    person's grant taken, a revoked one brought back, a version gone back)."""
    earlier_release = PostgresStorage(postgres_url)
    found: list[GrantRecord | None] = []

    def store_for_alice(transaction: SqlTransaction) -> None:
        current = transaction.grant("g1")
        found.append(current)
        if len(found) == 1:
            with earlier_release.transaction() as other:
                other.pin_key("bob", {"kty": "OKP", "x": "bob"}, NOW)
                other.put_grant(grant_of("bob", "g1"))
        if current is None:
            transaction.put_grant(grant_of("alice", "g1"), new=True)

    try:
        with pg.transaction() as transaction:
            transaction.pin_key("alice", {"kty": "OKP", "x": "alice"}, NOW)
        pg.atomically(store_for_alice, keys=Keys.of("alice", "g1"))
        assert found[0] is None and found[1] is not None and found[1].pseudonym == "bob"
        with pg.transaction(write=False) as transaction:
            kept = transaction.read_grant("g1")
        assert kept is not None and kept.pseudonym == "bob"
        assert pg.retries == 1
    finally:
        earlier_release.close()


def test_a_newer_schema_is_refused(postgres_url: str, pg: PostgresStorage) -> None:
    with pg.transaction() as transaction:
        transaction.execute("UPDATE zpd_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StorageError, match=f"schema 99 is not {SCHEMA_VERSION}"):
        PostgresStorage(postgres_url)


def test_readonly_needs_the_schema_and_cannot_write(postgres_url: str) -> None:
    with pytest.raises(StorageError, match="not a brandkit receiver database"):
        PostgresStorage(postgres_url, readonly=True)
    PostgresStorage(postgres_url).close()
    reader = open_storage(postgres_url, readonly=True)
    with pytest.raises(Exception, match="read-only transaction"), reader.transaction() as t:
        t.pin_key("q", {}, NOW)
    reader.close()


def test_an_unreachable_server_is_one_clear_error() -> None:
    with pytest.raises(StorageError, match="cannot connect to PostgreSQL") as caught:
        PostgresStorage("postgresql://zpv:secret-pw@127.0.0.1:1/zpd?connect_timeout=2")
    assert "secret-pw" not in str(caught.value)


def test_a_serialization_failure_is_run_again(postgres_url: str, pg: PostgresStorage) -> None:
    other_worker = PostgresStorage(postgres_url)
    attempts: list[dict[str, Any] | None] = []

    def pin_unless_pinned(transaction: SqlTransaction) -> dict[str, Any] | None:
        seen = transaction.pinned_key("p")
        attempts.append(seen)
        if len(attempts) == 1:
            # Between our read and our write, another worker pins the same pseudonym.
            with other_worker.transaction() as other:
                other.pin_key("p", {"kty": "OKP", "x": "theirs"}, NOW)
        if seen is None:
            transaction.pin_key("p", {"kty": "OKP", "x": "ours"}, NOW)
        return seen

    assert pg.atomically(pin_unless_pinned) == {"kty": "OKP", "x": "theirs"}
    assert attempts == [None, {"kty": "OKP", "x": "theirs"}]
    assert pg.retries == 1
    other_worker.close()


def test_a_lost_connection_is_reopened(
    postgres_server: str, pg: PostgresStorage, pg_receiver: Receiver
) -> None:
    import psycopg

    with pg.transaction(write=False) as transaction:
        (pid,) = transaction.execute("SELECT pg_backend_pid()").fetchone()
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    assert [r.jti for r in pg_receiver.issued_requests()], "answered over a new connection"
    with pg.transaction(write=False) as transaction:
        assert transaction.execute("SELECT pg_backend_pid()").fetchone() != (pid,)


def test_recent_customers_walk_past_a_batch(pg: PostgresStorage) -> None:
    with pg.transaction() as transaction:
        for pseudonym in ("a", "b", "c"):
            transaction.pin_key(pseudonym, {}, NOW)
        transaction.execute(
            "INSERT INTO zpd_grants (grant_id, pseudonym, version, status, received_at, "
            "updated_at) SELECT 'a' || i, 'a', 1, 'active', 0, 1000 + i "
            "FROM generate_series(1, 450) AS i"
        )
        for grant_id, pseudonym, updated in (("b1", "b", 500), ("c1", "c", 900)):
            transaction.execute(
                "INSERT INTO zpd_grants (grant_id, pseudonym, version, status, received_at, "
                "updated_at) VALUES (?, ?, 1, 'active', 0, ?)", grant_id, pseudonym, updated,
            )
    with pg.transaction(write=False) as transaction:
        assert transaction.recent_pseudonyms(limit=3) == ["a", "c", "b"]
        assert transaction.recent_pseudonyms(limit=2) == ["a", "c"]
        assert transaction.count_pseudonyms() == 3


# -- the receiver on PostgreSQL ---------------------------------------------------------


def test_the_whole_exchange_on_postgresql(
    pg_receiver: Receiver, pg: PostgresStorage, issued: DataRequest, alice: Person
) -> None:
    first = alice.token(issued, jti="tok-a", data={"shoe_size_eu": 42})
    receipt = pg_receiver.receive_token(first, NOW)
    assert pg_receiver.receive_token(first, NOW + 5) == receipt, "a duplicate: its receipt again"
    pg_receiver.receive_token(alice.token(issued, version=3, data={"shoe_size_eu": 44}), NOW + 9)
    pg_receiver.receive_token(alice.token(issued, version=2, data={"shoe_size_eu": 43}), NOW + 10)
    customer = pg_receiver.customer(alice.pseudonym, NOW + 10)
    assert customer is not None
    (grant,) = customer.grants
    assert (grant.version, grant.status, grant.fields) == (
        3, GrantState.ACTIVE, {"shoe_size_eu": 44})

    before = rows(pg)
    with pytest.raises(TokenRefused, match="jti_reused"):
        pg_receiver.receive_token(alice.token(issued, jti="tok-a", version=4), NOW + 11)
    assert rows(pg) == before, "a refused message changes nothing"

    pg_receiver.receive_event(alice.revocation(iat=NOW + DAY), NOW + DAY)
    customer = pg_receiver.customer(alice.pseudonym, NOW + DAY)
    assert customer is not None
    assert (customer.grants[0].status, customer.grants[0].fields) == (GrantState.REVOKED, {})
    with pg.transaction(write=False) as transaction:
        assert transaction.execute("SELECT data FROM zpd_grants").fetchall() == [(None,)]
    recent = pg_receiver.recent_customers(NOW + DAY)
    assert ([c.pseudonym for c in recent.customers], recent.total) == ([alice.pseudonym], 1)


# -- two workers on one database, over HTTP -----------------------------------------------


@pytest.fixture
def two_workers(
    keys: BrandKeys, postgres_url: str, request_jws: str
) -> Iterator[tuple[Live, Live]]:
    """Two receivers, each with its own connection and server, on one database."""
    with ExitStack() as stack:
        workers = []
        for _ in range(2):
            storage = PostgresStorage(postgres_url)
            stack.callback(storage.close)
            receiver = Receiver(keys, storage, ORIGIN)
            workers.append(stack.enter_context(live_receiver(receiver, storage, request_jws)))
        yield workers[0], workers[1]


def post_all(posts: list[tuple[Live, str]]) -> list[requests.Response]:
    """Post every (worker, token) at once, from as many threads."""
    start = threading.Barrier(len(posts))

    def post(item: tuple[Live, str]) -> requests.Response:
        worker, token = item
        start.wait()
        return requests.post(worker.url("/zpd/grants"), data=token, timeout=TIMEOUT,
                             headers={"Content-Type": "application/jwt"})

    with ThreadPoolExecutor(len(posts)) as pool:
        return list(pool.map(post, posts))


def test_a_duplicate_posted_to_two_workers_at_once_is_stored_once(
    two_workers: tuple[Live, Live], issued: DataRequest
) -> None:
    for round_ in range(5):
        person = Person()
        token = person.token(issued, iat=int(time.time()), grant_id=f"g{round_}")
        responses = post_all([(two_workers[i % 2], token) for i in range(6)])
        assert [r.status_code for r in responses] == [202] * 6, [r.text for r in responses]
        assert len({r.text for r in responses}) == 1, "one receipt, whoever answered"
    storage = two_workers[0].storage
    assert isinstance(storage, PostgresStorage)
    counts = {table: len(found) for table, found in rows(storage).items()}
    assert counts == {"zpd_issued_requests": 1, "zpd_pseudonyms": 5, "zpd_grants": 5,
                      "zpd_seen_messages": 5}


def test_versions_posted_to_two_workers_at_once_never_go_back(
    two_workers: tuple[Live, Live], issued: DataRequest
) -> None:
    person = Person()  # known already: no race on pinning their key, only on the grant
    first = person.token(issued, iat=int(time.time()), grant_id="known")
    assert post_all([(two_workers[0], first)])[0].status_code == 202
    for round_ in range(8):
        start = int(time.time())  # nbf is the grant's start: the same in every version
        tokens = [person.token(issued, iat=start, grant_id=f"v{round_}", version=v,
                               data={"shoe_size_eu": 36 + v}) for v in range(1, 7)]
        random.shuffle(tokens)
        responses = post_all([(two_workers[i % 2], t) for i, t in enumerate(tokens)])
        assert [r.status_code for r in responses] == [202] * 6, [r.text for r in responses]
        customer = two_workers[1].receiver.customer(person.pseudonym)
        assert customer is not None
        grant = next(g for g in customer.grants if g.grant_id == f"v{round_}")
        assert (grant.version, grant.fields) == (6, {"shoe_size_eu": 42})


# -- the command line on PostgreSQL -------------------------------------------------------


def test_serve_and_customers_on_postgresql(
    postgres_url: str, tmp_path: Path, keys: BrandKeys, request_jws: str, issued: DataRequest
) -> None:
    from brandkit.keys import save_keys

    save_keys(keys, tmp_path / "keys")
    (tmp_path / "request.jws").write_text(request_jws)
    person = Person()
    with zpv_brand_serve("--keys", str(tmp_path / "keys"), "--request",
                         str(tmp_path / "request.jws"), "--db", postgres_url,
                         directory=tmp_path) as served:
        assert served.line.startswith("Serving Shoes Example at http://127.0.0.1:"), (
            served.stderr
        )
        response = requests.post(
            served.url + "zpd/grants", timeout=TIMEOUT, headers={"Content-Type": "application/jwt"},
            data=person.token(issued, iat=int(time.time()), data={"shoe_size_eu": 39}),
        )
        assert response.status_code == 202, response.text
        served.process.terminate()
        assert served.process.wait(TIMEOUT) == 0, served.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "brandkit", "customers", "--db", postgres_url, "--json"],
        capture_output=True, text=True, timeout=60, cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )
    assert listed.returncode == 0, listed.stderr
    (customer,) = json.loads(listed.stdout)
    assert customer["pseudonym"] == person.pseudonym
    assert customer["grants"][0]["fields"] == {"shoe_size_eu": 39}
