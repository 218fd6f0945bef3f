"""The question asked when a brand's keys are not the ones first trusted, wherever a request
is fetched (imported by hand or opened from a share link). Accepting re-pins the brand's keys;
declining imports nothing."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from vault.errors import BrandKeysChanged

from ..widgets import confirmation
from ..words.text import brand_text

KEY_SHOWN = 16  # characters of a key's thumbprint shown to compare


def short_key(kid: str) -> str:
    return kid if len(kid) <= KEY_SHOWN else kid[:KEY_SHOWN] + "\u2026"


def accept_new_keys(confirm: confirmation.Confirm, parent: QWidget,
                    error: BrandKeysChanged) -> bool:
    """True only when the person, shown both signing keys, chose to accept the new ones."""
    details = QCoreApplication.translate(
        "BrandKeysChanged",
        "Brand: {origin}\n\n"
        "A brand may replace its keys, but someone pretending to be {origin} would also "
        "have other keys. Accept the new keys only if you are sure, for example because "
        "the brand told you about the change.\n\n"
        "Trusted signing key: {old}\nNew signing key: {new}\n\nAccept the new keys?"
    ).format(origin=brand_text(error.origin), old=short_key(error.pinned[0]),
             new=short_key(error.offered[0]))
    return confirm(
        parent,
        QCoreApplication.translate("BrandKeysChanged", "The brand's keys changed"),
        QCoreApplication.translate("BrandKeysChanged",
                                   "The brand's keys changed since you first trusted it."),
        details,
        QCoreApplication.translate("BrandKeysChanged", "Accept new keys"),
    )
