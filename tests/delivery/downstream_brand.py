"""A brand that passes the data on: the brand kit's real receiver, served by uvicorn on
loopback with its receipts endpoint, its webhook dispatcher, and two real subscribers that
confirm deletion (checked with `standardwebhooks`, tests/brandkit/subscriber.py): "crm"
confirms by answering its grant.revoked, "mail" later at the deletion ack endpoint.

Its receipts endpoint can be made to misbehave (`receipts_fault`), to show that one
brand's polls never hold back another's."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from starlette.types import ASGIApp, Receive, Scope, Send

from brandkit.dispatch import Dispatcher, RetrySchedule
from brandkit.fanout import Fanout
from brandkit.issuing import sign_spec
from brandkit.keys import BrandKeys, generate_keys
from brandkit.receiver import Receiver
from brandkit.server import create_app
from brandkit.serving import bind, running
from brandkit.sqlstorage import SqliteStorage
from brandkit.subscribers import parse_subscribers
from tests.brandkit.subscriber import Subscriber, subscriber_server
from tests.support.specs import fit_ask, request_spec
from tests.support.waiting import wait_until

ACK_TOKEN = "mail-ack-token-0123456789-abcdefghijkl"
FAST = RetrySchedule((0.3, 0.3, 0.3), jitter=0.0)
TIMEOUT = 10


class FaultyReceipts:
    """The app, but its receipts endpoint answers as `fault` says: "" (as the app does),
    "500" (with Retry-After: 3600), "garbage" (200 with text that is no receipt) or
    "slow" (waits `slow_seconds`, then as the app does)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.fault = ""
        self.slow_seconds = 5.0
        self.polls = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/zpd/receipts/"):
            await self.app(scope, receive, send)
            return
        self.polls += 1
        if self.fault == "slow":
            await asyncio.sleep(self.slow_seconds)
        if self.fault in ("500", "garbage"):
            status, body = (500, b"down") if self.fault == "500" else (200, b"not.a.receipt")
            headers = [(b"content-type", b"application/jwt")]
            if self.fault == "500":
                headers.append((b"retry-after", b"3600"))
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


@dataclass
class DownstreamBrand:
    origin: str
    keys: BrandKeys
    receiver: Receiver
    storage: SqliteStorage
    crm: Subscriber
    mail: Subscriber
    served: FaultyReceipts

    def revoked_id(self, subscriber: Subscriber) -> str:
        """The id of the grant.revoked event the subscriber received."""
        wait_until(lambda: any(p["type"] == "grant.revoked" for _, p in subscriber.deliveries))
        return next(i for i, p in subscriber.deliveries if p["type"] == "grant.revoked")

    def wait_confirmed(self, name: str) -> None:
        """Until the receiver recorded the answer of the system `name` to its grant.revoked."""
        wait_until(lambda: all(d.status != "pending" for d in self.storage.atomically(
            lambda t: t.deletions(subscriber=name), write=False)))

    def crm_back(self) -> None:
        """The crm system, down until now, answers again; its events that ran out of tries
        go again (as `zpv-brand webhooks retry` does)."""
        self.crm.behaviour = "ok"
        self.storage.atomically(lambda t: t.retry_webhooks(
            subscriber="crm", event_ids=(), now_ms=int(time.time() * 1000)))

    def mail_acks(self, status: str, note: str | None = None) -> None:
        """The mail system confirms (or reports failure) at the deletion ack endpoint."""
        body: dict[str, Any] = {"status": status} | ({"note": note} if note else {})
        answer = requests.post(
            f"{self.origin}/zpd/deletions/{self.revoked_id(self.mail)}/ack", json=body,
            headers={"Authorization": f"Bearer {ACK_TOKEN}"}, timeout=TIMEOUT)
        assert answer.status_code == 200, answer.text


@contextmanager
def downstream_brand(
    directory: Path, name: str = "Shoes Example", *, receipts: bool = True
) -> Iterator[DownstreamBrand]:
    """The brand, its request naming its receipts endpoint unless `receipts` is False."""
    keys = generate_keys()
    sock = bind("127.0.0.1", 0)
    origin = f"http://127.0.0.1:{sock.getsockname()[1]}"
    spec = request_spec(origin, name, [fit_ask()],
                        receipts_path="/zpd/receipts" if receipts else None)
    request = sign_spec(spec, keys, now=int(time.time()) - 60)
    with ExitStack() as stack:
        crm = stack.enter_context(subscriber_server())
        mail = stack.enter_context(subscriber_server())
        mail.behaviour = "accept"  # 202: it confirms later, at the ack endpoint
        config = parse_subscribers({"subscribers": [
            crm.config("crm", confirms_deletion=True),
            mail.config("mail", confirms_deletion=True, ack_token=ACK_TOKEN)]})
        directory.mkdir(parents=True, exist_ok=True)
        storage = SqliteStorage(directory / "receiver.sqlite3")
        stack.callback(storage.close)
        queue = SqliteStorage(directory / "receiver.sqlite3")
        stack.callback(queue.close)
        receiver = Receiver(keys, storage, origin, fanout=Fanout(config, 30 * 86400))
        receiver.register_issued_request(request)
        dispatcher = Dispatcher(receiver, queue, config, schedule=FAST, poll_seconds=0.05,
                                sweep_seconds=0.1)
        receiver.on_stored = dispatcher.wake
        dispatcher.start()
        stack.callback(dispatcher.stop)
        served = FaultyReceipts(create_app(receiver, request))
        stack.enter_context(running(served, sock=sock))
        yield DownstreamBrand(origin, keys, receiver, storage, crm, mail, served)
