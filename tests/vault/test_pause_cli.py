"""`zpv pause` and `zpv resume` in a subprocess, as a person's shell runs them: what they
say, their JSON, how `zpv grants` shows a paused grant, and one-line refusals."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.brand_keys import BrandKeys
from tests.support.cli import run_cli
from tests.support.specs import ORIGIN
from tests.support.vault_rows import grant_tokens
from tests.support.vaults import MadeVault
from tests.vault.test_exchange_cli import assert_one_line_error, fresh_request, ok_json, unlocked


@pytest.fixture
def shared(made_vault: MadeVault, keys: BrandKeys) -> Iterator[tuple[MadeVault, str]]:
    """The shoe brand's fit-advice ask shared (through the API)."""
    with unlocked(made_vault) as vault:
        vault.fields.set("shoe_size_eu", 42)
        vault.fields.set("favourite_colours", ["black"])
        vault.brands.import_request(fresh_request(keys))
        grant_id = vault.grants.share(ORIGIN, "fit-advice").grant.id
    yield made_vault, grant_id


def test_pause_shows_paused_and_resume_sends_what_changed(
    shared: tuple[MadeVault, str],
) -> None:
    made, grant_id = shared
    paused = run_cli("pause", grant_id[:8], vault_dir=made.directory)
    assert paused.returncode == 0, paused.stderr
    assert paused.stdout.startswith(f"Paused grant {grant_id} with Shoes Example")

    [listed] = ok_json("grants", vault_dir=made.directory)
    assert listed["status"] == "paused" and listed["paused_at"] is not None
    assert [g["id"] for g in ok_json("grants", "--status", "paused",
                                     vault_dir=made.directory)] == [grant_id]
    assert ok_json("grants", "--status", "revoked", vault_dir=made.directory) == []
    line = run_cli("grants", vault_dir=made.directory).stdout
    assert f"{grant_id[:8]}  paused " in line
    knows = run_cli("knows", "Shoes", vault_dir=made.directory).stdout
    assert "paused: the brand keeps it but must not use it" in knows

    assert run_cli("set", "shoe_size_eu", "44", vault_dir=made.directory).returncode == 0
    with unlocked(made) as vault:
        assert [v for _, v, _ in grant_tokens(vault, grant_id)] == [1]

    resumed = ok_json("resume", grant_id, vault_dir=made.directory)
    assert resumed["grant"] == grant_id and resumed["status"] == "active"
    assert resumed["version"] == 2
    [listed] = ok_json("grants", vault_dir=made.directory)
    assert listed["status"] == "active" and listed["paused_at"] is None
    assert listed["version"] == 2


def test_pausing_twice_resuming_a_live_grant_or_pausing_a_revoked_one_is_one_line(
    shared: tuple[MadeVault, str],
) -> None:
    made, grant_id = shared
    assert_one_line_error(run_cli("resume", grant_id, vault_dir=made.directory),
                          "not paused")
    assert ok_json("pause", grant_id, vault_dir=made.directory)["status"] == "paused"
    assert_one_line_error(run_cli("pause", grant_id, vault_dir=made.directory),
                          "paused already")
    assert run_cli("revoke", grant_id, vault_dir=made.directory).returncode == 0
    assert_one_line_error(run_cli("pause", grant_id, vault_dir=made.directory), "revoked")
    assert_one_line_error(run_cli("resume", "zzzz9999", vault_dir=made.directory),
                          "no single grant")
    [listed] = ok_json("grants", vault_dir=made.directory)
    assert listed["status"] == "revoked"
