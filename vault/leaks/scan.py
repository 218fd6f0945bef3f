"""One pass over a mailbox: the messages that arrived since the last pass, each one to a
known alias judged (vault/leaks/verdict.py).

Only new mail is read: the position is the folder's UIDVALIDITY and the highest UID seen.
When the server reports another UIDVALIDITY (the folder was rebuilt, its UIDs renumbered),
the whole folder is read again; a sighting's fingerprint (its Message-ID, else a hash of
its header) lets the caller recognise mail it already judged.

Mail to an alias the person closed (vault/exchange/aliases.py) is a leak when it came
after the close (`came_after`), whoever sent it: the brand was told to forget the address."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Protocol

from .authresults import authenticated
from .imap import FetchedHeader, FolderState
from .message import MessageHeaders, read_headers
from .verdict import BrandSenders, Judgement, Verdict, judge

LATE_DELIVERY = 2 * 86400  # mail servers retry for days; two cover nearly every delay


class MailSource(Protocol):
    """What a scan reads: vault/leaks/imap.py's Mailbox, or a local Maildir."""

    def examine(self) -> FolderState: ...

    def headers_after(self, last_uid: int, uidnext: int | None = None) -> Iterator[
        list[FetchedHeader]]: ...

    def full_header(self, uid: int) -> bytes | None: ...


@dataclass(frozen=True)
class Canary:
    """An alias given to one brand (with the grant that carried it, when known)."""

    alias: str
    senders: BrandSenders
    grant_id: str | None = None
    closed_at: int | None = None  # the person closed it: all mail from then on is a leak

    @property
    def brand_origin(self) -> str:
        return self.senders.origin


@dataclass(frozen=True)
class Position:
    uidvalidity: int
    last_uid: int


@dataclass(frozen=True)
class Sighting:
    """A message to an alias, and the judgement on its sender."""

    uid: int
    canary: Canary
    verdict: Verdict
    headers: MessageHeaders
    fingerprint: str
    full_header: bytes | None  # leaks only: the whole header, for the evidence
    arrived_at: int | None = None  # when the person's server took it, if it says

    @property
    def received_at(self) -> int | None:
        """When it reached the person: the server's word, else the message's own Date."""
        return self.arrived_at if self.arrived_at is not None else self.headers.date


@dataclass(frozen=True)
class ScanResult:
    position: Position
    sightings: tuple[Sighting, ...]
    messages_read: int
    renumbered: bool  # UIDVALIDITY changed since the last position: all was read again

    @property
    def leaks(self) -> tuple[Sighting, ...]:
        return tuple(s for s in self.sightings if s.verdict.judgement is Judgement.LEAK)


def scan(source: MailSource, position: Position | None, canaries: Mapping[str, Canary],
         trusted_authserv_id: str = "") -> ScanResult:
    """`canaries` by lower-case alias."""
    folder = source.examine()
    renumbered = position is not None and position.uidvalidity != folder.uidvalidity
    last_uid = position.last_uid if position is not None and not renumbered else 0
    sightings: list[Sighting] = []
    read = 0
    highest = last_uid
    for batch in source.headers_after(last_uid, folder.uidnext):
        for fetched in batch:
            read += 1
            highest = max(highest, fetched.uid)
            sightings.extend(_judged(source, fetched, canaries, trusted_authserv_id))
    return ScanResult(Position(folder.uidvalidity, highest), tuple(sightings), read, renumbered)


def _judged(source: MailSource, fetched: FetchedHeader, canaries: Mapping[str, Canary],
            trusted_authserv_id: str) -> list[Sighting]:
    headers = read_headers(fetched.header)
    hits = sorted(a for a in headers.recipients if a in canaries)
    if not hits:
        return []
    checked = authenticated(list(headers.authentication_results), trusted_authserv_id or None)
    fingerprint = headers.message_id or "sha256:" + hashlib.sha256(fetched.header).hexdigest()
    found = []
    full: bytes | None = None
    for alias in hits:
        canary = canaries[alias]
        verdict = judge(headers.from_address, checked, canary.senders)
        if canary.closed_at is not None and came_after(fetched, headers, canary.closed_at):
            verdict = replace(verdict, judgement=Judgement.LEAK, after_close=True)
        if verdict.judgement is Judgement.LEAK and full is None:
            full = source.full_header(fetched.uid) or fetched.header
        found.append(Sighting(fetched.uid, canary, verdict, headers, fingerprint,
                              full if verdict.judgement is Judgement.LEAK else None,
                              fetched.arrived_at))
    return found


def came_after(fetched: FetchedHeader, headers: MessageHeaders, closed_at: int) -> bool:
    """Whether a message to a closed alias came after the close.

    The person's own server says when it took the message (IMAP's INTERNALDATE, a
    Maildir file's time); the sender writes the Date field and can backdate it. So mail
    that arrived before the close never counts, and mail that arrived after it counts
    unless its Date is before the close and it arrived within LATE_DELIVERY of the close
    (sent before, held up on the way). Without an arrival time, the Date decides, and a
    message without either is taken as sent after the close (it is read after it)."""
    arrived = fetched.arrived_at
    if arrived is None:
        return headers.date is None or headers.date >= closed_at
    if arrived < closed_at:
        return False
    dated_before = headers.date is not None and headers.date < closed_at
    return not (dated_before and arrived - closed_at <= LATE_DELIVERY)
