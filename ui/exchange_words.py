"""Words for the exchange with brands: purposes, offers, grant and delivery states, errors.

Everything here is translatable (context "ExchangeWords") and built when called, never
at import time. Text that came from a brand always passes through `brand_text` first.
"""

from __future__ import annotations

import re

from PySide6 import QtGui
from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from vault import errors
from vault.errors import TransportError
from vault.exchange.delivery_summary import DeliveryStatus, DeliverySummary
from vault.exchange.grants import GrantStatus
from zpd import purposes
from zpd.catalogue import BY_KEY
from zpd.errors import RequestInvalid
from zpd.fieldtypes import Sensitivity

from . import strings
from .pages import field_words
from .widgets import brand_text

CONTEXT = "ExchangeWords"


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate(CONTEXT, text, None, n)


def tip(text: str) -> str:
    """A tooltip that can never be read as rich text (pass brand text through brand_text).

    Escaped as HTML, line breaks kept, and free to wrap (a long sentence stays readable)."""
    return QtGui.Qt.convertFromPlainText(text, QtGui.Qt.WhiteSpaceMode.WhiteSpaceNormal)


# -- fields, purposes, offers, time --------------------------------------------------------


def field_label(key: str) -> str:
    definition = BY_KEY.get(key)
    return QCoreApplication.translate("FieldLabels", definition.label) if definition else key


def is_special(key: str) -> bool:
    definition = BY_KEY.get(key)
    return definition is not None and definition.sensitivity is Sensitivity.SPECIAL


def field_list(keys: tuple[str, ...] | list[str]) -> str:
    return ", ".join(field_label(k) for k in keys)


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
        return ", ".join(field_words.choice_text(definition, str(c), False) for c in choices)
    if isinstance(value, float) and not value.is_integer():
        return QLocale().toString(value, "g", 12)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
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


def concept_lines(iri: str) -> str:
    """Plain words over the concept's name, for a table cell."""
    return f"{purpose_words(iri)}\ndpv:{purposes.concept_name(iri)}"


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


def days(count: int) -> str:
    return _tr("1 day") if count == 1 else _tr("{0} days").format(count)


def date_words(seconds: int) -> str:
    when = QDateTime.fromSecsSinceEpoch(seconds).date()
    return QLocale().toString(when, "d MMM yyyy")


# -- grants and delivery ----------------------------------------------------------------


def grant_status_words(status: GrantStatus) -> str:
    return {
        GrantStatus.ACTIVE: _tr("Active"),
        GrantStatus.EXPIRED: _tr("Expired"),
        GrantStatus.REVOKED: _tr("Revoked"),
    }[status]


def grant_state_sentence(status: GrantStatus, expires_at: int, ended_at: int | None) -> str:
    """One sentence on what a grant's status means for the brand."""
    if status is GrantStatus.ACTIVE:
        return _tr("Active until {0}").format(date_words(expires_at))
    if status is GrantStatus.EXPIRED:
        return _tr("Expired on {0}: the brand must delete it").format(
            date_words(ended_at or expires_at)
        )
    return _tr("Revoked on {0}: the brand was told to delete it").format(
        date_words(ended_at or expires_at)
    )


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
        case DeliveryStatus.NOT_SENT:
            return _tr("Never sent")
    return str(summary.status)


def _retry_reasons() -> dict[str, str]:
    return {
        "connect": _tr("could not reach the brand"),
        "tls": _tr("the secure connection failed"),
        "timeout": _tr("the brand did not answer in time"),
        "too_large": _tr("the brand's answer was too large"),
        "protocol": _tr("the brand's answer was not usable"),
        "refused_url": _tr("the brand's address is refused"),
        "refused_address": _tr("the vault does not go where the brand's address leads: "
                               "this computer only as localhost or 127.0.0.1 and the local "
                               "network only over https, both only for a brand whose "
                               "request was fetched from its own address; special-purpose "
                               "addresses never"),
        "unexpected error": _tr("an error in this app"),
    }


def retry_reason(detail: str) -> str:
    """Why the last attempt failed: the vault's transport kind in words, else the detail."""
    kind, _, rest = detail.partition(":")
    known = _retry_reasons().get(kind.strip())
    if known is None:
        return detail
    return f"{known} ({rest.strip()})" if rest.strip() else known


def can_retry(summary: DeliverySummary | None) -> bool:
    return summary is not None and summary.status in (
        DeliveryStatus.QUEUED,
        DeliveryStatus.REVOCATION_QUEUED,
    )


def receipt_words(status: str) -> str:
    return {
        "stored": _tr("Signed receipt: the brand stored it"),
        "deleted": _tr("Signed receipt: the brand deleted it"),
    }.get(status, status)


# -- errors -----------------------------------------------------------------------------


def _request_reasons() -> dict[str, str]:
    return {
        "not_compact": _tr("it is not a signed request"),
        "too_large": _tr("it is too large"),
        "bad_header": _tr("its header cannot be read"),
        "bad_algorithm": _tr("it is signed with an algorithm the protocol does not allow"),
        "wrong_type": _tr("it is not a data request"),
        "bad_signature": _tr("its signature does not match: it may have been altered"),
        "bad_payload": _tr("its contents cannot be read"),
        "bad_keys": _tr("the brand's keys in it are missing or malformed"),
        "unknown_key": _tr("it is not signed by the key it names"),
        "expired": _tr("it has expired; ask the brand for a fresh one"),
        "bad_issuer": _tr("the brand's address in it is not acceptable"),
        "bad_endpoint": _tr("it would send your data to another site than the brand's, or "
                            "to an address with a query string"),
        "local_address": _tr("it names this computer or an address on the local network, "
                             "which only a request fetched from there may do"),
        "small_order_key": _tr("one of the brand's keys is unsafe: anyone could sign or "
                               "read with it"),
        "non_canonical_key": _tr("one of the brand's keys is not written the standard way"),
        "bad_purpose": _tr("its purpose is not a recognised (DPV) purpose"),
        "bad_offer": _tr("its offer is not of a known kind"),
        "unknown_field": _tr("it asks for a field the vault does not know"),
        "bad_member": _tr("it is malformed"),
    }


def _transport_reasons() -> dict[str, str]:
    return {
        "refused_url": _tr(
            "That address is refused: use the brand's https address (plain http only on "
            "this computer)."
        ),
        "refused_address": _tr(
            "That address leads where the vault does not go: this computer only as "
            "localhost or 127.0.0.1, the local network only over https, and special-purpose "
            "addresses never."
        ),
        "connect": _tr("Could not reach the brand."),
        "tls": _tr("The brand's secure connection could not be verified (TLS)."),
        "timeout": _tr("The brand took too long to answer."),
        "too_large": _tr("The brand's answer is too large."),
        "protocol": _tr("The brand's answer is not a usable data request."),
    }


def import_error(error: BaseException) -> str:
    """Why a request could not be imported, in words a person can act on."""
    match error:
        case RequestInvalid(reason=reason, detail=detail):
            words = _request_reasons().get(reason, reason.replace("_", " "))
            if detail:
                words = f"{words} ({brand_text(detail)})"
            return _tr("This is not a valid data request: {0}.").format(words)
        case TransportError(kind=kind, detail=detail):
            words = _transport_reasons().get(kind, kind)
            return f"{words} ({brand_text(detail)})" if detail else words
        case UnicodeDecodeError():
            return _tr("This file is not text: a data request is a line of text.")
        case FileNotFoundError():
            return _tr("That file no longer exists.")
        case PermissionError():
            return _tr("You may not read that file.")
        case RequestTooLarge():
            return _tr("That is too large to be a data request.")
        case OSError():
            return _tr("The file could not be read ({0}).").format(error.strerror or "")
    return exchange_error(error)


def exchange_error(error: BaseException) -> str:
    match error:
        case errors.GrantNotActive():
            return _tr("That grant is already revoked.")
        case errors.UnknownGrant():
            return _tr("That grant no longer exists.")
        case errors.UnknownBrand():
            return _tr("That brand is not in your vault.")
        case errors.BrandKeysChanged():
            return _tr("Not imported: the brand's keys changed and you did not accept them.")
    return strings.error_message(error)


class RequestTooLarge(ValueError):
    """A file or pasted text bigger than any data request could be."""
