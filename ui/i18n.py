"""Load the person's language: our own .qm (built from resources/translations/*.ts by
`make translations` in a checkout, and when the wheel is built) and Qt's, for standard
buttons and dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

import resources

TRANSLATIONS = resources.path("translations")
SUPPORTED = ("en", "el")

_installed: list[QTranslator] = []


def resolve(setting: str) -> str:
    """'system' becomes the system's language when we have it, else English."""
    if setting in SUPPORTED:
        return setting
    system = QLocale.system().name().split("_")[0]
    return system if system in SUPPORTED else "en"


def install(language: str) -> bool:
    """Switch the application's translators; False when our catalogue is missing."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    # Dates and numbers in the language chosen (the system's own formats when they match).
    system = QLocale.system()
    matches = system.language() == QLocale(language).language() or (
        language == "en" and system.language() == QLocale.Language.C)
    QLocale.setDefault(system if matches else QLocale(language))
    if language == "en":
        return True
    ours = QTranslator(app)
    found = ours.load(str(TRANSLATIONS / f"zpv_{language}.qm"))
    if found:
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)
    # Qt ships no Greek for its own buttons and dialogs: ours (qtbase_el.ts) fills in.
    qt_dirs = (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), str(TRANSLATIONS))
    if any(qt.load(f"qtbase_{language}", directory) for directory in qt_dirs):
        app.installTranslator(qt)
        _installed.append(qt)
    return found
