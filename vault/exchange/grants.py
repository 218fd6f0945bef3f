"""Grants: share chosen fields of one ask with one brand; update, revoke, expire."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from zpd.catalogue import BY_KEY
from zpd.errors import InvalidValue
from zpd.fieldtypes import Sensitivity
from zpd.questions import Question, check_answer, is_question_key
from zpd.request import Ask, AskedField

from ..changes import Changes, mark
from ..errors import GrantNotActive, ShareRefusal, ShareRefused, UnknownAsk, UnknownGrant
from ..profile import answers, audit
from ..profile import fields as profile_fields
from ..profile.audit import AuditAction
from ..storage.store import Connection, Store
from . import brands, tokens
from .question_sensitivity import judge

SECONDS_PER_DAY = 86400

# What a brand receives of the chosen values (e.g. an email alias), inside the transaction.
Personalise = Callable[[Connection, str, dict[str, Any], int], dict[str, Any]]


def as_is(connection: Connection, origin: str, data: dict[str, Any], now: int) -> dict[str, Any]:
    return data


class GrantStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True)
class Grant:
    id: str
    brand_origin: str
    brand_name: str
    ask_id: str
    purpose_iri: str
    purpose_description: str
    fields: tuple[str, ...]
    required_fields: tuple[str, ...]
    offer_kind: str
    offer_description: str
    retention_days: int
    created_at: int
    expires_at: int
    status: GrantStatus
    version: int
    ended_at: int | None
    request_id: int
    paused_at: int | None = None  # paused by the person since then (a live grant only)

    @property
    def paused(self) -> bool:
        """Paused: the brand keeps the data but must not use it until the resume."""
        return self.paused_at is not None and self.status is GrantStatus.ACTIVE

    @property
    def state(self) -> str:
        """The status as shown: "paused" for a paused live grant, else the status."""
        return "paused" if self.paused else self.status.value


@dataclass(frozen=True)
class Held:
    """What a brand holds (or held, for an ended grant) under one grant."""

    grant: Grant
    data: dict[str, Any]
    # The brand's questions the grant answers, by `q:` key, as the brand asked them.
    questions: dict[str, Question] = field(default_factory=dict)


@dataclass(frozen=True)
class ShareResult:
    grant: Grant
    token: tokens.IssuedMessage


_COLUMNS = (
    "g.id, g.brand_origin, b.name, g.ask_id, g.purpose_iri, g.purpose_description, g.fields, "
    "g.required_fields, g.offer_kind, g.offer_description, g.retention_days, g.created_at, "
    "g.expires_at, g.status, g.version, g.ended_at, g.request_id, g.paused_at"
)
_FROM = "FROM grants g JOIN brands b ON b.origin = g.brand_origin"


def sensitivity(asked: AskedField) -> Sensitivity:
    """A catalogue field's sensitivity; for a brand's question, the vault's judgement."""
    if asked.question is not None:
        return judge(asked.question).judged
    return BY_KEY[asked.key].sensitivity


def values_for(connection: Connection, origin: str) -> dict[str, Any]:
    """What may be shared with a brand: the catalogue and custom values, and the answers
    to that brand's own questions (under their `q:` keys)."""
    return {**profile_fields.values_in(connection), **answers.values_in(connection, origin)}


def choose_fields(ask: Ask, requested: list[str] | None, values: dict[str, Any]) -> list[str]:
    """The fields to share: those named, or by default every required field and each
    optional one that has a value and is not special-category data (those are only
    shared when named). A brand's question counts as the vault judges it."""
    if requested is None:
        chosen = [
            f.key
            for f in ask.fields
            if f.required or (f.key in values and sensitivity(f) != Sensitivity.SPECIAL)
        ]
    else:
        not_asked = [k for k in requested if k not in ask.keys]
        if not_asked:
            raise ShareRefused(ShareRefusal.NOT_ASKED, not_asked)
        chosen = [k for k in ask.keys if k in requested]
    missing_required = [k for k in ask.required_keys if k not in chosen]
    if missing_required:
        raise ShareRefused(ShareRefusal.REQUIRED_LEFT_OUT, missing_required)
    without_value = [k for k in chosen if k not in values]
    if without_value:
        raise ShareRefused(ShareRefusal.NO_VALUE, without_value)
    if not chosen:
        raise ShareRefused(ShareRefusal.NOTHING_CHOSEN)
    _check_answers(ask, chosen, values)
    return chosen


def _check_answers(ask: Ask, chosen: list[str], values: dict[str, Any]) -> None:
    """Each saved answer must fit its question as the ask words it now (a brand may have
    changed its choices since the person answered)."""
    misfits = []
    for key in chosen:
        asked = ask.field(key)
        if asked is not None and asked.question is not None:
            try:
                check_answer(asked.question, values[key])
            except InvalidValue:
                misfits.append(key)
    if misfits:
        raise ShareRefused(ShareRefusal.ANSWER_DOES_NOT_FIT, misfits)


def create(
    store: Store,
    origin: str,
    ask_id: str,
    fields: list[str] | None,
    days: int | None,
    values: dict[str, Any],
    now: int,
    personalise: Personalise = as_is,
) -> ShareResult:
    latest = brands.latest_request(store, origin)
    ask = latest.request.body.ask(ask_id) if latest else None
    if latest is None or ask is None:
        raise UnknownAsk(ask_id)
    if latest.request.exp <= now:
        raise ShareRefused(ShareRefusal.REQUEST_EXPIRED)
    chosen = choose_fields(ask, fields, values)
    duration = ask.duration_days if days is None else days
    if not 1 <= duration <= ask.duration_days:
        raise ShareRefused(ShareRefusal.DURATION, [str(ask.duration_days)])
    grant_id = str(uuid.uuid4())
    terms = tokens.GrantTerms(
        grant_id=grant_id,
        brand_origin=origin,
        request_jti=latest.request.jti,
        request_sha256=latest.request.sha256,
        ask_id=ask.id,
        purpose_iri=ask.purpose.iri,
        purpose_description=ask.purpose.description,
        retention_days=ask.retention_days,
        starts_at=now,
        expires_at=now + duration * SECONDS_PER_DAY,
    )
    data = {k: values[k] for k in chosen}
    with store.transaction() as connection:
        connection.execute(
            "INSERT INTO grants (id, brand_origin, request_id, ask_id, purpose_iri, "
            "purpose_description, fields, required_fields, offer_kind, offer_description, "
            "retention_days, created_at, expires_at, status, version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', 1)",
            (
                grant_id,
                origin,
                latest.id,
                ask.id,
                ask.purpose.iri,
                ask.purpose.description,
                json.dumps(chosen),
                json.dumps([k for k in chosen if k in ask.required_keys]),
                ask.offer.kind,
                ask.offer.description,
                ask.retention_days,
                now,
                terms.expires_at,
            ),
        )
        encryption_jwk = brands.pinned_encryption_jwk(connection, origin)
        endpoint = latest.request.body.grants_endpoint
        data = personalise(connection, origin, data, now)
        token = tokens.issue_grant_token(
            connection, terms, 1, data, encryption_jwk, endpoint, now
        )
        audit.append(
            connection,
            now,
            AuditAction.GRANT_CREATED,
            {"grant": grant_id, "brand": origin, "ask": ask.id, "fields": chosen, "days": duration},
        )
    return ShareResult(get(store, grant_id), token)


def active_grants_sharing(
    connection: Connection, key: str, now: int, origin: str | None = None
) -> list[tuple[str, bool]]:
    """(grant id, whether the field is required there) for live grants that share `key`
    (with the brand `origin` only, for an answer to that brand's question)."""
    scope, params = ("AND brand_origin = ? ", (origin,)) if origin is not None else ("", ())
    rows = connection.execute(
        "SELECT id, required_fields FROM grants WHERE status = 'active' AND expires_at > ? "
        f"{scope}AND EXISTS (SELECT 1 FROM json_each(grants.fields) WHERE value = ?)",
        (now, *params, key),
    ).fetchall()
    return [(str(r[0]), key in json.loads(r[1])) for r in rows]


def revoke(store: Store, grant_id: str, now: int) -> tokens.IssuedMessage:
    grant = get(store, grant_id)
    if grant.status is GrantStatus.REVOKED:
        raise GrantNotActive(grant_id)
    with store.transaction() as connection:
        changed = connection.execute(
            "UPDATE grants SET status = 'revoked', ended_at = ? WHERE id = ? AND status != "
            "'revoked'",
            (now, grant_id),
        ).rowcount
        if not changed:
            raise GrantNotActive(grant_id)
        _, endpoint = brands.endpoints_of(connection, grant.request_id)
        event = tokens.issue_revocation(connection, grant_id, grant.brand_origin, endpoint, now)
        audit.append(
            connection, now, AuditAction.GRANT_REVOKED,
            {"grant": grant_id, "brand": grant.brand_origin},
        )
    return event


def expire_due(store: Store, now: int) -> int:
    """Mark grants past their end as expired (each with an audit entry); returns how many."""
    due = store.query(
        "SELECT id, expires_at FROM grants WHERE status = 'active' AND expires_at <= ?", (now,)
    )
    if not due:
        return 0
    with store.transaction() as connection:
        mark(Changes.GRANTS)
        for grant_id, expires_at in due:
            connection.execute(
                "UPDATE grants SET status = 'expired', ended_at = ? WHERE id = ? "
                "AND status = 'active'",
                (expires_at, grant_id),
            )
            audit.append(connection, now, AuditAction.GRANT_EXPIRED, {"grant": grant_id})
    return len(due)


def _grant(row: tuple[Any, ...]) -> Grant:
    return Grant(
        id=str(row[0]),
        brand_origin=str(row[1]),
        brand_name=str(row[2]),
        ask_id=str(row[3]),
        purpose_iri=str(row[4]),
        purpose_description=str(row[5]),
        fields=tuple(json.loads(row[6])),
        required_fields=tuple(json.loads(row[7])),
        offer_kind=str(row[8]),
        offer_description=str(row[9]),
        retention_days=int(row[10]),
        created_at=int(row[11]),
        expires_at=int(row[12]),
        status=GrantStatus(row[13]),
        version=int(row[14]),
        ended_at=None if row[15] is None else int(row[15]),
        request_id=int(row[16]),
        paused_at=None if row[17] is None else int(row[17]),
    )


def get(store: Store, grant_id: str) -> Grant:
    row = store.query_one(f"SELECT {_COLUMNS} {_FROM} WHERE g.id = ?", (grant_id,))
    if row is None:
        raise UnknownGrant(grant_id)
    return _grant(row)


def find(store: Store, reference: str) -> Grant:
    """A grant by its id or a unique prefix of it (at least 4 characters)."""
    reference = reference.strip().lower()
    if len(reference) < 4:
        raise UnknownGrant(reference)
    rows = store.query(
        f"SELECT {_COLUMNS} {_FROM} WHERE g.id >= ? AND g.id < ? LIMIT 2",
        (reference, reference + "\uffff"),
    )
    if len(rows) != 1:
        raise UnknownGrant(reference)
    return _grant(rows[0])


def listing(
    store: Store,
    *,
    origin: str | None = None,
    status: GrantStatus | None = None,
    paused: bool = False,
    limit: int | None = 1000,
    offset: int = 0,
) -> list[Grant]:
    """Newest first; `paused`: only live grants that are paused; `limit` None: all."""
    where, params = [], []
    if origin is not None:
        where.append("g.brand_origin = ?")
        params.append(origin)
    if status is not None:
        where.append("g.status = ?")
        params.append(status.value)
    if paused:
        where.append("g.status = 'active' AND g.paused_at IS NOT NULL")
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    rows = store.query(
        f"SELECT {_COLUMNS} {_FROM} {clause} ORDER BY g.created_at DESC, g.id LIMIT ? OFFSET ?",
        (*params, -1 if limit is None else limit, offset),  # SQLite: -1, no limit
    )
    return [_grant(r) for r in rows]


def brands_by_field(store: Store) -> dict[str, list[str]]:
    """For each field some active share gives, the names of the brands it goes to, the brand
    of the newest such share first. Worked out by SQLite: read as 100,000 shares, it held a
    worker on the GIL long enough to stall the GUI thread."""
    rows = store.query(
        "SELECT key, name FROM ("
        " SELECT j.value AS key, b.name AS name, g.created_at AS at, g.id AS id,"
        "  ROW_NUMBER() OVER (PARTITION BY j.value, b.name ORDER BY g.created_at DESC, g.id)"
        "   AS newest"
        f" {_FROM}, json_each(g.fields) j WHERE g.status = 'active'"
        ") WHERE newest = 1 ORDER BY at DESC, id, name"
    )
    named: dict[str, list[str]] = {}
    for key, name in rows:
        named.setdefault(str(key), []).append(str(name))
    return named


def active_counts(store: Store) -> dict[str, int]:
    """Brand origin -> its active grants, counted in `grants_by_brand_status` (no row read)."""
    rows = store.query(
        "SELECT origin, (SELECT count(*) FROM grants g WHERE g.brand_origin = b.origin "
        "AND g.status = 'active') FROM brands b"
    )
    return {str(origin): int(count) for origin, count in rows if count}


def held_by(store: Store, origin: str) -> list[Held]:
    """Per grant of this brand (every one, newest first), the data of its latest version,
    and the questions it answers."""
    grants = listing(store, origin=origin, limit=None)
    # One statement for the brand, not one per grant: SQLite takes a bare column from the
    # row where max() found its value, so `data` is the latest version's.
    latest = {
        str(grant_id): json.loads(str(data))
        for grant_id, data, _ in store.query(
            "SELECT t.grant_id, t.data, max(t.version) FROM tokens t "
            "JOIN grants g ON g.id = t.grant_id "
            "WHERE g.brand_origin = ? AND t.kind = 'grant' GROUP BY t.grant_id",
            (origin,),
        )
    }
    answered = questions_answered(store, grants)
    return [Held(grant, latest.get(grant.id, {}), answered[grant.id]) for grant in grants]


def questions_answered(store: Store, grants: list[Grant]) -> dict[str, dict[str, Question]]:
    """By grant id, the brand's questions the grant answers, as its request asked them."""
    asked = brands.questions_of_requests(
        store, {g.request_id for g in grants if any(is_question_key(k) for k in g.fields)})
    return {
        g.id: {k: q for k, q in asked.get(g.request_id, {}).items() if k in g.fields}
        for g in grants
    }
