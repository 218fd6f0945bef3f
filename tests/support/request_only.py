"""A brand that is only its keys and a signed request, published by a loopback server of a
test's own (tests/support/servers.py) whose answers misbehave on purpose; the person who
shares with it; and a brand the vault trusted when it fetched, and no longer trusts."""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import trustme
from joserfc.jwk import OKPKey

from tests.support.clock import DAY, Clock
from tests.support.servers import Server, respond, serving
from tests.support.specs import COLOURS, SHOE_SIZE, ask, request_spec
from vault.exchange.transport import HttpTransport
from vault.vault import Vault
from zpd import jose
from zpd.request import sign_request


@dataclass
class Brand:
    origin: str
    signing: OKPKey
    encryption: OKPKey
    request: str


def make_brand(origin: str, server: Server | None = None, *, grants_path: str = "/zpd/grants",
               events_path: str = "/zpd/events") -> Brand:
    """A brand at `origin`; `server` (listening there) publishes its request, so the vault
    fetches it from that loopback origin, the only way this computer may be reached."""
    signing, encryption = jose.generate_signing_key(), jose.generate_encryption_key()
    spec = request_spec(origin, asks=[ask(fields=[SHOE_SIZE, COLOURS])],
                        grants_path=grants_path, events_path=events_path)
    now = int(time.time())
    request = sign_request(spec, signing, encryption, iat=now - 60, exp=now + 365 * DAY)
    if server is not None:
        server.well_known = request
    return Brand(origin, signing, encryption, request)


@dataclass
class Person:
    vault: Vault
    clock: Clock
    directory: Path


ShareWith = Callable[[Brand], str]  # shares with the brand; returns the grant id


@contextmanager
def shared_then_distrusted(person: Person, share_with: ShareWith,
                           directory: Path) -> Iterator[tuple[Server, str]]:
    """A grant for a brand over TLS whose certificate the vault trusted when it fetched the
    request, and no longer does (it trusts another authority now); yields the server, which
    answers 202 to anything, and the grant's id."""
    trusted, impostor = trustme.CA(), trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    impostor.issue_cert("127.0.0.1").configure_cert(context)
    bundle, impostors = directory / "trusted.pem", directory / "impostor.pem"
    trusted.cert_pem.write_to_path(str(bundle))
    impostor.cert_pem.write_to_path(str(impostors))
    with serving(lambda conn, _: respond(conn, 202), tls=context) as server:
        person.vault.delivery.transport = HttpTransport(ca_bundle=str(impostors), total_timeout=3)
        grant_id = share_with(make_brand(f"https://127.0.0.1:{server.port}", server))
        person.vault.delivery.transport = HttpTransport(ca_bundle=str(bundle), total_timeout=3)
        yield server, grant_id
