"""Value balance: what is asked or given, weighted by sensitivity, beside what is offered."""

from __future__ import annotations

import math
import time
from typing import Any

import pytest

from tests.support import specs
from tests.support.brand_keys import BrandKeys, signed_request
from tests.support.clock import DAY
from tests.support.specs import DPV, ORIGIN, fit_ask, news_ask, request_spec
from vault.errors import UnknownAsk, UnknownBrand
from vault.transparency import balance
from vault.transparency.balance import Flag, Verdict
from vault.vault import Vault
from zpd.fieldtypes import Sensitivity
from zpd.request import Ask, AskedField, Offer, Purpose


def ask(
    fields: list[tuple[str, bool]],
    *,
    purpose: str = "ServicePersonalisation",
    kind: str = "discount",
    description: str = "10% off your next order",
    retention_days: int = 180,
) -> Ask:
    return Ask(
        id="a",
        purpose=Purpose(DPV + purpose, "what for"),
        fields=tuple(AskedField(k, required, "why") for k, required in fields),
        offer=Offer(kind, description),
        retention_days=retention_days,
        duration_days=30,
    )


FAIR = ask([("shoe_size_eu", True), ("favourite_colours", False)])
GREEDY = ask(
    [("allergies", True), ("religion", True), ("email", True), ("birthday", False)],
    purpose="Marketing",
    kind="points",
    description="5 points",
    retention_days=3650,
)


def greedy_ask_json() -> dict[str, Any]:
    return specs.ask("everything", purpose="Marketing", purpose_description="Marketing", fields=[
        specs.ask_field("allergies", "marketing", required=True),
        specs.ask_field("religion", "marketing", required=True),
        specs.ask_field("email", "marketing"),
    ], offer={"kind": "points", "description": "5 points"}, retention_days=3650,
        duration_days=365)


# -- asks ------------------------------------------------------------------------------------


def test_greedy_ask_ranks_worse_than_the_fair_one() -> None:
    fair, greedy = balance.for_ask(FAIR), balance.for_ask(GREEDY)
    assert fair.verdict is Verdict.FAIR
    assert greedy.verdict is Verdict.GREEDY
    assert greedy.rank > fair.rank
    assert sorted([greedy, fair], key=lambda b: b.rank) == [fair, greedy]
    assert fair.flags == frozenset()
    assert greedy.flags == {
        Flag.SPECIAL_CATEGORY, Flag.VAGUE_PURPOSE, Flag.LONG_RETENTION, Flag.TOKEN_OFFER
    }


def test_ask_scores_by_sensitivity_with_optional_fields_at_half() -> None:
    fair = balance.for_ask(FAIR)
    assert [(f.key, f.sensitivity, f.required, f.weight) for f in fair.fields] == [
        ("shoe_size_eu", Sensitivity.LOW, True, 1.0),
        ("favourite_colours", Sensitivity.LOW, False, 0.5),
    ]
    assert fair.given_score == 1.5
    assert fair.offered_score == 2.0
    assert fair.ratio == 0.75
    greedy = balance.for_ask(GREEDY)
    # special 10 + special 10 + personal 3, and an optional personal field at half
    assert greedy.given_score == 10 + 10 + 3 + 1.5
    assert greedy.offered_score == 1.0
    assert [o.kind for o in greedy.offers] == ["points"]


@pytest.mark.parametrize(
    ("kind", "weight"),
    [("none", 0), ("points", 1), ("discount", 2), ("access", 2), ("gift", 3), ("service", 3)],
)
def test_offer_kinds_weigh_as_documented(kind: str, weight: float) -> None:
    b = balance.for_ask(ask([("shoe_size_eu", True)], kind=kind, description="a proper reward"))
    assert b.offered_score == weight
    assert b.offers[0].description == "a proper reward"


def test_nothing_offered_for_something_is_an_infinite_ratio_and_greedy() -> None:
    b = balance.for_ask(ask([("shoe_size_eu", True)], kind="none", description=""))
    assert math.isinf(b.ratio)
    assert Flag.TOKEN_OFFER in b.flags
    assert b.verdict is Verdict.GREEDY


@pytest.mark.parametrize(
    ("kind", "description", "token"),
    [
        ("none", "", True),
        ("points", "100 points", True),
        ("points", "1 point per euro; 500 points buy a 5 EUR voucher", False),
        ("discount", "5%", False),
    ],
)
def test_token_offer_flag(kind: str, description: str, token: bool) -> None:
    b = balance.for_ask(ask([("shoe_size_eu", True)], kind=kind, description=description))
    assert (Flag.TOKEN_OFFER in b.flags) is token


def test_long_retention_starts_after_a_year() -> None:
    assert Flag.LONG_RETENTION not in balance.for_ask(
        ask([("shoe_size_eu", True)], retention_days=365)
    ).flags
    assert Flag.LONG_RETENTION in balance.for_ask(
        ask([("shoe_size_eu", True)], retention_days=366)
    ).flags


def test_vague_purpose_follows_zpd_purposes() -> None:
    assert Flag.VAGUE_PURPOSE in balance.for_ask(
        ask([("shoe_size_eu", True)], purpose="ServiceProvision")
    ).flags
    assert Flag.VAGUE_PURPOSE not in balance.for_ask(
        ask([("shoe_size_eu", True)], purpose="ServicePersonalisation")
    ).flags


def test_special_category_alone_asks_a_lot_but_is_not_greedy() -> None:
    b = balance.for_ask(ask([("allergies", False)], kind="service", description="a menu"))
    assert b.flags == {Flag.SPECIAL_CATEGORY}
    assert b.ratio == 5 / 3
    assert b.verdict is Verdict.ASKS_A_LOT


def test_verdict_by_ratio_alone() -> None:
    clear = {"kind": "points", "description": "1 point per euro, 500 points buy a voucher"}
    four_low = ask([(k, True) for k in ("shoe_size_eu", "style", "diet", "pets")], **clear)
    assert balance.for_ask(four_low).flags == frozenset()
    assert balance.for_ask(four_low).ratio == 4.0
    assert balance.for_ask(four_low).verdict is Verdict.ASKS_A_LOT
    eleven = ask(
        [(k, True) for k in ("shoe_size_eu", "style", "diet", "pets", "hobbies", "sports",
                              "music_genres", "reading_genres", "causes", "hair_type",
                              "home_type")],
        **clear,
    )
    assert balance.for_ask(eleven).ratio == 11.0
    assert balance.for_ask(eleven).verdict is Verdict.GREEDY
    three = ask([(k, True) for k in ("shoe_size_eu", "style", "diet")], **clear)
    assert balance.for_ask(three).verdict is Verdict.FAIR


# -- through the vault ------------------------------------------------------------------------


def import_brand(vault: Vault, keys: BrandKeys, asks: list[dict[str, Any]]) -> None:
    now = int(time.time())
    vault.brands.import_request(
        signed_request(keys, request_spec(asks=asks), iat=now - 60, exp=now + 30 * DAY))


def test_vault_balance_for_ask_reads_the_latest_request(vault: Vault) -> None:
    import_brand(vault, BrandKeys.generate(), [fit_ask(), greedy_ask_json()])
    fair = vault.transparency.balance_for_ask(ORIGIN, "fit-advice")
    greedy = vault.transparency.balance_for_ask(ORIGIN, "everything")
    # fit-advice: shoe size (low, required), colours and style (low, optional), allergies
    # (special, optional): 1 + 0.5 + 0.5 + 5, for a discount (2)
    assert fair.given_score == 7.0 and fair.offered_score == 2.0
    assert fair.flags == {Flag.SPECIAL_CATEGORY}
    assert greedy.verdict is Verdict.GREEDY
    assert greedy.rank > fair.rank
    with pytest.raises(UnknownAsk):
        vault.transparency.balance_for_ask(ORIGIN, "no-such-ask")


def test_brand_balance_sums_its_grants(vault: Vault) -> None:
    import_brand(vault, BrandKeys.generate(), [fit_ask(), news_ask()])
    vault.fields.set("shoe_size_eu", 42)
    vault.fields.set("favourite_colours", ["black"])
    vault.fields.set("contact_channels", ["email"])
    vault.fields.set("allergies", ["peanuts"])
    fit = vault.grants.share(ORIGIN, "fit-advice", fields=["shoe_size_eu", "allergies"]).grant
    news = vault.grants.share(ORIGIN, "newsletter").grant
    vault.grants.revoke(news.id)  # what was given stays given

    total = vault.transparency.balance_for_brand(ORIGIN)

    parts = [balance.for_grant(g) for g in vault.grants.listing(origin=ORIGIN)]
    assert total.given_score == sum(p.given_score for p in parts)
    assert total.offered_score == sum(p.offered_score for p in parts)
    # fit: shoe size 1 + allergies 10 (given fields count fully); news: channels 1 + size 1
    assert total.given_score == 13.0
    assert total.offered_score == 2.0 + 1.0  # a discount and points
    weights = {f.key: f.weight for f in total.fields}
    assert weights == {"shoe_size_eu": 2.0, "allergies": 10.0, "contact_channels": 1.0}
    assert sorted(o.kind for o in total.offers) == ["discount", "points"]
    assert total.flags == {Flag.SPECIAL_CATEGORY, Flag.TOKEN_OFFER}
    assert total.verdict is Verdict.GREEDY  # special-category data went with a token offer
    assert fit.id in {g.id for g in vault.grants.listing(origin=ORIGIN)}


def test_brand_without_grants_balances_at_zero(vault: Vault) -> None:
    import_brand(vault, BrandKeys.generate(), [fit_ask()])
    empty = vault.transparency.balance_for_brand(ORIGIN)
    assert (empty.given_score, empty.offered_score, empty.ratio) == (0, 0, 0)
    assert empty.fields == () and empty.verdict is Verdict.FAIR
    with pytest.raises(UnknownBrand):
        vault.transparency.balance_for_brand("https://nobody.example")
