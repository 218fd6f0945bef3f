"""Brands in this process: the brand kit's real receiver behind its Starlette app, reached
through `BrandsInProcess`, a `vault.exchange.transport.Transport` that opens no socket
(tests/support/asgi.py). Every share token and event meets the brand kit's real checks,
gets its real receipt or refusal, and is kept by its real storage.

What a receiver does not do by itself is arranged around it: a brand that is down (its
connection refused), slow (an exchange waits for a gate), whose address fails in transit
(TLS, a refused address...), or that refuses every share because it never issued the
request the person holds (`refuses`: its real "unknown request" answer).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from joserfc.jwk import OKPKey
from starlette.types import ASGIApp

from brandkit.server import create_app
from tests.support import asgi
from tests.support.brands import ClockedReceiver, RealBrand, real_brand
from tests.support.clock import DAY
from tests.support.specs import request_spec
from vault.errors import TransportError, TransportFailure
from vault.exchange.transport import LocalRule, Response, never_local
from zpd.request import sign_request

WELL_KNOWN = "/.well-known/zero-party-data"


def real_time() -> int:
    return int(time.time())


@dataclass
class InProcessBrand:
    made: RealBrand
    app: ASGIApp
    name: str
    held_request: str  # what the person is given: the request issued, unless it `refuses`
    down: bool = False  # its connections are refused; set back to False, it is up again

    @property
    def origin(self) -> str:
        return self.made.origin

    @property
    def body(self) -> dict[str, Any]:
        return self.made.spec

    @property
    def signing(self) -> OKPKey:
        return self.made.keys.signing

    @property
    def encryption(self) -> OKPKey:
        return self.made.keys.encryption

    def request(self, *, expired: bool = False, keys: tuple[OKPKey, OKPKey] | None = None,
                now: int | None = None) -> str:
        """The request the person is given; with `expired`, other `keys` or another `now`, a
        new signature of the same spec, which the brand never issued."""
        if not expired and keys is None and now is None:
            return self.held_request
        now = int(time.time()) if now is None else now
        iat, exp = (now - 10 * DAY, now - DAY) if expired else (now - 60, now + 365 * DAY)
        signing, encryption = keys or (self.signing, self.encryption)
        return sign_request(self.body, signing, encryption, iat=iat, exp=exp)

    def holds(self) -> dict[str, dict[str, Any]]:
        return self.made.holds()

    def statuses(self) -> dict[str, str]:
        return self.made.statuses()


def in_process_brand(
    origin: str, name: str = "Shoes Example", *, asks: list[dict[str, Any]] | None = None,
    description: str = "Shoes for everyone", refuses: bool = False, down: bool = False,
    clock: Callable[[], int] | None = None,
) -> InProcessBrand:
    """A brand at `origin` asking `asks` (fit-advice and newsletter by default), its request
    signed at `clock`'s time (the real time by default), its receiver on that clock."""
    clock = clock or real_time
    made = real_brand(origin, request_spec(origin, name, asks, description=description),
                      clock=clock)
    held = made.sign(now=clock()) if refuses else made.request
    return InProcessBrand(made, create_app(made.receiver, made.request), name, held, down)


@dataclass
class BrandsInProcess:
    """A transport to the brands added to it. With `clock`, their receivers keep that time
    (the vault's), so what they check and sign agrees with the vault's moved clock."""

    clock: Callable[[], int] | None = None
    brands: dict[str, InProcessBrand] = field(default_factory=dict)
    failures: dict[str, BaseException] = field(default_factory=dict)  # url -> raised in transit
    gate: threading.Event | None = None  # when set, every exchange waits for it: a slow brand
    posts: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.may_reach_local: LocalRule = never_local  # the vault sets its own

    def add(self, brand: InProcessBrand) -> InProcessBrand:
        if self.clock is not None and isinstance(brand.made.receiver, ClockedReceiver):
            brand.made.receiver.clock = self.clock
        self.brands[brand.origin] = brand
        return brand

    def get(self, url: str, accept: str) -> Response:
        return self._exchange("GET", url, {"accept": accept}, b"")

    def post(self, url: str, content_type: str, body: str) -> Response:
        self.posts.append(url)
        return self._exchange("POST", url, {"content-type": content_type}, body.encode())

    def close(self) -> None:
        pass

    def _exchange(self, method: str, url: str, headers: dict[str, str],
                  body: bytes) -> Response:
        if self.gate is not None:
            self.gate.wait(30)
        failure = self.failures.get(url)
        if failure is not None:
            raise failure
        brand = next((b for origin, b in self.brands.items() if url.startswith(origin + "/")),
                     None)
        if brand is None or brand.down:
            raise TransportError(TransportFailure.CONNECT, "connection refused")
        answer = asgi.call(brand.app, method, url, headers, body)
        return Response(answer.status, answer.headers, answer.body)
