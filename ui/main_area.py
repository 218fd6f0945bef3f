"""The unlocked window's area: a sidebar of page names beside the page shown.

Every page is named in the sidebar from the start, but a page is built only when it is
first shown (or looked up): building all five at once held the GUI thread for a fifth
of a second after each unlock.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QWidget

from . import style
from .icons import icon
from .page_slots import SIDEBAR_GLYPHS
from .style import Radius, Space, TextSize
from .turns import later
from .widgets import named
from .widgets.page import Page

SIDEBAR_WIDTH = 180  # at the usual text size; larger text widens it
SIDEBAR_STYLE = (
    f"QListWidget#sidebar {{ background: palette(window); padding-top: {Space.S}px; }}"
    f"QListWidget#sidebar::item {{ padding: {Space.S}px {Space.M}px;"
    f" border-radius: {Radius.M}px; margin: {Space.HAIR // 2}px {Space.XS}px; }}"
    "QListWidget#sidebar::item:selected { background: palette(highlight);"
    " color: palette(highlighted-text); }"
)


class MainArea(QWidget):
    def __init__(self, titles: list[str], build: Callable[[int], Page]) -> None:
        """`titles` name the pages in sidebar order; `build(slot)` builds one, then hands
        it to `place`."""
        super().__init__()
        self._slots: list[Page | None] = [None] * len(titles)
        self._build = build
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.sidebar = named(QListWidget(), "sidebar")
        self.sidebar.setAccessibleName(self.tr("Sections"))
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        self.sidebar.setStyleSheet(SIDEBAR_STYLE)
        self.sidebar.setFont(style.sized(self.sidebar.font(), TextSize.LEAD))
        self.sidebar.addItems(titles)
        for row, glyph in enumerate(SIDEBAR_GLYPHS[:len(titles)]):
            self.sidebar.item(row).setIcon(icon(glyph))
        self.sidebar.ensurePolished()  # its style sheet's padding counts in the width
        # Wide enough for the longest name in this language at this text size.
        self.sidebar.setFixedWidth(max(SIDEBAR_WIDTH, self.sidebar.sizeHintForColumn(0)
                                       + 2 * self.sidebar.frameWidth() + 4))
        self.stack = QStackedWidget()
        self.sidebar.currentRowChanged.connect(self._show_slot)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)

    @property
    def pages(self) -> list[Page]:
        """The pages built so far, in sidebar order."""
        return [page for page in self._slots if page is not None]

    def page_at(self, slot: int) -> Page | None:
        return self._slots[slot]

    def place(self, slot: int, page: Page) -> None:
        self._slots[slot] = page
        self.stack.addWidget(page)

    def shown_slot(self) -> int:
        """The slot the sidebar has selected (the first, before anything was chosen)."""
        return max(self.sidebar.currentRow(), 0)

    def show_page(self, page: Page) -> None:
        self.sidebar.setCurrentRow(self._slots.index(page))

    def show_slot(self, slot: int) -> None:
        """Show the page of `slot` now, built now if it was not yet."""
        page = self._slots[slot] or self._build(slot)  # built: the row change shows it now
        if self.sidebar.currentRow() == slot:
            self.stack.setCurrentWidget(page)
        else:
            self.sidebar.setCurrentRow(slot)

    def _show_slot(self, slot: int) -> None:
        if not 0 <= slot < len(self._slots):
            return
        page = self._slots[slot]
        if page is not None:
            self.stack.setCurrentWidget(page)
            return
        # Chosen in the sidebar, never shown before: built in this turn, laid out and
        # painted in the next (together they held the GUI thread up to 55 ms: Settings).
        built = self._build(slot)
        later(self, lambda: self._show_built(slot, built))

    def _show_built(self, slot: int, page: Page) -> None:
        if self.sidebar.currentRow() == slot and self._slots[slot] is page:
            self.stack.setCurrentWidget(page)
