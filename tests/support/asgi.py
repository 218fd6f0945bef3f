"""One HTTP exchange with an ASGI app in this process: no socket, the app's own routing,
status codes, headers and bodies. Each call runs on an event loop of its own, so it may be
made from any thread (the vault's workers included)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import anyio
from starlette.types import ASGIApp, Message


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


def call(app: ASGIApp, method: str, url: str, headers: dict[str, str] | None = None,
         body: bytes = b"") -> Answer:
    """`method url` with `headers` and `body`, as a client at 127.0.0.1 would send it."""
    return anyio.run(_exchange, app, method, url, dict(headers or {}), body)


async def _exchange(app: ASGIApp, method: str, url: str, headers: dict[str, str],
                    body: bytes) -> Answer:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    sent = {"host": parts.netloc, "content-length": str(len(body)), **headers}
    scope: dict[str, Any] = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
        "method": method, "scheme": parts.scheme, "path": parts.path or "/",
        "raw_path": (parts.path or "/").encode(), "query_string": parts.query.encode(),
        "root_path": "", "client": ("127.0.0.1", 50000), "server": (parts.hostname, port),
        "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in sent.items()],
    }
    answered = anyio.Event()
    request_sent = False
    status, answer_headers, chunks = 500, {}, bytearray()

    async def receive() -> Message:
        nonlocal request_sent
        if not request_sent:
            request_sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await answered.wait()  # only once the answer is complete does the client go away
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
            answer_headers.update((k.decode("latin-1").lower(), v.decode("latin-1"))
                                  for k, v in message.get("headers", []))
        elif message["type"] == "http.response.body":
            chunks.extend(message.get("body", b""))
            if not message.get("more_body", False):
                answered.set()

    await app(scope, receive, send)
    return Answer(status, answer_headers, bytes(chunks))
