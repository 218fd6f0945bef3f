"""Aliases from a catch-all domain and from plus-addressing: their form, their limits, the
warning plus-addressing carries, and typed errors for what cannot receive mail."""

from __future__ import annotations

import itertools
import re

import idna
import pytest

from vault.leaks.alias_sources import (
    ALPHABET,
    RANDOM_LENGTH,
    AliasSource,
    AliasSourceError,
    SourceKind,
    SourceProblem,
    SourceWarning,
    catch_all_source,
    local_alias,
    plus_source,
)


def test_a_catch_all_alias_is_the_brand_slug_and_a_random_part_at_the_domain() -> None:
    alias = local_alias(catch_all_source("Alex.Example."), "MegaMart", "https://megamart.example")
    assert re.fullmatch(rf"megamart-[{ALPHABET}]{{{RANDOM_LENGTH}}}@alex\.example", alias)


def test_a_catch_all_alias_keeps_nothing_of_the_persons_own_address() -> None:
    alias = local_alias(catch_all_source("alex.example"), "MegaMart", "https://megamart.example")
    assert "+" not in alias and "alex" not in alias.partition("@")[0]


def test_the_random_part_tells_two_aliases_of_one_brand_apart() -> None:
    source = catch_all_source("alex.example")
    aliases = {local_alias(source, "MegaMart", "https://megamart.example") for _ in range(50)}
    assert len(aliases) == 50


def test_a_brand_without_letters_is_named_by_its_host() -> None:
    draw = itertools.cycle("a").__next__
    alias = local_alias(catch_all_source("alex.example"), "★★★", "https://shop.megamart.example",
                        draw=lambda _: draw())
    assert alias == "shop-megamart-exampl-" + "a" * RANDOM_LENGTH + "@alex.example"


def test_an_international_domain_is_written_in_a_labels() -> None:
    assert catch_all_source("Αθήνα.example").domain == idna.encode("αθήνα.example").decode()


def test_a_long_brand_name_is_shortened_never_the_random_part() -> None:
    alias = local_alias(catch_all_source("alex.example"), "x" * 200, "https://x.example")
    local = alias.partition("@")[0]
    assert len(local) <= 64 and re.fullmatch(rf"x+-[{ALPHABET}]{{{RANDOM_LENGTH}}}", local)


@pytest.mark.parametrize("domain", ["", "localhost", "192.0.2.1", "[192.0.2.1]", "a..example",
                                    "-bad.example", "bad-.example", "two words.example",
                                    "x" * 64 + ".example", "example.123"])
def test_a_domain_that_cannot_receive_mail_is_refused(domain: str) -> None:
    with pytest.raises(AliasSourceError) as caught:
        catch_all_source(domain)
    assert caught.value.reason is SourceProblem.BAD_DOMAIN


def test_plus_addressing_keeps_the_persons_mailbox_and_carries_the_warning() -> None:
    source = plus_source("Alex+old@Mail.Example")
    assert source.warnings() == (SourceWarning.STRIPPABLE,)
    alias = local_alias(source, "MegaMart", "https://megamart.example")
    assert re.fullmatch(rf"alex\+megamart-[{ALPHABET}]{{{RANDOM_LENGTH}}}@mail\.example", alias)


def test_only_plus_addressing_warns() -> None:
    assert catch_all_source("alex.example").warnings() == ()
    assert AliasSource(SourceKind.SIMPLELOGIN).warnings() == ()
    assert AliasSource(SourceKind.ADDY).warnings() == ()


@pytest.mark.parametrize("address", ["", "alex", "@mail.example", "alex@", "al ex@mail.example",
                                     ".alex@mail.example", "a..b@mail.example",
                                     "x" * 65 + "@mail.example", "alex@localhost"])
def test_an_address_that_cannot_be_plus_addressed_is_refused(address: str) -> None:
    with pytest.raises(AliasSourceError) as caught:
        plus_source(address)
    assert caught.value.reason is SourceProblem.BAD_ADDRESS


def test_a_service_alias_is_not_made_locally() -> None:
    with pytest.raises(AliasSourceError) as caught:
        local_alias(AliasSource(SourceKind.ADDY), "MegaMart", "https://megamart.example")
    assert caught.value.reason is SourceProblem.NOT_LOCAL
