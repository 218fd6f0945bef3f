"""Words for the value balance: the verdict, the warnings, sensitivities and the summary.

Translatable (context "BalanceWords") and built when called. The scores come from
`vault.balance`, whose docstring says how they are weighed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import assert_never

from PySide6.QtCore import QCoreApplication

from vault.transparency import balance as rules
from vault.transparency.balance import Balance, Flag, Verdict
from zpd.fieldtypes import Sensitivity

from . import exchange
from .fields import key_label

CONTEXT = "BalanceWords"
FLAG_ORDER = (Flag.SPECIAL_CATEGORY, Flag.VAGUE_PURPOSE, Flag.TOKEN_OFFER, Flag.LONG_RETENTION)


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def give_caption() -> str:
    return _tr("You give")


def offer_caption() -> str:
    return _tr("They offer")


def offer_legend() -> str:
    return _tr("offer")


def optional_legend() -> str:
    return _tr("optional field (counts less)")


def nothing() -> str:
    return _tr("nothing")


def verdict_words(verdict: Verdict) -> str:
    match verdict:
        case Verdict.FAIR:
            return _tr("Fair")
        case Verdict.ASKS_A_LOT:
            return _tr("Asks a lot")
        case Verdict.GREEDY:
            return _tr("Greedy")
        case _:
            assert_never(verdict)


def verdict_tone(verdict: Verdict) -> str:
    """The banner tone of review_parts.STYLE for a verdict."""
    return {Verdict.FAIR: "ok", Verdict.ASKS_A_LOT: "warn", Verdict.GREEDY: "danger"}[verdict]


def flag_words(flag: Flag) -> str:
    """A short warning, one line."""
    match flag:
        case Flag.SPECIAL_CATEGORY:
            return _tr("Special-category data (health, religion...: GDPR Art. 9)")
        case Flag.VAGUE_PURPOSE:
            return _tr("Vague purpose: it says little about what is done with it")
        case Flag.LONG_RETENTION:
            return _tr("Long retention: kept for more than a year")
        case Flag.TOKEN_OFFER:
            return _tr("Token offer: little or nothing in return")
        case _:
            assert_never(flag)


def short_flag_words(flag: Flag) -> str:
    match flag:
        case Flag.SPECIAL_CATEGORY:
            return _tr("Special-category data")
        case Flag.VAGUE_PURPOSE:
            return _tr("Vague purpose")
        case Flag.LONG_RETENTION:
            return _tr("Kept over a year")
        case Flag.TOKEN_OFFER:
            return _tr("Token offer")
        case _:
            assert_never(flag)


def warning(flag: Flag, *, short: bool = False) -> str:
    return _tr("⚠ {0}").format(short_flag_words(flag) if short else flag_words(flag))


def segment_tip(label: str, weight: float) -> str:
    return _tr("{label}: weighs {weight}").format(label=label, weight=number(weight))


def ordered_flags(balance: Balance) -> list[Flag]:
    return [f for f in FLAG_ORDER if f in balance.flags]


def sensitivity_words(sensitivity: Sensitivity) -> str:
    match sensitivity:
        case Sensitivity.LOW:
            return _tr("everyday")
        case Sensitivity.PERSONAL:
            return _tr("personal")
        case Sensitivity.SPECIAL:
            return _tr("special category")
        case _:
            assert_never(sensitivity)


def number(value: float) -> str:
    """A score: whole numbers without decimals, others with one."""
    if math.isinf(value):
        return "∞"
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


def ratio_words(balance: Balance) -> str:
    if balance.given_score == 0:
        return _tr("Nothing given.")
    if math.isinf(balance.ratio):
        return _tr("Nothing is offered in return.")
    if balance.ratio <= 1:
        return _tr("They offer at least as much as you give.")
    return _tr("You give {ratio} times what they offer.").format(ratio=number(balance.ratio))


def scores_sentence(balance: Balance) -> str:
    """"What you give weighs 29.5; what they offer weighs 1. You give 29.5 times..."."""
    return _tr("What you give weighs {given}; what they offer weighs {offered}. {ratio}").format(
        given=number(balance.given_score), offered=number(balance.offered_score),
        ratio=ratio_words(balance))


def summary(balance: Balance, labels: Mapping[str, str] | None = None) -> str:
    """Every number of the chart in one text, for screen readers and the tooltip."""
    fields = "; ".join(
        _tr("{field} {weight} ({sensitivity}{optional})").format(
            field=(labels or {}).get(f.key) or key_label(f.key), weight=number(f.weight),
            sensitivity=sensitivity_words(f.sensitivity),
            optional="" if f.required else _tr(", optional"))
        for f in balance.fields
    ) or nothing()
    offers = "; ".join(
        _tr("{offer} {weight}").format(offer=exchange.offer_kind_words(kind), weight=number(weight))
        for kind, weight in balance.weights_by_offer_kind()
    ) or nothing()
    text = _tr("Verdict: {verdict}. You give: {fields}; in all {given}. They offer: {offers}; "
               "in all {offered}.").format(
        verdict=verdict_words(balance.verdict), fields=fields,
        given=number(balance.given_score), offers=offers,
        offered=number(balance.offered_score))
    flags = ordered_flags(balance)
    if flags:
        text += " " + _tr("Warnings: {0}.").format("; ".join(flag_words(f) for f in flags))
    return text


def how_weighed() -> str:
    weights = {s.value: number(w) for s, w in rules.SENSITIVITY_WEIGHTS.items()}
    offers = {k: number(w) for k, w in rules.OFFER_WEIGHTS.items()}
    return _tr(
        "How it is weighed: each field by its sensitivity (everyday {low}, personal "
        "{personal}, special category {special}; before you share, an optional one counts "
        "{optional}% of that), each offer by its kind (points {points}, discount {discount}, "
        "access {access}, gift {gift}, service {service}). A rule of thumb to compare brands, "
        "not a legal judgement."
    ).format(optional=number(rules.OPTIONAL_FACTOR * 100), **weights, **offers)
