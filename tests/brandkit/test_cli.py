"""`zpv-brand` in a subprocess, as a brand's shell or script runs it."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from brandkit.keys import load_keys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqliteStorage
from tests.support.people import DAY, ORIGIN, Person, spec
from tests.support.vaults import PROJECT_ROOT
from zpd.request import DataRequest, verify_request


def zpv_brand(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "brandkit", *args], capture_output=True, text=True,
        input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
        cwd=PROJECT_ROOT, timeout=60, env={**os.environ, "PYTHONWARNINGS": "error"},
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    assert result.returncode == code, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("zpv-brand: ")
    for word in words:
        assert word in lines[0]


@pytest.fixture(scope="module")
def brand(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, DataRequest]:
    """A key directory and a request signed by the CLI: (keys dir, request file, request)."""
    root = tmp_path_factory.mktemp("brand")
    assert zpv_brand("keygen", "--keys", str(root / "keys")).returncode == 0
    (root / "spec.json").write_text(json.dumps(spec()))
    out = root / "request.jws"
    result = zpv_brand("request", "--keys", str(root / "keys"), str(root / "spec.json"),
                       "--out", str(out), "--days", "30")
    assert result.returncode == 0, result.stderr
    return root / "keys", out, verify_request(out.read_text(), int(time.time()))


def test_keygen_prints_the_public_jwks(tmp_path: Path) -> None:
    result = zpv_brand("keygen", "--keys", str(tmp_path / "k"))
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert printed == json.loads((tmp_path / "k" / "jwks.json").read_text())
    assert printed == load_keys(tmp_path / "k").public_jwks()
    assert all("d" not in key for key in printed["keys"])
    for name in ("signing.jwk", "encryption.jwk"):
        assert stat.S_IMODE((tmp_path / "k" / name).stat().st_mode) == 0o600


def test_keygen_refuses_to_overwrite(tmp_path: Path) -> None:
    zpv_brand("keygen", "--keys", str(tmp_path))
    before = (tmp_path / "signing.jwk").read_bytes()
    result = zpv_brand("keygen", "--keys", str(tmp_path))
    assert_one_line_error(result, 3, "already holds keys", "not overwritten")
    assert (tmp_path / "signing.jwk").read_bytes() == before


def test_request_is_signed_for_the_given_days(brand: tuple[Path, Path, DataRequest]) -> None:
    keys_dir, out, request = brand
    assert request.exp - request.iat == 30 * DAY
    assert abs(request.iat - time.time()) < 120
    assert request.key_ids == (load_keys(keys_dir).signing_kid, load_keys(keys_dir).encryption_kid)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_request_spec_error_is_one_precise_line(
    tmp_path: Path, brand: tuple[Path, Path, DataRequest]
) -> None:
    keys_dir, _, _ = brand
    document = spec()
    document["asks"][0]["offer"]["kind"] = "lottery"
    (tmp_path / "spec.json").write_text(json.dumps(document))
    result = zpv_brand("request", "--keys", str(keys_dir), str(tmp_path / "spec.json"),
                       "--out", str(tmp_path / "out.jws"))
    assert_one_line_error(result, 1, "asks[0].offer.kind", "'lottery'", "bad_offer")
    assert not (tmp_path / "out.jws").exists()


def test_request_bad_json_names_the_line(
    tmp_path: Path, brand: tuple[Path, Path, DataRequest]
) -> None:
    keys_dir, _, _ = brand
    (tmp_path / "spec.json").write_text('{\n  "iss": "https://shoes.example",,\n}')
    result = zpv_brand("request", "--keys", str(keys_dir), str(tmp_path / "spec.json"),
                       "--out", str(tmp_path / "out.jws"))
    assert_one_line_error(result, 1, "bad_json", "line 2 column 34")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--days", "0"], ["--days must be between 1 and 36500"]),
        (["--out", "/nonexistent-dir/x.jws", "MISSING"], ["cannot read MISSING"]),
    ],
)
def test_request_usage_errors(
    brand: tuple[Path, Path, DataRequest], args: list[str], words: list[str]
) -> None:
    keys_dir, _, _ = brand
    spec_file = args.pop() if args[-1] == "MISSING" else str(keys_dir.parent / "spec.json")
    result = zpv_brand("request", "--keys", str(keys_dir), spec_file, "--out", "-", *args)
    assert_one_line_error(result, 2, *words)


def test_request_without_keys(tmp_path: Path) -> None:
    (tmp_path / "spec.json").write_text(json.dumps(spec()))
    result = zpv_brand("request", "--keys", str(tmp_path / "none"), str(tmp_path / "spec.json"),
                       "--out", "-")
    assert_one_line_error(result, 3, "no brand keys", "signing.jwk")


def test_verify_token_with_the_request_file(
    tmp_path: Path, brand: tuple[Path, Path, DataRequest]
) -> None:
    keys_dir, request_file, request = brand
    alice = Person()
    now = int(time.time())
    token = alice.token(request, iat=now, exp=now + 9 * DAY, version=2,
                        data={"shoe_size_eu": 42, "favourite_colours": ["green", "navy"]})
    (tmp_path / "token.jwe").write_text(token + "\n")
    result = zpv_brand("verify", "--keys", str(keys_dir), str(tmp_path / "token.jwe"),
                       "--request", str(request_file))
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["kind"] == "share_token"
    assert shown["pseudonym"] == alice.pseudonym
    assert shown["grant"] == {"id": "grant-1", "version": 2}
    assert shown["purpose"]["iri"] == "https://w3id.org/dpv#ServicePersonalisation"
    assert shown["data"] == {"shoe_size_eu": 42, "favourite_colours": ["navy", "green"]}
    assert shown["expires"] == now + 9 * DAY
    assert shown["request"]["checked"] is True
    # --origin instead: verified, but not checked against a request
    result = zpv_brand("verify", "--keys", str(keys_dir), "-", "--origin", ORIGIN, stdin=token)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["request"]["checked"] is False


@pytest.mark.parametrize(
    ("options", "args", "words"),
    [
        ({}, ["--origin", "https://boots.example"], ["share token rejected", "wrong_audience",
                                                       "[invalid_audience]"]),
        ({"data": {"shoe_size_eu": 42, "email": "a@b.example"}}, [],
         ["field_not_asked", "data.email"]),
        ({"expired": True}, [], ["expired"]),
    ],
    ids=["audience", "field", "expired"],
)
def test_verify_token_rejections(
    tmp_path: Path, brand: tuple[Path, Path, DataRequest], options: dict[str, object],
    args: list[str], words: list[str],
) -> None:
    keys_dir, request_file, request = brand
    now = int(time.time())
    expired = options.pop("expired", False)
    times = {"iat": now - 9 * DAY, "exp": now - DAY} if expired else {"iat": now}
    (tmp_path / "t").write_text(Person().token(request, **options, **times))
    result = zpv_brand("verify", "--keys", str(keys_dir), str(tmp_path / "t"),
                       *(args or ["--request", str(request_file)]))
    assert_one_line_error(result, 1, *words)


def test_verify_garbage(tmp_path: Path, brand: tuple[Path, Path, DataRequest]) -> None:
    keys_dir, _, _ = brand
    (tmp_path / "t").write_text("hello.world")
    result = zpv_brand("verify", "--keys", str(keys_dir), str(tmp_path / "t"),
                       "--origin", ORIGIN)
    assert_one_line_error(result, 1, "not_compact")


def test_verify_event_with_a_pinned_key_file(
    tmp_path: Path, brand: tuple[Path, Path, DataRequest]
) -> None:
    keys_dir, request_file, _ = brand
    alice, bob = Person(), Person()
    now = int(time.time())
    (tmp_path / "alice.jwk").write_text(json.dumps(alice.public_jwk))
    (tmp_path / "event").write_text(alice.revocation("g-7", iat=now))
    result = zpv_brand("verify", "--keys", str(keys_dir), str(tmp_path / "event"),
                       "--request", str(request_file), "--pinned", str(tmp_path / "alice.jwk"))
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert (shown["kind"], shown["pseudonym"], shown["grant"]) == (
        "revocation", alice.pseudonym, {"id": "g-7"}
    )
    (tmp_path / "forged").write_text(alice.revocation("g-7", iat=now, signer=bob.key))
    result = zpv_brand("verify", "--keys", str(keys_dir), str(tmp_path / "forged"),
                       "--origin", ORIGIN, "--pinned", str(tmp_path / "alice.jwk"))
    assert_one_line_error(result, 1, "revocation event rejected", "bad_signature")


def test_verify_event_against_a_receiver_database(
    tmp_path: Path, brand: tuple[Path, Path, DataRequest]
) -> None:
    keys_dir, request_file, request = brand
    alice = Person()
    now = int(time.time())
    storage = SqliteStorage(tmp_path / "receiver.sqlite3")
    receiver = Receiver(load_keys(keys_dir), storage, ORIGIN)
    receiver.register_issued_request(request_file.read_text())
    receiver.receive_token(alice.token(request, iat=now), now)
    storage.close()
    (tmp_path / "event").write_text(alice.revocation(iat=now))
    db = str(tmp_path / "receiver.sqlite3")
    result = zpv_brand("verify", "--keys", str(keys_dir), str(tmp_path / "event"),
                       "--origin", ORIGIN, "--db", db)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["pseudonym"] == alice.pseudonym
    # a token is checked against the request it names in the database
    (tmp_path / "token").write_text(alice.token(request, iat=now, data={"email": "a@b.example"}))
    result = zpv_brand("verify", "--keys", str(keys_dir), str(tmp_path / "token"),
                       "--origin", ORIGIN, "--db", db)
    assert_one_line_error(result, 1, "field_not_asked")
    # an issuer the database never saw
    (tmp_path / "stranger").write_text(Person().revocation(iat=now))
    result = zpv_brand("verify", "--keys", str(keys_dir), str(tmp_path / "stranger"),
                       "--origin", ORIGIN, "--db", db)
    assert_one_line_error(result, 1, "unknown_issuer")


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--origin", ORIGIN], 2, ["needs --pinned JWK_FILE or --db FILE"]),
        (["--origin", "https://shoes.example/path", "--pinned", "x"], 2, ["--origin"]),
        (["--origin", ORIGIN, "--pinned", "/nonexistent.jwk"], 2, ["--pinned"]),
        (["--origin", ORIGIN, "--db", "/nonexistent.sqlite3"], 3, ["no receiver database"]),
    ],
)
def test_verify_event_usage(
    tmp_path: Path, brand: tuple[Path, Path, DataRequest], args: list[str], code: int,
    words: list[str],
) -> None:
    keys_dir, _, _ = brand
    (tmp_path / "event").write_text(Person().revocation(iat=int(time.time())))
    result = zpv_brand("verify", "--keys", str(keys_dir), str(tmp_path / "event"), *args)
    assert_one_line_error(result, code, *words)


def test_verify_needs_an_audience(brand: tuple[Path, Path, DataRequest]) -> None:
    keys_dir, request_file, _ = brand
    result = zpv_brand("verify", "--keys", str(keys_dir), str(request_file))
    assert result.returncode == 2
    assert "one of the arguments --origin --request is required" in result.stderr


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "zpv-brand"
    result = subprocess.run([str(script), "verify", "--help"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0
    assert "--request FILE" in result.stdout and "audience" in result.stdout
