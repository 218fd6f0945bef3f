"""Real brands on loopback: the brand kit's receiver behind a socket server that can be
switched off (so tests can say "down now, up again"), or its Starlette app under uvicorn."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp

from brandkit.errors import description
from brandkit.keys import BrandKeys
from brandkit.receiver import Receiver
from brandkit.server import create_app
from brandkit.serving import TlsFiles, address_of, bind, running
from tests.support.addresses import url_host
from tests.support.brands import RealBrand, real_brand, shoe_shop
from tests.support.servers import Received, Server, respond, serving
from zpd.errors import ProtocolError

Json = dict[str, Any]


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
        brand = real_brand(server.origin)
        server.well_known = brand.request  # the vault fetches it from this loopback origin
        box.append(LiveBrand(server, brand.receiver, brand.request, brand.keys))
        try:
            yield box[0]
        finally:
            brand.close()


@dataclass
class TlsBrand:
    """A served brand as a vault reaches it over TLS: where, its receiver, the authority."""

    origin: str
    receiver: Receiver
    ca_bundle: str

    def holds(self) -> dict[str, tuple[int, dict[str, Any], str]]:
        """grant id -> (version, fields, status)."""
        return {g.grant_id: (g.version, g.fields, g.status)
                for c in self.receiver.customers() for g in c.grants}


@contextmanager
def served_brand(
    database: Path, spec: Callable[[str], Json] = shoe_shop, *, address: str = "127.0.0.1",
    host: str | None = None, tls: TlsFiles | None = None,
    around: Callable[[ASGIApp], ASGIApp] | None = None,
) -> Iterator[RealBrand]:
    """The brand kit's app under uvicorn on `address` (https with `tls`), for an origin
    naming `host` (the address by default) and the port it got, issuing `spec(origin)`;
    its receiver stores into `database`. `around` wraps the app (to slow it down, say)."""
    sock = bind(address, 0)
    scheme = "https" if tls is not None else "http"
    origin = f"{scheme}://{url_host(host or address)}:{address_of(sock).port}"
    brand = real_brand(origin, spec(origin), database=database)
    app = create_app(brand.receiver, brand.request)
    try:
        with running(around(app) if around else app, sock=sock, tls=tls):
            yield brand
    finally:
        brand.close()
