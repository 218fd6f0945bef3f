"""The printed report's pages: blocks of HTML laid out one at a time, placed on A4 pages.

Qt's text layout and PDF writing run on the GUI thread, a block at a time, in turns of the
event loop (`ui.turns.StepsInTurns`): on a worker thread they shared Qt's own locks with
the GUI thread's painting, and a worker laying out text in Qt could hold the GUI thread
asleep for hundreds of milliseconds, or for good (docs/performance.md, "The tour"). Each
block (the title, a brand's heading and balance, one share) is a small document of its
own, parsed, laid out and drawn in calls of a few milliseconds each. A block that does not
fit in what is left of a page starts the next one; one taller than a page runs over as many
pages as it needs; each brand starts on a new page. The blocks are laid out twice: once to
count the pages (each footer says "Page n of m"), once to draw them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)

from .. import style
from ..turns import END_OF_TURN

MARGIN_MM = 16
PX_PER_MM = 96 / 25.4  # document pixels
PAGE_WIDTH = (210 - 2 * MARGIN_MM) * PX_PER_MM  # A4 inside the margins
PAGE_HEIGHT = (297 - 2 * MARGIN_MM) * PX_PER_MM
FOOTER = 28.0  # document pixels kept for the page footer
BODY = PAGE_HEIGHT - FOOTER


@dataclass(frozen=True)
class Block:
    """A block of the report that starts a page or shows images (by name): the title, a
    brand's heading. Each is laid out whole.

    Every other block, one share's, is its HTML alone: a `str`, which Python's cycle
    collector does not track. A large vault's report has 100,000 of them, waiting on the
    GUI thread to be typeset; as objects of a class, each full pass of the collector
    walked every one."""

    html: str
    new_page: bool = False  # each brand starts on a page of its own
    images: tuple[str, ...] = ()


BlockOrHtml = Block | str


@dataclass(frozen=True)
class Footer:
    title: str  # the PDF's own title
    left: str  # at the foot of every page
    page_of: str  # "Page {page} of {pages}"


@dataclass(frozen=True)
class _Laid:
    document: QTextDocument
    pages: int  # how many pages it runs over: 1 unless it is taller than one
    height: float  # on the last of them
    # A document leaves out its first block's top margin and its last block's bottom
    # margin; between two blocks, the larger of the two is kept, as in one document.
    top_margin: float
    bottom_margin: float


# Where a block goes: the page it starts on, its top on that page (document pixels), and
# how many pages it runs over. A tuple of numbers: the collector stops tracking those, so
# the places of 100,000 blocks add nothing to its passes either.
_Placed = tuple[int, float, int]


class _Typesetter:
    """Makes each block's document, the same way on both passes."""

    def __init__(self, style_sheet: str, image: Callable[[str], QImage]) -> None:
        self._head = f"<html><head><style>{style_sheet}</style></head><body>"
        self._image = image
        self._option = QTextOption()
        self._option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # tokens
        self._font = QFont()
        self._font.setPixelSize(style.PAPER_PIXELS["body"])
        # No ligatures: text copied or searched in the PDF reads "offer", not "oﬀer".
        self._font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)

    def lay_out(self, block: BlockOrHtml) -> _Laid:
        html, images = (block, ()) if isinstance(block, str) else (block.html, block.images)
        document = QTextDocument()
        document.setDefaultTextOption(self._option)
        document.setDocumentMargin(0)
        document.setDefaultFont(self._font)
        for name in images:
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name),
                                 self._image(name))
        document.setHtml(f"{self._head}{html}</body></html>")
        document.setTextWidth(PAGE_WIDTH)
        margins = (document.begin().blockFormat().topMargin(),
                   document.lastBlock().blockFormat().bottomMargin())
        height = document.size().height()
        if height <= BODY:
            return _Laid(document, 1, height, *margins)
        document.setPageSize(QSizeF(PAGE_WIDTH, BODY))  # its own page breaks, between lines
        pages = document.pageCount()
        last = document.documentLayout().blockBoundingRect(document.lastBlock()).bottom()
        return _Laid(document, pages, last - (pages - 1) * BODY, *margins)


def _placements(blocks: Sequence[BlockOrHtml], typesetter: _Typesetter) -> Iterator[_Placed]:
    page, top, margin = 0, 0.0, 0.0
    for block in blocks:
        laid = typesetter.lay_out(block)
        new_page = isinstance(block, Block) and block.new_page
        if top > 0:
            top += max(margin, laid.top_margin)
            if new_page or laid.pages > 1 or top + laid.height > BODY:
                page, top = page + 1, 0.0
        yield page, top, laid.pages
        page += laid.pages - 1
        top = (top if laid.pages == 1 else 0.0) + laid.height
        margin = laid.bottom_margin


class PagedPdf:
    """The blocks as a PDF (A4) written to `device`, every page numbered, typeset a block
    at a time.

    `steps()` does the work: it yields after each block, once the PDF is begun and once it
    is written whole, `total_steps` times (each block is laid out once to place it, once
    to draw it). Images are asked for by name when a block first shows them."""

    def __init__(self, blocks: Sequence[BlockOrHtml], image: Callable[[str], QImage],
                 style_sheet: str, footer: Footer, device: QIODevice) -> None:
        self._blocks = list(blocks)  # its own list: each block is let go once drawn
        self._typesetter = _Typesetter(style_sheet, image)
        self._footer = footer
        self._device = device
        self.total_steps = 2 * len(self._blocks) + 2

    def steps(self) -> Iterator[object]:
        placed: list[_Placed] = []
        for where in _placements(self._blocks, self._typesetter):
            placed.append(where)
            yield None
        last_page, _, last_pages = placed[-1] if placed else (0, 0.0, 1)
        total = last_page + last_pages
        writer = QPdfWriter(self._device)
        writer.setTitle(self._footer.title)
        writer.setCreator("Zero-Party Vault")
        writer.setResolution(300)
        writer.setPageLayout(QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter))
        area = writer.pageLayout().paintRectPixels(writer.resolution())
        painter = QPainter(writer)
        painter.scale(area.width() / PAGE_WIDTH, area.width() / PAGE_WIDTH)
        font = QFont()
        font.setPixelSize(style.PAPER_PIXELS["footer"])  # document pixels, scaled with the page
        page = 0

        def turn_to(wanted: int) -> None:
            nonlocal page
            while page < wanted:
                writer.newPage()
                page += 1
                _draw_footer(painter, font, self._footer, page, total)

        _draw_footer(painter, font, self._footer, 0, total)
        yield None
        # Drawn from the end of reversed lists, so that each block and its place are let go
        # once drawn: let go together at the end, 70,000 of them took one long turn. (Not
        # zipped: 100,000 pairs made at once cost the collector's next pass 14 ms.)
        blocks, self._blocks = self._blocks, []
        blocks.reverse()
        placed.reverse()
        while blocks:
            block, (first_page, top, _) = blocks.pop(), placed.pop()
            laid = self._typesetter.lay_out(block)
            document, pages = laid.document, laid.pages
            for part in range(pages):
                turn_to(first_page + part)
                painter.save()
                if pages == 1:
                    painter.translate(0, top)
                    document.drawContents(painter, QRectF(0, 0, PAGE_WIDTH, BODY - top))
                else:
                    painter.translate(0, -part * BODY)
                    document.drawContents(painter, QRectF(0, part * BODY, PAGE_WIDTH, BODY))
                painter.restore()
            # The end, next, is one call into Qt that writes the cross-reference table and
            # the page tree: 39 to 49 ms for the 50,000 pages of the large benchmark report.
            yield None if blocks else END_OF_TURN
        turn_to(total - 1)
        painter.end()
        yield None  # the writer, with what it kept of every page, let go in a step of its own


def _draw_footer(painter: QPainter, font: QFont, footer: Footer, page: int,
                 total: int) -> None:
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor(style.PAPER_MUTED))
    box = QRectF(0, PAGE_HEIGHT - FOOTER * 0.6, PAGE_WIDTH, FOOTER * 0.6)
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     footer.left)
    painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                     footer.page_of.format(page=page + 1, pages=total))
    painter.restore()
