"""Paging through the activity log, newest first, for one or more action prefixes.

The vault pages one prefix at a time (`audit_log(action_prefix=, limit=, offset=)`);
a filter such as "brands" spans two prefixes, so their pages are merged by
sequence number. These functions run off the GUI thread inside `session.call`;
a Feed is an immutable snapshot, so a stale result can simply be dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from vault.errors import UnknownBrand, UnknownField, UnknownGrant
from vault.profile.audit import AuditEntry
from vault.profile.fields import CUSTOM_PREFIX
from vault.vault import Vault

from ..words.activity import SharedWith

PAGE_SIZE = 200


@dataclass(frozen=True)
class Cursor:
    prefix: str
    offset: int = 0  # entries of this prefix read from the vault so far
    buffer: tuple[AuditEntry, ...] = ()  # read, not yet shown
    done: bool = False  # the vault has no older entries for this prefix


@dataclass(frozen=True)
class Feed:
    cursors: tuple[Cursor, ...]
    oldest_shown: int | None = None  # sequence number of the last row shown
    newest_shown: int | None = None

    @classmethod
    def start(cls, prefixes: tuple[str, ...]) -> Feed:
        return cls(tuple(Cursor(p) for p in prefixes))

    @property
    def exhausted(self) -> bool:
        return all(c.done and not c.buffer for c in self.cursors)


@dataclass(frozen=True)
class Page:
    entries: list[AuditEntry]
    feed: Feed
    custom_labels: dict[str, str]
    shares: dict[str, SharedWith] = field(default_factory=dict)  # by grant id


def read_older(vault: Vault, feed: Feed, limit: int = PAGE_SIZE) -> Page:
    """The next `limit` entries below what is shown, newest first."""
    cursors = list(feed.cursors)
    oldest = feed.oldest_shown
    entries: list[AuditEntry] = []
    while len(entries) < limit:
        for i, cursor in enumerate(cursors):
            if not cursor.buffer and not cursor.done:
                got = vault.audit.entries(action_prefix=cursor.prefix, limit=limit,
                                          offset=cursor.offset)
                cursors[i] = Cursor(cursor.prefix, cursor.offset + len(got), tuple(got),
                                    len(got) < limit)
        live = [i for i, c in enumerate(cursors) if c.buffer]
        if not live:
            break
        i = max(live, key=lambda j: cursors[j].buffer[0].seq)
        entry = cursors[i].buffer[0]
        cursors[i] = replace(cursors[i], buffer=cursors[i].buffer[1:])
        if oldest is not None and entry.seq >= oldest:
            continue  # seen already: newer entries shifted the offsets meanwhile
        entries.append(entry)
        oldest = entry.seq
    newest = feed.newest_shown
    if entries and newest is None:
        newest = entries[0].seq
    new_feed = Feed(tuple(cursors), oldest, newest)
    return Page(entries, new_feed, custom_labels(vault, entries), shared_with(vault, entries))


def read_newer(vault: Vault, feed: Feed, limit: int = PAGE_SIZE) -> Page | None:
    """Entries added above what is shown, newest first; None when too many to splice in."""
    newest = feed.newest_shown or 0
    fresh: list[AuditEntry] = []
    cursors = list(feed.cursors)
    for i, cursor in enumerate(cursors):
        got = [e for e in vault.audit.entries(action_prefix=cursor.prefix, limit=limit)
               if e.seq > newest]
        if len(got) >= limit:
            return None
        fresh.extend(got)
        cursors[i] = replace(cursor, offset=cursor.offset + len(got))
    fresh.sort(key=lambda e: e.seq, reverse=True)
    if not fresh:
        return Page([], feed, {})
    oldest = feed.oldest_shown if feed.oldest_shown is not None else fresh[-1].seq
    new_feed = Feed(tuple(cursors), oldest, fresh[0].seq)
    return Page(fresh, new_feed, custom_labels(vault, fresh), shared_with(vault, fresh))


def custom_labels(vault: Vault, entries: list[AuditEntry]) -> dict[str, str]:
    """Names of the person's own fields mentioned in these entries (catalogue ones are known)."""
    keys = {str(e.details.get("field")) for e in entries
            if str(e.details.get("field", "")).startswith(CUSTOM_PREFIX)}
    labels = {}
    for key in keys:
        try:
            labels[key] = vault.fields.definition(key).label
        except UnknownField:
            pass
    return labels


def shared_with(vault: Vault, entries: list[AuditEntry]) -> dict[str, SharedWith]:
    """The brand behind each share these entries mention, so a row names the brand rather
    than the share's id; a share or brand no longer in the vault is left out."""
    found: dict[str, SharedWith] = {}
    names: dict[str, str] = {}
    for grant_id in {str(e.details["grant"]) for e in entries if e.details.get("grant")}:
        try:
            origin = vault.grants.get(grant_id).brand_origin
            if origin not in names:
                names[origin] = vault.brands.get(origin).name
        except (UnknownGrant, UnknownBrand):
            continue
        found[grant_id] = SharedWith(names[origin], origin)
    return found


def entry_by_seq(vault: Vault, seq: int) -> AuditEntry | None:
    """One entry as stored now (newest first, so its offset is how many came after it)."""
    newest = vault.audit.entries(limit=1)
    if not newest or newest[0].seq < seq:
        return None
    found = vault.audit.entries(limit=1, offset=newest[0].seq - seq)
    return found[0] if found and found[0].seq == seq else None
