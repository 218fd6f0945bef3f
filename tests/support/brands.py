"""Real brands for tests: what the brand kit makes (keys, a signed request, a receiver on
its own storage), without any transport; tests/support/in_process.py and
tests/support/live_brand.py put one behind a transport or a socket.

A receiver may keep a test's clock (`ClockedReceiver`), so that what it checks and signs
agrees with a vault whose clock the test moves."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brandkit.issuing import sign_spec
from brandkit.keys import BrandKeys, generate_keys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqliteStorage
from brandkit.storage import Storage
from tests.support.clock import DAY
from tests.support.specs import COLOURS, SHOE_SIZE, ask, request_spec

Json = dict[str, Any]


def shoe_shop(origin: str) -> Json:
    """The spec most brand tests issue: one ask, fit-advice, for the shoe size and colours."""
    return request_spec(origin, asks=[ask(fields=[SHOE_SIZE, COLOURS])])


class ClockedReceiver(Receiver):
    """The brand kit's receiver, reading the time from `clock` when a caller (its web app)
    gives none: every check and receipt as the real one makes them, at the test's time."""

    def __init__(self, keys: BrandKeys, storage: Storage, origin: str,
                 clock: Callable[[], int]) -> None:
        super().__init__(keys, storage, origin)
        self.clock = clock

    def receive_token(self, jwe_text: str | bytes, now: int | None = None, *,
                      client: str | None = None) -> str:
        return super().receive_token(jwe_text, self.clock() if now is None else now,
                                     client=client)

    async def receive_token_async(self, jwe_text: str | bytes, now: int | None = None, *,
                                  client: str | None = None) -> str:
        return await super().receive_token_async(
            jwe_text, self.clock() if now is None else now, client=client)

    def receive_event(self, set_text: str | bytes, now: int | None = None) -> str:
        return super().receive_event(set_text, self.clock() if now is None else now)


@dataclass
class RealBrand:
    origin: str
    keys: BrandKeys
    spec: Json
    request: str  # the request it issued and registered
    receiver: Receiver
    storage: SqliteStorage

    def sign(self, *, now: int | None = None, expired: bool = False,
             keys: BrandKeys | None = None) -> str:
        """Its spec signed again, as at `now` (the real time by default): a day past its
        expiry with `expired`, under other `keys` if given. Not registered."""
        now = int(time.time()) if now is None else now
        if expired:
            return sign_spec(self.spec, keys or self.keys, now=now - 10 * DAY, days=9)
        return sign_spec(self.spec, keys or self.keys, now=now - 60)

    def holds(self) -> dict[str, dict[str, Any]]:
        """grant id -> fields held now (empty once revoked)."""
        return {g.grant_id: g.fields for c in self.receiver.customers() for g in c.grants}

    def statuses(self) -> dict[str, str]:
        return {g.grant_id: g.status for c in self.receiver.customers() for g in c.grants}

    def close(self) -> None:
        self.storage.close()


def real_brand(origin: str, spec: Json | None = None, *, now: int | None = None,
               database: Path | None = None, clock: Callable[[], int] | None = None,
               ) -> RealBrand:
    """A brand at `origin` issuing `spec` (`shoe_shop` by default), signed a minute before
    `now` (`clock`'s time, or the real time), and its receiver with the request registered,
    on `clock` if given; storage in memory unless `database` names a file."""
    keys = generate_keys()
    spec = spec if spec is not None else shoe_shop(origin)
    if now is None:
        now = clock() if clock is not None else int(time.time())
    request = sign_spec(spec, keys, now=now - 60)
    storage = SqliteStorage(database) if database is not None else SqliteStorage()
    receiver = (Receiver(keys, storage, origin) if clock is None
                else ClockedReceiver(keys, storage, origin, clock))
    receiver.register_issued_request(request, now=now)
    return RealBrand(origin, keys, spec, request, receiver, storage)
