"""The transparency report: who knows what about the person, why, until when, what came
back in return, with the brands' signed receipts.

`build` gathers the model through a `ReportSource` (the vault's brands, what each
holds, deliveries, receipts, aliases); renderers turn it into a document in
the words they are given: `transparency.html` (with the CLI's English words, or the
GUI's in the person's language), and the GUI's PDF export.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from zpd.catalogue import BY_KEY
from zpd.fieldtypes import JsonValue, Sensitivity
from zpd.questions import Question

from ..errors import UnknownBrand
from ..exchange.aliases import Alias
from ..exchange.brands import Brand
from ..exchange.delivery_summary import DeliveryStatus, DeliverySummary
from ..exchange.grants import Grant, GrantStatus, Held
from ..exchange.receipts import signed_at
from ..pacing import let_go_one_by_one
from .balance import Balance, Questions, for_grants, sensitivity_of

if TYPE_CHECKING:
    from zpd.receipt import DownstreamEntry


class ReportSource(Protocol):
    """What the report reads: the vault's brands and, per brand, what it holds."""

    def brands(self) -> list[Brand]: ...
    def aliases(self) -> list[Alias]: ...
    def held_by(self, origin: str) -> list[Held]: ...
    def deliveries(self, grant_ids: Iterable[str]) -> dict[str, DeliverySummary | None]: ...
    def receipts_of_brand(self, origin: str) -> dict[str, list[tuple[str, str, str]]]: ...
    def downstream(self, grant_ids: Iterable[str]) -> dict[str, tuple[DownstreamEntry, ...]]: ...


@dataclass(frozen=True)
class ReceiptLine:
    """A brand's verified receipt for one message: `stored` (a token) or `deleted` (an event)."""

    message_jti: str
    status: str
    signed_at: int | None  # the receipt's own iat
    jws: str

    @property
    def fingerprint(self) -> str:
        """The first 64 bits of the receipt's SHA-256 in four groups of hex: enough for a
        person to match a receipt on paper with the same receipt in full (the web page's),
        which is what proves something, by its signature."""
        digest = hashlib.sha256(self.jws.encode()).hexdigest()[:16].upper()
        return " ".join(digest[start:start + 4] for start in range(0, 16, 4))


@dataclass(frozen=True)
class SharedField:
    key: str
    label: str  # a brand's question: its label as the brand asked it
    sensitivity: Sensitivity  # a brand's question: as the vault judged it
    value: JsonValue | None  # in the grant's latest version; None: no longer in it
    question: Question | None = None  # when the field is the answer to a brand's question


class Holding(StrEnum):
    """What the brand holds now of what a grant gave it."""

    HOLDS = "holds"  # the grant runs
    DELETED = "deleted"  # revoked, and the brand confirmed the deletion
    TOLD_TO_DELETE = "told_to_delete"  # revoked, deletion not confirmed: it may still hold it
    MAY_KEEP = "may_keep"  # expired: kept for the retention it stated, then deleted


@dataclass(frozen=True)
class GrantReport:
    grant: Grant
    fields: tuple[SharedField, ...]
    delivery: DeliverySummary | None
    receipts: tuple[ReceiptLine, ...]
    # A revoked grant: where deletion stands in each system the brand passed it to.
    downstream: tuple[DownstreamEntry, ...] = ()

    @property
    def holding(self) -> Holding:
        """What the brand holds now; the fields are what it was given, never shown as
        still held once the grant ended."""
        if self.grant.ended_at is None:
            return Holding.HOLDS
        if self.delivery is not None and self.delivery.status is DeliveryStatus.DELETION_CONFIRMED:
            return Holding.DELETED
        if self.grant.status is GrantStatus.REVOKED:
            return Holding.TOLD_TO_DELETE
        return Holding.MAY_KEEP


@dataclass(frozen=True)
class BrandReport:
    brand: Brand
    grants: tuple[GrantReport, ...]
    balance: Balance
    aliases: tuple[str, ...]  # the email aliases this brand was given (leak canaries)
    # Those of them the person closed, each with when: mail to them now means a leak.
    closed_aliases: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Report:
    generated_at: int
    brands: tuple[BrandReport, ...]


def build(source: ReportSource, origin: str | None, now: int) -> Report:
    brands = source.brands()
    if origin is not None:
        brands = [b for b in brands if b.origin == origin]
        if not brands:
            raise UnknownBrand(origin)
    aliases = source.aliases()
    sections = []
    for brand in brands:
        held_now = source.held_by(brand.origin)
        deliveries = source.deliveries(h.grant.id for h in held_now)
        receipts = source.receipts_of_brand(brand.origin)
        downstream = source.downstream(h.grant.id for h in held_now
                                       if h.grant.status is GrantStatus.REVOKED)
        grants = tuple(
            GrantReport(
                grant=held.grant,
                fields=tuple(_shared_field(k, held.data.get(k), held.questions)
                             for k in held.grant.fields),
                delivery=deliveries[held.grant.id],
                receipts=tuple(
                    ReceiptLine(jti, status, signed_at(jws), jws)
                    for jti, status, jws in receipts.get(held.grant.id, ())
                ),
                downstream=downstream.get(held.grant.id, ()),
            )
            for held in held_now
        )
        given = for_grants((h.grant for h in held_now),
                           {h.grant.id: h.questions for h in held_now})
        let_go_one_by_one(held_now)
        sections.append(
            BrandReport(
                brand=brand,
                grants=grants,
                balance=given,
                aliases=tuple(a.alias for a in aliases if a.brand_origin == brand.origin),
                closed_aliases=tuple((a.alias, a.closed_at) for a in aliases
                                     if a.brand_origin == brand.origin
                                     and a.closed_at is not None),
            )
        )
    return Report(now, tuple(sections))


def _shared_field(key: str, value: JsonValue | None, questions: Questions) -> SharedField:
    question = questions.get(key)
    label = question.label if question is not None else _label(key)
    return SharedField(key, label, sensitivity_of(key, questions), value, question)


def _label(key: str) -> str:
    definition = BY_KEY.get(key)
    return definition.label if definition else key
