"""The page of what the brand holds, over HTTP: who may see it, and which view of it.

    settings = PageSettings(new_token(), allowed_host_names("127.0.0.1", origin))
    route = holdings_route(receiver, brand_name, settings)     # GET /, added by create_app

- Only for a `Host` in `allowed_hosts` (Starlette's TrustedHostMiddleware;
  400 otherwise): a page fetched by DNS rebinding carries the attacker's name.
- Only with the token, as `?token=...` (the address `zpv-brand serve --page`
  prints) or `Authorization: Bearer ...`: none is a 401, a wrong one a 403,
  and neither shows anything. Compared in constant time.
- `?page=N` (from 1): CUSTOMERS_PER_PAGE customers, the most recently active
  first, each with their last GRANTS_PER_CUSTOMER grants. Field values are
  masked unless `values=shown` (the page's "Show values" link).
- Read and rendered in a worker thread: the event loop, and with it every
  endpoint, never waits for the page.
"""

from __future__ import annotations

import hmac
import ipaddress
import math
import re
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from . import page
from .receiver import Receiver

CUSTOMERS_PER_PAGE = 20
GRANTS_PER_CUSTOMER = 20
SHOWN = "shown"  # ?values=shown
MAX_PAGE_DIGITS = 9
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{22,256}")  # at least 128 bits, URL-safe
WILDCARD_HOSTS = {"", "0.0.0.0", "::"}

PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class PageSettings:
    token: str  # who holds it may see the page
    allowed_hosts: tuple[str, ...]  # Host header names the page answers to
    customers_per_page: int = CUSTOMERS_PER_PAGE
    grants_per_customer: int = GRANTS_PER_CUSTOMER

    def __post_init__(self) -> None:
        if not TOKEN_PATTERN.fullmatch(self.token):
            raise ValueError("the page token must be 22 to 256 characters of A-Z a-z 0-9 _ -")
        if not self.allowed_hosts:
            raise ValueError("the page needs at least one allowed host name")
        if self.customers_per_page < 1 or self.grants_per_customer < 1:
            raise ValueError("customers per page and grants per customer must be at least 1")

    def address(self, base_url: str) -> str:
        """The page's address with its token, from the server's `http://host:port/`."""
        return base_url + "?" + urlencode({"token": self.token})


def new_token() -> str:
    return secrets.token_urlsafe(32)


def host_name(host: str) -> str:
    """A host as TrustedHostMiddleware compares it: lower case, an IPv6 literal in brackets."""
    host = host.strip().lower()
    bare = host.strip("[]")
    try:
        if ipaddress.ip_address(bare).version == 6:
            return f"[{bare}]"
    except ValueError:
        pass
    return host


def allowed_host_names(bind_host: str, origin: str, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The bind host (unless it is a wildcard), the origin's host, and `extra`, once each."""
    names = [] if bind_host in WILDCARD_HOSTS else [bind_host]
    names.append(urlsplit(origin).hostname or "")
    names.extend(extra)
    return tuple(dict.fromkeys(host_name(n) for n in names if n.strip()))


def holdings_route(receiver: Receiver, brand_name: str, settings: PageSettings) -> Route:
    """GET / for the page, behind the host check and the token."""
    expected = settings.token.encode("ascii")
    per_page = settings.customers_per_page

    def href(number: int, show_values: bool) -> str:
        query = {"token": settings.token, "page": str(number)}
        if show_values:
            query["values"] = SHOWN
        return "?" + urlencode(query)

    def build(number: int, show_values: bool) -> str:
        now = int(time.time())
        recent = receiver.recent_customers(
            now, limit=per_page, offset=(number - 1) * per_page,
            grants_each=settings.grants_per_customer,
        )
        view = page.View(number, max(1, math.ceil(recent.total / per_page)), show_values)
        return page.render(brand_name, receiver.origin, recent, now, view, href)

    async def holdings(request: Request) -> Response:
        given = _given_token(request)
        if given is None:
            return PlainTextResponse(
                "This page needs its token: open the address `zpv-brand serve --page` printed.",
                401, headers={"WWW-Authenticate": 'Bearer realm="zpv-brand page"',
                              "Cache-Control": "no-store"},
            )
        if not hmac.compare_digest(given.encode("utf-8", "replace"), expected):
            return PlainTextResponse("Wrong token.", 403, headers={"Cache-Control": "no-store"})
        number = _page_number(request.query_params.get("page", ""))
        show_values = request.query_params.get("values") == SHOWN
        body = await run_in_threadpool(build, number, show_values)
        return HTMLResponse(body, headers=PAGE_HEADERS)

    return Route("/", holdings, methods=["GET"], middleware=[
        Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts),
                   www_redirect=False),
    ])


def _given_token(request: Request) -> str | None:
    authorization = request.headers.get("authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.query_params.get("token") or None


def _page_number(text: str) -> int:
    if text.isascii() and text.isdigit() and len(text) <= MAX_PAGE_DIGITS:
        return max(1, int(text))
    return 1
