"""Request specs for tests that run a real brand: one shoe shop ask, with chosen fields."""

from __future__ import annotations

from typing import Any

DPV = "https://w3id.org/dpv#"
SHOE_SIZE = {"key": "shoe_size_eu", "required": True, "why": "to pick your size"}
COLOURS = {"key": "favourite_colours", "required": False, "why": "colours you like"}
ALLERGIES = {"key": "allergies", "required": False, "why": "not needed at all"}


def shoe_shop_spec(
    origin: str, *fields: dict[str, Any], name: str = "Shoes Example"
) -> dict[str, Any]:
    """A spec (PROTOCOL.md section 2, without iat, exp, jti and jwks) with one ask,
    "fit-advice", asking `fields` (the shoe size alone by default)."""
    return {
        "iss": origin,
        "brand": {"name": name, "description": "Shoes that fit."},
        "endpoints": {"grants": f"{origin}/zpd/grants", "events": f"{origin}/zpd/events"},
        "asks": [{
            "id": "fit-advice",
            "purpose": {"iri": DPV + "ServicePersonalisation",
                        "description": "Recommend shoes that fit you"},
            "fields": list(fields) or [SHOE_SIZE],
            "offer": {"kind": "discount", "description": "10% off"},
            "retention_days": 180,
            "duration_days": 90,
        }],
    }
