"""A vault with three brands (one domain-verified) and grants in every delivery state.

The brands are the brand kit's real receivers, in process (tests/support/in_process.py):
one confirms, one refuses (it never issued the request the person holds), one is down.
The vault must run on `clock`: the sample turns it back three days, shares, and moves it
forward again so that one grant expires; the brands keep the same clock.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from tests.support.clock import DAY, Clock
from tests.support.in_process import BrandsInProcess, InProcessBrand, in_process_brand
from tests.support.specs import ask, ask_field, fit_ask, news_ask
from vault.exchange.brands import RequestSource
from vault.vault import Vault

# Markup, a right-to-left override and a zero-width space: all must be shown literally.
TRICKY_NAME = "Caf\u00e9 <b>HTML</b> \u202egnp.evil\u200b"

VALUES: dict[str, object] = {
    "shoe_size_eu": 38.5,
    "favourite_colours": ["green", "navy"],
    "contact_channels": ["email", "push"],
    "style": ["classic"],
    "diet": "pescatarian",
    "favourite_cuisines": ["greek", "japanese"],
}


def cafe_asks() -> list[dict[str, object]]:
    menu = ask("menu", purpose_description="Suggest dishes you can eat", fields=[
        ask_field("diet", "to leave out what you don't eat", required=True),
        ask_field("favourite_cuisines", "to suggest dishes"),
        ask_field("allergies", "to warn you about a dish"),
    ], offer={"kind": "gift", "description": "A free coffee"}, retention_days=60,
        duration_days=30)
    return [menu, news_ask()]


@dataclass
class Sample:
    transport: BrandsInProcess
    shoes: InProcessBrand
    books: InProcessBrand
    cafe: InProcessBrand
    grants: dict[str, str] = field(default_factory=dict)  # what -> grant id


def brands(clock: Clock) -> tuple[InProcessBrand, InProcessBrand, InProcessBrand]:
    shoes = in_process_brand("https://shoes.example", "Shoes Example", clock=clock,
                             description="Shoes for everyone, made in Thessaloniki.")
    books = in_process_brand("https://books.example", "Books & Co", clock=clock,
                             asks=[fit_ask(), news_ask()], description="A bookshop that also "
                             "sells reading socks.", refuses=True)
    cafe = in_process_brand("https://cafe.example", TRICKY_NAME, asks=cafe_asks(), clock=clock,
                            description="<i>Coffee</i> \u202eand cake\u200b", down=True)
    return shoes, books, cafe


def build_sample(vault: Vault, clock: Clock) -> Sample:
    """Fill `vault` (whose clock is `clock`); ends with the clock at the real time."""
    clock.now = int(time.time()) - 3 * DAY
    shoes, books, cafe = brands(clock)
    transport = BrandsInProcess(clock)
    for brand in (shoes, books, cafe):
        transport.add(brand)
    sample = Sample(transport, shoes, books, cafe)
    vault.delivery.transport = transport
    for key, value in VALUES.items():
        vault.fields.set(key, value)
    vault.brands.fetch(shoes.origin)  # its request, from its well-known address
    vault.brands.import_request(books.request(), RequestSource.TEXT)
    vault.brands.import_request(cafe.request(), RequestSource.FILE)

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
