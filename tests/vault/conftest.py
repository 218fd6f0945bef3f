"""Fixtures shared by the exchange tests: a clock the test moves, a brand's keys, and the
made vault opened on that clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.brand_keys import BrandKeys
from tests.support.clock import Clock
from tests.support.vaults import MadeVault
from vault.vault import Vault


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def keys() -> BrandKeys:
    return BrandKeys.generate()


@pytest.fixture
def pv(made_vault: MadeVault, clock: Clock) -> Iterator[Vault]:
    """The made vault, unlocked on `clock`; locked again after the test."""
    opened = Vault.unlock(made_vault.directory, made_vault.passphrase, clock=clock)
    yield opened
    if not opened.is_locked:
        opened.lock()
