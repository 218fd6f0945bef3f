"""A grant's share token as a QR code, from the Shared page: the image is the token's code,
large enough to scan; a token too long for one code is said in words."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import segno
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from tests.support.vaults import PROJECT_ROOT
from tests.ui.transparency_helpers import FAIR_ORIGIN, child
from ui.session import Session
from ui.shared import qr as qr_dialog
from ui.shared.page import SharedPage
from ui.shared.qr import MIN_PIXELS_PER_MODULE, QrDialog, QrImage
from vault.errors import TokenTooLongForQr, UnknownGrant
from vault.exchange import qr
from vault.vault import Vault


def open_qr(qtbot: QtBot, session: Session, grant_id: str) -> tuple[SharedPage, QrDialog]:
    """The Shared page (keep it: it owns the dialog) and its QR code dialog, loaded."""
    page = SharedPage(session)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: page.model.find(grant_id) >= 0, timeout=5_000)
    page.table.selectRow(page.model.find(grant_id))
    button = child(page, QPushButton, "qrButton")
    assert button.isEnabled()
    button.click()
    dialog = page.dialog
    assert isinstance(dialog, QrDialog) and dialog.objectName() == "qrDialog"
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5_000)
    return page, dialog


def test_a_small_grant_shows_its_latest_token_as_a_scannable_code(
    qtbot: QtBot, demo_session: Session, demo_vault: Vault
) -> None:
    shared = demo_vault.grants.share(FAIR_ORIGIN, "fit-advice", fields=["shoe_size_eu"])
    grant = shared.grant
    assert demo_vault.grants.latest_token(grant.id) == shared.token.compact
    demo_vault.fields.set("shoe_size_eu", 43)  # version 2: the code carries the latest token
    token = demo_vault.grants.latest_token(grant.id)
    assert token != shared.token.compact
    with pytest.raises(UnknownGrant):
        demo_vault.grants.latest_token("no-such-grant")
    _page, dialog = open_qr(qtbot, demo_session, grant.id)
    image = child(dialog, QrImage, "qrImage")
    assert not image.is_empty and image.isVisible()
    expected = segno.make(token, error="L", micro=False, mode="byte", boost_error=False)
    assert image.modules == expected.symbol_size(border=qr.BORDER)[0]
    assert image.module_pixels() >= MIN_PIXELS_PER_MODULE  # large enough to scan
    assert "version 2" in child(dialog, QLabel, "qrHeading").text()
    assert "zpv-brand verify" in child(dialog, QLabel, "qrNote").text()
    assert not child(dialog, QLabel, "qrError").isVisible()
    # Not an empty square: dark modules on a white quiet zone, drawn crisp (two colours).
    picture = image.grab().toImage()
    side = image.module_pixels() * image.modules
    left, top = (image.width() - side) // 2, (image.height() - side) // 2
    ratio = picture.devicePixelRatio()
    colours = {QColor(picture.pixel(int((left + x) * ratio), int((top + y) * ratio))).name()
               for x in range(0, side, 2) for y in range(0, side, 2)}
    assert colours == {"#000000", "#ffffff"}


def test_a_token_too_long_for_one_code_is_said_in_words(
    qtbot: QtBot, demo_session: Session, demo_vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    grant = demo_vault.grants.share(FAIR_ORIGIN, "fit-advice").grant

    def too_long(text: str) -> str:
        raise TokenTooLongForQr(4100, qr.MAX_QR_BYTES)

    monkeypatch.setattr(qr_dialog.qr, "token_qr_svg", too_long)
    _page, dialog = open_qr(qtbot, demo_session, grant.id)
    error = child(dialog, QLabel, "qrError")
    assert error.isVisible()
    assert "too long for a QR code" in error.text() and "4100" in error.text()
    assert "2953" in error.text()
    assert child(dialog, QrImage, "qrImage").is_empty


def test_no_code_for_a_revoked_grant(
    qtbot: QtBot, demo_session: Session, demo_vault: Vault
) -> None:
    grant = demo_vault.grants.share(FAIR_ORIGIN, "fit-advice").grant
    demo_vault.grants.revoke(grant.id)
    page = SharedPage(demo_session)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: page.model.find(grant.id) >= 0, timeout=5_000)
    page.table.selectRow(page.model.find(grant.id))
    assert not child(page, QPushButton, "qrButton").isEnabled()


def test_the_dialog_fits_a_laptop_screen_and_its_code_stays_scannable(tmp_path: Path) -> None:
    """A 1366x768 screen less its panel leaves about 720 pixels: the dialog, its frame
    included, fits there with the code at no fewer than MIN_PIXELS_PER_MODULE per module
    (a share of two fields makes a dense code, which wants 4 and gets 3)."""
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"synthesizedScreens": False, "screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 720,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
           "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    run = subprocess.run([sys.executable, "-m", "tests.ui.qr_on_screen", str(tmp_path / "v")],
                         cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                         timeout=120, check=True)
    shown = json.loads(run.stdout.strip().splitlines()[-1])
    assert shown["screen"] == [1366, 720]
    x, y, width, height = shown["frame"]
    assert y >= 0 and y + height <= 720 and x >= 0 and x + width <= 1366
    assert shown["module_pixels"] >= MIN_PIXELS_PER_MODULE
    side = shown["module_pixels"] * shown["modules"]
    assert min(shown["image"]) >= side  # the whole code is drawn
    assert shown["close_visible"]
