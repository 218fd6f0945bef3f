"""Brands and their data requests: verify, pin keys on first use, list asks."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum

from zpd import jose
from zpd.errors import RequestInvalid
from zpd.origin import AddressScope, host_of, host_scope, ip_literal, origin_of
from zpd.questions import Question
from zpd.request import Ask, DataRequest, read_verified, verify_request

from ..changes import Changes, mark
from ..errors import BrandKeysChanged, UnknownBrand, UnknownQuestion
from ..profile import audit
from ..profile.audit import AuditAction
from ..storage.store import Connection, Store


class RequestSource(StrEnum):
    FILE = "file"
    TEXT = "text"
    WEB = "web"  # fetched over TLS from the brand's well-known address: domain verified


@dataclass(frozen=True)
class Brand:
    origin: str
    name: str
    domain_verified: bool
    pinned_at: int
    signing_kid: str
    encryption_kid: str

    @functools.cached_property  # asked for each time a table lays out or paints its row
    def home(self) -> AddressScope:
        """Where the brand's address leads as written: PUBLIC (the internet), LOOPBACK
        (this computer: a demo or test server) or LOCAL_NETWORK (an intranet address or
        a local-only name)."""
        return host_scope(host_of(self.origin))


@dataclass(frozen=True)
class ImportResult:
    brand: Brand
    request: DataRequest
    new_brand: bool
    keys_replaced: bool
    already_known: bool
    # Keys pinned from a file or pasted text, replaced by the ones a fetch from the
    # brand's own address proved (no need to accept them: that is the stronger proof).
    unverified_keys_replaced: bool = False
    # The brand already offered a newer request (by iat): this one's asks are not on offer.
    outdated: bool = False


@dataclass(frozen=True)
class StoredRequest:
    id: int
    request: DataRequest
    source: RequestSource
    domain_verified: bool
    imported_at: int


_BRAND_COLUMNS = "origin, name, domain_verified, pinned_at, signing_jwk, encryption_jwk"


def import_request(
    store: Store,
    text: str,
    source: RequestSource,
    now: int,
    *,
    accept_new_keys: bool = False,
    expected_origin: str | None = None,
) -> ImportResult:
    """Verify and keep a request exactly as received; pin the brand's keys on first use.

    A fetched request must come from the origin it names (`expected_origin`).
    """
    request = verify_request(text, now)
    if expected_origin is not None and request.iss != expected_origin:
        raise RequestInvalid("bad_issuer", f"served by {expected_origin}, names {request.iss}")
    verified = source is RequestSource.WEB
    if not verified:
        refuse_local_origin(request.iss)
    existing = _brand_row(store, request.iss)
    keys_replaced = unverified_keys_replaced = False
    if existing is not None:
        pinned = (json.loads(str(existing[4]))["kid"], json.loads(str(existing[5]))["kid"])
        if pinned != request.key_ids:
            if verified and not existing[2]:
                unverified_keys_replaced = True
            elif not accept_new_keys:
                raise BrandKeysChanged(request.iss, pinned, request.key_ids)
            keys_replaced = True
    duplicate = store.query_one("SELECT id FROM requests WHERE sha256 = ?", (request.sha256,))
    with store.transaction() as connection:
        mark(Changes.BRANDS)
        if existing is None or keys_replaced:
            _pin(connection, request, verified, now, replace=keys_replaced)
        else:
            connection.execute(
                "UPDATE brands SET name = ?, domain_verified = MAX(domain_verified, ?), "
                "updated_at = ? WHERE origin = ?",
                (request.body.brand.name, int(verified), now, request.iss),
            )
        if duplicate is None:
            connection.execute(
                "INSERT INTO requests (brand_origin, jti, jws, sha256, iat, exp, source, "
                "domain_verified, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    request.iss,
                    request.jti,
                    request.jws,
                    request.sha256,
                    request.iat,
                    request.exp,
                    source.value,
                    int(verified),
                    now,
                ),
            )
        elif verified:
            connection.execute(
                "UPDATE requests SET domain_verified = 1 WHERE id = ?", (duplicate[0],)
            )
        if keys_replaced:
            details: dict[str, object] = {"brand": request.iss, "kids": list(request.key_ids)}
            if unverified_keys_replaced:
                details["reason"] = "domain_verified"  # not the person's acceptance
            audit.append(connection, now, AuditAction.BRAND_KEYS_REPLACED, details)
        audit.append(
            connection,
            now,
            AuditAction.REQUEST_IMPORTED,
            {
                "brand": request.iss,
                "request": request.jti,
                "source": source.value,
                "domain_verified": verified,
            },
        )
    on_offer = latest_request(store, request.iss)
    return ImportResult(
        brand=get(store, request.iss),
        request=request,
        new_brand=existing is None,
        keys_replaced=keys_replaced,
        already_known=duplicate is not None,
        unverified_keys_replaced=unverified_keys_replaced,
        outdated=on_offer is not None and on_offer.request.sha256 != request.sha256,
    )


def refuse_local_origin(origin: str) -> None:
    """A request not fetched from its own origin may not name this computer, nor an
    address on the local network or of special use: sharing would make the vault POST
    there (a router, a printer, a database on 127.0.0.1...). A local-only *name* passes
    (nothing resolves it offline); the transport refuses its address when connecting."""
    host = host_of(origin)
    scope = host_scope(host)
    if scope is AddressScope.LOOPBACK or (ip_literal(host) is not None
                                          and scope is not AddressScope.PUBLIC):
        raise RequestInvalid(
            "local_address",
            f"{origin} is not on the internet ({scope.value}); only a request fetched from "
            "that address itself may name it",
        )


def may_reach_local(store: Store, origin: str) -> bool:
    """Whether exchanges with this brand may connect to this computer and the local
    network (within what vault/peers.py allows): only a brand whose request was fetched
    from its own origin, never one known only from a file or pasted text."""
    row = store.query_one("SELECT domain_verified FROM brands WHERE origin = ?", (origin,))
    return row is not None and bool(row[0])


_opened_by_person: ContextVar[str | None] = ContextVar("opened_by_person", default=None)


@contextmanager
def opened_by_person(url: str) -> Iterator[None]:
    """While the block runs, a GET of exactly `url` counts as the fetch of a request from
    an address the person chose (a share link's request_uri they opened)."""
    token = _opened_by_person.set(url)
    try:
        yield
    finally:
        _opened_by_person.reset(token)


def local_policy(store: Store, well_known_path: str) -> Callable[[str, str], bool]:
    """The transport's `may_reach_local`: fetching a request from the well-known address
    of an origin the person named or from a share link's request_uri they opened, and
    every exchange with a brand whose request was fetched from its own origin."""

    def may_reach(method: str, url: str) -> bool:
        try:
            origin = origin_of(url)
        except ValueError:
            return False
        if method == "GET" and url in (origin + well_known_path, _opened_by_person.get()):
            return True
        return may_reach_local(store, origin)

    return may_reach


def _pin(
    connection: Connection, request: DataRequest, verified: bool, now: int, *, replace: bool
) -> None:
    values = (
        request.body.brand.name,
        json.dumps(request.signing_jwk),
        json.dumps(request.encryption_jwk),
        int(verified),
        now,
        now,
        request.iss,
    )
    if replace:
        connection.execute(
            "UPDATE brands SET name = ?, signing_jwk = ?, encryption_jwk = ?, "
            "domain_verified = ?, pinned_at = ?, updated_at = ? WHERE origin = ?",
            values,
        )
    else:
        connection.execute(
            "INSERT INTO brands (name, signing_jwk, encryption_jwk, domain_verified, pinned_at, "
            "updated_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?)",
            values,
        )


def _brand_row(store: Store, origin: str) -> tuple[object, ...] | None:
    return store.query_one(f"SELECT {_BRAND_COLUMNS} FROM brands WHERE origin = ?", (origin,))


def _brand(row: tuple[object, ...]) -> Brand:
    return Brand(
        origin=str(row[0]),
        name=str(row[1]),
        domain_verified=bool(row[2]),
        pinned_at=int(str(row[3])),
        signing_kid=json.loads(str(row[4]))["kid"],
        encryption_kid=json.loads(str(row[5]))["kid"],
    )


def get(store: Store, origin: str) -> Brand:
    row = _brand_row(store, origin)
    if row is None:
        raise UnknownBrand(origin)
    return _brand(row)


def all_brands(store: Store) -> list[Brand]:
    return [_brand(r) for r in store.query(f"SELECT {_BRAND_COLUMNS} FROM brands ORDER BY name")]


def find(store: Store, reference: str) -> Brand:
    """A brand by its origin, or by a prefix of its name that names exactly one brand."""
    reference = reference.strip()
    brands = all_brands(store)
    exact = [b for b in brands if b.origin == reference.rstrip("/")]
    if exact:
        return exact[0]
    folded = reference.casefold()
    matches = [b for b in brands if b.name.casefold().startswith(folded)] if folded else []
    if len(matches) != 1:
        raise UnknownBrand(reference, [b.name for b in matches])
    return matches[0]


def pinned_encryption_jwk(connection: Connection, origin: str) -> dict[str, object]:
    row = connection.execute(
        "SELECT encryption_jwk FROM brands WHERE origin = ?", (origin,)
    ).fetchone()
    if row is None:
        raise UnknownBrand(origin)
    jwk: dict[str, object] = json.loads(row[0])
    return jwk


def endpoints_of(connection: Connection, request_id: int) -> tuple[str, str]:
    """(grants, events) endpoint URLs of a stored request."""
    row = connection.execute("SELECT jws FROM requests WHERE id = ?", (request_id,)).fetchone()
    body = read_verified(str(row[0])).body
    return body.grants_endpoint, body.events_endpoint


def latest_request(store: Store, origin: str) -> StoredRequest | None:
    """The brand's newest request (by `iat`) under its pinned signing key: its asks are the
    ones on offer. An older request imported later (a file kept from last year) does not
    take their place, nor does one signed with keys the brand no longer has."""
    brand = store.query_one("SELECT signing_jwk FROM brands WHERE origin = ?", (origin,))
    if brand is None:
        return None
    pinned_kid = json.loads(str(brand[0]))["kid"]
    sql = ("SELECT id, jws, source, domain_verified, imported_at FROM requests "
           "WHERE brand_origin = ? ORDER BY iat DESC, imported_at DESC, id DESC")
    for limit in (" LIMIT 4", ""):  # almost always the first; all of them if need be
        for row in store.query(sql + limit, (origin,)):
            if _signing_kid(str(row[1])) == pinned_kid:
                return _stored(row)
    return None


def _signing_kid(jws: str) -> object:
    try:
        return jose.unverified_header(jws, RequestInvalid).get("kid")
    except RequestInvalid:
        return None


def request_by_id(store: Store, request_id: int) -> StoredRequest:
    row = store.query_one(
        "SELECT id, jws, source, domain_verified, imported_at FROM requests WHERE id = ?",
        (request_id,),
    )
    if row is None:
        raise UnknownBrand(f"request {request_id}")
    return _stored(row)


def _stored(row: tuple[object, ...]) -> StoredRequest:
    # Stored requests were verified at import; re-parse without the expiry check
    # so an old grant's request can still be shown after it lapsed.
    request = read_verified(str(row[1]))
    return StoredRequest(
        int(str(row[0])), request, RequestSource(str(row[2])), bool(row[3]), int(str(row[4]))
    )


def asks(store: Store, origin: str) -> list[Ask]:
    latest = latest_request(store, origin)
    return list(latest.request.body.asks) if latest else []


def questions(store: Store, origin: str) -> list[Question]:
    """The brand's own questions in its latest request, in the order first asked."""
    found: dict[str, Question] = {}
    for ask in asks(store, origin):
        for question in ask.questions:
            found.setdefault(question.key, question)
    return list(found.values())


def question(store: Store, origin: str, key: str) -> Question:
    """One of the brand's questions, as its latest request asks it (UnknownQuestion)."""
    found = next((q for q in questions(store, origin) if q.key == key), None)
    if found is None:
        raise UnknownQuestion(origin, key)
    return found


def questions_of_requests(
    store: Store, request_ids: Iterable[int]
) -> dict[int, dict[str, Question]]:
    """Per request (by id), its questions by `q:` key: what the grants given under it were
    asked, in the brand's words then (each request read once)."""
    found: dict[int, dict[str, Question]] = {}
    for request_id in request_ids:
        if request_id not in found:
            body = request_by_id(store, request_id).request.body
            found[request_id] = {q.key: q for ask in body.asks for q in ask.questions}
    return found
