"""A request with a bad brand question is refused at import with its reason, and nothing
of it is kept; a label's bidi control is allowed and revealed wherever `zpv` shows it."""

from __future__ import annotations

import copy
import time
from typing import Any

import pytest

from tests.support.brand_keys import BrandKeys, jwcrypto_request, signed_request
from tests.support.cli import run_cli
from tests.support.clock import DAY, Clock
from tests.support.specs import request_spec
from tests.support.vault_rows import counts
from tests.support.vaults import MadeVault
from tests.vault.question_helpers import GOAL, TERRAIN, question, quiz_ask
from vault.vault import Vault
from zpd.errors import RequestInvalid


def with_question(field: dict[str, Any]) -> dict[str, Any]:
    return request_spec(asks=[quiz_ask(field)])


def changed(base: dict[str, Any], **members: Any) -> dict[str, Any]:
    field = copy.deepcopy(base)
    field["question"].update(members)
    return field


def unchecked(keys: BrandKeys, body: dict[str, Any], now: int) -> str:
    """Signed by jwcrypto alone, with no check of the spec, as a careless brand's code would."""
    return jwcrypto_request(keys, body, iat=now, exp=now + 30 * DAY)


def many_choices(count: int) -> list[dict[str, str]]:
    return [{"value": f"c{i}", "label": f"Choice {i}"} for i in range(count)]


BAD = {
    "unknown type": (changed(GOAL, type="colour"), "bad_question_type"),
    "1 choice": (changed(TERRAIN, choices=many_choices(1)), "bad_choices"),
    "51 choices": (changed(TERRAIN, choices=many_choices(51)), "bad_choices"),
    "duplicate values": (changed(TERRAIN, choices=[{"value": "a", "label": "A"},
                                                   {"value": "a", "label": "B"}]),
                         "duplicate_choice"),
    "a label of 10,000 characters": (changed(GOAL, label="x" * 10_000), "bad_label"),
    "markup": (changed(GOAL, label="Your <b>goal</b>?"), "markup_in_label"),
    "same_as naming no catalogue field": (changed(GOAL, same_as="shoe_size_us"),
                                          "bad_same_as"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_question_is_refused_at_import_and_nothing_is_kept(
    pv: Vault, keys: BrandKeys, clock: Clock, case: str
) -> None:
    field, reason = BAD[case]
    before = counts(pv)
    with pytest.raises(RequestInvalid) as refused:
        pv.brands.import_request(unchecked(keys, with_question(field), clock.now))
    assert refused.value.reason == reason
    assert counts(pv) == before


def test_101_fields_in_one_ask_are_refused(pv: Vault, keys: BrandKeys, clock: Clock) -> None:
    fields = [question(f"q:n{i}", f"Question {i}", "text") for i in range(100)]
    ask = quiz_ask(*fields)  # the shoe size and 100 questions
    with pytest.raises(RequestInvalid) as refused:
        pv.brands.import_request(unchecked(keys, request_spec(asks=[ask]), clock.now))
    assert refused.value.reason == "bad_member" and "fields" in refused.value.detail
    assert pv.brands.all() == []


def test_a_bidi_control_in_a_label_is_allowed_and_revealed(
    made_vault: MadeVault, keys: BrandKeys
) -> None:
    now = int(time.time())
    field = changed(GOAL, label="Your goal \u202eraey siht")
    with Vault.unlock(made_vault.directory, made_vault.passphrase) as vault:
        vault.brands.import_request(signed_request(keys, with_question(field), iat=now - 60,
                                                   exp=now + 30 * DAY))
    shown = run_cli("asks", "Shoes", vault_dir=made_vault.directory)
    assert shown.returncode == 0, shown.stderr
    assert "question (text): Your goal ⟦U+202E⟧raey siht" in shown.stdout
    assert "\u202e" not in shown.stdout
