"""Deliver the outbox to brands, and fetch a brand's request from its well-known address.

Network exchanges never happen inside a database transaction: the due items
are claimed (their attempt counted and their next one put off by the backoff, in
one transaction), sent, and the results recorded, each together with its audit
entry, in short transactions of a few messages (RECORD_BATCH, or RECORD_SECONDS'
worth, whichever comes first).

A message's failure, whatever it is, is that message's retry: it never ends the
flush, so one brand's answer (or a fault of the vault's own on one message) never
keeps the other brands' messages from leaving.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import assert_never

from joserfc.jwk import OKPKey

from zpd import jose, receipt
from zpd.errors import ProtocolError
from zpd.origin import canonical_origin

from ..errors import TransportError, TransportFailure
from ..logs import short_id
from ..profile import audit
from ..profile.audit import AuditAction
from ..storage.store import Connection, Store
from . import outbox, receipt_polls, tokens
from .outbox import MessageKind, OutboxItem
from .retry_after import seconds_to_wait
from .transport import Response, Transport

WELL_KNOWN_PATH = "/.well-known/zero-party-data"
# Outcomes are written a few at a time, each with its audit entry: one sync to disk per
# batch, not per message (docs/performance.md). A crash before a batch is written loses
# only its records: those messages were counted as attempted, so they are sent again and
# the brand, which de-duplicates on jti, answers with the receipt it gave the first time.
RECORD_BATCH = 50
RECORD_SECONDS = 0.5
CLAIM_GROWTH = 8  # claims of 1, 8, 64, then `limit` messages
REQUEST_MEDIA_TYPES = "application/jwt, application/zpd-request+jwt, text/plain"
_SURROGATE = re.compile("[\ud800-\udfff]")
log = logging.getLogger(__name__)
_DELIVERED = {
    MessageKind.GRANT: AuditAction.GRANT_DELIVERED,
    MessageKind.REVOCATION: AuditAction.REVOCATION_DELIVERED,
    MessageKind.PAUSE: AuditAction.PAUSE_DELIVERED,
    MessageKind.RESUME: AuditAction.RESUME_DELIVERED,
}


@dataclass
class FlushReport:
    delivered: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    retrying: list[str] = field(default_factory=list)
    # Of those retrying, the messages whose exchange raised an unexpected exception (a
    # fault of the vault's, not the brand's answer): message id -> the exception's type.
    errors: dict[str, str] = field(default_factory=dict)
    # Receipts polled (receipt_polls.py): how many, and the messages with a new one.
    polled: int = 0
    new_receipts: list[str] = field(default_factory=list)

    @property
    def attempted(self) -> int:
        return len(self.delivered) + len(self.failed) + len(self.retrying)

    def note(self, jti: str, kind: OutcomeKind) -> None:
        match kind:
            case OutcomeKind.DELIVERED:
                self.delivered.append(jti)
            case OutcomeKind.FAILED:
                self.failed.append(jti)
            case OutcomeKind.RETRY:
                self.retrying.append(jti)
            case _:
                assert_never(kind)


class OutcomeKind(StrEnum):
    DELIVERED = "delivered"  # the brand accepted it (with a receipt or without)
    FAILED = "failed"  # the brand refused it for good
    RETRY = "retry"  # it did not get through: sent again later


@dataclass(frozen=True)
class Outcome:
    """What one exchange with the brand came to."""

    kind: OutcomeKind
    reason: str = ""
    receipt: str | None = None
    receipt_status: str | None = None
    warning: str | None = None
    retry_after: int | None = None
    reached: bool = True  # False: failed before any connection to the brand was made
    unexpected: str | None = None  # the type of the exception the exchange raised
    receipt_url: str | None = None  # where a receipt that is not final is polled


def flush(
    store: Store, transport: Transport, clock: Callable[[], int], *, limit: int = 500,
    deliver_now: bool = False,
) -> FlushReport:
    """Send everything due, brands taking turns, until nothing is due (revocations become
    due once their grant is delivered within the same flush); then poll the receipts
    that are not final yet and are due (receipt_polls.py).

    `deliver_now`: messages waiting out their backoff are sent now too; those
    whose brand asked to wait (Retry-After) still wait. Every receipt still polled is
    asked for now."""
    report = FlushReport()
    keys = ReceiptKeys(store)
    started = clock()
    if deliver_now:
        outbox.make_due(store, started)
        receipt_polls.make_due(store, started)
    claim = 1
    turns_had: Counter[str] = Counter()
    while True:
        # Due by the start: a message claimed in this flush is put off past it, so each
        # is tried at most once per flush. Claims start at one message and grow: a
        # message that kills the vault outright puts off few others with it, and a long
        # queue still takes few transactions (each claim and its last records: a sync).
        items = outbox.claim_due(store, started, max(clock(), started), claim, turns_had)
        if not items:
            if report.attempted:
                log.info("delivery: %d delivered, %d refused, %d to try again",
                         len(report.delivered), len(report.failed), len(report.retrying))
            polls = receipt_polls.flush(store, transport, clock, started, keys.of)
            report.polled, report.new_receipts = polls.polled, polls.new
            return report
        claim = min(limit, claim * CLAIM_GROWTH)
        turns_had.update(item.brand_origin for item in items)
        pending: list[tuple[OutboxItem, Outcome, int]] = []
        since = time.monotonic()
        try:
            for item in items:
                outcome = exchange_safely(store, transport, item, keys, clock())
                _log(item, outcome)
                if outcome.unexpected is not None:
                    report.errors[item.jti] = outcome.unexpected
                if not pending:
                    since = time.monotonic()
                pending.append((item, outcome, clock()))
                if len(pending) >= RECORD_BATCH or time.monotonic() - since >= RECORD_SECONDS:
                    batch, pending = pending, []
                    record_all(store, batch)
                report.note(item.jti, outcome.kind)
        finally:
            record_all(store, pending)  # before asking what is due next: revocations wait


def _log(item: OutboxItem, outcome: Outcome) -> None:
    """One line per attempt: the message's kind, its grant (cut short), the brand, and the
    outcome's code (never the message, nor the brand's words beyond their first token)."""
    grant, code = short_id(item.grant_id), outcome.reason.split(":", 1)[0]
    match outcome.kind:
        case OutcomeKind.DELIVERED:
            log.info("%s of grant %s delivered to %s (receipt: %s)", item.kind, grant,
                     item.brand_origin, outcome.receipt_status or "none")
        case OutcomeKind.FAILED:
            log.warning("%s of grant %s refused by %s: %s", item.kind, grant,
                        item.brand_origin, code)
        case OutcomeKind.RETRY:
            log.info("%s of grant %s not delivered to %s (%s): tried again later", item.kind,
                     grant, item.brand_origin, code)
        case _:
            assert_never(outcome.kind)


class ReceiptKeys:
    """Per brand, its pinned signing key (parsed) and the person's pseudonym towards it
    (derived): what checking a receipt needs, worked out once per flush, not per message."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._known: dict[str, tuple[OKPKey | dict[str, object], str]] = {}

    def of(self, origin: str) -> tuple[OKPKey | dict[str, object], str]:
        known = self._known.get(origin)
        if known is None:
            row = self._store.query_one("SELECT signing_jwk FROM brands WHERE origin = ?",
                                        (origin,))
            jwk: dict[str, object] = json.loads(str(row[0])) if row else {}
            key: OKPKey | dict[str, object] = jwk
            try:
                key = jose.import_public_key(jwk, "Ed25519")
            except ProtocolError:
                pass  # left as it is: the receipt check names the problem
            with self._store.reading() as connection:
                pseudonym = jose.thumbprint_uri(tokens.pairwise_for(connection, origin))
            known = self._known[origin] = (key, pseudonym)
        return known


def exchange_safely(
    store: Store, transport: Transport, item: OutboxItem, keys: ReceiptKeys, now: int,
) -> Outcome:
    """`exchange`, with any exception it raises turned into a retry of this message.

    KeyboardInterrupt and SystemExit still end the flush; the message was claimed, so
    it waits out its backoff like any other failure."""
    try:
        return exchange(store, transport, item, keys, now)
    except Exception as exc:  # whatever it is, it is this message's alone
        log.error("a %s of grant %s to %s failed in the vault itself", item.kind,
                  short_id(item.grant_id), item.brand_origin, exc_info=exc)
        name = type(exc).__name__[:100]
        # Only the type: the text of an exception can hold anything (the brand's text).
        return Outcome(OutcomeKind.RETRY, f"unexpected error: {name}", unexpected=name)


def exchange(
    store: Store, transport: Transport, item: OutboxItem, keys: ReceiptKeys | None = None,
    now: int | None = None,
) -> Outcome:
    """POST one message and judge the answer. Touches no database row."""
    try:
        response = transport.post(item.endpoint, item.content_type, item.body)
    except TransportError as exc:
        return Outcome(OutcomeKind.RETRY, str(exc), reached=exc.may_have_reached)
    return judge(store, item, response, keys, int(time.time()) if now is None else now)


def judge(
    store: Store, item: OutboxItem, response: Response, keys: ReceiptKeys | None = None,
    now: int | None = None,
) -> Outcome:
    moment = int(time.time()) if now is None else now
    if response.status == 202:
        return _accepted(store, item, response, keys or ReceiptKeys(store), moment)
    if response.status == 400:
        refusal = _rfc8935_error(response.body)
        if refusal is not None:
            return Outcome(OutcomeKind.FAILED, refusal)
    reason = f"HTTP {response.status}"
    if 300 <= response.status < 400:
        reason += " redirect refused"
    wait = seconds_to_wait(response.header("retry-after"), moment)
    return Outcome(OutcomeKind.RETRY, reason, retry_after=wait)


def _accepted(
    store: Store, item: OutboxItem, response: Response, keys: ReceiptKeys, now: int
) -> Outcome:
    text = response.body.decode("utf-8", "replace").strip()
    if not text:
        return Outcome(OutcomeKind.DELIVERED, warning="accepted without a receipt")
    expected = item.kind.receipt_statuses
    signing_key, pseudonym = keys.of(item.brand_origin)
    try:
        verified = receipt.verify(
            text, signing_key, issuer=item.brand_origin,
            audience=pseudonym, ack_jti=item.jti, status=expected, now=now,
        )
    except ProtocolError as exc:
        # The brand accepted the message; only its proof is unusable, so it is not kept
        # and the message is not sent again.
        return Outcome(OutcomeKind.DELIVERED, warning=f"receipt rejected: {exc}")
    # Not final (a deletion still pending downstream): the brand's latest is polled.
    url = (None if verified.final
           else receipt_polls.receipt_url_for(store, item.grant_id, item.jti))
    return Outcome(OutcomeKind.DELIVERED, receipt=text, receipt_status=verified.status,
                   receipt_url=url)


def record(store: Store, item: OutboxItem, outcome: Outcome, now: int) -> None:
    record_all(store, [(item, outcome, now)])


def record_all(store: Store, outcomes: list[tuple[OutboxItem, Outcome, int]]) -> None:
    """Each outcome with its audit entry, all in one transaction (one sync to disk)."""
    if not outcomes:
        return
    with store.transaction() as connection:
        for item, outcome, now in outcomes:
            _record(connection, item, outcome, now)


def _record(connection: Connection, item: OutboxItem, outcome: Outcome, now: int) -> None:
    reason = _storable(outcome.reason)
    match outcome.kind:
        case OutcomeKind.DELIVERED:
            warning = None if outcome.warning is None else _storable(outcome.warning)
            poll_at = (None if outcome.receipt_url is None
                       else now + receipt_polls.poll_delay(1, None))
            outbox.record_delivered(connection, item, outcome.receipt, outcome.receipt_status,
                                    warning, now, receipt_url=outcome.receipt_url,
                                    poll_at=poll_at)
            delivered = _DELIVERED[item.kind]
            audit.append(connection, now, delivered,
                         {"grant": item.grant_id, "message": item.jti,
                          "receipt": outcome.receipt_status})
        case OutcomeKind.FAILED:
            outbox.record_failed(connection, item, reason)
            audit.append(connection, now, AuditAction.DELIVERY_REFUSED,
                         {"grant": item.grant_id, "message": item.jti, "reason": reason})
        case OutcomeKind.RETRY:
            outbox.record_retry(connection, item, reason, outcome.retry_after, now,
                                reached=outcome.reached)
        case _:
            assert_never(outcome.kind)


def _storable(text: str) -> str:
    """Text that came from a brand, as the database can store it: a lone surrogate (from
    a JSON escape, say) cannot be encoded as UTF-8, so it becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _rfc8935_error(body: bytes) -> str | None:
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(document, dict) or not isinstance(document.get("err"), str):
        return None
    description = document.get("description")
    text = str(document["err"])[:100]
    if isinstance(description, str) and description.strip():
        text += f": {description.strip()[:400]}"
    return text


def fetch_request(transport: Transport, address: str) -> tuple[str, str]:
    """GET `<origin>/.well-known/zero-party-data`; returns (origin, request text).

    Plain http is refused except to loopback hosts, where tests and demos run.
    """
    try:
        origin = canonical_origin(address.strip().rstrip("/") if "://" in address
                                  else f"https://{address.strip().rstrip('/')}")
    except ValueError as exc:
        raise TransportError(TransportFailure.REFUSED_URL, str(exc)) from None
    return origin, request_text(transport.get(origin + WELL_KNOWN_PATH, REQUEST_MEDIA_TYPES))


def request_text(response: Response) -> str:
    """The request in a fetch's answer: a 200 with text, else TransportError."""
    if response.status != 200:
        detail = f"HTTP {response.status}"
        if 300 <= response.status < 400:
            detail += " (redirects are not followed)"
        raise TransportError(TransportFailure.PROTOCOL, detail)
    try:
        return response.body.decode("utf-8")
    except UnicodeDecodeError:
        raise TransportError(TransportFailure.PROTOCOL, "the answer is not text") from None
