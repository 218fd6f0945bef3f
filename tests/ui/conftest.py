"""Fixtures for the UI tests: a vault opened in a Session with real worker threads, the
brands it talks to being the brand kit's real receivers in process (tests/support/
in_process.py); with no brand added, nothing is reachable and every delivery stays queued."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from demo.brands import FAIR, GREEDY, SAMPLE_PROFILE
from tests.support import gui_thread
from tests.support.clock import Clock
from tests.support.in_process import BrandsInProcess
from tests.support.vaults import MadeVault
from tests.ui.exchange_session import Opened
from tests.ui.transparency_helpers import FAIR_ORIGIN, GREEDY_ORIGIN, import_sample
from ui.session import Session
from vault.vault import Vault

WAIT_MS = 10_000


@pytest.fixture
def opened(made_vault: MadeVault, qtbot: Any) -> Iterator[Opened]:
    """An unlocked vault on a clock the test can move, and a Session, not yet opened."""
    clock = Clock()
    vault = Vault.unlock(made_vault.directory, made_vault.passphrase, clock=clock)
    transport = BrandsInProcess(clock)
    vault.delivery.transport = transport
    session = Session()
    yield Opened(vault, session, transport, clock)
    session.lock()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
    if not vault.is_locked:
        vault.lock()


@pytest.fixture
def session_vault(made_vault: MadeVault, qtbot: QtBot) -> Iterator[tuple[Session, Vault]]:
    """The made vault, unlocked with no brand reachable, and a Session not yet opened."""
    vault = made_vault.unlock()
    vault.delivery.transport = BrandsInProcess()
    session = Session()
    yield session, vault
    session.lock()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


@pytest.fixture
def demo_vault(made_vault: MadeVault) -> Iterator[Vault]:
    """The sample profile, the fair and the greedy brand imported, nothing shared yet."""
    vault = made_vault.unlock()
    vault.delivery.transport = BrandsInProcess()
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


@pytest.fixture(autouse=True, scope="session")
def gui_thread_as_in_the_app(qapp: Any) -> Iterator[None]:
    """As in the app (ui/app.py): Python's cycle collector runs on the GUI thread only, and
    the GIL is handed over to it quickly."""
    with gui_thread.gui_thread_as_in_the_app(qapp):
        yield


@pytest.fixture(autouse=True)
def collector_passes_walk_only_what_the_test_makes(gui_thread_as_in_the_app: None) -> None:
    """As the app's passes walk only what it made after its start, not a whole test
    session's heap (tests/support/gui_thread.py)."""
    gui_thread.walk_only_what_comes_next()
