"""Receipts (PROTOCOL.md sections 5 and 8): the brand's signed acknowledgement of a message.

Required: `iss`, `aud`, `iat`, `ack.jti`, `ack.status`; optional: `jti` and (v1.1)
`ack.downstream`. The header's `kid` is optional: a receipt is checked with the key
pinned for the brand, whatever it names. `iat` is held to the same clock skew as
every other message.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import quote

from joserfc.jwk import OKPKey

from . import jose
from .claims import Reader, not_issued_later, single_audience
from .errors import ReceiptInvalid
from .event import GRANT_PAUSED, GRANT_RESUMED, GRANT_REVOKED

RECEIPT_TYP = "zpd-receipt+jwt"
STORED = "stored"
DELETED = "deleted"
DELETION_PENDING = "deletion_pending"  # v1.1
DELETION_FAILED = "deletion_failed"  # v1.1
PAUSED = "paused"  # v1.1
RESUMED = "resumed"  # v1.1
STATUSES = (STORED, DELETED, DELETION_PENDING, DELETION_FAILED, PAUSED, RESUMED)
FINAL = frozenset(STATUSES) - {DELETION_PENDING}
MAX_DOWNSTREAM = 100

# The statuses a receipt may give each kind of message: a share token, and each event.
TOKEN = "token"
EXPECTED: dict[str, frozenset[str]] = {
    TOKEN: frozenset({STORED}),
    GRANT_REVOKED: frozenset({DELETED, DELETION_PENDING, DELETION_FAILED}),
    GRANT_PAUSED: frozenset({PAUSED}),
    GRANT_RESUMED: frozenset({RESUMED}),
}


class Downstream(StrEnum):
    """Where deletion stands in one system the brand passed the data to."""

    PENDING = "pending"
    DELETED = "deleted"
    FAILED = "failed"
    NOT_HELD = "not_held"


@dataclass(frozen=True)
class DownstreamEntry:
    system: str
    status: Downstream
    at: int | None  # when that system confirmed, failed, or said it held nothing

    def to_claims(self) -> dict[str, Any]:
        return {"system": self.system, "status": str(self.status), "at": self.at}


@dataclass(frozen=True)
class Receipt:
    issuer: str  # the brand's origin
    audience: str  # the person's pseudonym
    iat: int
    jti: str  # "" when the receipt carries none
    ack_jti: str
    status: str
    downstream: tuple[DownstreamEntry, ...] | None = None  # None: not given

    @property
    def final(self) -> bool:
        return is_final(self.status)


def is_final(status: str) -> bool:
    """Whether a receipt with this status is the last word (all but deletion_pending)."""
    return status in FINAL


def issue(receipt: Receipt, brand_signing_key: OKPKey) -> str:
    """Sign a receipt; ValueError if its status is unknown or contradicts its downstream."""
    problem = _status_problem(receipt.status, receipt.downstream)
    if problem is not None:
        raise ValueError(f"{problem[0]}: {problem[1]}")
    ack: dict[str, Any] = {"jti": receipt.ack_jti, "status": receipt.status}
    if receipt.downstream is not None:
        ack["downstream"] = [entry.to_claims() for entry in receipt.downstream]
    claims: dict[str, Any] = {"iss": receipt.issuer, "aud": receipt.audience, "iat": receipt.iat}
    if receipt.jti:
        claims["jti"] = receipt.jti
    claims["ack"] = ack
    header = {"typ": RECEIPT_TYP, "kid": jose.thumbprint(brand_signing_key)}
    return jose.sign(header, claims, brand_signing_key)


def verify(
    token: str, brand_signing_jwk: dict[str, Any] | OKPKey, *, issuer: str, audience: str,
    ack_jti: str, status: str | Collection[str], now: int,
) -> Receipt:
    """Verify a receipt with the brand's pinned key (its JWK, or the key already imported
    from it), for the message it acknowledges; `status` is the status expected, or the
    statuses that fit that message (EXPECTED), and `now` the clock `iat` is held to."""
    key = (brand_signing_jwk if isinstance(brand_signing_jwk, OKPKey)
           else jose.import_public_key(brand_signing_jwk, "Ed25519"))
    _, raw = jose.verify(token, key, RECEIPT_TYP, ReceiptInvalid)
    reader = Reader(raw, "", ReceiptInvalid)
    ack = reader.obj("ack")
    receipt = Receipt(
        issuer=reader.text("iss", max_length=300),
        audience=single_audience(reader.raw("aud"), ReceiptInvalid),
        iat=reader.integer("iat"),
        jti=reader.text("jti", max_length=200) if reader.raw("jti") is not None else "",
        ack_jti=ack.text("jti", max_length=200),
        status=ack.text("status", max_length=20),
        downstream=_downstream(ack),
    )
    if receipt.issuer != issuer:
        raise ReceiptInvalid("bad_issuer", f"receipt is from {receipt.issuer!r}")
    if receipt.audience != audience:
        raise ReceiptInvalid("wrong_audience")
    not_issued_later(receipt.iat, now, ReceiptInvalid)
    if receipt.ack_jti != ack_jti:
        raise ReceiptInvalid("wrong_ack", "the receipt acknowledges another message")
    expected = {status} if isinstance(status, str) else set(status)
    if receipt.status not in expected:
        raise ReceiptInvalid("wrong_status",
                             f"expected {' or '.join(sorted(expected))}, got {receipt.status!r}")
    problem = _status_problem(receipt.status, receipt.downstream)
    if problem is not None:
        raise ReceiptInvalid(*problem)
    return receipt


def receipt_url(receipts_endpoint: str, jti: str) -> str:
    """Where the latest receipt for the message `jti` is polled: `<receipts>/<jti>`, the
    jti percent-encoded as one path segment."""
    return receipts_endpoint.rstrip("/") + "/" + quote(jti, safe="")


def _downstream(ack: Reader) -> tuple[DownstreamEntry, ...] | None:
    if ack.raw("downstream") is None:
        return None
    entries = []
    for item in ack.items("downstream", max_items=MAX_DOWNSTREAM, min_items=0):
        status = item.raw("status")
        if status not in tuple(Downstream):
            raise item.fail("status", "must be one of " + ", ".join(Downstream))
        at = None if item.raw("at") is None else item.integer("at")
        entries.append(DownstreamEntry(item.text("system", max_length=200), Downstream(status),
                                       at))
    systems = [entry.system for entry in entries]
    if len(set(systems)) != len(systems):
        raise ReceiptInvalid("bad_member", "ack.downstream names a system twice")
    return tuple(entries)


def _status_problem(
    status: str, downstream: tuple[DownstreamEntry, ...] | None
) -> tuple[str, str] | None:
    """(reason, detail) if the status is unknown or says otherwise than the downstream
    systems: deleted needs them all deleted or not holding it; deletion_pending one still
    pending (one that failed already is listed as failed, so the person sees it at once);
    deletion_failed one not confirmed."""
    if status not in STATUSES:
        return "unknown_status", f"{status!r} is not a receipt status"
    states = {entry.status for entry in downstream or ()}
    confirmed = states <= {Downstream.DELETED, Downstream.NOT_HELD}
    if status == DELETED and not confirmed:
        return "inconsistent_downstream", "deleted, yet a downstream system has not confirmed"
    if downstream and status == DELETION_PENDING and Downstream.PENDING not in states:
        return "inconsistent_downstream", "deletion_pending needs a system still pending"
    if downstream and status == DELETION_FAILED and confirmed:
        return "inconsistent_downstream", "deletion_failed, yet every downstream system confirmed"
    return None
