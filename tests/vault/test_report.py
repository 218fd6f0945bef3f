"""The transparency report: its model, its HTML (no script, brand text escaped and
revealed), and `zpv report`."""

from __future__ import annotations

import html
import stat
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support.brand_keys import BrandKeys, signed_request
from tests.support.cli import run_cli
from tests.support.clock import DAY, Clock
from tests.support.in_process import BrandsInProcess, in_process_brand
from tests.support.specs import ORIGIN, OTHER_ORIGIN, fit_ask, news_ask, request_spec
from tests.support.vaults import MadeVault
from vault.cli.report_words import render_html
from vault.errors import UnknownBrand
from vault.exchange.delivery_summary import DeliveryStatus
from vault.exchange.grants import GrantStatus
from vault.transparency.balance import Verdict
from vault.vault import Vault
from zpd.catalogue import BY_KEY

HOSTILE_NAME = "<img src=x onerror=alert(1)>"
HOSTILE_VALUE = "<script>alert('x')</script> Ann"
RLO_NAME = "Books \u202eelpmaxe"


@pytest.fixture
def clock() -> Clock:
    return Clock(1_800_000_000)


@pytest.fixture
def populated(made_vault: MadeVault, clock: Clock) -> Iterator[Vault]:
    """Two brands (one with a hostile name), three grants (one revoked), receipts for all:
    the brand kit's receivers in process, their clock 50 s ahead of the vault's (within the
    skew allowed)."""
    vault = Vault.unlock(made_vault.directory, made_vault.passphrase, clock=clock)
    transport = BrandsInProcess()
    for origin, name, asks in (
        (ORIGIN, HOSTILE_NAME, [fit_ask(), news_ask()]),
        (OTHER_ORIGIN, RLO_NAME, [news_ask(id="letters")]),
    ):
        brand = transport.add(in_process_brand(origin, name, asks=asks,
                                               clock=lambda: clock.now + 50))
        vault.brands.import_request(brand.request())
    vault.fields.set("shoe_size_eu", 42)
    vault.fields.set("favourite_colours", ["black", "navy"])
    vault.fields.set("contact_channels", ["email"])
    vault.fields.set("allergies", ["peanuts"])
    vault.grants.share(ORIGIN, "fit-advice",
                       fields=["shoe_size_eu", "favourite_colours", "allergies"])
    news = vault.grants.share(ORIGIN, "newsletter").grant
    vault.grants.share(OTHER_ORIGIN, "letters", fields=["contact_channels"])
    vault.delivery.transport = transport
    vault.delivery.flush()
    vault.grants.revoke(news.id)
    vault.delivery.flush()
    yield vault
    if not vault.is_locked:
        vault.lock()


# -- the model -------------------------------------------------------------------------------


def test_model_says_who_knows_what_why_until_when_and_what_came_back(populated: Vault) -> None:
    model = populated.transparency.report()
    assert model.generated_at == 1_800_000_000
    assert [b.brand.origin for b in model.brands] == [ORIGIN, OTHER_ORIGIN]  # by name: "<" < "B"
    shoes = next(b for b in model.brands if b.brand.origin == ORIGIN)
    by_ask = {g.grant.ask_id: g for g in shoes.grants}
    assert set(by_ask) == {"fit-advice", "newsletter"}

    fit = by_ask["fit-advice"]
    assert [(f.key, f.value) for f in fit.fields] == [
        ("shoe_size_eu", 42), ("favourite_colours", ["black", "navy"]), ("allergies", ["peanuts"])
    ]
    assert [f.label for f in fit.fields] == [BY_KEY[f.key].label for f in fit.fields]
    assert [f.sensitivity.value for f in fit.fields] == ["low", "low", "special"]
    assert fit.grant.purpose_description == "Recommend shoes that fit you"
    assert fit.grant.status is GrantStatus.ACTIVE
    assert fit.grant.expires_at == 1_800_000_000 + 90 * DAY
    assert (fit.grant.offer_kind, fit.grant.offer_description) == (
        "discount", "10% off your next order"
    )
    assert fit.delivery is not None and fit.delivery.status is DeliveryStatus.CONFIRMED
    assert [(r.status, r.signed_at) for r in fit.receipts] == [("stored", 1_800_000_050)]
    assert fit.receipts[0].jws.count(".") == 2

    news = by_ask["newsletter"]
    assert news.grant.status is GrantStatus.REVOKED
    assert news.delivery is not None
    assert news.delivery.status is DeliveryStatus.DELETION_CONFIRMED
    assert [r.status for r in news.receipts] == ["stored", "deleted"]

    assert shoes.balance == populated.transparency.balance_for_brand(ORIGIN)
    assert shoes.balance.given_score == 1 + 1 + 10 + 1 + 1  # fit: 3 fields; news: 2


def test_model_for_one_brand(populated: Vault) -> None:
    model = populated.transparency.report(OTHER_ORIGIN)
    [books] = model.brands
    assert books.brand.origin == OTHER_ORIGIN
    assert [[f.key for f in g.fields] for g in books.grants] == [["contact_channels"]]
    with pytest.raises(UnknownBrand):
        populated.transparency.report("https://nobody.example")


def test_a_brand_that_was_given_nothing_has_an_empty_section(vault: Vault) -> None:
    now = int(time.time())
    vault.brands.import_request(
        signed_request(BrandKeys.generate(), request_spec(), iat=now - 60, exp=now + DAY)
    )
    [section] = vault.transparency.report().brands
    assert section.grants == ()
    assert section.balance.verdict is Verdict.FAIR
    assert "You shared nothing with this brand." in render_html(vault.transparency.report())


# -- the HTML --------------------------------------------------------------------------------


class Outline(HTMLParser):
    """Tags, attributes and text of a document, to check its structure."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.sections: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "section":
            self.sections.append([])

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.sections:
            self.sections[-1].append(data)


def outline(document: str) -> Outline:
    parser = Outline()
    parser.feed(document)
    parser.close()
    return parser


def test_html_is_self_contained_without_script(populated: Vault) -> None:
    document = render_html(populated.transparency.report())
    lowered = document.lower()
    assert "<script" not in lowered
    assert "<img" not in lowered
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;; '
        'style-src &#x27;unsafe-inline&#x27;">' in document
    )
    parsed = outline(document)
    csp = [a for t, a in parsed.tags if t == "meta" and a.get("http-equiv")]
    assert csp == [{"http-equiv": "Content-Security-Policy",
                    "content": "default-src 'none'; style-src 'unsafe-inline'"}]
    tags = {t for t, _ in parsed.tags}
    assert not tags & {"script", "img", "iframe", "object", "embed", "link", "a", "form"}
    attributes = {name for _, attrs in parsed.tags for name in attrs}
    assert not {a for a in attributes if a.startswith("on")}  # no event handler
    assert not attributes & {"src", "href", "srcset", "action", "background"}


def test_html_escapes_brand_text_and_field_values(populated: Vault, clock: Clock) -> None:
    populated.fields.set("preferred_name", HOSTILE_VALUE)
    names = fit_ask(id="names", fields=[{"key": "preferred_name", "required": True, "why": "hi"}])
    populated.brands.import_request(signed_request(
        BrandKeys.generate(), request_spec("https://names.example", "Names", asks=[names]),
        iat=clock.now - 60, exp=clock.now + DAY,
    ))
    populated.grants.share("https://names.example", "names")
    document = render_html(populated.transparency.report())
    assert HOSTILE_NAME not in document
    assert html.escape(HOSTILE_NAME) in document
    assert HOSTILE_VALUE not in document
    assert html.escape(HOSTILE_VALUE) in document
    # What a reader sees is the text as sent.
    text = "".join(outline(document).text)
    assert HOSTILE_NAME in text and HOSTILE_VALUE in text


def test_html_reveals_hidden_characters(populated: Vault) -> None:
    document = render_html(populated.transparency.report())
    assert "\u202e" not in document
    assert "Books \u27e6U+202E\u27e7elpmaxe" in document


def test_html_has_a_section_per_brand_with_its_fields(populated: Vault) -> None:
    model = populated.transparency.report()
    parsed = outline(render_html(model))
    assert len(parsed.sections) == len(model.brands) == 2
    for section, brand in zip(parsed.sections, model.brands, strict=True):
        text = "".join(section)
        assert brand.brand.origin in text
        for grant in brand.grants:
            assert grant.grant.purpose_description in text
            for f in grant.fields:
                assert f.label in text
    shoes = "".join(parsed.sections[[b.brand.origin for b in model.brands].index(ORIGIN)])
    books = "".join(parsed.sections[[b.brand.origin for b in model.brands].index(OTHER_ORIGIN)])
    assert "Food allergies" in shoes and "Food allergies" not in books
    assert "black, navy" in shoes and "peanuts" in shoes
    assert "revoked" in shoes and "the brand confirmed deletion" in shoes
    assert "10% off your next order" in shoes
    for r in model.brands[[b.brand.origin for b in model.brands].index(ORIGIN)].grants[0].receipts:
        assert r.jws in shoes


def test_receipts_are_collapsible(populated: Vault) -> None:
    parsed = outline(render_html(populated.transparency.report(ORIGIN)))
    names = [t for t, _ in parsed.tags]
    assert names.count("details") == 3  # stored, stored, deleted
    assert names.count("summary") == 3


def test_an_empty_vault_renders(vault: Vault) -> None:
    document = render_html(vault.transparency.report())
    assert "No brand knows anything about you" in document
    assert outline(document).sections == []


# -- zpv report ------------------------------------------------------------------------------


@pytest.fixture
def on_disk(populated: Vault, made_vault: MadeVault) -> MadeVault:
    populated.lock()
    return made_vault


def test_cli_writes_a_private_html_file(on_disk: MadeVault, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run_cli("report", "--out", str(out), vault_dir=on_disk.directory)
    assert result.returncode == 0, result.stderr
    assert "2 brand(s)" in result.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    document = out.read_text(encoding="utf-8")
    assert len(outline(document).sections) == 2
    assert "<script" not in document.lower()


def test_cli_brand_restricts_the_report(on_disk: MadeVault, tmp_path: Path) -> None:
    out = tmp_path / "books.html"
    result = run_cli(
        "report", "--out", str(out), "--brand", OTHER_ORIGIN, "--json",
        vault_dir=on_disk.directory,
    )
    assert result.returncode == 0, result.stderr
    assert OTHER_ORIGIN in result.stdout and ORIGIN not in result.stdout.replace(
        OTHER_ORIGIN, ""
    )
    document = out.read_text(encoding="utf-8")
    [section] = outline(document).sections
    assert OTHER_ORIGIN in "".join(section)
    assert ORIGIN not in document
    assert "Food allergies" not in document

    unknown = run_cli("report", "--out", str(tmp_path / "x.html"), "--brand", "Nobody",
                      vault_dir=on_disk.directory)
    assert unknown.returncode == 1
    assert unknown.stderr.startswith("zpv: ") and "Nobody" in unknown.stderr
    assert not (tmp_path / "x.html").exists()
