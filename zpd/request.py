"""Data requests (PROTOCOL.md sections 2, 7, 8 and 10): a brand's signed list of asks.

`parse_spec` checks what a brand writes by hand (the payload without `iat`,
`exp`, `jti`, `jwks`); `sign_request` fills those in and signs; the vault
calls `verify_request` on what it receives, and `read_verified` on a request it
verified before and kept.

A spec is held to a little more than a received request: a `return_uri` a vault
would ignore (not https on the brand's own origin) is refused in a spec, so that a
brand learns of it when signing, while a received request simply goes without it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from joserfc.jwk import OKPKey

from . import jose, purposes
from .catalogue import BY_KEY
from .claims import Reader, not_issued_later
from .errors import KeyInvalid, RequestInvalid
from .origin import canonical_origin, origin_of
from .processors import parse_processors
from .questions import Question, QuestionProblem, check_key, is_question_key, parse_question

REQUEST_TYP = "zpd-request+jwt"
OFFER_KINDS = ("discount", "gift", "service", "points", "access", "none")
FILLED_BY_KIT = ("iat", "exp", "jti", "jwks")
MAX_ASKS = 50
MAX_FIELDS = 100
MAX_DAYS = 36500
PER_VISIT_MAX_SECONDS = 3600  # a per-visit request's exp is at most this long after its iat

T = TypeVar("T")


@dataclass(frozen=True)
class AskedField:
    """One entry of an ask's `fields`: a catalogue field, or a brand's question (`q:` key)."""

    key: str
    required: bool
    why: str
    question: Question | None = None


@dataclass(frozen=True)
class Purpose:
    iri: str
    description: str


@dataclass(frozen=True)
class Offer:
    kind: str
    description: str


@dataclass(frozen=True)
class Ask:
    id: str
    purpose: Purpose
    fields: tuple[AskedField, ...]
    offer: Offer
    retention_days: int
    duration_days: int

    @property
    def required_keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields if f.required)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)

    def field(self, key: str) -> AskedField | None:
        return next((f for f in self.fields if f.key == key), None)

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(f.question for f in self.fields if f.question is not None)


@dataclass(frozen=True)
class BrandInfo:
    name: str
    description: str
    privacy_policy: str
    contact: str


@dataclass(frozen=True)
class RequestBody:
    """The part of a request a brand writes: everything but iat, exp, jti and jwks."""

    iss: str
    brand: BrandInfo
    grants_endpoint: str
    events_endpoint: str
    asks: tuple[Ask, ...]
    receipts_endpoint: str | None = None  # v1.1: GET <receipts>/<jti> gives the latest receipt
    return_uri: str | None = None  # v1.1: where the person may go back after the review
    processors: tuple[str, ...] = ()  # v1.1: domain names of services the data is passed to

    def ask(self, ask_id: str) -> Ask | None:
        return next((a for a in self.asks if a.id == ask_id), None)


@dataclass(frozen=True)
class DataRequest:
    """A verified request, with the JWS exactly as received."""

    jws: str
    body: RequestBody
    iat: int
    exp: int
    jti: str
    signing_jwk: dict[str, Any]
    encryption_jwk: dict[str, Any]

    @property
    def iss(self) -> str:
        return self.body.iss

    @property
    def return_uri(self) -> str | None:
        return self.body.return_uri

    @property
    def processors(self) -> tuple[str, ...]:
        return self.body.processors

    @property
    def sha256(self) -> str:
        return jose.sha256_b64u(self.jws)

    @property
    def key_ids(self) -> tuple[str, str]:
        return str(self.signing_jwk["kid"]), str(self.encryption_jwk["kid"])


def parse_spec(spec: object) -> RequestBody:
    """Validate a brand's hand-written request spec."""
    reader = Reader(spec, "", RequestInvalid)
    for claim in FILLED_BY_KIT:
        if reader.has(claim):
            raise RequestInvalid("bad_member", f"{claim} is filled in by the kit; remove it")
    body = _parse_body(reader)
    if reader.raw("return_uri") is not None and body.return_uri is None:
        raise RequestInvalid(
            "bad_return_uri", f"return_uri must be a web address on {body.iss} "
            "(https, or http on a loopback host); vaults would ignore this one")
    return body


def sign_request(
    spec: object, signing_key: OKPKey, encryption_key: OKPKey, *, iat: int, exp: int,
    jti: str | None = None,
) -> str:
    body = parse_spec(spec)
    if exp <= iat:
        raise RequestInvalid("bad_member", "exp must be after iat")
    assert isinstance(spec, dict)
    payload = {
        **spec,
        "iss": body.iss,
        "iat": iat,
        "exp": exp,
        "jti": jti or str(uuid.uuid4()),
        "jwks": {"keys": [jose.public_jwk(signing_key, "sig"),
                          jose.public_jwk(encryption_key, "enc")]},
    }
    header = {"typ": REQUEST_TYP, "kid": jose.thumbprint(signing_key)}
    return jose.sign(header, payload, signing_key)


def verify_request(text: str, now: int) -> DataRequest:
    """Verify a request per PROTOCOL.md section 2 as at `now`; RequestInvalid with the reason.

    Besides the signature and the members: `iss` written in its canonical form, `iat`
    at most CLOCK_SKEW seconds ahead of `now`, `exp` after both `iat` and `now`."""
    request = _verify(text, kept=False)
    not_issued_later(request.iat, now, RequestInvalid)
    if request.exp <= request.iat:
        raise RequestInvalid("bad_member", "exp must be after iat")
    if request.exp <= now:
        raise RequestInvalid("expired", "the request's exp has passed")
    return request


def read_verified(text: str) -> DataRequest:
    """A request verified by `verify_request` before and kept since, read again: its
    signature and members are checked, its times are not (an expired request still
    names the asks its grants were given under). What rules added since it was kept
    refuse is read as it was then: an `iss` not written canonically in its canonical
    form, a malformed v1.1 member (`processors`, `endpoints.receipts`, a `question` on a
    catalogue field) as absent, as older rules ignored it."""
    return _verify(text, kept=True)


def _verify(text: str, *, kept: bool) -> DataRequest:
    token = text.strip() if isinstance(text, str) else text
    header = jose.unverified_header(token, RequestInvalid)
    payload_reader = Reader(_unverified_payload(token), "", RequestInvalid)
    signing_jwk, encryption_jwk = _keys(payload_reader)
    if header.get("kid") != signing_jwk["kid"]:
        raise RequestInvalid("unknown_key", "header kid names no signing key in jwks")
    signing_key = jose.import_public_key(signing_jwk, "Ed25519")
    _, claims = jose.verify(token, signing_key, REQUEST_TYP, RequestInvalid)
    reader = Reader(claims, "", RequestInvalid)
    body = _parse_body(reader, kept=kept)
    iat = reader.integer("iat")
    exp = reader.integer("exp")
    jti = reader.text("jti", max_length=200)
    return DataRequest(token, body, iat, exp, jti, signing_jwk, encryption_jwk)


def _unverified_payload(token: str) -> object:
    # The signing key travels inside the payload, so it is read before the
    # signature is checked; nothing else from it is used until then.
    segments = token.split(".")
    try:
        return json.loads(jose.b64u_decode(segments[1]).decode("utf-8"))
    except (ValueError, IndexError, UnicodeDecodeError, RecursionError):
        raise RequestInvalid("bad_payload", "payload is not JSON") from None


def _keys(reader: Reader) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = reader.obj("jwks").items("keys", max_items=10)
    signing = [k.data for k in keys if k.data.get("use") == "sig"]
    encryption = [k.data for k in keys if k.data.get("use") == "enc"]
    if len(signing) != 1 or len(encryption) != 1:
        raise RequestInvalid("bad_keys", "jwks must hold one sig and one enc key")
    try:
        sig_key = jose.import_public_key(signing[0], "Ed25519")
        enc_key = jose.import_public_key(encryption[0], "X25519")
    except KeyInvalid as exc:
        # A key anyone could sign or decrypt with gets its own reason; the rest is malformed.
        weak = exc.reason in ("small_order_key", "non_canonical_key")
        raise RequestInvalid(exc.reason if weak else "bad_keys", str(exc)) from None
    for jwk, key in ((signing[0], sig_key), (encryption[0], enc_key)):
        if jwk.get("kid") != jose.thumbprint(key):
            raise RequestInvalid("bad_keys", "a key's kid is not its RFC 7638 thumbprint")
    return (jose.public_jwk(sig_key, "sig"), jose.public_jwk(enc_key, "enc"))


def _parse_body(reader: Reader, *, kept: bool = False) -> RequestBody:
    written = reader.text("iss", max_length=300)
    try:
        iss = canonical_origin(written)
    except ValueError as exc:
        raise RequestInvalid("bad_issuer", f"iss: {exc}") from None
    if not kept and iss != written:
        # Tokens carry the origin as `aud` and receipts must carry it as `iss`: one spelling.
        raise RequestInvalid(
            "non_canonical_issuer", f"iss must be written {iss!r} (RFC 6454: lower case, "
            f"no default port, no path, no trailing slash), not {written!r}")
    brand = reader.obj("brand")
    info = BrandInfo(
        name=brand.text("name", max_length=200),
        description=brand.text("description", optional=True),
        privacy_policy=_url(brand, "privacy_policy", optional=True),
        contact=brand.text("contact", max_length=300, optional=True),
    )
    endpoints = reader.obj("endpoints")
    grants, events = _endpoint(endpoints, "grants", iss), _endpoint(endpoints, "events", iss)
    receipts = _v11_member(lambda: _endpoint(endpoints, "receipts", iss)
                           if endpoints.raw("receipts") is not None else None, None, kept)
    asks = tuple(_ask(a, kept) for a in reader.items("asks", max_items=MAX_ASKS))
    ids = [a.id for a in asks]
    if len(set(ids)) != len(ids):
        raise RequestInvalid("bad_member", "asks: ids must be unique")
    _one_question_per_key(asks)
    return RequestBody(
        iss, info, grants, events, asks, receipts_endpoint=receipts,
        return_uri=_return_uri(reader.raw("return_uri"), iss),
        processors=_v11_member(lambda: parse_processors(reader), (), kept),
    )


def _v11_member(read: Callable[[], T], absent: T, kept: bool) -> T:
    """A v1.1 member, refused when malformed; in a request kept from before v1.1, where it
    was an unknown member and ignored, read as absent instead."""
    try:
        return read()
    except RequestInvalid:
        if kept:
            return absent
        raise


def _return_uri(value: object, iss: str) -> str | None:
    """An http(s) URL on the origin `iss` (so https, or http for a loopback `iss`), without
    user info; anything else is ignored (PROTOCOL.md section 7)."""
    if not isinstance(value, str):
        return None
    try:
        return value if origin_of(value) == iss else None
    except ValueError:
        return None


def _one_question_per_key(asks: tuple[Ask, ...]) -> None:
    """A `q:` key names one question of the brand: asked in several asks, it is the same."""
    seen: dict[str, Question] = {}
    for ask in asks:
        for question in ask.questions:
            if seen.setdefault(question.key, question) != question:
                raise RequestInvalid(QuestionProblem.CONFLICT, f"asks: {question.key!r} is "
                                     "asked as two different questions")


def _endpoint(endpoints: Reader, name: str, iss: str) -> str:
    url = endpoints.text(name, max_length=2048)
    try:
        origin = origin_of(url)
    except ValueError as exc:
        raise RequestInvalid("bad_endpoint", f"{endpoints.where(name)}: {exc}") from None
    if "?" in url or "#" in url:
        # The vault POSTs here, again and again: a query string would let a request
        # steer that at any path-and-parameters of the brand's host.
        raise RequestInvalid("bad_endpoint",
                             f"{endpoints.where(name)} has a query string or fragment")
    if origin != iss:
        raise RequestInvalid("bad_endpoint", f"{endpoints.where(name)} is not on {iss}")
    return url


def _url(reader: Reader, key: str, *, optional: bool) -> str:
    url = reader.text(key, max_length=2048, optional=optional)
    if url:
        try:
            origin_of(url)
        except ValueError as exc:
            raise reader.fail(key, f"is not a web address ({exc})") from None
    return url


def _ask(reader: Reader, kept: bool = False) -> Ask:
    ask_id = reader.text("id", max_length=64)
    purpose = reader.obj("purpose")
    iri = purpose.text("iri", max_length=300)
    if not purposes.is_dpv_iri(iri):
        raise RequestInvalid("bad_purpose", f"{purpose.where('iri')}: {iri!r} is not a DPV IRI")
    offer = reader.obj("offer")
    kind = offer.text("kind", max_length=20)
    if kind not in OFFER_KINDS:
        raise RequestInvalid(
            "bad_offer", f"{offer.where('kind')}: {kind!r} is not one of {', '.join(OFFER_KINDS)}"
        )
    fields = tuple(_asked_field(f, kept) for f in reader.items("fields", max_items=MAX_FIELDS))
    keys = [f.key for f in fields]
    if len(set(keys)) != len(keys):
        raise RequestInvalid("bad_member", f"{reader.where('fields')}: a field is asked twice")
    return Ask(
        id=ask_id,
        purpose=Purpose(iri, purpose.text("description")),
        fields=fields,
        offer=Offer(kind, offer.text("description", optional=kind == "none")),
        retention_days=reader.integer("retention_days", minimum=1, maximum=MAX_DAYS),
        duration_days=reader.integer("duration_days", minimum=1, maximum=MAX_DAYS),
    )


def _asked_field(reader: Reader, kept: bool = False) -> AskedField:
    key = reader.text("key", max_length=64)
    question = None
    if is_question_key(key):
        check_key(key, reader.where("key"))
        if reader.raw("question") is None:
            raise RequestInvalid(QuestionProblem.MISSING,
                                 f"{reader.where('question')}: a {key!r} field needs one")
        question = parse_question(key, reader.obj("question"))
    elif key not in BY_KEY:
        raise RequestInvalid("unknown_field", f"{reader.where('key')}: no field {key!r}")
    elif reader.raw("question") is not None and not kept:
        raise RequestInvalid(QuestionProblem.NOT_A_QUESTION_KEY,
                             f"{reader.where('question')}: only a q: key carries a question")
    return AskedField(key, reader.boolean("required"), reader.text("why"), question)
