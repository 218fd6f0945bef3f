"""Purposes are W3C Data Privacy Vocabulary (DPV) IRIs."""

from __future__ import annotations

import re

DPV = "https://w3id.org/dpv#"
_DPV_IRI = re.compile(r"https://w3id\.org/dpv(/[a-z0-9-]+)*#[A-Z][A-Za-z0-9]{1,80}")

# Purposes so broad that they say little about what happens to the data.
VAGUE = frozenset({
    DPV + "Purpose",
    DPV + "ServiceProvision",
    DPV + "Marketing",
    DPV + "CommercialPurpose",
    DPV + "ResearchAndDevelopment",
    DPV + "EnforceSecurity",
})


def is_dpv_iri(iri: object) -> bool:
    return isinstance(iri, str) and bool(_DPV_IRI.fullmatch(iri))


def concept_name(iri: str) -> str:
    """The concept's local name, e.g. ServicePersonalisation."""
    return iri.rsplit("#", 1)[-1]


def is_vague(iri: str) -> bool:
    return iri in VAGUE
