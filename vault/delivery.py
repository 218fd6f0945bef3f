"""Deliver the outbox to brands, and fetch a brand's request from its well-known address.

Network exchanges never happen inside a database transaction: the due items
are read, their attempt is counted, they are sent, and the results are recorded,
each together with its audit entry, in short transactions of a few messages
(RECORD_BATCH, or RECORD_SECONDS' worth, whichever comes first).
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from joserfc.jwk import OKPKey

from zpd import jose, receipt
from zpd.errors import ProtocolError
from zpd.origin import canonical_origin

from . import audit, outbox, tokens
from .outbox import OutboxItem
from .store import Connection, Store
from .transport import Response, Transport, TransportError

WELL_KNOWN_PATH = "/.well-known/zero-party-data"
# Outcomes are written a few at a time, each with its audit entry: one sync to disk per
# batch, not per message (docs/performance.md). A crash before a batch is written loses
# only its records: those messages were counted as attempted, so they are sent again and
# the brand, which de-duplicates on jti, answers with the receipt it gave the first time.
RECORD_BATCH = 50
RECORD_SECONDS = 0.5
REQUEST_MEDIA_TYPES = "application/jwt, application/zpd-request+jwt, text/plain"


@dataclass
class FlushReport:
    delivered: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    retrying: list[str] = field(default_factory=list)

    @property
    def attempted(self) -> int:
        return len(self.delivered) + len(self.failed) + len(self.retrying)


@dataclass(frozen=True)
class Outcome:
    """What one exchange with the brand came to."""

    kind: str  # delivered, failed, retry
    reason: str = ""
    receipt: str | None = None
    receipt_status: str | None = None
    warning: str | None = None
    retry_after: int | None = None


def flush(
    store: Store, transport: Transport, clock: Callable[[], int], *, limit: int = 500,
) -> FlushReport:
    """Send everything due now, in order, until nothing is due (revocations become due
    once their grant is delivered within the same flush)."""
    report = FlushReport()
    tried: set[str] = set()
    keys = ReceiptKeys(store)
    while True:
        items = [i for i in outbox.due(store, clock(), limit) if i.jti not in tried]
        if not items:
            return report
        outbox.mark_attempting(store, items, clock())
        pending: list[tuple[OutboxItem, Outcome, int]] = []
        since = time.monotonic()
        try:
            for item in items:
                tried.add(item.jti)
                outcome = exchange(store, transport, item, keys)
                if not pending:
                    since = time.monotonic()
                pending.append((item, outcome, clock()))
                if len(pending) >= RECORD_BATCH or time.monotonic() - since >= RECORD_SECONDS:
                    batch, pending = pending, []
                    record_all(store, batch)
                {"delivered": report.delivered, "failed": report.failed,
                 "retry": report.retrying}[outcome.kind].append(item.jti)
        finally:
            record_all(store, pending)  # before asking what is due next: revocations wait


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


def exchange(
    store: Store, transport: Transport, item: OutboxItem, keys: ReceiptKeys | None = None,
) -> Outcome:
    """POST one message and judge the answer. Touches no database row."""
    try:
        response = transport.post(item.endpoint, item.content_type, item.body)
    except TransportError as exc:
        return Outcome("retry", f"{exc.kind}: {exc.detail}" if exc.detail else exc.kind)
    return judge(store, item, response, keys)


def judge(
    store: Store, item: OutboxItem, response: Response, keys: ReceiptKeys | None = None,
) -> Outcome:
    if response.status == 202:
        return _accepted(store, item, response, keys or ReceiptKeys(store))
    if response.status == 400:
        refusal = _rfc8935_error(response.body)
        if refusal is not None:
            return Outcome("failed", refusal)
    reason = f"HTTP {response.status}"
    if 300 <= response.status < 400:
        reason += " redirect refused"
    return Outcome("retry", reason, retry_after=_retry_after(response.header("retry-after")))


def _accepted(store: Store, item: OutboxItem, response: Response, keys: ReceiptKeys) -> Outcome:
    text = response.body.decode("utf-8", "replace").strip()
    if not text:
        return Outcome("delivered", warning="accepted without a receipt")
    expected = receipt.STORED if item.kind == "grant" else receipt.DELETED
    signing_key, pseudonym = keys.of(item.brand_origin)
    try:
        verified = receipt.verify(
            text, signing_key, issuer=item.brand_origin,
            audience=pseudonym, ack_jti=item.jti, status=expected,
        )
    except ProtocolError as exc:
        # The brand accepted the message; only its proof is unusable, so it is not kept
        # and the message is not sent again.
        return Outcome("delivered", warning=f"receipt rejected: {exc}")
    return Outcome("delivered", receipt=text, receipt_status=verified.status)


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
    if outcome.kind == "delivered":
        outbox.record_delivered(connection, item, outcome.receipt, outcome.receipt_status,
                                outcome.warning, now)
        audit.append(connection, now, f"delivery.{item.kind}_delivered",
                     {"grant": item.grant_id, "message": item.jti,
                      "receipt": outcome.receipt_status})
    elif outcome.kind == "failed":
        outbox.record_failed(connection, item, outcome.reason)
        audit.append(connection, now, "delivery.refused",
                     {"grant": item.grant_id, "message": item.jti, "reason": outcome.reason})
    else:
        outbox.record_retry(connection, item, outcome.reason, outcome.retry_after, now)


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


def _retry_after(value: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return int(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0, int(when.timestamp() - time.time()))


def fetch_request(transport: Transport, address: str) -> tuple[str, str]:
    """GET `<origin>/.well-known/zero-party-data`; returns (origin, request text).

    Plain http is refused except to loopback hosts, where tests and demos run.
    """
    try:
        origin = canonical_origin(address.strip().rstrip("/") if "://" in address
                                  else f"https://{address.strip().rstrip('/')}")
    except ValueError as exc:
        raise TransportError("refused_url", str(exc)) from None
    response = transport.get(origin + WELL_KNOWN_PATH, REQUEST_MEDIA_TYPES)
    if response.status != 200:
        detail = f"HTTP {response.status}"
        if 300 <= response.status < 400:
            detail += " (redirects are not followed)"
        raise TransportError("protocol", detail)
    try:
        return origin, response.body.decode("utf-8")
    except UnicodeDecodeError:
        raise TransportError("protocol", "the answer is not text") from None
