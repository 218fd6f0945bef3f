"""The transparency report as a printed document: blocks of HTML for QTextDocument, then a PDF
(ui/report/paged.py lays the blocks out on pages).

`ui/words/report.py` is the browser version (CSS that QTextDocument cannot lay out);
this is the print version of the same model, in the person's language:
tables instead of flex boxes, the balance as a picture (painted by
ui/widgets/balance_paint.py into an image), and each brand on a page of its own.

Every string goes through `_e`: hidden characters revealed, then HTML-escaped, so
a brand can neither draw markup into the report nor hide characters in it. No
widget is used: `export_report` runs on the thread pool (QTextDocument, QImage
and QPdfWriter may be used outside the GUI thread).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from vault.storage.fsutil import atomic_write
from vault.transparency.balance import Verdict
from vault.transparency.report import BrandReport, GrantReport, Holding, Report
from vault.vault import Vault
from zpd.fieldtypes import Sensitivity
from zpd.text import reveal

from .. import style
from ..style import Badge, Space, Tone
from ..tasks import cycle_collection_paused
from ..widgets.balance_paint import PRINT_COLOURS, chart_data, chart_height, paint_chart
from ..words import aliases, fields, pausing, time
from ..words import balance as weigh
from ..words import exchange as words
from ..words.report import web_page_parts
from ..words.text import brand_text
from .paged import PAGE_WIDTH, Block, Footer, paged_pdf

CONTEXT = "ReportPrint"
CHART_WIDTH = int(PAGE_WIDTH) - 8
CHART_SCALE = 3  # image pixels per document pixel, so the bars print sharp


class ReportFormat(StrEnum):
    PDF = "pdf"
    HTML = "html"


@dataclass(frozen=True)
class ReportWritten:
    path: Path
    format: ReportFormat
    brands: int


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _e(text: str) -> str:
    """Text for the document: hidden characters made visible, then escaped."""
    return html.escape(reveal(text), quote=True)


# Paper is white whatever the screen's palette: the print colours and type of ui/style.py.
PT = style.PAPER_POINTS
STYLE = f"""
body {{ color: {style.PAPER_TEXT}; }}
h1 {{ font-size: {PT["h1"]}pt; margin-bottom: {Space.HAIR}px; }}
h2 {{ font-size: {PT["h2"]}pt; margin-top: 0; margin-bottom: {Space.HAIR}px; }}
h3 {{ font-size: {PT["h3"]}pt; margin-top: {Space.M}px; margin-bottom: {Space.XS}px; }}
.muted {{ color: {style.PAPER_MUTED}; }}
.small {{ font-size: {PT["small"]}pt; color: {style.PAPER_MUTED}; }}
.origin {{ color: {style.PAPER_MUTED}; }}
.special {{ color: {style.LIGHT.text[Tone.SPECIAL]}; font-weight: bold; }}
.warn {{ color: {style.LIGHT.text[Tone.ERROR]}; }}
.jws {{ font-family: monospace; font-size: {PT["token"]}pt; color: {style.PAPER_FAINT}; }}
th {{ text-align: left; color: {style.PAPER_MUTED}; font-weight: normal; }}
"""


def print_blocks(model: Report) -> tuple[list[Block], dict[str, QImage]]:
    """The report as blocks of HTML that QTextDocument lays out well (with STYLE), and the
    chart images they name."""
    images: dict[str, QImage] = {}
    blocks: list[Block] = []
    for index, section in enumerate(model.brands):
        title = "" if index else _title(model)
        charts = len(images)
        head = _brand(section, index, images)
        blocks.append(Block(title + head, new_page=index > 0, images=tuple(images)[charts:]))
        if not section.grants:
            blocks.append(Block(f"<p>{_e(_tr('You shared nothing with this brand.'))}</p>"))
        blocks.extend(Block(_grant(g)) for g in section.grants)
    if not model.brands:
        blocks.append(Block(_title(model) + "<p>{}</p>".format(
            _e(_tr("No brand knows anything about you through this vault.")))))
    return blocks, images


def print_html(model: Report) -> tuple[str, dict[str, QImage]]:
    """The whole report as one HTML document, with the chart images it names."""
    blocks, images = print_blocks(model)
    parts = [f"<html><head><style>{STYLE}</style></head><body>"]
    for block in blocks:
        if block.new_page:
            parts.append('<div style="page-break-before: always"></div>')
        parts.append(block.html)
    parts.append("</body></html>")
    return "".join(parts), images


def _title(model: Report) -> str:
    intro = _tr("Generated on {date} by Zero-Party Vault, from what you shared and the receipts "
                "brands signed.").format(date=time.date(model.generated_at))
    if len(model.brands) > 1:
        intro += " " + _tr("A page per brand.")
    return (f"<h1>{_e(_tr('Who knows what about you'))}</h1>"
            f"<p class='muted'>{_e(intro)}</p><hr/>")


def _brand(section: BrandReport, index: int, images: dict[str, QImage]) -> str:
    brand = section.brand
    verified = (_tr("domain verified") if brand.domain_verified
                else _tr("domain not verified: imported from a file or text"))
    parts = [f"<h2>{_e(brand.name)}</h2>",
             f"<p class='origin'>{_e(brand.origin)} · {_e(verified)}</p>"]
    if section.aliases:
        parts.append("<p>{}</p>".format(_e(_tr("Email alias given to this brand: {0}").format(
            ", ".join(section.aliases)))))
    for alias, closed_at in section.closed_aliases:
        parts.append(f"<p>{_e(aliases.alias_closed(alias, closed_at))}</p>")
    parts.append(_balance(section, index, images))
    return "".join(parts)

VERDICT_BADGES = {Verdict.FAIR: Badge.FAIR, Verdict.ASKS_A_LOT: Badge.ASKS_A_LOT,
                  Verdict.GREEDY: Badge.GREEDY}


def _balance(section: BrandReport, index: int, images: dict[str, QImage]) -> str:
    balance = section.balance
    if balance.given_score == 0 and balance.offered_score == 0:
        return ""
    parts = [f"<h3>{_e(_tr('Balance: what you gave, what it offered'))}</h3>"]
    verdict_colour = style.BADGES[VERDICT_BADGES[balance.verdict]].fill
    parts.append(
        f"<p><b style='color: {verdict_colour}'>{_e(weigh.verdict_words(balance.verdict))}"
        f"</b> · {_e(weigh.scores_sentence(balance))}</p>")
    name = f"balance-{index}"
    images[name] = _chart_image(section)
    height = images[name].height() // CHART_SCALE
    parts.append(f"<p><img src='{name}' width='{CHART_WIDTH}' height='{height}'/></p>")
    flags = weigh.ordered_flags(balance)
    if flags:
        lines = "<br/>".join(_e(weigh.warning(f)) for f in flags)
        parts.append(f"<p class='warn'>{lines}</p>")
    parts.append(f"<p class='small'>{_e(weigh.how_weighed())}</p>")
    return "".join(parts)


def _chart_image(section: BrandReport) -> QImage:
    # A brand's question is named by its label, as the brand asked it (never by its key).
    data = chart_data(section.balance, {f.key: brand_text(f.label) for g in section.grants
                                        for f in g.fields if f.question is not None})
    font = QFont()
    font.setPixelSize(style.PAPER_PIXELS["chart"])
    height = int(chart_height(data, CHART_WIDTH, font)) + 2
    image = QImage(CHART_WIDTH * CHART_SCALE, height * CHART_SCALE,
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(style.PAPER))
    painter = QPainter(image)
    painter.scale(CHART_SCALE, CHART_SCALE)
    paint_chart(painter, QRectF(0, 0, CHART_WIDTH, height), data, PRINT_COLOURS, font)
    painter.end()
    return image


def _grant(report: GrantReport) -> str:
    g = report.grant
    state = pausing.grant_sentence(g)
    rows = [
        (_tr("Purpose"), f"{_e(g.purpose_description)}<br/><span class='muted'>"
                         f"{_e(words.purpose_words(g.purpose_iri))}</span>"),
        (_tr("Status"), _e(_tr("{state}; version {version}").format(state=state,
                                                                     version=g.version))),
        (_tr("Shared on"), _e(time.date(g.created_at))),
        (_tr("Brand keeps it"), _e(time.days(g.retention_days))),
        (_tr("In return"), _e(words.offer_words(g.offer_kind, g.offer_description))),
        (_tr("Delivery"), _e(words.delivery_words(report.delivery))),
    ]
    parts = [f"<h3>{_e(_tr('Share: {0}').format(g.purpose_description))}</h3>", _table(rows)]
    if g.ended_at is None:
        parts.append(f"<p><b>{_e(_tr('What it holds'))}</b></p>")
    else:  # what it holds now, then apart what it held: never the values as still held
        parts.append(f"<p><b>{_e(_tr('What it holds now'))}</b></p>"
                     f"<p>{_e(_held_now(report, g.ended_at))}</p>"
                     f"<p><b>{_e(_tr('What it held until {0}').format(time.date(g.ended_at)))}"
                     f"</b></p>")
    field_rows = []
    for f in report.fields:
        label = _e(fields.key_label(f.key))
        if f.sensitivity is Sensitivity.SPECIAL:
            special = _e(weigh.sensitivity_words(f.sensitivity))
            label = f"<span class='special'>{label} ({special})</span>"
        value = (_tr("(no longer in the latest version)") if f.value is None
                 else words.show_value(f.value, f.key))
        field_rows.append((label, _e(value)))
    parts.append(_table(field_rows, escaped_heads=True))
    parts.append(_receipts(report))
    return "".join(parts)


def _held_now(report: GrantReport, ended_at: int) -> str:
    if report.holding is Holding.DELETED:
        return _tr("Nothing: the brand confirmed that it deleted what you shared.")
    if report.holding is Holding.TOLD_TO_DELETE:
        return _tr("You revoked this share on {0} and the brand was told to delete what you "
                   "shared; it has not confirmed the deletion yet, so it may still hold "
                   "it.").format(time.date(ended_at))
    return _tr("This share ended on {0}. The brand may keep what it held for the time it "
               "stated above, then must delete it.").format(time.date(ended_at))


def _receipts(report: GrantReport) -> str:
    if not report.receipts:
        return f"<p class='muted'>{_e(_tr('No signed receipt from the brand yet.'))}</p>"
    parts = [f"<p><b>{_e(_tr('Receipts signed by the brand'))}</b></p>"]
    for r in report.receipts:
        signed = (time.date(r.signed_at) if r.signed_at is not None
                  else _tr("time unreadable"))
        line = _tr("{words}, signed on {date}").format(words=words.receipt_words(r.status),
                                                      date=signed)
        parts.append(f"<p>{_e(line)}</p><p class='jws'>{_e(r.jws)}</p>")
    return "".join(parts)


def _table(rows: list[tuple[str, str]], *, escaped_heads: bool = False) -> str:
    cells = "".join(
        f"<tr><th width='28%'>{head if escaped_heads else _e(head)}</th><td>{cell}</td></tr>"
        for head, cell in rows)
    return f"<table width='100%' cellspacing='0' cellpadding='3'>{cells}</table>"


def pdf_bytes(model: Report) -> bytes:
    """The report as a PDF (A4), each brand from a new page, each page numbered."""
    blocks, images = print_blocks(model)
    return paged_pdf(blocks, images, STYLE, Footer(
        _tr("Transparency report"), _tr("Zero-Party Vault · transparency report"),
        _tr("Page {page} of {pages}")))


def export_report(vault: Vault, origin: str | None, path: Path, kind: ReportFormat,
                  *, replace: bool = False) -> ReportWritten:
    """Build the report (every brand, or one) and write it; runs on the thread pool.

    FileExistsError unless `replace`: the dialog asks before a file is replaced."""
    if path.exists() and not replace:
        raise FileExistsError(str(path))
    with cycle_collection_paused():
        model = vault.transparency.report(origin)
        brands = len(model.brands)
        if kind is ReportFormat.HTML:
            # Encoded a piece at a time: one call over the whole page held the GIL.
            content = b"".join(f"{part}\n".encode() for part in web_page_parts(model))
        else:
            content = pdf_bytes(model)
        # Freed before the collector runs again, and a brand at a time: freed at once, its
        # millions of objects went in one call that held the GIL for 150 ms.
        sections = list(model.brands)
        del model
        while sections:
            sections.pop()
    atomic_write(path, content)
    return ReportWritten(path, kind, brands)
