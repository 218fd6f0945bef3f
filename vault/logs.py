"""Where the vault's log lines go: the app's rotating file, or a command line's stderr.

The desktop app logs to `zpv.log` in the platform's log folder (`$ZPV_LOG_DIR` instead,
when set), rotated at LOG_BYTES with LOG_FILES kept; `zpv -v` logs to stderr (`-vv` for
DEBUG). No line holds a secret, a value or a token: the code logs what happened (a kind
of message, a brand's origin, a grant id cut to GRANT_ID_CHARS characters, an outcome, a
count), never a message's body, a person's value, a key or a passphrase.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
from pathlib import Path

LOG_ENV = "ZPV_LOG_DIR"
LOG_NAME = "zpv.log"
LOG_BYTES = 1024 * 1024
LOG_FILES = 3
GRANT_ID_CHARS = 8
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_installed: list[logging.Handler] = []


def log_dir() -> Path:
    override = os.environ.get(LOG_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_log_dir("zero-party-vault", appauthor=False))


def short_id(grant_id: str) -> str:
    """A grant id as a log line may name it: its first characters, enough to tell grants
    apart in one person's log, too few to follow one across brands' records."""
    return grant_id[:GRANT_ID_CHARS]


def level_for(verbosity: int) -> int:
    """1 (-v): what happened; 2 or more (-vv): everything."""
    return logging.INFO if verbosity <= 1 else logging.DEBUG


def to_file(level: int = logging.INFO, directory: Path | None = None) -> Path | None:
    """Log to the rotating file (created private); returns its path, or None when it cannot
    be opened (the app runs on without a log, as it did before)."""
    folder = log_dir() if directory is None else directory
    path = folder / LOG_NAME
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler = _PrivateRotatingFile(
            path, maxBytes=LOG_BYTES, backupCount=LOG_FILES, encoding="utf-8")
    except OSError:
        return None
    _install(handler, level)
    return path


class _PrivateRotatingFile(logging.handlers.RotatingFileHandler):
    """Each file created mode 0600: the log names the brands a person deals with."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


def to_stderr(verbosity: int) -> None:
    """Log to standard error at the level the `-v`s ask for; without one, not at all (a
    command says what went wrong in its own words, one line)."""
    import sys

    if verbosity <= 0:
        _install(logging.NullHandler(), logging.WARNING)
    else:
        _install(logging.StreamHandler(sys.stderr), level_for(verbosity))


def _install(handler: logging.Handler, level: int) -> None:
    """One handler of ours at a time on the root logger (a second call replaces it)."""
    root = logging.getLogger()
    for old in _installed:
        root.removeHandler(old)
        old.close()
    _installed.clear()
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    root.addHandler(handler)
    root.setLevel(level)
    _installed.append(handler)
