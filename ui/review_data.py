"""What the share review shows, read from the vault in one call off the GUI thread.

No widgets and no words here: `load_review` runs on the thread pool and returns
plain data; the dialog (ui/dialogs/share_review.py) turns it into text. Which
fields start ticked follows `vault.grants.choose_fields`, so the review and a
share made without naming fields agree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from vault.errors import UnknownAsk
from vault.exchange import aliases
from vault.exchange.brands import RequestSource
from vault.transparency.balance import Balance
from vault.vault import Vault
from zpd import purposes
from zpd.fieldtypes import JsonValue, Sensitivity
from zpd.origin import AddressScope, host_of, host_scope
from zpd.request import Ask, BrandInfo
from zpd.text import Flag, Reason, brand_flags, hidden_characters

# ShareRefused reasons the review can see coming before the person clicks Share.
EXPIRED = "request_expired"
NO_VALUE = "no_value"
NOTHING_CHOSEN = "nothing_chosen"
REQUIRED_NO_VALUE = "required_no_value"  # not a ShareRefused reason: seen before sharing


@dataclass(frozen=True)
class ReviewField:
    key: str
    label: str  # the catalogue's English label; the dialog translates it
    sensitivity: Sensitivity
    value: JsonValue | None
    required: bool
    why: str  # the brand's words

    @property
    def has_value(self) -> bool:
        return self.value is not None

    @property
    def special(self) -> bool:
        return self.sensitivity is Sensitivity.SPECIAL

    @property
    def ticked_by_default(self) -> bool:
        """Required ones, and optional ones with a value that are not special-category."""
        return self.has_value and (self.required or not self.special)

    @property
    def can_untick(self) -> bool:
        return self.has_value and not self.required


@dataclass(frozen=True)
class Review:
    origin: str
    brand: BrandInfo
    domain_verified: bool
    source: RequestSource
    ask: Ask
    fields: tuple[ReviewField, ...]
    request_expires_at: int
    balance: Balance | None = None  # the ask weighed (vault.balance), shown as a chart
    # Email fields whose value goes out as the brand's alias (leak canaries on): key -> alias.
    aliases: Mapping[str, str] = field(default_factory=dict)
    # Look-alike names and addresses, hidden characters (zpd.text.brand_flags).
    flags: tuple[Flag, ...] = ()
    # Where the brand's address leads: the internet, this computer, the local network.
    home: AddressScope = AddressScope.PUBLIC
    # The vault delivers to this brand on this computer or the local network: a request of
    # the brand's (not necessarily this one) was fetched from its own address.
    reaches_local: bool = False

    @property
    def hidden_in_brand_text(self) -> list[str]:
        """Hidden characters (as U+XXXX) in anything the brand wrote that the review shows."""
        texts = [self.brand.name, self.brand.description, self.brand.privacy_policy,
                 self.brand.contact, self.ask.purpose.description, self.ask.offer.description,
                 *(f.why for f in self.fields)]
        found: dict[str, None] = {}
        for text in texts:
            found.update(dict.fromkeys(hidden_characters(text)))
        return list(found)

    @property
    def lookalikes(self) -> list[Flag]:
        """Flags other than hidden characters (those have their own warning)."""
        hidden = {Reason.BIDI_CONTROL, Reason.ZERO_WIDTH, Reason.HIDDEN_CHARACTER}
        return [f for f in self.flags if f.reason not in hidden]

    @property
    def vague_purpose(self) -> bool:
        return purposes.is_vague(self.ask.purpose.iri)

    def field(self, key: str) -> ReviewField:
        return next(f for f in self.fields if f.key == key)

    def blocker(self, ticked: list[str], now: int) -> tuple[str, list[str]] | None:
        """Why a share of `ticked` would be refused, as (ShareRefused reason, field keys)."""
        if self.request_expires_at <= now:
            return EXPIRED, []
        missing = [f.key for f in self.fields if f.required and not f.has_value]
        if missing:
            return REQUIRED_NO_VALUE, missing
        if not ticked:
            return NOTHING_CHOSEN, []
        return None


def load_review(vault: Vault, origin: str, ask_id: str) -> Review:
    """Everything the review shows (runs on the thread pool)."""
    stored = vault.brands.latest_request(origin)
    ask = stored.request.body.ask(ask_id) if stored is not None else None
    if stored is None or ask is None:
        raise UnknownAsk(ask_id)
    values = {f.definition.key: f for f in vault.fields.all()}
    rows = []
    for asked in ask.fields:
        known = values.get(asked.key)
        definition = known.definition if known is not None else vault.fields.definition(asked.key)
        rows.append(ReviewField(
            key=asked.key,
            label=definition.label,
            sensitivity=definition.sensitivity,
            value=known.value if known is not None else None,
            required=asked.required,
            why=asked.why,
        ))
    brand = stored.request.body.brand
    return Review(
        origin=origin,
        brand=brand,
        domain_verified=stored.domain_verified,
        source=stored.source,
        ask=ask,
        fields=tuple(rows),
        request_expires_at=stored.request.exp,
        balance=vault.transparency.balance_for_ask(origin, ask_id),
        aliases=alias_preview(vault, origin, brand.name, rows),
        flags=tuple(brand_flags(brand.name, origin, description=brand.description,
                                privacy_policy=brand.privacy_policy)),
        home=host_scope(host_of(origin)),
        reaches_local=vault.brands.find(origin).domain_verified,
    )


def alias_preview(vault: Vault, origin: str, name: str, rows: list[ReviewField]
                  ) -> dict[str, str]:
    """The alias each email field would carry to this brand, if aliases are on.

    A brand that already has an alias keeps its tag; a new one gets its tag when the
    share is written, so its random part is shown as "…" (e.g. alex+trailworks-…@x.org).
    """
    emails = {r.key: r.value for r in rows
              if r.key in aliases.EMAIL_KEYS and isinstance(r.value, str)}
    if not emails or not vault.aliases.enabled():
        return {}
    given = [a.alias for a in vault.aliases.all() if a.brand_origin == origin]
    if given:
        tag = given[-1].rpartition("@")[0].partition("+")[2]
    else:
        tag = f"{aliases.brand_slug(name, origin)}-…"
    return {key: aliases.alias_of(str(value), tag) for key, value in emails.items()}


_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z]+")


def readable_concept(iri: str) -> str:
    """A DPV concept in words: ServicePersonalisation -> "Service personalisation"."""
    words = _WORD.findall(purposes.concept_name(iri)) or [purposes.concept_name(iri)]
    rest = [w if w.isupper() and len(w) > 1 else w.lower() for w in words[1:]]
    return " ".join([words[0], *rest])


def show_value(value: JsonValue | None) -> str:
    """A stored value as one line of text (booleans are worded by the caller)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
