"""Unicode: canonically equivalent passphrases open the same vault; brand names and web
addresses that hide or imitate something are flagged for the share review."""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.support.children import subprocess_env
from tests.support.cli import run_cli
from tests.support.specs import ask, ask_field, request_spec
from tests.support.vaults import FAST_KDF
from vault.errors import WrongPassphrase
from vault.storage import rollback
from vault.vault import Vault
from zpd import jose
from zpd.request import sign_request
from zpd.text import Flag, Reason, brand_flags, lookalike_host, suspicious_name

# Characters whose NFC and NFD forms differ: Latin with diacritics, Vietnamese stacks,
# Greek with tonos, Hangul syllables (NFD splits them into jamo), a few already decomposed.
DECOMPOSABLE = (
    "éèêëàâäôöûüçñåÅøǘḗệởữửắ"
    "άέήίόύώΐ"
    "한국어비밀번호"
    "e\u0301a\u0300o\u0308"
)
WORDS = st.text(st.sampled_from(DECOMPOSABLE), min_size=2, max_size=8)
NO_FIXTURE_CHECK = [HealthCheck.function_scoped_fixture]


def forms(text: str) -> tuple[str, str]:
    return unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)


@settings(max_examples=25, deadline=None, suppress_health_check=NO_FIXTURE_CHECK)
@given(word=WORDS, create_in_nfd=st.booleans())
def test_nfc_and_nfd_passphrases_open_the_same_vault(
    tmp_path_factory: pytest.TempPathFactory, word: str, create_in_nfd: bool
) -> None:
    nfc, nfd = forms(f"{word} lantern orbit 42")
    assume(nfc != nfd)
    directory = tmp_path_factory.mktemp("v") / "vault"
    created, _ = Vault.create(directory, nfd if create_in_nfd else nfc, kdf=FAST_KDF)
    created.lock()
    for typed in (nfc, nfd):
        Vault.unlock(directory, typed).lock()


@settings(max_examples=15, deadline=None, suppress_health_check=NO_FIXTURE_CHECK)
@given(word=WORDS)
def test_a_passphrase_changed_in_one_form_opens_in_the_other(
    tmp_path_factory: pytest.TempPathFactory, word: str
) -> None:
    nfc, nfd = forms(f"{word} kettle meadow 7")
    assume(nfc != nfd)
    directory = tmp_path_factory.mktemp("v") / "vault"
    with Vault.create(directory, "tulip lantern orbit 42", kdf=FAST_KDF)[0] as vault:
        vault.change_passphrase(nfd)
    Vault.unlock(directory, nfc).lock()
    with Vault.unlock(directory, nfd) as vault:
        vault.check_passphrase(nfc)


def test_only_canonical_equivalence_is_folded(tmp_path: Path) -> None:
    """NFC, not NFKC: a ligature or a fullwidth letter is another passphrase."""
    directory = tmp_path / "vault"
    Vault.create(directory, "ﬁne lantern orbit 42", kdf=FAST_KDF)[0].lock()
    for other in ("fine lantern orbit 42", "ﬁne ｌantern orbit 42"):
        with pytest.raises(WrongPassphrase):
            Vault.unlock(directory, other)


def test_the_cli_takes_the_passphrase_in_either_form(tmp_path: Path) -> None:
    nfc, nfd = forms("Hangul 한국어 and café, orbit 42")
    directory = tmp_path / "vault"
    with Vault.create(directory, nfc, kdf=FAST_KDF)[0] as vault:
        vault.fields.set("shoe_size_eu", 41)
    env = subprocess_env(rollback.state_dir())
    result = run_cli("get", "shoe_size_eu", vault_dir=directory, passphrase=nfd, env=env)
    assert (result.returncode, result.stdout.strip()) == (0, "41"), result
    file = tmp_path / "passphrase.txt"
    file.write_text(nfd + "\n", encoding="utf-8")
    result = run_cli("--passphrase-file", str(file), "get", "shoe_size_eu",
                     vault_dir=directory, passphrase=None, env=env)
    assert (result.returncode, result.stdout.strip()) == (0, "41"), result


# -- flags --------------------------------------------------------------------------------


def reasons(flags: list[Flag]) -> set[Reason]:
    return {f.reason for f in flags}


@pytest.mark.parametrize(
    ("name", "expected", "detail"),
    [
        ("Shoes\u202eelpmaxe.com", Reason.BIDI_CONTROL, "U+202E"),
        ("Shoes \u2067Example\u2069", Reason.BIDI_CONTROL, "U+2067"),
        ("Pay\u200bPal", Reason.ZERO_WIDTH, "U+200B"),
        ("Shoes\u00adExample", Reason.HIDDEN_CHARACTER, "U+00AD"),
        ("Shoes\x07", Reason.HIDDEN_CHARACTER, "U+0007"),
        ("P\u0430yPal", Reason.MIXED_SCRIPTS, "P\u0430yPal: Cyrillic + Latin"),
        ("G\u043e\u043egle Shop", Reason.MIXED_SCRIPTS, "G\u043e\u043egle: Cyrillic + Latin"),
        ("Amaz\u03bfn", Reason.MIXED_SCRIPTS, "Amaz\u03bfn: Greek + Latin"),
        ("\u0430\u0440\u0440\u04cf\u0435", Reason.WHOLE_SCRIPT_CONFUSABLE, "Cyrillic"),
        ("\uff33\uff48\uff4f\uff45\uff53", Reason.COMPATIBILITY_CHARACTERS, "U+FF33"),
        ("\U0001d40f\U0001d41a\U0001d432", Reason.COMPATIBILITY_CHARACTERS, "U+1D40F"),
    ],
)
def test_names_that_hide_or_imitate_are_flagged(name: str, expected: Reason, detail: str) -> None:
    flags = suspicious_name(name)
    assert expected in reasons(flags), flags
    assert any(detail in f.detail for f in flags if f.reason == expected), flags


@pytest.mark.parametrize(
    "name",
    ["Shoes Example", "Café Москва", "Παπούτσια & Σια", "靴屋さん", "東京ストア", "서울 Shop",
     "Shoes™ Ltd.", "L'Atelier (Paris)", "Müller & Söhne", "שלום", "مرحبا", "Zürich 2024"],
)
def test_ordinary_names_in_any_script_are_not_flagged(name: str) -> None:
    assert suspicious_name(name) == []


def latin_word() -> st.SearchStrategy[str]:
    return st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=3, max_size=12)


LOOKALIKE_FOR = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441",
                 "x": "\u0445", "y": "\u0443", "i": "\u0456"}


@given(word=latin_word(), data=st.data())
def test_one_latin_letter_swapped_for_a_cyrillic_twin_is_always_flagged(
    word: str, data: st.DataObject
) -> None:
    positions = [i for i, ch in enumerate(word) if ch in LOOKALIKE_FOR]
    assume(positions)
    i = data.draw(st.sampled_from(positions))
    twin = word[:i] + LOOKALIKE_FOR[word[i]] + word[i + 1:]
    assert suspicious_name(word) == [] and lookalike_host(f"{word}.example") == []
    assert Reason.MIXED_SCRIPTS in reasons(suspicious_name(twin.title()))
    assert Reason.MIXED_SCRIPTS in reasons(lookalike_host(f"{twin}.example"))
    punycode = twin.encode("punycode").decode("ascii")
    host_flags = lookalike_host(f"xn--{punycode}.example")
    assert {Reason.PUNYCODE, Reason.MIXED_SCRIPTS} <= reasons(host_flags)
    assert any(twin in f.detail for f in host_flags if f.reason == Reason.PUNYCODE)


@given(st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-"), min_size=1,
               max_size=20))
def test_ascii_hosts_are_not_flagged(label: str) -> None:
    assume(not label.startswith("xn--"))
    assert lookalike_host(f"{label}.example") == []


@given(st.text(), st.sampled_from(sorted("\u202a\u202b\u202d\u202e\u2066\u2067\u2068"
                                         "\u200b\u200c\u200d\u2060\ufeff")))
def test_any_text_with_a_bidi_or_zero_width_character_is_flagged(text: str, hidden: str) -> None:
    flags = suspicious_name(text[: len(text) // 2] + hidden + text[len(text) // 2:])
    assert any(f.detail == f"U+{ord(hidden):04X}" for f in flags), flags


@given(st.text())
def test_flagging_never_raises(text: str) -> None:
    suspicious_name(text)
    lookalike_host(text)
    brand_flags(text, text, description=text, privacy_policy=text)


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("p\u0430ypal.example", {Reason.MIXED_SCRIPTS}),
        ("xn--80ak6aa92e.com", {Reason.PUNYCODE, Reason.WHOLE_SCRIPT_CONFUSABLE}),
        ("shop.xn--pypal-4ve.example", {Reason.PUNYCODE, Reason.MIXED_SCRIPTS}),
        ("\uff50\uff41\uff59\uff50\uff41\uff4c.example", {Reason.COMPATIBILITY_CHARACTERS}),
        ("xn--zz.example", {Reason.INVALID_PUNYCODE}),
        ("shoes\u200b.example", {Reason.ZERO_WIDTH}),
        ("münchen.example", set()),
        ("例え.テスト", set()),
        ("127.0.0.1", set()),
    ],
)
def test_lookalike_hosts(host: str, expected: set[Reason]) -> None:
    assert reasons(lookalike_host(host)) == expected


# -- through the vault ------------------------------------------------------------------------


def request_from(origin: str, name: str, **brand: Any) -> str:
    now = int(time.time())
    signing, encryption = jose.generate_signing_key(), jose.generate_encryption_key()
    size = ask_field("shoe_size_eu", "size", required=True)
    fit = ask("fit", purpose_description="fit", fields=[size],
              offer={"kind": "none"}, retention_days=30, duration_days=30)
    spec = request_spec(origin, name, [fit], description=None,
                        brand={"privacy_policy": None, "contact": None, **brand})
    return sign_request(spec, signing, encryption, iat=now - 60, exp=now + 86400)


def test_the_vault_lists_what_the_share_review_must_flag(tmp_path: Path) -> None:
    with Vault.create(tmp_path / "vault", "tulip lantern orbit 42", kdf=FAST_KDF)[0] as vault:
        plain = vault.brands.import_request(request_from("https://shoes.example", "Shoes Example"))
        assert vault.brands.warnings(plain.brand.origin) == []

        spoof = vault.brands.import_request(request_from(
            "https://xn--pypal-4ve.example", "P\u0430yPal\u202e",
            description="Your \u200btrusted shop",
            privacy_policy="https://\u0440aypal.example/privacy",
        ))
        flags = vault.brands.warnings(spoof.brand.origin)
        where = {(f.where, f.reason) for f in flags}
        assert {
            ("name", Reason.MIXED_SCRIPTS), ("name", Reason.BIDI_CONTROL),
            ("host", Reason.PUNYCODE), ("host", Reason.MIXED_SCRIPTS),
            ("description", Reason.ZERO_WIDTH), ("privacy_policy", Reason.MIXED_SCRIPTS),
        } <= where, flags

        unicode_host = vault.brands.import_request(
            request_from("https://p\u0430ypal.example", "Paypal"))
        assert reasons(vault.brands.warnings(unicode_host.brand.origin)) == {Reason.MIXED_SCRIPTS}
