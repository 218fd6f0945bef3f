"""The brands' receipts the vault kept as proof: every receipt that verified when it arrived,
for each message a brand acknowledged (a revocation may have several: `deletion_pending`,
then the final one, polled by receipt_polls.py), in the order they came."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from zpd import jose, receipt

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


def kept(store: Store, grant_id: str | None = None, *,
         origin: str | None = None) -> list[KeptReceipt]:
    """Every kept receipt (of one grant, or of one brand's grants, if given), in the order
    they arrived."""
    where, params = "", []
    if grant_id is not None:
        where, params = " WHERE o.grant_id = ?", [grant_id]
    elif origin is not None:
        where, params = " WHERE g.brand_origin = ?", [origin]
    rows = store.query(
        "SELECT o.grant_id, g.brand_origin, o.jti, o.kind, r.status, r.received_at, r.jws "
        "FROM receipts r JOIN outbox o ON o.jti = r.message_jti "
        f"JOIN grants g ON g.id = o.grant_id{where} ORDER BY r.id",
        tuple(params),
    )
    return [
        KeptReceipt(str(grant), str(brand), str(jti), MessageKind(str(kind)), str(status), int(at),
                    signed_at(str(jws)), str(jws))
        for grant, brand, jti, kind, status, at, jws in rows
    ]


def latest_downstream(store: Store, grant_id: str) -> tuple[receipt.DownstreamEntry, ...]:
    """Where deletion stands in each system the brand passed a grant's data to, by the
    latest receipt of its revocation; empty if there is none or it lists no system."""
    row = store.query_one(
        "SELECT receipt FROM outbox WHERE grant_id = ? AND kind = 'revocation' "
        "AND receipt IS NOT NULL ORDER BY created_at DESC, rowid DESC LIMIT 1", (grant_id,),
    )
    return () if row is None else downstream(str(row[0]))


def downstream(jws: str) -> tuple[receipt.DownstreamEntry, ...]:
    """The systems a kept receipt lists (verified when it arrived), where deletion stands
    in each; empty if it lists none."""
    claims = _claims(jws)
    ack = claims.get("ack") if claims else None
    entries = ack.get("downstream") if isinstance(ack, dict) else None
    found = []
    for entry in entries if isinstance(entries, list) else []:
        try:
            at = entry.get("at")
            found.append(receipt.DownstreamEntry(
                str(entry["system"]), receipt.Downstream(entry["status"]),
                at if isinstance(at, int) and not isinstance(at, bool) else None))
        except (KeyError, ValueError, TypeError, AttributeError):
            continue
    return tuple(found)


def signed_at(jws: str) -> int | None:
    """The iat of a receipt (verified when it arrived); None if it cannot be read."""
    claims = _claims(jws)
    iat = claims.get("iat") if claims else None
    return iat if isinstance(iat, int) and not isinstance(iat, bool) else None


def _claims(jws: str) -> dict[str, Any] | None:
    try:
        claims = json.loads(jose.b64u_decode(jws.split(".")[1]))
    except (ValueError, IndexError, UnicodeDecodeError):
        return None
    return claims if isinstance(claims, dict) else None
