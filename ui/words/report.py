"""The transparency report's words, in the person's language: the web page that
`vault.transparency.html` lays out from them (the print version is ui/report/printed.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import assert_never

from PySide6.QtCore import QCoreApplication

from vault.exchange.delivery_summary import DeliveryStatus
from vault.exchange.grants import GrantStatus
from vault.transparency.balance import Flag, Verdict
from vault.transparency.html import ReportWords, render_html, render_html_lines
from vault.transparency.report import Report

from . import aliases, balance, exchange, fields, pausing, time

CONTEXT = "ReportHtml"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def verdict_words(verdict: Verdict) -> str:
    match verdict:
        case Verdict.FAIR:
            return _tr("fair")
        case Verdict.ASKS_A_LOT:
            return _tr("asks a lot")
        case Verdict.GREEDY:
            return _tr("greedy")
        case _:
            assert_never(verdict)


def flag_words(flag: Flag) -> str:
    match flag:
        case Flag.SPECIAL_CATEGORY:
            return _tr("special-category data (GDPR Art. 9)")
        case Flag.VAGUE_PURPOSE:
            return _tr("vague purpose")
        case Flag.LONG_RETENTION:
            return _tr("kept more than a year")
        case Flag.TOKEN_OFFER:
            return _tr("little or nothing offered")
        case _:
            assert_never(flag)


def grant_status_words(status: GrantStatus) -> str:
    match status:
        case GrantStatus.ACTIVE:
            return _tr("active")
        case GrantStatus.EXPIRED:
            return _tr("expired: the brand must have deleted it")
        case GrantStatus.REVOKED:
            return _tr("revoked: the brand was told to delete it")
        case _:
            assert_never(status)


def delivery_status_words(status: DeliveryStatus) -> str:
    match status:
        case DeliveryStatus.QUEUED:
            return _tr("waiting to be sent")
        case DeliveryStatus.DELIVERED:
            return _tr("delivered, no receipt")
        case DeliveryStatus.CONFIRMED:
            return _tr("delivered, the brand confirmed it stored it")
        case DeliveryStatus.FAILED:
            return _tr("refused by the brand")
        case DeliveryStatus.REVOCATION_QUEUED:
            return _tr("revocation waiting to be sent")
        case DeliveryStatus.DELETION_CONFIRMED:
            return _tr("the brand confirmed deletion")
        case DeliveryStatus.DELETION_UNCONFIRMED:
            return _tr("revocation delivered, no receipt")
        case DeliveryStatus.DELETION_PENDING:
            return _tr("the brand deleted it; its other systems have not all confirmed yet")
        case DeliveryStatus.DELETION_FAILED:
            return _tr("the brand reports that deletion failed in one of its systems")
        case DeliveryStatus.NOT_SENT:
            return _tr("never sent")
        case _:
            assert_never(status)


def receipt_status(status: str) -> str:
    """What a brand's signed receipt says it did (a code of the protocol's receipts)."""
    return {"stored": _tr("stored"), "deleted": _tr("deleted"),
            "deletion_pending": _tr("deletion pending"),
            "deletion_failed": _tr("deletion failed"), "paused": _tr("paused"),
            "resumed": _tr("resumed")}.get(status, status)


def report_words() -> ReportWords:
    """The report's words, translated now (never at import: the language can change)."""
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
        alias_closed=aliases.closed_words(),
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
        paused=_tr("paused: the brand keeps it but must not use it"),
        shared_line=_tr("{created}, {until}"),
        until=_tr("until {when}"),
        ended=_tr("ended {when}"),
        days=_tr("{days} days"),
        fields=_tr("Fields"),
        no_longer_held=_tr("(no longer in the latest version)"),
        holds_now=_tr("What it holds now"),
        held_until=_tr("What it was given, until {when}"),
        holding_deleted=_tr("Nothing: the brand confirmed that it deleted what you shared."),
        holding_told_to_delete=_tr(
            "You revoked this share on {when} and the brand was told to delete what you "
            "shared; it has not confirmed the deletion yet, so it may still hold it."),
        holding_may_keep=_tr("This share ended on {when}. The brand may keep what it held "
                             "for the time it stated above, then must delete it."),
        yes=_tr("yes"),
        no=_tr("no"),
        receipts=_tr("Receipts signed by the brand"),
        receipt_line=_tr("{status}, signed {when} · fingerprint {fingerprint}"),
        time_unreadable=_tr("time unreadable"),
        no_receipt=_tr("No receipt from the brand yet."),
        nothing_to_send=_tr("nothing to send"),
        verdict=verdict_words,
        flag=flag_words,
        grant_status=grant_status_words,
        delivery_status=delivery_status_words,
        downstream=_tr("Deletion in the brand's systems"),
        downstream_systems=pausing.downstream_words,
        label=fields.key_label,
        when=time.moment,
        field_label=fields.label_text,
        sensitivity=balance.sensitivity_words,
        offer_kind=exchange.offer_kind_words,
        value=lambda key, value: exchange.show_value(value, key),
        receipt_status=receipt_status,
    )


def web_page(model: Report) -> str:
    """The report as one self-contained HTML document, in the person's language."""
    return render_html(model, report_words())


def web_page_lines(model: Report) -> Iterator[str]:
    """`web_page` a line at a time (a share each), for writing a large one in pieces."""
    return render_html_lines(model, report_words())
