"""What a subscriber receives: the JSON body of each webhook event.

    {"type": "grant.stored", "timestamp": "2026-01-01T00:00:00Z",
     "data": {"pseudonym": "urn:ietf:params:oauth:jwk-thumbprint:sha-256:...",
              "grant": {"id": "...", "version": 2, "status": "active",
                        "expires_at": 1774972800, "paused_at": null, "revoked_at": null},
              "request": {"jti": "...", "ask": "fit-advice", "reference": "order-1234"},
              "purpose": {"iri": "https://w3id.org/dpv#ServicePersonalisation",
                          "description": "Recommend shoes that fit you"},
              "retention_days": 180,
              "values": {"shoe_size_eu": 42}}}

`type` and `timestamp` (when the event happened) follow the Standard Webhooks payload
structure. `values` is there only for grant.stored, grant.updated and grant.resumed,
and is the grant as the receiver holds it when the event is sent: an event that would
carry the values of a grant paused, revoked or expired since is not sent (superseded by
the event that said so). `request.jti` names the request the grant answered: for a
per-visit request, the visit, and `request.reference` the brand's own reference for
that visit (`POST /zpd/visits`), or null. A grant.revoked event to a subscriber that confirms
deletion carries `deletion`: until when to confirm it, and where (`ack`, to a subscriber
with an ack token).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from .storage import GrantRecord, WebhookEvent
from .subscribers import GRANT_REVOKED, WITH_VALUES

ACK_PATH = "/zpd/deletions/{event_id}/ack"


def iso_time(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def body(
    event: WebhookEvent, grant: GrantRecord, request_jti: str | None, now: int, *,
    origin: str, reference: str | None = None, deletion_deadline: int | None = None,
    confirms_later: bool = False,
) -> bytes:
    """The body of `event`, with `grant` as held now; `reference`, the brand's, of the visit
    whose request the grant answered; `deletion_deadline` for a confirming subscriber's
    grant.revoked, and `confirms_later` if it may confirm at the ack endpoint."""
    data: dict[str, Any] = {
        "pseudonym": grant.pseudonym,
        "grant": {
            "id": grant.grant_id, "version": grant.version, "status": grant.status_at(now),
            "expires_at": grant.expires_at, "paused_at": grant.paused_at,
            "revoked_at": grant.revoked_at,
        },
        "request": {"jti": request_jti, "ask": grant.ask_id, "reference": reference},
        "purpose": {"iri": grant.purpose_iri, "description": grant.purpose_description},
        "retention_days": grant.retention_days,
    }
    if event.type in WITH_VALUES:
        data["values"] = grant.data or {}
    if event.type == GRANT_REVOKED and deletion_deadline is not None:
        data["deletion"] = {"confirm": True, "deadline": deletion_deadline}
        if confirms_later:
            data["deletion"]["ack"] = origin + ACK_PATH.format(event_id=event.event_id)
    document = {"type": event.type, "timestamp": iso_time(event.created_at), "data": data}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
