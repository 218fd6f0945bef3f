"""`zpv-brand` on protocol v1.1: requests with questions (and what is wrong with a bad one),
tokens whose answers are checked (and which answer does not fit), pause and resume events."""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path
from typing import Any

import pytest

from tests.support.people import ORIGIN, Person, spec
from zpd.example_specs import RUN_SURFACE
from zpd.request import DataRequest, verify_request

from .test_cli import assert_one_line_error, zpv_brand


def spec_v11() -> dict[str, Any]:
    document = spec()
    document["asks"][0]["fields"].append(copy.deepcopy(RUN_SURFACE))
    document["return_uri"] = f"{ORIGIN}/thanks"
    document["endpoints"]["receipts"] = f"{ORIGIN}/zpd/receipts"
    document["processors"] = ["esp.example"]
    return document


@pytest.fixture(scope="module")
def brand(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, DataRequest]:
    root = tmp_path_factory.mktemp("brand")
    assert zpv_brand("keygen", "--keys", str(root / "keys")).returncode == 0
    (root / "spec.json").write_text(json.dumps(spec_v11()))
    out = root / "request.jws"
    result = zpv_brand("request", "--keys", str(root / "keys"), str(root / "spec.json"),
                       "--out", str(out))
    assert result.returncode == 0, result.stderr
    return root / "keys", out, verify_request(out.read_text(), int(time.time()))


def test_a_request_carries_the_question_and_the_v11_claims(
    brand: tuple[Path, Path, DataRequest]
) -> None:
    _, _, request = brand
    ask = request.body.ask("fit-advice")
    assert ask is not None and [q.key for q in ask.questions] == ["q:run-surface"]
    assert request.return_uri == f"{ORIGIN}/thanks" and request.processors == ("esp.example",)
    assert request.body.receipts_endpoint == f"{ORIGIN}/zpd/receipts"


@pytest.mark.parametrize(("change", "words"), [
    (("label", "Where do you <b>run</b>?"),
     ["asks[0].fields[2].question.label", "markup_in_label"]),
    (("type", "slider"), ["asks[0].fields[2].question.type", "bad_question_type"]),
    (("choices", [{"value": "road", "label": "Road"}]), ["bad_choices", "2 to 50"]),
    (("same_as", "shoe_size"), ["bad_same_as", "'shoe_size'"]),
])
def test_a_bad_question_is_refused_with_its_reason(
    tmp_path: Path, brand: tuple[Path, Path, DataRequest], change: tuple[str, object],
    words: list[str],
) -> None:
    keys_dir, _, _ = brand
    document = spec_v11()
    document["asks"][0]["fields"][2]["question"][change[0]] = change[1]
    (tmp_path / "spec.json").write_text(json.dumps(document))
    result = zpv_brand("request", "--keys", str(keys_dir), str(tmp_path / "spec.json"),
                       "--out", str(tmp_path / "out.jws"))
    assert_one_line_error(result, 1, "request spec", *words)
    assert not (tmp_path / "out.jws").exists()


def test_an_issuer_not_written_canonically_is_refused(
    tmp_path: Path, brand: tuple[Path, Path, DataRequest]
) -> None:
    keys_dir, _, _ = brand
    (tmp_path / "spec.json").write_text(json.dumps({**spec(), "iss": ORIGIN + "/"}))
    result = zpv_brand("request", "--keys", str(keys_dir), str(tmp_path / "spec.json"),
                       "--out", "-")
    assert_one_line_error(result, 1, "non_canonical_issuer", repr(ORIGIN))


def test_verify_checks_each_answer_and_names_the_one_that_does_not_fit(
    tmp_path: Path, brand: tuple[Path, Path, DataRequest]
) -> None:
    keys_dir, request_file, request = brand
    now = int(time.time())
    good = Person().token(request, iat=now, data={"shoe_size_eu": 42,
                                                  "q:run-surface": ["track", "road"]})
    result = zpv_brand("verify", "--keys", str(keys_dir), "-", "--request", str(request_file),
                       stdin=good)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["data"] == {"shoe_size_eu": 42,
                                                 "q:run-surface": ["road", "track"]}
    bad = Person().token(request, iat=now, data={"shoe_size_eu": 42,
                                                 "q:run-surface": ["road", "beach"]})
    result = zpv_brand("verify", "--keys", str(keys_dir), "-", "--request", str(request_file),
                       stdin=bad)
    assert_one_line_error(result, 1, "share token rejected", "bad_value",
                          "data.q:run-surface: not_a_choice", "road, trail, track",
                          "[invalid_request]")


@pytest.mark.parametrize(("kind", "name"), [("urn:zpd:event:grant-paused", "pause"),
                                            ("urn:zpd:event:grant-resumed", "resume")])
def test_verify_a_pause_or_resume_event(
    tmp_path: Path, brand: tuple[Path, Path, DataRequest], kind: str, name: str
) -> None:
    keys_dir, request_file, _ = brand
    alice, bob = Person(), Person()
    now = int(time.time())
    (tmp_path / "alice.jwk").write_text(json.dumps(alice.public_jwk))
    (tmp_path / "event").write_text(alice.grant_event(kind, "g-7", iat=now))
    result = zpv_brand("verify", "--keys", str(keys_dir), str(tmp_path / "event"),
                       "--request", str(request_file), "--pinned", str(tmp_path / "alice.jwk"))
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert (shown["kind"], shown["grant"], "reason" in shown) == (name, {"id": "g-7"}, False)
    (tmp_path / "forged").write_text(bob.grant_event(kind, "g-7", iat=now))
    result = zpv_brand("verify", "--keys", str(keys_dir), str(tmp_path / "forged"),
                       "--origin", ORIGIN, "--pinned", str(tmp_path / "alice.jwk"))
    assert_one_line_error(result, 1, f"{name} event rejected", "bad_signature")
