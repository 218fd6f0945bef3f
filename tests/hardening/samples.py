"""One valid message of each wire format, with what is needed to check it, for the
tamper and fuzz tests. Every check raises a ProtocolError subclass on refusal."""

from __future__ import annotations

import base64
import binascii
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.support.specs import COLOURS, SHOE_SIZE, ask, ask_field, request_spec
from zpd import event, jose, receipt, token
from zpd.pairwise import pairwise_key
from zpd.request import sign_request, verify_request

ORIGIN = "https://shoes.example"
NOW = int(time.time())


@dataclass(frozen=True)
class Sample:
    name: str
    text: str
    check: Callable[[str], object]  # raises a ProtocolError when the text is refused


def spec(origin: str = ORIGIN) -> dict[str, Any]:
    """A request with every member v1.1 knows: a brand question (with a translation), a
    receipts endpoint, a return address and a processor."""
    question = {
        "label": "Where?", "type": "choice",
        "choices": [{"value": "road", "label": "Road"}, {"value": "trail", "label": "Trail"}],
        "category": "https://w3id.org/dpv/pd#Preference",
        "translations": {"el": {"label": "Πού;", "choices": {
            "road": "Δρόμος", "trail": "Μονοπάτι"}}}}
    return request_spec(
        origin, description="Shoes that fit.", brand={"contact": "mailto:p@shoes.example"},
        asks=[ask(fields=[SHOE_SIZE, COLOURS,
                          ask_field("q:surface", "the sole", question=question)])],
        receipts_path="/zpd/receipts", return_uri=f"{origin}/thanks", processors=["esp.example"],
    )


def samples() -> list[Sample]:
    brand_signing, brand_encryption = jose.generate_signing_key(), jose.generate_encryption_key()
    request_text = sign_request(spec(), brand_signing, brand_encryption, iat=NOW - 60,
                                exp=NOW + 86400 * 30)
    request = verify_request(request_text, NOW)
    pairwise = pairwise_key(os.urandom(32), ORIGIN)
    pseudonym = jose.thumbprint_uri(pairwise)
    claims = token.GrantClaims(
        pseudonym=pseudonym, audience=ORIGIN, iat=NOW, nbf=NOW, exp=NOW + 86400 * 90,
        jti=str(uuid.uuid4()), grant_id=str(uuid.uuid4()), version=1,
        request_jti=request.jti, ask_id="fit-advice", request_sha256=request.sha256,
        purpose_iri="https://w3id.org/dpv#ServicePersonalisation",
        purpose_description="Recommend shoes that fit you", retention_days=180,
        data={"shoe_size_eu": 42, "favourite_colours": ["navy", "ochre"]},
    )
    brand_encryption_jwk = jose.public_jwk(brand_encryption, "enc")
    inner_text = token.sign_inner(claims, pairwise)
    token_text = token.encrypt_to_brand(inner_text, brand_encryption_jwk)
    event_text = event.issue(event.RevocationEvent(
        issuer=pseudonym, audience=ORIGIN, iat=NOW, jti=str(uuid.uuid4()), toe=NOW,
        grant_id=claims.grant_id, reason="person",
    ), pairwise)
    pause_text = event.issue(event.GrantEvent(
        issuer=pseudonym, audience=ORIGIN, iat=NOW, jti=str(uuid.uuid4()), toe=NOW,
        grant_id=claims.grant_id, type=event.GRANT_PAUSED,
    ), pairwise)
    ack = str(uuid.uuid4())
    # A revocation's receipt while deletion waits downstream: every member v1.1 knows.
    receipt_text = receipt.issue(receipt.Receipt(
        ORIGIN, pseudonym, NOW, str(uuid.uuid4()), ack, receipt.DELETION_PENDING, (
            receipt.DownstreamEntry("esp.example", receipt.Downstream.PENDING, None),
            receipt.DownstreamEntry("crm", receipt.Downstream.DELETED, NOW)),
    ), brand_signing)
    pairwise_jwk = jose.public_jwk(pairwise)
    # Imported once, as the vault and the brand kit hold them, not once per text checked.
    brand_key = jose.import_public_key(jose.public_jwk(brand_signing, "sig"), "Ed25519")
    recipient = jose.import_public_key(brand_encryption_jwk, "X25519")
    recipient_kid = jose.thumbprint(recipient)
    return [
        Sample("request", request_text, lambda text: verify_request(text, NOW)),
        Sample("token", token_text,
               lambda text: token.open_token(text, brand_encryption, ORIGIN, NOW)),
        # Anyone can encrypt to the brand: a changed inner JWS, freshly encrypted (as
        # token.encrypt_to_brand does), must fail on its own signature.
        Sample("token-inner", inner_text, lambda text: token.open_token(
            jose.encrypt(text, recipient, recipient_kid), brand_encryption, ORIGIN, NOW)),
        Sample("event", event_text, lambda text: event.verify(text, pairwise_jwk, ORIGIN, NOW)),
        Sample("event-pause", pause_text,
               lambda text: event.verify(text, pairwise_jwk, ORIGIN, NOW)),
        Sample("receipt", receipt_text, lambda text: receipt.verify(
            text, brand_key, issuer=ORIGIN, audience=pseudonym, ack_jti=ack,
            status=receipt.EXPECTED[event.GRANT_REVOKED], now=NOW)),
    ]


def strict_segments(text: str) -> list[bytes] | None:
    """The compact serialization's segments, each decoded by a strict base64url decoder;
    None if any segment is not canonical base64url text."""
    decoded = []
    for segment in text.split("."):
        if any(ch not in _ALPHABET for ch in segment):
            return None
        try:
            decoded.append(base64.b64decode(segment + "=" * (-len(segment) % 4), altchars=b"-_",
                                            validate=True))
        except (binascii.Error, ValueError):
            return None
    return decoded


_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def with_byte(text: str, position: int, value: int) -> str:
    """`text` (ASCII) with the byte at `position` replaced, read back one char per byte."""
    data = bytearray(text.encode("ascii"))
    data[position] = value
    return data.decode("latin-1")
