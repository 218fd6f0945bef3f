"""The request specs behind docs/protocol.md's examples: the v1 one, and v1.1's with a brand
question, a return address, a receipts endpoint and a processor (zpd/examples.py signs them)."""

from __future__ import annotations

import copy
from typing import Any

ORIGIN = "https://shoes.example"

SPEC: dict[str, Any] = {
    "iss": ORIGIN,
    "brand": {
        "name": "Shoes Example",
        "description": "Shoes that fit, delivered.",
        "privacy_policy": "https://shoes.example/privacy",
        "contact": "mailto:privacy@shoes.example",
    },
    "endpoints": {"grants": f"{ORIGIN}/zpd/grants", "events": f"{ORIGIN}/zpd/events"},
    "asks": [
        {
            "id": "fit-advice",
            "purpose": {
                "iri": "https://w3id.org/dpv#ServicePersonalisation",
                "description": "Recommend shoes that fit you",
            },
            "fields": [
                {"key": "shoe_size_eu", "required": True, "why": "to pick your size"},
                {"key": "favourite_colours", "required": False, "why": "to show colours you like"},
            ],
            "offer": {"kind": "discount", "description": "10% off your next order"},
            "retention_days": 180,
            "duration_days": 90,
        }
    ],
}

RUN_SURFACE: dict[str, Any] = {
    "key": "q:run-surface",
    "required": False,
    "why": "to suggest the right sole",
    "question": {
        "label": "Where do you run most?",
        "type": "multi_choice",
        "choices": [{"value": "road", "label": "Road"}, {"value": "trail", "label": "Trail"},
                    {"value": "track", "label": "Track"}],
        "category": "https://w3id.org/dpv/pd#Preference",
        "same_as": None,
        "translations": {"el": {"label": "Πού τρέχετε συνήθως;",
                                "choices": {"road": "Δρόμος", "trail": "Μονοπάτι",
                                            "track": "Στίβος"}}},
    },
}


def spec_v11() -> dict[str, Any]:
    """The v1 spec with what v1.1 adds: a question in the ask, `return_uri`,
    `endpoints.receipts` and `processors`."""
    spec = copy.deepcopy(SPEC)
    spec["endpoints"]["receipts"] = f"{ORIGIN}/zpd/receipts"
    spec["return_uri"] = f"{ORIGIN}/thanks"
    spec["processors"] = ["esp.example"]
    spec["asks"][0]["fields"].append(copy.deepcopy(RUN_SURFACE))
    return spec
