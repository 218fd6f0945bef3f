"""Words for what a screen reader is told as it happens: the news of a delivery run, in
one sentence per kind of news, naming its brands.

Translatable (context "NewsWords"), built when called. A brand's name passes through
`brand_text` first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from .text import brand_text

if TYPE_CHECKING:
    from vault.exchange.delivery_news import DeliveryNews

CONTEXT = "NewsWords"
NAMED = 3  # brands named in one sentence; more are counted


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def news_sentence(item: DeliveryNews) -> str | None:
    """What to say of `item`, with {0} where its brands go (None: nothing to say)."""
    from vault.exchange.outbox import DeliveryState, MessageKind
    from zpd import receipt

    refused = item.state is DeliveryState.FAILED
    match item.kind:
        case MessageKind.GRANT:
            return _tr("{0} refused the share") if refused else _tr("Delivered to {0}")
        case MessageKind.REVOCATION if refused:
            return _tr("{0} refused the revocation")
        case MessageKind.REVOCATION if item.receipt_status == receipt.DELETED:
            return _tr("{0} confirmed deletion")
        case MessageKind.REVOCATION if item.receipt_status == receipt.DELETION_PENDING:
            return _tr("{0} deleted your data; its other systems are still deleting it")
        case MessageKind.REVOCATION if item.receipt_status == receipt.DELETION_FAILED:
            return _tr("Deletion failed in one of the systems of {0}")
        case MessageKind.REVOCATION:
            return _tr("{0} received the revocation without confirming deletion")
        case _:
            return None  # a pause or resume: its button already said it was sent


def brand_names(names: list[str]) -> str:
    """The brands of one sentence: the first few by name, the rest counted."""
    shown = ", ".join(brand_text(name) for name in names[:NAMED])
    if len(names) <= NAMED:
        return shown
    return _tr("{0} and {1} more").format(shown, len(names) - NAMED)
