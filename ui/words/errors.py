"""The one dispatcher from an error the app can meet to words a person can act on.

Last in the words chain: it may use every other words module. Translatable (context
"VaultMessages"). Only words reach the person: an error's own text (a library's message,
errno, OpenSSL codes, a request's claims) goes to the log, never on screen. An error no
case knows is "Something went wrong"; its traceback is logged where it was caught.
"""

from __future__ import annotations

import logging
from typing import assert_never

from PySide6.QtCore import QCoreApplication

from vault import errors
from vault.errors import TransportError, TransportFailure, Weakness
from zpd.errors import RequestInvalid
from zpd.links import LinkInvalid, LinkProblem

from . import fields, pausing, review, sync, time
from .text import brand_text

CONTEXT = "VaultMessages"
log = logging.getLogger(__name__)


class RequestTooLarge(ValueError):
    """A file or pasted text bigger than any data request could be."""


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def weakness(reason: Weakness) -> str:
    match reason:
        case Weakness.TOO_SHORT:
            return _tr("Use at least 12 characters; a few unrelated words work well.")
        case Weakness.COMMON:
            return _tr("This is one of the most common passwords.")
        case Weakness.REPETITIVE:
            return _tr("It repeats too few characters.")
        case Weakness.SEQUENCE:
            return _tr("It is a keyboard or alphabet run.")
        case Weakness.LOW_VARIETY:
            return _tr("Too predictable: add another word, or mix in digits.")
        case _:
            assert_never(reason)


def error_text(error: BaseException, asked: review.Asked | None = None, *,
               reading: bool = False) -> str:
    """Any error in words. `asked`: the share under review, for a refusal's details;
    `reading`: the error came from reading a file the person chose (a data request)."""
    match error:
        case errors.WrongPassphrase():
            return _tr("That passphrase does not open this vault.")
        case errors.WrongRecoveryCode():
            return _tr("That recovery code does not open this vault.")
        case errors.WeakPassphrase(reasons=reasons):
            return " ".join(weakness(r) for r in reasons)
        case errors.VaultBusy():
            return _tr("This vault is open in another window or program. Close it there first.")
        case errors.HeaderCorrupted() | errors.VaultCorrupted():
            return _tr("This vault is damaged. Restore it from a backup.")
        case errors.UnsupportedFormat():
            return _tr(
                "This vault was made by a newer version of Zero-Party Vault. Update the app."
            )
        case errors.NotAVault():
            return _tr("There is no vault in this folder.")
        case errors.InvalidValue():
            return fields.invalid_value_text(error)
        case errors.InvalidFieldDefinition():
            return fields.definition_error_text(error)
        case errors.AnswerHeldByGrant():
            return _tr("An active share carries this answer to its brand: revoke it first.")
        case errors.FieldRequiredByGrant():
            return _tr("This field is required by an active share: revoke it first.")
        case errors.VaultRolledBack(seen_seq=seen, found_seq=found, seen_at=seen_at):
            return _tr(
                "This vault is an older copy than the one this computer last saw: it ends at "
                "activity entry {found}, but entry {seen} was seen here on {when}. Someone may "
                "have put an old copy back. Open it only if you restored it yourself."
            ).format(found=found, seen=seen, when=time.moment(seen_at))
        case errors.VaultLocked():
            return _tr("The vault is locked. Unlock it and try again.")
        case errors.ShareRefused(reason=reason, fields=keys) if asked is not None:
            return review.refusal(reason, keys, asked)
        case errors.ShareRefused(reason=reason):
            _log_details(error, reason.value)
            return _tr("This share was refused: the vault would not send it.")
        case errors.UnknownAsk():
            return _tr("This brand no longer asks for this: it is not among its latest "
                       "requests.")
        case errors.StorageFull():
            return _tr("The disk is full. Nothing was changed.")
        case errors.RekeyFailed():
            return _tr(
                "Your vault could not be re-encrypted. Nothing was changed: your passphrase and "
                "recovery code are as they were."
            )
        case errors.SyncFolderInUse():
            return _tr("That folder already holds a synced vault, or this vault already syncs. "
                       "To use a vault from a synced folder, join it from the welcome screen.")
        case errors.SyncNotSetUp():
            return _tr("This vault does not sync through a folder.")
        case errors.SyncFileRefused(reason=reason):
            return _tr("A file in the synced folder was refused: {0}").format(
                sync.refusal(reason))
        case errors.UnknownDevice():
            return _tr("No other device of this vault has that name.")
        case errors.GrantNotActive():
            return _tr("That share is already revoked.")
        case errors.GrantPauseRefused(reason=reason):
            return pausing.pause_refusal_words(reason)
        case errors.UnknownGrant():
            return _tr("That share no longer exists.")
        case errors.UnknownBrand():
            return _tr("That brand is not in your vault.")
        case errors.BrandKeysChanged():
            return _tr("Not imported: the brand's keys changed and you did not accept them.")
        case LinkInvalid(reason=reason):
            try:
                return link_problem(LinkProblem(reason))
            except ValueError:
                return _tr("The link is malformed.")
        case RequestInvalid(reason=reason, detail=detail):
            _log_details(error, f"{reason}: {brand_text(detail)}")
            words = _request_reasons().get(reason, _tr("it is malformed"))
            return _tr("This is not a valid data request: {0}.").format(words)
        case TransportError(kind=kind, detail=detail):
            _log_details(error, f"{kind.value}: {detail}")
            return transport_failure(kind)
        case RequestTooLarge():
            return _tr("That is too large to be a data request.")
        case UnicodeDecodeError() if reading:
            return _tr("This file is not text: a data request is a line of text.")
        case FileNotFoundError() if reading:
            return _tr("That file no longer exists.")
        case PermissionError() if reading:
            return _tr("You may not read that file.")
        case OSError() if reading:
            _log_details(error, error.strerror or "")
            return _tr("The file could not be read.")
    leak_words = leak_error_text(error)
    if leak_words:
        return leak_words
    return _tr("Something went wrong in the app; nothing more was done. The details are in "
               "the app's log.")


def _log_details(error: BaseException, detail: str) -> None:
    """What the person is not shown, for whoever reads the log (no value of theirs in it:
    addresses, codes and library messages only)."""
    log.info("worded %s for the person; details: %s", type(error).__name__, detail)


def leak_error_text(error: BaseException) -> str:
    """Leak canaries' errors in words; "" for any other error. (Their modules load late,
    with the mailbox's and the services' clients.)"""
    from vault.leaks.alias_services import AliasServiceError
    from vault.leaks.alias_sources import AliasSourceError, SourceProblem
    from vault.leaks.complaints import ComplaintError
    from vault.leaks.imap import MailboxError
    from vault.leaks.managers import NoEvidence, UnknownLeak
    from vault.leaks.settings import LeakSettingsError, SettingsProblem

    match error:
        case AliasSourceError(reason=SourceProblem.BAD_DOMAIN):
            return _tr("That is not a domain that can receive mail, like alex.example.")
        case AliasSourceError(reason=SourceProblem.BAD_ADDRESS):
            return _tr("That is not an email address, like alex@mail.example.")
        case AliasSourceError():
            return _tr("An alias service makes its aliases itself.")
        case LeakSettingsError(reason=SettingsProblem.NO_KEY):
            return _tr("Give the service's API key.")
        case LeakSettingsError(reason=SettingsProblem.BAD_URL):
            return _tr("The service's address must start with https://.")
        case LeakSettingsError():
            return _tr("Give the mail server, your user name and your password.")
        case AliasServiceError():
            return service_error(error)
        case MailboxError(reason=reason):
            return mailbox_problem(reason)
        case UnknownLeak():
            return _tr("That leak is no longer in your vault.")
        case NoEvidence():
            return _tr("The share that carried this alias is no longer in your vault: there is "
                       "nothing to put in an evidence pack.")
        case ComplaintError():
            return _tr("There is no draft in that language.")
    return ""


def service_error(error: BaseException) -> str:
    """Why the alias service said no, with its own words (plain text) where it gave any."""
    from vault.leaks.alias_services import AliasServiceError, ServiceProblem

    assert isinstance(error, AliasServiceError)
    match error.reason:
        case ServiceProblem.KEY:
            words = _tr("The alias service did not accept the API key.")
        case ServiceProblem.REFUSED:
            words = _tr("The alias service refused.")
        case ServiceProblem.NOT_FOUND:
            words = _tr("The alias service no longer has that alias.")
        case ServiceProblem.RATE_LIMITED:
            words = _tr("The alias service asks to wait a while before trying again.")
        case ServiceProblem.SERVER:
            words = _tr("The alias service is having trouble; try again later.")
        case ServiceProblem.UNREADABLE:
            words = _tr("The alias service's answer could not be read.")
        case ServiceProblem.UNREACHABLE:
            words = _tr("Could not reach the alias service.")
        case _:
            assert_never(error.reason)
    return f"{words} ({brand_text(error.message)})" if error.message else words


def mailbox_problem(reason: object) -> str:
    """Why the mailbox could not be read (vault.leaks.imap.MailboxProblem)."""
    from vault.leaks.imap import MailboxProblem

    assert isinstance(reason, MailboxProblem)
    match reason:
        case MailboxProblem.CONNECT:
            return _tr("Could not reach the mail server.")
        case MailboxProblem.TLS:
            return _tr("The mail server's secure connection could not be verified (TLS).")
        case MailboxProblem.LOGIN:
            return _tr("The mail server did not accept the user name and password.")
        case MailboxProblem.FOLDER:
            return _tr("The mail server has no such folder.")
        case MailboxProblem.TIMEOUT:
            return _tr("The mail server took too long to answer.")
        case MailboxProblem.PROTOCOL:
            return _tr("The mail server's answer was not IMAP.")
        case MailboxProblem.CLOSED:
            return _tr("The mail server closed the connection.")
        case MailboxProblem.INTERRUPTED:
            return _tr("Stopped.")
        case MailboxProblem.VAULT:
            return _tr("The vault was locked or busy.")
        case _:
            assert_never(reason)


def watch_status_text(status: object) -> str:
    """How watching the mailbox goes (vault.leaks.watcher.WatchStatus)."""
    from vault.leaks.watcher import WatchState, WatchStatus

    assert isinstance(status, WatchStatus)
    match status.state:
        case WatchState.CONNECTING:
            return _tr("Connecting to the mail server...")
        case WatchState.IDLE:
            return _tr("Watching: the mail server announces new mail as it arrives.")
        case WatchState.POLLING:
            return _tr("Watching: looking for new mail every minute.")
        case WatchState.RETRYING:
            problem = mailbox_problem(status.problem) if status.problem else ""
            return _tr("{0} Trying again in {1} s.").format(
                problem, round(status.retry_in or 0)).strip()
        case WatchState.STOPPED:
            return _tr("Not watching.")
        case _:
            assert_never(status.state)


def link_problem(problem: LinkProblem) -> str:
    """Why a share link from a brand's page was not followed (nothing was fetched)."""
    match problem:
        case LinkProblem.WRONG_SCHEME | LinkProblem.UNKNOWN_ACTION:
            return _tr("This is not a link to share from your vault.")
        case (LinkProblem.MISSING_REQUEST_URI | LinkProblem.NOT_TEXT | LinkProblem.BAD_QUERY
              | LinkProblem.REPEATED_REQUEST_URI | LinkProblem.REPEATED_ASK):
            return _tr("The link is incomplete or malformed: it does not say where the "
                       "brand's request is.")
        case LinkProblem.TOO_LONG:
            return _tr("The link is too long to be a share link.")
        case (LinkProblem.FILE_URI | LinkProblem.JAVASCRIPT_URI | LinkProblem.DATA_URI
              | LinkProblem.OTHER_SCHEME):
            return _tr("The link points to something that is not a brand's web address.")
        case LinkProblem.PLAIN_HTTP:
            return _tr("The link points to an unprotected (http) address on the internet: "
                       "only https is accepted.")
        case LinkProblem.USER_INFO | LinkProblem.FRAGMENT | LinkProblem.BAD_REQUEST_URI:
            return _tr("The link points to a malformed web address.")
        case LinkProblem.NON_ASCII_HOST:
            return _tr("The link's web address uses characters that can imitate another "
                       "site's name.")
        case _:
            assert_never(problem)


def field_edit_error(label: str, error: BaseException) -> str:
    """Why an edit of the field `label` was not saved."""
    match error:
        case errors.InvalidValue():
            return _tr("“{0}” was not saved. {1}").format(
                label, fields.invalid_value_text(error))
        case errors.AnswerHeldByGrant():
            return _tr(
                "“{0}” is carried to its brand by an active share: revoke it first (on the "
                "Shared page)."
            ).format(label)
        case errors.FieldRequiredByGrant():
            return _tr(
                "“{0}” is required by an active share: revoke it first (on the Shared page)."
            ).format(label)
    return error_text(error)


def transport_failure(kind: TransportFailure) -> str:
    """A sentence for an exchange with a brand that failed before a complete answer."""
    match kind:
        case TransportFailure.REFUSED_URL:
            return _tr(
                "That address is refused: use the brand's https address (plain http only on "
                "this computer)."
            )
        case TransportFailure.REFUSED_ADDRESS:
            return _tr(
                "That address leads where the vault does not go: this computer only as "
                "localhost or 127.0.0.1, the local network only over https, and "
                "special-purpose addresses never."
            )
        case TransportFailure.CONNECT:
            return _tr("Could not reach the brand.")
        case TransportFailure.TLS:
            return _tr("The brand's secure connection could not be verified.")
        case TransportFailure.TIMEOUT:
            return _tr("The brand took too long to answer.")
        case TransportFailure.TOO_LARGE:
            return _tr("The brand's answer is too large.")
        case TransportFailure.PROTOCOL:
            return _tr("The brand's answer is not a usable data request.")
        case _:
            assert_never(kind)


def _request_reasons() -> dict[str, str]:
    """zpd's RequestInvalid reasons (protocol codes, kept as text by zpd) as clauses."""
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
        "bad_purpose": _tr("it states its purpose in terms the vault does not know"),
        "bad_offer": _tr("its offer is not of a known kind"),
        "unknown_field": _tr("it asks for a field the vault does not know"),
        "bad_member": _tr("it is malformed"),
    }
