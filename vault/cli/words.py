"""The English words of `zpv` for errors and refusals (exchange_words.py: how shares,
deliveries and brands stand).

The core raises typed errors with reason codes; this is where they become one line a
person can act on.
"""

from __future__ import annotations

from typing import assert_never

from zpd.errors import ProtocolError, RequestInvalid
from zpd.links import LinkInvalid, LinkProblem

from ..errors import (
    AnswerHeldByGrant,
    BackupInvalid,
    BrandKeysChanged,
    FieldRequiredByGrant,
    GrantNotActive,
    GrantPauseRefused,
    HeaderCorrupted,
    InvalidFieldDefinition,
    InvalidValue,
    NotAVault,
    PauseRefusal,
    RekeyFailed,
    ShareRefusal,
    ShareRefused,
    StorageFull,
    SyncFileRefused,
    SyncFolderInUse,
    SyncNotSetUp,
    TransportError,
    TransportFailure,
    UnknownAsk,
    UnknownBrand,
    UnknownDevice,
    UnknownField,
    UnknownGrant,
    UnknownQuestion,
    UnsupportedFormat,
    VaultBusy,
    VaultCorrupted,
    VaultError,
    VaultExists,
    VaultLocked,
    VaultRolledBack,
    Weakness,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryCode,
)
from ..profile.audit import Tamper
from .terminal import UsageError, when


def weakness_words(reason: Weakness) -> str:
    match reason:
        case Weakness.TOO_SHORT:
            return "use at least 12 characters (a few unrelated words work well)"
        case Weakness.COMMON:
            return "it is one of the most common passwords"
        case Weakness.REPETITIVE:
            return "it repeats too few characters"
        case Weakness.SEQUENCE:
            return "it is a keyboard or alphabet run"
        case Weakness.LOW_VARIETY:
            return "it is too predictable: add a word, or mix in digits"
        case _:
            assert_never(reason)


def pause_refusal_words(reason: PauseRefusal) -> str:
    match reason:
        case PauseRefusal.REVOKED:
            return "that grant is revoked: there is nothing to pause or resume"
        case PauseRefusal.EXPIRED:
            return "that grant has ended: there is nothing to pause or resume"
        case PauseRefusal.ALREADY_PAUSED:
            return "that grant is paused already ('zpv resume GRANT' resumes it)"
        case PauseRefusal.NOT_PAUSED:
            return "that grant is not paused"
        case _:
            assert_never(reason)


def share_refusal_words(reason: ShareRefusal, fields: list[str]) -> str:
    named = ", ".join(fields)
    match reason:
        case ShareRefusal.NOT_ASKED:
            return f"the brand did not ask for {named}"
        case ShareRefusal.REQUIRED_LEFT_OUT:
            return f"the brand requires {named}: share them, or don't share this ask"
        case ShareRefusal.NO_VALUE:
            return (f"you have no value for {named}: set it first (zpv set), or answer the "
                    "brand's question (zpv answer)")
        case ShareRefusal.NOTHING_CHOSEN:
            return "nothing to share"
        case ShareRefusal.REQUEST_EXPIRED:
            return "the brand's request has expired; import a fresh one"
        case ShareRefusal.DURATION:
            return f"the duration can only be shortened, to at most {named} days"
        case ShareRefusal.ANSWER_DOES_NOT_FIT:
            return (f"your answer to {named} no longer fits the brand's question as it asks "
                    "it now: answer again (zpv answer)")
        case _:
            assert_never(reason)


def transport_words(kind: TransportFailure) -> str:
    match kind:
        case TransportFailure.REFUSED_URL:
            return "that address is refused (https only, plain http only on this computer)"
        case TransportFailure.REFUSED_ADDRESS:
            return ("the vault does not go where that address leads: this computer only as "
                    "localhost or 127.0.0.1 and the local network only over https, both only "
                    "for a brand whose request was fetched from its own address; "
                    "special-purpose addresses never")
        case TransportFailure.CONNECT:
            return "could not reach the brand"
        case TransportFailure.TLS:
            return "the brand's secure connection could not be verified"
        case TransportFailure.TIMEOUT:
            return "the brand took too long to answer"
        case TransportFailure.TOO_LARGE:
            return "the brand's answer is too large"
        case TransportFailure.PROTOCOL:
            return "the brand's answer is not usable"
        case _:
            assert_never(kind)


def last_attempt_words(error: str) -> str:
    """Why an outbox message's last attempt failed: a transport failure in words (its
    detail after them), anything else (the brand's answer) as it was stored."""
    kind, _, detail = error.partition(": ")
    try:
        said = transport_words(TransportFailure(kind))
    except ValueError:
        return error
    return f"{said} ({detail})" if detail else said


def tamper_words(problem: Tamper) -> str:
    match problem:
        case Tamper.EDITED:
            return "was edited"
        case Tamper.LINK_BROKEN:
            return "follows an entry that was removed, replaced or moved"
        case Tamper.MISSING:
            return "is missing"
        case _:
            assert_never(problem)


def describe(error: BaseException) -> str:
    """One line a person can act on."""
    match error:
        case WrongPassphrase():
            return "wrong passphrase"
        case WrongRecoveryCode():
            return "wrong recovery code (it has 30 letters and digits in 6 groups)"
        case WeakPassphrase(reasons=reasons):
            return "passphrase refused: " + "; ".join(weakness_words(r) for r in reasons)
        case NotAVault():
            return f"no vault at {error} (create one with 'zpv init')"
        case VaultExists():
            return f"{error} already exists and is not empty"
        case HeaderCorrupted():
            return f"the vault header is damaged or was edited ({error}); restore from a backup"
        case VaultCorrupted():
            return f"the vault database is damaged ({error}); restore from a backup"
        case UnsupportedFormat(what=what, found=found, supported=supported):
            return (
                f"this vault's {what} is format {found}, newer than this version "
                f"understands ({supported}); update Zero-Party Vault"
            )
        case VaultRolledBack(seen_seq=seen, seen_at=seen_at, found_seq=found):
            lost = (
                f"{seen - found} activity entries seen here are missing"
                if found < seen else "its history differs from the one seen here"
            )
            return (
                "this vault was replaced by an older copy: the one last opened here had "
                f"activity up to {when(seen_at)} ({lost}); if you restored it on purpose, "
                "run again with --accept-rollback"
            )
        case VaultBusy():
            return "the vault is open in another window or process; close it first"
        case VaultLocked():
            return "the vault is locked"
        case UnknownField(key=key):
            return f"unknown field '{key}' (see 'zpv fields')"
        case InvalidValue(key=key, reason=reason, detail=detail):
            words = reason.replace("_", " ")
            return f"{key}: {words}" + (f" (expected {detail})" if detail else "")
        case InvalidFieldDefinition():
            return f"custom field refused: {error} is not acceptable"
        case BackupInvalid():
            return f"not a usable backup: {error}"
        case StorageFull():
            return "the disk is full; nothing was changed"
        case RekeyFailed():
            return (
                f"the vault could not be re-encrypted ({error}); nothing was changed and "
                "your secrets are as they were"
            )
        case UnknownBrand(reference=reference, candidates=candidates):
            if candidates:
                return f"'{reference}' names several brands: {', '.join(candidates)}"
            return f"no brand '{reference}' (see 'zpv brands')"
        case BrandKeysChanged(origin=origin):
            return (
                f"{origin} now signs with other keys than the ones you trusted at first "
                "import; if you are sure the brand changed them, import again with "
                "--accept-new-keys"
            )
        case UnknownAsk():
            return f"the brand's request has no ask '{error}' (see 'zpv asks BRAND')"
        case ShareRefused(reason=reason, fields=fields):
            return share_refusal_words(reason, fields)
        case UnknownGrant():
            return f"no single grant matches '{error}' (see 'zpv grants')"
        case GrantNotActive():
            return "that grant is already revoked"
        case GrantPauseRefused(reason=reason):
            return pause_refusal_words(reason)
        case AnswerHeldByGrant(key=key, grant_ids=ids):
            return (
                f"your answer to {key} is carried by {len(ids)} active grant(s) "
                f"({ids[0][:8]}...); revoke them before forgetting it"
            )
        case UnknownQuestion(origin=origin, key=key):
            return f"{origin} asks no question {key} (see 'zpv asks BRAND')"
        case FieldRequiredByGrant(key=key, grant_ids=ids):
            return (
                f"{key} is required by {len(ids)} active grant(s) ({ids[0][:8]}...); "
                "revoke them before clearing it"
            )
        case RequestInvalid(reason=reason, detail=detail):
            return f"not a valid data request: {reason.replace('_', ' ')}" + (
                f" ({detail})" if detail else ""
            )
        case LinkInvalid(reason=reason):
            return f"not a share link this app follows: {link_words(LinkProblem(reason))}"
        case ProtocolError(reason=reason, detail=detail):
            return f"{reason.replace('_', ' ')}" + (f" ({detail})" if detail else "")
        case TransportError(kind=kind, detail=detail):
            said = transport_words(kind)
            return f"{said} ({detail})" if detail else said
        case SyncNotSetUp():
            return "this vault does not sync through a folder (see 'zpv sync setup')"
        case SyncFolderInUse(folder=folder):
            return (f"{folder} already holds a synced vault (join it with 'zpv sync join'), "
                    "or this vault already syncs there")
        case SyncFileRefused(reason=reason):
            from .sync_words import refusal_words

            return f"a file in the synced folder was refused: {refusal_words(reason)}"
        case UnknownDevice(name=name):
            return f"no other device named '{name}' (see 'zpv devices')"
        case UsageError():
            return str(error)
        case VaultError():
            return str(error) or type(error).__name__
    return str(error)


def link_words(problem: LinkProblem) -> str:
    """Why a share link was refused; nothing was fetched."""
    match problem:
        case LinkProblem.NOT_TEXT | LinkProblem.BAD_QUERY:
            return "it is not written as zpd://share?request_uri=..."
        case LinkProblem.TOO_LONG:
            return "it is too long"
        case LinkProblem.WRONG_SCHEME:
            return "it is not a zpd: link"
        case LinkProblem.UNKNOWN_ACTION:
            return "the only zpd: links are zpd://share links"
        case LinkProblem.MISSING_REQUEST_URI:
            return "it names no request_uri"
        case LinkProblem.REPEATED_REQUEST_URI | LinkProblem.REPEATED_ASK:
            return "it names its request_uri or ask more than once"
        case LinkProblem.FILE_URI | LinkProblem.JAVASCRIPT_URI | LinkProblem.DATA_URI:
            return "its request_uri is not a web address"
        case LinkProblem.OTHER_SCHEME | LinkProblem.PLAIN_HTTP:
            return "its request_uri is not https (plain http only to this computer)"
        case LinkProblem.USER_INFO:
            return "its request_uri carries a user name or password"
        case LinkProblem.FRAGMENT:
            return "its request_uri has a #fragment"
        case LinkProblem.NON_ASCII_HOST:
            return "its request_uri's host is not in its xn-- form"
        case LinkProblem.BAD_REQUEST_URI:
            return "its request_uri is not a valid web address"
        case _:
            assert_never(problem)
