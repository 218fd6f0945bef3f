"""How sensitive a brand's question is: the vault's judgement, never the brand's claim.

The brand declares what an answer is about with a DPV personal-data concept (the
question's `category`). That concept gives the sensitivity the brand declared:

- the special categories of GDPR Art. 9 (and criminal data, Art. 10): `special`;
- tastes, interests and preferences: `low`;
- contact and identifying data, and any concept not listed here: `personal`.

The concepts are those of the W3C Data Privacy Vocabulary's personal-data extension,
https://w3id.org/dpv/pd (DPV 2.0, namespace https://w3id.org/dpv/pd#).

The vault then reads the question's words, in every language the brand wrote (its
label, its choices and their translations): when they name a special category
(`sensitive_words`), the question is judged `special` whatever its concept. It is
`mismatched` when the vault judges it higher than the brand declared: the review flags
it ("this brand calls this question low-sensitivity; it asks about your health"), and
the value balance weighs the judgement.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from zpd.fieldtypes import Sensitivity
from zpd.questions import Question

from .sensitive_words import ENGLISH, EXCLUDED, GREEK, Topic

DPV_PD = "https://w3id.org/dpv/pd#"

# DPV pd concepts of the special categories, with the topic each names.
SPECIAL_CONCEPTS: dict[str, Topic] = {
    **dict.fromkeys((
        "Health", "HealthHistory", "HealthRecord", "MedicalHealth", "MentalHealth",
        "PhysicalHealth", "Prescription", "Disability", "BloodType", "Vaccination",
        "HealthStatus", "Sickness", "Pregnancy",
    ), Topic.HEALTH),
    **dict.fromkeys(("Religion", "ReligiousBelief", "PhilosophicalBelief", "Belief"),
                    Topic.RELIGION),
    **dict.fromkeys(("PoliticalAffiliation", "PoliticalOpinion", "PoliticalView"),
                    Topic.POLITICS),
    **dict.fromkeys(("Racial", "Race", "Ethnicity", "EthnicOrigin"), Topic.ETHNICITY),
    **dict.fromkeys(("Sexual", "SexualOrientation", "SexualHistory", "SexualPreference",
                     "SexLife"), Topic.SEXUALITY),
    **dict.fromkeys(("Biometric", "FacialPrint", "Fingerprint", "IrisScan", "Retina",
                     "VoicePrint", "PalmPrint"), Topic.BIOMETRICS),
    **dict.fromkeys(("Genetic", "DNACode"), Topic.GENETICS),
    "TradeUnionMembership": Topic.TRADE_UNION,
    **dict.fromkeys(("Criminal", "CriminalCharge", "CriminalConviction", "CriminalOffense",
                     "CriminalPardon"), Topic.CRIMINAL),
}

# DPV pd concepts of tastes, interests and preferences: low.
LOW_CONCEPTS = frozenset({
    "Preference", "Interest", "Favourite", "FavouriteColour", "FavouriteFood",
    "FavouriteMusic", "Hobby", "Like", "Dislike", "Taste", "PersonalPossession",
})

# DPV pd concepts of contact and identifying data: personal, as any concept not listed.
PERSONAL_CONCEPTS = frozenset({
    "Contact", "EmailAddress", "TelephoneNumber", "PhysicalAddress", "Name", "Identifying",
    "Identifier", "Username", "Age", "DateOfBirth", "Gender", "Location", "Nationality",
})

_RANK = {Sensitivity.LOW: 0, Sensitivity.PERSONAL: 1, Sensitivity.SPECIAL: 2}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Judgement:
    declared: Sensitivity  # what the brand's DPV concept says
    judged: Sensitivity  # the vault's judgement: the one that counts
    topics: frozenset[Topic]  # the special categories the concept or the words name

    @property
    def mismatched(self) -> bool:
        """The vault rates the question higher than the brand declared it."""
        return _RANK[self.judged] > _RANK[self.declared]


def declared(category: str) -> tuple[Sensitivity, Topic | None]:
    concept = category.removeprefix(DPV_PD) if category.startswith(DPV_PD) else ""
    if concept in SPECIAL_CONCEPTS:
        return Sensitivity.SPECIAL, SPECIAL_CONCEPTS[concept]
    if concept in LOW_CONCEPTS:
        return Sensitivity.LOW, None
    return Sensitivity.PERSONAL, None


def judge(question: Question) -> Judgement:
    return _judge(question)


@lru_cache(maxsize=1024)
def _judge(question: Question) -> Judgement:
    claimed, topic = declared(question.category)
    topics = set(topics_in(_texts(question)))
    if topic is not None:
        topics.add(topic)
    judged = Sensitivity.SPECIAL if topics else claimed
    return Judgement(claimed, judged, frozenset(topics))


def _texts(question: Question) -> list[str]:
    texts = [question.label, *(c.label for c in question.choices)]
    for _tag, translation in question.translations:
        texts.append(translation.label)
        texts.extend(c.label for c in translation.choices)
    return texts


def fold(text: str) -> str:
    """Lower case without accents (so Greek τόνος and διαλυτικά), final ς as σ."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def topics_in(texts: list[str]) -> set[Topic]:
    """The special categories the words of `texts` name."""
    found: set[Topic] = set()
    for text in texts:
        words = _WORD.findall(fold(text))
        for topic, entries in _ENTRIES:
            if topic not in found and any(_matches(entry, words) for entry in entries):
                found.add(topic)
    return found


def _matches(entry: tuple[str, ...], words: list[str]) -> bool:
    """The entry's words in order, at most one other word between two of them ("πολιτικές
    σας πεποιθήσεις")."""
    return any(_matches_from(entry, words, start) for start in range(len(words)))


def _matches_from(entry: tuple[str, ...], words: list[str], start: int) -> bool:
    if not _word_matches(entry[0], words[start]):
        return False
    if len(entry) == 1:
        return True
    return any(
        _matches_from(entry[1:], words, nxt)
        for nxt in (start + 1, start + 2) if nxt < len(words)
    )


def _word_matches(part: str, word: str) -> bool:
    if word in EXCLUDED:
        return False
    if part.endswith("*"):
        return word.startswith(part[:-1])
    return word == part


def _compiled() -> tuple[tuple[Topic, tuple[tuple[str, ...], ...]], ...]:
    merged: dict[Topic, list[tuple[str, ...]]] = {}
    for table in (ENGLISH, GREEK):
        for topic, entries in table.items():
            merged.setdefault(topic, []).extend(tuple(fold(e).split()) for e in entries)
    return tuple((topic, tuple(entries)) for topic, entries in merged.items())


_ENTRIES = _compiled()
