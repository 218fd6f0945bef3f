"""The brands' receipts the vault kept as proof: one per message a brand acknowledged with a
receipt that verified when it arrived (the outbox holds it beside the message)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from zpd import jose

from ..storage.store import Store
from .outbox import MessageKind


@dataclass(frozen=True)
class KeptReceipt:
    grant_id: str
    brand_origin: str
    message_jti: str  # the token or event it acknowledges
    message_kind: MessageKind
    status: str
    received_at: int  # when the vault got it, with the brand's 202
    signed_at: int | None  # the receipt's own iat
    jws: str  # exactly as the brand signed it

    def to_json(self) -> dict[str, Any]:
        return {
            "grant": self.grant_id,
            "brand": self.brand_origin,
            "message": self.message_jti,
            "message_kind": self.message_kind,
            "status": self.status,
            "received_at": self.received_at,
            "signed_at": self.signed_at,
            "signed_by_brand": self.jws,
        }


def kept(store: Store, grant_id: str | None = None) -> list[KeptReceipt]:
    """Every kept receipt (of one grant, if given), in the order they arrived."""
    where = "o.receipt IS NOT NULL" + (" AND o.grant_id = ?" if grant_id is not None else "")
    rows = store.query(
        "SELECT o.grant_id, g.brand_origin, o.jti, o.kind, o.receipt_status, o.delivered_at, "
        f"o.receipt FROM outbox o JOIN grants g ON g.id = o.grant_id WHERE {where} "
        "ORDER BY o.delivered_at, o.rowid",
        () if grant_id is None else (grant_id,),
    )
    return [
        KeptReceipt(str(grant), str(brand), str(jti), MessageKind(str(kind)), str(status), int(at),
                    signed_at(str(jws)), str(jws))
        for grant, brand, jti, kind, status, at, jws in rows
    ]


def signed_at(jws: str) -> int | None:
    """The iat of a receipt (verified when it arrived); None if it cannot be read."""
    try:
        claims = json.loads(jose.b64u_decode(jws.split(".")[1]))
    except (ValueError, IndexError, UnicodeDecodeError):
        return None
    iat = claims.get("iat") if isinstance(claims, dict) else None
    return iat if isinstance(iat, int) and not isinstance(iat, bool) else None
