"""The fault suite: 500 SIGKILLs at random moments during mixed operations (field edits,
grants, revocations, passphrase changes, relocks, delivery to a live brand on loopback).

A zygote process (fault_worker.py) forks one child per round; the child unlocks the vault
and works until it is killed, saying {"begin": op} before each operation and {"ack": op}
after it returned. The kills are spread over several fresh vaults (sessions), so that
checking everything after each kill stays cheap because each vault stays small. After
every kill this test opens the vault and checks:

- it opens, with the passphrase acknowledged last (or the new one, if a change was in flight);
- SQLCipher's page check and SQLite's structural check pass; the audit chain verifies, has
  no gap, and never got shorter (no rollback is reported either: the state file is live);
- every acknowledged operation is there, and the one in flight wholly there or wholly not:
  a grant with its token, outbox row and audit entry; each version of it likewise; a
  revocation with its event, outbox row and entry; a field change with its history row, its
  entry and the new versions of the grants sharing it;
- what a flush acknowledged as delivered is recorded so.

At the end the outbox is flushed to the brand, and the brand must hold each grant once, at
the vault's version, with the vault's data; revocations reached it; every message it stored
was stored once (re-sent after a kill, it got its first receipt again).

ZPV_HARDENING_FULL=1 runs 2,000 kills (20 sessions of 100) instead of 500 (10 of 50).
"""

from __future__ import annotations

import json
import os
import random
import selectors
import socket
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brandkit.errors import description
from brandkit.issuing import sign_spec
from brandkit.keys import generate_keys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqliteStorage
from tests.conftest import FAST_KDF, PASSPHRASE, PROJECT_ROOT
from tests.delivery.brand import spec_for
from tests.delivery.servers import Received, respond, serving
from tests.hardening.conftest import FULL, subprocess_env
from vault.errors import WrongPassphrase
from vault.fieldtypes import FieldType, Sensitivity
from vault.service import Vault
from vault.tokens import pairwise_for
from vault.transport import Transport
from zpd import jose
from zpd.errors import ProtocolError

SESSIONS = 20 if FULL else 10
KILLS_PER_SESSION = int(os.environ.get("ZPV_FAULT_KILLS_PER_SESSION", 100 if FULL else 50))
KILLS = SESSIONS * KILLS_PER_SESSION
MAX_DELAY = 0.15  # seconds from the fork to the kill
LINE_TIMEOUT = 60.0
KEYS = ("shoe_size_eu", "favourite_colours", "x_note")
WRITES = {"set_size": "shoe_size_eu", "set_colours": "favourite_colours", "set_note": "x_note",
          "clear_colours": "favourite_colours"}  # operation -> the field it writes


# -- the brand: the real receiver on loopback, counting what it answers --------------------------


@dataclass
class Brand:
    origin: str
    receiver: Receiver
    request: str
    posts: int = 0
    # (pseudonym, message jti) -> 202 answers, and the receipts they carried
    accepted: Counter[tuple[str, str]] = field(default_factory=Counter)
    receipts: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    refused: list[str] = field(default_factory=list)


@contextmanager
def live_brand() -> Iterator[Brand]:
    keys = generate_keys()
    storage = SqliteStorage()
    box: list[Brand] = []

    def handle(conn: socket.socket, received: Received) -> None:
        brand = box[0]
        brand.posts += 1
        receive = (brand.receiver.receive_token if received.path.endswith("/grants")
                   else brand.receiver.receive_event)
        try:
            receipt = receive(received.body)
        except ProtocolError as error:
            # A body cut short by a killed sender lands here; its sender is gone.
            brand.refused.append(f"{error.reason}: {len(received.body)} bytes")
            body = json.dumps({"err": error.err, "description": description(error)})
            respond(conn, 400, body.encode(), {"Content-Type": "application/json"})
            return
        claims = json.loads(jose.b64u_decode(receipt.split(".")[1]))
        key = (claims["aud"], claims["ack"]["jti"])
        brand.accepted[key] += 1
        brand.receipts[key].add(receipt)
        respond(conn, 202, receipt.encode(), {"Content-Type": "application/jwt"})

    with serving(handle) as server:
        request = sign_spec(spec_for(server.origin), keys, now=int(time.time()) - 60)
        server.well_known = request  # fetched from this loopback origin, as it must be
        receiver = Receiver(keys, storage, server.origin)
        receiver.register_issued_request(request)
        box.append(Brand(server.origin, receiver, request))
        yield box[0]
    storage.close()


# -- the zygote ---------------------------------------------------------------------------------


class Worker:
    def __init__(self, origin: str, state: Path, stderr: Path) -> None:
        self._stderr = stderr.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.hardening.fault_worker", origin],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
            cwd=PROJECT_ROOT, env=subprocess_env(state),
        )
        assert self.process.stdout is not None
        self._selector = selectors.DefaultSelector()
        self._selector.register(self.process.stdout, selectors.EVENT_READ)
        self._buffer = b""
        assert self.read_line() == {"ready": True}

    def read_line(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        deadline = time.monotonic() + LINE_TIMEOUT
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._selector.select(remaining):
                raise AssertionError("the worker went silent")
            chunk = os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                raise AssertionError("the worker ended")
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        message: dict[str, Any] = json.loads(line)
        return message

    def round(self, directory: Path, seed: int, passphrase: str,
              kill_after: float) -> list[dict[str, Any]]:
        assert self.process.stdin is not None
        command = {"vault": str(directory), "seed": seed, "passphrase": passphrase,
                   "kill_after": kill_after}
        self.process.stdin.write((json.dumps(command) + "\n").encode())
        self.process.stdin.flush()
        lines: list[dict[str, Any]] = []
        while True:
            message = self.read_line()
            if "reaped" in message:
                assert message["reaped"]["signal"] == 9, (message, lines)
                return lines
            assert "error" not in message, message["error"]
            lines.append(message)

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            try:
                self.process.stdin.write(b'{"quit": true}\n')
                self.process.stdin.flush()
                self.process.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        self._stderr.close()


# -- the model of what was acknowledged -----------------------------------------------------------


@dataclass
class Model:
    passphrase: str
    values: dict[str, Any]
    grants: dict[str, str] = field(default_factory=dict)  # id -> status
    versions: dict[str, int] = field(default_factory=dict)
    delivered: set[str] = field(default_factory=set)
    audit_seq: int = 0

    def apply(self, ack: dict[str, Any]) -> None:
        op = ack["op"]
        if op in ("set_size", "set_colours", "set_note"):
            self.values[WRITES[op]] = ack["value"]
        elif op == "clear_colours" and ack["cleared"]:
            self.values.pop("favourite_colours", None)
        elif op == "share":
            self.grants[ack["grant"]] = "active"
        elif op == "revoke":
            self.grants[ack["grant"]] = "revoked"
        elif op == "flush":
            self.delivered |= set(ack["delivered"])
        elif op == "passwd":
            self.passphrase = ack["new"]


@dataclass
class Stats:
    in_flight: Counter[str] = field(default_factory=Counter)  # op under way at the kill
    landed: Counter[str] = field(default_factory=Counter)  # ... found done afterwards
    acknowledged: Counter[str] = field(default_factory=Counter)
    checking: float = 0.0  # seconds spent checking after the kills

    def summary(self) -> str:
        ops = sorted(set(self.in_flight) | set(self.acknowledged))
        return "\n".join(
            f"  {op:<14} acknowledged {self.acknowledged[op]:>5}   killed during "
            f"{self.in_flight[op]:>4}   of which found done {self.landed[op]:>4}"
            for op in ops
        )


def rows(vault: Vault, sql: str) -> list[tuple[Any, ...]]:
    return vault._store.query(sql)


def open_vault(directory: Path, model: Model, in_flight: dict[str, Any] | None,
               stats: Stats) -> Vault:
    """Open with the passphrase acknowledged last, or the one a change in flight set."""
    try:
        vault = Vault.unlock(directory, model.passphrase)
    except WrongPassphrase:
        assert in_flight is not None and in_flight["op"] == "passwd", "passphrase lost"
        vault = Vault.unlock(directory, in_flight["new"])
        model.passphrase = in_flight["new"]
        stats.landed["passwd"] += 1
    return vault


TIMES: dict[str, float] = defaultdict(float)


def check(vault: Vault, model: Model, in_flight: dict[str, Any] | None, stats: Stats,
          where: str) -> None:
    t = time.monotonic()
    assert vault.integrity_problems() == [], where
    TIMES["integrity"] += time.monotonic() - t
    t = time.monotonic()
    report = vault.verify_audit()
    TIMES["audit"] += time.monotonic() - t
    t = time.monotonic()
    assert report.ok, (where, report)
    assert report.entries_checked >= model.audit_seq, (where, "the log got shorter")
    model.audit_seq = report.entries_checked
    op = in_flight["op"] if in_flight else None
    if op == "flush":  # each delivery is recorded in its own transaction, as it is answered
        recorded = {r[0] for r in rows(vault, "SELECT jti FROM outbox WHERE state = 'delivered'")}
        stats.landed["flush"] += bool(recorded - model.delivered)

    # Values: the acknowledged one, or the one being written when the kill came.
    for key in KEYS:
        actual = vault.get(key)
        allowed = [model.values.get(key)]
        if in_flight is not None and WRITES.get(in_flight["op"]) == key:
            allowed.append(None if op == "clear_colours" else in_flight["value"])
        assert actual in allowed, (where, key, actual, allowed)
        if actual != model.values.get(key):
            stats.landed[str(op)] += 1
            if actual is None:
                model.values.pop(key, None)
            else:
                model.values[key] = actual

    # Grants: every acknowledged one, in its acknowledged state; a share in flight at most one.
    grants = {g.id: g for g in vault.grants(limit=1_000_000)}
    extra = set(grants) - set(model.grants)
    assert len(extra) <= (1 if op == "share" else 0), (where, extra)
    for grant_id in extra:
        stats.landed["share"] += 1
        model.grants[grant_id] = grants[grant_id].status.value
    for grant_id, status in model.grants.items():
        assert grant_id in grants, (where, "acknowledged grant missing", grant_id)
        actual_status = grants[grant_id].status.value
        if actual_status != status:
            assert op == "revoke" and in_flight is not None and in_flight["grant"] == grant_id \
                and (status, actual_status) == ("active", "revoked"), (where, grant_id)
            stats.landed["revoke"] += 1
            model.grants[grant_id] = actual_status
        version = grants[grant_id].version
        assert version >= model.versions.get(grant_id, 1), (where, "a version went back")
        model.versions[grant_id] = version
    TIMES["model"] += time.monotonic() - t
    t = time.monotonic()
    check_whole(vault, model, where)
    TIMES["whole"] += time.monotonic() - t


def check_whole(vault: Vault, model: Model, where: str) -> None:
    """Each change is whole: every grant version has its token, outbox row and audit entry;
    every revocation too; every delivery its entry; every field change its history row."""
    tokens = rows(vault, "SELECT jti, grant_id, kind, version FROM tokens")
    outbox = {r[0]: r for r in rows(vault, "SELECT jti, grant_id, kind, state, attempts "
                                           "FROM outbox")}
    grants = rows(vault, "SELECT id, status, version, fields FROM grants")
    entries = [(a, json.loads(d)) for a, d in rows(
        vault, "SELECT action, details FROM audit WHERE action LIKE 'grant.%' "
               "OR action LIKE 'delivery.%' OR action LIKE 'field.%'")]

    assert sorted(outbox) == sorted(t[0] for t in tokens), (where, "token without outbox row")
    for jti, grant_id, kind, _ in tokens:
        assert outbox[jti][1:3] == (grant_id, kind), where
    assert not [r for r in outbox.values() if r[3] == "failed"], (where, "a message refused")

    versions: dict[str, list[int]] = defaultdict(list)
    revocations: Counter[str] = Counter()
    for _, grant_id, kind, version in tokens:
        if kind == "grant":
            versions[grant_id].append(int(version))
        else:
            revocations[grant_id] += 1
    created: Counter[str] = Counter()
    updated: dict[str, list[int]] = defaultdict(list)
    revoked: Counter[str] = Counter()
    delivered_entries: Counter[str] = Counter()
    field_entries: Counter[str] = Counter()
    for action, details in entries:
        if action == "grant.created":
            created[details["grant"]] += 1
        elif action == "grant.updated":
            updated[details["grant"]].append(int(details["version"]))
        elif action == "grant.revoked":
            revoked[details["grant"]] += 1
        elif action.startswith("delivery.") and action.endswith("_delivered"):
            delivered_entries[details["message"]] += 1
        elif action in ("field.set", "field.cleared"):
            field_entries[details["field"]] += 1

    values = {k: vault.get(k) for k in KEYS}
    latest = {
        grant_id: json.loads(data) for grant_id, data in rows(
            vault, "SELECT t.grant_id, t.data FROM tokens t JOIN grants g ON g.id = t.grant_id "
                   "WHERE t.kind = 'grant' AND t.version = g.version")
    }
    for grant_id, status, version, fields in grants:
        context = (where, grant_id)
        assert sorted(versions[grant_id]) == list(range(1, version + 1)), context
        assert created[grant_id] == 1, context
        assert sorted(updated[grant_id]) == list(range(2, version + 1)), context
        is_revoked = status == "revoked"
        assert revocations[grant_id] == revoked[grant_id] == int(is_revoked), context
        if not is_revoked:
            expected = {k: values[k] for k in json.loads(fields) if values[k] is not None}
            assert latest[grant_id] == expected, context

    delivered = {jti for jti, r in outbox.items() if r[3] == "delivered"}
    assert dict(delivered_entries) == dict.fromkeys(delivered, 1), (where, "delivery entries")
    assert model.delivered <= delivered, (where, "an acknowledged delivery is not recorded")

    for key in KEYS:
        history = vault.history(key)
        assert len(history) == field_entries[key], (where, key, "history without its entry")
        assert (history[-1].value if history else None) == values[key], (where, key)


# -- the test -----------------------------------------------------------------------------------


@dataclass
class Session:
    """One vault's share of the kills, and what the brand ended up holding from it."""

    grants: int = 0
    held: int = 0
    stored: int = 0
    resent: int = 0


def run_session(worker: Worker, brand: Brand, directory: Path, rng: random.Random,
                seed: int, number: int, stats: Stats) -> Session:
    created, _ = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)
    with created:
        created.define_custom_field("note", "Note", FieldType.NUMBER, Sensitivity.LOW)
        created.set("shoe_size_eu", 42)
        created.fetch_request(brand.origin)
        with created._store.reading() as connection:
            pseudonym = jose.thumbprint_uri(pairwise_for(connection, brand.origin))
    model = Model(PASSPHRASE, {"shoe_size_eu": 42})
    for kill in range(1, KILLS_PER_SESSION + 1):
        delay = rng.uniform(0, MAX_DELAY)
        lines = worker.round(directory, rng.getrandbits(32), model.passphrase, delay)
        where = f"session {number}, kill {kill} (seed {seed}, {delay * 1000:.0f} ms)"
        in_flight = None
        for message in lines:
            if "begin" in message:
                in_flight = message["begin"]
            else:
                ack = message["ack"]
                assert in_flight is not None and in_flight["op"] == ack["op"], where
                model.apply(ack)
                stats.acknowledged[ack["op"]] += 1
                in_flight = None
        if in_flight is not None:
            stats.in_flight[in_flight["op"]] += 1
        checking = time.monotonic()
        with open_vault(directory, model, in_flight, stats) as vault:
            check(vault, model, in_flight, stats, where)
        stats.checking += time.monotonic() - checking

    # Deliver what is left, with the brand up, and compare the two sides.
    where = f"session {number} (seed {seed}), after the last flush"
    with Vault.unlock(directory, model.passphrase) as vault:
        vault.transport = Transport(connect_timeout=2, total_timeout=5)
        for _ in range(10):
            for grant in vault.grants(limit=1_000_000):
                vault.retry_now(grant.id)
            vault.flush_outbox()
            if not vault.outbox():
                break
        assert vault.outbox() == [], (where, "everything was delivered")
        check(vault, model, None, stats, where)
        grants = {g.id: g for g in vault.grants(limit=1_000_000)}
        outbox = {r[0]: r for r in rows(
            vault, "SELECT jti, grant_id, kind, state, attempts FROM outbox")}
        latest = {gid: json.loads(data) for gid, data in rows(
            vault, "SELECT t.grant_id, t.data FROM tokens t JOIN grants g "
                   "ON g.id = t.grant_id WHERE t.kind = 'grant' AND t.version = g.version")}

    customer = brand.receiver.customer(pseudonym)
    assert customer is not None, where
    held = {g.grant_id: g for g in customer.grants}
    assert set(held) <= set(grants), (where, "the brand holds nothing the vault did not give")
    for grant_id, grant in grants.items():
        context = (where, grant_id)
        if grant.status.value == "active":
            at_brand = held[grant_id]
            assert (at_brand.status, at_brand.version) == ("active", grant.version), context
            assert at_brand.fields == latest[grant_id], context
        elif grant_id in held:
            assert held[grant_id].status == "revoked" and held[grant_id].fields == {}, context
        else:  # revoked before anything reached the brand: neither was ever sent
            [revocation] = [r for r in outbox.values()
                            if r[1] == grant_id and r[2] == "revocation"]
            assert revocation[3] == "cancelled", context

    delivered = {jti for jti, r in outbox.items() if r[3] == "delivered"}
    seen = {jti for aud, jti in brand.accepted if aud == pseudonym}
    assert delivered <= seen, (where, "every delivered message reached the brand")
    assert seen <= set(outbox), (where, "the brand saw nothing the vault did not send")
    for jti in seen - delivered:  # sent, then superseded by a newer version before recorded
        assert outbox[jti][3] == "cancelled" and outbox[jti][4] > 0, (where, outbox[jti])
    # Stored once: a message sent again after a kill got its first receipt again.
    mine = {key: n for key, n in brand.accepted.items() if key[0] == pseudonym}
    assert all(len(brand.receipts[key]) == 1 for key in mine), where
    return Session(len(grants), len(held), len(seen), sum(1 for n in mine.values() if n > 1))


def test_500_sigkills_during_mixed_operations_lose_nothing_acknowledged(
    tmp_path: Path, state_dir: Path
) -> None:
    started = time.monotonic()
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    stats = Stats()
    sessions = []
    with live_brand() as brand:
        worker = Worker(brand.origin, state_dir, tmp_path / "worker.err")
        try:
            for number in range(1, SESSIONS + 1):
                sessions.append(run_session(worker, brand, tmp_path / f"vault-{number}", rng,
                                            seed, number, stats))
        finally:
            worker.close()
        posts, refused = brand.posts, len(brand.refused)

    kills = sum(stats.in_flight.values())
    print(f"\nfault suite: {KILLS} SIGKILLs over {SESSIONS} vaults in "
          f"{time.monotonic() - started:.0f} s, {stats.checking:.0f} s of it checking "
          f"(seed {seed}); {sum(stats.acknowledged.values())} operations acknowledged; "
          f"{kills} kills landed during an operation\n{stats.summary()}\n"
          f"  brand: {sum(x.grants for x in sessions)} grants given, "
          f"{sum(x.held for x in sessions)} known to the brand, {posts} posts, "
          f"{sum(x.stored for x in sessions)} messages stored once each, "
          f"{sum(x.resent for x in sessions)} of them sent again after a kill, "
          f"{refused} cut-short posts refused; check times {dict(TIMES)}")
    assert kills > KILLS // 2, "most kills landed mid-operation"
    for op in ("set_size", "share", "revoke", "flush", "unlock"):
        assert stats.in_flight[op] > 0, (op, stats.summary())


# -- the checks above are only worth something if they fail on a partial change ---------------

PARTIAL = {
    "token without its outbox row":
        "DELETE FROM outbox WHERE jti = (SELECT jti FROM tokens WHERE kind = 'grant' "
        "AND version = 2 LIMIT 1)",
    "grant without its creation entry":
        "DELETE FROM audit WHERE action = 'grant.created'",
    "version without its update entry":
        "DELETE FROM audit WHERE action = 'grant.updated'",
    "version without its token":
        "UPDATE grants SET version = version + 1 WHERE status = 'active'",
    "revocation without its event":
        "DELETE FROM outbox WHERE kind = 'revocation'; "
        "DELETE FROM tokens WHERE kind = 'revocation'",
    "revocation without its entry":
        "DELETE FROM audit WHERE action = 'grant.revoked'",
    "delivery without its entry":
        "DELETE FROM audit WHERE action LIKE 'delivery.%'",
    "field change without its entry":
        "DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit WHERE action = 'field.set')",
    "field change without its history":
        "DELETE FROM field_history WHERE rowid = (SELECT max(rowid) FROM field_history)",
    "a token's data behind the value":
        "UPDATE field_values SET value = '43' WHERE key = 'shoe_size_eu'",
}


def test_the_whole_change_checks_catch_each_kind_of_partial_change(tmp_path: Path) -> None:
    import shutil

    template = tmp_path / "template"
    with live_brand() as brand:
        with Vault.create(template, PASSPHRASE, kdf=FAST_KDF)[0] as vault:
            vault.transport = Transport(connect_timeout=2, total_timeout=5)
            vault.define_custom_field("note", "Note", FieldType.NUMBER, Sensitivity.LOW)
            vault.set("shoe_size_eu", 42)
            vault.fetch_request(brand.origin)
            kept = vault.share(brand.origin, "fit-advice").grant.id
            ended = vault.share(brand.origin, "fit-advice").grant.id
            vault.flush_outbox()
            vault.set("shoe_size_eu", 44)  # version 2 of both
            vault.revoke(ended)
            vault.flush_outbox()
            assert vault.find_grant(kept).version == 2
            check_whole(vault, Model(PASSPHRASE, {}), "intact")
    for name, statements in PARTIAL.items():
        copy = tmp_path / name.replace(" ", "-")
        shutil.copytree(template, copy)
        with Vault.unlock(copy, PASSPHRASE) as vault:
            for statement in statements.split("; "):
                vault._store.connection.execute(statement)
            try:
                check_whole(vault, Model(PASSPHRASE, {}), name)
            except AssertionError:
                continue
            raise AssertionError(f"not caught: {name}")
