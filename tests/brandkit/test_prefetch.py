"""A batch of tokens reads what they all read at once (`Transaction.prefetch`), and each
token still sees what the tokens before it in the batch wrote: the same grant twice, the
same person twice, the same message twice, a person's quota of grants.

Each batch here must commit as one: a token answered from a stale row would fail against
the database (a duplicate key), and the batch would be run again token by token, which
hides the mistake from every other assertion."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

import pytest

from brandkit.database import open_storage
from brandkit.errors import TokenRefused
from brandkit.keys import BrandKeys
from brandkit.quotas import QuotaExceeded, Quotas
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqlStorage, SqlTransaction
from brandkit.storage import TOKEN, Keys
from tests.support.people import (
    DAY,
    NOW,
    ORIGIN,
    Person,
    jwc_encrypt,
    jwc_grant_claims,
    jwc_grant_header,
    jwc_key,
    jwc_pseudonym,
    jwc_sign,
)
from zpd.errors import EventInvalid, TokenInvalid
from zpd.request import DataRequest


@pytest.fixture
def storage(location: str) -> Any:
    opened = open_storage(location)
    yield opened
    opened.close()


@pytest.fixture
def receiver(keys: BrandKeys, storage: SqlStorage, request_jws: str) -> Receiver:
    """A receiver on `storage` that issued the request `issued`."""
    opened = Receiver(keys, storage, ORIGIN)
    opened.register_issued_request(request_jws, NOW)
    return opened


EVENT_HEADER = {"alg": "EdDSA", "typ": "secevent+jwt"}


def one_batch(receiver: Receiver, tokens: list[str]) -> list[Any]:
    """Each token's receipt or refusal, all of them stored in one transaction, in order."""
    group = receiver._tokens
    release = threading.Event()

    def receive(token: str) -> Any:
        try:
            return receiver.receive_token(token, NOW)
        except (TokenRefused, QuotaExceeded) as refused:
            return refused

    with ThreadPoolExecutor(len(tokens) + 1) as pool:
        held = pool.submit(group.run, lambda t: release.wait(10))
        while not group._busy:
            time.sleep(0.001)
        futures = []
        for token in tokens:  # queued in this order
            futures.append(pool.submit(receive, token))
            while len(group._queue) < len(futures):
                time.sleep(0.001)
        before = group.batches
        release.set()
        results = [future.result(30) for future in futures]
    assert held.result() is True
    assert group.batches == before + 1, "the batch committed as one"
    return results


def queries(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every query run through a SqlTransaction from now on."""
    seen: list[str] = []
    execute = SqlTransaction.execute

    def recording(self: SqlTransaction, query: str, *parameters: Any) -> Any:
        seen.append(query)
        return execute(self, query, *parameters)

    monkeypatch.setattr(SqlTransaction, "execute", recording)
    return seen


def test_a_batch_reads_its_messages_people_and_grants_in_three_statements(
    storage: SqlStorage, receiver: Receiver, issued: DataRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    known = Person()
    receiver.receive_token(known.token(issued, grant_id="known-1"), NOW)
    tokens = [Person().token(issued, grant_id=f"g-{i}") for i in range(6)]
    tokens.append(known.token(issued, grant_id="known-2"))
    run = queries(monkeypatch)
    results = one_batch(receiver, tokens)
    assert all(isinstance(result, str) for result in results)
    reads = [q for q in run if q.startswith("SELECT") and "pg_advisory" not in q]
    assert len(reads) == 3, reads
    writes = [q.split("(")[0].strip() for q in run if not q.startswith("SELECT")]
    assert writes.count("INSERT INTO zpd_seen_messages") == 7
    assert writes.count("INSERT INTO zpd_pseudonyms") == 6  # the known person was pinned


def test_tokens_of_one_batch_see_what_the_ones_before_them_wrote(
    storage: SqlStorage, receiver: Receiver, issued: DataRequest,
) -> None:
    alice, bob = Person(), Person()
    first = alice.token(issued, grant_id="a-1", jti="a-1-v1", data={"shoe_size_eu": 41})
    tokens = [
        first,
        alice.token(issued, grant_id="a-1", jti="a-1-v2", version=2,
                    data={"shoe_size_eu": 43}),  # the grant again: a new version
        first,  # the same message again: its receipt again
        bob.token(issued, grant_id="a-1-bob", jti="a-1-v1"),  # its jti reused: refused
        alice.token(issued, grant_id="a-2"),  # the same new person again: pinned once
        bob.token(issued, grant_id="b-1"),
    ]
    results = one_batch(receiver, tokens)
    assert isinstance(results[0], str) and isinstance(results[1], str)
    assert results[2] == results[0]
    assert isinstance(results[3], TokenRefused) and results[3].reason == "jti_reused"
    assert isinstance(results[4], str) and isinstance(results[5], str)
    held = receiver.customer(alice.pseudonym, NOW)
    assert held is not None
    assert {g.grant_id: (g.version, g.fields) for g in held.grants} == {
        "a-1": (2, {"shoe_size_eu": 43}), "a-2": (1, {"shoe_size_eu": 42}),
    }
    assert storage.atomically(lambda t: t.grant("a-1-bob")) is None


def test_a_grant_held_before_the_batch_is_updated_twice_in_it(
    storage: SqlStorage, receiver: Receiver, issued: DataRequest,
) -> None:
    person = Person()
    receiver.receive_token(person.token(issued, grant_id="g", data={"shoe_size_eu": 40}), NOW)
    results = one_batch(receiver, [
        person.token(issued, grant_id="g", version=2, data={"shoe_size_eu": 41}),
        person.token(issued, grant_id="g", version=3, data={"shoe_size_eu": 42}),
    ])
    assert all(isinstance(result, str) for result in results)
    grant = storage.atomically(lambda t: t.grant("g"))
    assert grant is not None and (grant.version, grant.data) == (3, {"shoe_size_eu": 42})


def test_a_token_no_database_could_store_is_refused_before_any_batch(
    storage: SqlStorage, receiver: Receiver, issued: DataRequest,
) -> None:
    """A lone surrogate or U+0000 (valid JSON) would fail a batch's statements; it is
    refused when the token is opened, and the group commit never sees it."""
    for change in ({"jti": "bad-\ud800"}, {"grant": {"id": "g-\udc00", "version": 1}},
                   {"data": {"shoe_size_eu": 42, "favourite_colours": ["navy\x00"]}}):
        key = jwc_key()  # jwcrypto writes what zpd itself would never sign
        claims = {**jwc_grant_claims(key, issued), **change}
        token = jwc_encrypt(jwc_sign(key, jwc_grant_header(key), claims), issued.encryption_jwk)
        with pytest.raises(TokenInvalid) as refused:
            receiver.receive_token(token, NOW)
        assert refused.value.reason == "bad_payload"
    assert receiver._tokens.batches == 0
    assert storage.atomically(lambda t: t.count_pseudonyms()) == 0


def test_a_token_nested_past_the_interpreter_s_stack_is_refused_not_a_crash(
    storage: SqlStorage, receiver: Receiver, issued: DataRequest,
) -> None:
    key = jwc_key()
    deep: Any = "size"
    for _ in range(700):  # what the JSON reader takes, deeper than a recursive walk goes
        deep = [deep]
    claims = {**jwc_grant_claims(key, issued), "data": {"shoe_size_eu": deep}}
    token = jwc_encrypt(jwc_sign(key, jwc_grant_header(key), claims), issued.encryption_jwk)
    with pytest.raises((TokenInvalid, TokenRefused)):
        receiver.receive_token(token, NOW)
    assert storage.atomically(lambda t: t.count_pseudonyms()) == 0


def test_an_event_no_database_could_store_is_refused_and_changes_nothing(
    storage: SqlStorage, receiver: Receiver, issued: DataRequest,
) -> None:
    key = jwc_key()
    receiver.receive_token(jwc_encrypt(jwc_sign(key, jwc_grant_header(key), jwc_grant_claims(
        key, issued, grant_id="g")), issued.encryption_jwk), NOW)
    unknown_issuer = {"iss": "urn:x:\ud800", "aud": ORIGIN, "iat": NOW + DAY, "jti": "e1",
                      "events": {"urn:zpd:event:grant-revoked": {"grant": "g"}}}
    with pytest.raises(EventInvalid) as refused:  # read before the key is looked up
        receiver.receive_event(jwc_sign(key, EVENT_HEADER, unknown_issuer), NOW + DAY)
    assert refused.value.reason == "bad_member"
    nul_reason = {**unknown_issuer, "iss": jwc_pseudonym(key), "events": {
        "urn:zpd:event:grant-revoked": {"grant": "g", "reason": "person\x00"}}}
    with pytest.raises(EventInvalid) as refused:
        receiver.receive_event(jwc_sign(key, EVENT_HEADER, nul_reason), NOW + DAY)
    assert refused.value.reason == "bad_payload"
    grant = storage.atomically(lambda t: t.grant("g"))
    assert grant is not None and grant.status.value == "active"


def test_a_quota_counts_the_grants_stored_earlier_in_the_batch(
    storage: SqlStorage, keys: BrandKeys, request_jws: str, issued: DataRequest,
) -> None:
    receiver = Receiver(keys, storage, ORIGIN, quotas=Quotas(grants_per_customer=2))
    receiver.register_issued_request(request_jws, NOW)
    person = Person()
    receiver.receive_token(person.token(issued, grant_id="g-1"), NOW)
    results = one_batch(receiver, [person.token(issued, grant_id="g-2"),
                                   person.token(issued, grant_id="g-3")])
    assert isinstance(results[0], str)
    assert isinstance(results[1], QuotaExceeded), "two held: the third is over the quota"


def test_a_write_that_does_not_say_what_it_changes_drops_every_row_read_ahead(
    storage: SqlStorage, receiver: Receiver, issued: DataRequest,
) -> None:
    person = Person()
    receiver.receive_token(person.token(issued, grant_id="g-1", jti="t-1"), NOW)

    def update_then_read(t: SqlTransaction) -> tuple[Any, ...]:
        t.prefetch(Keys.of(person.pseudonym, "g-1"), [(TOKEN, "t-1")])
        assert t.known is not None and t.known.grants["g-1"] is not None
        t.execute("UPDATE zpd_grants SET version = 7 WHERE grant_id = ?", "g-1")
        t.execute("UPDATE zpd_pseudonyms SET jwk = ? WHERE pseudonym = ?", '{"x": "y"}',
                  person.pseudonym)
        t.execute("DELETE FROM zpd_seen_messages WHERE jti = ?", "t-1")
        grant = t.grant("g-1")
        return (grant.version if grant else None, t.pinned_key(person.pseudonym),
                t.seen_message(TOKEN, "t-1"))

    assert storage.atomically(update_then_read, keys=Keys.of(person.pseudonym, "g-1")) == (
        7, {"x": "y"}, None)


def test_readers_of_a_grant_read_ahead_never_share_its_data(
    storage: SqlStorage, receiver: Receiver, issued: DataRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    person = Person()
    receiver.receive_token(person.token(issued, grant_id="g-1"), NOW)

    def read_twice(t: SqlTransaction) -> tuple[Any, Any, int]:
        t.prefetch(Keys.of(person.pseudonym, "g-1"))
        run = queries(monkeypatch)
        first, second = t.grant("g-1"), t.grant("g-1")
        return first, second, len(run)

    first, second, reads = storage.atomically(read_twice, keys=Keys.of(person.pseudonym, "g-1"))
    assert first == second and first.data is not None
    assert first.data is not second.data, "two readers never share one record's data"
    assert reads == 0, "both answered from what was read ahead"


def test_prefetched_grants_are_locked_and_each_write_drops_what_it_changes(
    storage: SqlStorage, receiver: Receiver, issued: DataRequest,
    request: pytest.FixtureRequest,
) -> None:
    alice, bob = Person(), Person()
    receiver.receive_token(alice.token(issued, grant_id="g-1", jti="t-1"), NOW)
    receiver.receive_token(bob.token(issued, grant_id="g-2"), NOW)
    people = Keys(frozenset((alice.pseudonym, bob.pseudonym)), frozenset(("g-1", "g-2")))

    def writes(t: SqlTransaction) -> list[Any]:
        t.prefetch(people, [(TOKEN, "t-1")])
        if "postgresql" in request.node.name:  # the rows are locked, as `grant` locks them
            import psycopg

            with psycopg.connect(storage._url, autocommit=True) as other:  # type: ignore
                with pytest.raises(psycopg.errors.LockNotAvailable):
                    other.execute("SELECT 1 FROM zpd_grants WHERE grant_id = 'g-1' "
                                  "FOR UPDATE NOWAIT")
        seen: list[Any] = []
        t.pause_grant("g-1", NOW, NOW)
        seen.append(t.grant("g-1").paused_at)  # type: ignore[union-attr]
        t.revoke_grant("g-2", NOW)
        seen.append(t.grant("g-2").status.value)  # type: ignore[union-attr]
        t.replace_receipt(TOKEN, "t-1", "final")
        seen.append(t.seen_message(TOKEN, "t-1").receipt)  # type: ignore[union-attr]
        moved = replace(t.grant("g-1"), pseudonym=bob.pseudonym)  # type: ignore[type-var]
        t.put_grant(moved)  # another person's now (the receiver never does this)
        seen.append((t.count_grants(alice.pseudonym), t.count_grants(bob.pseudonym)))
        return seen

    assert storage.atomically(writes, keys=people) == [NOW, "revoked", "final", (0, 2)]
