"""Which of two versions of a row wins: the maximum of the table's total order."""

from __future__ import annotations

from typing import Any

from .codec import Row
from .tables import Merge

_GRANT_STATUS_RANK = {"active": 0, "expired": 1, "revoked": 2}


def _rank(merge: Merge, row: Row | None) -> int:
    if row is None:
        return -1
    if merge is Merge.GRANT:
        return _GRANT_STATUS_RANK.get(str(row.get("status")), 0)
    if merge is Merge.DELIVERY:
        return 1 if row.get("state") == "delivered" else 0
    return 0


def order_key(merge: Merge, row: Row | None, stamp: str, mark: str = "") -> tuple[Any, ...]:
    """Larger wins. Stamps are unique per device and version, so the order is total."""
    if merge is Merge.IMMUTABLE:
        # The first version stays: a later copy of an immutable row changes nothing.
        return (0, _invert(stamp))
    if merge is Merge.LAST_WRITER:
        # A row with its `mark` set beats one without, whichever was written last.
        return (mark != "" and row is not None and row.get(mark) is not None, stamp)
    return (_rank(merge, row), stamp)


def merged(
    merge: Merge, current: Row | None, current_stamp: str, incoming: Row | None,
    incoming_stamp: str, mark: str = "",
) -> tuple[Row | None, str]:
    """The row to keep and the stamp of the version it is based on."""
    if (order_key(merge, incoming, incoming_stamp, mark)
            > order_key(merge, current, current_stamp, mark)):
        winner, stamp, loser = incoming, incoming_stamp, current
    else:
        winner, stamp, loser = current, current_stamp, incoming
    if merge is Merge.GRANT and winner is not None and loser is not None:
        # Versions only grow: a revocation that wins keeps the latest version number.
        winner = {**winner, "version": max(int(winner["version"]), int(loser["version"]))}
    return winner, stamp


def _invert(stamp: str) -> str:
    # Digits and hex letters map to a reversed alphabet, so that a smaller stamp sorts larger.
    table = str.maketrans("0123456789abcdef.", "fedcba9876543210.")
    return stamp.translate(table)
