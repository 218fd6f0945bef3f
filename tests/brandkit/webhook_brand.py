"""A brand with webhook subscribers, in process: the receiver on a SQLite file (or a
PostgreSQL URL) and a dispatcher on its own connection, as `zpv-brand serve` runs them."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brandkit.database import open_storage
from brandkit.dispatch import Dispatcher, RetrySchedule
from brandkit.fanout import Fanout
from brandkit.issuing import sign_spec
from brandkit.keys import BrandKeys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqlStorage
from brandkit.subscribers import Subscribers, parse_subscribers
from tests.support.people import ORIGIN, Person, spec
from zpd import receipt as zpd_receipt
from zpd.request import DataRequest, verify_request

FAST = RetrySchedule((0.3, 0.3, 0.3), jitter=0.0)  # three retries, a third of a second apart


def receipts_request(keys: BrandKeys) -> str:
    endpoints = {"grants": f"{ORIGIN}/zpd/grants", "events": f"{ORIGIN}/zpd/events",
                 "receipts": f"{ORIGIN}/zpd/receipts"}
    return sign_spec(spec(endpoints=endpoints), keys, now=int(time.time()) - 60)


@dataclass
class Brand:
    receiver: Receiver
    storage: SqlStorage
    dispatcher: Dispatcher
    subscribers: Subscribers
    request: DataRequest
    keys: BrandKeys

    def share(self, person: Person, **options: Any) -> str:
        now = int(time.time())
        options.setdefault("iat", now)
        return self.receiver.receive_token(person.token(self.request, **options), now)

    def event(self, person: Person, kind: str, grant_id: str = "grant-1") -> str:
        now = int(time.time())
        return self.receiver.receive_event(person.grant_event(kind, grant_id, iat=now), now)

    def revoke(self, person: Person, grant_id: str = "grant-1", jti: str | None = None) -> str:
        now = int(time.time())
        return self.receiver.receive_event(person.revocation(grant_id, jti=jti, iat=now), now)

    def verify_receipt(self, receipt: str, person: Person, ack_jti: str) -> zpd_receipt.Receipt:
        return zpd_receipt.verify(
            receipt, self.keys.public_jwks()["keys"][0], issuer=ORIGIN, audience=person.pseudonym,
            ack_jti=ack_jti, status=zpd_receipt.STATUSES, now=int(time.time()))


@contextmanager
def webhook_brand(
    location: str, keys: BrandKeys, subscribers: list[dict[str, Any]], *,
    deadline: int = 30 * 86400, schedule: RetrySchedule = FAST, start: bool = True,
    request_jws: str | None = None,
) -> Iterator[Brand]:
    config = parse_subscribers({"subscribers": subscribers})
    request_jws = request_jws or receipts_request(keys)
    storage = open_storage(location)
    queue = storage if location.endswith(":memory:") else open_storage(location)
    receiver = Receiver(keys, storage, ORIGIN, fanout=Fanout(config, deadline))
    receiver.register_issued_request(request_jws)
    dispatcher = Dispatcher(receiver, queue, config, schedule=schedule, poll_seconds=0.05,
                            sweep_seconds=0.1)
    receiver.on_stored = dispatcher.wake
    if start:
        dispatcher.start()
    try:
        yield Brand(receiver, storage, dispatcher, config,
                    verify_request(request_jws, int(time.time())), keys)
    finally:
        dispatcher.stop()
        storage.close()
        if queue is not storage:
            queue.close()


def sqlite_location(directory: Path) -> str:
    return str(directory / "receiver.sqlite3")
