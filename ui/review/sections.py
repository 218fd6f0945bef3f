"""The share review's first sections: who the brand is (with every warning about its name
and address) and what the data is for."""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout

from zpd.origin import AddressScope

from ..widgets.wrap import WrapLabel, scaled
from ..words import review as say
from ..words.text import brand_text
from .data import Review
from .parts import banner, brand_wrap, heading

CONTEXT = "ShareReviewDialog"  # the dialog's own, where these sections were first written


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def add_brand(layout: QVBoxLayout, review: Review) -> None:
    brand = review.brand
    layout.addWidget(scaled(brand_wrap(brand.name, "brandName"), 1.7, bold=True))
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
    layout.addSpacing(8)
    layout.addWidget(heading(_tr("What it is for"), "purposeHeading"))
    purpose = review.ask.purpose
    layout.addWidget(scaled(brand_wrap(purpose.description, "purposeLabel"), 1.1))
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
