"""What a delivery run changed, message by message, as the person is told of it: which
brand, what kind of message, and where it stands now (a share delivered, a deletion the
brand confirmed). Only what the run itself did: a refresh that changes nothing has no news.
"""

from __future__ import annotations

from dataclasses import dataclass

from zpd import receipt

from ..storage.store import Store
from .delivery import FlushReport
from .outbox import DeliveryState, MessageKind

NEWS_BATCH = 500  # message ids per query, well under SQLite's limit on parameters


@dataclass(frozen=True)
class DeliveryNews:
    jti: str
    brand_name: str
    kind: MessageKind
    state: DeliveryState  # DELIVERED, or FAILED: the brand refused it for good
    receipt_status: str | None  # the brand's latest verified receipt says this
    polled: bool  # a later receipt of a message delivered before, not the delivery itself


def news(store: Store, report: FlushReport) -> list[DeliveryNews]:
    """The messages `report` delivered or saw refused, then those with a new receipt that is
    final (a deletion confirmed or failed: a receipt that still says "pending" is no news
    to the person), in the report's order."""
    delivered = list(dict.fromkeys([*report.delivered, *report.failed]))
    said = set(delivered)
    polled = [jti for jti in dict.fromkeys(report.new_receipts) if jti not in said]
    found = _messages(store, [*delivered, *polled])
    out = [DeliveryNews(*found[jti], polled=False) for jti in delivered if jti in found]
    for jti in polled:
        if jti in found:
            item = DeliveryNews(*found[jti], polled=True)
            if item.receipt_status is not None and receipt.is_final(item.receipt_status):
                out.append(item)
    return out


_Found = tuple[str, str, MessageKind, DeliveryState, str | None]


def _messages(store: Store, jtis: list[str]) -> dict[str, _Found]:
    found: dict[str, _Found] = {}
    for start in range(0, len(jtis), NEWS_BATCH):
        batch = jtis[start:start + NEWS_BATCH]
        for jti, name, kind, state, receipt_status in store.query(
            "SELECT o.jti, b.name, o.kind, o.state, o.receipt_status FROM outbox o "
            "JOIN grants g ON g.id = o.grant_id JOIN brands b ON b.origin = g.brand_origin "
            f"WHERE o.jti IN ({', '.join('?' for _ in batch)})",
            tuple(batch),
        ):
            found[str(jti)] = (str(jti), str(name), MessageKind(str(kind)),
                               DeliveryState(str(state)),
                               None if receipt_status is None else str(receipt_status))
    return found
