"""Answers to brands' own questions, kept in the real vault: scoped to the brand, with a
history and audit entries; validated against the question; shared, re-issued to that
brand only when edited, forgotten only once no active grant carries them."""

from __future__ import annotations

import pytest

from tests.support.brand_keys import BrandKeys, signed_request
from tests.support.clock import DAY, Clock
from tests.support.jose_reading import open_grant
from tests.support.specs import ORIGIN, OTHER_ORIGIN, request_spec
from tests.support.vault_rows import grant_tokens
from tests.vault.question_helpers import (
    ANSWERS,
    EVERY_TYPE,
    INJURY,
    SIZE,
    SURFACE,
    TERRAIN,
    question,
    quiz_ask,
)
from vault.changes import Changes
from vault.errors import (
    AnswerHeldByGrant,
    InvalidValue,
    ShareRefusal,
    ShareRefused,
    UnknownQuestion,
)
from vault.vault import Vault
from zpd.questions import check_answer
from zpd.request import read_verified


def import_quiz(vault: Vault, keys: BrandKeys, clock: Clock, *fields: dict[str, object],
                origin: str = ORIGIN) -> str:
    body = request_spec(origin=origin, name=f"Brand {origin}", asks=[quiz_ask(*fields)])
    compact = signed_request(keys, body, iat=clock.now, exp=clock.now + 30 * DAY)
    vault.brands.import_request(compact)
    return compact


def test_every_type_round_trips_to_the_brand_decrypted_by_jwcrypto(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    request = import_quiz(pv, keys, clock, *EVERY_TYPE)
    for key, value in ANSWERS.items():
        pv.answers.set(ORIGIN, key, value)
    result = pv.grants.share(ORIGIN, "quiz", fields=list(ANSWERS))

    claims = open_grant(result.token.compact, keys).claims
    asked = read_verified(request).body.ask("quiz")
    assert asked is not None
    # As the brand would check them, each against its question, with zpd's own function.
    checked = {
        key: check_answer(asked.field(key).question, value)  # type: ignore[union-attr]
        for key, value in claims["data"].items()
    }
    assert checked == {**ANSWERS, "q:surface": ["road", "trail"]}  # in the choices' order
    assert claims["data"]["q:next-race"] == "2027-04-18"
    assert claims["data"]["q:weekly-km"] == 42.5


def test_an_answer_is_a_field_of_one_brand_with_history_and_audit(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    import_quiz(pv, keys, clock, TERRAIN)
    import_quiz(pv, BrandKeys.generate(), clock, TERRAIN, origin=OTHER_ORIGIN)
    with pv.tracking() as seen:
        pv.answers.set(ORIGIN, "q:terrain", "hilly")
    assert seen.changes == Changes.FIELDS | Changes.AUDIT
    clock.advance(60)
    pv.answers.set(ORIGIN, "q:terrain", "mountain")
    pv.answers.set(OTHER_ORIGIN, "q:terrain", "flat")

    assert pv.answers.get(ORIGIN, "q:terrain").value == "mountain"  # type: ignore[union-attr]
    assert pv.answers.get(OTHER_ORIGIN, "q:terrain").value == "flat"  # type: ignore[union-attr]
    assert [e.value for e in pv.answers.history(ORIGIN, "q:terrain")] == ["hilly", "mountain"]
    assert [(a.brand_origin, a.value) for a in pv.answers.all()] == [
        (OTHER_ORIGIN, "flat"), (ORIGIN, "mountain")]
    entries = pv.audit.entries(action_prefix="answer.")
    assert [(e.action, e.details) for e in entries][-1] == (
        "answer.set", {"brand": ORIGIN, "field": "q:terrain"})
    assert all("mountain" not in str(e.details) for e in entries)  # never the value
    assert pv.audit.verify().ok
    # The question is kept as the brand asked it.
    assert pv.answers.get(ORIGIN, "q:terrain").question.label == (  # type: ignore[union-attr]
        "Which terrain do you prefer?")


def test_an_answer_that_does_not_fit_its_question_is_refused_and_changes_nothing(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    import_quiz(pv, keys, clock, *EVERY_TYPE)
    before = pv.audit.entries(limit=1)[0].seq
    bad = {"q:terrain": "desert", "q:surface": [], "q:weekly-km": "far",
           "q:races": "yes", "q:next-race": "2027-02-30", "q:goal": "\x1b[31m"}
    for key, value in bad.items():
        with pytest.raises(InvalidValue):
            pv.answers.set(ORIGIN, key, value)
    assert pv.answers.all() == []
    assert pv.audit.entries(limit=1)[0].seq == before
    with pytest.raises(UnknownQuestion):
        pv.answers.set(ORIGIN, "q:not-asked", "x")
    with pytest.raises(UnknownQuestion):
        pv.answers.set(OTHER_ORIGIN, "q:terrain", "flat")  # another brand's question


def test_typed_answers_are_read_as_their_question_says(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    import_quiz(pv, keys, clock, *EVERY_TYPE)
    typed = {"q:surface": "track, road", "q:weekly-km": "30", "q:races": "no",
             "q:next-race": "2027-05-01", "q:goal": "  sub-4 marathon ", "q:terrain": "flat"}
    stored = {key: pv.answers.set_from_text(ORIGIN, key, text) for key, text in typed.items()}
    assert stored == {"q:surface": ["road", "track"], "q:weekly-km": 30, "q:races": False,
                      "q:next-race": "2027-05-01", "q:goal": "sub-4 marathon",
                      "q:terrain": "flat"}


def test_a_required_question_left_unanswered_refuses_the_share(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    import_quiz(pv, keys, clock, SURFACE, TERRAIN)
    pv.fields.set("shoe_size_eu", 42)
    with pytest.raises(ShareRefused) as refused:
        pv.grants.share(ORIGIN, "quiz")
    assert refused.value.reason is ShareRefusal.NO_VALUE
    assert refused.value.fields == ["q:surface"]
    pv.answers.set(ORIGIN, "q:surface", ["trail"])
    grant = pv.grants.share(ORIGIN, "quiz").grant
    assert grant.fields == ("shoe_size_eu", "q:surface")
    assert grant.required_fields == ("q:surface",)


def test_a_saved_answer_that_no_longer_fits_the_brands_question_is_not_sent(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    import_quiz(pv, keys, clock, TERRAIN)
    pv.answers.set(ORIGIN, "q:terrain", "mountain")
    clock.advance(60)
    narrower = question("q:terrain", "Which terrain do you prefer?", "choice",
                        choices=["flat", "hilly"])
    import_quiz(pv, keys, clock, narrower)
    with pytest.raises(ShareRefused) as refused:
        pv.grants.share(ORIGIN, "quiz", fields=["q:terrain"])
    assert refused.value.reason is ShareRefusal.ANSWER_DOES_NOT_FIT
    assert pv.grants.listing() == []


def test_editing_an_answer_issues_the_next_version_to_that_brand_only(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    other_keys = BrandKeys.generate()
    import_quiz(pv, keys, clock, TERRAIN)
    import_quiz(pv, other_keys, clock, TERRAIN, origin=OTHER_ORIGIN)
    pv.fields.set("shoe_size_eu", 42)
    pv.answers.set(ORIGIN, "q:terrain", "hilly")
    pv.answers.set(OTHER_ORIGIN, "q:terrain", "flat")
    ours = pv.grants.share(ORIGIN, "quiz", fields=["shoe_size_eu", "q:terrain"]).grant
    theirs = pv.grants.share(OTHER_ORIGIN, "quiz", fields=["q:terrain"]).grant

    clock.advance(60)
    with pv.tracking() as seen:
        pv.answers.set(ORIGIN, "q:terrain", "mountain")
    assert Changes.GRANTS in seen.changes and Changes.OUTBOX in seen.changes
    assert pv.grants.get(ours.id).version == 2
    assert pv.grants.get(theirs.id).version == 1
    latest = open_grant(grant_tokens(pv, ours.id)[-1][2], keys).claims
    assert latest["data"] == {"shoe_size_eu": 42, "q:terrain": "mountain"}
    assert latest["grant"] == {"id": ours.id, "version": 2}
    assert open_grant(grant_tokens(pv, theirs.id)[-1][2], other_keys).claims["data"] == {
        "q:terrain": "flat"}

    # A catalogue field's change re-issues with the brand's answer still in the data.
    pv.fields.set("shoe_size_eu", 43)
    assert open_grant(grant_tokens(pv, ours.id)[-1][2], keys).claims["data"] == {
        "shoe_size_eu": 43, "q:terrain": "mountain"}


def test_an_answer_is_forgotten_only_once_no_active_grant_carries_it(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    import_quiz(pv, keys, clock, TERRAIN)
    pv.fields.set("shoe_size_eu", 42)
    pv.answers.set(ORIGIN, "q:terrain", "hilly")
    grant = pv.grants.share(ORIGIN, "quiz", fields=["shoe_size_eu", "q:terrain"]).grant
    with pytest.raises(AnswerHeldByGrant) as held:
        pv.answers.clear(ORIGIN, "q:terrain")  # optional in the ask, still carried
    assert held.value.grant_ids == [grant.id]
    assert pv.answers.get(ORIGIN, "q:terrain") is not None
    assert pv.grants.get(grant.id).version == 1

    pv.grants.revoke(grant.id)
    assert pv.answers.clear(ORIGIN, "q:terrain") is True
    assert pv.answers.get(ORIGIN, "q:terrain") is None
    assert [e.value for e in pv.answers.history(ORIGIN, "q:terrain")] == ["hilly", None]
    assert pv.answers.clear(ORIGIN, "q:terrain") is False
    assert pv.audit.entries(limit=1)[0].action == "answer.cleared"


def test_a_question_that_means_a_catalogue_field_proposes_its_value(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    import_quiz(pv, keys, clock, SIZE, TERRAIN)
    assert pv.answers.proposal(ORIGIN, "q:size") is None  # no shoe size kept yet
    pv.fields.set("shoe_size_eu", 42)
    assert pv.answers.proposal(ORIGIN, "q:size") == 42
    assert pv.answers.proposal(ORIGIN, "q:terrain") is None  # not linked
    pv.answers.set(ORIGIN, "q:size", 42)
    assert [(a.brand_origin, a.key) for a in pv.answers.linked_to("shoe_size_eu")] == [
        (ORIGIN, "q:size")]
    assert pv.answers.linked_to("favourite_colours") == []


def test_an_optional_question_the_vault_judges_special_is_shared_only_when_named(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    import_quiz(pv, keys, clock, INJURY, TERRAIN)  # INJURY: a health question called a taste
    pv.fields.set("shoe_size_eu", 42)
    pv.answers.set(ORIGIN, "q:injury", "a sore knee")
    pv.answers.set(ORIGIN, "q:terrain", "flat")
    assert pv.grants.share(ORIGIN, "quiz").grant.fields == ("shoe_size_eu", "q:terrain")
    named = pv.grants.share(ORIGIN, "quiz", fields=["shoe_size_eu", "q:injury"]).grant
    assert named.fields == ("shoe_size_eu", "q:injury")


def test_answers_survive_locking_and_the_brand_keeps_its_own(
    pv: Vault, keys: BrandKeys, clock: Clock, made_vault: object
) -> None:
    import_quiz(pv, keys, clock, TERRAIN)
    pv.answers.set(ORIGIN, "q:terrain", "hilly")
    pv.lock()
    reopened = made_vault.unlock()  # type: ignore[attr-defined]
    try:
        assert reopened.answers.get(ORIGIN, "q:terrain").value == "hilly"
    finally:
        reopened.lock()
