"""The icons of the sidebar and the main actions: one set (Lucide, ISC licence, its
LICENSE beside the files in resources/icons/actions/), drawn in the palette's text colour
so that they read on the light and the dark palette alike."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable
from enum import StrEnum

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
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


Colours = tuple[str, str]  # (the text colour, the highlighted text colour)


def palette_colours() -> Colours:
    """The colours icons are drawn in under the palette shown now (on the GUI thread)."""
    palette = QGuiApplication.palette()
    return (palette.color(QPalette.ColorRole.WindowText).name(),
            palette.color(QPalette.ColorRole.HighlightedText).name())


def icon(glyph: Glyph) -> QIcon:
    """The glyph in the text colour of the palette shown now, and in its highlighted text
    colour where it is selected (made once per pair of colours)."""
    return _icon(glyph, palette_colours())


def draw_ahead(glyphs: Iterable[Glyph], colours: Colours) -> None:
    """Draw the glyphs' images now, on any thread (a worker may paint on a QImage), so that
    `icon` on the GUI thread only has to wrap them: drawing a glyph at every size takes
    about a millisecond of the GUI thread's time."""
    for glyph in glyphs:
        _images(glyph, colours)


def drawn(glyphs: Iterable[Glyph], colours: Colours) -> bool:
    """Whether `draw_ahead` (or `icon`) drew all of these in these colours already."""
    with _drawn_lock:
        return all((glyph, colours) in _drawn for glyph in glyphs)


_drawn: dict[tuple[Glyph, Colours], tuple[tuple[QImage, QIcon.Mode], ...]] = {}
_drawn_lock = threading.Lock()


def _images(glyph: Glyph, colours: Colours) -> tuple[tuple[QImage, QIcon.Mode], ...]:
    with _drawn_lock:
        known = _drawn.get((glyph, colours))
    if known is not None:
        return known
    svg = resources.path("icons", "actions", f"{glyph.value}.svg").read_text(encoding="utf-8")
    images = []
    for ink, mode in zip(colours, (QIcon.Mode.Normal, QIcon.Mode.Selected), strict=True):
        renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", ink).encode()))
        if not renderer.isValid():
            raise ValueError(f"icon {glyph.value} does not render")
        for size in SIZES:
            image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            renderer.render(painter, QRectF(0, 0, size, size))
            painter.end()
            images.append((image, mode))
    made = tuple(images)
    with _drawn_lock:  # two threads may both draw it; either result will do
        return _drawn.setdefault((glyph, colours), made)


@functools.cache
def _icon(glyph: Glyph, colours: Colours) -> QIcon:
    made = QIcon()
    for image, mode in _images(glyph, colours):
        made.addPixmap(QPixmap.fromImage(image), mode)
    return made
