"""Leak canaries: with the setting on, each brand receives its own alias of the email address.

What a brand receives is read the way the brand reads it: the share token decrypted
with the brand's key and verified by jwcrypto.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.brand_keys import BrandKeys, signed_request
from tests.support.cli import run_cli
from tests.support.clock import DAY, Clock
from tests.support.jose_reading import open_grant
from tests.support.specs import ORIGIN, OTHER_ORIGIN, ask, ask_field, request_spec
from tests.support.vault_rows import grant_tokens
from tests.support.vaults import MadeVault
from vault.errors import ShareRefused
from vault.exchange import aliases
from vault.vault import Vault
from zpd.catalogue import BY_KEY

ADDRESS = "ann@mail.example"


def email_ask(ask_id: str, *, with_size: bool = False) -> dict[str, Any]:
    fields = [ask_field("email", "to write to you", required=True)]
    if with_size:
        fields.append(ask_field("shoe_size_eu", "your size", required=True))
    return ask(ask_id, purpose="DirectMarketing", purpose_description="News by email",
               fields=fields, offer={"kind": "discount", "description": "5% off"},
               retention_days=30, duration_days=30)


@pytest.fixture
def clock() -> Clock:
    return Clock(1_800_000_000)


@pytest.fixture
def shoes() -> BrandKeys:
    return BrandKeys.generate()


@pytest.fixture
def books() -> BrandKeys:
    return BrandKeys.generate()


@pytest.fixture
def opened(
    made_vault: MadeVault, clock: Clock, shoes: BrandKeys, books: BrandKeys
) -> Iterator[Vault]:
    """A vault with an email address, a shoe size, and requests from two brands."""
    vault = Vault.unlock(made_vault.directory, made_vault.passphrase, clock=clock)
    asks = [email_ask("news", with_size=True), email_ask("receipts")]
    for keys, body in (
        (shoes, request_spec(asks=asks)),
        (books, request_spec(OTHER_ORIGIN, "Books Example", asks=asks)),
    ):
        vault.brands.import_request(
            signed_request(keys, body, iat=clock.now - 60, exp=clock.now + 60 * DAY)
        )
    vault.fields.set("email", ADDRESS)
    vault.fields.set("shoe_size_eu", 42)
    yield vault
    if not vault.is_locked:
        vault.lock()


def received(compact: str, keys: BrandKeys) -> dict[str, Any]:
    data = open_grant(compact, keys).claims["data"]
    assert isinstance(data, dict)
    return data


ALIAS = re.compile(r"ann\+shoes-example-([a-z0-9]{4})@mail\.example")


def test_off_by_default_brands_get_the_real_address(opened: Vault, shoes: BrandKeys) -> None:
    assert opened.aliases.enabled() is False
    result = opened.grants.share(ORIGIN, "receipts")
    assert received(result.token.compact, shoes) == {"email": ADDRESS}
    assert opened.aliases.all() == []


def test_enabled_the_token_carries_the_brands_alias(
    opened: Vault, shoes: BrandKeys, clock: Clock
) -> None:
    opened.aliases.set_enabled(True)
    assert opened.aliases.enabled() is True
    result = opened.grants.share(ORIGIN, "news")

    data = received(result.token.compact, shoes)
    assert ALIAS.fullmatch(data["email"]), data
    assert data["shoe_size_eu"] == 42
    assert ADDRESS not in json.dumps(data)
    assert BY_KEY["email"].validate(data["email"]) == data["email"]
    assert opened.grants.held_by(ORIGIN)[0].data["email"] == data["email"]
    assert opened.fields.get("email") == ADDRESS  # the person's own value is untouched
    [alias] = opened.aliases.all()
    assert (alias.brand_origin, alias.brand_name, alias.alias, alias.first_given_at) == (
        ORIGIN, "Shoes Example", data["email"], clock.now
    )


def test_one_alias_per_brand_for_every_grant_and_a_different_one_per_brand(
    opened: Vault, shoes: BrandKeys, books: BrandKeys, clock: Clock
) -> None:
    opened.aliases.set_enabled(True)
    first = received(opened.grants.share(ORIGIN, "news").token.compact, shoes)["email"]
    clock.advance(DAY)
    second = received(opened.grants.share(ORIGIN, "receipts").token.compact, shoes)["email"]
    other = received(opened.grants.share(OTHER_ORIGIN, "receipts").token.compact, books)["email"]

    assert second == first
    assert re.fullmatch(r"ann\+books-example-[a-z0-9]{4}@mail\.example", other)
    assert other.rsplit("-", 1)[1] != first.rsplit("-", 1)[1]
    listed = [(a.brand_origin, a.alias, a.first_given_at) for a in opened.aliases.all()]
    assert listed == [(ORIGIN, first, clock.now - DAY), (OTHER_ORIGIN, other, clock.now)]


def test_editing_the_email_reissues_with_the_new_address_and_the_same_suffix(
    opened: Vault, shoes: BrandKeys, clock: Clock
) -> None:
    opened.aliases.set_enabled(True)
    grant = opened.grants.share(ORIGIN, "news").grant
    old_alias = opened.aliases.all()[0].alias
    suffix = ALIAS.fullmatch(old_alias)
    assert suffix is not None
    clock.advance(60)

    opened.fields.set("email", "ann.new+work@other.example")

    versions = grant_tokens(opened, grant.id)
    assert [v for _, v, _ in versions] == [1, 2]
    data = received(versions[-1][2], shoes)
    new_alias = f"ann.new+shoes-example-{suffix[1]}@other.example"
    assert data == {"email": new_alias, "shoe_size_eu": 42}
    assert opened.grants.find(grant.id).version == 2
    assert [(a.alias, a.first_given_at) for a in opened.aliases.all()] == [
        (old_alias, clock.now - 60), (new_alias, clock.now),
    ]


def test_editing_another_field_keeps_the_alias_and_adds_none(
    opened: Vault, shoes: BrandKeys
) -> None:
    opened.aliases.set_enabled(True)
    grant = opened.grants.share(ORIGIN, "news").grant
    before = opened.aliases.all()
    opened.fields.set("shoe_size_eu", 43)
    compact = grant_tokens(opened, grant.id)[-1][2]
    assert received(compact, shoes) == {"email": before[0].alias, "shoe_size_eu": 43}
    assert opened.aliases.all() == before


def test_turning_it_on_applies_to_the_next_version_of_an_existing_grant(
    opened: Vault, shoes: BrandKeys
) -> None:
    grant = opened.grants.share(ORIGIN, "news").grant
    assert received(grant_tokens(opened, grant.id)[0][2], shoes)["email"] == ADDRESS
    opened.aliases.set_enabled(True)
    opened.fields.set("shoe_size_eu", 44)
    assert ALIAS.fullmatch(received(grant_tokens(opened, grant.id)[-1][2], shoes)["email"])


def test_disabling_sends_the_real_address_again_and_keeps_the_list(
    opened: Vault, shoes: BrandKeys
) -> None:
    opened.aliases.set_enabled(True)
    opened.grants.share(ORIGIN, "news")
    opened.aliases.set_enabled(False)
    later = opened.grants.share(ORIGIN, "receipts")
    assert received(later.token.compact, shoes) == {"email": ADDRESS}
    assert len(opened.aliases.all()) == 1


def test_a_refused_share_gives_no_alias(opened: Vault) -> None:
    opened.aliases.set_enabled(True)
    with pytest.raises(ShareRefused):
        opened.grants.share(ORIGIN, "news", fields=["shoe_size_eu"])  # email is required
    assert opened.aliases.all() == []


def test_the_setting_and_aliases_live_in_the_vault_and_are_audited(
    made_vault: MadeVault, opened: Vault
) -> None:
    opened.aliases.set_enabled(True)
    opened.aliases.set_enabled(True)  # no change: no second entry
    opened.grants.share(ORIGIN, "news")
    alias = opened.aliases.all()[0].alias
    opened.lock()
    with made_vault.unlock() as again:
        assert again.aliases.enabled() is True
        assert [a.alias for a in again.aliases.all()] == [alias]
        actions = [e.action for e in again.audit.entries(limit=1000)]
        assert actions.count("aliases.enabled") == 1
        assert actions.count("alias.created") == 1
        details = json.dumps([e.details for e in again.audit.entries(limit=1000)])
        assert alias not in details and ADDRESS not in details
        assert again.audit.verify().ok


# -- the pieces ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("ann@mail.example", "ann+shop-ab12@mail.example"),
        ("ann+news@mail.example", "ann+shop-ab12@mail.example"),
        ("first.last@sub.mail.example", "first.last+shop-ab12@sub.mail.example"),
    ],
)
def test_alias_of_uses_plus_addressing(address: str, expected: str) -> None:
    assert aliases.alias_of(address, "shop-ab12") == expected


def test_a_long_address_loses_slug_characters_never_the_suffix() -> None:
    base = "a" * 50
    alias = aliases.alias_of(f"{base}@mail.example", "a-very-long-brand-slug-ab12")
    local = alias.split("@")[0]
    assert len(local) == 64
    assert local.startswith(base + "+a-very") and local.endswith("-ab12")
    assert aliases.alias_of(f"{'b' * 63}@x.example", "slug-ab12") == f"{'b' * 63}+ab12@x.example"


@pytest.mark.parametrize(
    ("name", "origin", "slug"),
    [
        ("Shoes Example", "https://shoes.example", "shoes-example"),
        ("Café  Été!", "https://cafe.example", "cafe-ete"),
        ("\u202e\u200b", "https://shoes.example", "shoes-example"),
        ("☕☕", "http://127.0.0.1:8001", "127-0-0-1"),
        ("A brand with a very long name indeed", "https://x.example", "a-brand-with-a-very"),
    ],
)
def test_brand_slug(name: str, origin: str, slug: str) -> None:
    assert aliases.brand_slug(name, origin) == slug


# -- the command line ------------------------------------------------------------------------


@pytest.mark.slow
def test_cli_enables_lists_and_disables(made_vault: MadeVault, shoes: BrandKeys) -> None:
    clock = Clock()
    with Vault.unlock(made_vault.directory, made_vault.passphrase) as vault:
        vault.brands.import_request(signed_request(
            shoes, request_spec(asks=[email_ask("receipts")]), iat=clock.now - 60,
                exp=clock.now + DAY
        ))
        vault.fields.set("email", ADDRESS)
    directory = made_vault.directory

    shown = run_cli("aliases", "--json", vault_dir=directory)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == {"enabled": False, "aliases": []}

    enabled = run_cli("aliases", "--enable", vault_dir=directory)
    assert enabled.returncode == 0, enabled.stderr
    assert "on" in enabled.stdout
    shared = run_cli("share", "shoes", "receipts", vault_dir=directory)
    assert shared.returncode == 0, shared.stderr

    listed = json.loads(run_cli("aliases", "--json", vault_dir=directory).stdout)
    assert listed["enabled"] is True
    [entry] = listed["aliases"]
    assert entry["brand"] == ORIGIN and entry["name"] == "Shoes Example"
    assert ALIAS.fullmatch(entry["alias"])
    text = run_cli("aliases", vault_dir=directory)
    assert entry["alias"] in text.stdout and ORIGIN in text.stdout

    disabled = run_cli("aliases", "--disable", "--json", vault_dir=directory)
    assert json.loads(disabled.stdout)["enabled"] is False

    both = run_cli("aliases", "--enable", "--disable", vault_dir=directory)
    assert both.returncode == 2
    assert both.stderr.startswith("zpv: ") and both.stderr.count("\n") == 1
