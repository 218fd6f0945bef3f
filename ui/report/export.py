"""Export the transparency report to a file: read and worded on the thread pool; a PDF's
pages typeset on the GUI thread in turns, straight into its file (ui/report/paged.py says
why not on a worker); written privately and atomically, or not at all.
"""

from __future__ import annotations

import errno
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import NoReturn, TypeVar

from PySide6.QtCore import QFile, QFileDevice, QIODevice
from PySide6.QtGui import QImage

from vault.errors import StorageFull
from vault.pacing import courteous, let_go_one_by_one
from vault.storage.fsutil import AtomicFile, atomic_write_chunks
from vault.transparency.report import Report
from vault.vault import Vault

from ..tasks import cycle_collection_paused
from ..widgets.balance_paint import ChartData
from ..words.report import web_page_lines
from . import printed
from .paged import BlockOrHtml, PagedPdf

T = TypeVar("T")
PROBE_BYTES = 1 << 20  # written to learn why Qt's writes stopped: past a nearly full disk
FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


class ReportFormat(StrEnum):
    PDF = "pdf"
    HTML = "html"


@dataclass(frozen=True)
class ReportWritten:
    path: Path
    format: ReportFormat
    brands: int


@dataclass(frozen=True)
class PrintJob:
    """A PDF report read and worded, to be typeset (`PdfTypesetting`) and written."""

    path: Path
    brands: int
    blocks: list[BlockOrHtml]
    charts: dict[str, ChartData]


def prepare_pdf(vault: Vault, origin: str | None, path: Path, *,
                replace: bool = False) -> PrintJob:
    """Read the report (every brand, or one) and word it; runs on the thread pool.

    FileExistsError unless `replace` (the dialog asks before a file is replaced), and an
    OSError for a folder that is not there or not writable, before any of the work."""
    _check_path(path, replace)

    def worded(model: Report) -> PrintJob:
        blocks, charts = printed.print_blocks(model)
        return PrintJob(path, len(model.brands), blocks, charts)

    return _from_report(vault, origin, worded)


class PdfTypesetting:
    """A job's pages typeset on the GUI thread (`steps`), straight into its file: a PDF of
    100,000 shares (140 MB) is never held in memory. Then `finish` on the GUI thread and
    `file.commit` on the thread pool; or `discard`, and nothing is written. The file is
    made here, on the GUI thread: a job whose result nobody takes (the vault locked
    meanwhile) leaves nothing on disk."""

    def __init__(self, job: PrintJob) -> None:
        self.path, self.brands = job.path, job.brands
        self.file = AtomicFile(job.path)
        assert self.file.fd is not None
        self._device = QFile()
        self._device.open(self.file.fd, QIODevice.OpenModeFlag.WriteOnly,
                          QFileDevice.FileHandleFlag.DontCloseHandle)
        painted: dict[str, QImage] = {}
        charts = job.charts  # not the job: its blocks are let go as they are drawn

        def image(name: str) -> QImage:
            if name not in painted:
                painted[name] = printed.chart_image(charts[name])
            return painted[name]

        self._paged: PagedPdf | None = PagedPdf(job.blocks, image, printed.STYLE,
                                                printed.footer(), self._device)
        self.total_steps = self._paged.total_steps

    def steps(self) -> Iterator[object]:
        """The pages typeset (for StepsInTurns); a write Qt saw fail stops them at the step
        after, raised as StorageFull or an OSError."""
        assert self._paged is not None, "typeset twice"
        for said in self._paged.steps():
            if self._device.error() != QFileDevice.FileError.NoError:
                self._fail()
            yield said

    def finish(self) -> None:
        """After the last step: the file closed, with what Qt still buffered, and checked
        whole: Qt does not say when the disk took only part of a write (its stream just
        stops writing), so a PDF that does not end as one does was cut short. The pages
        are let go here, on the GUI thread, whatever happens."""
        try:
            self._device.close()
            fd = self.file.fd
            assert fd is not None, "finished after a discard"
            size = os.fstat(fd).st_size
            ended = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$",
                              os.pread(fd, 64, max(0, size - 64)))
            if (self._device.error() != QFileDevice.FileError.NoError or ended is None
                    or int(ended.group(1)) >= size):
                self._fail()
        except BaseException:
            self.discard()
            raise
        finally:
            self._paged = None

    def _fail(self) -> NoReturn:
        """Qt saw a write fail, or the file is cut short: a write of our own says why (Qt
        cannot, on a file it did not open itself), and nothing is kept."""
        path, fd = str(self.path), self.file.fd
        reason: OSError | None = None
        try:
            if fd is not None:
                end, written = os.fstat(fd).st_size, 0
                while written < PROBE_BYTES:  # a nearly full disk first takes part of it
                    taken = os.pwrite(fd, bytes(PROBE_BYTES - written), end + written)
                    if taken == 0:
                        break
                    written += taken
        except OSError as error:
            reason = error
        self.discard()
        if reason is not None and reason.errno in FULL_ERRNOS:
            raise StorageFull(path) from reason
        if reason is not None:
            raise OSError(reason.errno, reason.strerror, path) from reason
        raise OSError(errno.EIO, os.strerror(errno.EIO), path)

    def discard(self) -> None:
        """Nothing written (again harmless)."""
        self._device.close()
        self._paged = None
        self.file.discard()


class ExportStopped(Exception):
    """The export was stopped before its file was written (its dialog closed, or the vault
    locked): nothing was written."""


def export_report(vault: Vault, origin: str | None, path: Path, kind: ReportFormat,
                  *, replace: bool = False, stop: threading.Event | None = None) -> ReportWritten:
    """Build the report (every brand, or one) and write it, in one call.

    The HTML runs on the thread pool; `stop`, once set, stops it with ExportStopped. A PDF
    typesets with Qt, so here it belongs on the GUI thread; the app's dialog instead
    prepares it on the pool and typesets in turns."""
    if kind is ReportFormat.PDF:
        typesetting = PdfTypesetting(prepare_pdf(vault, origin, path, replace=replace))
        try:
            for _ in typesetting.steps():
                pass
            typesetting.finish()
        except BaseException:
            typesetting.discard()
            raise
        typesetting.file.commit()
        return ReportWritten(path, kind, typesetting.brands)
    _check_path(path, replace)

    def written(model: Report) -> int:
        # Written a share at a time as it is worded: the whole page in one string (76 MB
        # for 100,000 shares) took calls that held the GIL for tens of milliseconds.
        lines = courteous(web_page_lines(model))
        atomic_write_chunks(path, (f"{line}\n".encode() for line in _until(stop, lines)))
        return len(model.brands)

    return ReportWritten(path, kind, _from_report(vault, origin, written))


def _until(stop: threading.Event | None, lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        if stop is not None and stop.is_set():
            raise ExportStopped()
        yield line


def _check_path(path: Path, replace: bool) -> None:
    if path.exists() and not replace:
        raise FileExistsError(str(path))
    if not path.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path.parent))
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path.parent))


def _from_report(vault: Vault, origin: str | None, use: Callable[[Report], T]) -> T:
    """What `use` makes of the report's model, read with the collector paused. The model is
    then freed a share at a time: freed at once, its millions of objects went in one call
    that held the GIL for 150 ms, and a brand's 10,000 shares for tens of milliseconds."""
    with cycle_collection_paused():
        model = vault.transparency.report(origin)
        made = use(model)
        sections = list(model.brands)
        del model
        while sections:
            shares = list(sections[-1].grants)
            sections.pop()
            let_go_one_by_one(shares)
    return made
