"""The value balance as a picture: in the share review (the ask) and on the Brands page (all
of a brand's grants), with the verdict in words and the warnings; the demo's brands."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.transparency_helpers import (
    FAIR_ORIGIN,
    GREEDY_ORIGIN,
    child,
)
from ui import style
from ui.brands.details import BrandDetails
from ui.brands.page import BrandsPage
from ui.review.dialog import ShareReviewDialog
from ui.session import Session
from ui.style import Part
from ui.widgets import balance_view
from ui.widgets.balance_paint import SENSITIVITY_PARTS, segment_rects
from ui.widgets.balance_view import BalanceChart, BalanceView
from vault.vault import Vault
from zpd.fieldtypes import Sensitivity


def open_review(qtbot: QtBot, session: Session, origin: str, ask_id: str) -> ShareReviewDialog:
    dialog = ShareReviewDialog(session, origin, ask_id)
    qtbot.addWidget(dialog)
    dialog.resize(900, 720)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.balance_view is not None
                    and dialog.stack.currentWidget() is dialog.scroll_area, timeout=5_000)
    return dialog


def bar_colours(chart: BalanceChart) -> dict[str, str]:
    """The colour painted at the start of each (not hatched) segment, by its label."""
    assert chart.data is not None
    image: QImage = chart.grab().toImage()
    ratio = image.devicePixelRatio()
    found = {}
    for box, segment in segment_rects(chart.data, QRectF(chart.rect()), chart.font()):
        if not segment.hatched:
            point = box.topLeft() + QPointF(2, 2)
            found[segment.label] = QColor(
                image.pixel(int(point.x() * ratio), int(point.y() * ratio))).name()
    return found


def part_colour(sensitivity: Sensitivity) -> str:
    """The colour a sensitivity's part is painted in, on the palette shown now."""
    return style.part_colour(SENSITIVITY_PARTS[sensitivity])


def test_the_greedy_ask_shows_greedy_with_its_warnings(
    qtbot: QtBot, demo_session: Session
) -> None:
    dialog = open_review(qtbot, demo_session, GREEDY_ORIGIN, "rewards")
    view = child(dialog, BalanceView, "balanceView")
    verdict = child(view, QLabel, "balanceVerdict")
    assert verdict.text() == "Greedy" and verdict.property("tone") == "danger"
    for flag in ("special_category", "vague_purpose", "token_offer", "long_retention"):
        assert child(view, QLabel, f"balanceFlag_{flag}").text().startswith("⚠")
    assert "Special-category" in child(view, QLabel, "balanceFlag_special_category").text()
    chart = child(view, BalanceChart, "balanceChart")
    description = chart.accessibleDescription()
    assert "Verdict: Greedy" in description
    assert "Religion or belief 10 (special category)" in description
    # What Share would send, each field in full (optional ones unticked, not weighed).
    assert "in all 23" in description and "They offer: Points 1" in description
    # A picture: the special-category segments are painted in their colour, the bar is there.
    dialog.scroll_area.ensureWidgetVisible(chart)
    qtbot.waitUntil(lambda: chart.height() >= chart.heightForWidth(chart.width()), timeout=5_000)
    assert chart.isVisible()
    painted = bar_colours(chart)
    special = part_colour(Sensitivity.SPECIAL)
    assert painted["Food allergies"] == painted["Religion or belief"] == special
    assert painted["Email address"] == part_colour(Sensitivity.PERSONAL)
    assert painted["Points"] == style.part_colour(Part.OFFER)


def test_the_fair_ask_shows_fair_without_warnings(qtbot: QtBot, demo_session: Session) -> None:
    dialog = open_review(qtbot, demo_session, FAIR_ORIGIN, "fit-advice")
    view = child(dialog, BalanceView, "balanceView")
    verdict = child(view, QLabel, "balanceVerdict")
    assert verdict.text() == "Fair" and verdict.property("tone") == "ok"
    assert not child(view, QWidget, "balanceFlags").isVisible()
    assert view.findChildren(QLabel, "balanceFlag_special_category") == []
    chart = child(view, BalanceChart, "balanceChart")
    assert "Verdict: Fair" in chart.accessibleDescription()
    qtbot.waitUntil(lambda: chart.height() >= chart.heightForWidth(chart.width()), timeout=5_000)
    assert bar_colours(chart) == {"Shoe size (EU)": part_colour(Sensitivity.LOW),
                                  "Discount": style.part_colour(Part.OFFER)}


def test_a_brands_details_never_show_another_brands_balance(
    qtbot: QtBot, demo_vault: Vault
) -> None:
    """The balance follows the brand's details a turn later (its chart can be 10,000
    segments); meanwhile the previous brand's is not shown beside them."""
    demo_vault.grants.share(FAIR_ORIGIN, "fit-advice")
    details = BrandDetails()
    qtbot.addWidget(details)
    details.show()

    def shown(origin: str) -> None:
        details.show_brand(demo_vault.brands.find(origin),
                           demo_vault.brands.latest_request(origin),
                           demo_vault.transparency.balance_for_brand(origin))

    shown(FAIR_ORIGIN)
    assert details.panel.balance.balance is None  # not yet: in the next turn
    qtbot.waitUntil(lambda: details.panel.balance.balance is not None, timeout=5_000)
    fair = details.panel.balance.balance
    assert fair is not None and fair.given_score > 0
    shown(GREEDY_ORIGIN)
    assert details.panel.balance.balance is None and not details.panel.balance.chart.isVisible()
    qtbot.waitUntil(lambda: details.panel.balance.balance is not None, timeout=5_000)
    assert details.panel.balance.balance.given_score == 0  # Greedy's own: nothing given to it
    shown(FAIR_ORIGIN)
    details.clear()  # locked before the balance's turn came
    qtbot.wait(50)
    assert details.panel.balance.balance is None and details.origin is None


def test_the_brands_page_shows_each_brand_over_all_its_grants(
    qtbot: QtBot, demo_session: Session, demo_vault: Vault
) -> None:
    demo_vault.grants.share(FAIR_ORIGIN, "fit-advice")
    page = BrandsPage(demo_session)
    qtbot.addWidget(page)
    page.resize(1000, 680)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5_000)
    view = page.details.panel.balance
    assert page.select_origin(FAIR_ORIGIN)
    qtbot.waitUntil(lambda: page.details.origin == FAIR_ORIGIN and view.balance is not None
                    and view.balance.given_score > 0, timeout=5_000)
    assert child(view, QLabel, "balanceVerdict").text() == "Fair"
    assert child(view, BalanceChart, "balanceChart").isVisible()
    assert "Shoe size (EU) 1" in view.chart.accessibleDescription()

    assert page.select_origin(GREEDY_ORIGIN)  # nothing given to it yet
    qtbot.waitUntil(lambda: page.details.origin == GREEDY_ORIGIN and view.balance is not None
                    and view.balance.given_score == 0, timeout=5_000)
    assert not view.chart.isVisible() and not view.verdict.isVisible()
    assert child(view, QLabel, "balanceEmpty").text() == (
        "You have not shared anything with this brand yet.")

    demo_session.call(  # as the review shares: the session says what changed
        lambda vault: vault.grants.share(GREEDY_ORIGIN, "rewards",
                                         fields=["email", "allergies", "religion"]))
    qtbot.waitUntil(lambda: view.verdict.isVisible() and view.verdict_text() == "Greedy",
                    timeout=5_000)
    # A label added to a shown layout shows at the next turn of the event loop.
    flag = child(view, QLabel, "balanceFlag_special_category")
    qtbot.waitUntil(flag.isVisible, timeout=5_000)


def test_hovering_a_segment_names_its_field_and_weight(
    qtbot: QtBot, demo_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_review(qtbot, demo_session, GREEDY_ORIGIN, "rewards")
    chart = child(dialog, BalanceChart, "balanceChart")
    assert chart.data is not None
    shown: list[str] = []
    monkeypatch.setattr(balance_view.QToolTip, "showText",
                        lambda _pos, text, *_args: shown.append(text))
    boxes = {s.label: box for box, s in segment_rects(chart.data, QRectF(chart.rect()),
                                                      chart.font())}
    centre = boxes["Religion or belief"].center().toPoint()
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, centre,
                                             chart.mapToGlobal(centre)))
    assert shown == ["Religion or belief: weighs 10"]
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, QPoint(1, 1),
                                             chart.mapToGlobal(QPoint(1, 1))))
    assert shown[-1].startswith("How it is weighed")


def test_a_brands_offers_weigh_once_per_kind_in_the_chart_and_its_words(
    qtbot: QtBot, demo_session: Session, demo_vault: Vault
) -> None:
    """A brand's balance has an offer for each grant; the chart and the sentence a screen
    reader hears name each kind once, with the weight of all of that kind."""
    for _ in range(3):
        demo_vault.grants.share(FAIR_ORIGIN, "fit-advice")
    total = demo_vault.transparency.balance_for_brand(FAIR_ORIGIN)
    assert len(total.offers) == 3 and len({o.kind for o in total.offers}) == 1
    view = BalanceView()
    qtbot.addWidget(view)
    view.set_balance(total)
    assert view.chart.data is not None
    (offer,) = view.chart.data.offer
    assert offer.weight == total.offered_score
    described = view.accessibleDescription()
    assert described.count(offer.label) == 1, described
