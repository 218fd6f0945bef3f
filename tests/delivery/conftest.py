"""A person's vault with fields to share, and a way to share them with a brand at a given
origin, ready to deliver (tests/support/request_only.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.clock import Clock
from tests.support.request_only import Brand, Person, ShareWith
from tests.support.vaults import FAST_KDF, PASSPHRASE
from vault.exchange.transport import HttpTransport
from vault.vault import Vault


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


@pytest.fixture
def share_with(person: Person) -> ShareWith:
    """Fetch the brand's request from its origin and share with it; returns the grant id."""

    def share(brand: Brand) -> str:
        person.vault.brands.fetch(brand.origin)
        return person.vault.grants.share(brand.origin, "fit-advice").grant.id

    return share
