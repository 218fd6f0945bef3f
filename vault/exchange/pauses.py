"""Pause and resume a grant (PROTOCOL.md section 9): the brand keeps the data but must
not use it until the resume.

A pause and a resume are signed events, queued after the grant's other messages. While a
grant is paused it still counts as shared (the brand holds the data), but a change to a
value it carries issues no version; the resume issues the next version, once, if what the
grant would carry differs from its latest version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..errors import GrantPauseRefused, PauseRefusal
from ..profile import audit
from ..profile.audit import AuditAction
from ..storage.store import Connection, Store
from . import brands, grants, tokens, versions
from .grants import GrantStatus, Personalise
from .outbox import MessageKind


@dataclass(frozen=True)
class Resumed:
    event: tokens.IssuedMessage
    version: tokens.IssuedMessage | None  # the next version, if anything changed meanwhile


def pause(store: Store, grant_id: str, now: int) -> tokens.IssuedMessage:
    """Pause a live grant; GrantPauseRefused, changing nothing, if it ended or is paused."""
    grant = grants.get(store, grant_id)
    with store.transaction() as connection:
        _check_live(connection, grant_id, now, want_paused=False)
        connection.execute("UPDATE grants SET paused_at = ? WHERE id = ?", (now, grant_id))
        _, endpoint = brands.endpoints_of(connection, grant.request_id)
        event = tokens.issue_pause_or_resume(
            connection, MessageKind.PAUSE, grant_id, grant.brand_origin, endpoint, now)
        audit.append(connection, now, AuditAction.GRANT_PAUSED,
                     {"grant": grant_id, "brand": grant.brand_origin})
    return event


def resume(
    store: Store, grant_id: str, now: int, personalise: Personalise = grants.as_is,
) -> Resumed:
    """Resume a paused grant: its resume event, then the next version if a value it carries
    changed while it was paused. GrantPauseRefused, changing nothing, if it is not paused
    or ended."""
    grant = grants.get(store, grant_id)
    with store.transaction() as connection:
        _check_live(connection, grant_id, now, want_paused=True)
        connection.execute("UPDATE grants SET paused_at = NULL WHERE id = ?", (grant_id,))
        _, endpoint = brands.endpoints_of(connection, grant.request_id)
        event = tokens.issue_pause_or_resume(
            connection, MessageKind.RESUME, grant_id, grant.brand_origin, endpoint, now)
        audit.append(connection, now, AuditAction.GRANT_RESUMED,
                     {"grant": grant_id, "brand": grant.brand_origin})
        # Only the device that owns a grant issues its versions (docs/sync.md): the owner
        # does, once the resume reaches it (settle_resumes).
        owned = connection.execute(
            "SELECT 1 FROM sync_elsewhere WHERE grant_id = ?", (grant_id,)).fetchone() is None
        version = (_next_version_if_changed(connection, grant_id, now, personalise)
                   if owned else None)
    return Resumed(event, version)


def settle_resumes(connection: Connection, now: int, personalise: Personalise) -> int:
    """On the owner, as another device's changes arrive: each live grant resumed last (its
    newest message a resume) gets the next version if a value it carries changed while it
    was paused. Returns how many versions were issued."""
    resumed = connection.execute(
        "SELECT g.id FROM grants g WHERE g.status = 'active' AND g.paused_at IS NULL "
        "AND g.expires_at > ? "
        "AND NOT EXISTS (SELECT 1 FROM sync_elsewhere x WHERE x.grant_id = g.id) "
        "AND (SELECT t.kind FROM tokens t WHERE t.grant_id = g.id "
        "     ORDER BY t.issued_at DESC, t.rowid DESC LIMIT 1) = 'resume'", (now,),
    ).fetchall()
    issued = [_next_version_if_changed(connection, str(grant_id), now, personalise)
              for (grant_id,) in resumed]
    return sum(1 for version in issued if version is not None)


def _check_live(connection: Connection, grant_id: str, now: int, *, want_paused: bool) -> None:
    row = connection.execute(
        "SELECT status, expires_at, paused_at FROM grants WHERE id = ?", (grant_id,)
    ).fetchone()
    status, expires_at, paused_at = str(row[0]), int(row[1]), row[2]
    if status == GrantStatus.REVOKED:
        raise GrantPauseRefused(grant_id, PauseRefusal.REVOKED)
    if status == GrantStatus.EXPIRED or expires_at <= now:
        raise GrantPauseRefused(grant_id, PauseRefusal.EXPIRED)
    if want_paused and paused_at is None:
        raise GrantPauseRefused(grant_id, PauseRefusal.NOT_PAUSED)
    if not want_paused and paused_at is not None:
        raise GrantPauseRefused(grant_id, PauseRefusal.ALREADY_PAUSED)


def _next_version_if_changed(
    connection: Connection, grant_id: str, now: int, personalise: Personalise,
) -> tokens.IssuedMessage | None:
    latest = connection.execute(
        "SELECT data FROM tokens WHERE grant_id = ? AND kind = 'grant' "
        "ORDER BY version DESC LIMIT 1", (grant_id,),
    ).fetchone()
    sent = json.loads(str(latest[0])) if latest else {}
    if versions.current_data(connection, grant_id, now, personalise) == sent:
        return None
    return versions.issue_next_version(connection, grant_id, now, personalise)
