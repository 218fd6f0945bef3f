"""Typed errors raised by the vault core, and the reason codes they carry.

The core never words messages for people; the CLI (vault/cli/words.py) and the UI
turn these types and their `StrEnum` codes into text. Each error carries enough detail
(as attributes) to say what went wrong and what the person can do about it.
"""

from __future__ import annotations

from enum import StrEnum

# Raised through the vault too, so callers can import every error from here.
from zpd.errors import InvalidValue as InvalidValue
from zpd.errors import ProtocolError as ProtocolError


class Weakness(StrEnum):
    """Why a new passphrase was refused."""

    TOO_SHORT = "too_short"
    COMMON = "common"
    REPETITIVE = "repetitive"
    SEQUENCE = "sequence"
    LOW_VARIETY = "low_variety"


class RollbackReason(StrEnum):
    OLDER = "older"  # entries seen here are missing
    DIVERGED = "diverged"  # another line of history than the one seen here


class DefinitionProblem(StrEnum):
    """What is wrong with a custom field definition."""

    KEY = "key"
    LABEL = "label"
    CHOICES = "choices"
    EXISTS = "exists"


class ShareRefusal(StrEnum):
    """Why a share cannot be made as asked."""

    NOT_ASKED = "not_asked"  # a field the ask does not name
    REQUIRED_LEFT_OUT = "required_left_out"
    NO_VALUE = "no_value"  # a chosen field has no value
    NOTHING_CHOSEN = "nothing_chosen"
    REQUEST_EXPIRED = "request_expired"
    DURATION = "duration"  # longer than the ask allows, or under a day
    ANSWER_DOES_NOT_FIT = "answer_does_not_fit"  # a saved answer no longer fits its question


class PauseRefusal(StrEnum):
    """Why a grant cannot be paused or resumed."""

    REVOKED = "revoked"
    EXPIRED = "expired"
    ALREADY_PAUSED = "already_paused"
    NOT_PAUSED = "not_paused"  # a resume of a grant that is not paused


class TransportFailure(StrEnum):
    """How an exchange with a brand failed before a complete answer."""

    REFUSED_URL = "refused_url"  # not https (plain http to this computer only), or malformed
    REFUSED_ADDRESS = "refused_address"  # where the vault does not connect
    CONNECT = "connect"
    TLS = "tls"
    TIMEOUT = "timeout"
    TOO_LARGE = "too_large"
    PROTOCOL = "protocol"  # an answer that is not HTTP, or not what was asked for


class SyncRefusal(StrEnum):
    """Why a file in the synced folder was refused (see docs/sync.md)."""

    TAMPERED = "tampered"  # a byte changed: the AEAD or the device's signature fails
    WRONG_VAULT = "wrong_vault"  # sealed for another vault
    UNKNOWN_DEVICE = "unknown_device"  # signed by a key not in the device set
    REMOVED_DEVICE = "removed_device"  # a removed device's file past its cut-off
    FORKED = "forked"  # a second, different file for a counter already seen
    REPLAYED = "replayed"  # an old file put back, or one whose chain link does not hold
    UNSUPPORTED = "unsupported"  # a format this version does not read
    # Sealed under a key this device does not hold: another vault's file, or a change of
    # key (a device removed) this device has not seen yet, or one it was left out of.
    UNKNOWN_EPOCH = "unknown_epoch"


class VaultError(Exception):
    """Base of every error the vault raises on purpose."""


class WrongCredentials(VaultError):
    """The secret given does not open this vault."""


class WrongPassphrase(WrongCredentials):
    """The passphrase does not unwrap the data key."""


class WrongRecoveryCode(WrongCredentials):
    """The recovery code does not unwrap the data key (or is not well formed)."""


class WeakPassphrase(VaultError):
    """A new passphrase was refused; `reasons` are codes the UI and the CLI word."""

    def __init__(self, reasons: list[Weakness]) -> None:
        super().__init__(", ".join(reasons))
        self.reasons = reasons


class NotAVault(VaultError):
    """The directory holds no vault."""


class VaultExists(VaultError):
    """A vault (or other files) already occupies the directory."""


class HeaderCorrupted(VaultError):
    """The header beside the database is damaged or was edited."""


class VaultCorrupted(VaultError):
    """The encrypted database is damaged or fails an integrity check."""


class UnsupportedFormat(VaultError):
    """The vault was written by a newer version of this app."""

    def __init__(self, what: str, found: int, supported: int) -> None:
        super().__init__(f"{what} version {found} is newer than {supported}")
        self.what = what
        self.found = found
        self.supported = supported


class VaultRolledBack(VaultError):
    """The vault directory holds an older copy of the vault than this computer saw there.

    `reason` says how it differs from what was seen here. `seen_seq`/`seen_at` are the last activity
    entry seen here and its time; `found_seq`/`found_at` the last one in the vault now.
    Open it deliberately (after restoring a backup on purpose) with
    `Vault.unlock(..., accept_rollback=True)`.
    """

    def __init__(
        self, reason: RollbackReason, seen_seq: int, seen_at: int, found_seq: int,
        found_at: int,
    ) -> None:
        super().__init__(f"{reason}: activity entry {found_seq} found, {seen_seq} seen")
        self.reason = reason
        self.seen_seq = seen_seq
        self.seen_at = seen_at
        self.found_seq = found_seq
        self.found_at = found_at


class VaultBusy(VaultError):
    """Another process has this vault open."""


class VaultLocked(VaultError):
    """The operation needs an unlocked vault."""


class UnknownField(VaultError):
    """No field with that key is in the catalogue or among custom fields."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class InvalidFieldDefinition(VaultError):
    """A custom field definition is not acceptable; `problem` says what."""

    def __init__(self, problem: DefinitionProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class BackupInvalid(VaultError):
    """A backup file is damaged, truncated, or not a backup of this format."""


class RekeyFailed(VaultError):
    """The database could not be re-encrypted under a new key; it is unchanged, and the
    secrets that opened it before still do."""


class StorageFull(VaultError):
    """The disk refused a write; nothing was changed."""


class UnknownBrand(VaultError):
    """No imported brand matches; `candidates` lists names when a prefix was ambiguous."""

    def __init__(self, reference: str, candidates: list[str] | None = None) -> None:
        super().__init__(reference)
        self.reference = reference
        self.candidates = candidates or []


class BrandKeysChanged(VaultError):
    """A request is signed with other keys than the ones pinned for its brand."""

    def __init__(self, origin: str, pinned: tuple[str, str], offered: tuple[str, str]) -> None:
        super().__init__(origin)
        self.origin = origin
        self.pinned = pinned
        self.offered = offered


class UnknownAsk(VaultError):
    """The brand's latest request has no ask with that id."""


class UnknownQuestion(VaultError):
    """The brand asks no question with that key (in its latest request), and the person
    kept no answer to one."""

    def __init__(self, origin: str, key: str) -> None:
        super().__init__(f"{origin}: {key}")
        self.origin = origin
        self.key = key


class ShareRefused(VaultError):
    """A share cannot be made as asked; `reason` says why, `fields` the fields concerned."""

    def __init__(self, reason: ShareRefusal, fields: list[str] | None = None) -> None:
        super().__init__(reason + (f": {', '.join(fields)}" if fields else ""))
        self.reason = reason
        self.fields = fields or []


class UnknownGrant(VaultError):
    """No grant matches (or a prefix matches several)."""


class GrantNotActive(VaultError):
    """The grant was already revoked."""


class GrantPauseRefused(VaultError):
    """A pause or a resume that cannot be made: the grant ended, or is (not) paused."""

    def __init__(self, grant_id: str, reason: PauseRefusal) -> None:
        super().__init__(f"{grant_id}: {reason}")
        self.grant_id = grant_id
        self.reason = reason


class FieldRequiredByGrant(VaultError):
    """Clearing this field would break an active grant that requires it; revoke first."""

    def __init__(self, key: str, grant_ids: list[str]) -> None:
        super().__init__(f"{key}: {', '.join(grant_ids)}")
        self.key = key
        self.grant_ids = grant_ids


class AnswerHeldByGrant(FieldRequiredByGrant):
    """An answer cannot be forgotten while an active grant carries it to its brand; revoke
    those grants first (or let them end)."""

    def __init__(self, origin: str, key: str, grant_ids: list[str]) -> None:
        super().__init__(key, grant_ids)
        self.origin = origin


class TokenTooLongForQr(VaultError):
    """A share token holds more than one QR code can carry; hand it over as a file instead."""

    def __init__(self, length: int, limit: int) -> None:
        super().__init__(f"{length} bytes, a QR code holds at most {limit}")
        self.length = length
        self.limit = limit


class TransportError(Exception):
    """The exchange failed before a complete response; `kind` says how.

    `may_have_reached` is False only when no connection to the server was ever made
    (refused, unreachable, or TLS not verified), so not a byte of the request left. The
    kind alone does not say so: CONNECT is also a server that read the whole request
    and then closed the connection without answering. Not a VaultError: the network's,
    not the vault's."""

    def __init__(self, kind: TransportFailure, detail: str = "") -> None:
        super().__init__(f"{kind.value}: {detail}" if detail else kind.value)
        self.kind = kind
        self.detail = detail
        self.may_have_reached = True


class SyncNotSetUp(VaultError):
    """This vault does not sync through a folder (`zpv sync setup` first)."""


class SyncFolderInUse(VaultError):
    """The folder already holds a synced vault (join it instead), or this vault already
    syncs (with `folder` the one in use)."""

    def __init__(self, folder: str) -> None:
        super().__init__(folder)
        self.folder = folder


class SyncFileRefused(VaultError):
    """A file in the synced folder that is not applied, and why."""

    def __init__(self, reason: SyncRefusal, name: str = "") -> None:
        super().__init__(f"{reason.value}: {name}" if name else reason.value)
        self.reason = reason
        self.name = name


class UnknownDevice(VaultError):
    """No device of the set has this name (or it is this device)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name
