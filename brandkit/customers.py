"""What the brand holds about each customer (pseudonym), per grant: a read-only view.

Read from a storage one consistent transaction at a time: one customer, a page
in pseudonym order, every customer page by page, or the most recent ones (the
receiver's web page). `to_json` is the form `zpv-brand customers --json` prints.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from zpd.errors import ProtocolError
from zpd.request import read_verified

from .storage import GrantRecord, GrantState, Storage, Transaction


@dataclass(frozen=True)
class CustomerGrant:
    grant_id: str
    version: int
    status: GrantState
    ask_id: str | None
    purpose_iri: str | None
    purpose_description: str | None
    fields: dict[str, Any]  # empty once revoked
    expires_at: int | None
    retention_days: int | None
    received_at: int
    updated_at: int
    revoked_at: int | None
    paused_at: int | None = None
    reference: str | None = None  # the brand's own name for the visit it was given in
    # The brand's own questions the grant's fields answer: `q:` key -> label as asked.
    questions: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_record(
        cls, record: GrantRecord, now: int, reference: str | None = None,
        questions: dict[str, str] | None = None,
    ) -> CustomerGrant:
        return cls(
            grant_id=record.grant_id,
            version=record.version,
            status=record.status_at(now),
            ask_id=record.ask_id,
            purpose_iri=record.purpose_iri,
            purpose_description=record.purpose_description,
            fields=dict(record.data or {}),
            expires_at=record.expires_at,
            retention_days=record.retention_days,
            received_at=record.received_at,
            updated_at=record.updated_at,
            revoked_at=record.revoked_at,
            paused_at=record.paused_at if record.status is GrantState.ACTIVE else None,
            reference=reference,
            questions={k: v for k, v in (questions or {}).items() if k in (record.data or {})},
        )

    def label(self, key: str) -> str | None:
        """The question's label for an answer (None for a catalogue field)."""
        return self.questions.get(key)

    def to_json(self) -> dict[str, Any]:
        return {
            "grant_id": self.grant_id,
            "version": self.version,
            "status": self.status,
            "ask": self.ask_id,
            "purpose": {"iri": self.purpose_iri, "description": self.purpose_description},
            "fields": self.fields,
            "expires_at": self.expires_at,
            "retention_days": self.retention_days,
            "received_at": self.received_at,
            "updated_at": self.updated_at,
            "revoked_at": self.revoked_at,
            "paused_at": self.paused_at,
            "reference": self.reference,
            "questions": self.questions,
        }


@dataclass(frozen=True)
class Customer:
    pseudonym: str
    first_seen: int
    grants: tuple[CustomerGrant, ...]  # in the order received
    earlier_grants: int = 0  # older grants left out of `grants` (the page shows the last few)

    def active_fields(self) -> dict[str, Any]:
        """Every field value held under a grant still active (later grants win a tie); a paused
        grant's values are kept but may not be used, so they are left out."""
        held: dict[str, Any] = {}
        for grant in self.grants:
            if grant.status is GrantState.ACTIVE:
                held.update(grant.fields)
        return held

    @property
    def references(self) -> tuple[str, ...]:
        """The brand's references of the visits this customer shared in, each once."""
        return tuple(dict.fromkeys(g.reference for g in self.grants if g.reference))

    def to_json(self) -> dict[str, Any]:
        return {
            "pseudonym": self.pseudonym,
            "references": list(self.references),
            "first_seen": self.first_seen,
            "grants": [grant.to_json() for grant in self.grants],
        }


@dataclass(frozen=True)
class RecentCustomers:
    customers: list[Customer]  # the most recently changed first
    total: int  # customers the brand knows in all
    offset: int = 0  # more recently changed customers before these


def read_customer(
    transaction: Transaction, pseudonym: str, now: int, *, last: int | None = None,
    labels: QuestionLabels | None = None,
) -> Customer | None:
    """What one pseudonym gave, per grant (only the `last` received, if given); None if unknown."""
    first_seen = transaction.first_seen(pseudonym)
    if first_seen is None:
        return None
    records = transaction.grants_of(pseudonym, last=last)
    earlier = 0
    if last is not None and len(records) == last:
        earlier = transaction.count_grants(pseudonym) - last
    references = transaction.references_of(pseudonym)
    labels = labels or QuestionLabels(transaction)
    grants = tuple(
        CustomerGrant.from_record(g, now, references.get(g.grant_id), labels.of(g))
        for g in records
    )
    return Customer(pseudonym, first_seen, grants, earlier)


class QuestionLabels:
    """Labels of the brand's questions per request and ask, read once per transaction."""

    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction
        self._found: dict[tuple[str, str], dict[str, str]] = {}

    def of(self, record: GrantRecord) -> dict[str, str]:
        """The questions of the ask the grant was given under: `q:` key -> label."""
        if record.request_sha256 is None or record.ask_id is None:
            return {}
        where = (record.request_sha256, record.ask_id)
        if where not in self._found:
            issued = self._transaction.issued_request(record.request_sha256)
            self._found[where] = (
                {} if issued is None else dict(question_labels(issued.jws, record.ask_id)))
        return self._found[where]


@lru_cache(maxsize=256)
def question_labels(request_jws: str, ask_id: str) -> tuple[tuple[str, str], ...]:
    """(`q:` key, label) of an ask's questions in a request the brand issued (read once)."""
    try:
        ask = read_verified(request_jws).body.ask(ask_id)
    except ProtocolError:
        return ()
    return () if ask is None else tuple((q.key, q.label) for q in ask.questions)


def customers_page(
    storage: Storage, now: int, *, limit: int, after: str | None = None
) -> list[Customer]:
    """Customers in pseudonym order, `limit` at a time: pass the last pseudonym as `after`."""

    def read(transaction: Transaction) -> list[Customer]:
        labels = QuestionLabels(transaction)
        found = (
            read_customer(transaction, p, now, labels=labels)
            for p in transaction.pseudonyms(limit=limit, after=after)
        )
        return [c for c in found if c is not None]

    return storage.atomically(read, write=False)


def all_customers(storage: Storage, now: int, *, page_size: int = 100) -> Iterator[Customer]:
    """Every customer in pseudonym order, read a page (one transaction) at a time."""
    after: str | None = None
    while page := customers_page(storage, now, limit=page_size, after=after):
        yield from page
        after = page[-1].pseudonym


def recent_customers(
    storage: Storage, now: int, *, limit: int, offset: int = 0, grants_each: int | None = None
) -> RecentCustomers:
    """The `limit` customers whose grants changed last after the first `offset`, and the count
    of all; with `grants_each`, only each one's last `grants_each` grants are read."""

    def read(transaction: Transaction) -> RecentCustomers:
        labels = QuestionLabels(transaction)
        found = (
            read_customer(transaction, p, now, last=grants_each, labels=labels)
            for p in transaction.recent_pseudonyms(limit=limit, offset=offset)
        )
        return RecentCustomers(
            [c for c in found if c is not None], transaction.count_pseudonyms(), offset
        )

    return storage.atomically(read, write=False)
