"""Per-visit share links (PROTOCOL.md section 7): one signed request for one page visit.

The library API, for a brand's own web backend (with or without our receiver):

    link = sign_visit(spec, keys, "https://shop.example/zpd/visit/4f1c", ask="fit-advice")
    # serve link.jws at that address (application/jwt); show link.link and link.qr_svg
    ...
    grants = receiver.grants_for_request(link.jti)   # or claims.request_jti of a token you opened

`Visits` is what the reference receiver's `POST /zpd/visits` does with it: it signs a
fresh per-visit request from the brand's served request, records it (an issued request,
so tokens may name it, and the visit with the brand's `reference`) in one transaction,
and reads a visit's state. A grant names its visit by `request.jti` and
`request.sha256`, in every version and after its revocation.
"""

from __future__ import annotations

import io
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import segno

from zpd import jose
from zpd.links import ACTION, SCHEME
from zpd.request import PER_VISIT_MAX_SECONDS, DataRequest

from .issuing import DEFAULT_VISIT_SECONDS, sign_visit_request
from .keys import BrandKeys
from .storage import GrantRecord, GrantState, IssuedRequest, Storage, Transaction, Visit

# What GET /zpd/visits/<id> answers
PENDING = "pending"  # nothing shared yet, the link still valid
SHARED = "shared"  # a grant arrived (its own status says whether it is active or paused)
DELETED = "revoked"  # the grant was revoked: its data is gone
LINK_EXPIRED = "expired"  # nothing shared, and the link's request has expired

MAX_REFERENCE = 200
QR_SCALE = 4
QR_BORDER = 4
VISIT_PATH = "/zpd/visit/"  # + visit id: where the request of a visit is served


class VisitRefused(ValueError):
    """A per-visit request that cannot be made as asked (an unknown ask, a bad reference...)."""


@dataclass(frozen=True)
class SignedVisit:
    """A per-visit request, and the share link to it."""

    jws: str  # serve at request_uri, as application/jwt
    jti: str
    sha256: str
    request_uri: str
    link: str  # zpd://share?request_uri=...[&ask=...]
    iat: int
    exp: int

    @property
    def qr_svg(self) -> str:
        return link_qr_svg(self.link)


@dataclass(frozen=True)
class VisitState:
    visit: Visit
    status: str  # PENDING, SHARED, DELETED or LINK_EXPIRED
    grant: GrantRecord | None  # the grant that decides the status, if any
    grant_status: GrantState | None = None  # active, paused or expired, for SHARED


def share_link(request_uri: str, ask: str | None = None) -> str:
    """`zpd://share?request_uri=<URL>[&ask=<id>]`, each value percent-encoded whole."""
    link = f"{SCHEME}://{ACTION}?request_uri={quote(request_uri, safe='')}"
    return link if ask is None else f"{link}&ask={quote(ask, safe='')}"


def link_qr_svg(link: str) -> str:
    """The link as a QR code: a standalone SVG (no script, no style), for a phone's camera."""
    out = io.BytesIO()
    code = segno.make(link, error="M", micro=False)
    code.save(out, kind="svg", scale=QR_SCALE, border=QR_BORDER, xmldecl=False,
              svgclass=None, lineclass=None, title="Share from my vault")
    return out.getvalue().decode("utf-8")


def spec_of(request: DataRequest) -> dict[str, Any]:
    """The spec a signed request was made from: its payload without iat, exp, jti and jwks."""
    claims = json.loads(jose.b64u_decode(request.jws.split(".")[1]))
    assert isinstance(claims, dict)
    return {k: v for k, v in claims.items() if k not in ("iat", "exp", "jti", "jwks")}


def sign_visit(
    spec: object, keys: BrandKeys, request_uri: str, *, ask: str | None = None,
    return_uri: str | None = None, now: int | None = None,
    seconds: int = DEFAULT_VISIT_SECONDS,
) -> SignedVisit:
    """A per-visit request from `spec` (with `return_uri`, if given), for `request_uri`.

    RequestInvalid if the spec is not valid or `return_uri` is not on its `iss`;
    VisitRefused if `ask` names none of its asks; ValueError for `seconds` out of
    1..3600. The request is served at `request_uri`, which must be on the spec's
    `iss` (the vault refuses a request whose `iss` is not the origin it came from)."""
    if not isinstance(spec, dict):
        raise VisitRefused("a spec is a JSON object")
    if ask is not None and ask not in {a.get("id") for a in spec.get("asks", ())
                                       if isinstance(a, dict)}:
        raise VisitRefused(f"ask {ask!r} is none of the request's asks")
    if return_uri is not None:
        spec = {**spec, "return_uri": return_uri}
    moment = int(time.time()) if now is None else now
    jws = sign_visit_request(spec, keys, now=moment, seconds=seconds)
    claims = json.loads(jose.b64u_decode(jws.split(".")[1]))
    return SignedVisit(jws, str(claims["jti"]), jose.sha256_b64u(jws), request_uri,
                       share_link(request_uri, ask), moment, moment + seconds)


class Visits:
    """Per-visit requests of one brand, kept in the receiver's storage.

    `request` is the brand's served request: each visit's request is it, signed
    afresh (a new jti, a life of `seconds`), with the visit's `return_uri`.
    """

    def __init__(self, keys: BrandKeys, storage: Storage, request: DataRequest) -> None:
        self._keys = keys
        self._storage = storage
        self._spec = spec_of(request)
        self.origin = request.iss
        self.ask_ids = tuple(a.id for a in request.body.asks)

    def start(
        self, *, ask: str | None = None, return_uri: str | None = None,
        reference: str | None = None, seconds: int = DEFAULT_VISIT_SECONDS,
        now: int | None = None, visit_id: str | None = None,
    ) -> tuple[Visit, SignedVisit]:
        """Sign and record a per-visit request; the visit and its link.

        VisitRefused for an unknown ask, a reference that is not 1 to MAX_REFERENCE
        characters of printable text, or `seconds` out of 1..3600; RequestInvalid for
        a `return_uri` that is not on the brand's origin."""
        if reference is not None and not _printable(reference, MAX_REFERENCE):
            raise VisitRefused(f"reference: 1 to {MAX_REFERENCE} printable characters")
        if not 1 <= seconds <= PER_VISIT_MAX_SECONDS:
            raise VisitRefused(f"a visit's link lives 1 to {PER_VISIT_MAX_SECONDS} seconds")
        visit_id = visit_id or secrets.token_urlsafe(16)
        signed = sign_visit(
            self._spec, self._keys, self.origin + VISIT_PATH + visit_id, ask=ask,
            return_uri=return_uri, now=now, seconds=seconds,
        )
        visit = Visit(visit_id, signed.sha256, signed.jti, ask, return_uri, reference,
                      signed.iat, signed.exp)
        issued = IssuedRequest(signed.sha256, signed.jti, signed.jws, signed.iat, signed.exp,
                               signed.iat)

        def record(transaction: Transaction) -> None:
            transaction.add_issued_request(issued)
            transaction.add_visit(visit)

        self._storage.atomically(record)
        return visit, signed

    def link(self, visit: Visit) -> str:
        """The share link of a visit."""
        return share_link(self.origin + VISIT_PATH + visit.visit_id, visit.ask_id)

    def request_of(self, visit_id: str) -> str | None:
        """The signed request of a visit, to serve at its request_uri; None if unknown."""

        def read(transaction: Transaction) -> str | None:
            visit = transaction.visit(visit_id)
            issued = None if visit is None else transaction.issued_request(visit.request_sha256)
            return None if issued is None else str(issued.jws)

        return self._storage.atomically(read, write=False)

    def state(self, visit_id: str, now: int | None = None) -> VisitState | None:
        """Where a visit stands; None if there is no such visit."""
        moment = int(time.time()) if now is None else now

        def read(transaction: Transaction) -> VisitState | None:
            visit = transaction.visit(visit_id)
            if visit is None:
                return None
            return visit_state(visit, transaction.grants_for_request(visit.request_jti), moment)

        return self._storage.atomically(read, write=False)


def visit_state(visit: Visit, grants: list[GrantRecord], now: int) -> VisitState:
    """A visit's state from the grants given under its request (in the order received): the
    last one still held decides, else the last one revoked."""
    held = [g for g in grants if g.status is not GrantState.REVOKED]
    if held:
        grant = held[-1]
        return VisitState(visit, SHARED, grant, grant.status_at(now))
    if grants:
        return VisitState(visit, DELETED, grants[-1])
    return VisitState(visit, PENDING if now < visit.expires_at else LINK_EXPIRED, None)


def state_json(state: VisitState) -> dict[str, Any]:
    """What GET /zpd/visits/<id> answers: the status, and for a grant its pseudonym, id,
    version, status and (only while it is active) data."""
    visit = state.visit
    document: dict[str, Any] = {
        "id": visit.visit_id, "status": state.status, "request_jti": visit.request_jti,
        "reference": visit.reference, "expires_at": visit.expires_at,
    }
    grant = state.grant
    if grant is not None:
        document["grant"] = {
            "id": grant.grant_id, "pseudonym": grant.pseudonym, "version": grant.version,
            "status": (state.grant_status or GrantState.REVOKED).value,
            "data": dict(grant.data or {}) if state.grant_status is GrantState.ACTIVE else {},
            "expires_at": grant.expires_at, "revoked_at": grant.revoked_at,
        }
    return document


def _printable(text: str, limit: int) -> bool:
    return 0 < len(text) <= limit and text.isprintable() and bool(text.strip())

