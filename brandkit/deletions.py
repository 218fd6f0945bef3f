"""Deletion proved all the way down: a revocation's receipt waits for the systems that
held the data (PROTOCOL.md section 8).

A revocation erases the values at once and opens one deletion per subscriber that
confirms deletion (`fanout.Fanout.revoked`); its receipt says `deletion_pending`.
Each system confirms, by answering 2xx to its grant.revoked event (202, from one with an
ack token, means later) or later through the ack endpoint, or fails: by saying so, or by
staying silent past the deadline. Each answer while others are pending is signed into a
new `deletion_pending` receipt, so the person sees who confirmed and who failed so far;
when none is pending any more, `settle` signs the final receipt, `deleted` if every
system confirmed, `deletion_failed` otherwise, listing each system with when it answered.
The latest receipt is the message's (GET <receipts>/<jti>).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from zpd import receipt as zpd_receipt
from zpd.receipt import Downstream, DownstreamEntry

from .storage import EVENT, Deletion, GrantRecord, Transaction

PENDING = "pending"
DELETED = "deleted"
FAILED = "failed"
MAX_NOTE = 500
DEADLINE_NOTE = "no confirmation before the deadline"

# (pseudonym, revocation jti, the revoked grant, status, downstream, now) -> the receipt
Signer = Callable[[str, str, GrantRecord | None, str, tuple[DownstreamEntry, ...], int], str]


class Outcome(StrEnum):
    RECORDED = "recorded"  # the answer was taken
    ALREADY = "already"  # the same answer had been taken before
    CONFLICT = "conflict"  # another answer had been taken before
    UNKNOWN = "unknown"  # no deletion waits under that event id


@dataclass(frozen=True)
class Answer:
    outcome: Outcome
    deletion: Deletion | None
    final: bool  # the revocation's receipt is final now


def confirm(
    transaction: Transaction, event_id: str, status: str, now: int, note: str | None,
    sign: Signer,
) -> Answer:
    """Record that the system sent `event_id` deleted the data, or failed to."""
    if status not in (DELETED, FAILED):
        raise ValueError(f"status {status!r}")
    found = transaction.deletion(event_id)
    if found is None:
        return Answer(Outcome.UNKNOWN, None, False)
    rows = transaction.deletions_of(found.revocation_jti)  # locked: one settles at a time
    mine = next(row for row in rows if row.event_id == event_id)
    if mine.status != PENDING:
        outcome = Outcome.ALREADY if mine.status == status else Outcome.CONFLICT
        return Answer(outcome, mine, not _pending(rows))
    if status == DELETED and mine.deadline <= now:
        # Past its deadline, before a sweep failed it: the deadline answered first.
        late = confirm(transaction, event_id, FAILED, now, DEADLINE_NOTE, sign)
        return Answer(Outcome.CONFLICT, late.deletion, late.final)
    clean = None if note is None else " ".join(note.split())[:MAX_NOTE] or None
    transaction.set_deletion(event_id, status, now, clean)
    rows = [row if row.event_id != event_id else Deletion(
        row.event_id, row.revocation_jti, row.grant_id, row.subscriber, status, row.deadline,
        now, clean) for row in rows]
    final = settle(transaction, rows, now, sign)
    return Answer(Outcome.RECORDED, rows[[r.event_id for r in rows].index(event_id)], final)


def expire_overdue(transaction: Transaction, now: int, sign: Signer, limit: int = 100) -> int:
    """Fail every deletion still pending past its deadline; how many."""
    overdue = transaction.overdue_deletions(now, limit)
    for deletion in overdue:
        confirm(transaction, deletion.event_id, FAILED, now, DEADLINE_NOTE, sign)
    return len(overdue)


def settle(transaction: Transaction, rows: list[Deletion], now: int, sign: Signer) -> bool:
    """Sign and keep the revocation's latest receipt after a system answered: the final one
    once none is pending; before that, a `deletion_pending` one listing who confirmed or
    failed so far. Whether the receipt is final."""
    pending = _pending(rows)
    if not rows:
        return False
    seen = transaction.seen_message(EVENT, rows[0].revocation_jti)
    if seen is None:  # cannot happen: the deletions were opened with it
        return False
    downstream = tuple(DownstreamEntry(row.subscriber, _DOWNSTREAM[row.status], row.at)
                       for row in rows)
    if pending:
        status = zpd_receipt.DELETION_PENDING
    elif all(row.status == DELETED for row in rows):
        status = zpd_receipt.DELETED
    else:
        status = zpd_receipt.DELETION_FAILED
    grant = transaction.grant(rows[0].grant_id)
    receipt = sign(seen.pseudonym, seen.jti, grant, status, downstream, now)
    transaction.replace_receipt(EVENT, rows[0].revocation_jti, receipt)
    return not pending


_DOWNSTREAM = {PENDING: Downstream.PENDING, DELETED: Downstream.DELETED,
               FAILED: Downstream.FAILED}


def _pending(rows: list[Deletion]) -> bool:
    return any(row.status == PENDING for row in rows)
