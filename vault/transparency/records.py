"""Consent records: one per grant, after the structure of ISO/IEC TS 27560 with DPV terms.

Each record carries the proof both sides need: the brand's signed request (the
notice, exactly as received), every token and event the person signed, and every
receipt the brand signed for them.
"""

from __future__ import annotations

import json
from typing import Any

from zpd import jose
from zpd.purposes import DPV
from zpd.questions import to_wire

from ..exchange import brands, grants, receipts, tokens
from ..storage.store import Store

RECORDS_FORMAT = "zpv-consent-records"
SCHEMA = "ISO/IEC TS 27560:2023"
_STATE = {
    grants.GrantStatus.ACTIVE: DPV + "ConsentGiven",
    grants.GrantStatus.EXPIRED: DPV + "ConsentExpired",
    grants.GrantStatus.REVOKED: DPV + "ConsentWithdrawn",
}


def build(store: Store, now: int) -> dict[str, Any]:
    return {
        "format": RECORDS_FORMAT,
        "version": 1,
        "generated_at": now,
        "records": [record(store, g) for g in grants.listing(store, limit=1_000_000)],
    }


def record(store: Store, grant: grants.Grant) -> dict[str, Any]:
    stored = brands.request_by_id(store, grant.request_id)
    request = stored.request
    info = request.body.brand
    ask = request.body.ask(grant.ask_id)
    asked = {q.key: q for q in ask.questions} if ask is not None else {}
    with store.reading() as connection:
        pseudonym = jose.thumbprint_uri(tokens.pairwise_for(connection, grant.brand_origin))
    messages = store.query(
        # In the order they were issued: the versions, then the revocation (several can
        # share one second, and a revocation's NULL version would otherwise sort first).
        # Consent given, updated and withdrawn: a pause or a resume changes none of them.
        "SELECT jti, kind, version, signed, issued_at FROM tokens WHERE grant_id = ? "
        "AND kind IN ('grant', 'revocation') ORDER BY kind = 'revocation', version, issued_at",
        (grant.id,),
    )
    data = store.query_one(
        "SELECT data FROM tokens WHERE grant_id = ? AND kind = 'grant' "
        "ORDER BY version DESC LIMIT 1", (grant.id,),
    )
    latest = json.loads(str(data[0])) if data else {}
    events = [
        {
            "type": "withdrawn"
            if kind == "revocation"
            else ("given" if version == 1 else "updated"),
            "time": int(issued_at),
            "version": version,
            "jti": str(jti),
            "signed_by_principal": str(signed),
        }
        for jti, kind, version, signed, issued_at in messages
    ]
    return {
        "@context": {"dpv": DPV},
        "schema_version": SCHEMA,
        "record_id": grant.id,
        "pii_principal_id": pseudonym,
        "controller": {
            "name": info.name,
            "origin": grant.brand_origin,
            "contact": info.contact,
            "privacy_policy": info.privacy_policy,
        },
        "notice": {
            "type": "zpd-request+jwt",
            "jti": request.jti,
            "sha256": request.sha256,
            "domain_verified": stored.domain_verified,
            "signed_by_controller": request.jws,
        },
        "purposes": [
            {
                "purpose": grant.purpose_description,
                "purpose_iri": grant.purpose_iri,
                "lawful_basis": DPV + "Consent",
                "pii_categories": list(grant.fields),
                "required_pii": list(grant.required_fields),
                "storage_duration_days": grant.retention_days,
                "offer": {"kind": grant.offer_kind, "description": grant.offer_description},
            }
        ],
        "consent": {
            "state": _STATE[grant.status],
            "method": DPV + "ExpressedConsent",
            "given_at": grant.created_at,
            "valid_until": grant.expires_at,
            "ended_at": grant.ended_at,
            "version": grant.version,
        },
        "events": events,
        # The brand's own questions this grant answers, as the brand asked them, with the
        # answer in the grant's latest version (None once it is no longer in it).
        "questions": [
            {"key": key, **to_wire(asked[key]), "answer": latest.get(key)}
            for key in grant.fields if key in asked
        ],
        "receipts": [
            {
                "message": kept.message_jti,
                "status": kept.status,
                "received_at": kept.received_at,
                "signed_at": kept.signed_at,
                "signed_by_controller": kept.jws,
            }
            for kept in receipts.kept(store, grant.id)
        ],
    }
