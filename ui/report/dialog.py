"""Export the transparency report, on every brand or one, as a PDF or an HTML file.

The report is read, worded and written on the thread pool (ui/report/export.py); a PDF's
pages are typeset on the GUI thread in turns of the event loop, with its progress shown.
Closing the dialog or locking the vault while the report is exported stops it, and
nothing is written (only a lock in the last moment, while the finished file is put in
place, lets it through); a lock says so on the unlock screen. An existing file is replaced
only after the person says so.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from vault.errors import StorageFull
from vault.exchange.aliases import brand_slug

from .. import style
from ..session import Session
from ..style import Space, TextSize, Tone
from ..tasks import run_task
from ..turns import StepsInTurns
from ..widgets import confirmation, named
from ..widgets.wrap import WrapLabel, scaled
from ..words.errors import error_text
from ..words.text import brand_text
from .export import (
    PdfTypesetting,
    PrintJob,
    ReportFormat,
    ReportWritten,
    export_report,
    prepare_pdf,
)


class ReportDialog(QDialog):
    """`origin` None: every brand; else that brand only."""

    def __init__(self, session: Session, origin: str | None = None, brand_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.session = session
        self.origin = origin
        self.confirm: confirmation.Confirm = confirmation.ask  # a seam for tests
        self.written: ReportWritten | None = None
        self._typesetting: StepsInTurns | None = None
        self._pdf: PdfTypesetting | None = None  # while its pages are typeset
        self._exporting = False
        self._stop = threading.Event()  # an HTML export's, set when the dialog closes
        self.setWindowTitle(self.tr("Transparency report"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*style.DIALOG_MARGINS)
        layout.setSpacing(Space.M)
        if origin is None:
            heading = self.tr("A transparency report on every brand")
        else:
            heading = self.tr("A transparency report on {0}").format(brand_text(brand_name))
        layout.addWidget(scaled(WrapLabel(heading, "reportHeading"), TextSize.SECTION,
                                 bold=True))
        if origin is None:
            intro = self.tr("Who knows what about you, why, until when, what you got in "
                            "return, and the receipts the brands signed; a page per brand.")
        else:
            intro = self.tr("What {0} knows about you, why, until when, what you got in "
                            "return, and the receipts it signed.").format(
                brand_text(brand_name))
        layout.addWidget(WrapLabel(intro, "reportIntro"))

        self.pdf = named(QRadioButton(self.tr("&PDF: to print or keep")), "reportPdfRadio")
        self.html = named(
            QRadioButton(self.tr("&HTML: a web page, with the signed receipts in full")),
            "reportHtmlRadio")
        self.formats = QButtonGroup(self)
        for radio in (self.pdf, self.html):
            self.formats.addButton(radio)
            layout.addWidget(radio)
        self.pdf.setChecked(True)
        self.formats.buttonToggled.connect(self._format_changed)

        row = QHBoxLayout()
        caption = QLabel(self.tr("&File:"))
        row.addWidget(caption)
        self.path_edit = named(QLineEdit(), "reportPathEdit")
        self.path_edit.setAccessibleName(self.tr("File to write the report to"))
        stem = "transparency-report" if origin is None else (
            f"transparency-report-{brand_slug(brand_name, origin)}")
        self.path_edit.setText(str(Path.home() / f"{stem}.pdf"))
        self.path_edit.textChanged.connect(self._update)
        caption.setBuddy(self.path_edit)
        row.addWidget(self.path_edit, 1)
        self.browse = named(QPushButton(self.tr("&Choose...")), "reportBrowseButton")
        self.browse.setAccessibleName(self.tr("Choose the file"))
        self.browse.clicked.connect(self._choose)
        row.addWidget(self.browse)
        layout.addLayout(row)
        note = WrapLabel(self.tr("The file is not encrypted: it holds what you shared."),
                         "reportNote")
        note.setProperty("role", "muted")
        note.setStyleSheet(style.text_css(Tone.MUTED))
        layout.addWidget(note)

        self.busy = named(QProgressBar(), "reportBusy")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.setAccessibleName(self.tr("Writing the report"))
        self.busy.hide()
        layout.addWidget(self.busy)
        self.message = WrapLabel(name="reportMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.open_button = named(QPushButton(self.tr("&Open it")), "reportOpenButton")
        self.open_button.setAccessibleName(self.tr("Open the report just written"))
        self.open_button.clicked.connect(self._open)
        self.open_button.hide()
        self.close_button = named(QPushButton(self.tr("Close")), "reportCloseButton")
        self.close_button.clicked.connect(self.reject)
        self.export_button = named(QPushButton(self.tr("&Export")), "reportExportButton")
        self.export_button.setAccessibleName(self.tr("Write the report"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        for button in (self.open_button, self.close_button, self.export_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        session.closed.connect(self.reject)  # locked: nothing more is read from the vault
        self._update()

    # -- choosing -------------------------------------------------------------------------

    def chosen_format(self) -> ReportFormat:
        return ReportFormat.HTML if self.html.isChecked() else ReportFormat.PDF

    def _format_changed(self) -> None:
        text = self.path_edit.text().strip()
        if text:
            suffix = "." + self.chosen_format().value
            self.path_edit.setText(str(Path(text).with_suffix(suffix)))

    def _choose(self) -> None:
        pdf = self.chosen_format() is ReportFormat.PDF
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the transparency report"), self.path_edit.text(),
            self.tr("PDF documents (*.pdf)") if pdf else self.tr("Web pages (*.html)"))
        if path:
            self.path_edit.setText(path)

    def _update(self) -> None:
        self.export_button.setEnabled(bool(self.path_edit.text().strip()) and
                                      not self._exporting)

    # -- writing --------------------------------------------------------------------------

    def export(self, replace: bool = False) -> None:
        text = self.path_edit.text().strip()
        if not text or self._exporting:
            return
        path = Path(text).expanduser()
        origin, kind = self.origin, self.chosen_format()
        self._set_busy(True)
        if kind is ReportFormat.HTML:
            stop = self._stop = threading.Event()
            self.session.call(
                lambda vault: export_report(vault, origin, path, kind, replace=replace,
                                            stop=stop),
                self._written, failed=lambda error: self._failed(error, path), owner=self)
        else:
            self.session.call(
                lambda vault: prepare_pdf(vault, origin, path, replace=replace),
                self._typeset, failed=lambda error: self._failed(error, path), owner=self)

    def _typeset(self, job: PrintJob) -> None:
        if not self._exporting:  # closed while the report was read
            return
        try:
            pdf = PdfTypesetting(job)
        except (OSError, StorageFull) as error:
            self._failed(error, job.path)
            return
        self.busy.setRange(0, pdf.total_steps)
        self.busy.setValue(0)
        steps = StepsInTurns(pdf.steps(), self)
        self._typesetting, self._pdf = steps, pdf
        steps.progressed.connect(self.busy.setValue)
        steps.failed.connect(self._typesetting_failed)
        steps.finished.connect(self._typeset_done)
        steps.start()

    def _let_go(self) -> PdfTypesetting | None:
        """The typesetting under way, stopped if it runs, and no longer held here: its
        pages are let go on this thread, once this returns."""
        steps, pdf = self._typesetting, self._pdf
        self._typesetting = self._pdf = None
        if steps is not None:
            steps.cancel()
            steps.deleteLater()
        return pdf

    def _typesetting_failed(self, error: BaseException) -> None:
        pdf = self._let_go()
        if pdf is not None:
            pdf.discard()
            self._failed(error, pdf.path)

    def _typeset_done(self) -> None:
        pdf = self._let_go()
        if pdf is None:
            return
        try:
            pdf.finish()
        except (OSError, StorageFull) as error:
            self._failed(error, pdf.path)
            return
        path, brands = pdf.path, pdf.brands
        run_task(self, pdf.file.commit,
                 lambda _, error: self._committed(path, brands, error))

    def _committed(self, path: Path, brands: int, error: BaseException | None) -> None:
        if error is not None:
            self._failed(error, path)
        else:
            self._written(ReportWritten(path, ReportFormat.PDF, brands))

    def done(self, result: int) -> None:
        """Closed (or the vault locked): an export under way stops, and writes nothing.

        (`done`, not `reject`: the session's `closed` is connected to Qt's own `reject`,
        which Qt disconnects when the dialog is deleted; an override of it in Python
        would still be called after.)"""
        self._stop.set()
        pdf = self._let_go()
        if pdf is not None:
            pdf.discard()
        if self._exporting:
            if not self.session.is_open:
                self.session.note_stopped_by_lock(self.tr(
                    "The vault locked while your transparency report was being exported, so "
                    "the export stopped and nothing was written. Unlock, then export it again."))
            self._set_busy(False)
        super().done(result)

    def _set_busy(self, busy: bool) -> None:
        self._exporting = busy
        self.busy.setRange(0, 0)  # until a PDF's pages are counted
        self.busy.setVisible(busy)
        for widget in (self.pdf, self.html, self.path_edit, self.browse):
            widget.setEnabled(not busy)
        if busy:
            self.message.hide()
            self.open_button.hide()
            self._fit()  # room for the progress bar: the texts above keep every line
        self._update()

    def _written(self, written: ReportWritten) -> None:
        self._set_busy(False)
        self.written = written
        self._say(self.tr("Written to {0}.").format(str(written.path)))
        self.open_button.show()
        self.open_button.setFocus()

    def _failed(self, error: BaseException, path: Path) -> None:
        self._set_busy(False)
        if isinstance(error, FileExistsError):
            if self.confirm(self, self.tr("Replace the file?"),
                            self.tr("{0} already exists. Replace it?").format(path.name),
                            str(path), self.tr("Replace")):
                self.export(replace=True)
            return
        if isinstance(error, StorageFull):
            words = error_text(error)
        elif isinstance(error, OSError):
            words = self.tr("Could not write {path}: {reason}").format(
                path=str(path), reason=error.strerror or type(error).__name__)
        else:
            words = error_text(error)
        self._say(words, error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(style.text_css(Tone.ERROR, bold=True) if error else "")
        self.message.setText(text)
        self.message.show()
        self._fit()

    def _fit(self) -> None:
        """Grow to the height the wrapped texts need at this width (a dialog does not by
        itself when a message appears)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = (layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                  else layout.totalSizeHint().height())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _open(self) -> None:
        if self.written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written.path)))
