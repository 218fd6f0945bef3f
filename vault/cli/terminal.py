"""What the `zpv` command line says: secrets from prompt, file or environment; words for
errors; and the one way out to the terminal, which reveals hidden characters."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from zpd.errors import ProtocolError, RequestInvalid
from zpd.fieldtypes import JsonValue
from zpd.text import is_hidden, reveal

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
    WrongCredentials,
    WrongPassphrase,
    WrongRecoveryCode,
)
from ..exchange.outbox import DeliveryStatus, DeliverySummary
from ..exchange.transport import TransportError
from ..profile import audit, passphrase_policy

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_WRONG_SECRET = 3
EXIT_DAMAGED = 4


class UsageError(Exception):
    """The command line cannot be carried out as given (exit code 2)."""


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


def exit_code_for(error: BaseException) -> int:
    if isinstance(error, WrongCredentials):
        return EXIT_WRONG_SECRET
    if isinstance(
        error,
        NotAVault | HeaderCorrupted | VaultCorrupted | UnsupportedFormat | BackupInvalid
        | VaultRolledBack,
    ):
        return EXIT_DAMAGED
    if isinstance(error, UsageError):
        return EXIT_USAGE
    return EXIT_ERROR


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


class SecretSource:
    """Where secrets come from: a file, the environment, or an interactive prompt."""

    def __init__(
        self,
        passphrase_file: Path | None,
        *,
        env: dict[str, str] | None = None,
        prompt: Callable[[str], str] = getpass.getpass,
    ) -> None:
        self._file = passphrase_file
        self._env = os.environ if env is None else env
        self._prompt = prompt

    def passphrase(self, label: str = "Passphrase: ") -> str:
        if self._file is not None:
            return _first_line(self._file)
        if "ZPV_PASSPHRASE" in self._env:
            return self._env["ZPV_PASSPHRASE"]
        return self._ask(label, "--passphrase-file or ZPV_PASSPHRASE")

    def new_passphrase(self, new_file: Path | None, *, env_name: str) -> str:
        if new_file is not None:
            return _first_line(new_file)
        if env_name in self._env:
            return self._env[env_name]
        first = self._ask("New passphrase: ", f"a file option or {env_name}")
        if self._prompt("Repeat it: ") != first:
            raise UsageError("the two passphrases differ; nothing was changed")
        return first

    def recovery_code(self, code_file: Path | None) -> str:
        if code_file is not None:
            return _first_line(code_file)
        if "ZPV_RECOVERY_CODE" in self._env:
            return self._env["ZPV_RECOVERY_CODE"]
        return self._ask("Recovery code: ", "--recovery-code-file or ZPV_RECOVERY_CODE")

    def _ask(self, label: str, alternative: str) -> str:
        if not sys.stdin.isatty():
            raise UsageError(f"no terminal to ask for the secret; use {alternative}")
        return self._prompt(label)


MAX_VALUE_CHARACTERS = 64 * 1024


def value_from(value: str | None, value_file: str | None) -> str:
    """A field's value as given: on the command line, `-` for standard input, or a file.

    The last two keep a personal value out of the argument list, which other users of the
    computer can read (`ps`). One final line ending is dropped (`echo 42 | zpv set ... -`)."""
    if value is not None and value_file is not None:
        raise UsageError("give the value or --value-file, not both")
    if value_file is not None:
        try:
            with open(value_file, encoding="utf-8") as handle:
                text = handle.read(MAX_VALUE_CHARACTERS + 1)
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read {value_file}: {exc}") from None
    elif value == "-":
        try:
            text = sys.stdin.read(MAX_VALUE_CHARACTERS + 1)
        except UnicodeDecodeError:
            raise UsageError("standard input is not UTF-8 text") from None
    elif value is None:
        raise UsageError("give a value, - to read it from standard input, or --value-file FILE")
    else:
        return value
    if len(text) > MAX_VALUE_CHARACTERS:
        raise UsageError(f"the value is longer than {MAX_VALUE_CHARACTERS} characters")
    return text.removesuffix("\n").removesuffix("\r")


def _first_line(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    return text.splitlines()[0] if text else ""


def when(timestamp: int | None) -> str:
    if timestamp is None:
        return ""
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")


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


def show_value(value: JsonValue | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def print_json(document: object) -> None:
    """JSON on stdout; hidden characters stay data, written as \\u escapes (a terminal
    never receives them raw, and a program reading the JSON gets the same string)."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    sys.stdout.write("".join(_json_escape(ch) if is_hidden(ch) else ch for ch in text) + "\n")


def _json_escape(ch: str) -> str:
    # Every hidden character sits inside a JSON string: the structure itself is ASCII.
    units = ch.encode("utf-16-be", "surrogatepass")
    return "".join(f"\\u{units[i]:02x}{units[i + 1]:02x}" for i in range(0, len(units), 2))


class RevealingStream:
    """A text stream that reveals every hidden character written to it (zpd.text.reveal):
    a brand's name cannot clear the screen, set the clipboard (OSC 52) or reverse a line."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(reveal(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, encoding, isatty, fileno...
        return getattr(self._stream, name)


@contextmanager
def revealing_output() -> Iterator[None]:
    """Everything the command line prints in this block, to stdout or stderr, whoever
    prints it, goes through `reveal`."""
    saved = sys.stdout, sys.stderr
    sys.stdout = RevealingStream(saved[0])
    sys.stderr = RevealingStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
