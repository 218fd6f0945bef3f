"""The CLI's English words for leak canaries: sources, the evidence summary, and the
errors of vault/leaks."""

from __future__ import annotations

from ..leaks.alias_services import AliasServiceError, ServiceProblem
from ..leaks.alias_sources import AliasSourceError, SourceKind, SourceProblem
from ..leaks.complaints import ComplaintError
from ..leaks.evidence import EvidenceError
from ..leaks.imap import MailboxError
from ..leaks.managers import NoEvidence, UnknownLeak
from ..leaks.records import Leak
from ..leaks.settings import LeakSettingsError, SettingsProblem, SourceSettings
from .terminal import when

STRIPPABLE = ("plus-addressing is easy to strip: many senders drop everything after the "
              "'+', and the alias then reads as your own address; prefer a domain of yours "
              "with catch-all delivery")


def source_words(current: SourceSettings | None) -> str:
    if current is None:
        return "Aliases use plus-addressing on your email value (no source chosen). " \
               f"Note: {STRIPPABLE}."
    source = current.source
    match source.kind:
        case SourceKind.DOMAIN:
            return f"Aliases are made at {source.domain} (catch-all delivery)."
        case SourceKind.PLUS:
            return f"Aliases use plus-addressing on {source.address}. Note: {STRIPPABLE}."
        case SourceKind.SIMPLELOGIN:
            return f"Aliases are made at SimpleLogin ({current.base_url}); its key is kept " \
                   "in the vault."
        case SourceKind.ADDY:
            return f"Aliases are made at addy.io on {current.service_domain} " \
                   f"({current.base_url}); its key is kept in the vault."


def leak_summary(leak: Leak) -> str:
    """The evidence pack's summary.txt."""
    sender = leak.sender_domain or "a sender whose domain was not authenticated"
    return (f"Mail to {leak.alias}, an address given only to {leak.brand_name} "
            f"({leak.brand_origin}), came from {sender} (From: {leak.from_address}) on "
            f"{when(leak.received_at) or 'an unknown date'}.\n"
            f"{_after_close(leak)}"
            "request.jwt is what the brand signed; grant/ holds what the person signed; "
            "receipts/ the brand's signed acknowledgements; message.eml the message's "
            "header. manifest.json gives each file's SHA-256.\n")


def _after_close(leak: Leak) -> str:
    if not leak.after_close:
        return ""
    return (f"The person closed this alias on {when(leak.alias_closed_at)}, when revoking: "
            "mail to it after that means a leak or an old list, whoever sends it.\n")


def leak_error_words(error: BaseException) -> str | None:
    """Words for an error of vault/leaks; None for any other."""
    match error:
        case AliasSourceError(reason=SourceProblem.BAD_DOMAIN):
            return "not a domain that can receive mail"
        case AliasSourceError(reason=SourceProblem.BAD_ADDRESS):
            return "not an email address that can be plus-addressed"
        case AliasSourceError():
            return "an alias service makes its aliases itself ('zpv service-alias BRAND')"
        case LeakSettingsError(reason=SettingsProblem.NO_KEY):
            return "the service needs its API key (give it on standard input)"
        case LeakSettingsError(reason=SettingsProblem.BAD_URL):
            return "the service's address must start with https://"
        case LeakSettingsError():
            return "the mailbox settings are not usable (host, port, user and password)"
        case AliasServiceError(reason=reason, message=message):
            said = _service_words(reason)
            return f"{said}: {message}" if message else said
        case MailboxError(reason=reason):
            return f"the mailbox could not be read: {str(reason).replace('_', ' ')}"
        case UnknownLeak():
            return f"no leak number {error} (see 'zpv leaks')"
        case NoEvidence():
            return "the grant that carried this alias is no longer in the vault"
        case EvidenceError(reason=reason) | ComplaintError(reason=reason):
            return str(reason).replace("_", " ")
    return None


def _service_words(reason: ServiceProblem) -> str:
    match reason:
        case ServiceProblem.KEY:
            return "the alias service refused the API key"
        case ServiceProblem.REFUSED:
            return "the alias service refused"
        case ServiceProblem.NOT_FOUND:
            return "the alias service no longer has that alias"
        case ServiceProblem.RATE_LIMITED:
            return "the alias service asks to wait; try again later"
        case ServiceProblem.SERVER:
            return "the alias service failed; try again later"
        case ServiceProblem.UNREADABLE:
            return "the alias service answered something unexpected"
        case ServiceProblem.UNREACHABLE:
            return "the alias service could not be reached"
