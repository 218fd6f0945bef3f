"""Words for the exchange with brands: purposes, offers, grant and delivery states, receipts
and how a transport failed.

Translatable (context "ExchangeWords"), built when called. Text that came from a brand
always passes through `brand_text` first.
"""

from __future__ import annotations

import re
from typing import assert_never

from PySide6.QtCore import QCoreApplication, QLocale

from vault.errors import TransportFailure
from vault.exchange.brands import RequestSource
from vault.exchange.delivery_summary import DeliveryStatus, DeliverySummary
from vault.exchange.grants import GrantStatus
from zpd import purposes
from zpd.catalogue import BY_KEY

from . import fields, time
from .text import brand_text

CONTEXT = "ExchangeWords"
UNEXPECTED = "unexpected error"  # the detail of a delivery that failed on an error of ours


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate(CONTEXT, text, None, n)


def show_value(value: object, key: str = "") -> str:
    """The person's value as shown in a table or tree (a catalogue field's choices and
    numbers in the person's language when its key is given)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _tr("yes") if value else _tr("no")
    definition = BY_KEY.get(key)
    if definition is not None and definition.choices:
        choices = value if isinstance(value, list) else [value]
        return ", ".join(fields.choice_text(definition, str(c), False) for c in choices)
    if isinstance(value, float) and not value.is_integer():
        return QLocale().toString(value, "g", 12)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if definition is not None and isinstance(value, str):
        return fields.value_text(definition, value)  # a country's name, a date
    return str(value)


def _known_purposes() -> dict[str, str]:
    return {
        "ServicePersonalisation": _tr("Personalising the service for you"),
        "PersonalisedAdvertising": _tr("Advertising chosen for you"),
        "DirectMarketing": _tr("Sending you marketing"),
        "Marketing": _tr("Marketing (a broad purpose)"),
        "Advertising": _tr("Advertising"),
        "CommunicationForCustomerCare": _tr("Looking after you as a customer"),
        "CustomerCare": _tr("Looking after you as a customer"),
        "ServiceProvision": _tr("Providing the service (a broad purpose)"),
        "ServiceOptimisation": _tr("Improving the service"),
        "ProvidePersonalisedRecommendations": _tr("Recommendations chosen for you"),
        "PersonalisedBenefits": _tr("Benefits chosen for you"),
        "RewardsAndLoyalty": _tr("Rewards and loyalty"),
        "CustomerRelationshipManagement": _tr("Managing your relationship with the brand"),
        "ResearchAndDevelopment": _tr("Research and development (a broad purpose)"),
        "Personalisation": _tr("Personalisation"),
        "CommercialPurpose": _tr("Commercial purposes (a broad purpose)"),
        "Purpose": _tr("Unspecified purpose (a broad purpose)"),
    }


def _split_words(name: str) -> str:
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).split()
    return " ".join([words[0]] + [w.lower() for w in words[1:]]) if words else name


def purpose_words(iri: str) -> str:
    """The DPV concept in plain words, e.g. "Personalising the service for you"."""
    name = purposes.concept_name(iri)
    known = _known_purposes().get(name)
    if known is not None:
        return known
    words = _split_words(name)
    return _tr("{0} (a broad purpose)").format(words) if purposes.is_vague(iri) else words


def concept_words(iri: str) -> str:
    """Plain words and the concept's name: "Personalising... (dpv:ServicePersonalisation)"."""
    return _tr("{words} (dpv:{concept})").format(
        words=purpose_words(iri), concept=purposes.concept_name(iri)
    )


def offer_kind_words(kind: str) -> str:
    return {
        "discount": _tr("Discount"),
        "gift": _tr("Gift"),
        "service": _tr("Service"),
        "points": _tr("Points"),
        "access": _tr("Access"),
        "none": _tr("Nothing in return"),
    }.get(kind, kind)


def offer_words(kind: str, description: str) -> str:
    """What the brand offers: our word for its kind, then the brand's own description."""
    if not description.strip():
        return offer_kind_words(kind)
    return _tr("{kind}: {description}").format(
        kind=offer_kind_words(kind), description=brand_text(description)
    )


def request_source_words(source: RequestSource) -> str:
    """Where a brand's request came from."""
    match source:
        case RequestSource.WEB:
            return _tr("Fetched from the brand's web address")
        case RequestSource.FILE:
            return _tr("Imported from a file")
        case RequestSource.TEXT:
            return _tr("Imported from pasted text")
        case _:
            assert_never(source)


# -- grants and delivery ----------------------------------------------------------------


def grant_status_words(status: GrantStatus) -> str:
    match status:
        case GrantStatus.ACTIVE:
            return _tr("Active")
        case GrantStatus.EXPIRED:
            return _tr("Expired")
        case GrantStatus.REVOKED:
            return _tr("Revoked")
        case _:
            assert_never(status)


def grant_state_sentence(status: GrantStatus, expires_at: int, ended_at: int | None) -> str:
    """One sentence on what a grant's status means for the brand."""
    ended = time.date(ended_at or expires_at)
    match status:
        case GrantStatus.ACTIVE:
            return _tr("Active until {0}").format(time.date(expires_at))
        case GrantStatus.EXPIRED:
            return _tr("Expired on {0}: the brand must delete it").format(ended)
        case GrantStatus.REVOKED:
            return _tr("Revoked on {0}: the brand was told to delete it").format(ended)
        case _:
            assert_never(status)


def delivery_words(summary: DeliverySummary | None) -> str:
    """The delivery state of a grant in words (detail from the brand made visible)."""
    if summary is None:
        return _tr("Never sent")
    detail = brand_text(summary.detail or "")
    match summary.status:
        case DeliveryStatus.QUEUED:
            if summary.attempts and detail:
                return _tr("Queued, will retry: {0}").format(retry_reason(detail))
            return _tr("Queued")
        case DeliveryStatus.DELIVERED:
            return _tr("Delivered")
        case DeliveryStatus.CONFIRMED:
            return _tr("Confirmed by the brand")
        case DeliveryStatus.FAILED:
            return _tr("Refused: {0}").format(detail) if detail else _tr("Refused")
        case DeliveryStatus.REVOCATION_QUEUED:
            return _tr("Revocation waiting")
        case DeliveryStatus.DELETION_CONFIRMED:
            return _tr("Deletion confirmed")
        case DeliveryStatus.DELETION_UNCONFIRMED:
            return _tr("Revocation delivered, deletion not confirmed")
        case DeliveryStatus.DELETION_PENDING:
            return _tr("Deleted by the brand, its other systems still deleting")
        case DeliveryStatus.DELETION_FAILED:
            return _tr("Deletion failed in one of the brand's systems")
        case DeliveryStatus.NOT_SENT:
            return _tr("Never sent")
        case _:
            assert_never(summary.status)


def transport_kind_words(kind: TransportFailure) -> str:
    """How the last attempt failed, as a clause: "could not reach the brand"."""
    match kind:
        case TransportFailure.CONNECT:
            return _tr("could not reach the brand")
        case TransportFailure.TLS:
            return _tr("the secure connection failed")
        case TransportFailure.TIMEOUT:
            return _tr("the brand did not answer in time")
        case TransportFailure.TOO_LARGE:
            return _tr("the brand's answer was too large")
        case TransportFailure.PROTOCOL:
            return _tr("the brand's answer was not usable")
        case TransportFailure.REFUSED_URL:
            return _tr("the brand's address is refused")
        case TransportFailure.REFUSED_ADDRESS:
            return _tr("the vault does not go where the brand's address leads: "
                       "this computer only as localhost or 127.0.0.1 and the local "
                       "network only over https, both only for a brand whose "
                       "request was fetched from its own address; special-purpose "
                       "addresses never")
        case _:
            assert_never(kind)


def retry_reason(detail: str) -> str:
    """Why the last attempt failed, in words (a delivery's detail reads "kind: specifics";
    the specifics are a library's text, kept in the vault and the log, not shown)."""
    code = detail.partition(":")[0].strip()
    if code == UNEXPECTED:
        return _tr("an error in this app")
    if code.startswith("HTTP "):
        return _tr("the brand's server did not take it this time")
    try:
        return transport_kind_words(TransportFailure(code))
    except ValueError:
        return _tr("something went wrong on the way")


def can_retry(summary: DeliverySummary | None) -> bool:
    return summary is not None and summary.status in (
        DeliveryStatus.QUEUED,
        DeliveryStatus.REVOCATION_QUEUED,
    )


def receipt_words(status: str) -> str:
    return {
        "stored": _tr("Signed receipt: the brand stored it"),
        "deleted": _tr("Signed receipt: the brand deleted it"),
        "deletion_pending": _tr("Signed receipt: deleted by the brand, still deleting elsewhere"),
        "deletion_failed": _tr("Signed receipt: deletion failed in one of the brand's systems"),
        "paused": _tr("Signed receipt: the brand paused its use"),
        "resumed": _tr("Signed receipt: the brand may use it again"),
    }.get(status, status)
