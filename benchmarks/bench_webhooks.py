"""Webhook fan-out: events per second from the receiver's outbox to one local subscriber,
one worker (the brand kit's `Dispatcher`, as `zpv-brand serve --webhooks` runs it).

EVENTS grant.stored events wait in the outbox of a SQLite receiver database on disk
(WAL, synchronous FULL), one per grant; a dispatcher with its own connection leases
them, reads each grant, signs each body (Standard Webhooks, HMAC-SHA256), POSTs it over
its subscriber's keep-alive connections (the default 4) and records each answer. The
subscriber is a uvicorn worker in its own process answering 202 after reading the body.

Baseline, in the same run: one keep-alive connection POSTing bodies of the same size to
the same subscriber, one after another, as fast as it answers (no database, no
signature). Target: >= 500 events/s delivered and recorded; the ratio to the baseline
is printed beside it.
"""

from __future__ import annotations

import http.client
import json
import tempfile
import time
from pathlib import Path

from brandkit.dispatch import Dispatcher
from brandkit.fanout import Fanout
from brandkit.issuing import sign_spec
from brandkit.keys import generate_keys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqliteStorage, SqlTransaction
from brandkit.storage import DELIVERED, GrantRecord, GrantState
from brandkit.subscribers import GRANT_STORED, new_secret, parse_subscribers

from .common import Verdict, isolate_state
from .loopback import free_port, spec_for, trivial
from .receiver_server import HOST

EVENTS = 3000
TARGET = 500.0
PSEUDONYM = "urn:ietf:params:oauth:jwk-thumbprint:sha-256:" + "b" * 43


def fill_outbox(storage: SqliteStorage, receiver: Receiver, count: int) -> None:
    now = int(time.time())

    def work(t: SqlTransaction) -> None:
        t.pin_key(PSEUDONYM, {"kty": "OKP", "crv": "Ed25519", "x": "A" * 43}, now)
        for i in range(count):
            grant_id = f"bench-{i}"
            t.put_grant(GrantRecord(
                grant_id, PSEUDONYM, 1, GrantState.ACTIVE, now, now, ask_id="fit-advice",
                purpose_iri="https://w3id.org/dpv#ServicePersonalisation",
                purpose_description="Recommend shoes that fit you", retention_days=180,
                data={"shoe_size_eu": 42, "favourite_colours": ["navy"]},
                expires_at=now + 86400))
            receiver.fanout.announce(t, GRANT_STORED, grant_id, None, now)

    storage.atomically(work)


def baseline(port: int, body: bytes, count: int) -> float:
    """Seconds for one keep-alive connection to POST `count` bodies, one after another."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    started = time.perf_counter()
    for _ in range(count):
        connection.request("POST", "/zpd/grants", body=body,
                           headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def delivered(storage: SqliteStorage) -> int:
    counts = storage.atomically(lambda t: t.webhook_counts(), write=False)
    return counts.get(("crm", DELIVERED), 0)


def run(count: int = EVENTS) -> Verdict:
    isolate_state()
    with tempfile.TemporaryDirectory(prefix="zpv-webhooks-") as tmp:
        port = free_port()
        keys = generate_keys()
        origin = f"http://{HOST}:{port}"
        request = sign_spec(spec_for(origin), keys, now=int(time.time()) - 60)
        subscribers = parse_subscribers({"subscribers": [{
            "name": "crm", "url": f"http://{HOST}:{port}/zpd/grants", "secret": new_secret(),
            "events": ["*"]}]})
        db = Path(tmp) / "receiver.sqlite3"
        storage, queue = SqliteStorage(db), SqliteStorage(db)
        receiver = Receiver(keys, storage, origin, fanout=Fanout(subscribers))
        receiver.register_issued_request(request)
        fill_outbox(storage, receiver, count)
        body = json.dumps({"type": GRANT_STORED, "data": {"values": {"x": "y" * 400}}}).encode()
        with trivial(port):
            floor = baseline(port, body, count)
            dispatcher = Dispatcher(receiver, queue, subscribers, poll_seconds=0.05)
            started = time.perf_counter()
            dispatcher.start()
            while delivered(storage) < count:
                time.sleep(0.02)
            elapsed = time.perf_counter() - started
            dispatcher.stop()
        storage.close()
        queue.close()
    rate = count / elapsed
    floor_rate = count / floor
    print(f"one connection, bare POSTs:  {floor_rate:,.0f} requests/s ({count} bodies)")
    print(f"webhooks from the outbox:    {rate:,.0f} events/s delivered and recorded "
          f"({rate / floor_rate:.2f}x the bare POSTs)")
    return Verdict("webhook fan-out, one worker", rate, TARGET, " events/s",
                   lower_is_better=False,
                   note=f"{rate / floor_rate:.2f}x one bare keep-alive connection")


if __name__ == "__main__":
    print(run().line())
