"""A brand's downstream system for the webhook tests: a real HTTP server on loopback that
checks every delivery with the independent `standardwebhooks` package.

    with subscriber_server() as crm:
        crm.url, crm.secret          # for the webhooks file
        crm.behaviour = "fail"       # ok, fail (500), slow, redirect, accept (202), retry_after
        crm.wait_for(3)              # until 3 distinct event ids were received
        crm.events()                 # the verified payloads, in order, one per id

It de-duplicates by `webhook-id`, as a subscriber should: `deliveries` counts every
attempt that reached it, `events()` each id once. A delivery whose signature does not
verify is answered 401 and recorded in `rejected`.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from standardwebhooks import Webhook, WebhookVerificationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from brandkit.serving import running
from brandkit.subscribers import new_secret

PATH = "/hooks/zpd"


@dataclass
class Subscriber:
    url: str
    secret: str
    behaviour: str = "ok"
    slow_seconds: float = 3.0
    deliveries: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # every attempt
    rejected: int = 0
    arrived: int = 0  # verified deliveries that reached the handler, answered or not yet
    _seen: dict[str, dict[str, Any]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, event_id: str, payload: dict[str, Any]) -> None:
        with self._lock:
            self.deliveries.append((event_id, payload))
            self._seen.setdefault(event_id, payload)

    def events(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._seen.values())

    def ids(self) -> list[str]:
        with self._lock:
            return list(self._seen)

    def attempts(self, event_id: str) -> int:
        with self._lock:
            return sum(1 for seen, _ in self.deliveries if seen == event_id)

    def wait_for(self, count: int, timeout: float = 20.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while len(self.ids()) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(self.ids())} events arrived, not {count}")
            time.sleep(0.02)
        return self.events()

    def config(self, name: str, **more: Any) -> dict[str, Any]:
        return {"name": name, "url": self.url, "secret": self.secret, "events": ["*"],
                "timeout": 2, **more}


def app_for(subscriber: Subscriber) -> Starlette:
    async def hook(request: Request) -> Response:
        body = await request.body()
        try:
            payload = Webhook(subscriber.secret).verify(body, dict(request.headers))
        except WebhookVerificationError:
            subscriber.rejected += 1
            return PlainTextResponse("bad signature", 401)
        subscriber.arrived += 1
        behaviour = subscriber.behaviour
        if behaviour == "slow":
            await asyncio.sleep(subscriber.slow_seconds)
        subscriber.record(request.headers["webhook-id"], payload)
        if behaviour == "fail":
            return PlainTextResponse("down for maintenance", 500)
        if behaviour == "retry_after":
            return PlainTextResponse("later", 503, headers={"Retry-After": "3"})
        if behaviour == "redirect":
            return Response(status_code=307, headers={"Location": "http://127.0.0.1:9/elsewhere"})
        if behaviour == "accept":
            return Response(status_code=202)
        return Response(status_code=204)

    return Starlette(routes=[Route(PATH, hook, methods=["POST"])])


@contextmanager
def subscriber_server(secret: str | None = None) -> Iterator[Subscriber]:
    subscriber = Subscriber("", secret or new_secret())
    with running(app_for(subscriber)) as address:
        subscriber.url = address.url.rstrip("/") + PATH
        yield subscriber


@contextmanager
def garbage_server() -> Iterator[tuple[str, list[int]]]:
    """A server that answers every connection with bytes that are not HTTP; (its URL, a
    list that counts the connections)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    connections: list[int] = []
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            connections.append(1)
            with conn:
                conn.settimeout(2)
                try:
                    conn.recv(65536)
                    conn.sendall(b"\x00\xffNOT HTTP AT ALL\r\n\r\n" * 10)
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}{PATH}", connections
    finally:
        stop.set()
        thread.join(5)
        listener.close()


@contextmanager
def endless_answer_server() -> Iterator[tuple[str, list[int]]]:
    """A server that answers each request 200 with a Content-Length of 200 MB and sends
    for as long as the client reads; (its URL, the bytes it got through, per answer)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    sent: list[int] = []
    stop = threading.Event()
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 209715200\r\n\r\n"

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(5)
                count = 0
                try:
                    conn.recv(65536)
                    conn.sendall(head)
                    while count < 209715200 and not stop.is_set():
                        conn.sendall(b"x" * 65536)
                        count += 65536
                except OSError:
                    pass
                sent.append(count)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}{PATH}", sent
    finally:
        stop.set()
        thread.join(10)
        listener.close()


def closed_port_url() -> str:
    """A loopback URL where nothing listens."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}{PATH}"


def webhooks_file(path: Any, subscribers: list[dict[str, Any]]) -> Any:
    path.write_text(json.dumps({"subscribers": subscribers}))
    return path
