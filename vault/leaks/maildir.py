"""A local Maildir read as the mailbox (the demo's stand-in for an IMAP server; also any
mail a person's own delivery agent keeps in a Maildir). Read-only like the IMAP client:
files are opened for reading only, never renamed, flagged or removed, and only each
message's header is read.

Maildir has no UIDs: a message's number is its place among the folder's messages ordered by
base name (what precedes ':'; delivery agents start it with the delivery time), so the
numbers hold while mail is only added, as in the demo. The folder's UIDVALIDITY is derived
from the first message's name, so removing it starts the folder over; a message removed
from the middle shifts the numbers after it, and mail could then be missed: a Maildir that
is pruned is not watched reliably (an IMAP server keeps real UIDs)."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from .imap import FetchedHeader, FolderState, MailboxError, MailboxProblem
from .imap_wire import MAX_LITERAL

BATCH = 500


class Maildir:
    supports_idle = False

    def __init__(self, root: Path) -> None:
        self.root = root
        self._seen = -1
        self._interrupted = threading.Event()

    # -- the watcher's side --------------------------------------------------------------

    def connect(self) -> None:
        if not (self.root / "new").is_dir() or not (self.root / "cur").is_dir():
            raise MailboxError(MailboxProblem.FOLDER, "not a Maildir")
        self._interrupted.clear()

    def close(self) -> None:
        pass

    def interrupt(self) -> None:
        self._interrupted.set()

    def idle(self, seconds: float) -> bool:
        raise MailboxError(MailboxProblem.PROTOCOL, "a Maildir has no IDLE")

    def noop(self) -> bool:
        """True when mail arrived since the last scan (the watcher then scans again)."""
        if self._interrupted.is_set():
            raise MailboxError(MailboxProblem.INTERRUPTED)
        return len(self._names()) != self._seen

    # -- a scan's side -------------------------------------------------------------------

    def examine(self) -> FolderState:
        names = self._names()
        self._seen = len(names)
        return FolderState(_validity(names), len(names) + 1, len(names))

    def headers_after(self, last_uid: int, uidnext: int | None = None
                      ) -> Iterator[list[FetchedHeader]]:
        names = self._names()
        end = len(names) if uidnext is None else min(len(names), uidnext - 1)
        for start in range(last_uid, end, BATCH):
            batch = []
            for uid in range(start + 1, min(start + BATCH, end) + 1):
                header = self._header(names[uid - 1])
                if header is not None:
                    batch.append(FetchedHeader(uid, header, self._arrived(names[uid - 1])))
            yield batch

    def full_header(self, uid: int) -> bytes | None:
        names = self._names()
        return self._header(names[uid - 1]) if 0 < uid <= len(names) else None

    def _names(self) -> list[str]:
        """Every message's file, as `sub/name`, ordered by base name."""
        found = []
        for sub in ("new", "cur"):
            try:
                entries = os.listdir(self.root / sub)
            except OSError as exc:
                raise MailboxError(MailboxProblem.FOLDER, type(exc).__name__) from None
            found += [f"{sub}/{name}" for name in entries if not name.startswith(".")]
        return sorted(found, key=lambda n: (n.split("/", 1)[1].split(":", 1)[0], n))

    def _arrived(self, name: str) -> int | None:
        """When the message was delivered: its file's time, as IMAP servers on a Maildir
        (Dovecot's INTERNALDATE) read it."""
        try:
            return int(os.stat(self.root / name).st_mtime)
        except OSError:
            return None

    def _header(self, name: str) -> bytes | None:
        """The message's header (up to the first empty line); None if it is gone."""
        try:
            with open(self.root / name, "rb") as message:
                head = message.read(MAX_LITERAL)
        except FileNotFoundError:  # moved from new/ to cur/ meanwhile: read it there
            base = name.split("/", 1)[1].split(":", 1)[0]
            moved = [n for n in self._names() if n.split("/", 1)[1].startswith(base)]
            return self._header(moved[0]) if moved and moved[0] != name else None
        except OSError:
            return None
        for end in (b"\r\n\r\n", b"\n\n"):
            at = head.find(end)
            if at >= 0:
                return head[:at + len(end)]
        return head


def _validity(names: list[str]) -> int:
    """Changes when a message before the last one disappears (the numbers would shift)."""
    first = names[0].split("/", 1)[1].split(":", 1)[0] if names else ""
    return int.from_bytes(hashlib.sha256(first.encode()).digest()[:4], "big") or 1
