"""After a revocation the printed report and the web page say what the brand holds now
apart from what it was given: with the brand kit's receiver under uvicorn confirming the
deletion, no value is listed as held any more; the values appear under what it held
until the revocation."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication

from tests.support.vaults import MadeVault
from tests.ui.test_end_to_end import LiveBrand, brand
from ui.report.printed import print_html
from ui.words.report import web_page
from vault.cli.report_words import render_html
from vault.exchange.delivery_summary import DeliveryStatus

__all__ = ["brand"]  # the fixture, used by name


def section(html: str, heading: str) -> str:
    """The text after `heading`, up to the next heading of the same kind."""
    start = html.index(heading)
    rest = html[start + len(heading):]
    end = re.search(r"<p><b>|<h3>", rest)
    return rest[: end.start()] if end else rest


def test_after_a_confirmed_deletion_the_report_separates_now_from_before(
    qapp: QApplication, made_vault: MadeVault, brand: LiveBrand
) -> None:
    vault = made_vault.unlock()
    try:
        vault.fields.set("shoe_size_eu", 42)
        vault.brands.fetch(brand.origin)
        [ask] = vault.brands.asks(brand.origin)
        grant = vault.grants.share(brand.origin, ask.id).grant
        vault.delivery.deliver_now()
        active_report = vault.transparency.report(brand.origin)
        active, _ = print_html(active_report)
        assert "42" in section(active, "What it holds")

        vault.grants.revoke(grant.id)
        vault.delivery.deliver_now()
        summary = vault.delivery.summary(grant.id)
        assert summary is not None and summary.status is DeliveryStatus.DELETION_CONFIRMED
        report = vault.transparency.report(brand.origin)
        printed, _ = print_html(report)
    finally:
        vault.lock()
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
