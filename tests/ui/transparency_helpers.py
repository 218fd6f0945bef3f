"""Fixtures for the transparency features in the GUI: a real vault with the demo's fair and
greedy brands (signed with the brand kit), the sample profile, and a Session on it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from typing import TypeVar

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from brandkit.issuing import sign_spec
from brandkit.keys import generate_keys
from demo.brands import FAIR, GREEDY, SAMPLE_PROFILE, SampleBrand
from tests.conftest import MadeVault
from ui.session import Session
from vault.errors import TransportError, TransportFailure
from vault.exchange.brands import RequestSource
from vault.exchange.transport import HttpTransport, Response
from vault.vault import Vault

T = TypeVar("T", bound=QWidget)


class OfflineTransport(HttpTransport):
    """Nothing leaves the machine: every delivery fails to connect and stays queued."""

    def post(self, url: str, content_type: str, body: str, *,
             local: bool | None = None) -> Response:
        raise TransportError(TransportFailure.CONNECT, "offline in tests")

FAIR_ORIGIN = "https://trailworks.example"
GREEDY_ORIGIN = "https://megamart.example"


def import_sample(vault: Vault, sample: SampleBrand, origin: str, *,
                  name: str | None = None) -> str:
    """Sign the sample brand's request with fresh keys and import it; returns the origin."""
    if name is not None:
        sample = replace(sample, name=name)
    request = sign_spec(sample.spec(origin), generate_keys(), now=int(time.time()) - 60)
    vault.brands.import_request(request, RequestSource.WEB)
    return origin


@pytest.fixture
def demo_vault(made_vault: MadeVault) -> Iterator[Vault]:
    """The sample profile, the fair and the greedy brand imported, nothing shared yet."""
    vault = made_vault.unlock()
    vault.delivery.transport = OfflineTransport()
    for key, value in SAMPLE_PROFILE.items():
        vault.fields.set(key, value)
    vault.fields.set("religion", "none")
    import_sample(vault, FAIR, FAIR_ORIGIN)
    import_sample(vault, GREEDY, GREEDY_ORIGIN)
    yield vault
    if not vault.is_locked:
        vault.lock()


@pytest.fixture
def demo_session(qtbot: QtBot, demo_vault: Vault) -> Iterator[Session]:
    session = Session()
    session.open(demo_vault)
    yield session
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)
    session.lock()


def child(parent: QWidget, kind: type[T], name: str) -> T:
    found = parent.findChild(kind, name)
    assert found is not None, name
    return found
