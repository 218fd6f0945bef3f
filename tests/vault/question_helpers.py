"""Brand questions for the vault's tests: one of each type, in an ask of the shoe brand."""

from __future__ import annotations

import copy
from typing import Any

from tests.support.specs import DPV, Json

PD = "https://w3id.org/dpv/pd#"


def question(key: str, label: str, type_: str, *, choices: list[str] | None = None,
             category: str = PD + "Preference", required: bool = False,
             same_as: str | None = None, translations: Json | None = None) -> Json:
    body: Json = {"label": label, "type": type_, "category": category}
    if choices is not None:
        body["choices"] = [{"value": c, "label": c.title()} for c in choices]
    if same_as is not None:
        body["same_as"] = same_as
    if translations is not None:
        body["translations"] = translations
    return {"key": key, "required": required, "why": "to know you", "question": body}


SURFACE = question("q:surface", "Where do you run most?", "multi_choice",
                   choices=["road", "trail", "track"], required=True)
DISTANCE = question("q:weekly-km", "How far do you run in a week (km)?", "number")
RACES = question("q:races", "Do you take part in races?", "boolean")
NEXT_RACE = question("q:next-race", "When is your next race?", "date")
GOAL = question("q:goal", "What is your goal this year?", "text")
TERRAIN = question("q:terrain", "Which terrain do you prefer?", "choice",
                   choices=["flat", "hilly", "mountain"])
SIZE = question("q:size", "Your shoe size (EU)", "number", same_as="shoe_size_eu")
INJURY = question("q:injury", "Do you have any running injury we should know of?", "text",
                  category=PD + "Preference")

EVERY_TYPE = (SURFACE, DISTANCE, RACES, NEXT_RACE, GOAL, TERRAIN)
ANSWERS: dict[str, Any] = {
    "q:surface": ["trail", "road"],
    "q:weekly-km": 42.5,
    "q:races": True,
    "q:next-race": "2027-04-18",
    "q:goal": "A first ultra, 50 km",
    "q:terrain": "mountain",
}


def quiz_ask(*fields: Json, ask_id: str = "quiz", required_size: bool = False) -> Json:
    return {
        "id": ask_id,
        "purpose": {"iri": DPV + "ServicePersonalisation",
                    "description": "Suggest the shoes for how you run"},
        "fields": [{"key": "shoe_size_eu", "required": required_size, "why": "your size"},
                   *copy.deepcopy(list(fields))],
        "offer": {"kind": "discount", "description": "15% off your next pair"},
        "retention_days": 180,
        "duration_days": 90,
    }
