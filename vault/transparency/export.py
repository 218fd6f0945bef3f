"""Data portability: everything the person holds as one JSON document (GDPR Art. 20).

Not encrypted: the person asked for a copy they can read and take elsewhere.
"""

from __future__ import annotations

from typing import Any

from zpd.questions import to_wire

from ..exchange import receipts
from ..exchange.question_sensitivity import judge
from ..profile import answers, audit
from ..profile import fields as profile
from ..storage.store import Store

EXPORT_FORMAT = "zpv-export"
EXPORT_VERSION = 1


def build_document(store: Store, vault_id: str, now: int) -> dict[str, Any]:
    fields = profile.all_values(store)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "vault_id": vault_id,
        "exported_at": now,
        "fields": [
            {
                "key": f.definition.key,
                "label": f.definition.label,
                "category": f.definition.category.value,
                "type": f.definition.type.value,
                "sensitivity": f.definition.sensitivity.value,
                "value": f.value,
                "updated_at": f.updated_at,
            }
            for f in fields
            if f.value is not None
        ],
        "custom_fields": [
            {
                "key": d.key,
                "label": d.label,
                "type": d.type.value,
                "sensitivity": d.sensitivity.value,
                "choices": list(d.choices),
            }
            for d in profile.custom_definitions(store)
        ],
        "history": [
            {"field": key, "changed_at": entry.changed_at, "value": entry.value}
            for key, entry in profile.all_history(store)
        ],
        "audit": [
            {"seq": e.seq, "at": e.at, "action": e.action, "details": e.details}
            for e in audit.all_entries(store)
        ],
        # Added within version 1: a reader that does not know it can skip it.
        "receipts": [kept.to_json() for kept in receipts.kept(store)],
        # Added within version 1 too: answers to brands' own questions, each with the
        # question as the brand asked it (and the vault's judgement of it), and their history.
        "answers": [
            {
                "brand": a.brand_origin,
                "key": a.key,
                "question": to_wire(a.question),
                "sensitivity": judge(a.question).judged.value,
                "value": a.value,
                "updated_at": a.updated_at,
            }
            for a in answers.listing(store)
        ],
        "answer_history": [
            {"brand": origin, "key": key, "changed_at": entry.changed_at, "value": entry.value}
            for origin, key, entry in answers.all_history(store)
        ],
    }
