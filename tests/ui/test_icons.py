"""The sidebar and the main actions carry icons from one set, shipped with its licence,
drawn in the palette's text colour (light and dark alike)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from tests.support.vaults import PROJECT_ROOT
from tools.sample_vault import build, close
from ui import style
from ui.icons import Glyph, draw_ahead, drawn, icon, palette_colours
from ui.main_window import MainWindow
from ui.page_slots import BUTTON_GLYPHS
from ui.preferences import Settings
from vault.storage.keys import KdfParams

ICONS = PROJECT_ROOT / "resources" / "icons" / "actions"


def inked(glyph: Glyph, mode: QIcon.Mode = QIcon.Mode.Normal) -> set[str]:
    """The opaque colours the glyph is drawn in, at 24 px."""
    image = icon(glyph).pixmap(24, 24, mode).toImage()
    return {QColor(image.pixel(x, y)).name() for x in range(24) for y in range(24)
            if QColor.fromRgba(image.pixel(x, y)).alpha() == 255}


def test_every_glyph_ships_with_its_licence_and_draws_in_the_text_colour(
        qapp: QApplication) -> None:
    licence = (ICONS / "LICENSE").read_text()
    assert "ISC License" in licence and "Lucide" in licence
    text = qapp.palette().color(QPalette.ColorRole.WindowText).name()
    highlighted = qapp.palette().color(QPalette.ColorRole.HighlightedText).name()
    for glyph in Glyph:
        assert (ICONS / f"{glyph.value}.svg").is_file(), glyph
        assert inked(glyph) == {text}, glyph
        assert inked(glyph, QIcon.Mode.Selected) == {highlighted}, glyph  # on the selection
    before = qapp.palette()
    try:
        style.follow_system(qapp, Qt.ColorScheme.Dark)
        light_text = qapp.palette().color(QPalette.ColorRole.WindowText).name()
        assert inked(Glyph.LOCK) == {light_text} != {text}
    finally:
        qapp.setPalette(before)


def test_icons_drawn_ahead_on_a_worker_are_the_ones_shown(qapp: QApplication) -> None:
    """The sidebar's icons are drawn on a worker while the vault unlocks; the GUI thread
    then only wraps them."""
    before = qapp.palette()
    try:
        palette = QPalette(before)
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#1f6f43"))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#f4e409"))
        qapp.setPalette(palette)
        colours = palette_colours()
        assert colours == ("#1f6f43", "#f4e409")
        assert not drawn([Glyph.PAUSE, Glyph.RESUME], colours)
        worker = threading.Thread(target=draw_ahead, args=([Glyph.PAUSE, Glyph.RESUME], colours))
        worker.start()
        worker.join()
        assert drawn([Glyph.PAUSE, Glyph.RESUME], colours)
        assert not drawn([Glyph.PAUSE, Glyph.SHARE], colours)  # one not drawn yet: not all
        assert inked(Glyph.PAUSE) == {"#1f6f43"}
        assert inked(Glyph.RESUME, QIcon.Mode.Selected) == {"#f4e409"}
    finally:
        qapp.setPalette(before)


def test_the_sidebar_the_lock_and_the_main_actions_have_icons(
        qtbot: QtBot, tmp_path: Path) -> None:
    sample = build(tmp_path / "vault", kdf=KdfParams(1024, 1, 1))
    try:
        window = MainWindow(tmp_path / "vault", Settings())
        qtbot.addWidget(window)
        window.open_vault(sample.vault)
        sidebar = window.area.sidebar
        assert all(not sidebar.item(row).icon().isNull() for row in range(sidebar.count()))
        assert not window.lock_action.icon().isNull()
        for name in ("importRequestButton", "reviewShareButton", "revokeButton", "qrButton",
                     "verifyChainButton"):
            button = window.findChild(QPushButton, name)
            assert button is not None and not button.icon().isNull(), name
            assert button.text(), name  # words too: the icon never stands alone
        # Every other page's buttons' icons are drawn on a worker meanwhile.
        qtbot.waitUntil(lambda: drawn(BUTTON_GLYPHS, palette_colours()), timeout=5_000)
        window.close()
    finally:
        close(sample)
