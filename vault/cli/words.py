"""The English words of `zpv`: errors, refusals, deliveries, where a brand lives, balances.

The core raises typed errors with reason codes; this is where they become one line a
person can act on.
"""

from __future__ import annotations

from zpd.errors import ProtocolError, RequestInvalid
from zpd.origin import AddressScope

from ..errors import (
    BackupInvalid,
    BrandKeysChanged,
    FieldRequiredByGrant,
    GrantNotActive,
    HeaderCorrupted,
    InvalidFieldDefinition,
    InvalidValue,
    NotAVault,
    RekeyFailed,
    ShareRefused,
    StorageFull,
    UnknownAsk,
    UnknownBrand,
    UnknownField,
    UnknownGrant,
    UnsupportedFormat,
    VaultBusy,
    VaultCorrupted,
    VaultError,
    VaultExists,
    VaultLocked,
    VaultRolledBack,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryCode,
)
from ..exchange.brands import Brand
from ..exchange.outbox import DeliveryStatus, DeliverySummary
from ..exchange.transport import TransportError
from ..profile import audit, passphrase_policy
from ..transparency.balance import Flag, Verdict
from .terminal import UsageError, when

WEAKNESS_WORDS = {
    passphrase_policy.TOO_SHORT: "use at least 12 characters (a few unrelated words work well)",
    passphrase_policy.COMMON: "it is one of the most common passwords",
    passphrase_policy.REPETITIVE: "it repeats too few characters",
    passphrase_policy.SEQUENCE: "it is a keyboard or alphabet run",
    passphrase_policy.LOW_VARIETY: "it is too predictable: add a word, or mix in digits",
}

SHARE_REFUSAL_WORDS = {
    "not_asked": "the brand did not ask for {0}",
    "required_left_out": "the brand requires {0}: share them, or don't share this ask",
    "no_value": "you have no value for {0}: set it first (zpv set)",
    "nothing_chosen": "nothing to share",
    "request_expired": "the brand's request has expired; import a fresh one",
    "duration": "the duration can only be shortened, to at most {0} days",
}

TRANSPORT_WORDS = {
    "refused_url": "that address is refused (https only, plain http only on this computer)",
    "refused_address": "the vault does not go where that address leads: this computer only "
    "as localhost or 127.0.0.1 and the local network only over https, both only for a brand "
    "whose request was fetched from its own address; special-purpose addresses never",
    "connect": "could not reach the brand",
    "tls": "the brand's secure connection could not be verified",
    "timeout": "the brand took too long to answer",
    "too_large": "the brand's answer is too large",
    "protocol": "the brand's answer is not usable",
}

def last_attempt_words(error: str) -> str:
    """Why an outbox message's last attempt failed: a transport failure in words (its
    detail after them), anything else (the brand's answer) as it was stored."""
    kind, _, detail = error.partition(": ")
    words = TRANSPORT_WORDS.get(kind)
    if words is None:
        return error
    return f"{words} ({detail})" if detail else words


TAMPER_WORDS = {
    audit.Tamper.EDITED: "was edited",
    audit.Tamper.LINK_BROKEN: "follows an entry that was removed, replaced or moved",
    audit.Tamper.MISSING: "is missing",
}


def describe(error: BaseException) -> str:
    """One line a person can act on."""
    match error:
        case WrongPassphrase():
            return "wrong passphrase"
        case WrongRecoveryCode():
            return "wrong recovery code (it has 30 letters and digits in 6 groups)"
        case WeakPassphrase(reasons=reasons):
            return "passphrase refused: " + "; ".join(WEAKNESS_WORDS[r] for r in reasons)
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
            return SHARE_REFUSAL_WORDS.get(reason, reason).format(", ".join(fields))
        case UnknownGrant():
            return f"no single grant matches '{error}' (see 'zpv grants')"
        case GrantNotActive():
            return "that grant is already revoked"
        case FieldRequiredByGrant(key=key, grant_ids=ids):
            return (
                f"{key} is required by {len(ids)} active grant(s) ({ids[0][:8]}...); "
                "revoke them before clearing it"
            )
        case RequestInvalid(reason=reason, detail=detail):
            return f"not a valid data request: {reason.replace('_', ' ')}" + (
                f" ({detail})" if detail else ""
            )
        case ProtocolError(reason=reason, detail=detail):
            return f"{reason.replace('_', ' ')}" + (f" ({detail})" if detail else "")
        case TransportError(kind=kind, detail=detail):
            words = TRANSPORT_WORDS.get(kind, kind)
            return f"{words} ({detail})" if detail else words
        case UsageError():
            return str(error)
        case VaultError():
            return str(error) or type(error).__name__
    return str(error)


DELIVERY_WORDS = {
    DeliveryStatus.QUEUED: "waiting to be sent",
    DeliveryStatus.DELIVERED: "delivered, no receipt",
    DeliveryStatus.CONFIRMED: "delivered, brand confirmed it stored it",
    DeliveryStatus.FAILED: "refused by the brand",
    DeliveryStatus.REVOCATION_QUEUED: "revocation waiting to be sent",
    DeliveryStatus.DELETION_CONFIRMED: "brand confirmed deletion",
    DeliveryStatus.DELETION_UNCONFIRMED: "revocation delivered, no receipt",
    DeliveryStatus.NOT_SENT: "never sent",
}


def delivery_words(summary: DeliverySummary | None) -> str:
    if summary is None:
        return "nothing to send"
    words = DELIVERY_WORDS[summary.status]
    return f"{words}: {summary.detail}" if summary.detail else words


def where_words(brand: Brand) -> str:
    """Whether the domain is verified, and where the brand lives: plain http to this
    computer is never called a secure connection."""
    if brand.home is AddressScope.LOOPBACK:
        how = "fetched from" if brand.domain_verified else "named as"
        return (f"On this computer: {how} {brand.origin}, a server running here (a demo or "
                "a test), not a brand's site on the internet.")
    if brand.home is AddressScope.LOCAL_NETWORK and brand.domain_verified:
        return (f"On the local network: fetched over a secure connection from "
                f"{brand.origin}, a server on your local network (an intranet site), not a "
                "site on the internet. The vault delivers there.")
    if brand.home is AddressScope.LOCAL_NETWORK:
        return (f"On the local network: {brand.origin} is not a site on the internet, and "
                "its request came from a file or pasted text, so the vault sends nothing "
                "there: fetch the request from that address instead. Nothing proves the "
                "request comes from it.")
    if brand.domain_verified:
        return f"Domain verified: fetched over a secure connection from {brand.origin}."
    return ("Not verified: it came from a file or pasted text, so nothing proves it is "
            f"really from {brand.origin}.")


VERDICT_WORDS = {
    Verdict.FAIR: "fair",
    Verdict.ASKS_A_LOT: "asks a lot",
    Verdict.GREEDY: "greedy",
}
FLAG_WORDS = {
    Flag.SPECIAL_CATEGORY: "special-category data (GDPR Art. 9)",
    Flag.VAGUE_PURPOSE: "vague purpose",
    Flag.LONG_RETENTION: "kept more than a year",
    Flag.TOKEN_OFFER: "little or nothing offered",
}
