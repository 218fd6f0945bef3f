"""The transparency report as a printed document: blocks of HTML for QTextDocument, and the
charts they show (ui/report/paged.py lays the blocks out on pages, ui/report/export.py
writes the PDF).

`ui/words/report.py` is the browser version (CSS that QTextDocument cannot lay out);
this is the print version of the same model, in the person's language:
tables instead of flex boxes, the balance as a picture (painted by
ui/widgets/balance_paint.py into an image), and each brand on a page of its own.

Every string goes through `_e`: hidden characters revealed, then HTML-escaped, so
a brand can neither draw markup into the report nor hide characters in it. The blocks
are worded on the thread pool, with no Qt text layout or painting there (`print_blocks`);
the charts are painted on the GUI thread (`chart_image`), where the pages are typeset.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from vault.pacing import courteous
from vault.transparency.balance import Verdict
from vault.transparency.report import BrandReport, GrantReport, Holding, Report
from zpd.fieldtypes import Sensitivity
from zpd.text import reveal

from .. import style
from ..style import Badge, Space, Tone
from ..widgets.balance_paint import (
    PRINT_COLOURS,
    ChartData,
    chart_data,
    chart_height,
    paint_chart,
)
from ..words import aliases, fields, pausing, time
from ..words import balance as weigh
from ..words import exchange as words
from ..words.text import brand_text
from .paged import PAGE_WIDTH, Block, BlockOrHtml, Footer

CONTEXT = "ReportPrint"
CHART_WIDTH = int(PAGE_WIDTH) - 8
CHART_SCALE = 3  # image pixels per document pixel, so the bars print sharp


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
.fingerprint {{ font-family: monospace; color: {style.PAPER_MUTED}; }}
th {{ text-align: left; color: {style.PAPER_MUTED}; font-weight: normal; }}
"""


def print_blocks(model: Report) -> tuple[list[BlockOrHtml], dict[str, ChartData]]:
    """The report as blocks of HTML that QTextDocument lays out well (with STYLE), and the
    charts they show by name (painted by `chart_image`, on the GUI thread). No Qt text
    layout: callable on a worker thread."""
    charts: dict[str, ChartData] = {}
    blocks: list[BlockOrHtml] = []
    for index, section in enumerate(model.brands):
        title = "" if index else _title(model)
        before = len(charts)
        head = _brand(section, index, charts)
        blocks.append(Block(title + head, new_page=index > 0, images=tuple(charts)[before:]))
        if not section.grants:
            blocks.append(f"<p>{_e(_tr('You shared nothing with this brand.'))}</p>")
        blocks.extend(_grant(g) for g in courteous(section.grants))
    if not model.brands:
        blocks.append(Block(_title(model) + "<p>{}</p>".format(
            _e(_tr("No brand knows anything about you through this vault.")))))
    return blocks, charts


def print_html(model: Report) -> tuple[str, dict[str, ChartData]]:
    """The whole report as one HTML document, with the charts it names."""
    blocks, charts = print_blocks(model)
    parts = [f"<html><head><style>{STYLE}</style></head><body>"]
    for block in blocks:
        if isinstance(block, str):
            parts.append(block)
            continue
        if block.new_page:
            parts.append('<div style="page-break-before: always"></div>')
        parts.append(block.html)
    parts.append("</body></html>")
    return "".join(parts), charts


def _title(model: Report) -> str:
    intro = _tr("Generated on {date} by Zero-Party Vault, from what you shared and the receipts "
                "brands signed.").format(date=time.date(model.generated_at))
    if len(model.brands) > 1:
        intro += " " + _tr("A page per brand.")
    # A receipt in full is a kilobyte of signed text that no one checks from paper, and it
    # took half the pages of a large report.
    intro += " " + _tr("Each receipt is shown by its fingerprint; the web page (HTML) report "
                       "has the same receipts in full, to check their signatures.")
    return (f"<h1>{_e(_tr('Who knows what about you'))}</h1>"
            f"<p class='muted'>{_e(intro)}</p><hr/>")


def _brand(section: BrandReport, index: int, charts: dict[str, ChartData]) -> str:
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
    parts.append(_balance(section, index, charts))
    return "".join(parts)

VERDICT_BADGES = {Verdict.FAIR: Badge.FAIR, Verdict.ASKS_A_LOT: Badge.ASKS_A_LOT,
                  Verdict.GREEDY: Badge.GREEDY}


def _balance(section: BrandReport, index: int, charts: dict[str, ChartData]) -> str:
    balance = section.balance
    if balance.given_score == 0 and balance.offered_score == 0:
        return ""
    parts = [f"<h3>{_e(_tr('Balance: what you gave, what it offered'))}</h3>"]
    verdict_colour = style.BADGES[VERDICT_BADGES[balance.verdict]].fill
    parts.append(
        f"<p><b style='color: {verdict_colour}'>{_e(weigh.verdict_words(balance.verdict))}"
        f"</b> · {_e(weigh.scores_sentence(balance))}</p>")
    name = f"balance-{index}"
    # A brand's question is named by its label, as the brand asked it (never by its key).
    charts[name] = chart_data(balance, {f.key: brand_text(f.label) for g in section.grants
                                        for f in g.fields if f.question is not None})
    # No height: the image's own, scaled to this width (it is painted on the GUI thread).
    parts.append(f"<p><img src='{name}' width='{CHART_WIDTH}'/></p>")
    flags = weigh.ordered_flags(balance)
    if flags:
        lines = "<br/>".join(_e(weigh.warning(f)) for f in flags)
        parts.append(f"<p class='warn'>{lines}</p>")
    parts.append(f"<p class='small'>{_e(weigh.how_weighed())}</p>")
    return "".join(parts)


def chart_image(data: ChartData) -> QImage:
    """A brand's balance chart, sharp on paper; on the GUI thread (Qt lays out its words)."""
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
    if report.downstream:
        rows.append((_tr("Deletion in the brand's systems"),
                     _e(pausing.downstream_words(report.downstream))))
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
        fingerprint = _e(_tr("fingerprint {0}")).format(
            f"<span class='fingerprint'>{_e(r.fingerprint)}</span>")
        parts.append(f"<p>{_e(line)} · {fingerprint}</p>")
    return "".join(parts)


def _table(rows: list[tuple[str, str]], *, escaped_heads: bool = False) -> str:
    cells = "".join(
        f"<tr><th width='28%'>{head if escaped_heads else _e(head)}</th><td>{cell}</td></tr>"
        for head, cell in rows)
    return f"<table width='100%' cellspacing='0' cellpadding='3'>{cells}</table>"


def footer() -> Footer:
    """The PDF's title, and what each page's foot says."""
    return Footer(_tr("Transparency report"), _tr("Zero-Party Vault · transparency report"),
                  _tr("Page {page} of {pages}"))
