"""The Greek catalogue: complete, consistent with the code, built by lrelease, and switchable
in Settings. `make translations-update` then translating what is new fixes most failures."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.support.vaults import PROJECT_ROOT
from tools import catalogue_strings
from ui import i18n
from ui.main_window import MainWindow
from ui.preferences import LANGUAGE, Settings
from vault.vault import Vault

TRANSLATIONS = PROJECT_ROOT / "resources" / "translations"
OURS = TRANSLATIONS / "zpv_el.ts"
QT_OURS = TRANSLATIONS / "qtbase_el.ts"
BIN = PROJECT_ROOT / ".venv" / "bin"
LUPDATE = BIN / "pyside6-lupdate"
LRELEASE = BIN / "pyside6-lrelease"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%L?\d+")
ACCELERATOR = re.compile(r"&(?!&)\S")
GREEK_PLURAL_FORMS = 2  # Greek: one, other
ENDONYMS = {"English", "Ελληνικά"}


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    numerus: bool
    forms: tuple[str, ...]  # the translation, or its plural forms
    finished: bool


def read_ts(path: Path) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            numerus = message.get("numerus") == "yes"
            forms = (tuple(f.text or "" for f in translation.iter("numerusform")) if numerus
                     else (translation.text or "",))
            messages.append(Message(
                name, message.findtext("source") or "", numerus, forms,
                translation.get("type") not in ("unfinished", "vanished", "obsolete"),
            ))
    return messages


def lupdate(tmp_path: Path) -> list[Message]:
    """What lupdate extracts from ui/ today, the way `make translations-update` runs it."""
    target = tmp_path / "extracted_el.ts"
    subprocess.run(
        [str(LUPDATE), "-silent", "-extensions", "py", "-no-obsolete", "-locations", "none",
         "-source-language", "en", "-target-language", "el", "ui", "-ts", str(target)],
        cwd=PROJECT_ROOT, check=True, capture_output=True, timeout=120,
    )
    return read_ts(target)


def build_qm() -> None:
    """What `make translations` does (without make's check of the virtualenv)."""
    for ts in (OURS, QT_OURS):
        subprocess.run([str(LRELEASE), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       check=True, timeout=60)


@pytest.fixture
def english_after() -> Iterator[None]:
    """Whatever a test installs, the next one starts in English."""
    yield
    i18n.install("en")


def test_catalogue_strings_are_current() -> None:
    current = (PROJECT_ROOT / "ui" / "catalogue_strings.py").read_text(encoding="utf-8")
    assert current == catalogue_strings.render(), "run: make catalogue-strings"


def test_every_extracted_string_has_a_finished_greek_translation(tmp_path: Path) -> None:
    ours = {(m.context, m.source): m for m in read_ts(OURS)}
    extracted = lupdate(tmp_path)
    assert len(extracted) > 500
    problems = []
    for message in extracted:
        have = ours.get((message.context, message.source))
        if have is None:
            problems.append(f"not in zpv_el.ts: [{message.context}] {message.source!r}")
        elif not have.finished or not all(f.strip() for f in have.forms):
            problems.append(f"untranslated: [{message.context}] {message.source!r}")
        elif have.numerus and len(have.forms) != GREEK_PLURAL_FORMS:
            problems.append(f"needs both Greek plural forms: {message.source!r}")
    stale = set(ours) - {(m.context, m.source) for m in extracted}
    problems += [f"no longer in the code: [{c}] {s!r}" for c, s in sorted(stale)]
    assert not problems, "run make translations-update, then translate:\n" + "\n".join(problems)


def test_counted_strings_are_plural_messages() -> None:
    """lupdate's Python parser takes translate(c, s, None, n) for an encoding: such a call
    needs a literal count (see tools/catalogue_strings.py) to become a plural message."""
    wrong = [m.source for m in read_ts(OURS) if "%n" in m.source and not m.numerus]
    assert not wrong


@pytest.mark.parametrize("path", [OURS, QT_OURS], ids=lambda p: p.name)
def test_placeholders_and_accelerators_match(path: Path) -> None:
    problems = []
    for message in read_ts(path):
        expected = sorted(PLACEHOLDER.findall(message.source))
        has_accelerator = bool(ACCELERATOR.search(message.source))
        for form in message.forms:
            found = sorted(PLACEHOLDER.findall(form))
            if message.numerus:  # a singular form may spell the count out
                found, want = sorted(set(found) | {"%n"}), sorted(set(expected) | {"%n"})
            else:
                want = expected
            if found != want:
                problems.append(f"[{message.context}] {message.source!r}: {form!r}")
            if has_accelerator != bool(ACCELERATOR.search(form)):
                problems.append(f"accelerator: [{message.context}] {message.source!r}: {form!r}")
            if message.source.count("\n") != form.count("\n"):
                problems.append(f"line breaks: [{message.context}] {message.source!r}")
    assert not problems, "\n".join(problems)


def test_accelerators_are_unique_per_screen() -> None:
    """Within a context (one screen or dialog), two translated accelerators may not clash
    where the English ones do not."""
    by_context: dict[str, dict[str, set[str]]] = {}
    for message in read_ts(OURS):
        english = ACCELERATOR.search(message.source)
        greek = ACCELERATOR.search(message.forms[0])
        if english and greek:
            keys = by_context.setdefault(message.context, {})
            keys.setdefault(greek.group()[1].lower(), set()).add(english.group()[1].lower())
    clashes = {c: k for c, keys in by_context.items() for k, en in keys.items() if len(en) > 1}
    assert not clashes


@pytest.mark.parametrize("path", [OURS, QT_OURS], ids=lambda p: p.name)
def test_lrelease_builds_a_complete_catalogue(path: Path, tmp_path: Path) -> None:
    qm = tmp_path / path.with_suffix(".qm").name
    done = subprocess.run([str(LRELEASE), str(path), "-qm", str(qm)],
                          capture_output=True, text=True, check=True, timeout=60)
    assert " 0 unfinished" in done.stdout, done.stdout
    translator = QTranslator()
    assert translator.load(str(qm))
    first = read_ts(path)[0]
    assert translator.translate(first.context, first.source) == first.forms[0]


def test_greek_loads_with_qt_buttons(qtbot: QtBot, english_after: None) -> None:
    """Qt ships no Greek for its own buttons: our qtbase_el.ts fills in, built by make."""
    build_qm()
    assert i18n.install("el")
    assert QCoreApplication.translate("QPlatformTheme", "Close") == "Κλείσιμο"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Άκυρο"
    assert QCoreApplication.translate("MainArea", "Sections") == "Ενότητες"
    assert QLocale().language() is QLocale.Language.Greek
    i18n.install("en")
    assert QCoreApplication.translate("QPlatformTheme", "Close") == "Close"


def _texts(root: QWidget) -> dict[str, str]:
    """Text shown by named widgets: labels, buttons, group titles, and sidebar items."""
    shown: dict[str, str] = {}
    for widget in root.findChildren(QWidget):
        name = widget.objectName()
        if isinstance(widget, (QLabel, QAbstractButton)):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        elif isinstance(widget, QListWidget):
            text = "|".join(widget.item(i).text() for i in range(widget.count()))
        else:
            continue
        if name and not name.startswith("qt_") and text:
            shown[name] = text
    return shown


def _english_left(root: QWidget, messages: list[Message]) -> list[str]:
    """Texts still showing an English source whose translation differs."""
    greek = {f for m in messages for f in m.forms}
    english = {m.source.replace("&", "") for m in messages
               if m.source not in m.forms and m.source not in greek}
    left = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts = [widget.text()]
        elif isinstance(widget, QGroupBox):
            texts = [widget.title()]
        elif isinstance(widget, QComboBox):
            texts = [widget.itemText(i) for i in range(widget.count())]
            if widget.objectName() == "languageCombo":  # each language in its own words
                texts = [t for t in texts if t not in ENDONYMS]
        elif isinstance(widget, QListWidget):
            texts = [widget.item(i).text() for i in range(widget.count())]
        else:
            continue
        left += [f"{widget.objectName() or type(widget).__name__}: {t!r}" for t in texts
                 if t.replace("&", "") in english]
    return left


def test_switching_language_in_settings_rebuilds_the_screens(
    qtbot: QtBot, tmp_path: Path, vault: Vault, english_after: None
) -> None:
    build_qm()
    i18n.install("en")
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(vault.directory, settings)
    qtbot.addWidget(window)
    window.show()
    window.open_vault(vault)
    english = _texts(window)
    assert english["sidebar"].startswith("My data|")
    assert window.windowTitle() == "Zero-Party Vault"

    combo = window.findChild(QComboBox, "languageCombo")
    assert combo is not None
    combo.setCurrentIndex(combo.findData("el"))
    assert settings.get(LANGUAGE) == "el"
    qtbot.waitUntil(lambda: not window.switching_language)  # shown in a later turn
    greek = _texts(window)
    assert greek["sidebar"] == "|".join(
        ["Τα δεδομένα μου", "Εταιρείες", "Κοινοποιήσεις", "Δραστηριότητα", "Ρυθμίσεις"])
    changed = [name for name in english if name in greek and english[name] != greek[name]]
    assert len(changed) >= 10, changed
    assert window.lock_action.text() == "Κλείδωμα"
    for page in window.area.pages:
        window.area.show_page(page)
        assert _english_left(window, read_ts(OURS)) == [], page.title()

    combo = window.findChild(QComboBox, "languageCombo")  # the rebuilt Settings page's
    assert combo is not None and combo.currentData() == "el"
    combo.setCurrentIndex(combo.findData("en"))
    qtbot.waitUntil(lambda: not window.switching_language)
    assert _texts(window) == english | {k: v for k, v in _texts(window).items()
                                         if k not in english}
    assert window.lock_action.text() == "Lock"

    combo = window.findChild(QComboBox, "languageCombo")
    assert combo is not None
    combo.setCurrentIndex(combo.findData("el"))
    window.lock()
    assert window.welcome.unlock_page.unlock_button.text() == "Ξεκλείδωμα"
    assert window.status.text() == "Κλειδωμένη"
