"""What a killed worker acknowledged, and the checks that the vault still holds all of it.

The parent keeps this log outside the vault: the worker reports each acknowledgement on its
pipe (one write each) before it starts the next operation, with the activity log's head
(sequence number and hash) as it stood once the operation had returned. After a kill (or a
simulated power cut), `check` requires every acknowledged operation to be there one by one:

- every acknowledged head: the entry at that sequence number has that hash (the log is a
  hash chain, so everything before it is there too, unchanged);
- every acknowledged field write, in order, in the field's history (so a lost run of writes
  that happens to end on an earlier value, 43 -> 44 -> 43, is caught);
- every acknowledged grant in its acknowledged state, every acknowledged delivery recorded,
  the passphrase acknowledged last (`open_vault`);

and the operation in flight wholly there or wholly absent (`check_whole`).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vault.errors import WrongPassphrase
from vault.vault import Vault

KEYS = ("shoe_size_eu", "favourite_colours", "x_note")
WRITES = {"set_size": "shoe_size_eu", "set_colours": "favourite_colours", "set_note": "x_note",
          "clear_colours": "favourite_colours"}  # operation -> the field it writes


@dataclass
class Model:
    passphrase: str
    # field -> every value acknowledged for it, in order (None for a clear)
    history: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    grants: dict[str, str] = field(default_factory=dict)  # id -> status
    versions: dict[str, int] = field(default_factory=dict)
    delivered: set[str] = field(default_factory=set)
    heads: dict[int, str] = field(default_factory=dict)  # acknowledged audit seq -> hash (hex)
    audit_seq: int = 0

    def value(self, key: str) -> Any:
        return self.history[key][-1] if self.history[key] else None

    def apply(self, ack: dict[str, Any]) -> None:
        op = ack["op"]
        if op in ("set_size", "set_colours", "set_note"):
            self.history[WRITES[op]].append(ack["value"])
        elif op == "clear_colours" and ack["cleared"]:
            self.history["favourite_colours"].append(None)
        elif op == "share":
            self.grants[ack["grant"]] = "active"
        elif op == "revoke":
            self.grants[ack["grant"]] = "revoked"
        elif op == "flush":
            self.delivered |= set(ack["delivered"])
        elif op == "passwd":
            self.passphrase = ack["new"]
        if ack.get("head"):
            seq, digest = ack["head"]
            self.heads[int(seq)] = str(digest)


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

    def killed_both_ways(self, ops: tuple[str, ...]) -> tuple[int, int, int]:
        """(killed during, found done, found not done) over a group of operations."""
        killed = sum(self.in_flight[op] for op in ops)
        done = sum(self.landed[op] for op in ops)
        return killed, done, killed - done


def replay(lines: list[dict[str, Any]], model: Model, stats: Stats,
           where: str) -> dict[str, Any] | None:
    """Apply a round's acknowledgements to the model; the operation in flight at the kill."""
    in_flight = None
    for message in lines:
        if "begin" in message:
            assert in_flight is None, (where, "a begin without the previous ack", message)
            in_flight = message["begin"]
        else:
            ack = message["ack"]
            assert in_flight is not None and in_flight["op"] == ack["op"], where
            model.apply(ack)
            stats.acknowledged[ack["op"]] += 1
            in_flight = None
    if in_flight is not None:
        stats.in_flight[in_flight["op"]] += 1
    return in_flight


def rows(vault: Vault, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return vault._store.query(sql, params)


def open_vault(directory: Path, model: Model, in_flight: dict[str, Any] | None,
               stats: Stats) -> Vault:
    """Open with the passphrase acknowledged last, or the one a change in flight set."""
    try:
        return Vault.unlock(directory, model.passphrase)
    except WrongPassphrase:
        assert in_flight is not None and in_flight["op"] == "passwd", "passphrase lost"
        vault = Vault.unlock(directory, in_flight["new"])
        model.passphrase = in_flight["new"]
        stats.landed["passwd"] += 1
        return vault


def check(vault: Vault, model: Model, in_flight: dict[str, Any] | None, stats: Stats,
          where: str) -> None:
    assert vault.integrity_problems() == [], where
    report = vault.audit.verify()
    assert report.ok, (where, report)
    assert report.entries_checked >= model.audit_seq, (where, "the log got shorter")
    model.audit_seq = report.entries_checked
    check_acknowledged_heads(vault, model, where)
    op = in_flight["op"] if in_flight else None
    if op == "flush":  # each delivery is recorded in its own transaction, as it is answered
        recorded = {r[0] for r in rows(vault, "SELECT jti FROM outbox WHERE state = 'delivered'")}
        stats.landed["flush"] += bool(recorded - model.delivered)
    check_histories(vault, model, in_flight, stats, where)

    # Grants: every acknowledged one, in its acknowledged state; a share in flight at most one.
    grants = {g.id: g for g in vault.grants.listing(limit=1_000_000)}
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
    check_whole(vault, model, where)


def check_acknowledged_heads(vault: Vault, model: Model, where: str) -> None:
    """Each acknowledged head is in the log with its hash."""
    if not model.heads:
        return
    stored = {int(seq): bytes(digest).hex() for seq, digest in rows(
        vault, "SELECT seq, hash FROM audit WHERE seq >= ?", (min(model.heads),))}
    lost = [(seq, digest[:12], stored.get(seq, "absent")[:12])
            for seq, digest in sorted(model.heads.items()) if stored.get(seq) != digest]
    assert lost == [], (where, f"{len(lost)} acknowledged audit entries lost or changed", lost[:5])


def check_histories(vault: Vault, model: Model, in_flight: dict[str, Any] | None, stats: Stats,
                    where: str) -> None:
    """Each field's history is exactly its acknowledged writes, plus at most the write in
    flight at the kill."""
    op = in_flight["op"] if in_flight else None
    for key in KEYS:
        found = [entry.value for entry in vault.fields.history(key)]
        expected = model.history[key]
        if found == expected:
            continue
        assert in_flight is not None and WRITES.get(str(op)) == key, \
            (where, key, "history differs from the acknowledged writes", found[-4:], expected[-4:])
        landed = None if op == "clear_colours" else in_flight["value"]
        assert found == [*expected, landed], (where, key, found[-4:], expected[-4:], landed)
        stats.landed[str(op)] += 1
        model.history[key] = found


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

    values = {k: vault.fields.get(k) for k in KEYS}
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
        history = vault.fields.history(key)
        assert len(history) == field_entries[key], (where, key, "history without its entry")
        assert (history[-1].value if history else None) == values[key], (where, key)
