"""The brand's reference receiver over HTTP (PROTOCOL.md section 5), as a Starlette app.

    app = create_app(receiver, request_jws)   # serve with uvicorn, or serving.running(app)
    app = create_app(receiver, request_jws, page=PageSettings(token, hosts))   # with the page

- `GET /.well-known/zero-party-data`: the signed request exactly as issued
  (surrounding whitespace removed), `application/jwt`.
- `POST <path of endpoints.grants>`: a share token (`application/jwt`);
  `POST <path of endpoints.events>`: a grant event, a revocation, a pause or
  a resume (`application/secevent+jwt`). 202 with the signed receipt
  (`application/jwt`) as body. If both endpoints share a path, the content
  type says which one a message is.
- `GET /`: only with `page` (`holdings.py`): an HTML page of what the brand
  holds, the most recent customers first, for the allowed Host names and the
  token only. Without `page`, 404.
- `GET <path of endpoints.receipts>/<jti>` when the request names a receipts
  endpoint, and `POST /zpd/deletions/<event id>/ack` when a webhook subscriber
  confirms deletion (`receiptroutes.py`).
- Per-visit share links (`visitroutes.py`): `GET /zpd/visit/<id>`, each visit's
  signed request, always; with `links.api_token`, `POST /zpd/visits` and
  `GET /zpd/visits/<id>` for the brand's own backend; with `links.shop`, the
  sample shop page at /shop (`shop.py`).

No route answers for a path with a trailing slash added or removed: no
redirect (Starlette's would name a host taken from the request's Host).

Answers to a message, as the vault reads them:

- 400 with `{"err", "description"}` (RFC 8935 section 2.3) when it is refused
  (nothing was stored), and also when its content type is not the one its
  endpoint takes: that is a sender's mistake a retry cannot mend, and the
  vault retries any status but 202 and 400 (so not 415).
- 429 with `Retry-After` (seconds) for a message over a quota (`quotas.py`):
  nothing was stored, and the vault sends it again after that long.
- 413 for a body over `MAX_BODY_BYTES`: refused from its Content-Length
  before a byte of it is read, or as soon as the stream passes the limit; the
  connection is then closed rather than drained. 408 if the body takes longer
  than `BODY_SECONDS` to arrive (a sender that drips bytes holds no worker).
- 500 for anything else (the database, say), logged: the vault sends it again.

De-duplication on `jti` is the receiver's: the same message posted again gets
its first receipt again and is stored once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from zpd.errors import ProtocolError

from .errors import ACCESS_DENIED, INVALID_REQUEST, description
from .holdings import PageSettings, holdings_route
from .quotas import QuotaExceeded
from .receiptroutes import ack_route, receipts_route
from .receiver import Receiver
from .request_log import RequestLog
from .shop import shop_routes
from .visitroutes import ApiToken, visit_routes
from .visits import Visits

WELL_KNOWN_PATH = "/.well-known/zero-party-data"
JWT = "application/jwt"
SECEVENT_JWT = "application/secevent+jwt"
MAX_BODY_BYTES = 1024 * 1024
BODY_SECONDS = 30.0

NO_STORE = {"Cache-Control": "no-store"}

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LinkSettings:
    """What the receiver serves of per-visit share links besides each visit's request."""

    api_token: ApiToken | None = None  # POST /zpd/visits and GET /zpd/visits/<id>
    shop: bool = False  # the sample shop at /shop


@dataclass(frozen=True)
class Inbox:
    """One kind of message an endpoint takes: its content type and who receives it."""

    content_type: str
    what: str  # for the log: "share token", "revocation event"
    receive: Callable[[bytes, str | None], Awaitable[str]]  # (body, client) -> signed receipt


class BodyTooLarge(Exception):
    pass


def create_app(
    receiver: Receiver, request_jws: str, *, page: PageSettings | None = None,
    links: LinkSettings | None = None, max_body_bytes: int = MAX_BODY_BYTES,
    body_seconds: float = BODY_SECONDS,
) -> Starlette:
    """The receiver's web app for `request_jws`, a request this brand signed; with `page`,
    the page of what the brand holds at /.

    Registers the request with the receiver (idempotent), so tokens that name
    it are accepted. RequestInvalid if it is not this brand's request for the
    receiver's origin; ValueError if an endpoint's path cannot be routed.
    """
    request = receiver.register_issued_request(request_jws)
    brand_name = request.body.brand.name
    inboxes: dict[str, dict[str, Inbox]] = {}
    for url, inbox in (
        (request.body.grants_endpoint, Inbox(
            JWT, "share token",
            lambda body, client: receiver.receive_token_async(body, client=client),
        )),
        (request.body.events_endpoint, Inbox(
            SECEVENT_JWT, "grant event",
            lambda body, _: run_in_threadpool(receiver.receive_event, body),
        )),
    ):
        inboxes.setdefault(endpoint_path(url), {})[inbox.content_type] = inbox

    async def well_known(_: Request) -> Response:
        return Response(request.jws, media_type=JWT)

    routes: list[BaseRoute] = [Route(WELL_KNOWN_PATH, well_known, methods=["GET"])]
    if page is not None:
        routes.append(holdings_route(receiver, brand_name, page))
    links = links or LinkSettings()
    visits = Visits(receiver.keys, receiver.storage, request)
    routes += visit_routes(visits, links.api_token)
    if links.shop:
        routes += shop_routes(visits, request)
    if request.body.receipts_endpoint is not None:
        routes.append(receipts_route(receiver, endpoint_path(request.body.receipts_endpoint)))
    if receiver.fanout.subscribers.confirming():
        routes.append(ack_route(receiver, receiver.fanout.subscribers))
    for path, by_type in inboxes.items():
        routes.append(
            Route(path, _endpoint(by_type, max_body_bytes, body_seconds), methods=["POST"])
        )
    app = Starlette(routes=routes, middleware=[Middleware(RequestLog)])
    app.router.redirect_slashes = False
    app.state.data_request = request
    return app


def endpoint_path(url: str) -> str:
    """The path an endpoint URL is served at; ValueError if it cannot be routed."""
    path = unquote(urlsplit(url).path) or "/"
    if "{" in path or "}" in path:
        raise ValueError(f"endpoint path {path!r}: braces cannot be routed")
    return path


def _endpoint(
    inboxes: dict[str, Inbox], max_body_bytes: int, body_seconds: float
) -> Callable[[Request], Awaitable[Response]]:
    expected = " or ".join(sorted(inboxes))

    async def deliver(request: Request) -> Response:
        content_type = media_type(request.headers.get("content-type", ""))
        inbox = inboxes.get(content_type)
        if inbox is None:
            sent = content_type[:100] or "no Content-Type"
            return refusal(INVALID_REQUEST, f"unsupported_media_type: send {expected}, not {sent}")
        try:
            async with asyncio.timeout(body_seconds):
                body = await read_body(request, max_body_bytes)
        except BodyTooLarge:
            return closing(413, f"too_large: a message is at most {max_body_bytes} bytes")
        except TimeoutError:
            return closing(408, f"timeout: the body did not arrive within {body_seconds:g} s")
        except ClientDisconnect:
            return Response(status_code=400)  # nobody is listening any more
        client = request.client.host if request.client else None
        try:
            receipt = await inbox.receive(body, client)
        except ProtocolError as error:
            return refusal(error.err, description(error))
        except QuotaExceeded as over:
            return JSONResponse(
                {"err": ACCESS_DENIED, "description": str(over)}, 429,
                headers={**NO_STORE, "Retry-After": str(over.retry_after)},
            )
        except Exception:
            logger.exception("a %s could not be processed; the sender will retry", inbox.what)
            return PlainTextResponse(
                "the message could not be processed now; send it again later", 500,
                headers=NO_STORE,
            )
        return Response(receipt, 202, media_type=JWT, headers=NO_STORE)

    return deliver


async def read_body(request: Request, limit: int) -> bytes:
    """The body, or BodyTooLarge as soon as it is known to exceed `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BodyTooLarge
    return bytes(body)


def media_type(header: str) -> str:
    """`application/jwt; charset=ascii` -> `application/jwt` (case-insensitive)."""
    return header.split(";", 1)[0].strip().lower()


def refusal(err: str, detail: str) -> JSONResponse:
    """RFC 8935 section 2.3: 400 with the error code and a description."""
    return JSONResponse({"err": err, "description": detail}, 400, headers=NO_STORE)


def closing(status: int, detail: str) -> JSONResponse:
    """An answer after which the connection is closed, its unread body left unread."""
    return JSONResponse(
        {"err": INVALID_REQUEST, "description": detail}, status,
        headers={**NO_STORE, "Connection": "close"},
    )
