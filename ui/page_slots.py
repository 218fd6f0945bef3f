"""The pages behind the unlock screen: their slots in the sidebar, their classes and titles,
and the modules they need."""

from __future__ import annotations

import importlib
import threading

from PySide6.QtCore import QCoreApplication

from .icons import Glyph

# What the pages behind the unlock screen need. Importing them (the vault, its crypto and
# HTTP libraries, every page) takes longer than starting Qt itself, so none of it loads
# until the person starts to unlock: then on a worker thread, while they type and while the
# key is derived (see docs/performance.md, "Cold start").
AREA_MODULES = (
    "vault.vault",
    "ui.main_area",
    "ui.fields.page",
    "ui.brands.page",
    "ui.shared.page",
    "ui.activity.page",
    "ui.settings.page",
)
_area_modules_loaded = threading.Event()


def import_area_modules() -> None:
    """Import what the pages need (safe on any thread: imports take Python's locks)."""
    for name in AREA_MODULES:
        importlib.import_module(name)
    _area_modules_loaded.set()


def area_modules_loaded() -> bool:
    return _area_modules_loaded.is_set()


# The pages, in sidebar order. Slot 0 is what an unlock shows first.
MY_DATA, BRANDS, SHARED, ACTIVITY, SETTINGS = range(5)
SLOTS = 5
SIDEBAR_GLYPHS = (Glyph.MY_DATA, Glyph.BRANDS, Glyph.SHARED, Glyph.ACTIVITY, Glyph.SETTINGS)
# The glyphs of the pages' buttons: every other one.
BUTTON_GLYPHS = tuple(glyph for glyph in Glyph if glyph not in SIDEBAR_GLYPHS)
PAGE_CLASSES = (
    ("ui.fields.page", "MyDataPage"),
    ("ui.brands.page", "BrandsPage"),
    ("ui.shared.page", "SharedPage"),
    ("ui.activity.page", "ActivityPage"),
    ("ui.settings.page", "SettingsPage"),
)


class _TitleContext:
    """Stands in for a page when asking its class for its title: `tr` translates in the
    class's context, as the page's own `self.tr` does, so the sidebar names every page
    in the person's language before any page is built."""

    def __init__(self, cls: type) -> None:
        self._context = cls.__name__

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QCoreApplication.translate(self._context, text, disambiguation, n)


def page_titles() -> list[str]:
    titles = []
    for module, name in PAGE_CLASSES:
        cls = getattr(importlib.import_module(module), name)
        titles.append(cls.title(_TitleContext(cls)))
    return titles
