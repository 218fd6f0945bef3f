"""Two `zpv-brand serve` processes on one PostgreSQL, with webhooks: the same tokens and
revocations posted to both at once are stored once, the outbox is drained by both
without an event going twice, and every revocation ends `deleted` once the confirming
system answered, whichever process it reached."""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
import requests

from brandkit.issuing import sign_spec
from brandkit.keys import BrandKeys, save_keys
from brandkit.server import JWT, SECEVENT_JWT
from tests.support.people import ORIGIN, Person, payload, spec
from tests.support.waiting import wait_until
from zpd import receipt as zpd_receipt
from zpd.request import DataRequest, verify_request

from .live import TIMEOUT, Served, zpv_brand_serve
from .subscriber import subscriber_server, webhooks_file

pytest.importorskip("psycopg")

PEOPLE = 12


@pytest.fixture
def crm() -> Iterator[Any]:
    with subscriber_server() as server:
        yield server


@pytest.fixture
def workers(
    postgres_url: str, tmp_path: Path, keys: BrandKeys, crm: Any
) -> Iterator[tuple[list[Served], DataRequest]]:
    save_keys(keys, tmp_path / "keys")
    endpoints = {"grants": f"{ORIGIN}/zpd/grants", "events": f"{ORIGIN}/zpd/events",
                 "receipts": f"{ORIGIN}/zpd/receipts"}
    jws = sign_spec(spec(endpoints=endpoints), keys, now=int(time.time()) - 60)
    (tmp_path / "request.jws").write_text(jws)
    hooks = webhooks_file(tmp_path / "webhooks.json",
                          [crm.config("crm", confirms_deletion=True, concurrency=2)])
    with ExitStack() as stack:
        served = [stack.enter_context(zpv_brand_serve(
            "--keys", str(tmp_path / "keys"), "--request", str(tmp_path / "request.jws"),
            "--db", postgres_url, "--webhooks", str(hooks),
            "--connections-per-client", "100", directory=tmp_path))
            for _ in range(2)]
        for one in served:
            assert one.url, one.stderr
        yield served, verify_request(jws, int(time.time()))


def post_all(posts: list[tuple[str, str, str]]) -> list[requests.Response]:
    """POST every (url, body, content type) at once."""
    start = threading.Barrier(len(posts))

    def post(item: tuple[str, str, str]) -> requests.Response:
        url, body, content_type = item
        start.wait()
        return requests.post(url, data=body, timeout=TIMEOUT,
                             headers={"Content-Type": content_type})

    with ThreadPoolExecutor(len(posts)) as pool:
        return list(pool.map(post, posts))


def test_two_processes_store_each_message_once_and_send_each_event_once(
    workers: tuple[list[Served], DataRequest], crm: Any, keys: BrandKeys
) -> None:
    (first, second), request = workers
    people = [Person() for _ in range(PEOPLE)]
    now = int(time.time())
    posts = []
    for index, person in enumerate(people):
        grant = f"grant-{index}"
        for version in (1, 2, 3):  # each version twice, one to each process
            token = person.token(request, iat=now, grant_id=grant, version=version,
                                 data={"shoe_size_eu": 38 + version})
            posts += [(first.url + "zpd/grants", token, JWT),
                      (second.url + "zpd/grants", token, JWT)]
    random.shuffle(posts)
    answers = post_all(posts)
    assert [a.status_code for a in answers] == [202] * len(posts), [a.text for a in answers]

    revocations = {}
    posts = []
    for index, person in enumerate(people):
        jti = str(uuid.uuid4())
        revocations[jti] = person
        event = person.revocation(f"grant-{index}", jti=jti, iat=int(time.time()))
        posts += [(first.url + "zpd/events", event, SECEVENT_JWT),
                  (second.url + "zpd/events", event, SECEVENT_JWT)]
    answers = post_all(posts)
    assert [a.status_code for a in answers] == [202] * len(posts), [a.text for a in answers]
    for answer in answers:
        jti = _ack(answer.text)
        receipt = zpd_receipt.verify(
            answer.text, keys.public_jwks()["keys"][0], issuer=ORIGIN,
            audience=revocations[jti].pseudonym, ack_jti=jti,
            status=zpd_receipt.STATUSES, now=int(time.time()))
        # The first answer, or a duplicate's after crm confirmed: the latest receipt.
        assert (receipt.status, [(e.system, str(e.status)) for e in receipt.downstream or ()]) \
            in [(zpd_receipt.DELETION_PENDING, [("crm", "pending")]),
                (zpd_receipt.DELETED, [("crm", "deleted")])]

    def final(jti: str) -> bool:
        answer = requests.get(f"{random.choice((first, second)).url}zpd/receipts/{jti}",
                              timeout=TIMEOUT)
        return answer.status_code == 200 and _status(answer.text) == zpd_receipt.DELETED

    wait_until(lambda: all(final(jti) for jti in revocations), timeout=60.0)

    ids = [event_id for event_id, _ in crm.deliveries]
    assert len(ids) == len(set(ids)), "no event went twice, with two processes sending"
    assert crm.rejected == 0
    per_grant: dict[str, list[str]] = {}
    for event in crm.events():
        per_grant.setdefault(event["data"]["grant"]["id"], []).append(event["type"])
    assert len(per_grant) == PEOPLE
    for types in per_grant.values():
        counts = Counter(types)
        assert counts["grant.stored"] == 1 and counts["grant.revoked"] == 1, types
        assert types[0] == "grant.stored" and types[-1] == "grant.revoked", types
        assert counts["grant.updated"] <= 2, "at most one event per version stored"
    assert "Traceback" not in first.stderr + second.stderr


def _ack(compact: str) -> str:
    return str(payload(compact)["ack"]["jti"])


def _status(compact: str) -> str:
    return str(payload(compact)["ack"]["status"])
