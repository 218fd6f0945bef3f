"""The sample brands: a fair one, a greedy one, one whose request has expired, and a leaky one
that passes its customers' email addresses to a partner (demo/partner.py).

The first three also ask a question of their own, in an ask of its own: the fair one a
three-option poll, the greedy one a health question it files under a preference (which the
vault judges special-category data, and flags), the expired one a taste.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

DPV = "https://w3id.org/dpv#"
PD = "https://w3id.org/dpv/pd#"
DAY = 86400


def _choices(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"value": value, "label": label} for value, label in pairs]


@dataclass(frozen=True)
class SampleBrand:
    slug: str
    name: str
    description: str
    asks: tuple[dict[str, Any], ...]
    expired: bool = False

    def spec(self, origin: str) -> dict[str, Any]:
        return {
            "iss": origin,
            "brand": {
                "name": self.name,
                "description": self.description,
                "privacy_policy": f"{origin}/privacy",
                "contact": f"mailto:privacy@{self.slug}.example",
            },
            "endpoints": {"grants": f"{origin}/zpd/grants", "events": f"{origin}/zpd/events"},
            "asks": copy.deepcopy(list(self.asks)),  # the caller's to change
        }


FAIR = SampleBrand(
    slug="trailworks",
    name="Trailworks",
    description="Hiking shoes, repaired for life.",
    asks=({
        "id": "fit-advice",
        "purpose": {"iri": DPV + "ServicePersonalisation",
                    "description": "Suggest trail shoes in your size and colours"},
        "fields": [
            {"key": "shoe_size_eu", "required": True, "why": "to show shoes that fit you"},
            {"key": "favourite_colours", "required": False, "why": "to show colours you like"},
        ],
        "offer": {"kind": "discount", "description": "15% off your next pair"},
        "retention_days": 180,
        "duration_days": 90,
    }, {
        "id": "trail-poll",
        "purpose": {"iri": DPV + "ServicePersonalisation",
                    "description": "Choose which soles to repair first"},
        "fields": [{
            "key": "q:terrain", "required": True, "why": "to stock the right soles",
            "question": {
                "label": "Where do you hike most?",
                "type": "choice",
                "choices": _choices(("mountain", "Mountains"), ("forest", "Forest paths"),
                                    ("coast", "Coastal trails")),
                "category": PD + "Preference",
                "translations": {"el": {
                    "label": "Πού πεζοπορείτε συνήθως;",
                    "choices": {"mountain": "Βουνό", "forest": "Δασικά μονοπάτια",
                                "coast": "Παραλιακά μονοπάτια"}}},
            },
        }],
        "offer": {"kind": "gift", "description": "A pair of laces in your colours"},
        "retention_days": 30,
        "duration_days": 30,
    }),
)

GREEDY = SampleBrand(
    slug="megamart",
    name="MegaMart Rewards",
    description="Everything, everywhere, always on offer.",
    asks=({
        "id": "rewards",
        "purpose": {"iri": DPV + "Marketing", "description": "Marketing"},
        "fields": [
            {"key": "email", "required": True, "why": "to send you offers"},
            {"key": "allergies", "required": True, "why": "to improve our services"},
            {"key": "religion", "required": True, "why": "to improve our services"},
            {"key": "household_size", "required": False, "why": "for our partners"},
            {"key": "political_views", "required": False, "why": "for our partners"},
        ],
        "offer": {"kind": "points", "description": "10 points"},
        "retention_days": 3650,
        "duration_days": 3650,
    }, {
        "id": "wellness",
        "purpose": {"iri": DPV + "Marketing", "description": "Marketing"},
        "fields": [{
            "key": "q:conditions", "required": True, "why": "to improve our services",
            "question": {
                "label": "Which of these do you live with?",
                "type": "multi_choice",
                "choices": _choices(("diabetes", "Diabetes"), ("asthma", "Asthma"),
                                    ("back-pain", "Back pain"), ("none", "None of these")),
                "category": PD + "Preference",  # low, it says: the vault says otherwise
            },
        }],
        "offer": {"kind": "points", "description": "5 points"},
        "retention_days": 3650,
        "duration_days": 3650,
    }),
)

EXPIRED = SampleBrand(
    slug="bistronova",
    name="Bistro Nova",
    description="Seasonal food, cooked for you.",
    asks=({
        "id": "menu",
        "purpose": {"iri": DPV + "ServicePersonalisation",
                    "description": "Suggest dishes you can eat"},
        "fields": [
            {"key": "diet", "required": True, "why": "to suggest dishes you can eat"},
            {"key": "favourite_cuisines", "required": False, "why": "to suggest what you like"},
        ],
        "offer": {"kind": "gift", "description": "A dessert on your next visit"},
        "retention_days": 90,
        "duration_days": 90,
    }, {
        "id": "spice",
        "purpose": {"iri": DPV + "ServicePersonalisation",
                    "description": "Season your dishes to your taste"},
        "fields": [{
            "key": "q:spice", "required": False, "why": "to season your dishes",
            "question": {
                "label": "How spicy do you like your food?",
                "type": "choice",
                "choices": _choices(("mild", "Mild"), ("medium", "Medium"), ("hot", "Hot")),
                "category": PD + "Preference",
            },
        }],
        "offer": {"kind": "gift", "description": "A dessert on your next visit"},
        "retention_days": 90,
        "duration_days": 90,
    }),
    expired=True,
)

LEAKY = SampleBrand(
    slug="leaky",
    name="Leaky Deals",
    description="Deals by email, every week.",
    asks=({
        "id": "deals",
        "purpose": {"iri": DPV + "DirectMarketing", "description": "Weekly deals by email"},
        "fields": [
            {"key": "email", "required": True, "why": "to send you our deals"},
            {"key": "preferred_name", "required": False, "why": "to greet you"},
        ],
        "offer": {"kind": "discount", "description": "5% off your first order"},
        "retention_days": 365,
        "duration_days": 365,
    },),
)

SAMPLE_BRANDS = (FAIR, GREEDY, EXPIRED, LEAKY)
CATCH_ALL_DOMAIN = "alex.example"  # the demo person's domain for brands' aliases

SAMPLE_PROFILE: dict[str, Any] = {
    "preferred_name": "Alex",
    "email": "alex@example.org",
    "country": "GR",
    "preferred_language": "en",
    "contact_channels": ["email"],
    "contact_frequency": "monthly",
    "shoe_size_eu": 42,
    "favourite_colours": ["navy", "green"],
    "clothing_size_top": "M",
    "diet": "vegetarian",
    "favourite_cuisines": ["greek", "italian"],
    "allergies": ["peanuts"],
    "household_size": 2,
    "hobbies": ["hiking", "photography"],
}
