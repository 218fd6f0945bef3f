"""Which device issues a grant's versions and delivers its messages: its creator while
it is in the set, else the remaining device with the highest keyed hash of (device,
grant). Every device computes the same owner from what it knows, without asking."""

from __future__ import annotations

import json

from ..storage.store import Connection
from . import state
from .sealing import file_name


def owner(creator: str, grant_id: str, active: list[str], names: bytes) -> str:
    if creator in active or not active:
        return creator
    return max(active, key=lambda device: file_name(names, "owner", device, grant_id))


def refresh(connection: Connection, me: str, names: bytes) -> None:
    """Rewrite `sync_elsewhere`: the grants another device owns."""
    active = [d.id for d in state.devices(connection) if not d.removed]
    rows = connection.execute("SELECT pk, creator FROM sync_rows WHERE tbl = 'grants'")
    elsewhere = []
    for pk, creator in rows.fetchall():
        grant_id = str(json.loads(pk)[0])
        chosen = owner(str(creator), grant_id, active, names)
        if chosen != me:
            elsewhere.append((grant_id, chosen))
    connection.execute("DELETE FROM sync_elsewhere")
    connection.executemany(
        "INSERT INTO sync_elsewhere (grant_id, device) VALUES (?, ?)", elsewhere
    )


def settle_revocations(connection: Connection, now: int) -> int:
    """On the owner: each revoked grant the brand may hold has one revocation to send.

    Two devices may each have revoked the grant (two events), or a device that had not
    seen the delivery may have found the revocation "not needed". Keeps the delivered
    one, else the smallest jti, queued; cancels the others. Returns how many changed."""
    changed = 0
    grants = connection.execute(
        "SELECT g.id FROM grants g WHERE g.status = 'revoked' "
        "AND NOT EXISTS (SELECT 1 FROM sync_elsewhere x WHERE x.grant_id = g.id) "
        "AND EXISTS (SELECT 1 FROM outbox o WHERE o.grant_id = g.id AND o.kind = 'revocation')"
    ).fetchall()
    for (grant_id,) in grants:
        reached = connection.execute(
            "SELECT 1 FROM outbox WHERE grant_id = ? AND kind = 'grant' "
            "AND (state = 'delivered' OR attempts > unsent_attempts)", (grant_id,),
        ).fetchone()
        rows = connection.execute(
            "SELECT jti, state FROM outbox WHERE grant_id = ? AND kind = 'revocation' "
            "ORDER BY state = 'delivered' DESC, jti", (grant_id,),
        ).fetchall()
        if not reached or not rows:
            continue
        keep, keep_state = str(rows[0][0]), str(rows[0][1])
        if keep_state in ("cancelled", "failed"):
            changed += connection.execute(
                "UPDATE outbox SET state = 'queued', last_error = NULL, next_attempt_at = ? "
                "WHERE jti = ? AND state = 'cancelled'", (now, keep),
            ).rowcount
        changed += connection.execute(
            "UPDATE outbox SET state = 'cancelled', "
            "last_error = 'another revocation of this grant is sent instead' "
            "WHERE grant_id = ? AND kind = 'revocation' AND jti != ? AND state = 'queued'",
            (grant_id, keep),
        ).rowcount
    return changed
