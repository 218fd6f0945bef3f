"""Two routes of the receiver beyond the messages: the latest receipts, and deletion acks.

- `GET <path of endpoints.receipts>/<jti>` (when the request names a receipts endpoint,
  PROTOCOL.md section 8): 200 with the latest signed receipt of that token or event
  (`application/jwt`), or 404. A receipt carries statuses only; the jti, a random id
  the person's vault chose, is what asks for it.
- `POST /zpd/deletions/<event id>/ack`, for a subscriber that confirms deletion and
  has an `ack_token`: `Authorization: Bearer <its ack_token>` and a JSON body
  `{"status": "deleted" | "failed", "note": "..."}` (note optional, at most 500
  characters, kept for the brand, never put in a receipt). 200 with
  `{"event_id", "status", "receipt": "final" | "pending"}`; 401 without a bearer
  token, 403 with one no subscriber has, 404 for an event that is not a deletion
  waiting on that subscriber, 409 if another answer was recorded first (or the
  deadline passed), 400 for a body that is not such JSON.
"""

from __future__ import annotations

import hmac
import json

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from zpd.text import storable

from . import deletions
from .receiver import Receiver
from .subscribers import Subscriber, Subscribers

ACK_ROUTE = "/zpd/deletions/{event_id}/ack"
MAX_ACK_BYTES = 4096
JWT = "application/jwt"
NO_STORE = {"Cache-Control": "no-store"}


def receipts_route(receiver: Receiver, path: str) -> Route:
    async def latest(request: Request) -> Response:
        jti = request.path_params["jti"]
        # No stored jti holds U+0000 or a lone surrogate, and PostgreSQL cannot compare one.
        receipt = await run_in_threadpool(receiver.latest_receipt, jti) if storable(jti) else None
        if receipt is None:
            return JSONResponse({"err": "not_found", "description": "no receipt for this jti"},
                                404, headers=NO_STORE)
        return Response(receipt, 200, media_type=JWT, headers=NO_STORE)

    return Route(path.rstrip("/") + "/{jti:path}", latest, methods=["GET"])


def ack_route(receiver: Receiver, subscribers: Subscribers) -> Route:
    async def ack(request: Request) -> Response:
        subscriber = _bearer(request, subscribers)
        if isinstance(subscriber, Response):
            return subscriber
        event_id = request.path_params["event_id"]
        status, note = await _answer(request)
        if status is None:
            return _error(400, "invalid_request",
                          'send {"status": "deleted" | "failed", "note": "..."} as JSON')
        found = await run_in_threadpool(receiver.deletion, event_id) if storable(event_id) \
            else None
        if found is None or found.subscriber != subscriber.name:
            return _error(404, "not_found", "no deletion of yours waits under this event id")
        answer = await run_in_threadpool(receiver.confirm_deletion, event_id, status, note)
        if answer.outcome == deletions.Outcome.CONFLICT:
            recorded = answer.deletion.status if answer.deletion else "?"
            return _error(409, "conflict", f"already recorded as {recorded}")
        return JSONResponse({"event_id": event_id, "status": status,
                             "receipt": "final" if answer.final else "pending"},
                            headers=NO_STORE)

    return Route(ACK_ROUTE, ack, methods=["POST"])


def _bearer(request: Request, subscribers: Subscribers) -> Subscriber | Response:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return _error(401, "unauthorized", "send Authorization: Bearer <your ack_token>",
                      {"WWW-Authenticate": "Bearer"})
    offered = token.strip().encode()
    match = None
    for subscriber in subscribers:  # every one compared, in constant time
        if subscriber.ack_token is not None and hmac.compare_digest(
                offered, subscriber.ack_token.encode()):
            match = subscriber
    if match is None:
        return _error(403, "forbidden", "no subscriber has this token")
    return match


async def _answer(request: Request) -> tuple[str | None, str | None]:
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_ACK_BYTES:
            return None, None
    try:
        document = json.loads(bytes(body).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, None
    if not isinstance(document, dict):
        return None, None
    status, note = document.get("status"), document.get("note")
    if status not in (deletions.DELETED, deletions.FAILED):
        return None, None
    if note is not None and (not isinstance(note, str) or len(note) > deletions.MAX_NOTE
                             or not storable(note)):
        return None, None
    return status, note


def _error(status: int, err: str, description: str,
           headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"err": err, "description": description}, status,
                        headers={**NO_STORE, **(headers or {})})
