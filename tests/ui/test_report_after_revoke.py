"""After a revocation the printed report and the web page say what the brand holds now
apart from what it was given: with the brand kit's receiver under uvicorn confirming the
deletion, no value is listed as held any more; the values appear under what it held
until the revocation."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from PySide6.QtWidgets import QApplication

from tests.support.vaults import MadeVault
from tests.ui.test_end_to_end import LiveBrand, brand
from ui.report.printed import print_html
from ui.words.report import web_page
from vault.cli.report_words import render_html
from vault.exchange.delivery_summary import DeliveryStatus
from vault.transparency.report import Report

__all__ = ["brand"]  # the fixture, used by name


def section(html: str, heading: str) -> str:
    """The text after `heading`, up to the next heading of the same kind."""
    start = html.index(heading)
    rest = html[start + len(heading):]
    end = re.search(r"<p><b>|<h3>", rest)
    return rest[: end.start()] if end else rest


@dataclass(frozen=True)
class Revoked:
    active: Report  # the report while the share was active
    revoked: Report  # and once it was revoked and the deletion delivered
    delivery: DeliveryStatus | None


def share_then_revoke(made_vault: MadeVault, brand: LiveBrand) -> Revoked:
    """The shoe size shared with the brand, delivered, then revoked and that delivered."""
    vault = made_vault.unlock()
    try:
        vault.fields.set("shoe_size_eu", 42)
        vault.brands.fetch(brand.origin)
        [ask] = vault.brands.asks(brand.origin)
        grant = vault.grants.share(brand.origin, ask.id).grant
        vault.delivery.deliver_now()
        active = vault.transparency.report(brand.origin)
        vault.grants.revoke(grant.id)
        vault.delivery.deliver_now()
        summary = vault.delivery.summary(grant.id)
        return Revoked(active, vault.transparency.report(brand.origin),
                       None if summary is None else summary.status)
    finally:
        vault.lock()


def test_after_a_confirmed_deletion_the_report_separates_now_from_before(
    qapp: QApplication, made_vault: MadeVault, brand: LiveBrand
) -> None:
    shared = share_then_revoke(made_vault, brand)
    active_report, report = shared.active, shared.revoked
    active, _ = print_html(active_report)
    assert "42" in section(active, "What it holds")
    assert shared.delivery is DeliveryStatus.DELETION_CONFIRMED
    printed, _ = print_html(report)
    now = section(printed, "What it holds now")
    assert "42" not in now and "confirmed" in now and "deleted" in now
    assert "42" in section(printed, "What it held until")
    # The web page, in the app's words and in the terminal's, says the same.
    for page in (web_page(report), render_html(report)):
        holds = page[page.index("What it holds now"):page.index("What it was given, until")]
        assert "42" not in holds and "confirmed that it deleted" in holds
        given = page[page.index("What it was given, until"):]
        assert "42" in given[:given.index("</table>")]
    active_page = render_html(active_report)
    assert "What it holds now" not in active_page and "42" in active_page


def test_the_printed_report_shows_each_receipt_by_the_fingerprint_the_web_page_shows_too(
    qapp: QApplication, made_vault: MadeVault, brand: LiveBrand
) -> None:
    """On paper a receipt is its status, date and fingerprint; the web page has it in full
    beside the same fingerprint, so the two can be matched."""
    report = share_then_revoke(made_vault, brand).revoked
    receipts = [r for b in report.brands for g in b.grants for r in g.receipts]
    assert sorted(r.status for r in receipts) == ["deleted", "stored"]
    printed, _ = print_html(report)
    printed_text = re.sub(r"<[^>]+>", "", printed)
    pages = (web_page(report), render_html(report))
    for receipt in receipts:
        digest = hashlib.sha256(receipt.jws.encode()).hexdigest().upper()
        shown = " ".join(digest[start:start + 4] for start in range(0, 16, 4))
        assert receipt.fingerprint == shown
        assert f"fingerprint {shown}" in printed_text and receipt.jws not in printed
        for page in pages:
            summary = page.index(f"fingerprint {shown}")
            assert page.index(receipt.jws) > summary  # in full, under its fingerprint
    assert "eyJ" not in printed  # no JOSE header of any receipt: none is printed in full
    assert "the same receipts in full" in printed
