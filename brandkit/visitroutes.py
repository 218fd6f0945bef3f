"""Per-visit share links over HTTP, for the brand's own web backend (PROTOCOL.md section 7).

    routes = visit_routes(visits, ApiToken(token))       # added by create_app(visits=...)

- `GET /zpd/visit/<id>`: the visit's signed request (`application/jwt`), which is its
  `request_uri`; public, as the person's vault fetches it. 404 for an unknown id.
- `POST /zpd/visits` (bearer): a new per-visit request. The JSON body (at most
  MAX_BODY_BYTES) may hold `ask` (an ask id the link opens), `return_uri` (on the
  brand's origin), `reference` (the brand's own name for the visitor, kept, never
  sent) and `seconds` (the link's life, 1 to 3600; 900 by default); nothing else.
  201 with `{"id", "link", "request_uri", "request_jti", "qr_svg", "status_url",
  "expires_at"}`; 400 with `{"error", "description"}` for a body it cannot take.
- `GET /zpd/visits/<id>` (bearer): `visits.state_json`: `pending`, `shared` (with
  the grant's pseudonym, id, version, status and data), `revoked` or `expired`.

The bearer token is the one in `zpv-brand serve --api-token-file`: compared in
constant time, taken only from the `Authorization` header (a query string can
end up in logs), and never logged. Without a token, only the request route is served.
"""

from __future__ import annotations

import hmac
import json
import re
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from zpd.errors import RequestInvalid
from zpd.text import storable

from .visits import VISIT_PATH, VisitRefused, Visits, state_json

MAX_BODY_BYTES = 16 * 1024
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_.~+/=-]{32,512}")
VISIT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
VISIT_MEMBERS = frozenset({"ask", "return_uri", "reference", "seconds"})
JWT = "application/jwt"
NO_STORE = {"Cache-Control": "no-store"}


@dataclass(frozen=True)
class ApiToken:
    """The bearer token of the visits API (at least 32 characters of a token's alphabet)."""

    token: str

    def __post_init__(self) -> None:
        if not TOKEN_PATTERN.fullmatch(self.token):
            raise ValueError("the API token must be 32 to 512 characters of A-Z a-z 0-9 and "
                             "-._~+/=")

    def admits(self, request: Request) -> bool:
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer":
            return False
        return hmac.compare_digest(given.strip().encode("utf-8", "replace"),
                                   self.token.encode("ascii"))


def visit_routes(visits: Visits, api_token: ApiToken | None) -> list[BaseRoute]:
    async def signed_request(request: Request) -> Response:
        visit_id = request.path_params["visit_id"]
        jws = await run_in_threadpool(visits.request_of, visit_id) if VISIT_ID.fullmatch(
            visit_id) else None
        if jws is None:
            return Response("no such visit", 404, media_type="text/plain", headers=NO_STORE)
        return Response(jws, media_type=JWT, headers=NO_STORE)

    routes: list[BaseRoute] = [
        Route(VISIT_PATH + "{visit_id}", signed_request, methods=["GET"]),
    ]
    if api_token is None:
        return routes

    async def create(request: Request) -> Response:
        if not api_token.admits(request):
            return _unauthorised()
        try:
            options = _options(await _body(request))
            visit, signed = await run_in_threadpool(lambda: visits.start(**options))
        except (VisitRefused, RequestInvalid) as exc:
            return _bad(str(exc))
        status_url = f"{visits.origin}/zpd/visits/{visit.visit_id}"
        return JSONResponse({
            "id": visit.visit_id, "link": signed.link, "request_uri": signed.request_uri,
            "request_jti": signed.jti, "qr_svg": signed.qr_svg, "status_url": status_url,
            "expires_at": signed.exp,
        }, 201, headers={**NO_STORE, "Location": status_url})

    async def status(request: Request) -> Response:
        if not api_token.admits(request):
            return _unauthorised()
        visit_id = request.path_params["visit_id"]
        state = await run_in_threadpool(visits.state, visit_id) if VISIT_ID.fullmatch(
            visit_id) else None
        if state is None:
            return JSONResponse({"error": "not_found", "description": "no such visit"}, 404,
                                headers=NO_STORE)
        return JSONResponse(state_json(state), headers=NO_STORE)

    routes += [
        Route("/zpd/visits", create, methods=["POST"]),
        Route("/zpd/visits/{visit_id}", status, methods=["GET"]),
    ]
    return routes


async def _body(request: Request) -> object:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise VisitRefused(f"a body is at most {MAX_BODY_BYTES} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise VisitRefused(f"a body is at most {MAX_BODY_BYTES} bytes")
    if not body.strip():
        return {}
    try:
        return json.loads(bytes(body).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise VisitRefused("the body is not JSON") from None


def _options(body: object) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise VisitRefused("the body is a JSON object")
    if not storable(body):  # before any of it is signed, stored or said back
        raise VisitRefused("the body holds a lone surrogate or U+0000, which is not text")
    unknown = sorted(set(body) - VISIT_MEMBERS)
    if unknown:
        raise VisitRefused(f"unknown member {unknown[0]!r}: give ask, return_uri, reference "
                           "or seconds")
    for name in ("ask", "return_uri", "reference"):
        if body.get(name) is not None and not isinstance(body[name], str):
            raise VisitRefused(f"{name} is a string")
    seconds = body.get("seconds")
    if seconds is not None and (isinstance(seconds, bool) or not isinstance(seconds, int)):
        raise VisitRefused("seconds is a whole number")
    options = {name: body[name] for name in ("ask", "return_uri", "reference")
               if body.get(name) is not None}
    if seconds is not None:
        options["seconds"] = seconds
    return options


def _unauthorised() -> Response:
    return JSONResponse(
        {"error": "unauthorised", "description": "give the API token as a bearer token"}, 401,
        headers={**NO_STORE, "WWW-Authenticate": 'Bearer realm="zpv-brand visits"'},
    )


def _bad(detail: str) -> Response:
    return JSONResponse({"error": "invalid_request", "description": " ".join(detail.split())},
                        400, headers=NO_STORE)
