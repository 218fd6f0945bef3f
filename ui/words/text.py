"""Text from a brand made safe to show, and tooltips that can never be read as rich text."""

from __future__ import annotations

from PySide6 import QtGui

from zpd.text import reveal

SENTENCE_NAME = 40  # characters of a brand's name quoted inside a sentence


def brand_text(text: str) -> str:
    """Text from a brand as it must be shown: hidden characters made visible.

    Use it for item-view cells and window titles too; a tooltip or any widget
    that may guess "rich text" must get `tip(brand_text(t))`.
    """
    return reveal(text)


def tip(text: str) -> str:
    """A tooltip that can never be read as rich text (pass brand text through brand_text).

    Escaped as HTML, line breaks kept, and free to wrap (a long sentence stays readable)."""
    return QtGui.Qt.convertFromPlainText(text, QtGui.Qt.WhiteSpaceMode.WhiteSpaceNormal)


def in_sentence(name: str) -> str:
    """A brand's name inside a sentence: revealed, and shortened if long (the heading shows
    all of it)."""
    shown = brand_text(name)
    return shown if len(shown) <= SENTENCE_NAME else shown[: SENTENCE_NAME - 1] + "…"
