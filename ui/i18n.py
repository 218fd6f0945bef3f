"""Load the person's language: our own .qm (built from resources/translations/*.ts by
`make translations`) and Qt's, for standard buttons and dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
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
    if language == "en":
        return True
    ours = QTranslator(app)
    found = ours.load(str(TRANSLATIONS / f"zpv_{language}.qm"))
    if found:
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return found
