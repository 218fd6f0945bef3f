"""Value balance: what a brand asks for (or was given) beside what it offers in return.

A transparency aid for the person, not a legal judgement: the weights below are
a rule of thumb, published here so that anyone can see how a verdict came about
and argue with it.

What is asked or given scores, per field, by sensitivity:

    low 1, personal 3, special 10 (GDPR Art. 9 data)

A brand's own question weighs as the vault judges it (exchange/question_sensitivity.py),
never as the brand declares it: a health question called a preference weighs 10.

Before sharing (an ask), a required field counts fully and an optional one
counts half (OPTIONAL_FACTOR): the person may leave it out. What was given (a
grant) counts every shared field fully.

What is offered scores by the offer's kind:

    none 0, points 1, discount 2, access 2, gift 3, service 3

The ratio is given / offered (infinite when nothing is offered). Flags:

- special_category: special-category fields are asked or given;
- vague_purpose: the purpose is one of the broad DPV purposes in
  `zpd.purposes.VAGUE` (e.g. Marketing, ServiceProvision);
- long_retention: the brand keeps the data more than LONG_RETENTION_DAYS;
- token_offer: nothing is offered, or only points described in fewer than
  TOKEN_DESCRIPTION_CHARS characters ("100 points": a token, not a price).

Verdict, checked in this order:

- GREEDY: the ratio exceeds GREEDY_RATIO, or special-category data is asked
  for a vague purpose or for a token offer;
- ASKS_A_LOT: the ratio exceeds FAIR_RATIO, or any flag is raised;
- FAIR: otherwise.

A brand's balance over its grants sums the grants: their given scores, their
offers, and per field the weight each grant gave it; a flag is raised when any
grant raises it, and the verdict follows from those sums and flags.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from zpd.catalogue import BY_KEY
from zpd.fieldtypes import Sensitivity
from zpd.purposes import is_vague
from zpd.questions import Question
from zpd.request import Ask

from ..exchange.grants import Grant
from ..exchange.question_sensitivity import judge

# The brand's questions a grant answers, by `q:` key (for their judged sensitivity).
Questions = Mapping[str, Question]
_NONE: Questions = {}
_NONE_BY_GRANT: Mapping[str, Questions] = {}

SENSITIVITY_WEIGHTS: dict[Sensitivity, float] = {
    Sensitivity.LOW: 1.0,
    Sensitivity.PERSONAL: 3.0,
    Sensitivity.SPECIAL: 10.0,
}
OPTIONAL_FACTOR = 0.5
OFFER_WEIGHTS: dict[str, float] = {
    "none": 0.0,
    "points": 1.0,
    "discount": 2.0,
    "access": 2.0,
    "gift": 3.0,
    "service": 3.0,
}
LONG_RETENTION_DAYS = 365
TOKEN_DESCRIPTION_CHARS = 16
FAIR_RATIO = 3.0
GREEDY_RATIO = 10.0


class Verdict(StrEnum):
    FAIR = "fair"
    ASKS_A_LOT = "asks_a_lot"
    GREEDY = "greedy"

    @property
    def severity(self) -> int:
        """0 for fair, 1 for asks a lot, 2 for greedy: higher is worse."""
        return list(Verdict).index(self)


class Flag(StrEnum):
    SPECIAL_CATEGORY = "special_category"
    VAGUE_PURPOSE = "vague_purpose"
    LONG_RETENTION = "long_retention"
    TOKEN_OFFER = "token_offer"


@dataclass(frozen=True)
class FieldWeight:
    """One bar of the chart: a field and what it weighs in the balance."""

    key: str
    sensitivity: Sensitivity
    required: bool
    weight: float


@dataclass(frozen=True)
class OfferWeight:
    kind: str
    description: str
    weight: float


@dataclass(frozen=True)
class Balance:
    given_score: float
    offered_score: float
    fields: tuple[FieldWeight, ...]
    offers: tuple[OfferWeight, ...]
    flags: frozenset[Flag]

    def weights_by_offer_kind(self) -> list[tuple[str, float]]:
        """Each kind of offer once, with the weight of all of its kind, in the order first
        seen: a brand's balance over 10,000 grants has an offer for each, and a chart
        segment or a phrase for each was thousands of the same words."""
        weights: dict[str, float] = {}
        for offer in self.offers:
            weights[offer.kind] = weights.get(offer.kind, 0) + offer.weight
        return list(weights.items())

    @property
    def ratio(self) -> float:
        """Given per unit offered; infinite when nothing is offered for something."""
        if self.offered_score > 0:
            return self.given_score / self.offered_score
        return math.inf if self.given_score > 0 else 0.0

    @property
    def verdict(self) -> Verdict:
        special = Flag.SPECIAL_CATEGORY in self.flags
        if self.ratio > GREEDY_RATIO or (
            special and self.flags & {Flag.VAGUE_PURPOSE, Flag.TOKEN_OFFER}
        ):
            return Verdict.GREEDY
        if self.ratio > FAIR_RATIO or self.flags:
            return Verdict.ASKS_A_LOT
        return Verdict.FAIR

    @property
    def rank(self) -> tuple[int, float, float]:
        """Sorts from the best deal to the worst: verdict, then ratio, then what is given."""
        return (self.verdict.severity, self.ratio, self.given_score)


def field_weight(key: str, questions: Questions = _NONE) -> float:
    return SENSITIVITY_WEIGHTS[sensitivity_of(key, questions)]


def sensitivity_of(key: str, questions: Questions = _NONE) -> Sensitivity:
    """A catalogue field's sensitivity; a brand's question as the vault judges it; anything
    else (a question no longer known) as personal."""
    if key in questions:
        return judge(questions[key]).judged
    definition = BY_KEY.get(key)
    return definition.sensitivity if definition else Sensitivity.PERSONAL


def offer_weight(kind: str) -> float:
    return OFFER_WEIGHTS.get(kind, 0.0)


def is_token_offer(kind: str, description: str) -> bool:
    return kind == "none" or (
        kind == "points" and len(description.strip()) < TOKEN_DESCRIPTION_CHARS
    )


def _flags(
    keys: Iterable[str], purpose_iri: str, retention_days: int, kind: str, description: str,
    questions: Questions = _NONE,
) -> frozenset[Flag]:
    flags = set()
    if any(sensitivity_of(k, questions) is Sensitivity.SPECIAL for k in keys):
        flags.add(Flag.SPECIAL_CATEGORY)
    if is_vague(purpose_iri):
        flags.add(Flag.VAGUE_PURPOSE)
    if retention_days > LONG_RETENTION_DAYS:
        flags.add(Flag.LONG_RETENTION)
    if is_token_offer(kind, description):
        flags.add(Flag.TOKEN_OFFER)
    return frozenset(flags)


def for_ask(ask: Ask) -> Balance:
    """What an ask asks for (before sharing) beside what it offers."""
    questions = {q.key: q for q in ask.questions}
    fields = tuple(
        FieldWeight(
            f.key,
            sensitivity_of(f.key, questions),
            f.required,
            field_weight(f.key, questions) * (1.0 if f.required else OPTIONAL_FACTOR),
        )
        for f in ask.fields
    )
    offer = OfferWeight(ask.offer.kind, ask.offer.description, offer_weight(ask.offer.kind))
    return Balance(
        given_score=sum(f.weight for f in fields),
        offered_score=offer.weight,
        fields=fields,
        offers=(offer,),
        flags=_flags(
            ask.keys, ask.purpose.iri, ask.retention_days, ask.offer.kind, ask.offer.description,
            questions,
        ),
    )


def for_share(ask: Ask, keys: Iterable[str]) -> Balance:
    """What a share of `keys` (fields of `ask` that have a value) would give, beside the
    ask's offer: each field in full, as the grant it makes will count it; the ask's own
    questions weigh as judged."""
    questions = {q.key: q for q in ask.questions}
    wanted = set(keys)
    chosen = [f for f in ask.fields if f.key in wanted]
    fields = tuple(
        FieldWeight(f.key, sensitivity_of(f.key, questions), f.required,
                    field_weight(f.key, questions))
        for f in chosen
    )
    offer = OfferWeight(ask.offer.kind, ask.offer.description, offer_weight(ask.offer.kind))
    return Balance(
        given_score=sum(f.weight for f in fields),
        offered_score=offer.weight,
        fields=fields,
        offers=(offer,),
        flags=_flags(
            [f.key for f in chosen], ask.purpose.iri, ask.retention_days, ask.offer.kind,
            ask.offer.description, questions,
        ),
    )


def for_grant(grant: Grant, questions: Questions = _NONE) -> Balance:
    """What one grant gave (every shared field in full) beside its offer; `questions`, the
    brand's questions it answers, weigh as judged."""
    fields = tuple(
        FieldWeight(k, sensitivity_of(k, questions), k in grant.required_fields,
                    field_weight(k, questions))
        for k in grant.fields
    )
    offer = OfferWeight(grant.offer_kind, grant.offer_description, offer_weight(grant.offer_kind))
    return Balance(
        given_score=sum(f.weight for f in fields),
        offered_score=offer.weight,
        fields=fields,
        offers=(offer,),
        flags=_flags(
            grant.fields, grant.purpose_iri, grant.retention_days, grant.offer_kind,
            grant.offer_description, questions,
        ),
    )


def for_grants(
    grants: Iterable[Grant], questions: Mapping[str, Questions] = _NONE_BY_GRANT
) -> Balance:
    """A brand's balance over all its grants: the sum of theirs, fields merged by key;
    `questions` by grant id, the brand's questions each answers."""
    # Summed as each grant's part is made, and each let go at once: a list of them all
    # (10,000 for one brand of the large vault) was freed in one long call.
    given: float = 0  # as sum() starts
    offered: float = 0
    merged: dict[str, FieldWeight] = {}
    offers: list[OfferWeight] = []
    flags: set[Flag] = set()
    for grant in grants:
        part = for_grant(grant, questions.get(grant.id, _NONE))
        given += part.given_score
        offered += part.offered_score
        for f in part.fields:
            seen = merged.get(f.key)
            merged[f.key] = (
                f
                if seen is None
                else FieldWeight(f.key, f.sensitivity, seen.required or f.required,
                                 seen.weight + f.weight)
            )
        offers.extend(part.offers)
        flags.update(part.flags)
    return Balance(
        given_score=given,
        offered_score=offered,
        fields=tuple(merged.values()),
        offers=tuple(offers),
        flags=frozenset(flags),
    )
