"""Receipts that are not final yet, polled until they are, and every receipt kept.

A brand that passed the data on answers a revocation with `deletion_pending` while the
systems it passed it to still delete it, and gives the latest receipt of a message at
`<endpoints.receipts>/<jti>` (PROTOCOL.md section 8). The vault polls that address
within its outbox flushes, with backoff, until the receipt is final (`deleted` or
`deletion_failed`), and keeps every receipt it verified, in the order they came (the
`receipts` table; the outbox row carries the latest).

Polls are claimed as deliveries are (the next poll is put off by its backoff in the same
transaction, so each is tried at most once per flush and a crash costs only a later
poll), brands take turns, and whatever goes wrong is that poll's alone: one brand never
holds back another's polls, nor the deliveries.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from joserfc.jwk import OKPKey

from zpd import receipt
from zpd.errors import ProtocolError
from zpd.request import read_verified

from ..changes import Changes, mark
from ..errors import TransportError
from ..logs import short_id
from ..storage.store import Connection, Store
from . import outbox
from .outbox import MessageKind
from .receipts import signed_at
from .retry_after import seconds_to_wait
from .transport import Transport

POLL_BASE = 30  # seconds before the first poll; doubled after each, up to POLL_CAP
POLL_CAP = 6 * 3600
RETRY_AFTER_CAP = 24 * 3600
CLAIM = 50  # polls claimed, made and recorded at a time
JWT = "application/jwt"
log = logging.getLogger(__name__)

# How the vault finds a brand's pinned signing key and the person's pseudonym towards it
# (delivery.ReceiptKeys.of).
KeyOf = Callable[[str], tuple[OKPKey | dict[str, object], str]]


@dataclass(frozen=True)
class Poll:
    jti: str  # the message whose latest receipt is asked for
    grant_id: str
    brand_origin: str
    kind: MessageKind
    url: str
    latest: str  # the receipt kept last


class PollResult(StrEnum):
    NEW = "new"  # a receipt not seen before, verified: kept, and the message's latest
    SAME = "same"  # the brand still gives the receipt kept last
    RETRY = "retry"  # nothing usable this time: asked again after the backoff


@dataclass(frozen=True)
class PollOutcome:
    result: PollResult
    receipt: str | None = None
    status: str | None = None
    reason: str = ""
    retry_after: int | None = None  # seconds the brand asked the vault to wait


@dataclass
class PollReport:
    polled: int = 0
    new: list[str] = field(default_factory=list)  # messages with a new receipt
    final: list[str] = field(default_factory=list)  # of those, the ones now final


def receipt_url_for(store: Store, grant_id: str, message_jti: str) -> str | None:
    """Where the brand gives the latest receipt of a message of this grant: the receipts
    endpoint of the request the grant was given under, if it names one."""
    row = store.query_one(
        "SELECT r.jws FROM grants g JOIN requests r ON r.id = g.request_id WHERE g.id = ?",
        (grant_id,),
    )
    endpoint = None if row is None else read_verified(str(row[0])).body.receipts_endpoint
    return None if endpoint is None else receipt.receipt_url(endpoint, message_jti)


def poll_delay(polls: int, retry_after: int | None) -> int:
    """Exponential backoff with jitter; a brand's Retry-After is honoured (within a day)."""
    if retry_after is not None:
        return max(1, min(retry_after, RETRY_AFTER_CAP))
    ceiling = min(POLL_CAP, POLL_BASE * 2 ** max(0, polls - 1))
    return max(1, int(ceiling / 2 + random.uniform(0, ceiling / 2)))


# Polls due, brands taking turns: each brand's first, then each one's second, and so on.
_DUE = (
    "SELECT o.jti, ROW_NUMBER() OVER (PARTITION BY g.brand_origin "
    "ORDER BY o.receipt_poll_at, o.rowid) AS turn, o.receipt_poll_at AS due, o.rowid AS position "
    "FROM outbox o JOIN grants g ON g.id = o.grant_id "
    "WHERE o.receipt_poll_at IS NOT NULL AND o.receipt_poll_at <= ?"
)


def claim_due(store: Store, due_by: int, now: int, limit: int) -> list[Poll]:
    """The polls due by `due_by` (at most `limit`, brands taking turns), each claimed: its
    count raised and its next poll put off by the backoff, in one transaction."""
    with store.transaction() as connection:
        rows = connection.execute(
            "SELECT o.jti, o.grant_id, g.brand_origin, o.kind, o.receipt_url, o.receipt, "
            "o.receipt_polls FROM outbox o JOIN grants g ON g.id = o.grant_id "
            f"JOIN ({_DUE} ORDER BY turn, due, position LIMIT ?) d ON d.jti = o.jti "
            "ORDER BY d.turn, d.due, d.position",
            (due_by, limit),
        ).fetchall()
        connection.executemany(
            "UPDATE outbox SET receipt_polls = receipt_polls + 1, receipt_poll_at = ? "
            "WHERE jti = ?",
            [(now + poll_delay(int(row[6]) + 1, None), str(row[0])) for row in rows],
        )
    return [Poll(str(r[0]), str(r[1]), str(r[2]), MessageKind(str(r[3])), str(r[4]),
                 str(r[5] or "")) for r in rows]


def make_due(store: Store, now: int) -> None:
    """"Deliver now": every receipt still polled is asked for now."""
    with store.transaction() as connection:
        if connection.execute(
            "UPDATE outbox SET receipt_poll_at = ? WHERE receipt_poll_at > ?", (now, now)
        ).rowcount:
            mark(Changes.OUTBOX)


def poll(transport: Transport, item: Poll, key_of: KeyOf, now: int) -> PollOutcome:
    """GET the message's latest receipt and judge it. Touches no database row."""
    try:
        response = transport.get(item.url, JWT)
    except TransportError as exc:
        return PollOutcome(PollResult.RETRY, reason=str(exc))
    if response.status != 200:
        reason = f"HTTP {response.status}"
        if 300 <= response.status < 400:
            reason += " redirect refused"
        wait = seconds_to_wait(response.header("retry-after"), now)
        return PollOutcome(PollResult.RETRY, reason=reason, retry_after=wait)
    text = response.body.decode("utf-8", "replace").strip()
    if text == item.latest:
        return PollOutcome(PollResult.SAME)
    key, pseudonym = key_of(item.brand_origin)
    expected = item.kind.receipt_statuses
    try:
        verified = receipt.verify(text, key, issuer=item.brand_origin, audience=pseudonym,
                                  ack_jti=item.jti, status=expected, now=now)
    except ProtocolError as exc:
        return PollOutcome(PollResult.RETRY, reason=f"receipt rejected: {exc}")
    if verified.iat < (signed_at(item.latest) or 0):
        return PollOutcome(PollResult.RETRY, reason="receipt older than the one kept")
    return PollOutcome(PollResult.NEW, receipt=text, status=verified.status)


def poll_safely(transport: Transport, item: Poll, key_of: KeyOf, now: int) -> PollOutcome:
    """`poll`, with any exception it raises turned into this poll's retry."""
    try:
        return poll(transport, item, key_of, now)
    except Exception as exc:  # whatever it is, it is this poll's alone
        log.error("polling a receipt of grant %s at %s failed in the vault itself",
                  short_id(item.grant_id), item.brand_origin, exc_info=exc)
        return PollOutcome(PollResult.RETRY, reason=f"unexpected error: {type(exc).__name__}")


def record_all(store: Store, outcomes: list[tuple[Poll, PollOutcome, int]]) -> None:
    """The polls' outcomes, in one transaction."""
    if not outcomes:
        return
    with store.transaction() as connection:
        mark(Changes.OUTBOX)
        for item, outcome, now in outcomes:
            _record(connection, item, outcome, now)


def _record(connection: Connection, item: Poll, outcome: PollOutcome, now: int) -> None:
    match outcome.result:
        case PollResult.NEW:
            assert outcome.receipt is not None and outcome.status is not None
            outbox.keep_receipt(connection, item.jti, outcome.status, outcome.receipt, now)
            final = receipt.is_final(outcome.status)
            connection.execute(
                "UPDATE outbox SET receipt = ?, receipt_status = ?, receipt_poll_error = NULL, "
                "receipt_poll_at = CASE WHEN ? THEN NULL ELSE receipt_poll_at END "
                "WHERE jti = ?",
                (outcome.receipt, outcome.status, int(final), item.jti),
            )
        case PollResult.SAME:
            connection.execute(
                "UPDATE outbox SET receipt_poll_error = NULL WHERE jti = ?", (item.jti,))
        case PollResult.RETRY:
            later = (None if outcome.retry_after is None
                     else now + poll_delay(0, outcome.retry_after))
            connection.execute(
                "UPDATE outbox SET receipt_poll_error = ?, "
                "receipt_poll_at = COALESCE(?, receipt_poll_at) WHERE jti = ? "
                "AND receipt_poll_at IS NOT NULL",
                (outcome.reason[:500], later, item.jti),
            )


def flush(
    store: Store, transport: Transport, clock: Callable[[], int], due_by: int, key_of: KeyOf,
) -> PollReport:
    """Poll every receipt due by `due_by`, brands taking turns, a batch at a time."""
    report = PollReport()
    while items := claim_due(store, due_by, max(clock(), due_by), CLAIM):
        done: list[tuple[Poll, PollOutcome, int]] = []
        try:
            for item in items:
                outcome = poll_safely(transport, item, key_of, clock())
                done.append((item, outcome, clock()))
                report.polled += 1
                if outcome.result is PollResult.NEW and outcome.status is not None:
                    report.new.append(item.jti)
                    if receipt.is_final(outcome.status):
                        report.final.append(item.jti)
                log.info("receipt of grant %s polled at %s: %s", short_id(item.grant_id),
                         item.brand_origin, outcome.status or outcome.result.value)
        finally:
            record_all(store, done)
    return report

