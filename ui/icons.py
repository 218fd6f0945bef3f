"""The icons of the sidebar and the main actions: one set (Lucide, ISC licence, its
LICENSE beside the files in resources/icons/actions/), drawn in the palette's text colour
so that they read on the light and the dark palette alike."""

from __future__ import annotations

import functools
from enum import StrEnum

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

import resources

SIZES = (16, 20, 24, 32, 48)


class Glyph(StrEnum):
    """What an icon shows, by the file it is drawn from."""

    MY_DATA = "user-round"
    BRANDS = "store"
    SHARED = "share-2"
    ACTIVITY = "history"
    SETTINGS = "settings"
    LOCK = "lock"
    CHECK_LOG = "shield-check"
    REVOKE = "undo-2"
    IMPORT = "download"
    REPORT = "file-text"
    PAUSE = "pause"
    RESUME = "play"
    QR_CODE = "qr-code"
    SHARE = "send"


def icon(glyph: Glyph) -> QIcon:
    """The glyph in the text colour of the palette shown now, and in its highlighted text
    colour where it is selected (made once per pair of colours)."""
    palette = QGuiApplication.palette()
    return _icon(glyph, palette.color(QPalette.ColorRole.WindowText).name(),
                 palette.color(QPalette.ColorRole.HighlightedText).name())


@functools.cache
def _icon(glyph: Glyph, colour: str, selected: str) -> QIcon:
    svg = resources.path("icons", "actions", f"{glyph.value}.svg").read_text(encoding="utf-8")
    made = QIcon()
    for ink, mode in ((colour, QIcon.Mode.Normal), (selected, QIcon.Mode.Selected)):
        renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", ink).encode()))
        if not renderer.isValid():
            raise ValueError(f"icon {glyph.value} does not render")
        for size in SIZES:
            pixmap = QPixmap(QSize(size, size))
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            renderer.render(painter, QRectF(0, 0, size, size))
            painter.end()
            made.addPixmap(pixmap, mode)
    return made
