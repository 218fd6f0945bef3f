"""Hash-chained activity log.

Each entry's hash covers the previous entry's hash and its own time, action and
details, so an edited entry no longer matches its hash, and a removed or moved
entry breaks the link of the one after it. The head (last sequence number and
hash) is kept in `meta` in the same transaction, so cutting entries off the end
is caught too. Entries are appended in the caller's transaction, together with
the change they record.
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..changes import Changes, mark
from ..errors import VaultError
from ..storage.rollback import Head
from ..storage.store import Connection, Store

GENESIS = bytes(32)
_HEAD_KEY = "audit_head"


class AuditAction(StrEnum):
    """What an entry records. Entries read back keep their action as text: another
    version of the app may have written one this version does not know."""

    VAULT_CREATED = "vault.created"
    VAULT_ROLLBACK_ACCEPTED = "vault.rollback_accepted"
    VAULT_PASSPHRASE_CHANGED = "vault.passphrase_changed"
    VAULT_RECOVERY_CODE_RENEWED = "vault.recovery_code_renewed"
    VAULT_EXPORTED = "vault.exported"
    VAULT_BACKED_UP = "vault.backed_up"
    VAULT_RESTORED = "vault.restored"
    FIELD_SET = "field.set"
    FIELD_CLEARED = "field.cleared"
    FIELD_DEFINED = "field.defined"
    ANSWER_SET = "answer.set"  # an answer to a brand's question: details name the brand
    ANSWER_CLEARED = "answer.cleared"
    REQUEST_IMPORTED = "request.imported"
    BRAND_KEYS_REPLACED = "brand.keys_replaced"
    GRANT_CREATED = "grant.created"
    GRANT_UPDATED = "grant.updated"
    GRANT_REVOKED = "grant.revoked"
    GRANT_EXPIRED = "grant.expired"
    GRANT_PAUSED = "grant.paused"
    GRANT_RESUMED = "grant.resumed"
    GRANT_DELIVERED = "delivery.grant_delivered"
    REVOCATION_DELIVERED = "delivery.revocation_delivered"
    PAUSE_DELIVERED = "delivery.pause_delivered"
    RESUME_DELIVERED = "delivery.resume_delivered"
    DELIVERY_REFUSED = "delivery.refused"
    ALIASES_ENABLED = "aliases.enabled"
    ALIASES_DISABLED = "aliases.disabled"
    ALIAS_CREATED = "alias.created"
    ALIAS_SOURCE_SET = "aliases.source_set"
    SERVICE_ALIAS_CREATED = "alias.service_created"
    SERVICE_ALIAS_DISABLED = "alias.service_disabled"
    ALIAS_CLOSED = "alias.closed"  # a domain's or plus-addressing's alias, when revoking
    MAILBOX_SET = "mailbox.set"
    MAILBOX_FORGOTTEN = "mailbox.forgotten"
    LEAK_FOUND = "leak.found"
    LEAK_MARKED_EXPECTED = "leak.marked_expected"
    SYNC_SET_UP = "sync.set_up"
    SYNC_JOINED = "sync.joined"
    SYNC_APPLIED = "sync.applied"
    SYNC_REFUSED = "sync.refused"
    DEVICE_REMOVED = "sync.device_removed"
    SYNC_OLDER_COPY = "sync.older_copy"  # went on as a new device (a backup was restored)


FIRST_ACTION = AuditAction.VAULT_CREATED


class Tamper(StrEnum):
    EDITED = "edited"  # the entry's content does not match its own hash
    LINK_BROKEN = "link_broken"  # the entry before it was removed, replaced or moved
    MISSING = "missing"  # a sequence number is absent, or entries were cut off the end


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: int
    action: str
    details: dict[str, Any]


@dataclass(frozen=True)
class AuditReport:
    entries_checked: int
    first_bad_seq: int | None = None
    problem: Tamper | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def canonical(details: dict[str, Any]) -> str:
    return json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(prev_hash: bytes, at: int, action: str, details_json: str) -> bytes:
    digest = hashlib.sha256(prev_hash)
    digest.update(struct.pack(">q", at))
    digest.update(action.encode("utf-8") + b"\x00")
    digest.update(details_json.encode("utf-8"))
    return digest.digest()


def append(
    connection: Connection, at: int, action: AuditAction, details: dict[str, Any]
) -> int:
    """Append an entry inside the caller's open transaction; returns its sequence number."""
    mark(Changes.AUDIT)
    seq, prev_hash = _head(connection)
    details_json = canonical(details)
    new_hash = entry_hash(prev_hash, at, action, details_json)
    seq += 1
    connection.execute(
        "INSERT INTO audit (seq, at, action, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)",
        (seq, at, action, details_json, prev_hash, new_hash),
    )
    head = json.dumps({"seq": seq, "hash": new_hash.hex()})
    connection.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (_HEAD_KEY, head),
    )
    return seq


def first_entry(connection: Connection, at: int) -> None:
    """The entry every vault's log starts with, in the transaction that creates it."""
    append(connection, at, FIRST_ACTION, {})


def append_many(
    connection: Connection, new: Iterable[tuple[int, str, dict[str, Any]]], *,
    batch: int = 10_000,
) -> int:
    """Append (at, action, details) entries in order inside the caller's open transaction,
    chained exactly as `append` chains them one at a time; returns the last sequence number.

    For loading many entries at once (generated vaults for benchmarks): one head read,
    inserts in batches, one head update."""
    mark(Changes.AUDIT)
    seq, prev_hash = _head(connection)
    rows: list[tuple[int, int, str, str, bytes, bytes]] = []
    insert = (
        "INSERT INTO audit (seq, at, action, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)"
    )
    for at, action, details in new:
        details_json = canonical(details)
        new_hash = entry_hash(prev_hash, at, action, details_json)
        seq += 1
        rows.append((seq, at, action, details_json, prev_hash, new_hash))
        prev_hash = new_hash
        if len(rows) >= batch:
            connection.executemany(insert, rows)
            rows.clear()
    if rows:
        connection.executemany(insert, rows)
    connection.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (_HEAD_KEY, json.dumps({"seq": seq, "hash": prev_hash.hex()})),
    )
    return seq


def entries(
    store: Store,
    *,
    action_prefix: str = "",
    newest_first: bool = True,
    limit: int = 100,
    offset: int = 0,
    before: int | None = None,
) -> list[AuditEntry]:
    """A page of the log, in sequence order; `before` keeps only entries with a lower
    sequence number (keyset paging, newest first: pass the oldest one shown).

    Every page is read from an index without sorting the log, however long it is: all
    entries from the primary key; a prefix through `audit_by_action`, one ordered range
    per distinct action under it (each found with one seek), merged."""
    order = "DESC" if newest_first else "ASC"
    cap, capped = ("", ()) if before is None else (" AND seq < ?", (before,))
    with store.reading() as connection:
        actions = _actions(connection, action_prefix) if action_prefix else []
        if not action_prefix:
            sql = f"SELECT {_ENTRY} FROM audit WHERE 1{cap} ORDER BY seq {order} LIMIT ? OFFSET ?"
            params: tuple[Any, ...] = (*capped, limit, offset)
        elif actions is None or limit < 0:  # too many kinds under the prefix: one range
            sql = (f"SELECT {_ENTRY} FROM audit WHERE action >= ? AND action < ?{cap} "
                   f"ORDER BY seq {order} LIMIT ? OFFSET ?")
            params = (action_prefix, action_prefix + _TOP, *capped, limit, offset)
        elif not actions:
            return []
        else:
            part = (f"SELECT * FROM (SELECT {_ENTRY} FROM audit WHERE action = ?{cap} "
                    f"ORDER BY seq {order} LIMIT ?)")
            sql = " UNION ALL ".join([part] * len(actions))
            sql += f" ORDER BY seq {order} LIMIT ? OFFSET ?"
            params = tuple(p for a in actions for p in (a, *capped, limit + offset))
            params += (limit, offset)
        rows = connection.execute(sql, params).fetchall()
    return [AuditEntry(int(r[0]), int(r[1]), str(r[2]), _details(r[3])) for r in rows]


_ENTRY = "seq, at, action, details"
_TOP = "\U0010ffff"
MAX_ACTION_SEEKS = 64


def _actions(connection: Connection, prefix: str) -> list[str] | None:
    """The distinct actions that start with `prefix` (None: more than MAX_ACTION_SEEKS),
    each found with one seek in `audit_by_action`."""
    found: list[str] = []
    low, high, above = prefix, prefix + _TOP, ">="
    while len(found) <= MAX_ACTION_SEEKS:
        (action,) = connection.execute(
            f"SELECT min(action) FROM audit WHERE action {above} ? AND action < ?", (low, high)
        ).fetchone()
        if action is None:
            return found
        found.append(str(action))
        low, above = action, ">"
    return None


def all_entries(store: Store) -> Iterator[AuditEntry]:
    with store.reading() as connection:
        cursor = connection.execute("SELECT seq, at, action, details FROM audit ORDER BY seq")
        for seq, at, action, details in cursor:
            yield AuditEntry(int(seq), int(at), str(action), _details(details))


def verify(store: Store) -> AuditReport:
    """Walk the chain from the first entry; report the first one that does not hold."""
    expected_seq = 1
    prev_hash = GENESIS
    checked = 0
    with store.reading() as connection:
        cursor = connection.execute(
            "SELECT seq, at, action, details, prev_hash, hash FROM audit ORDER BY seq"
        )
        for seq, at, action, details_json, stored_prev, stored_hash in cursor:
            if seq != expected_seq:
                return AuditReport(checked, expected_seq, Tamper.MISSING)
            if not _matches_own_hash(at, action, details_json, stored_prev, stored_hash):
                return AuditReport(checked, seq, Tamper.EDITED)
            if stored_prev != prev_hash or (seq == 1 and action != FIRST_ACTION):
                return AuditReport(checked, seq, Tamper.LINK_BROKEN)
            prev_hash = stored_hash
            expected_seq += 1
            checked += 1
        try:
            head_seq, head_hash = _head(connection)
        except (ValueError, TypeError, KeyError):  # the head itself was mangled
            return AuditReport(checked, max(expected_seq - 1, 1), Tamper.EDITED)
    if head_seq >= expected_seq or checked == 0:
        # Every vault's log starts with its creation: an empty log was emptied.
        return AuditReport(checked, expected_seq, Tamper.MISSING)
    if head_hash != prev_hash:
        return AuditReport(checked, expected_seq - 1, Tamper.EDITED)
    return AuditReport(checked)


def _details(stored: object) -> dict[str, Any]:
    """Details as recorded; an entry damaged into something unreadable is shown as such
    (verification names it)."""
    try:
        details = json.loads(stored) if isinstance(stored, str | bytes) else None
    except (ValueError, RecursionError):
        details = None
    return details if isinstance(details, dict) else {"unreadable": True}


def _matches_own_hash(
    at: object, action: object, details_json: object, prev_hash: object, stored_hash: object
) -> bool:
    """Whether a row holds what its hash covers; a tampered row may hold any SQLite type."""
    if not (
        isinstance(at, int)
        and isinstance(action, str)
        and isinstance(details_json, str)
        and isinstance(prev_hash, bytes)
        and isinstance(stored_hash, bytes)
    ):
        return False
    return entry_hash(prev_hash, at, action, details_json) == stored_hash


def head(connection: Connection) -> tuple[int, bytes]:
    """(last sequence number, its hash) as the database records them; (0, GENESIS) if none."""
    return _head(connection)


def _head(connection: Connection) -> tuple[int, bytes]:
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (_HEAD_KEY,)).fetchone()
    if row is None:
        return 0, GENESIS
    head = json.loads(row[0])
    return int(head["seq"]), bytes.fromhex(head["hash"])


def current_head(store: Store) -> Head | None:
    """The head the database claims, with its entry's time, as rollback detection compares
    it; None when it cannot be read (verification says why)."""
    try:
        with store.reading() as connection:
            seq, digest = _head(connection)
            row = connection.execute("SELECT at FROM audit WHERE seq = ?", (seq,)).fetchone()
    except (VaultError, ValueError, TypeError, KeyError):
        return None  # a damaged head is for `verify` to report, not for this check
    if seq < 1:
        return None
    entry_at = row[0] if row is not None and isinstance(row[0], int) else 0
    return Head(seq, digest.hex(), entry_at)


def hash_at(store: Store, seq: int) -> str | None:
    """The hash (hex) of entry `seq`; None when there is none or it cannot be read."""
    try:
        with store.reading() as connection:
            row = connection.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
    except VaultError:
        return None
    return row[0].hex() if row is not None and isinstance(row[0], bytes) else None
