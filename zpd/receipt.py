"""Receipts (PROTOCOL.md section 5): the brand's signed acknowledgement of a token or event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from joserfc.jwk import OKPKey

from . import jose
from .claims import Reader
from .errors import ReceiptInvalid

RECEIPT_TYP = "zpd-receipt+jwt"
STORED = "stored"
DELETED = "deleted"


@dataclass(frozen=True)
class Receipt:
    issuer: str  # the brand's origin
    audience: str  # the person's pseudonym
    iat: int
    jti: str
    ack_jti: str
    status: str


def issue(receipt: Receipt, brand_signing_key: OKPKey) -> str:
    claims = {
        "iss": receipt.issuer,
        "aud": receipt.audience,
        "iat": receipt.iat,
        "jti": receipt.jti,
        "ack": {"jti": receipt.ack_jti, "status": receipt.status},
    }
    header = {"typ": RECEIPT_TYP, "kid": jose.thumbprint(brand_signing_key)}
    return jose.sign(header, claims, brand_signing_key)


def verify(
    token: str, brand_signing_jwk: dict[str, Any] | OKPKey, *, issuer: str, audience: str,
    ack_jti: str, status: str,
) -> Receipt:
    """Verify a receipt with the brand's pinned key (its JWK, or the key already imported
    from it), for the message it acknowledges."""
    key = (brand_signing_jwk if isinstance(brand_signing_jwk, OKPKey)
           else jose.import_public_key(brand_signing_jwk, "Ed25519"))
    _, raw = jose.verify(token, key, RECEIPT_TYP, ReceiptInvalid)
    reader = Reader(raw, "", ReceiptInvalid)
    ack = reader.obj("ack")
    receipt = Receipt(
        issuer=reader.text("iss", max_length=300),
        audience=reader.text("aud", max_length=200),
        iat=reader.integer("iat"),
        jti=reader.text("jti", max_length=200),
        ack_jti=ack.text("jti", max_length=200),
        status=ack.text("status", max_length=20),
    )
    if receipt.issuer != issuer:
        raise ReceiptInvalid("bad_issuer", f"receipt is from {receipt.issuer!r}")
    if receipt.audience != audience:
        raise ReceiptInvalid("wrong_audience")
    if receipt.ack_jti != ack_jti:
        raise ReceiptInvalid("wrong_ack", "the receipt acknowledges another message")
    if receipt.status != status:
        raise ReceiptInvalid("wrong_status", f"expected {status!r}, got {receipt.status!r}")
    return receipt
