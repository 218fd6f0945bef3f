"""Words for a grant's state when it may be paused, and for where deletion stands in each
system the brand passed the data to (a revocation's receipt). Translatable (context
"PauseWords")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, assert_never

from PySide6.QtCore import QCoreApplication

from vault.errors import PauseRefusal

from . import time
from .exchange import grant_state_sentence, grant_status_words
from .text import brand_text

if TYPE_CHECKING:  # the exchange's modules load after unlock, not with the unlock screen
    from vault.exchange.grants import Grant
    from zpd.receipt import DownstreamEntry


def _tr(text: str) -> str:
    return QCoreApplication.translate("PauseWords", text)


def grant_state_label(grant: Grant) -> str:
    """The Status column: "Paused" for a paused live grant, else its status."""
    return _tr("Paused") if grant.paused else grant_status_words(grant.status)


def paused_filter_words() -> str:
    """The Shared page's status filter: only the paused grants."""
    return _tr("Paused")


def grant_sentence(grant: Grant) -> str:
    """One sentence on what the grant's state means for the brand."""
    if grant.paused and grant.paused_at is not None:
        return _tr("Paused since {0}: the brand must not use it").format(
            time.date(grant.paused_at))
    return grant_state_sentence(grant.status, grant.expires_at, grant.ended_at)


def downstream_entry_words(entry: DownstreamEntry) -> str:
    """One system, e.g. "CRM: deleted on 3 Mar 2026" (the system named as the brand does)."""
    from zpd.receipt import Downstream  # a receipt's module: JOSE, not needed to unlock

    system = brand_text(entry.system)
    match entry.status:
        case Downstream.DELETED if entry.at is not None:
            return _tr("{0}: deleted on {1}").format(system, time.date(entry.at))
        case Downstream.DELETED:
            return _tr("{0}: deleted").format(system)
        case Downstream.PENDING:
            return _tr("{0}: pending").format(system)
        case Downstream.FAILED:
            return _tr("{0}: failed").format(system)
        case Downstream.NOT_HELD:
            return _tr("{0}: did not hold it").format(system)
        case _:
            assert_never(entry.status)


def downstream_words(entries: Sequence[DownstreamEntry]) -> str:
    """Each system's deletion, e.g. "CRM: deleted on 3 Mar 2026; Mailer: pending"."""
    return "; ".join(downstream_entry_words(entry) for entry in entries)


def pause_refusal_words(reason: PauseRefusal) -> str:
    match reason:
        case PauseRefusal.REVOKED:
            return _tr("This share is revoked: there is nothing to pause or resume.")
        case PauseRefusal.EXPIRED:
            return _tr("This share has ended: there is nothing to pause or resume.")
        case PauseRefusal.ALREADY_PAUSED:
            return _tr("This share is paused already.")
        case PauseRefusal.NOT_PAUSED:
            return _tr("This share is not paused.")
        case _:
            assert_never(reason)
