"""`zpv asks`, `zpv answer` and `zpv share` with brands' own questions, in a subprocess as
a person's shell runs them: the answer reaches the brand (read by jwcrypto), and a share
that lacks a required answer is refused with words that say what to do."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.support.brand_keys import BrandKeys, signed_request
from tests.support.cli import run_cli
from tests.support.clock import DAY
from tests.support.jose_reading import open_grant
from tests.support.specs import ORIGIN, request_spec
from tests.support.vaults import MadeVault
from tests.vault.question_helpers import GOAL, INJURY, SIZE, SURFACE, quiz_ask
from vault.vault import Vault


@pytest.fixture
def quizzed(made_vault: MadeVault, keys: BrandKeys) -> MadeVault:
    now = int(time.time())
    body = request_spec(asks=[quiz_ask(SURFACE, GOAL, INJURY, SIZE)])
    with Vault.unlock(made_vault.directory, made_vault.passphrase) as vault:
        vault.brands.import_request(signed_request(keys, body, iat=now - 60, exp=now + 30 * DAY))
        vault.fields.set("shoe_size_eu", 42)
    return made_vault


def test_asks_lists_each_question_with_the_vaults_judgement_and_the_answer(
    quizzed: MadeVault
) -> None:
    result = run_cli("asks", "Shoes", vault_dir=quizzed.directory)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "- q:surface (required): to know you" in out
    assert "question (multi_choice): Where do you run most?" in out
    assert "choices: road (Road), trail (Trail), track (Track)" in out
    assert "judged special-category (health)" in out
    assert ("note: the brand calls this question low-sensitivity; it asks about your health"
            in out)
    assert "not answered; your shoe_size_eu would answer it: 42" in out

    listed = json.loads(run_cli("asks", ORIGIN, "--json", vault_dir=quizzed.directory).stdout)
    injury = next(f for f in listed[0]["fields"] if f["key"] == "q:injury")["question"]
    assert (injury["declared_sensitivity"], injury["judged_sensitivity"]) == ("low", "special")
    assert injury["topics"] == ["health"] and injury["answer"] is None


def test_share_refuses_clearly_while_a_required_question_is_unanswered(
    quizzed: MadeVault
) -> None:
    refused = run_cli("share", "Shoes", "quiz", vault_dir=quizzed.directory)
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert "Shoes Example requires an answer to its question" in refused.stderr
    assert (f'"Where do you run most?" (q:surface): zpv answer {ORIGIN} q:surface VALUE'
            in refused.stderr)
    assert "Traceback" not in refused.stderr
    with Vault.unlock(quizzed.directory, quizzed.passphrase) as vault:
        assert vault.grants.listing() == []


def test_answer_then_share_sends_the_saved_answers(
    quizzed: MadeVault, keys: BrandKeys, tmp_path: Path
) -> None:
    answered = run_cli("answer", "Shoes", "q:surface", "trail,road", vault_dir=quizzed.directory)
    assert answered.returncode == 0, answered.stderr
    assert answered.stdout == "Shoes Example: Where do you run most? (q:surface) = road, trail\n"
    piped = run_cli("answer", "Shoes", "q:goal", "-", vault_dir=quizzed.directory,
                          stdin="A first ultra\n")
    assert piped.returncode == 0, piped.stderr

    token = tmp_path / "token.jwe"
    shared = run_cli("share", "Shoes", "quiz", "--out", str(token),
                     vault_dir=quizzed.directory)
    assert shared.returncode == 0, shared.stderr
    assert 'q:surface: your answer to "Where do you run most?"' in shared.stdout
    data = open_grant(token.read_text(), keys).claims["data"]
    assert data == {"shoe_size_eu": 42, "q:surface": ["road", "trail"],
                    "q:goal": "A first ultra"}

    knows = run_cli("knows", "Shoes", vault_dir=quizzed.directory).stdout
    assert "Where do you run most? (q:surface): road, trail" in knows


def test_a_bad_answer_or_question_is_one_clear_line_and_changes_nothing(
    quizzed: MadeVault
) -> None:
    bad = run_cli("answer", "Shoes", "q:surface", "beach", vault_dir=quizzed.directory)
    assert bad.returncode == 1 and "q:surface" in bad.stderr and bad.stderr.count("\n") == 1
    unknown = run_cli("answer", "Shoes", "q:nope", "x", vault_dir=quizzed.directory)
    assert unknown.returncode == 1
    assert unknown.stderr == f"zpv: {ORIGIN} asks no question q:nope (see 'zpv asks BRAND')\n"
    with Vault.unlock(quizzed.directory, quizzed.passphrase) as vault:
        assert vault.answers.all() == []


def test_a_linked_answer_says_which_field_it_means_and_forgetting_is_guarded(
    quizzed: MadeVault
) -> None:
    linked = run_cli("answer", "Shoes", "q:size", "43", vault_dir=quizzed.directory)
    assert "This question means your field shoe_size_eu (42)" in linked.stdout
    run_cli("answer", "Shoes", "q:surface", "road", vault_dir=quizzed.directory)
    assert run_cli("share", "Shoes", "quiz", vault_dir=quizzed.directory).returncode == 0
    held = run_cli("answer", "Shoes", "q:surface", "--clear", vault_dir=quizzed.directory)
    assert held.returncode == 1
    assert "your answer to q:surface is carried by 1 active grant(s)" in held.stderr
    history = run_cli("answer", "Shoes", "q:size", "--history", vault_dir=quizzed.directory)
    assert history.stdout.strip().endswith("  43")


def test_setting_a_field_names_the_answers_linked_to_it(quizzed: MadeVault) -> None:
    run_cli("answer", "Shoes", "q:size", "42", vault_dir=quizzed.directory)
    same = run_cli("set", "shoe_size_eu", "42", vault_dir=quizzed.directory)
    assert same.stdout == "shoe_size_eu = 42\n"
    other = run_cli("set", "shoe_size_eu", "44", vault_dir=quizzed.directory)
    assert other.stdout.splitlines()[1] == (
        f'Your answer to "Your shoe size (EU)" (q:size) of {ORIGIN} means this field and is '
        f"42; to change it as well: zpv answer {ORIGIN} q:size VALUE")
