"""A sample shop page, to try the button flow end to end (`zpv-brand serve --sample-shop`).

    routes = shop_routes(visits, request)              # added by create_app(shop=True)

- `GET /shop`: a product page with a **Share from my vault** button: a fresh per-visit
  request's `zpd://` link, and its QR code. The request's `return_uri` brings the person
  back to this visit's page (`/shop?visit=<key>`), which shows its status again.
- `GET /shop/status/<key>`: `{"state", "message"}` for the page's status line, which
  its script (`/shop/shop.js`) asks for every few seconds: "Thanks, we now know your
  shoe size (EU): 42." once the grant arrives, "deleted" after a revocation.

A real shop does this in its own backend with `POST /zpd/visits`, keyed by the
customer's session; here the key of the visit is a random one in the page's address,
kept in memory (the last MAX_PAGES), and new visits are limited per client address.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections import OrderedDict
from importlib import resources

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from zpd.request import DataRequest

from . import shoppage
from .quotas import NewCustomerRate, QuotaExceeded
from .visits import Visits, link_qr_svg

SHOP_PATH = "/shop"
ASSETS = SHOP_PATH + "/"
MAX_PAGES = 10_000  # visits the shop remembers a key for
NEW_VISITS_PER_MINUTE = 60  # per client address
KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")

PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
ASSET_TYPES = {
    "shop.js": "text/javascript; charset=utf-8", "shop.css": "text/css; charset=utf-8",
    "icon.svg": "image/svg+xml",
}


class ShopVisits:
    """Which visit each shop page key names, the last MAX_PAGES of them; thread-safe."""

    def __init__(self, limit: int = MAX_PAGES) -> None:
        self._limit = limit
        self._visits: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, key: str, visit_id: str) -> None:
        with self._lock:
            self._visits[key] = visit_id
            while len(self._visits) > self._limit:
                self._visits.popitem(last=False)

    def get(self, key: str) -> str | None:
        with self._lock:
            return self._visits.get(key)


def shop_routes(
    visits: Visits, request: DataRequest, *, per_minute: int = NEW_VISITS_PER_MINUTE,
) -> list[BaseRoute]:
    ask = request.body.asks[0]
    pages = ShopVisits()
    rate = NewCustomerRate(per_minute)
    assets = {name: _asset(name) for name in ASSET_TYPES}

    def page_of(key: str, client: str | None) -> str | None:
        visit_id = pages.get(key)
        if visit_id is None:
            if client is not None:
                rate.admit(client)
            visit, _ = visits.start(ask=ask.id, return_uri=f"{visits.origin}{SHOP_PATH}?"
                                    f"visit={key}")
            pages.add(key, visit.visit_id)
            visit_id = visit.visit_id
        state = visits.state(visit_id)
        if state is None:
            return None
        link = visits.link(state.visit)
        return shoppage.render(
            request, ask, link, link_qr_svg(link), f"{SHOP_PATH}/status/{key}",
            shoppage.status_message(state, ask), ASSETS,
        )

    async def shop(http: Request) -> Response:
        key = http.query_params.get("visit", "")
        if not KEY.fullmatch(key) or pages.get(key) is None:
            key = secrets.token_urlsafe(16)  # an unknown key is a new visit, never chosen
        client = http.client.host if http.client else None
        try:
            body = await run_in_threadpool(page_of, key, client)
        except QuotaExceeded as over:
            return PlainTextResponse(
                "Too many new visits from your address: try again in a minute.", 429,
                headers={"Retry-After": str(over.retry_after), "Cache-Control": "no-store"},
            )
        if body is None:
            return PlainTextResponse("This visit is gone.", 404, headers=PAGE_HEADERS)
        return HTMLResponse(body, headers=PAGE_HEADERS)

    async def status(http: Request) -> Response:
        key = http.path_params["key"]
        visit_id = pages.get(key) if KEY.fullmatch(key) else None
        state = None if visit_id is None else await run_in_threadpool(visits.state, visit_id)
        if state is None:
            return JSONResponse({"state": "unknown", "message": "This visit is gone."}, 404,
                                headers={"Cache-Control": "no-store"})
        shown, message = shoppage.status_message(state, ask)
        return JSONResponse({"state": shown, "message": message},
                            headers={"Cache-Control": "no-store"})

    def asset(name: str) -> Route:
        async def serve(_: Request) -> Response:
            return Response(assets[name], media_type=ASSET_TYPES[name], headers={
                "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"})
        return Route(ASSETS + name, serve, methods=["GET"])

    return [
        Route(SHOP_PATH, shop, methods=["GET"]),
        Route(SHOP_PATH + "/status/{key}", status, methods=["GET"]),
        *(asset(name) for name in ASSET_TYPES),
    ]


def _asset(name: str) -> bytes:
    return resources.files("brandkit").joinpath("static", name).read_bytes()
