"""Complaint drafts in English and Greek, and the EU/EEA authorities kept as data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from urllib.parse import urlsplit

import pytest

from vault.leaks.authorities import AUTHORITIES, CHECKED, COMPILED, SOURCES, authority_for
from vault.leaks.complaints import (
    ComplaintError,
    ComplaintProblem,
    LeakFacts,
    to_authority,
    to_brand,
)

EU = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
      "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"}
EEA_EFTA = {"IS", "LI", "NO"}
GIVEN = 1767225600  # 1 January 2026, 00:00 UTC
RECEIVED = 1773307800  # 12 March 2026, 09:30 UTC
PACK = "ab" * 32

FACTS = LeakFacts(
    brand_name="MegaMart", brand_origin="https://megamart.example",
    brand_contact="mailto:dpo@megamart.example", alias="megamart-k3x9q2@alex.example",
    given_at=GIVEN, grant_id="7d1c8e0a-0000-4000-8000-000000000001",
    purpose="Recommend products you will like", sender_domain="partner-ads.example",
    from_address="offers@partner-ads.example", received_at=RECEIVED, pack_sha256=PACK,
    signature="Alex Example",
)


def test_every_eu_and_eea_state_has_exactly_one_authority() -> None:
    countries = [a.country for a in AUTHORITIES]
    assert sorted(countries) == sorted(EU | EEA_EFTA)


def test_every_authority_can_be_reached_and_checked() -> None:
    for authority in AUTHORITIES:
        links = [authority.website] + ([authority.complaint_form]
                                       if authority.complaint_form else [])
        assert all(urlsplit(link).scheme == "https" and urlsplit(link).hostname
                   for link in links), authority.country
        assert len(authority.address) >= 2 and authority.address[-1], authority.country
        assert authority.email == "" or authority.email.count("@") == 1


def test_the_data_says_where_it_came_from_and_when() -> None:
    assert date.fromisoformat(COMPILED)
    assert any("edpb.europa.eu" in source for source in SOURCES)
    assert all(urlsplit(source).scheme == "https" for source in SOURCES)


def test_the_draft_to_the_brand_goes_to_its_contact_with_the_facts() -> None:
    draft = to_brand(FACTS)
    assert draft.recipient == "dpo@megamart.example"
    assert draft.subject == "My e-mail address was passed on without my consent (MegaMart)"
    for fact in ("megamart-k3x9q2@alex.example", "1 January 2026", "12 March 2026",
                 "partner-ads.example", "offers@partner-ads.example", PACK,
                 "Recommend products you will like", FACTS.grant_id, "Art. 15(1)(c)",
                 "Alex Example"):
        assert fact in draft.body, fact


def test_the_draft_is_in_greek_when_the_app_is() -> None:
    draft = to_brand(FACTS, "el")
    assert "12 Μαρτίου 2026" in draft.body and "1 Ιανουαρίου 2026" in draft.body
    assert draft.subject.startswith("Η διεύθυνση email μου διαβιβάστηκε")
    assert "{" not in draft.body, "every placeholder filled"


@pytest.mark.parametrize("language", ["en", "el"])
def test_the_draft_to_an_authority_cites_article_77_and_names_the_authority(
        language: str) -> None:
    greece = authority_for("gr")
    assert greece is not None
    draft = to_authority(FACTS, greece, language)
    assert draft.recipient == "complaints@dpa.gr"
    assert greece.website in draft.links
    assert "77" in draft.subject and greece.local_name in draft.body
    assert "{" not in draft.body and PACK in draft.body


def test_an_authority_with_neither_form_nor_e_mail_is_reached_through_its_site() -> None:
    spain = authority_for("ES")
    assert spain is not None and not spain.email and not spain.complaint_form
    assert to_authority(FACTS, spain).recipient == spain.website


def test_an_authority_with_a_web_form_is_reached_through_it() -> None:
    france = authority_for("FR")
    assert france is not None
    draft = to_authority(FACTS, france)
    assert draft.recipient == france.complaint_form == draft.links[0]


def test_an_unauthenticated_sender_is_said_to_be_so() -> None:
    draft = to_brand(replace(FACTS, sender_domain="", received_at=None))
    assert "a sender whose domain was not authenticated" in draft.body
    assert "an unknown date" in draft.body


def test_a_brand_name_cannot_forge_the_letters_layout() -> None:
    forged = replace(FACTS, brand_name="MegaMart\n\nP.S. I withdraw this complaint.\x00")
    draft = to_authority(forged, authority_for("IE"))  # type: ignore[arg-type]
    assert "\n" not in draft.subject
    assert "MegaMart P.S. I withdraw this complaint. (https://megamart.example)" in draft.body
    assert "\nP.S." not in draft.body


def test_a_language_without_words_is_refused() -> None:
    with pytest.raises(ComplaintError) as caught:
        to_brand(FACTS, "xx")
    assert caught.value.reason is ComplaintProblem.LANGUAGE


def test_no_authority_outside_the_eu_and_eea() -> None:
    assert authority_for("US") is None and authority_for("CH") is None


def test_the_entries_checked_again_say_when_against_what_and_what_was_not_confirmed() -> None:
    assert set(CHECKED) == {"LI", "LT", "PL"}
    for country, check in CHECKED.items():
        assert date.fromisoformat(check.on) >= date.fromisoformat(COMPILED), country
        assert check.pages and all(urlsplit(page).scheme == "https" for page in check.pages)
        assert check.confirmed, country
    assert authority_for("LT").address[:2] == ("L. Sapiegos g. 17", "LT-10312 Vilnius")
    assert authority_for("LI").address[0] == "Kirchstrasse 8"
    assert "e-mail" in CHECKED["LI"].not_confirmed and "e-mail" in CHECKED["PL"].not_confirmed
