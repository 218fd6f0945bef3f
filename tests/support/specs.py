"""The one builder of request specs (PROTOCOL.md section 2, without iat, exp, jti and jwks)
for tests: a shoe shop by default, every member a parameter.

    request_spec()                                   # two asks: fit-advice and newsletter
    request_spec(origin, asks=[ask(fields=[SHOE_SIZE, COLOURS])])
    request_spec(origin, name="Books & Co", asks=[fit_ask(), news_ask(id="news")])
"""

from __future__ import annotations

import copy
from typing import Any

Json = dict[str, Any]

DPV = "https://w3id.org/dpv#"
ORIGIN = "https://shoes.example"
OTHER_ORIGIN = "https://books.example"

SHOE_SIZE: Json = {"key": "shoe_size_eu", "required": True, "why": "to pick your size"}
COLOURS: Json = {"key": "favourite_colours", "required": False, "why": "to show colours you like"}
STYLE: Json = {"key": "style", "required": False, "why": "to match your style"}
ALLERGIES: Json = {"key": "allergies", "required": False, "why": "to avoid materials"}
CONTACT_CHANNELS: Json = {"key": "contact_channels", "required": True,
                          "why": "to know how to reach you"}


def ask_field(key: str, why: str, *, required: bool = False, **members: Any) -> Json:
    """One field of an ask; `members` adds any other (a question, say)."""
    return {"key": key, "required": required, "why": why, **members}


def ask(
    id: str = "fit-advice", *, fields: list[Json] | None = None,
    purpose: str = "ServicePersonalisation",
    purpose_description: str = "Recommend shoes that fit you",
    offer: Json | None = None, retention_days: int = 180, duration_days: int = 90,
) -> Json:
    """An ask; `purpose` is a DPV term (or a whole IRI), the offer a 10% discount."""
    return {
        "id": id,
        "purpose": {"iri": purpose if ":" in purpose else DPV + purpose,
                    "description": purpose_description},
        "fields": copy.deepcopy(fields) if fields is not None else [SHOE_SIZE],
        "offer": offer or {"kind": "discount", "description": "10% off your next order"},
        "retention_days": retention_days,
        "duration_days": duration_days,
    }


def fit_ask(**changes: Any) -> Json:
    """"fit-advice": the shoe size (required), colours, style and allergies."""
    fit = ask(fields=[SHOE_SIZE, COLOURS, STYLE, ALLERGIES])
    fit.update(changes)
    return fit


def news_ask(**changes: Any) -> Json:
    """"newsletter": how to reach you (required) and the shoe size."""
    news = ask("newsletter", purpose="DirectMarketing",
               purpose_description="Tell you about new shoes",
               fields=[CONTACT_CHANNELS, ask_field("shoe_size_eu", "to send offers in your size")],
               offer={"kind": "points", "description": "100 points"},
               retention_days=30, duration_days=30)
    news.update(changes)
    return news


def request_spec(
    origin: str = ORIGIN, name: str = "Shoes Example", asks: list[Json] | None = None, *,
    description: str | None = "Shoes for everyone", brand: Json | None = None,
    grants_path: str = "/zpd/grants", events_path: str = "/zpd/events",
    receipts_path: str | None = None, **members: Any,
) -> Json:
    """A brand at `origin` asking `asks` (fit-advice and newsletter by default). `brand` adds
    to or replaces the brand's members (a privacy policy and a contact by default; None as a
    value leaves one out); `members` adds top-level ones (return_uri, processors...)."""
    about: Json = {"name": name, "description": description,
                   "privacy_policy": f"{origin}/privacy", "contact": "mailto:privacy@example.org"}
    about.update(brand or {})
    endpoints = {"grants": origin + grants_path, "events": origin + events_path}
    if receipts_path is not None:
        endpoints["receipts"] = origin + receipts_path
    return {
        "iss": origin,
        "brand": {key: value for key, value in about.items() if value is not None},
        "endpoints": endpoints,
        "asks": copy.deepcopy(asks) if asks is not None else [fit_ask(), news_ask()],
        **members,
    }
