"""A person's vault with one grant for a brand at a given origin, ready to deliver."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from joserfc.jwk import OKPKey

from tests.conftest import FAST_KDF, PASSPHRASE
from tests.delivery.servers import Server
from vault.exchange.transport import HttpTransport
from vault.vault import Vault
from zpd import jose
from zpd.request import sign_request

DAY = 86400


class Clock:
    def __init__(self) -> None:
        self.now = int(time.time())

    def __call__(self) -> int:
        return self.now


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
    spec: dict[str, Any] = {
        "iss": origin,
        "brand": {"name": "Shoes Example", "description": "Shoes that fit."},
        "endpoints": {"grants": origin + grants_path, "events": origin + events_path},
        "asks": [{
            "id": "fit-advice",
            "purpose": {"iri": "https://w3id.org/dpv#ServicePersonalisation",
                        "description": "Recommend shoes that fit you"},
            "fields": [{"key": "shoe_size_eu", "required": True, "why": "your size"},
                       {"key": "favourite_colours", "required": False, "why": "colours"}],
            "offer": {"kind": "discount", "description": "10% off"},
            "retention_days": 180, "duration_days": 90,
        }],
    }
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


@pytest.fixture
def person(tmp_path: Path) -> Iterator[Person]:
    clock = Clock()
    directory = tmp_path / "vault"
    created, _ = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)
    created.lock()
    vault = Vault.unlock(directory, PASSPHRASE, clock=clock)
    vault.delivery.transport = HttpTransport(connect_timeout=2, total_timeout=3)
    vault.fields.set("shoe_size_eu", 42)
    vault.fields.set("favourite_colours", ["navy"])
    yield Person(vault, clock, directory)
    if not vault.is_locked:
        vault.lock()


ShareWith = Callable[[Brand], str]


@pytest.fixture
def share_with(person: Person) -> ShareWith:
    """Fetch the brand's request from its origin and share with it; returns the grant id."""

    def share(brand: Brand) -> str:
        person.vault.brands.fetch(brand.origin)
        return person.vault.grants.share(brand.origin, "fit-advice").grant.id

    return share
