"""Group commit: concurrent tokens stored in one transaction, each durable before its
receipt is returned, a refused one leaving nothing while the others of its batch are
kept, an item that fails otherwise run alone while the others commit together, and a
batch the database cannot commit run again item by item."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from brandkit.database import open_storage
from brandkit.errors import StorageError, TokenRefused
from brandkit.groupcommit import GroupCommit
from brandkit.keys import BrandKeys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqlStorage, SqlTransaction
from brandkit.sqltransaction import lock_order
from brandkit.storage import TOKEN, Keys
from tests.support.people import NOW, ORIGIN, Person
from zpd.request import DataRequest


def test_concurrent_tokens_share_commits_and_each_is_durable_when_answered(
    location: str, keys: BrandKeys, request_jws: str, issued: DataRequest
) -> None:
    storage, observer = open_storage(location), open_storage(location)
    receiver = Receiver(keys, storage, ORIGIN)
    receiver.register_issued_request(request_jws, NOW)
    people = [Person() for _ in range(48)]
    tokens = [p.token(issued, jti=f"tok-{i}", grant_id=f"g-{i}") for i, p in enumerate(people)]
    early = Person()
    receiver.receive_token(early.token(issued, jti="early", grant_id="g-early"), NOW)
    reused = Person().token(issued, jti="early", grant_id="g-reused")  # another body
    start = threading.Barrier(len(tokens) + 1)

    def send(token: str) -> Any:
        start.wait()
        try:
            receipt = receiver.receive_token(token, NOW)
        except TokenRefused as refused:
            return refused
        jti = next(f"tok-{i}" for i, t in enumerate(tokens) if t == token)
        seen = observer.atomically(lambda t: t.seen_message(TOKEN, jti), write=False)
        return seen is not None and seen.receipt == receipt  # committed before the answer

    with ThreadPoolExecutor(len(tokens) + 1) as pool:
        answers = list(pool.map(send, [*tokens, reused]))
    try:
        assert answers[:-1] == [True] * len(tokens)
        assert isinstance(answers[-1], TokenRefused) and answers[-1].reason == "jti_reused"
        assert receiver._tokens.batches > 0, "some tokens shared a transaction"
        customers = {p.pseudonym for p in people if receiver.customer(p.pseudonym, NOW)}
        assert customers == {p.pseudonym for p in people}
        assert storage.atomically(lambda t: t.execute(
            "SELECT COUNT(*) FROM zpd_seen_messages").fetchone()[0]) == len(tokens) + 1
        assert storage.atomically(lambda t: t.grant("g-reused")) is None, "refused: nothing"
    finally:
        storage.close()
        observer.close()


def scratch(storage: SqlStorage) -> None:
    storage.atomically(lambda t: t.execute("CREATE TABLE scratch (k TEXT PRIMARY KEY)"))


def keys_in(storage: SqlStorage) -> set[str]:
    return {row[0] for row in storage.atomically(
        lambda t: t.execute("SELECT k FROM scratch").fetchall(), write=False)}


class Refused(Exception):
    pass


def batched(storage: SqlStorage, works: list[Callable[[SqlTransaction], str]]) -> list[Any]:
    """Run `works` so that all but the first form one batch: the first holds the lead
    until the others are queued. One batch commits: all of them, or all but those that
    failed in it."""
    group = GroupCommit(storage, own_errors=(Refused,))
    queued = threading.Event()

    def first(t: SqlTransaction) -> str:
        queued.wait(10)
        return "first"

    def call(work: Callable[[SqlTransaction], str]) -> Any:
        try:
            return group.run(work)
        except Exception as error:
            return error

    with ThreadPoolExecutor(len(works) + 1) as pool:
        leader = pool.submit(call, first)
        while not group._busy:
            time.sleep(0.001)
        futures = [pool.submit(call, work) for work in works]
        while len(group._queue) < len(works):
            time.sleep(0.001)
        queued.set()
        results = [future.result(30) for future in futures]
    assert leader.result() == "first" and group.batches == 1
    return results


def insert(
    key: str, then: Callable[[], None] = lambda: None, first: Callable[[], None] = lambda: None,
) -> Callable[[SqlTransaction], str]:
    def work(t: SqlTransaction) -> str:
        first()
        t.execute("INSERT INTO scratch (k) VALUES (?)", key)
        then()
        return key
    return work


def refuse() -> None:
    raise Refused("no")


def test_a_refusal_in_a_batch_leaves_nothing_and_the_others_are_kept(location: str) -> None:
    storage = open_storage(location)
    try:
        scratch(storage)
        results = batched(storage, [insert("a"), insert("b", first=refuse), insert("c")])
        assert results[0] == "a" and isinstance(results[1], Refused) and results[2] == "c"
        assert keys_in(storage) == {"a", "c"}
    finally:
        storage.close()


def test_a_refusal_after_a_write_runs_alone_and_the_others_together(location: str) -> None:
    """Without a savepoint per item nothing undoes half of one: the batch is rolled back,
    the others commit together again, and alone the refused item leaves nothing."""
    storage = open_storage(location)
    try:
        scratch(storage)
        results = batched(storage, [insert("a"), insert("b", then=refuse), insert("c")])
        assert results[0] == "a" and isinstance(results[1], Refused) and results[2] == "c"
        assert keys_in(storage) == {"a", "c"}
    finally:
        storage.close()


def test_a_refusal_after_a_failed_statement_is_not_taken_for_a_clean_one(
    location: str,
) -> None:
    """On PostgreSQL a failed statement aborts the transaction, and its COMMIT is answered
    ROLLBACK without an error: a refusal after one must not let the batch "commit"."""
    storage = open_storage(location)
    try:
        scratch(storage)

        def fails_then_refuses(t: SqlTransaction) -> str:
            try:
                t.execute("SELECT no_such_column FROM scratch")
            except Exception:
                pass
            raise Refused("no")

        results = batched(storage, [insert("a"), insert("c"), fails_then_refuses])
        assert results[:2] == ["a", "c"] and isinstance(results[2], Refused)
        assert keys_in(storage) == {"a", "c"}
    finally:
        storage.close()


def test_a_commit_the_database_turned_into_a_rollback_is_an_error(postgres_url: str) -> None:
    storage = open_storage(postgres_url)
    try:
        scratch(storage)

        def swallows_a_failure(t: SqlTransaction) -> str:
            t.execute("INSERT INTO scratch (k) VALUES (?)", "lost")
            try:
                t.execute("SELECT no_such_column FROM scratch")
            except Exception:
                pass
            return "answered"

        with pytest.raises(StorageError, match="rolled the transaction back"):
            storage.atomically(swallows_a_failure)
        assert keys_in(storage) == set()
    finally:
        storage.close()


def test_an_unexpected_error_runs_that_item_alone_and_the_others_together(
    location: str,
) -> None:
    storage = open_storage(location)
    try:
        scratch(storage)
        calls = {"b": 0}

        def fails_in_the_batch() -> None:
            calls["b"] += 1
            if calls["b"] == 1:
                raise RuntimeError("the database went away")

        results = batched(storage, [insert("a"), insert("b", fails_in_the_batch), insert("x")])
        assert results == ["a", "b", "x"] and calls["b"] == 2
        assert keys_in(storage) == {"a", "b", "x"}
        duplicate = batched(storage, [insert("d"), insert("a"), insert("e")])
        assert duplicate[0] == "d" and duplicate[2] == "e"
        assert isinstance(duplicate[1], Exception), "alone, the duplicate key is its error"
        assert keys_in(storage) == {"a", "b", "x", "d", "e"}
    finally:
        storage.close()


def test_an_item_answered_otherwise_when_its_batch_runs_again_gets_the_new_answer(
    location: str,
) -> None:
    storage = open_storage(location)
    try:
        scratch(storage)
        calls = {"x": 0, "y": 0}

        def refused_the_first_time() -> None:
            calls["x"] += 1
            if calls["x"] == 1:
                raise Refused("not yet")

        def fails_the_first_time() -> None:
            calls["y"] += 1
            if calls["y"] == 1:
                raise RuntimeError("once")

        results = batched(storage, [insert("a"), insert("x", first=refused_the_first_time),
                                    insert("y", then=fails_the_first_time)])
        assert results == ["a", "x", "y"] and calls == {"x": 2, "y": 2}
        assert keys_in(storage) == {"a", "x", "y"}
    finally:
        storage.close()


def test_a_batch_locks_the_keys_of_all_its_items_before_the_first_runs(
    postgres_url: str,
) -> None:
    storage = open_storage(postgres_url)
    group = GroupCommit(storage, own_errors=(Refused,))
    held: list[int] = []

    def count_locks(t: SqlTransaction) -> str:
        held.append(int(t.execute(
            "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND pid = pg_backend_pid()").fetchone()[0]))
        return "counted"

    try:
        queued = threading.Event()
        with ThreadPoolExecutor(4) as pool:
            pool.submit(group.run, lambda t: queued.wait(10) and "first")
            while not group._busy:
                time.sleep(0.001)
            futures = [pool.submit(group.run, count_locks, Keys.of(person, grant))
                       for person, grant in (("alice", "g1"), ("bob", "g2"), ("alice", "g3"))]
            while len(group._queue) < 3:
                time.sleep(0.001)
            queued.set()
            assert [future.result(10) for future in futures] == ["counted"] * 3
        assert group.batches == 1
        assert held == [5, 5, 5]  # alice, bob, g1, g2, g3: all of them, from the start
    finally:
        storage.close()


def test_keys_are_locked_people_first_then_grants_each_in_one_order() -> None:
    """Two batches wanting the same keys take them in the same order: one waits for the
    other, and neither holds what the other wants while it waits (no deadlock)."""
    one = lock_order(Keys.of("bob", "g2") | Keys.of("alice", "g1") | Keys.of("alice", "g3"))
    other = lock_order(Keys.of("alice", "g3") | Keys.of("bob", "g2") | Keys.of("alice", "g1"))
    assert one == other and len(one) == 5
    people, grants = one[:2], one[2:]
    assert people == sorted(people) and grants == sorted(grants)
    assert set(people) == set(lock_order(Keys(frozenset({"alice", "bob"}))))
    # A key no database would store (a lone surrogate, valid in JSON) still has a number:
    # its message gets its own refusal, not the failure of the batch it came in.
    assert len(lock_order(Keys.of("alice", "bad-\ud800"))) == 2


def test_a_token_alone_is_stored_as_before(
    receiver: Receiver, issued: DataRequest, alice: Person
) -> None:
    receipt = receiver.receive_token(alice.token(issued, jti=str(uuid.uuid4())), NOW)
    assert receipt and receiver._tokens.batches == 0


def test_coroutines_share_commits_and_each_is_durable_when_answered(
    location: str, keys: BrandKeys, request_jws: str, issued: DataRequest
) -> None:
    storage, observer = open_storage(location), open_storage(location)
    receiver = Receiver(keys, storage, ORIGIN)
    receiver.register_issued_request(request_jws, NOW)
    tokens = [Person().token(issued, jti=f"tok-{i}", grant_id=f"g-{i}") for i in range(48)]
    receiver.receive_token(Person().token(issued, jti="early", grant_id="g-early"), NOW)
    reused = Person().token(issued, jti="early", grant_id="g-reused")

    async def send(jti: str, token: str) -> Any:
        try:
            receipt = await receiver.receive_token_async(token, NOW)
        except TokenRefused as refused:
            return refused
        seen = observer.atomically(lambda t: t.seen_message(TOKEN, jti), write=False)
        return seen is not None and seen.receipt == receipt  # committed before the answer

    async def everyone() -> list[Any]:
        return await asyncio.gather(
            *(send(f"tok-{i}", token) for i, token in enumerate(tokens)), send("early", reused))

    try:
        answers = asyncio.run(everyone())
        assert answers[:-1] == [True] * len(tokens)
        assert isinstance(answers[-1], TokenRefused) and answers[-1].reason == "jti_reused"
        assert receiver._tokens.batches > 0, "tokens that arrived together shared a commit"
        assert storage.atomically(lambda t: t.grant("g-reused")) is None, "refused: nothing"
    finally:
        storage.close()
        observer.close()


def test_threads_and_coroutines_queue_together_and_a_cancelled_caller_stops_no_one(
    tmp_path: Path,
) -> None:
    storage = open_storage(str(tmp_path / "mixed.sqlite3"))
    group = GroupCommit(storage, own_errors=(Refused,))
    release = threading.Event()

    def first(t: SqlTransaction) -> str:
        release.wait(10)  # holds the lead until everyone below is queued
        return "first"

    async def scene() -> tuple[list[Any], list[str]]:
        loop = asyncio.get_running_loop()
        leader = loop.run_in_executor(None, group.run, first)
        while not group._busy:
            await asyncio.sleep(0.001)
        gone = asyncio.ensure_future(group.run_async(insert("gone")))
        waiting = [asyncio.ensure_future(group.run_async(insert(k))) for k in ("a", "b")]
        thread = loop.run_in_executor(None, group.run, insert("t"))
        while len(group._queue) < 4:
            await asyncio.sleep(0.001)
        gone.cancel()
        release.set()
        results = await asyncio.gather(leader, *waiting, thread)
        return results, sorted(keys_in(storage))

    try:
        scratch(storage)
        results, stored = asyncio.run(scene())
        assert results == ["first", "a", "b", "t"]
        # The cancelled caller's work was already queued: it is stored, as a token whose
        # sender went away is (the sender sends it again and gets the same receipt).
        assert stored == ["a", "b", "gone", "t"]
    finally:
        storage.close()


class Stop(BaseException):
    """Raised past every `except Exception`."""


def test_an_item_raising_past_every_handler_is_answered_with_it_and_the_rest_go_on(
    tmp_path: Path,
) -> None:
    storage = open_storage(str(tmp_path / "stop.sqlite3"))
    group = GroupCommit(storage, own_errors=(Refused,))

    def stops(t: SqlTransaction) -> str:
        t.execute("INSERT INTO scratch (k) VALUES (?)", "stopped")
        raise Stop()

    async def scene() -> list[str]:
        with pytest.raises(Stop):  # not answered as if stored
            await group.run_async(stops)
        return list(await asyncio.gather(*(group.run_async(insert(k)) for k in "abc")))

    try:
        scratch(storage)
        assert asyncio.run(scene()) == ["a", "b", "c"]
        assert keys_in(storage) == {"a", "b", "c"}
    finally:
        storage.close()


def test_batches_grow_again_once_one_at_a_time_commits(tmp_path: Path) -> None:
    """After batches failed down to one item each, the next item that commits lets them
    grow again (they stayed at one for good)."""
    storage = open_storage(str(tmp_path / "grow.sqlite3"))
    group = GroupCommit(storage, own_errors=(Refused,))
    try:
        scratch(storage)
        group._limit = 1  # as after batches that failed
        assert group.run(insert("one")) == "one"
        assert group._limit == 2
        release = threading.Event()
        with ThreadPoolExecutor(3) as pool:
            held = pool.submit(group.run, lambda t: release.wait(10) and "held")
            while not group._busy:
                time.sleep(0.001)
            pair = [pool.submit(group.run, insert(k)) for k in ("a", "b")]
            while len(group._queue) < 2:
                time.sleep(0.001)
            release.set()
            assert [held.result(10), *(f.result(10) for f in pair)] == ["held", "a", "b"]
        assert group.batches == 1, "a and b in one transaction"
    finally:
        storage.close()


def test_a_thread_returns_after_its_own_batch_while_coroutines_keep_coming(
    tmp_path: Path,
) -> None:
    storage = open_storage(str(tmp_path / "handover.sqlite3"))
    group = GroupCommit(storage, own_errors=(Refused,))
    release, held = threading.Event(), threading.Event()

    def first(t: SqlTransaction) -> str:
        release.wait(10)
        return "first"

    def slow(t: SqlTransaction) -> str:
        held.wait(10)  # the coroutines' batch is still committing when the thread returns
        return insert("slow")(t)

    async def scene() -> tuple[str, list[str]]:
        loop = asyncio.get_running_loop()
        thread = loop.run_in_executor(None, group.run, first)
        while not group._busy:
            await asyncio.sleep(0.001)
        coroutines = [asyncio.ensure_future(group.run_async(work))
                      for work in (slow, insert("later"))]
        while len(group._queue) < 2:
            await asyncio.sleep(0.001)
        release.set()
        mine = await asyncio.wait_for(thread, 10)  # not held leading the coroutines' work
        assert not any(c.done() for c in coroutines)
        held.set()
        return mine, list(await asyncio.gather(*coroutines))

    try:
        scratch(storage)
        assert asyncio.run(scene()) == ("first", ["slow", "later"])
        assert keys_in(storage) == {"slow", "later"}
    finally:
        storage.close()


def test_a_loop_shutting_down_its_executor_never_leaves_the_queue_without_a_leader(
    tmp_path: Path,
) -> None:
    """A thread hands the coroutines queued after it over to be led while their loop is
    shutting its executor down (as `asyncio.run` does once its main coroutine returns):
    the queue still gets a leader, and callers from elsewhere are answered."""
    storage = open_storage(str(tmp_path / "shutdown.sqlite3"))
    group = GroupCommit(storage, own_errors=(Refused,))
    release = threading.Event()
    loop = asyncio.new_event_loop()

    def first(t: SqlTransaction) -> str:
        release.wait(10)
        return "first"

    def later() -> None:
        outcome["later"] = group.run(insert("later"))

    outcome: dict[str, Any] = {}
    leader = threading.Thread(target=lambda: outcome.update(first=group.run(first)))
    try:
        scratch(storage)
        leader.start()
        while not group._busy:
            time.sleep(0.001)
        loop.run_until_complete(loop.shutdown_default_executor())
        waiting = loop.create_task(group.run_async(insert("a")))
        loop.run_until_complete(asyncio.sleep(0.01))  # "a" is queued behind the thread
        release.set()
        leader.join(10)
        loop.run_until_complete(asyncio.wait({waiting}, timeout=10))
        after = threading.Thread(target=later, daemon=True)
        after.start()
        after.join(10)
        assert outcome == {"first": "first", "later": "later"}, "nobody led the queue"
        assert waiting.done() and waiting.result() == "a"
        assert keys_in(storage) == {"a", "later"}
    finally:
        release.set()
        loop.close()
        storage.close()
