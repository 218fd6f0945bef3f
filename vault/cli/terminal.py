"""The `zpv` command line's terminal: exit codes, secrets and values from prompt, file or
environment, and the one way out to the terminal, which reveals hidden characters."""

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

from zpd.fieldtypes import JsonValue
from zpd.text import decodable, is_hidden, reveal

from ..errors import (
    BackupInvalid,
    HeaderCorrupted,
    NotAVault,
    UnsupportedFormat,
    VaultCorrupted,
    VaultRolledBack,
    WrongCredentials,
)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_WRONG_SECRET = 3
EXIT_DAMAGED = 4


class UsageError(Exception):
    """The command line cannot be carried out as given (exit code 2)."""


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
            return _text(self._env["ZPV_PASSPHRASE"], "ZPV_PASSPHRASE")
        return _text(self._ask(label, "--passphrase-file or ZPV_PASSPHRASE"), "the passphrase")

    def new_passphrase(self, new_file: Path | None, *, env_name: str) -> str:
        if new_file is not None:
            return _first_line(new_file)
        if env_name in self._env:
            return _text(self._env[env_name], env_name)
        first = _text(self._ask("New passphrase: ", f"a file option or {env_name}"),
                      "the passphrase")
        if self._prompt("Repeat it: ") != first:
            raise UsageError("the two passphrases differ; nothing was changed")
        return first

    def recovery_code(self, code_file: Path | None) -> str:
        if code_file is not None:
            return _first_line(code_file)
        if "ZPV_RECOVERY_CODE" in self._env:
            return _text(self._env["ZPV_RECOVERY_CODE"], "ZPV_RECOVERY_CODE")
        return _text(self._ask("Recovery code: ", "--recovery-code-file or ZPV_RECOVERY_CODE"),
                     "the recovery code")

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
        text = read_stdin(MAX_VALUE_CHARACTERS + 1)
    elif value is None:
        raise UsageError("give a value, - to read it from standard input, or --value-file FILE")
    else:
        return value
    if len(text) > MAX_VALUE_CHARACTERS:
        raise UsageError(f"the value is longer than {MAX_VALUE_CHARACTERS} characters")
    return text.removesuffix("\n").removesuffix("\r")


def read_stdin(limit: int) -> str:
    """At most `limit` characters of standard input; UsageError if they are not UTF-8 (a
    strict decoder raises, Python's surrogateescape under the C locale hands them over)."""
    try:
        return _text(sys.stdin.read(limit), "standard input")
    except UnicodeDecodeError:
        raise UsageError("standard input is not UTF-8 text; nothing was changed") from None


def _first_line(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path} is not UTF-8 text") from None
    return text.splitlines()[0] if text else ""


def _text(text: str, what: str) -> str:
    """`text`, if it is Unicode: a terminal, the environment or standard input hand over a
    byte that is not UTF-8 as a lone surrogate, which cannot be encoded again."""
    if not decodable(text):
        raise UsageError(f"{what} is not UTF-8 text; nothing was changed")
    return text


def when(timestamp: int | None) -> str:
    if timestamp is None:
        return ""
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")


def show_value(value: JsonValue | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def say(text: str = "") -> None:
    """Print a line for people (revealing_output reveals any hidden character)."""
    print(text)


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
