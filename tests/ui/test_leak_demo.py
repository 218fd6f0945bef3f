"""The demo's leak, end to end: the presenter shares with "Leaky Deals" (a real brand kit
receiver), the brand passes the alias to its partner, the partner's offer lands in the demo's
Maildir, and the app flags the leak within seconds, its evidence pack one click away."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from demo.brands import CATCH_ALL_DOMAIN
from demo.partner import PARTNER
from demo.run import Demo
from ui.leaks.detail import LeakDialog
from ui.leaks.notice import LeakNotice
from ui.leaks.watch import LeakWatch
from ui.session import Session
from vault.exchange.transport import HttpTransport


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Demo]:
    running = Demo(root=tmp_path / "demo")
    running.start()
    yield running
    running.stop()


def test_sharing_with_the_leaky_brand_is_flagged_with_its_evidence_one_click_away(
    qtbot: QtBot, demo: Demo, tmp_path: Path
) -> None:
    vault = demo.vault
    assert vault is not None
    vault.delivery.transport = HttpTransport(total_timeout=10)
    leaky = next(b for b in demo.brands if b.sample.slug == "leaky")
    trailworks = demo.brands[0]
    session = Session()
    watch = LeakWatch(session)
    watch.maildir = demo.maildir
    notice = LeakNotice(session, watch)
    qtbot.addWidget(notice)
    session.open(vault)  # the watch starts with the session, on the Maildir
    try:
        def share(origin: str, ask: str) -> None:
            session.call(lambda v: (v.brands.fetch(origin), v.grants.share(origin, ask),
                                    v.delivery.flush()))

        share(trailworks.origin, "fit-advice")  # a brand that keeps the address to itself
        share(leaky.origin, "deals")
        qtbot.waitUntil(lambda: not notice.isHidden(), timeout=15_000)
        (leak,) = vault.leaks.all()
        (alias,) = [a for a in vault.aliases.all() if a.brand_origin == leaky.origin]
        assert alias.alias.endswith("@" + CATCH_ALL_DOMAIN) and leak.alias == alias.alias
        assert leak.sender_domain == PARTNER
        assert notice.text().startswith(
            f"Mail to the address you gave only to Leaky Deals came from {PARTNER} on ")

        notice.click()  # the leak's detail, and its evidence pack
        qtbot.waitUntil(lambda: isinstance(notice.dialog, LeakDialog)
                        and notice.dialog.leak is not None, timeout=5_000)
        dialog = notice.dialog
        assert isinstance(dialog, LeakDialog)
        target = tmp_path / "leak.zip"
        dialog.ask_path = lambda _parent, _suggested: str(target)
        dialog.findChild(QPushButton, "saveEvidenceButton").click()
        qtbot.waitUntil(target.exists, timeout=5_000)
        with zipfile.ZipFile(target) as pack:
            assert "request.jwt" in pack.namelist()
            assert f"offers@{PARTNER}" in pack.read("message.eml").decode()
        dialog.close()
    finally:
        qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0,
                        timeout=10_000)
        session.lock()
