"""The transparency report exported from the app: a PDF with a page per brand and the right
fields, an HTML file with no script and the brands' text escaped; written off the GUI thread."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QRadioButton
from pytestqt.qtbot import QtBot

from benchmarks import generate
from demo.brands import FAIR
from tests.ui.exchange_session import Answer
from tests.ui.transparency_helpers import (
    FAIR_ORIGIN,
    GREEDY_ORIGIN,
    child,
    import_sample,
)
from ui import i18n
from ui.brands.page import BrandsPage
from ui.main_window import MainWindow
from ui.preferences import Settings
from ui.report import printed as report_print
from ui.report.dialog import ReportDialog
from ui.report.export import (
    ExportStopped,
    PdfTypesetting,
    ReportFormat,
    export_report,
    prepare_pdf,
)
from ui.session import Session
from ui.shared.page import SharedPage
from ui.turns import END_OF_TURN, StepsInTurns
from ui.words.report import web_page
from vault.vault import Vault

TRICKY_ORIGIN = "https://tricky.example"
TRICKY_NAME = "<script>alert(1)</script> Evil\u202eoC"
TRICKY_SHOWN = "<script>alert(1)</script> Evil⟦U+202E⟧oC"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="pdftotext and pdfinfo (Debian's poppler-utils) are not installed",
)


@pytest.fixture
def shared_vault(demo_vault: Vault) -> Vault:
    """Three brands, each given something: fair, greedy, and one with markup in its name."""
    import_sample(demo_vault, FAIR, TRICKY_ORIGIN, name=TRICKY_NAME)
    demo_vault.grants.share(FAIR_ORIGIN, "fit-advice")
    demo_vault.grants.share(GREEDY_ORIGIN, "rewards", fields=["email", "allergies", "religion"])
    demo_vault.grants.share(TRICKY_ORIGIN, "fit-advice", fields=["shoe_size_eu"])
    return demo_vault


def export(qtbot: QtBot, dialog: ReportDialog, path: Path, *, html: bool = False) -> None:
    child(dialog, QRadioButton, "reportHtmlRadio" if html else "reportPdfRadio").setChecked(True)
    child(dialog, QLineEdit, "reportPathEdit").setText(str(path))
    child(dialog, QPushButton, "reportExportButton").click()
    message = child(dialog, QLabel, "reportMessage")
    qtbot.waitUntil(message.isVisible, timeout=10_000)


def pdf_pages(path: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    count = int(next(line.split()[-1] for line in info.stdout.splitlines()
                     if line.startswith("Pages:")))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
                           capture_output=True, text=True, check=True).stdout
            for n in range(1, count + 1)]


@needs_poppler
def test_the_pdf_has_a_page_per_brand_with_its_fields(
    qtbot: QtBot, demo_session: Session, shared_vault: Vault, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[threading.Thread] = []
    real = report_print.print_blocks

    def watched(model: report_print.Report) -> object:
        threads.append(threading.current_thread())
        return real(model)

    monkeypatch.setattr(report_print, "print_blocks", watched)
    page = SharedPage(demo_session)
    qtbot.addWidget(page)
    page.show()
    child(page, QPushButton, "reportButton").click()
    dialog = page.dialog
    assert isinstance(dialog, ReportDialog) and dialog.objectName() == "reportDialog"
    out = tmp_path / "report.pdf"
    export(qtbot, dialog, out)
    assert "Written to" in child(dialog, QLabel, "reportMessage").text()
    assert threads and threads[0] is not threading.main_thread()  # read off the GUI thread
    assert out.read_bytes().startswith(b"%PDF-")
    assert out.stat().st_mode & 0o777 == 0o600  # what you shared: private, like an export

    pages = pdf_pages(out)
    assert len(pages) == 3
    by_brand = {name: [i for i, text in enumerate(pages) if name in text]
                for name in ("Trailworks", "MegaMart Rewards", "Evil⟦U+202E⟧oC")}
    assert sorted(i for found in by_brand.values() for i in found) == [0, 1, 2], by_brand
    fair = pages[by_brand["Trailworks"][0]].lower()  # choices may be shown capitalised
    for words in ("Shoe size (EU)", "42", "Favourite colours", "navy, green",
                  "Suggest trail shoes in your size and colours", "Discount: 15% off your next",
                  "Fair"):
        assert words.lower() in fair, words
    greedy = pages[by_brand["MegaMart Rewards"][0]].lower()
    for words in ("Email address", "alex@example.org", "Food allergies", "peanuts",
                  "Religion or belief", "Greedy", "special category"):
        assert words.lower() in greedy, words
    assert "peanuts" not in fair and "navy" not in greedy
    tricky = pages[by_brand["Evil⟦U+202E⟧oC"][0]]
    assert "<script>alert(1)</script>" in tricky  # shown as text, not lost or interpreted
    assert "\u202e" not in "".join(pages)


@needs_poppler
def test_a_brand_report_from_the_brands_page_is_that_brand_only(
    qtbot: QtBot, demo_session: Session, shared_vault: Vault, tmp_path: Path
) -> None:
    page = BrandsPage(demo_session)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5_000)
    assert page.select_origin(FAIR_ORIGIN)
    qtbot.waitUntil(lambda: page.details.origin == FAIR_ORIGIN, timeout=5_000)
    button = child(page, QPushButton, "brandReportButton")
    assert button.isEnabled()
    button.click()
    dialog = page.report_dialog
    assert dialog is not None
    assert "transparency-report-trailworks.pdf" in child(dialog, QLineEdit,
                                                         "reportPathEdit").text()
    export(qtbot, dialog, tmp_path / "trailworks.pdf")
    (only,) = pdf_pages(tmp_path / "trailworks.pdf")
    assert "Trailworks" in only and "MegaMart" not in only and "Shoe size (EU)" in only


def test_the_html_has_no_script_and_escapes_brand_text(
    qtbot: QtBot, demo_session: Session, shared_vault: Vault, tmp_path: Path
) -> None:
    dialog = ReportDialog(demo_session)
    qtbot.addWidget(dialog)
    dialog.show()
    out = tmp_path / "report.html"
    export(qtbot, dialog, out, html=True)
    text = out.read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Evil⟦U+202E⟧oC" in text
    assert "\u202e" not in text
    assert "Trailworks" in text and "MegaMart Rewards" in text
    # The print version (what the PDF is made of) escapes the same way.
    printed, _ = report_print.print_html(shared_vault.transparency.report())
    assert "<script" not in printed.lower() and "&lt;script&gt;" in printed


@pytest.fixture
def in_greek() -> Iterator[None]:
    assert i18n.install("el")
    yield
    i18n.install("en")


def test_the_html_is_in_the_apps_language_like_the_pdf(
    qtbot: QtBot, demo_session: Session, shared_vault: Vault, tmp_path: Path, in_greek: None
) -> None:
    dialog = ReportDialog(demo_session)
    qtbot.addWidget(dialog)
    dialog.show()
    out = tmp_path / "report.html"
    export(qtbot, dialog, out, html=True)
    page = out.read_text(encoding="utf-8")
    assert '<html lang="el">' in page
    text = re.sub(r"<[^>]*>", " ", re.sub(r"<style>.*?</style>", "", page, flags=re.S))
    for greek in ("Ποιος γνωρίζει τι για εσάς", "Σκοπός", "Ισοζύγιο", "άπληστη", "ενεργή",
                  "Θρησκεία ή πεποιθήσεις", "Πόσο βαραίνει κάθε πεδίο"):
        assert greek in text, greek
    for english in ("Who knows what about you", "Purpose", "Balance", "greedy", "active",
                    "Religion or belief", "What each field weighs", " UTC", "special 10",
                    "discount:", "(personal)"):
        assert english not in text, english
    # The printed version, what the PDF is made of, speaks the same language.
    printed, _ = report_print.print_html(shared_vault.transparency.report())
    assert "Ποιος γνωρίζει τι για εσάς" in printed and "Θρησκεία ή πεποιθήσεις" in printed


def test_an_existing_file_is_replaced_only_when_the_person_says_so(
    qtbot: QtBot, demo_session: Session, shared_vault: Vault, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    out.write_text("keep me")
    dialog = ReportDialog(demo_session, FAIR_ORIGIN, "Trailworks")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.confirm = no = Answer(False)
    child(dialog, QRadioButton, "reportHtmlRadio").setChecked(True)
    child(dialog, QLineEdit, "reportPathEdit").setText(str(out))
    child(dialog, QPushButton, "reportExportButton").click()
    qtbot.waitUntil(lambda: bool(no.asked), timeout=5_000)
    assert out.read_text() == "keep me" and "already exists" in no.asked[0][1]
    dialog.confirm = yes = Answer(True)
    export(qtbot, dialog, out, html=True)
    assert yes.asked and "Trailworks" in out.read_text()


def test_a_folder_that_does_not_exist_is_said_in_words(
    qtbot: QtBot, demo_session: Session, shared_vault: Vault, tmp_path: Path
) -> None:
    dialog = ReportDialog(demo_session)
    qtbot.addWidget(dialog)
    dialog.show()
    export(qtbot, dialog, tmp_path / "missing" / "report.pdf")
    message = child(dialog, QLabel, "reportMessage").text()
    assert message.startswith("Could not write") and "missing" in message
    assert child(dialog, QPushButton, "reportExportButton").isEnabled()


@pytest.mark.parametrize("stop", ["close", "lock"])
def test_closing_or_locking_while_the_pages_are_typeset_writes_nothing(
    qtbot: QtBot, tmp_path: Path, stop: str
) -> None:
    directory = tmp_path / "vault"
    now, _ = generate._generate(directory, generate.Scale(brands=2, grants=300, audit=100))
    session = Session()
    session.open(Vault.unlock(directory, generate.PASSPHRASE, clock=lambda: now))
    dialog = ReportDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    out = tmp_path / "report.pdf"
    dialog.path_edit.setText(str(out))
    dialog.export_button.click()
    busy = dialog.busy
    qtbot.waitUntil(lambda: busy.maximum() > 0 and busy.value() > 0, timeout=30_000)
    assert busy.isVisible() and busy.value() < busy.maximum()  # under way, and shown so
    for label in dialog.findChildren(QLabel):  # the bar took no line of the texts above
        if label.isVisible() and label.wordWrap():
            assert label.height() >= label.heightForWidth(label.width()), label.objectName()
    if stop == "close":
        dialog.close_button.click()
    else:
        session.lock()
    qtbot.wait(300)
    assert not dialog.isVisible() and not out.exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".report.pdf")]
    if session.is_open:
        session.lock()


def test_a_lock_that_stops_an_export_says_so_on_the_unlock_screen(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The idle lock can come in the minutes a large report takes: the export stops, nothing
    is written, and the person is told why when they come back, not left to wonder."""
    directory = tmp_path / "vault"
    generate._generate(directory, generate.Scale(brands=2, grants=300, audit=100))
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(directory, settings)
    qtbot.addWidget(window)
    window.show()

    def unlock() -> None:
        window.welcome.unlock_page.secret.setText(generate.PASSPHRASE)
        window.welcome.unlock_page.unlock_button.click()
        qtbot.waitUntil(lambda: window.vault is not None, timeout=10_000)

    unlock()
    notice = window.welcome.unlock_page.notice
    assert notice.isHidden()
    dialog = ReportDialog(window.session, parent=window)
    dialog.show()
    out = tmp_path / "report.pdf"
    dialog.path_edit.setText(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.busy.value() > 0, timeout=30_000)
    window.lock()
    qtbot.wait(300)
    assert not out.exists()
    notice = window.welcome.unlock_page.notice
    assert notice.isVisible() and "nothing was written" in notice.text()
    assert window.welcome.unlock_page.isAncestorOf(notice)
    unlock()
    assert window.welcome.unlock_page.notice.isHidden()
    dialog = ReportDialog(window.session, parent=window)  # closed by the person: no notice
    dialog.show()
    dialog.path_edit.setText(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.busy.value() > 0, timeout=30_000)
    dialog.close_button.click()
    window.lock()
    assert window.welcome.unlock_page.notice.isHidden() and not out.exists()


def test_a_stopped_html_export_writes_nothing(qapp: object, tmp_path: Path) -> None:
    directory = tmp_path / "vault"
    now, _ = generate._generate(directory, generate.Scale(brands=2, grants=40, audit=10))
    vault = Vault.unlock(directory, generate.PASSPHRASE, clock=lambda: now)
    stop = threading.Event()
    stop.set()
    out = tmp_path / "report.html"
    with pytest.raises(ExportStopped):
        export_report(vault, None, out, ReportFormat.HTML, stop=stop)
    vault.lock()
    assert list(tmp_path.iterdir()) == [directory]


def test_the_html_file_is_the_web_page_written_a_share_at_a_time(
    qapp: object, tmp_path: Path
) -> None:
    directory = tmp_path / "vault"
    now, _ = generate._generate(directory, generate.Scale(brands=2, grants=40, audit=10))
    vault = Vault.unlock(directory, generate.PASSPHRASE, clock=lambda: now)
    out = tmp_path / "report.html"
    written = export_report(vault, None, out, ReportFormat.HTML)
    page = web_page(vault.transparency.report())
    vault.lock()
    assert written.brands == 2
    assert out.read_bytes() == page.encode("utf-8")
    assert page.count('<div class="grant"') == 40 and page.endswith("</body></html>\n")


def test_locking_after_a_report_dialog_was_closed_and_deleted_raises_nothing(
    qtbot: QtBot, demo_session: Session, shared_vault: Vault
) -> None:
    page = SharedPage(demo_session)
    qtbot.addWidget(page)
    page.show()
    report_button = child(page, QPushButton, "reportButton")
    report_button.click()
    closed = page.dialog
    assert isinstance(closed, ReportDialog)
    with qtbot.waitSignal(closed.destroyed, timeout=5_000):
        closed.accept()  # the page deletes a dialog once it is closed
    report_button.click()
    still_open = page.dialog
    assert isinstance(still_open, ReportDialog) and still_open.isVisible()
    demo_session.lock()  # an exception in a slot of the deleted one fails the test
    assert not still_open.isVisible()


@needs_poppler
def test_a_finished_pdf_export_lets_go_of_its_pages(
    qtbot: QtBot, demo_session: Session, shared_vault: Vault, tmp_path: Path
) -> None:
    dialog = ReportDialog(demo_session)
    qtbot.addWidget(dialog)
    dialog.show()
    out = tmp_path / "out"
    out.mkdir()
    for name in ("one.pdf", "two.pdf"):
        export(qtbot, dialog, out / name)
        assert "Written to" in child(dialog, QLabel, "reportMessage").text()
    qtbot.wait(50)  # what was deleted later is gone
    assert dialog._pdf is None and not dialog.findChildren(StepsInTurns)
    assert sorted(p.name for p in out.iterdir()) == ["one.pdf", "two.pdf"]


def test_the_typesetting_lets_go_of_each_block_once_drawn(
    qtbot: QtBot, shared_vault: Vault, tmp_path: Path
) -> None:
    """Held to the end, the blocks of the report of 100,000 shares were let go together, in
    one turn of 88 to 151 ms. (A share's block is a str, which cannot be weakly referenced:
    its references are counted instead.)"""
    out = tmp_path / "report.pdf"
    job = prepare_pdf(shared_vault, None, out)
    blocks = list(job.blocks)
    assert len(blocks) >= 3

    def held_elsewhere(index: int) -> bool:
        return sys.getrefcount(blocks[index]) > 2  # the test's list, the call's argument

    pdf = PdfTypesetting(job)
    del job
    steps = pdf.steps()
    for _ in range(len(blocks) + 1):  # every block placed, then the PDF begun
        next(steps)
    assert all(held_elsewhere(index) for index in range(len(blocks)))
    next(steps)
    next(steps)  # two blocks drawn
    assert not held_elsewhere(0)
    assert all(held_elsewhere(index) for index in range(2, len(blocks)))
    for _ in steps:
        pass
    assert not any(held_elsewhere(index) for index in range(len(blocks)))
    pdf.finish()
    pdf.file.commit()
    assert out.read_bytes().startswith(b"%PDF-")


def test_the_end_of_the_pdf_has_a_turn_of_its_own(
    qtbot: QtBot, shared_vault: Vault, tmp_path: Path
) -> None:
    """The PDF's end is one call into Qt in proportion to the pages (39 to 49 ms for 50,000): the
    step before it ends its turn, so it does not follow others in the same turn."""
    out = tmp_path / "report.pdf"
    pdf = PdfTypesetting(prepare_pdf(shared_vault, None, out))
    said = list(pdf.steps())
    assert [index for index, what in enumerate(said) if what is END_OF_TURN] == [len(said) - 2]
    pdf.finish()
    pdf.file.commit()
    assert out.read_bytes().startswith(b"%PDF-")
