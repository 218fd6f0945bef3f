"""The transparency report as a web page, in the person's language: the words that
`vault.transparency.html` lays out (the print version is ui/report_print.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

from vault.exchange.delivery_summary import DeliveryStatus
from vault.exchange.grants import GrantStatus
from vault.transparency.balance import Flag, Verdict
from vault.transparency.html import ReportWords, render_html
from vault.transparency.report import Report

from .exchange_words import field_label

CONTEXT = "ReportHtml"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _when(timestamp: int) -> str:
    try:
        return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (OverflowError, OSError, ValueError):
        return str(timestamp)


def report_words() -> ReportWords:
    """The report's words, translated now (never at import: the language can change)."""
    verdicts = {
        Verdict.FAIR: _tr("fair"),
        Verdict.ASKS_A_LOT: _tr("asks a lot"),
        Verdict.GREEDY: _tr("greedy"),
    }
    flags = {
        Flag.SPECIAL_CATEGORY: _tr("special-category data (GDPR Art. 9)"),
        Flag.VAGUE_PURPOSE: _tr("vague purpose"),
        Flag.LONG_RETENTION: _tr("kept more than a year"),
        Flag.TOKEN_OFFER: _tr("little or nothing offered"),
    }
    statuses = {
        GrantStatus.ACTIVE: _tr("active"),
        GrantStatus.EXPIRED: _tr("expired: the brand must have deleted it"),
        GrantStatus.REVOKED: _tr("revoked: the brand was told to delete it"),
    }
    deliveries = {
        DeliveryStatus.QUEUED: _tr("waiting to be sent"),
        DeliveryStatus.DELIVERED: _tr("delivered, no receipt"),
        DeliveryStatus.CONFIRMED: _tr("delivered, the brand confirmed it stored it"),
        DeliveryStatus.FAILED: _tr("refused by the brand"),
        DeliveryStatus.REVOCATION_QUEUED: _tr("revocation waiting to be sent"),
        DeliveryStatus.DELETION_CONFIRMED: _tr("the brand confirmed deletion"),
        DeliveryStatus.DELETION_UNCONFIRMED: _tr("revocation delivered, no receipt"),
        DeliveryStatus.NOT_SENT: _tr("never sent"),
    }
    return ReportWords(
        language=_tr("en"),  # the code of the language translated into ("el" in Greek)
        title=_tr("Transparency report"),
        heading=_tr("Who knows what about you"),
        generated=_tr("Generated {when} by Zero-Party Vault, from what you shared and the "
                      "receipts brands signed. The balance is a rule of thumb to help you "
                      "compare, not a legal judgement."),
        weights_note=_tr("How the balance is weighed: each field given by its sensitivity "
                         "({fields}); each offer by its kind ({offers}). Up to {fair} given per "
                         "unit offered, with no warning, is fair; over {greedy} is greedy, and "
                         "so is special-category data for a vague purpose or for a token offer, "
                         "at any ratio."),
        no_brands=_tr("No brand knows anything about you through this vault."),
        domain_verified=_tr("domain verified"),
        domain_not_verified=_tr("domain not verified"),
        aliases_given=_tr("Email alias given to this brand:"),
        balance=_tr("Balance"),
        balance_line=_tr("given {given}, offered {offered} (ratio {ratio})"),
        no_offer=_tr("no offer"),
        given=_tr("Given"),
        offered=_tr("Offered"),
        field_weights=_tr("What each field weighs"),
        nothing_shared=_tr("You shared nothing with this brand."),
        purpose=_tr("Purpose"),
        status=_tr("Status"),
        shared=_tr("Shared"),
        keeps=_tr("Brand keeps it"),
        in_return=_tr("In return"),
        delivery=_tr("Delivery"),
        status_line=_tr("{status}, version {version}"),
        shared_line=_tr("{created}, {until}"),
        until=_tr("until {when}"),
        ended=_tr("ended {when}"),
        days=_tr("{days} days"),
        fields=_tr("Fields"),
        no_longer_held=_tr("(no longer in the latest version)"),
        yes=_tr("yes"),
        no=_tr("no"),
        receipts=_tr("Receipts signed by the brand"),
        receipt_line=_tr("{status}, signed {when}"),
        time_unreadable=_tr("time unreadable"),
        no_receipt=_tr("No receipt from the brand yet."),
        nothing_to_send=_tr("nothing to send"),
        verdict=verdicts.__getitem__,
        flag=flags.__getitem__,
        grant_status=statuses.__getitem__,
        delivery_status=deliveries.__getitem__,
        label=field_label,
        when=_when,
    )


def web_page(model: Report) -> str:
    """The report as one self-contained HTML document, in the person's language."""
    return render_html(model, report_words())
