"""Words of the share review: values, offers, look-alike names, where a brand lives, and why
a share cannot be made.

Translatable (context "ShareReview"), built when called. Text that came from a brand
passes through `brand_text` before it is put in a sentence.
"""

from __future__ import annotations

import re
from typing import Literal, Protocol, assert_never

from PySide6.QtCore import QCoreApplication, QLocale

from vault.errors import ShareRefusal
from vault.exchange.question_sensitivity import Judgement
from vault.exchange.sensitive_words import Topic
from zpd import purposes
from zpd.catalogue import BY_KEY
from zpd.fieldtypes import JsonValue
from zpd.origin import AddressScope
from zpd.questions import Question, QuestionType
from zpd.text import Flag, Reason

from . import exchange, time
from .fields import label_text, sensitivity_name
from .text import brand_text, in_sentence

CONTEXT = "ShareReview"


class Asked(Protocol):
    """What a refusal's words need to know of the share under review."""

    @property
    def brand_name(self) -> str: ...

    @property
    def most_days(self) -> int: ...

    @property
    def request_expires_at(self) -> int: ...

    def label_of(self, key: str) -> str:
        """The English label of a field the ask names, else the key."""
        ...

    def question_of(self, key: str) -> Question | None:
        """The brand's question behind a `q:` key the ask names, else None."""
        ...


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def readable_concept(iri: str) -> str:
    """A DPV concept in words: ServicePersonalisation -> "Service personalisation"."""
    words = _WORD.findall(purposes.concept_name(iri)) or [purposes.concept_name(iri)]
    rest = [w if w.isupper() and len(w) > 1 else w.lower() for w in words[1:]]
    return " ".join([words[0], *rest])


def plain_value(value: object) -> str:
    """A stored value as one line of text (booleans are worded by the caller)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def value_words(value: object, key: str = "") -> str:
    if isinstance(value, bool):
        return _tr("yes") if value else _tr("no")
    if key in BY_KEY:  # a catalogue field: its choices and numbers in the person's words
        return exchange.show_value(value, key)
    return plain_value(value)


def concept_words(iri: str) -> str:
    """A DPV concept's name in words, translated when the app knows the concept."""
    return QCoreApplication.translate("DpvConcepts", readable_concept(iri))


def offer_words(kind: str, description: str) -> str:
    """Our word for the offer's kind, then the brand's own description."""
    kinds = {
        "discount": _tr("A discount"),
        "gift": _tr("A gift"),
        "service": _tr("A service"),
        "points": _tr("Loyalty points"),
        "access": _tr("Access"),
        "none": _tr("Nothing in return"),
    }
    kind_words = kinds.get(kind, kind)
    if not description.strip():
        return kind_words
    return _tr("{kind}: {description}").format(kind=kind_words,
                                               description=brand_text(description))


def refusal(reason: ShareRefusal | Literal["required_no_value", "required_unanswered"],
            keys: list[str], asked: Asked) -> str:
    """Why a share would be (or was) refused: ShareRefused's reason (or the review's own
    "required_no_value" and "required_unanswered", seen before sharing) and the fields
    concerned."""
    labels = ", ".join(_field_label(k, asked) for k in keys)
    brand = in_sentence(asked.brand_name)
    if reason == "required_unanswered":
        return _tr("{brand} requires an answer to {fields}: answer it above to share.").format(
            brand=brand, fields=labels)
    if not isinstance(reason, ShareRefusal):
        return _tr("{brand} requires {fields}, which has no value in your vault. "
                   "Set it in My data, then come back to share.").format(
            brand=brand, fields=labels)
    match reason:
        case ShareRefusal.REQUEST_EXPIRED:
            text = _tr("The request from {brand} expired on {date}. Ask {brand} for a new "
                       "one.")
        case ShareRefusal.NO_VALUE:
            text = _tr("{fields} no longer has a value in your vault. Untick it, or set it in "
                       "My data.")
        case ShareRefusal.NOTHING_CHOSEN:
            text = _tr("Tick at least one field to share.")
        case ShareRefusal.REQUIRED_LEFT_OUT:
            text = _tr("{brand} requires {fields}: without it there is no share.")
        case ShareRefusal.NOT_ASKED:
            text = _tr("{fields} is not part of this request.")
        case ShareRefusal.DURATION:
            text = _tr("Choose between 1 and {days} days.")
        case ShareRefusal.ANSWER_DOES_NOT_FIT:
            text = _tr("Your answer to {fields} no longer fits the question as {brand} asks "
                       "it now. Answer it again.")
        case unknown:
            assert_never(unknown)
    return text.format(brand=brand, fields=labels, days=asked.most_days,
                       date=time.date(asked.request_expires_at))


def _field_label(key: str, asked: Asked) -> str:
    question = asked.question_of(key)
    if question is not None:
        return quoted_label(question)
    return label_text(asked.label_of(key))


def nothing_shared(reason: str) -> str:
    return _tr("{reason} Nothing was shared.").format(reason=reason)


def lookalike_words(flag: Flag) -> str:
    """One flagged name or address, in words, with what was found."""
    where = {
        "name": _tr("name"), "host": _tr("web address"), "description": _tr("description"),
        "privacy_policy": _tr("privacy policy address"),
    }.get(flag.where, flag.where)
    reason = {
        Reason.MIXED_SCRIPTS: _tr("letters from several alphabets"),
        Reason.WHOLE_SCRIPT_CONFUSABLE: _tr("letters that only look Latin"),
        Reason.COMPATIBILITY_CHARACTERS: _tr("look-alike variants of ordinary letters"),
        Reason.PUNYCODE: _tr("an international domain name"),
        Reason.INVALID_PUNYCODE: _tr("a malformed international domain name"),
    }.get(flag.reason, flag.reason.value)
    detail = f" ({flag.detail})" if flag.detail else ""
    return _tr("{where}: {reason}").format(where=where, reason=reason) + detail


def home_words(home: AddressScope, reaches_local: bool) -> str | None:
    """Where a brand lives when that is not the internet ({origin} is filled in later).

    `reaches_local`: the vault delivers to the brand there, as it does once a request of
    the brand's was fetched from its own address (vault/peers.py)."""
    if home is AddressScope.LOOPBACK:
        return _tr("⚠ On this computer: {origin} is a server running here (a demo or a "
                   "test), not a brand's site on the internet.")
    if home is AddressScope.LOCAL_NETWORK and reaches_local:
        return _tr("⚠ On the local network: {origin} is not a site on the internet but a "
                   "server on your local network (an intranet site). The vault delivers "
                   "there because the brand's request was fetched from that address.")
    if home is AddressScope.LOCAL_NETWORK:
        return _tr("⚠ On the local network: {origin} is not a site on the internet. The "
                   "brand's request came from a file or pasted text, so the vault sends "
                   "nothing there and a share would not be delivered: fetch the request "
                   "from that address instead.")
    return None


_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z]+")


# -- brands' own questions -----------------------------------------------------------------

def _translated(question: Question) -> tuple[str, dict[str, str]]:
    """The question's label and choice labels in the app's language when the brand wrote
    them in it, else as the brand asked; plain text with hidden characters revealed."""
    locale = QLocale()
    translation = (question.translation(locale.bcp47Name())
                   or question.translation(locale.name().split("_")[0]))
    label = translation.label if translation is not None else question.label
    choices = {c.value: c.label for c in question.choices}
    if translation is not None:
        choices.update({c.value: c.label for c in translation.choices})
    return brand_text(label), {v: brand_text(text) for v, text in choices.items()}


def question_label(question: Question) -> str:
    return _translated(question)[0]


def quoted_label(question: Question) -> str:
    """A question's label inside a sentence: quoted (it ends with its own "?")."""
    return _tr("“{question}”").format(question=question_label(question))


def choice_labels(question: Question) -> list[tuple[str, str]]:
    """(value, label) of each choice, in the brand's order."""
    labels = _translated(question)[1]
    return [(c.value, labels[c.value]) for c in question.choices]


def answer_words(question: Question, value: JsonValue | None) -> str:
    """An answer as the person reads it: choices by their labels, yes or no, the date."""
    if value is None:
        return ""
    if question.type in (QuestionType.CHOICE, QuestionType.MULTI_CHOICE):
        labels = _translated(question)[1]
        chosen = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(v), brand_text(str(v))) for v in chosen)
    if question.type is QuestionType.TEXT:
        return brand_text(str(value))  # typed by the person; revealed all the same
    return exchange.show_value(value)


def topic_words(topic: Topic) -> str:
    match topic:
        case Topic.HEALTH:
            return _tr("health")
        case Topic.RELIGION:
            return _tr("religion or beliefs")
        case Topic.POLITICS:
            return _tr("political opinions")
        case Topic.ETHNICITY:
            return _tr("ethnic origin")
        case Topic.SEXUALITY:
            return _tr("sex life or sexual orientation")
        case Topic.BIOMETRICS:
            return _tr("biometric data")
        case Topic.GENETICS:
            return _tr("genetic data")
        case Topic.TRADE_UNION:
            return _tr("trade union membership")
        case Topic.CRIMINAL:
            return _tr("criminal record")
        case _:
            assert_never(topic)


def mismatch_words(judgement: Judgement, brand_name: str) -> str:
    """The brand declared the question less sensitive than the vault judges it."""
    topics = _tr(", ").join(sorted(topic_words(t) for t in judgement.topics))
    return _tr("⚠ {brand} calls this question “{declared}”; it asks about your {topics}. "
               "The vault treats it as special-category data.").format(
        brand=in_sentence(brand_name), declared=sensitivity_name(judgement.declared).lower(),
        topics=topics)


def new_service_alias(service: str) -> str:
    """What an email field carries when the alias service makes the brand's alias as it is
    shared ("a new alias at SimpleLogin")."""
    return _tr("a new alias at {0}").format(service)
