"""A vault with three brands (one domain-verified) and grants in every delivery state.

Used by the UI tests and by the page renders. The vault must run on `clock`: the sample
turns it back three days, shares, and moves it forward again so that one grant expires.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from tests.ui.fake_brands import DOWN, REFUSE, FakeBrand, FakeTransport, make_brand
from tests.vault.exchange_helpers import DAY, DPV, Clock, fit_ask, news_ask
from vault.exchange.brands import RequestSource
from vault.vault import Vault

# Markup, a right-to-left override and a zero-width space: all must be shown literally.
TRICKY_NAME = "Caf\u00e9 <b>HTML</b> \u202egnp.evil\u200b"
WELL_KNOWN = "/.well-known/zero-party-data"

VALUES: dict[str, object] = {
    "shoe_size_eu": 38.5,
    "favourite_colours": ["green", "navy"],
    "contact_channels": ["email", "push"],
    "style": ["classic"],
    "diet": "pescatarian",
    "favourite_cuisines": ["greek", "japanese"],
}


def cafe_asks() -> list[dict[str, object]]:
    return [
        {
            "id": "menu",
            "purpose": {"iri": DPV + "ServicePersonalisation",
                        "description": "Suggest dishes you can eat"},
            "fields": [
                {"key": "diet", "required": True, "why": "to leave out what you don't eat"},
                {"key": "favourite_cuisines", "required": False, "why": "to suggest dishes"},
                {"key": "allergies", "required": False, "why": "to warn you about a dish"},
            ],
            "offer": {"kind": "gift", "description": "A free coffee"},
            "retention_days": 60,
            "duration_days": 30,
        },
        news_ask(),
    ]


@dataclass
class Sample:
    transport: FakeTransport
    shoes: FakeBrand
    books: FakeBrand
    cafe: FakeBrand
    grants: dict[str, str] = field(default_factory=dict)  # what -> grant id


def brands() -> tuple[FakeBrand, FakeBrand, FakeBrand]:
    shoes = make_brand("https://shoes.example", "Shoes Example",
                       description="Shoes for everyone, made in Thessaloniki.")
    books = make_brand("https://books.example", "Books & Co",
                       asks=[fit_ask(), news_ask()], description="A bookshop that also sells "
                       "reading socks.", mode=REFUSE)
    cafe = make_brand("https://cafe.example", TRICKY_NAME, asks=cafe_asks(),
                      description="<i>Coffee</i> \u202eand cake\u200b", mode=DOWN)
    return shoes, books, cafe


def build_sample(vault: Vault, clock: Clock) -> Sample:
    """Fill `vault` (whose clock is `clock`); ends with the clock at the real time."""
    clock.now = int(time.time()) - 3 * DAY
    shoes, books, cafe = brands()
    transport = FakeTransport()
    for brand in (shoes, books, cafe):
        transport.add(brand)
    sample = Sample(transport, shoes, books, cafe)
    vault.delivery.transport = transport
    for key, value in VALUES.items():
        vault.fields.set(key, value)
    transport.pages[shoes.origin + WELL_KNOWN] = shoes.request(now=clock.now)
    vault.brands.fetch(shoes.origin)
    vault.brands.import_request(books.request(now=clock.now), RequestSource.TEXT)
    vault.brands.import_request(cafe.request(now=clock.now), RequestSource.FILE)

    grants = sample.grants
    grants["cafe_expired"] = vault.grants.share(cafe.origin, "menu", days=1).grant.id
    clock.advance(DAY)
    grants["shoes_fit"] = vault.grants.share(shoes.origin, "fit-advice").grant.id
    grants["shoes_news"] = vault.grants.share(shoes.origin, "newsletter").grant.id
    grants["books_fit"] = vault.grants.share(books.origin, "fit-advice").grant.id
    grants["books_news"] = vault.grants.share(books.origin, "newsletter").grant.id
    vault.grants.revoke(grants["books_news"])  # before any attempt: never sent
    clock.advance(DAY)
    grants["cafe_news"] = vault.grants.share(cafe.origin, "newsletter").grant.id
    vault.delivery.flush()
    vault.grants.revoke(grants["shoes_news"])  # delivered, then revoked: deletion confirmed
    vault.grants.revoke(grants["cafe_news"])  # tried, never delivered: the revocation waits
    vault.delivery.flush()
    clock.advance(DAY)
    grants["cafe_menu"] = vault.grants.share(cafe.origin, "menu").grant.id  # queued, not tried yet
    vault.grants.expire_due()  # the one-day grant (the share above expired it already)
    return sample
