"""Brands for UI tests and renders: signed requests, and a transport that answers for them
in memory (accepting with a signed receipt, accepting bare, refusing, or down)."""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from joserfc.jwk import OKPKey

from tests.vault.exchange_helpers import DAY, fit_ask, news_ask, spec
from vault.errors import TransportError, TransportFailure
from vault.exchange.transport import LocalRule, Response, never_local
from zpd import jose, receipt
from zpd.errors import TokenInvalid
from zpd.request import sign_request

RECEIPT = "receipt"  # 202 with a signed receipt: "confirmed by the brand"
ACCEPT = "accept"  # 202 without a receipt: "delivered"
REFUSE = "refuse"  # 400 with an RFC 8935 error: "refused"
DOWN = "down"  # no connection: stays queued


@dataclass
class FakeBrand:
    origin: str
    name: str
    signing: OKPKey
    encryption: OKPKey
    body: dict[str, Any]
    mode: str = RECEIPT
    refusal: str = "the request named is unknown"

    def request(self, *, expired: bool = False, keys: tuple[OKPKey, OKPKey] | None = None,
                now: int | None = None) -> str:
        """Signed as at `now` (the vault's clock; the real time by default)."""
        now = int(time.time()) if now is None else now
        iat, exp = (now - 10 * DAY, now - DAY) if expired else (now - 60, now + 365 * DAY)
        signing, encryption = keys or (self.signing, self.encryption)
        return sign_request(self.body, signing, encryption, iat=iat, exp=exp)


def make_brand(origin: str, name: str, *, asks: list[dict[str, Any]] | None = None,
               description: str = "Shoes for everyone", mode: str = RECEIPT) -> FakeBrand:
    body = spec(origin, name, asks if asks is not None else [fit_ask(), news_ask()])
    body["brand"]["description"] = description
    return FakeBrand(origin, name, jose.generate_signing_key(), jose.generate_encryption_key(),
                     body, mode)


def _claims(compact: str) -> dict[str, Any]:
    value = json.loads(jose.b64u_decode(compact.split(".")[1]))
    assert isinstance(value, dict)
    return value


@dataclass
class FakeTransport:
    """A `vault.exchange.transport.Transport` that opens no socket: brands in memory."""

    brands: dict[str, FakeBrand] = field(default_factory=dict)
    pages: dict[str, str | BaseException] = field(default_factory=dict)  # GET url -> answer
    gate: threading.Event | None = None  # when set, GET waits for it
    posts: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.may_reach_local: LocalRule = never_local  # the vault sets its own

    def add(self, brand: FakeBrand) -> FakeBrand:
        self.brands[brand.origin] = brand
        return brand

    def get(self, url: str, accept: str) -> Response:
        if self.gate is not None:
            self.gate.wait(30)
        answer = self.pages.get(url)
        if answer is None:
            raise TransportError(TransportFailure.CONNECT, "connection refused")
        if isinstance(answer, BaseException):
            raise answer
        return Response(200, {"content-type": "application/jwt"}, answer.encode())

    def post(self, url: str, content_type: str, body: str) -> Response:
        self.posts.append(url)
        brand = next((b for o, b in self.brands.items() if url.startswith(o + "/")), None)
        if brand is None or brand.mode == DOWN:
            raise TransportError(TransportFailure.CONNECT, "connection refused")
        if brand.mode == REFUSE:
            error = {"err": "invalid_request", "description": brand.refusal}
            return Response(400, {"content-type": "application/json"},
                            json.dumps(error).encode())
        if brand.mode == ACCEPT:
            return Response(202, {}, b"")
        if content_type == "application/jwt":
            _, inner = jose.decrypt(body, brand.encryption, TokenInvalid)
            claims, status = _claims(inner), receipt.STORED
        else:
            claims, status = _claims(body), receipt.DELETED
        signed = receipt.issue(
            # Signed when the message was issued: the brand's clock agrees with the vault's.
            receipt.Receipt(brand.origin, str(claims["iss"]), int(claims["iat"]),
                            str(uuid.uuid4()), str(claims["jti"]), status),
            brand.signing,
        )
        return Response(202, {"content-type": "application/jwt"}, signed.encode())

    def close(self) -> None:
        pass
