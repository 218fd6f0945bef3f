"""Table models of the Brands page: the imported brands, and one brand's asks."""

from __future__ import annotations

import functools
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from vault.exchange.brands import Brand
from vault.transparency import balance
from zpd.origin import AddressScope, host_of, host_scope
from zpd.request import Ask

from ..widgets.row_model import RowsModel
from ..words import balance as balance_words
from ..words import exchange as words
from ..words import fields, time
from ..words.review import question_label
from ..words.text import brand_text, tip

Role = Qt.ItemDataRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("BrandModels", text)


RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class BrandRow:
    brand: Brand
    active_grants: int


def verified_words(verified: bool, home: AddressScope = AddressScope.PUBLIC) -> str:
    if verified and home is AddressScope.LOOPBACK:
        return _tr("Fetched from this computer")
    return (
        _tr("Domain verified")
        if verified
        else _tr("Not verified: imported from a file or text")
    )


def verified_explanation(verified: bool, origin: str) -> str:
    if verified and host_scope(host_of(origin)) is AddressScope.LOOPBACK:
        # Plain http on this computer: no secure connection, and no domain to prove.
        return _tr(
            "The request was fetched from {0}, a server on this computer (a demo or a "
            "test), not a brand's site on the internet."
        ).format(brand_text(origin))
    if verified:
        return _tr(
            "The request was fetched over a secure connection from {0}, so it really comes "
            "from that domain."
        ).format(brand_text(origin))
    return _tr(
        "The request came from a file or pasted text: nothing proves it comes from {0}. "
        "Fetch it from the brand's web address to verify the domain."
    ).format(brand_text(origin))


@functools.cache
def verified_icon(verified: bool) -> QIcon:
    """One icon of each kind, made once: the table asks for it for every row it lays out."""
    pixmap = (
        QStyle.StandardPixmap.SP_DialogApplyButton
        if verified
        else QStyle.StandardPixmap.SP_MessageBoxWarning
    )
    return QApplication.style().standardIcon(pixmap)


class BrandsModel(RowsModel):
    NAME, ORIGIN, DOMAIN, ACTIVE = range(4)

    def headers(self) -> list[str]:
        return [self.tr("Brand"), self.tr("Web address"), self.tr("Domain"),
                self.tr("Active shares")]

    def key(self, row: Any) -> Hashable:
        return str(row.brand.origin)

    def cell(self, row: Any, column: int, role: int) -> object:
        assert isinstance(row, BrandRow)
        brand = row.brand
        if column == self.DOMAIN:
            if role == Role.DisplayRole:
                return verified_words(brand.domain_verified, brand.home)
            if role == Role.DecorationRole:
                return verified_icon(brand.domain_verified)
            if role == Role.ToolTipRole:
                return tip(verified_explanation(brand.domain_verified, brand.origin))
            return None
        if column == self.ACTIVE:
            if role == Role.DisplayRole:
                return str(row.active_grants)
            return RIGHT if role == Role.TextAlignmentRole else None
        text = brand_text(brand.name if column == self.NAME else brand.origin)
        if role == Role.DisplayRole:
            return text
        return tip(text) if role == Role.ToolTipRole else None


def question_labels(ask: Ask) -> dict[str, str]:
    return {question.key: question_label(question) for question in ask.questions}


def ask_field_label(ask: Ask, key: str) -> str:
    """A catalogue field's label; the brand's own question in the brand's words."""
    question = next((q for q in ask.questions if q.key == key), None)
    return question_label(question) if question is not None else fields.key_label(key)


def ask_fields_text(ask: Ask) -> str:
    """One line per field: its label, required or optional, special category flagged."""
    lines = []
    for field in ask.fields:
        need = _tr("required") if field.required else _tr("optional")
        if fields.is_special(field.key):
            need = _tr("{0}, special category").format(need)
        lines.append(_tr("{field} ({need})").format(
            field=ask_field_label(ask, field.key), need=need))
    return "\n".join(lines)


def ask_fields_tip(ask: Ask) -> str:
    """Why the brand wants each field, in its own words."""
    return "\n".join(
        _tr("{field}: {why}").format(
            field=ask_field_label(ask, f.key), why=brand_text(f.why))
        for f in ask.fields
    )


def verdict_text(ask: Ask) -> str:
    """The verdict on what the ask asks beside what it offers, then its warnings, short."""
    weighed = balance.for_ask(ask)
    return "\n".join([balance_words.verdict_words(weighed.verdict)] + [
        balance_words.warning(flag, short=True) for flag in balance_words.ordered_flags(weighed)])


class AsksModel(RowsModel):
    PURPOSE, VERDICT, FIELDS, OFFER, DURATION, RETENTION = range(6)

    def __init__(self) -> None:
        super().__init__()
        # Each cell's words, made once per set of rows: a table that fits its rows to their
        # wrapped text asks for every cell at each layout, and the verdict weighs the ask.
        self._texts: dict[tuple[Hashable, int], str] = {}

    def set_rows(self, rows: Sequence[Any]) -> None:
        self._texts.clear()
        super().set_rows(rows)

    def headers(self) -> list[str]:
        return [self.tr("Purpose"), self.tr("Verdict"), self.tr("Fields"), self.tr("Offer"),
                self.tr("Lasts"), self.tr("Kept")]

    def header_tips(self) -> list[str]:
        return [
            self.tr("The purpose, in the brand's words; hover for what it means in plain terms"),
            self.tr("Whether what the brand asks is fair beside what it offers, and why not"),
            self.tr("What the brand asks for; hover for why"),
            self.tr("What the brand gives in return"),
            self.tr("How long the share lasts (you may shorten it)"),
            self.tr("How long the brand keeps what you share"),
        ]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Role.ToolTipRole:
            return tip(self.header_tips()[section])
        return super().headerData(section, orientation, role)

    def key(self, row: Any) -> Hashable:
        return str(row.id)

    def cell(self, row: Any, column: int, role: int) -> object:
        assert isinstance(row, Ask)
        if role == Role.TextAlignmentRole:
            return RIGHT if column in (self.DURATION, self.RETENTION) else None
        if role not in (Role.DisplayRole, Role.ToolTipRole):
            return None
        text = self._text(row, column)
        if role == Role.ToolTipRole:
            if column == self.FIELDS:
                return tip(ask_fields_tip(row))
            if column == self.PURPOSE:
                return tip(self.tr("{purpose}\nWhat it is for, in plain terms: {concept}").format(
                    purpose=text, concept=words.concept_words(row.purpose.iri)))
            if column == self.VERDICT:
                return tip(balance_words.summary(balance.for_ask(row), question_labels(row)))
            if column == self.RETENTION:
                return tip(self.tr("The brand keeps what you share for {0}.").format(
                    time.days(row.retention_days)))
            return tip(text)
        return text

    def _text(self, ask: Ask, column: int) -> str:
        cached = self._texts.get((ask.id, column))
        if cached is None:
            cached = self._texts[(ask.id, column)] = self._words(ask, column)
        return cached

    def _words(self, ask: Ask, column: int) -> str:
        if column == self.PURPOSE:
            return brand_text(ask.purpose.description)
        if column == self.VERDICT:
            return verdict_text(ask)
        if column == self.FIELDS:
            return ask_fields_text(ask)
        if column == self.OFFER:
            return words.offer_words(ask.offer.kind, ask.offer.description)
        if column == self.DURATION:
            return time.days(ask.duration_days)
        return time.days(ask.retention_days)
