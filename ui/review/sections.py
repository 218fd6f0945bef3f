"""The share review's first sections: who the brand is (with every warning about its name
and address), what the data is for, and what the brand asks for (a row per field, each
of its own questions with its input inline)."""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from zpd.origin import AddressScope

from ..style import Space, TextSize
from ..widgets import named
from ..widgets.wrap import WrapLabel, scaled
from ..words import review as say
from ..words.fields import label_text
from ..words.text import brand_text, in_sentence
from .data import Review, ReviewField
from .parts import FieldRow, banner, brand_wrap, heading
from .questions import QuestionRow

CONTEXT = "ShareReviewDialog"  # the dialog's own, where these sections were first written


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def add_brand(layout: QVBoxLayout, review: Review) -> None:
    brand = review.brand
    layout.addWidget(scaled(brand_wrap(brand.name, "brandName"), TextSize.PAGE, bold=True))
    origin = brand_wrap(review.origin, "brandOrigin")
    origin.setProperty("role", "muted")
    layout.addWidget(origin)
    shown_origin = brand_text(review.origin)
    home = say.home_words(review.home, review.reaches_local)
    if home is not None:  # right under the address: not a site on the internet
        undeliverable = review.home is AddressScope.LOCAL_NETWORK and not \
            review.reaches_local
        tone = "danger" if undeliverable else "warn"
        layout.addWidget(banner("brandHomeWarning", tone, home.format(origin=shown_origin)))
    badge = banner("domainBadge", "ok" if review.domain_verified else "warn")
    if review.domain_verified and review.home is AddressScope.LOOPBACK:
        # Plain http to this computer is no secure connection, and proves no domain.
        words = _tr("✓ Fetched from {origin}, a server on this computer.")
    elif review.domain_verified:
        words = _tr("✓ Domain verified: fetched from {origin} over a secure connection.")
    else:
        words = _tr("⚠ Not verified: this request was imported from a file or pasted "
                        "text; nothing proves it comes from {origin}.")
    badge.setText(words.format(origin=shown_origin))
    layout.addWidget(badge)
    hidden = review.hidden_in_brand_text
    if hidden:
        warning = banner("brandTextWarning", "danger")
        warning.setText(_tr(
            "⚠ This brand's text contains hidden characters ({chars}), shown here as "
            "⟦U+…⟧. They can make a name or address look like another one."
        ).format(chars=", ".join(hidden)))
        layout.addWidget(warning)
    lookalikes = review.lookalikes
    if lookalikes:
        warning = banner("lookalikeWarning", "danger")
        warning.setText(_tr(
            "⚠ This brand's name or address may imitate another one: {details}. "
            "Check the address carefully before you share."
        ).format(details="; ".join(brand_text(say.lookalike_words(f)) for f in lookalikes)))
        layout.addWidget(warning)
    if brand.description:
        layout.addWidget(brand_wrap(brand.description, "brandDescription"))
    where = [
        template.format(brand_text(text))
        for text, template in ((brand.privacy_policy, _tr("Privacy policy: {0}")),
                               (brand.contact, _tr("Contact: {0}")))
        if text
    ]
    if where:
        joined = "   ·   ".join(where)
        label = WrapLabel(joined if len(joined) < 90 else "\n".join(where), "brandLinks")
        label.setProperty("role", "muted")
        layout.addWidget(label)

def add_purpose(layout: QVBoxLayout, review: Review) -> None:
    layout.addSpacing(Space.S)
    layout.addWidget(heading(_tr("What it is for"), "purposeHeading"))
    purpose = review.ask.purpose
    layout.addWidget(scaled(brand_wrap(purpose.description, "purposeLabel"), TextSize.LEAD))
    concept = WrapLabel(
        _tr("Declared purpose: {concept}").format(concept=say.concept_words(purpose.iri)),
        "purposeConcept",
    )
    concept.setProperty("role", "muted")
    concept.setToolTip(QtGui.Qt.convertFromPlainText(brand_text(purpose.iri)))
    layout.addWidget(concept)
    if review.vague_purpose:
        vague = banner("vaguePurposeWarning", "warn")
        vague.setText(_tr(
            "⚠ Vague purpose: \"{concept}\" says little about what will be done with your "
            "data. Check the description above, or ask the brand before sharing."
        ).format(concept=say.concept_words(purpose.iri)))
        layout.addWidget(vague)


def add_fields(layout: QVBoxLayout, review: Review) -> list[FieldRow | QuestionRow]:
    """The asked fields, one row each, under the warnings that concern them."""
    layout.addSpacing(Space.S)
    layout.addWidget(heading(_tr("What they ask for"), "fieldsHeading"))
    hint = WrapLabel(_tr(
        "Required fields are the deal: without them there is no share. Optional ones "
        "are up to you: tick any you want to give."
    ), "fieldsHint")
    hint.setProperty("role", "muted")
    layout.addWidget(hint)
    special = [f for f in review.fields if f.special]
    if special:
        warning = banner("specialWarning", "danger")
        warning.setText(_tr(
            "⚠ Health, religion or other special-category data (GDPR Art. 9): {fields}. "
            "Optional ones stay unticked unless you tick them."
        ).format(fields=", ".join(_quoted(f) for f in special)))
        layout.addWidget(warning)
    if review.aliases:
        layout.addWidget(_alias_note(review))
    fields_list = named(QWidget(), "fieldsList")
    fields_list.setAccessibleName(_tr("Requested fields"))
    rows = QVBoxLayout(fields_list)
    rows.setContentsMargins(0, Space.XS, 0, 0)
    rows.setSpacing(Space.S)
    made: list[FieldRow | QuestionRow] = []
    for field in review.fields:
        row: FieldRow | QuestionRow
        if field.question is not None:
            row = QuestionRow(field, review.brand.name)
        else:
            row = FieldRow(field, label_text(field.label),
                           say.value_words(field.value, field.key),
                           review.aliases.get(field.key, ""))
        rows.addWidget(row)
        made.append(row)
    layout.addWidget(fields_list)
    return made


def shown_label(field: ReviewField) -> str:
    """A catalogue field's label in the person's language; a question in the brand's words."""
    if field.question is not None:
        return say.question_label(field.question)
    return label_text(field.label)


def _quoted(field: ReviewField) -> str:
    if field.question is not None:
        return say.quoted_label(field.question)
    return shown_label(field)


def _alias_note(review: Review) -> WrapLabel:
    note = banner("aliasNote", "ok")
    note.setText(_tr(
        "Leak alert: {brand} gets its own alias of your email address, {alias}, not your "
        "real address. Mail to it from anyone else shows who passed it on."
    ).format(brand=in_sentence(review.brand.name),
             alias=", ".join(dict.fromkeys(review.aliases.values()))))
    return note
