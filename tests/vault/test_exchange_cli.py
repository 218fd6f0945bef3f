"""`zpv` exchange commands in a subprocess, as a person's shell runs them (no terminal).

What `--out` writes is read by jwcrypto exactly as a brand would receive it;
errors are one line on stderr starting "zpv: ", without a traceback, exit code 1.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.brand_keys import BrandKeys, signed_request
from tests.support.cli import run_cli
from tests.support.clock import DAY
from tests.support.jose_reading import REVOKED_EVENT, open_grant, segment_json, verify_jws
from tests.support.specs import ORIGIN, OTHER_ORIGIN, fit_ask, news_ask, request_spec
from tests.support.vault_rows import grant_tokens
from tests.support.vaults import MadeVault
from vault.exchange.brands import RequestSource
from vault.vault import Vault


def unlocked(made: MadeVault) -> Vault:
    return Vault.unlock(made.directory, made.passphrase)


def fresh_request(keys: BrandKeys, body: dict[str, Any] | None = None) -> str:
    now = int(time.time())
    return signed_request(keys, body or request_spec(), iat=now - 60, exp=now + 30 * DAY)


def ok_json(*args: str, vault_dir: Path) -> Any:
    result = run_cli(*args, "--json", vault_dir=vault_dir)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def assert_one_line_error(result: Any, *words: str) -> None:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.startswith("zpv: ")
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n")
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.fixture
def filled(made_vault: MadeVault) -> MadeVault:
    with unlocked(made_vault) as vault:
        vault.fields.set("shoe_size_eu", 42)
        vault.fields.set("favourite_colours", ["black", "navy"])
        vault.fields.set("contact_channels", ["email"])
    return made_vault


@pytest.fixture
def shared(filled: MadeVault, keys: BrandKeys) -> Iterator[tuple[MadeVault, str]]:
    """A vault with the shoe brand's request imported and one grant made (through the API)."""
    with unlocked(filled) as vault:
        vault.brands.import_request(fresh_request(keys))
        grant_id = vault.grants.share(ORIGIN, "fit-advice").grant.id
    yield filled, grant_id


@pytest.mark.slow
def test_the_whole_exchange_through_the_cli(
    filled: MadeVault, keys: BrandKeys, tmp_path: Path
) -> None:
    directory = filled.directory
    compact = fresh_request(keys)
    request_file = tmp_path / "request.jwt"
    request_file.write_text("\n" + compact + "\n\n")

    imported = run_cli("request", "import", str(request_file), vault_dir=directory)
    assert imported.returncode == 0, imported.stderr
    assert "Shoes Example" in imported.stdout and "Not verified" in imported.stdout

    assert ok_json("brands", vault_dir=directory) == [
        {"origin": ORIGIN, "name": "Shoes Example", "domain_verified": False,
         "home": "public", "active_grants": 0},
    ]
    asks = ok_json("asks", "shoes", vault_dir=directory)  # a name prefix, any case
    assert [a["id"] for a in asks] == ["fit-advice", "newsletter"]
    assert asks[0]["fields"][0] == {"key": "shoe_size_eu", "required": True,
                                    "why": "to pick your size"}
    by_origin = run_cli("asks", ORIGIN, vault_dir=directory)
    assert by_origin.returncode == 0 and "allergies (optional)" in by_origin.stdout
    assert "[special category]" in by_origin.stdout

    token_file = tmp_path / "token.jwe"
    grant = ok_json("share", "Shoes", "fit-advice", "--fields", "shoe_size_eu,favourite_colours",
                    "--days", "10", "--out", str(token_file), vault_dir=directory)
    assert grant["fields"] == ["shoe_size_eu", "favourite_colours"]
    assert grant["expires_at"] == grant["created_at"] + 10 * DAY
    assert grant["status"] == "active" and grant["version"] == 1

    with unlocked(filled) as vault:
        [(jti, _, sent)] = grant_tokens(vault, grant["id"])
    assert token_file.read_bytes() == sent.encode("ascii")
    opened = open_grant(token_file.read_text(), keys)  # as read, not stripped
    assert opened.claims["jti"] == jti and opened.claims["exp"] == grant["expires_at"]
    assert opened.claims["data"] == {"shoe_size_eu": 42, "favourite_colours": ["black", "navy"]}

    [listed] = ok_json("grants", "--brand", "Shoes", "--status", "active", vault_dir=directory)
    assert listed["id"] == grant["id"] and listed["ask"] == "fit-advice"
    assert ok_json("grants", "--status", "revoked", vault_dir=directory) == []
    knows = ok_json("knows", ORIGIN, vault_dir=directory)
    assert knows["brand"] == ORIGIN
    [held] = knows["grants"]
    assert held["data"] == {"shoe_size_eu": 42, "favourite_colours": ["black", "navy"]}
    assert held["status"] == "active"

    event_file = tmp_path / "event.jwt"
    revoked = run_cli("revoke", grant["id"][:8], "--out", str(event_file), vault_dir=directory)
    assert revoked.returncode == 0, revoked.stderr
    assert grant["id"] in revoked.stdout
    event_text = event_file.read_text()
    assert "\n" not in event_text and event_text.count(".") == 2
    claims = verify_jws(event_text, opened.pairwise)
    assert claims["events"] == {REVOKED_EVENT: {"grant": grant["id"], "reason": "person"}}
    assert claims["iss"] == opened.claims["iss"]

    [gone] = ok_json("grants", "--brand", ORIGIN, "--status", "revoked", vault_dir=directory)
    assert gone["id"] == grant["id"]
    assert ok_json("knows", "Shoes", vault_dir=directory)["grants"][0]["status"] == "revoked"

    records_file = tmp_path / "records.json"
    exported = run_cli("records", "export", "--out", str(records_file), vault_dir=directory)
    assert exported.returncode == 0, exported.stderr
    [record] = json.loads(records_file.read_text())["records"]
    assert record["record_id"] == grant["id"]
    assert record["consent"]["state"] == "https://w3id.org/dpv#ConsentWithdrawn"
    assert record["notice"]["signed_by_controller"] == compact
    assert verify_jws(record["notice"]["signed_by_controller"], keys.signing)["iss"] == ORIGIN
    assert [e["type"] for e in record["events"]] == ["given", "withdrawn"]
    assert record["events"][1]["signed_by_principal"] == event_text


def test_request_import_from_stdin_is_pasted_text(made_vault: MadeVault, keys: BrandKeys) -> None:
    compact = fresh_request(keys)
    result = run_cli("request", "import", "-", "--json", vault_dir=made_vault.directory,
                           stdin="  " + compact + "\n")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["brand"] == ORIGIN and report["new_brand"] is True
    assert report["domain_verified"] is False
    assert report["request"] == segment_json(compact, 1)["jti"]
    with unlocked(made_vault) as vault:
        latest = vault.brands.latest_request(ORIGIN)
    assert latest is not None and latest.source is RequestSource.TEXT
    assert latest.request.jws == compact


def test_ambiguous_brand_prefix_is_one_line_error(made_vault: MadeVault, tmp_path: Path) -> None:
    with unlocked(made_vault) as vault:
        vault.brands.import_request(fresh_request(BrandKeys.generate()))
        vault.brands.import_request(
            fresh_request(BrandKeys.generate(), request_spec(OTHER_ORIGIN, "Shoes Outlet",
                                                             [fit_ask()]))
        )
    ambiguous = run_cli("asks", "Shoes", vault_dir=made_vault.directory)
    assert_one_line_error(ambiguous, "Shoes Example", "Shoes Outlet")
    unique = ok_json("asks", "shoes o", vault_dir=made_vault.directory)
    assert [a["id"] for a in unique] == ["fit-advice"]


def test_changed_keys_are_refused_until_accepted(made_vault: MadeVault, tmp_path: Path) -> None:
    with unlocked(made_vault) as vault:
        vault.brands.import_request(fresh_request(BrandKeys.generate()))
    rotated = tmp_path / "rotated.jwt"
    rotated.write_text(fresh_request(BrandKeys.generate(), request_spec(asks=[news_ask()])))
    refused = run_cli("request", "import", str(rotated), vault_dir=made_vault.directory)
    assert_one_line_error(refused, ORIGIN, "--accept-new-keys")
    accepted = run_cli("request", "import", str(rotated), "--accept-new-keys", "--json",
                       vault_dir=made_vault.directory)
    assert accepted.returncode == 0, accepted.stderr
    assert json.loads(accepted.stdout)["keys_replaced"] is True


def test_invalid_request_is_one_line_error(
    made_vault: MadeVault, keys: BrandKeys, tmp_path: Path
) -> None:
    expired = tmp_path / "expired.jwt"
    expired.write_text(signed_request(keys, request_spec(), iat=1_000_000, exp=2_000_000))
    result = run_cli("request", "import", str(expired), vault_dir=made_vault.directory)
    assert_one_line_error(result, "not a valid data request", "expired")
    garbage = run_cli("request", "import", "-", vault_dir=made_vault.directory,
                            stdin="not a request at all")
    assert_one_line_error(garbage, "not a valid data request")
    with unlocked(made_vault) as vault:
        assert vault.brands.all() == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("share", "Shoes", "fit-advice", "--fields", "favourite_colours"), ["shoe_size_eu"]),
        (("share", "Shoes", "fit-advice", "--fields", "shoe_size_eu,diet"), ["diet"]),
        (("share", "Shoes", "fit-advice", "--days", "365"), ["90 days"]),
        (("share", "Shoes", "loyalty"), ["loyalty"]),
        (("share", "Books", "fit-advice"), ["Books"]),
        (("revoke", "zzzzzzzz"), ["zzzzzzzz"]),
        (("knows", "https://nobody.example"), ["nobody.example"]),
        (("grants", "--brand", "Nobody"), ["Nobody"]),
        (("clear", "shoe_size_eu"), ["shoe_size_eu", "revoke"]),
    ],
)
def test_exchange_errors_are_one_line(
    shared: tuple[MadeVault, str], args: tuple[str, ...], words: list[str]
) -> None:
    made, _ = shared
    assert_one_line_error(run_cli(*args, vault_dir=made.directory), *words)


def test_revoking_twice_is_one_line_error(shared: tuple[MadeVault, str], tmp_path: Path) -> None:
    made, grant_id = shared
    first = run_cli("revoke", grant_id, vault_dir=made.directory)
    assert first.returncode == 0, first.stderr
    out = tmp_path / "again.jwt"
    again = run_cli("revoke", grant_id, "--out", str(out), vault_dir=made.directory)
    assert_one_line_error(again, "already revoked")
    assert not out.exists()


def test_hidden_characters_in_a_brand_name_are_revealed_on_the_terminal(
    made_vault: MadeVault, tmp_path: Path
) -> None:
    now = int(time.time())
    body = request_spec(name="Shoes\u202eelpmaxe\u200b\x1b[31m")
    request = signed_request(BrandKeys.generate(), body, iat=now, exp=now + DAY)
    path = tmp_path / "request.jws"
    path.write_text(request)
    assert run_cli("request", "import", str(path), vault_dir=made_vault.directory).returncode == 0
    shown = run_cli("brands", vault_dir=made_vault.directory).stdout
    assert "\u202e" not in shown and "\x1b" not in shown and "\u200b" not in shown
    assert "⟦U+202E⟧" in shown and "⟦U+001B⟧" in shown


@pytest.mark.slow
def test_the_import_says_where_the_brand_lives_and_when_a_request_is_older(
    made_vault: MadeVault, keys: BrandKeys, tmp_path: Path
) -> None:
    now = int(time.time())
    local = tmp_path / "printer.jws"
    local.write_text(signed_request(BrandKeys.generate(), request_spec("https://printer.local"),
                                    iat=now, exp=now + DAY))
    shown = run_cli("request", "import", str(local), vault_dir=made_vault.directory)
    assert shown.returncode == 0, shown.stderr
    assert "On the local network: https://printer.local is not a site on the internet" in (
        shown.stdout)
    assert "so the vault sends nothing there: fetch the request from that address" in (
        shown.stdout)
    with unlocked(made_vault) as vault:
        vault.brands.import_request(fresh_request(keys), RequestSource.WEB, expected_origin=ORIGIN)
    older = tmp_path / "older.jws"
    older.write_text(signed_request(keys, request_spec(), iat=now - 300 * DAY, exp=now + DAY))
    result = run_cli("request", "import", str(older), vault_dir=made_vault.directory)
    assert result.returncode == 0, result.stderr
    assert "older than the one you already have" in result.stdout
    assert "Domain verified: fetched over a secure connection from https://shoes.example" in (
        result.stdout)
    report = ok_json("request", "import", str(older), vault_dir=made_vault.directory)
    assert report["outdated"] is True and report["home"] == "public"
    listed = run_cli("brands", vault_dir=made_vault.directory).stdout
    assert "[unverified, local network]" in listed and "[verified]" in listed


@pytest.mark.slow
def test_commands_that_show_grants_expire_them_first_and_others_write_nothing(
    filled: MadeVault, keys: BrandKeys
) -> None:
    """Reading never ends a grant: `zpv audit` leaves one past its end as it is; the
    commands that show grants mark it expired before they do."""
    three_days_ago = int(time.time()) - 3 * DAY
    with Vault.unlock(filled.directory, filled.passphrase,
                      clock=lambda: three_days_ago) as vault:
        vault.brands.import_request(signed_request(keys, request_spec(), iat=three_days_ago,
                                                   exp=three_days_ago + 30 * DAY))
        grant_id = vault.grants.share(ORIGIN, "fit-advice", days=1).grant.id
    before = [e["action"] for e in ok_json("audit", vault_dir=filled.directory)]
    assert "grant.expired" not in before
    [shown] = ok_json("grants", vault_dir=filled.directory)
    assert (shown["id"], shown["status"]) == (grant_id, "expired")
    after = [e["action"] for e in ok_json("audit", vault_dir=filled.directory)]
    assert after[0] == "grant.expired" and after[1:] == before


def test_asks_with_a_brand_question_are_listed(made_vault: MadeVault, keys: BrandKeys) -> None:
    """A v1.1 request may ask a question of the brand's own (a q: key): listed, never a crash."""
    from zpd.example_specs import RUN_SURFACE

    ask = fit_ask()
    ask["fields"].append(dict(RUN_SURFACE, required=True))
    with unlocked(made_vault) as vault:
        vault.brands.import_request(fresh_request(keys, request_spec(asks=[ask])))
    listed = run_cli("asks", ORIGIN, vault_dir=made_vault.directory)
    assert listed.returncode == 0, listed.stderr
    assert "q:run-surface (required): to suggest the right sole" in listed.stdout
    asks = ok_json("asks", ORIGIN, vault_dir=made_vault.directory)
    assert asks[0]["fields"][-1]["key"] == "q:run-surface"
