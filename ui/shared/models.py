"""The grants table of the Shared page: one row per grant with its delivery state, paged."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal

from vault.exchange.aliases import EMAIL_KEYS
from vault.exchange.delivery_summary import DeliverySummary
from vault.exchange.grants import Grant, GrantStatus
from vault.vault import Vault
from zpd.questions import Question
from zpd.receipt import DownstreamEntry

from ..widgets.row_model import RowsModel
from ..words import aliases, fields, pausing, time
from ..words import exchange as words
from ..words.review import question_label
from ..words.text import brand_text, tip

Role = Qt.ItemDataRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("GrantModels", text)


PAGE_SIZE = 200


@dataclass(frozen=True)
class GrantRow:
    grant: Grant
    delivery: DeliverySummary | None
    # The brand's own questions the grant answers, by `q:` key, as the brand asked them.
    questions: Mapping[str, Question] = field(default_factory=dict)
    alias: str = ""  # the brand's email alias (leak canary), when the grant carries email
    alias_closed_at: int | None = None  # when the person closed that alias, if they did
    # A revoked grant: where deletion stands in each system the brand passed the data to.
    downstream: tuple[DownstreamEntry, ...] = ()


def load_grants(
    vault: Vault, origin: str | None, status: GrantStatus | None, offset: int, limit: int,
    *, paused: bool = False,
) -> tuple[list[GrantRow], bool]:
    """One page of grants with their delivery states, and whether more follow (`paused`:
    only the paused ones)."""
    grants = vault.grants.listing(origin=origin, status=status, paused=paused,
                                  limit=limit + 1, offset=offset)
    shown = grants[:limit]
    deliveries = vault.delivery.summaries(g.id for g in shown)  # one query for the page
    questions = vault.grants.questions_answered(shown)
    given = {a.brand_origin: a for a in vault.aliases.all()}  # the latest per brand
    downstream = {g.id: vault.delivery.downstream(g.id) for g in shown
                  if g.status is GrantStatus.REVOKED}
    rows = []
    for g in shown:
        alias = given.get(g.brand_origin) if set(g.fields) & EMAIL_KEYS else None
        rows.append(GrantRow(g, deliveries[g.id], questions.get(g.id, {}),
                             alias.alias if alias else "", alias.closed_at if alias else None,
                             downstream.get(g.id, ())))
    return rows, len(grants) > limit


def field_label(key: str, questions: Mapping[str, Question]) -> str:
    """A catalogue field's label; a brand's question in the brand's words."""
    question = questions.get(key)
    return question_label(question) if question is not None else fields.key_label(key)


def fields_tip(row: GrantRow) -> str:
    grant = row.grant
    lines = []
    for key in grant.fields:
        need = (_tr("required") if key in grant.required_fields
                else _tr("optional"))
        lines.append(_tr("{field} ({need})").format(
            field=field_label(key, row.questions), need=need))
    if row.alias:
        lines.append(_tr("Your email went as the alias {0}, given only to this brand.").format(
            row.alias))
        if row.alias_closed_at is not None:
            lines.append(aliases.closed_on(row.alias_closed_at))
    return "\n".join(lines)


class GrantsModel(RowsModel):
    BRAND, PURPOSE, FIELDS, OFFER, UNTIL, STATUS, DELIVERY = range(7)
    more_wanted = Signal(int)  # offset of the next page

    def __init__(self) -> None:
        super().__init__()
        self.has_more = False
        self._fetching = False

    def headers(self) -> list[str]:
        return [self.tr("Brand"), self.tr("Purpose"), self.tr("Fields"), self.tr("Offer"),
                self.tr("Until"), self.tr("Status"), self.tr("Delivery")]

    def key(self, row: Any) -> Hashable:
        return str(row.grant.id)

    def grant_at(self, row: int) -> GrantRow | None:
        found = self.row_at(row)
        return found if isinstance(found, GrantRow) else None

    # -- pages ----------------------------------------------------------------------------

    def set_page(self, rows: Sequence[GrantRow], has_more: bool) -> None:
        self._fetching = False
        self.has_more = has_more
        self.set_rows(rows)

    def add_page(self, rows: Sequence[GrantRow], has_more: bool) -> None:
        self._fetching = False
        self.has_more = has_more
        known = {r.grant.id for r in self.rows}
        self.append_rows([r for r in rows if r.grant.id not in known])

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self.has_more and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if self.canFetchMore(parent):
            self._fetching = True
            self.more_wanted.emit(self.rowCount())

    # -- cells ----------------------------------------------------------------------------

    def cell(self, row: Any, column: int, role: int) -> object:
        assert isinstance(row, GrantRow)
        grant = row.grant
        if role == Role.DisplayRole:
            return self._text(row, column)
        if role != Role.ToolTipRole:
            return None
        if column == self.BRAND:
            return tip(f"{brand_text(grant.brand_name)}\n{brand_text(grant.brand_origin)}")
        if column == self.PURPOSE:
            return tip(f"{brand_text(grant.purpose_description)}\n"
                             f"{words.concept_words(grant.purpose_iri)}")
        if column == self.FIELDS:
            return tip(fields_tip(row))
        if column in (self.UNTIL, self.STATUS):
            return tip(pausing.grant_sentence(grant))
        if column == self.DELIVERY and row.delivery is not None:
            attempts = row.delivery.attempts
            count = (self.tr("1 attempt") if attempts == 1 else
                     self.tr("{0} attempts").format(attempts))
            return tip(f"{words.delivery_words(row.delivery)}\n{count}")
        return tip(self._text(row, column))

    def _text(self, row: GrantRow, column: int) -> str:
        grant = row.grant
        if column == self.BRAND:
            return brand_text(grant.brand_name)
        if column == self.PURPOSE:
            return brand_text(grant.purpose_description)
        if column == self.FIELDS:
            return ", ".join(f"{field_label(k, row.questions)} ({row.alias})"
                             if row.alias and k in EMAIL_KEYS else field_label(k, row.questions)
                             for k in grant.fields)
        if column == self.OFFER:
            return words.offer_words(grant.offer_kind, grant.offer_description)
        if column == self.UNTIL:  # a revoked share ended early: said, not passed off as its end
            if grant.status is GrantStatus.REVOKED and grant.ended_at is not None:
                return self.tr("ended\n{0}").format(time.date(grant.ended_at))  # two lines
            return time.date(grant.expires_at)
        if column == self.STATUS:
            return pausing.grant_state_label(grant)
        return words.delivery_words(row.delivery)
