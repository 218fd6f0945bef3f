"""What a call changed, as the store recorded it: views refresh from this, not from guesses.

Each low-level write marks what it touched (`mark`) inside the store's transaction; the
marks count once the transaction commits (a rolled-back one changed nothing). A caller
collects them around any call:

    with vault.tracking() as seen:
        vault.fields.set("diet", "vegan")
    seen.changes  # Changes.FIELDS | Changes.AUDIT, and GRANTS | OUTBOX if a grant shares it

Marks and collectors live in context variables: each thread collects only its own calls,
so two threads' calls never mix, and a collector sees only the store it was opened on.
Cheap to import (the app's first window needs it before the rest of the vault loads).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import Flag


class Changes(Flag):
    """Kinds of data a write touched."""

    NONE = 0
    FIELDS = 1  # values, their history, custom field definitions
    BRANDS = 2  # brands, their pinned keys, their requests
    GRANTS = 4  # grants, their versions and status, the tokens issued for them
    OUTBOX = 8  # messages waiting, attempts, deliveries and receipts
    AUDIT = 16  # the activity log
    SETTINGS = 32  # settings kept in the vault (email aliases on or off)
    ALIASES = 64  # the email aliases given to brands
    SECRETS = 128  # the data key, the passphrase or the recovery code (a re-key)
    ALL = 255


class Seen:
    """What the calls in a `tracking` block changed, so far."""

    def __init__(self, store: object) -> None:
        self.store = store
        self.changes = Changes.NONE


class _Pending:
    def __init__(self) -> None:
        self.changes = Changes.NONE


_pending: ContextVar[_Pending | None] = ContextVar("zpv_pending_changes", default=None)
_collectors: ContextVar[tuple[Seen, ...]] = ContextVar("zpv_change_collectors", default=())


def mark(what: Changes) -> None:
    """Note a change in the transaction in progress (outside one, nothing is noted)."""
    pending = _pending.get()
    if pending is not None:
        pending.changes |= what


@contextmanager
def pending() -> Iterator[_Pending]:
    """The store's scope for one transaction's marks; it publishes them after the commit."""
    marks = _Pending()
    token = _pending.set(marks)
    try:
        yield marks
    finally:
        _pending.reset(token)


def publish(store: object, what: Changes) -> None:
    """Hand committed changes of `store` to this thread's collectors of that store."""
    if what:
        for seen in _collectors.get():
            if seen.store is store:
                seen.changes |= what


@contextmanager
def tracking(store: object) -> Iterator[Seen]:
    """Collect what this thread's calls change in `store` while the block runs."""
    seen = Seen(store)
    token = _collectors.set((*_collectors.get(), seen))
    try:
        yield seen
    finally:
        _collectors.reset(token)
