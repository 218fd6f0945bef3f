"""A read-only IMAP client over TLS for watching a mailbox (RFC 3501, IDLE from RFC 2177).

On top of `imaplib`, with the care a vault takes with any server:

- TLS always, verified against the system's authorities or a given bundle; no STARTTLS,
  no plain text.
- The folder is opened with `EXAMINE` (read-only, so not even the \\Seen flag changes);
  messages are read with `BODY.PEEK[...]` and only their header; nothing is ever stored,
  copied, moved or expunged (no such command exists here).
- Every exchange has a deadline: a server that stalls or drips bytes is cut off with
  `MailboxProblem.TIMEOUT`. Lines and literals have size limits. Whatever the server
  sends, the caller sees a `MailboxError` with a reason code, never another exception.
- All reading goes through one buffer of our own (`imap_wire.py`), so waiting in IDLE with
  a short tick loses no byte, and `interrupt()` from another thread ends a wait within a
  tick without touching the socket; imaplib's in-memory command log (which would hold the
  LOGIN line) is switched off there.
"""

from __future__ import annotations

import imaplib
import re
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from typing import Literal

from ..errors import VaultError
from .imap_wire import Expired, Interrupted, Wire
from .message import SCAN_FIELDS

FETCH_BATCH = 500  # UIDs per FETCH command
CHANGES = (b"EXISTS", b"RECENT")


class MailboxProblem(StrEnum):
    CONNECT = "connect"  # no connection (refused, unreachable, unknown host)
    TLS = "tls"  # the server's certificate did not verify, or TLS failed
    LOGIN = "login"  # the server refused the user name and password
    FOLDER = "folder"  # the folder cannot be examined
    TIMEOUT = "timeout"  # the server stalled or was too slow
    PROTOCOL = "protocol"  # the server said something that is not IMAP, or too much
    CLOSED = "closed"  # the server closed the connection
    INTERRUPTED = "interrupted"  # the watch was stopped
    VAULT = "vault"  # the vault could not give or keep what a scan needs (it was locked)


class MailboxError(VaultError):
    def __init__(self, reason: MailboxProblem, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else str(reason))
        self.reason = reason
        self.detail = detail[:300]


@dataclass(frozen=True)
class MailboxAccount:
    """Where the mailbox is and how to log in (kept inside the vault)."""

    host: str
    username: str
    password: str
    port: int = 993
    folder: str = "INBOX"
    authserv_id: str = ""  # the mail server's name in Authentication-Results; "" for the top
    ca_bundle: str | None = None  # replaces the system's authorities (tests, private servers)

    def __repr__(self) -> str:  # never show the password, even in a traceback
        return f"MailboxAccount({self.username!r} at {self.host}:{self.port}/{self.folder})"


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = 15.0
    command_timeout: float = 60.0


@dataclass(frozen=True)
class FolderState:
    uidvalidity: int
    uidnext: int | None  # None when the server does not say
    exists: int


@dataclass(frozen=True)
class FetchedHeader:
    uid: int
    header: bytes
    arrived_at: int | None = None  # when the person's server took it (INTERNALDATE), if said


class Mailbox:
    """One open, logged-in, read-only connection to a folder. Use as a context manager."""

    def __init__(self, account: MailboxAccount, limits: Limits = Limits()) -> None:
        self.account = account
        self._limits = limits
        self._stop = threading.Event()
        self._wire: Wire | None = None
        self._idle_tags = 0
        self.capabilities: frozenset[str] = frozenset()

    # -- connection ---------------------------------------------------------------

    def connect(self) -> None:
        context = ssl.create_default_context(cafile=self.account.ca_bundle)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        try:
            wire = Wire(self.account.host, self.account.port, context,
                        self._limits.connect_timeout, self._limits.command_timeout, self._stop)
        except ssl.SSLError as exc:
            raise MailboxError(MailboxProblem.TLS, _reason(exc)) from None
        except (Expired, TimeoutError):
            raise MailboxError(MailboxProblem.TIMEOUT, "no greeting in time") from None
        except Interrupted:
            raise MailboxError(MailboxProblem.INTERRUPTED) from None
        except (imaplib.IMAP4.error, ValueError, UnicodeError) as exc:
            raise MailboxError(MailboxProblem.PROTOCOL, _reason(exc)) from None
        except OSError as exc:
            raise MailboxError(MailboxProblem.CONNECT, _reason(exc)) from None
        self._wire = wire
        try:
            with self._command():
                if wire.state != "AUTH":
                    try:
                        wire.login(self.account.username, self.account.password)
                    except imaplib.IMAP4.abort:
                        raise
                    except imaplib.IMAP4.error:
                        raise MailboxError(MailboxProblem.LOGIN) from None
                _, data = wire.capability()
                words = b" ".join(d for d in data if isinstance(d, bytes)).upper().split()
                self.capabilities = frozenset(w.decode("ascii", "replace") for w in words)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        wire, self._wire = self._wire, None
        if wire is None:
            return
        if not self._stop.is_set():
            try:
                with self._command(seconds=5):
                    wire.logout()
            except MailboxError:
                pass
        try:
            wire.shutdown()
        except OSError:
            pass

    def interrupt(self) -> None:
        """From any thread: the current or next wait ends (MailboxProblem.INTERRUPTED)."""
        self._stop.set()

    def __enter__(self) -> Mailbox:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def supports_idle(self) -> bool:
        return "IDLE" in self.capabilities

    # -- reading --------------------------------------------------------------------

    def examine(self) -> FolderState:
        wire = self._connected()
        with self._command():
            status, data = wire.select(_quoted(self.account.folder), readonly=True)
            if status != "OK":
                raise MailboxError(MailboxProblem.FOLDER, _reason(data))
            uidvalidity = _number(wire.response("UIDVALIDITY")[1])
            uidnext = _number(wire.response("UIDNEXT")[1])
            exists = _number(data) or 0
        if uidvalidity is None:
            raise MailboxError(MailboxProblem.PROTOCOL, "no UIDVALIDITY")
        return FolderState(uidvalidity, uidnext, exists)

    def headers_after(self, last_uid: int, uidnext: int | None = None,
                      fields: tuple[str, ...] = SCAN_FIELDS) -> Iterator[list[FetchedHeader]]:
        """Batches of the chosen header fields of every message with a UID above
        `last_uid`, in UID order."""
        if uidnext is not None:
            start = last_uid + 1
            while start < uidnext:
                end = min(start + FETCH_BATCH, uidnext) - 1
                yield self._fetch(f"{start}:{end}", fields, last_uid)
                start = end + 1
            return
        uids = self._search_after(last_uid)
        for at in range(0, len(uids), FETCH_BATCH):
            chunk = uids[at: at + FETCH_BATCH]
            yield self._fetch(",".join(str(u) for u in chunk), fields, last_uid)

    def full_header(self, uid: int) -> bytes | None:
        """The whole header of one message (for the evidence of a leak); None if gone."""
        found = self._fetch(str(uid), None, uid - 1)
        return found[0].header if found else None

    def _search_after(self, last_uid: int) -> list[int]:
        wire = self._connected()
        with self._command():
            status, data = wire.uid("SEARCH", f"UID {last_uid + 1}:*")
        if status != "OK":
            raise MailboxError(MailboxProblem.PROTOCOL, "UID SEARCH refused")
        words = b" ".join(d for d in data if isinstance(d, bytes)).split()
        try:
            # "n:*" names the last message even when its UID is below n (RFC 3501 6.4.8).
            return sorted(u for u in (int(w) for w in words) if u > last_uid)
        except ValueError:
            raise MailboxError(MailboxProblem.PROTOCOL, "UID SEARCH answer") from None

    def _fetch(self, uid_set: str, fields: tuple[str, ...] | None,
               last_uid: int) -> list[FetchedHeader]:
        wire = self._connected()
        section = (f"HEADER.FIELDS ({' '.join(f.upper() for f in fields)})" if fields
                   else "HEADER")
        with self._command():
            status, data = wire.uid("FETCH", uid_set,
                                    f"(UID INTERNALDATE BODY.PEEK[{section}])")
        if status != "OK":
            raise MailboxError(MailboxProblem.PROTOCOL, "UID FETCH refused")
        found: dict[int, FetchedHeader] = {}
        for index, item in enumerate(data):
            if not isinstance(item, tuple) or len(item) != 2:
                continue
            prefix, literal = item
            after = data[index + 1] if index + 1 < len(data) else None
            after = after if isinstance(after, bytes) else b""  # some servers say it after
            uid = _uid_in(prefix) or _uid_in(after)
            if uid is None or uid <= last_uid or not isinstance(literal, bytes):
                continue
            arrived = internal_date(prefix) or internal_date(after)
            found[uid] = FetchedHeader(uid, literal, arrived)
        return [found[uid] for uid in sorted(found)]

    # -- waiting ----------------------------------------------------------------------

    def idle(self, seconds: float) -> bool:
        """Waits in IDLE up to `seconds`; True as soon as the server reports new mail."""
        wire = self._connected()
        self._idle_tags += 1
        tag = b"ZPVIDLE%d" % self._idle_tags
        changed = False
        with self._command():
            wire.send(tag + b" IDLE\r\n")
            line = wire.readline()
            if not line.startswith(b"+"):
                if line.startswith(tag):
                    raise MailboxError(MailboxProblem.PROTOCOL, "IDLE refused")
                raise MailboxError(MailboxProblem.PROTOCOL, "no IDLE continuation")
            until = time.monotonic() + seconds
            while not changed:
                wire.deadline = until + self._limits.command_timeout
                line = wire.readline(until)
                if not line:
                    break  # the wait is over, nothing new
                changed = _announces_mail(line)
                if line.startswith(tag):
                    return changed  # the server ended IDLE itself
                if line.upper().startswith(b"* BYE"):
                    raise imaplib.IMAP4.abort("the server said BYE")
            wire.deadline = time.monotonic() + self._limits.command_timeout
            wire.send(b"DONE\r\n")
            while True:
                line = wire.readline()
                if line.startswith(tag):
                    if line[len(tag):].split()[:1] != [b"OK"]:
                        raise MailboxError(MailboxProblem.PROTOCOL, "IDLE ended with an error")
                    return changed
                changed = changed or _announces_mail(line)

    def noop(self) -> bool:
        """Asks the server for news (polling); True when it reports new mail."""
        wire = self._connected()
        with self._command():
            wire.noop()
            exists = wire.untagged_responses.pop("EXISTS", None)
            recent = wire.untagged_responses.pop("RECENT", None)
        return bool(exists or recent)

    # -- plumbing -----------------------------------------------------------------------

    def _connected(self) -> Wire:
        if self._wire is None:
            raise MailboxError(MailboxProblem.CLOSED, "not connected")
        return self._wire

    def _command(self, seconds: float | None = None) -> _Guard:
        return _Guard(self, seconds if seconds is not None else self._limits.command_timeout)

    def _lost(self) -> None:
        wire, self._wire = self._wire, None
        if wire is not None:
            try:
                wire.shutdown()
            except OSError:
                pass


class _Guard:
    """One exchange under a deadline; every failure becomes a MailboxError (and a broken
    connection is dropped, so the next call says CLOSED rather than reading garbage)."""

    def __init__(self, mailbox: Mailbox, seconds: float) -> None:
        self._mailbox = mailbox
        self._seconds = seconds

    def __enter__(self) -> None:
        wire = self._mailbox._wire
        if wire is not None:
            wire.deadline = time.monotonic() + self._seconds

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: object) -> Literal[False]:
        if error is None or isinstance(error, MailboxError):
            if isinstance(error, MailboxError) and error.reason is MailboxProblem.PROTOCOL:
                self._mailbox._lost()
            return False
        if not isinstance(error, Exception):
            return False
        problem = _problem_of(error)
        self._mailbox._lost()
        raise MailboxError(problem, _reason(error)) from None


def _problem_of(error: Exception) -> MailboxProblem:
    if isinstance(error, Interrupted):
        return MailboxProblem.INTERRUPTED
    if isinstance(error, Expired | TimeoutError):
        return MailboxProblem.TIMEOUT
    if isinstance(error, ssl.SSLError):
        return MailboxProblem.TLS
    if isinstance(error, imaplib.IMAP4.abort) and "EOF" in str(error):
        return MailboxProblem.CLOSED
    if isinstance(error, ConnectionError | BrokenPipeError):
        return MailboxProblem.CLOSED
    return MailboxProblem.PROTOCOL


_UID = re.compile(rb"\bUID (\d{1,10})\b", re.IGNORECASE)
INTERNALDATE = re.compile(
    rb'INTERNALDATE "\s?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([-+]\d{4})"',
    re.IGNORECASE)
MONTHS = [m.encode() for m in ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                                 "oct", "nov", "dec")]


def internal_date(data: bytes) -> int | None:
    """The server's arrival time of a message from a FETCH answer's INTERNALDATE
    (RFC 3501: "17-Jul-1996 02:44:25 -0700"), in seconds; None if absent or unreadable.
    Month names are IMAP's, never the locale's."""
    match = INTERNALDATE.search(data)
    if match is None:
        return None
    day, month, year, hour, minute, second, zone = match.groups()
    if month.lower() not in MONTHS:
        return None
    offset = (int(zone[1:3]) * 60 + int(zone[3:5])) * (-1 if zone[:1] == b"-" else 1)
    try:
        moment = datetime(int(year), MONTHS.index(month.lower()) + 1, int(day), int(hour),
                          int(minute), int(second), tzinfo=timezone(timedelta(minutes=offset)))
    except ValueError:
        return None
    return int(moment.timestamp())


def _uid_in(data: bytes) -> int | None:
    found = _UID.search(data)
    return int(found.group(1)) if found else None


def _announces_mail(line: bytes) -> bool:
    words = line.split()
    return len(words) >= 3 and words[0] == b"*" and words[2].upper() in CHANGES


def _number(data: object) -> int | None:
    if isinstance(data, list) and data and isinstance(data[0], bytes):
        text = data[0].strip()
        if text.isdigit() and len(text) <= 10:
            return int(text)
    return None


def _quoted(folder: str) -> str:
    if not folder.isascii() or any(ord(c) < 32 for c in folder):
        raise MailboxError(MailboxProblem.FOLDER, "folder names are plain ASCII here")
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _reason(error: object) -> str:
    text = str(error)
    return text if len(text) <= 300 else text[:297] + "..."
