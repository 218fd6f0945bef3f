"""A brand for delivery tests: the brand kit's real receiver behind a loopback socket server
that can be switched off, so tests can say "down now, up again"."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from brandkit.errors import description
from brandkit.issuing import sign_spec
from brandkit.keys import BrandKeys, generate_keys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqliteStorage
from tests.brand_specs import COLOURS, SHOE_SIZE, shoe_shop_spec
from tests.delivery.servers import Received, Server, respond, serving
from zpd.errors import ProtocolError


def spec_for(origin: str) -> dict[str, Any]:
    return shoe_shop_spec(origin, SHOE_SIZE, COLOURS)


@dataclass
class LiveBrand:
    server: Server
    receiver: Receiver
    request: str
    keys: BrandKeys
    up: bool = True
    delay: float = 0.0  # seconds to wait before answering, for a slow brand
    hang_up: bool = False  # store what arrives, then close the connection without answering
    paths: list[str] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return self.server.origin

    def holds(self) -> dict[str, dict[str, Any]]:
        """grant id -> fields held now (empty once revoked)."""
        return {g.grant_id: g.fields for c in self.receiver.customers() for g in c.grants}

    def statuses(self) -> dict[str, str]:
        return {g.grant_id: g.status for c in self.receiver.customers() for g in c.grants}


@contextmanager
def live_brand() -> Iterator[LiveBrand]:
    keys = generate_keys()
    storage = SqliteStorage()
    box: list[LiveBrand] = []

    def handle(conn: socket.socket, received: Received) -> None:
        brand = box[0]
        time.sleep(brand.delay)
        if not brand.up:
            respond(conn, 503, headers={"Retry-After": "1"})
            return
        brand.paths.append(received.path)
        receive = (brand.receiver.receive_token if received.path.endswith("/grants")
                   else brand.receiver.receive_event)
        try:
            receipt = receive(received.body)
        except ProtocolError as error:
            body = json.dumps({"err": error.err, "description": description(error)})
            respond(conn, 400, body.encode(), {"Content-Type": "application/json"})
            return
        if brand.hang_up:
            return
        respond(conn, 202, receipt.encode(), {"Content-Type": "application/jwt"})

    with serving(handle) as server:
        request = sign_spec(spec_for(server.origin), keys, now=int(time.time()) - 60)
        server.well_known = request  # the vault fetches it from this loopback origin
        receiver = Receiver(keys, storage, server.origin)
        receiver.register_issued_request(request)
        box.append(LiveBrand(server, receiver, request, keys))
        yield box[0]
    storage.close()
