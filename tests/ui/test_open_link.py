"""A share link reaches the running app as the system hands it over (`main.py --open-url`
in a process of its own), and the app goes from the link to the review, the share and
back to the brand's page; the brand's visit then shows what was shared."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from tests.support.vaults import PROJECT_ROOT, MadeVault
from tests.support.visit_brand import VisitBrand, visit_brand
from tests.ui.link_app import launch_with_link, running_app, unlock
from ui.links.back_dialog import BackToBrandDialog
from ui.links.open_dialog import OpenLinkDialog
from ui.review.dialog import ShareReviewDialog


@pytest.fixture
def brand(tmp_path: Path) -> Iterator[VisitBrand]:
    with visit_brand(tmp_path) as served:
        yield served


@pytest.fixture
def runtime() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="zpv-rt-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_a_link_from_another_launch_opens_the_review_after_the_unlock_and_goes_back(
        qtbot: QtBot, made_vault: MadeVault, brand: VisitBrand, runtime: Path) -> None:
    with made_vault.unlock() as vault:
        vault.fields.set("shoe_size_eu", 42)
    visit = brand.visit(ask="fit-advice", reference="customer-17",
                        return_uri=brand.origin + "/thanks")
    window, opener = running_app(qtbot, made_vault.directory, runtime)

    code, stderr, seconds = launch_with_link(qtbot, runtime, visit["link"])

    assert code == 0, stderr
    assert seconds < 2.0, f"the second launch took {seconds:.2f} s"
    qtbot.waitUntil(lambda: opener.pending == visit["link"], timeout=5_000)
    assert "Unlock the vault to continue with the link from 127.0.0.1" in window.status.text()
    assert brand.status(visit["id"])["status"] == "pending"  # locked: nothing fetched yet

    unlock(qtbot, window, made_vault.passphrase)
    qtbot.waitUntil(lambda: isinstance(opener.open_dialog, ShareReviewDialog), timeout=20_000)
    review = opener.open_dialog
    assert isinstance(review, ShareReviewDialog)
    assert (review.origin, review.ask_id) == (brand.origin, "fit-advice")
    qtbot.waitUntil(lambda: review.findChild(QPushButton, "shareButton").isEnabled(),
                    timeout=10_000)
    review.findChild(QPushButton, "shareButton").click()

    qtbot.waitUntil(lambda: isinstance(opener.open_dialog, BackToBrandDialog), timeout=10_000)
    back = opener.open_dialog
    assert isinstance(back, BackToBrandDialog)
    opened: list[QUrl] = []
    back.open_url = lambda url: opened.append(url) or True
    assert back.back_button.text() == "Back to Shoes Example"
    back.back_button.click()
    assert [url.toString() for url in opened] == [brand.origin + "/thanks"]
    qtbot.waitUntil(lambda: brand.status(visit["id"])["status"] == "shared", timeout=20_000)
    shared = brand.status(visit["id"])
    assert shared["reference"] == "customer-17"
    assert shared["grant"]["data"]["shoe_size_eu"] == 42
    window.lock()


def test_a_bad_link_is_refused_in_words_and_nothing_is_fetched(
        qtbot: QtBot, made_vault: MadeVault, runtime: Path) -> None:
    window, opener = running_app(qtbot, made_vault.directory, runtime)
    said: list[str] = []
    opener.refuse = lambda _parent, text: said.append(text)
    unlock(qtbot, window, made_vault.passphrase)

    for link in ("zpd://share?request_uri=http%3A%2F%2Fshoes.example%2Fr",
                 "zpd://share?request_uri=javascript%3Aalert(1)",
                 "zpd://share?ask=fit-advice"):
        code, stderr, _ = launch_with_link(qtbot, runtime, link)
        assert code == 0, stderr

    qtbot.waitUntil(lambda: len(said) == 3, timeout=5_000)
    assert said == [
        "The link points to an unprotected (http) address on the internet: only https "
        "is accepted.",
        "The link points to something that is not a brand's web address.",
        "The link is incomplete or malformed: it does not say where the brand's request is.",
    ]
    assert opener.open_dialog is None and window.vault is not None
    assert window.vault.brands.all() == []
    window.lock()


def test_the_fetch_can_be_cancelled_and_its_result_is_ignored(
        qtbot: QtBot, made_vault: MadeVault, runtime: Path) -> None:
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts, and never answers
    port = silent.getsockname()[1]
    window, opener = running_app(qtbot, made_vault.directory, runtime)
    unlock(qtbot, window, made_vault.passphrase)

    opener.open(f"zpd://share?request_uri=http%3A%2F%2F127.0.0.1%3A{port}%2Fr")
    dialog = opener.open_dialog
    assert isinstance(dialog, OpenLinkDialog) and dialog.is_busy
    dialog.cancel_button.click()
    assert not dialog.is_busy and "Stopped waiting" in dialog.error.text()
    dialog.reject()
    assert opener.open_dialog is None and dialog.result() == QDialog.DialogCode.Rejected
    silent.close()
    window.lock()


def test_with_no_app_running_a_link_starts_the_app_which_then_takes_the_next_one(
        qtbot: QtBot, made_vault: MadeVault, runtime: Path) -> None:
    link = "zpd://share?request_uri=https%3A%2F%2Fshoes.example%2Fzpd%2Fvisit%2F1"
    first = subprocess.Popen(
        [sys.executable, "main.py", "--vault", str(made_vault.directory), "--open-url", link],
        cwd=PROJECT_ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime), "QT_QPA_PLATFORM": "offscreen",
             "ZPV_REPORT_STARTUP": "stay"},
    )
    try:
        assert first.stdout is not None
        assert first.stdout.readline().startswith("ready UnlockPage ")  # it runs, locked

        code, stderr, seconds = launch_with_link(qtbot, runtime, link)

        assert code == 0, stderr  # taken by the app the first link started
        assert first.poll() is None
    finally:
        first.terminate()
        _, stderr = first.communicate(timeout=30)
    assert first.returncode == 0, stderr
    assert "Traceback" not in stderr


def test_a_later_launch_brings_the_window_back_with_the_desktops_token(
        qtbot: QtBot, made_vault: MadeVault, runtime: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The app sets it; set-then-delete records "absent" so that the test removes it again.
    monkeypatch.setenv("XDG_ACTIVATION_TOKEN", "")
    monkeypatch.delenv("XDG_ACTIVATION_TOKEN")
    window, opener = running_app(qtbot, made_vault.directory, runtime)
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized, timeout=5_000)

    code, stderr, _ = launch_with_link(qtbot, runtime, None,
                                       env={"XDG_ACTIVATION_TOKEN": "token-from-the-desktop"})

    assert code == 0, stderr
    qtbot.waitUntil(lambda: not window.isMinimized(), timeout=5_000)
    assert window.isVisible()
    # Qt's Wayland plugin reads the token from here when it activates the window.
    assert os.environ["XDG_ACTIVATION_TOKEN"] == "token-from-the-desktop"
    assert opener.pending is None and opener.open_dialog is None  # no link, nothing opened
    window.lock()
