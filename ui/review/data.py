"""What the share review shows, read from the vault in one call off the GUI thread.

No widgets and no words here: `load_review` runs on the thread pool and returns
plain data; the dialog (ui/review/dialog.py) turns it into text. Only the
required fields start ticked: an optional one is given only when the person
ticks it (privacy by default). The review names the fields it shares, so a
share made without naming them (`vault.grants.choose_fields`) does not decide.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from vault.errors import ShareRefusal, UnknownAsk
from vault.exchange import aliases
from vault.exchange.brands import RequestSource
from vault.exchange.grants import ShareResult
from vault.exchange.question_sensitivity import Judgement, judge
from vault.leaks.alias_sources import SourceKind
from vault.transparency.balance import Balance
from vault.vault import Vault
from zpd import purposes
from zpd.errors import InvalidValue
from zpd.fieldtypes import JsonValue, Sensitivity
from zpd.origin import AddressScope, host_of, host_scope
from zpd.questions import Question, check_answer
from zpd.request import Ask, AskedField, BrandInfo
from zpd.text import Flag, Reason, brand_flags, hidden_characters

from ..words.review import new_service_alias

# What the review can see coming before the person clicks Share: a ShareRefused reason,
# or (the review's own) a required field without a value, a required question unanswered.
Blocker = ShareRefusal | Literal["required_no_value", "required_unanswered"]
REQUIRED_NO_VALUE: Literal["required_no_value"] = "required_no_value"
REQUIRED_UNANSWERED: Literal["required_unanswered"] = "required_unanswered"


@dataclass(frozen=True)
class ReviewField:
    key: str
    label: str  # the catalogue's English label; the dialog translates it
    sensitivity: Sensitivity
    value: JsonValue | None
    required: bool
    why: str  # the brand's words
    # A brand's own question (`q:` key): answered inline in the review. `value` is the saved
    # answer when it still fits the question; `proposal` the catalogue value of the field
    # the brand says the question means (`same_as`), when it fits.
    question: Question | None = None
    judgement: Judgement | None = None  # the vault's, from which `sensitivity` comes
    proposal: JsonValue | None = None

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
                 *(f.why for f in self.fields),
                 *(text for f in self.fields if f.question is not None
                   for text in _question_texts(f.question))]
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

    def question_of(self, key: str) -> Question | None:
        return self.field(key).question if key in self.ask.keys else None

    def blocker(self, ticked: list[str], now: int, answered: frozenset[str] = frozenset()
                ) -> tuple[Blocker, list[str]] | None:
        """Why a share of `ticked` would be refused, with the field keys concerned;
        `answered`: the questions answered in the review (saved or not)."""
        if self.request_expires_at <= now:
            return ShareRefusal.REQUEST_EXPIRED, []
        missing = [f.key for f in self.fields
                   if f.required and f.question is None and not f.has_value]
        if missing:
            return REQUIRED_NO_VALUE, missing
        unanswered = [f.key for f in self.fields
                      if f.required and f.question is not None and f.key not in answered]
        if unanswered:
            return REQUIRED_UNANSWERED, unanswered
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
        if asked.question is not None:
            rows.append(question_row(vault, origin, asked, asked.question))
            continue
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
        aliases=alias_preview(vault, origin, rows),
        flags=tuple(brand_flags(brand.name, origin, description=brand.description,
                                privacy_policy=brand.privacy_policy)),
        home=host_scope(host_of(origin)),
        reaches_local=vault.brands.find(origin).domain_verified,
    )


def question_row(vault: Vault, origin: str, asked: AskedField, question: Question
                 ) -> ReviewField:
    """A brand's question, with the person's saved answer if it still fits the question
    as asked now (else it is asked again), and the vault's judgement of its sensitivity."""
    judgement = judge(question)
    saved = vault.answers.get(origin, question.key)
    value: JsonValue | None = None
    if saved is not None:
        try:
            value = check_answer(question, saved.value)
        except InvalidValue:
            value = None
    return ReviewField(
        key=asked.key, label=question.label, sensitivity=judgement.judged, value=value,
        required=asked.required, why=asked.why, question=question, judgement=judgement,
        proposal=vault.answers.proposal(origin, question.key) if value is None else None,
    )


def _question_texts(question: Question) -> list[str]:
    texts = [question.label, *(c.label for c in question.choices)]
    for _tag, translation in question.translations:
        texts += [translation.label, *(c.label for c in translation.choices)]
    return texts


SERVICE_NAMES = {SourceKind.SIMPLELOGIN: "SimpleLogin", SourceKind.ADDY: "addy.io"}


def alias_preview(vault: Vault, origin: str, rows: list[ReviewField]
                  ) -> dict[str, str]:
    """The alias each email field would carry to this brand, if aliases are on, from the
    chosen source (a catch-all domain, a service's alias, else plus-addressing).

    A brand that already has an alias keeps its tag; a new one gets its tag when the
    share is written, so its random part is shown as "…" (e.g. trailworks-…@alex.example).
    """
    emails = {r.key: r.value for r in rows
              if r.key in aliases.EMAIL_KEYS and isinstance(r.value, str)}
    if not emails or not vault.aliases.enabled():
        return {}
    previews = {key: vault.aliases.preview(origin, str(value)) for key, value in emails.items()}
    if not all(previews.values()):  # the service makes the alias when the share is written
        chosen = vault.leaks.source()
        service = SERVICE_NAMES.get(chosen.source.kind, "") if chosen else ""
        previews = {key: alias or new_service_alias(service) for key, alias in previews.items()}
    return previews


def share_work(origin: str, ask_id: str, fields: list[str], days: int
               ) -> Callable[[Vault], ShareResult]:
    """The share, for the session's worker. With aliases on and an alias service as their
    source, the brand's alias is made at the service first, so the share carries it (a
    refusal there shares nothing)."""
    def work(vault: Vault) -> ShareResult:
        if vault.aliases.enabled() and set(fields) & aliases.EMAIL_KEYS:
            from vault.leaks.checks import ensure_service_alias, private_authority

            ensure_service_alias(vault.leaks, origin, private_authority())
        return vault.grants.share(origin, ask_id, fields=fields, days=days)
    return work
