"""What the share review shows, read from the vault in one call off the GUI thread.

No widgets and no words here: `load_review` runs on the thread pool and returns
plain data; the dialog (ui/review/dialog.py) turns it into text. Only the
required fields start ticked: an optional one is given only when the person
ticks it (privacy by default). The review names the fields it shares, so a
share made without naming them (`vault.grants.choose_fields`) does not decide.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from vault.errors import ShareRefusal, UnknownAsk
from vault.exchange import aliases
from vault.exchange.brands import RequestSource
from vault.transparency.balance import Balance
from vault.vault import Vault
from zpd import purposes
from zpd.fieldtypes import JsonValue, Sensitivity
from zpd.origin import AddressScope, host_of, host_scope
from zpd.request import Ask, BrandInfo
from zpd.text import Flag, Reason, brand_flags, hidden_characters

# What the review can see coming before the person clicks Share: a ShareRefused reason,
# or a required field without a value (the review's own).
Blocker = ShareRefusal | Literal["required_no_value"]
REQUIRED_NO_VALUE: Literal["required_no_value"] = "required_no_value"


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
        """Required ones with a value; optional ones wait for the person's tick."""
        return self.has_value and self.required

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

    @property
    def brand_name(self) -> str:
        return self.brand.name

    @property
    def most_days(self) -> int:
        return self.ask.duration_days

    def label_of(self, key: str) -> str:
        """The English label of a field this ask names, else the key."""
        return self.field(key).label if key in self.ask.keys else key

    def blocker(self, ticked: list[str], now: int) -> tuple[Blocker, list[str]] | None:
        """Why a share of `ticked` would be refused, with the field keys concerned."""
        if self.request_expires_at <= now:
            return ShareRefusal.REQUEST_EXPIRED, []
        missing = [f.key for f in self.fields if f.required and not f.has_value]
        if missing:
            return REQUIRED_NO_VALUE, missing
        if not ticked:
            return ShareRefusal.NOTHING_CHOSEN, []
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
