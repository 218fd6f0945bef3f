"""Share tokens (PROTOCOL.md section 3): a JWS by the pairwise key, encrypted to the brand."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from joserfc.jwk import OKPKey

from . import jose
from .claims import CLOCK_SKEW, Reader, not_issued_later, single_audience
from .errors import KeyInvalid, ProtocolError, TokenInvalid
from .text import storable

GRANT_TYP = "zpd-grant+jwt"
CLOCK_LEEWAY = CLOCK_SKEW


@dataclass(frozen=True)
class GrantClaims:
    pseudonym: str
    audience: str
    iat: int
    nbf: int
    exp: int
    jti: str
    grant_id: str
    version: int
    request_jti: str
    ask_id: str
    request_sha256: str
    purpose_iri: str
    purpose_description: str
    retention_days: int
    data: dict[str, Any]

    def to_claims(self) -> dict[str, Any]:
        return {
            "iss": self.pseudonym,
            "sub": self.pseudonym,
            "aud": self.audience,
            "iat": self.iat,
            "nbf": self.nbf,
            "exp": self.exp,
            "jti": self.jti,
            "grant": {"id": self.grant_id, "version": self.version},
            "request": {"jti": self.request_jti, "ask": self.ask_id,
                        "sha256": self.request_sha256},
            "purpose": {"iri": self.purpose_iri, "description": self.purpose_description},
            "retention_days": self.retention_days,
            "data": self.data,
        }


@dataclass(frozen=True)
class OpenedToken:
    claims: GrantClaims
    inner_jws: str
    pairwise_jwk: dict[str, Any]


def issue(claims: GrantClaims, pairwise: OKPKey, brand_encryption_jwk: dict[str, Any]) -> str:
    """Sign with the pairwise key, then encrypt to the brand's X25519 key."""
    return encrypt_to_brand(sign_inner(claims, pairwise), brand_encryption_jwk)


def sign_inner(claims: GrantClaims, pairwise: OKPKey) -> str:
    """The person's signed JWS: what the person keeps as proof of what they gave."""
    if claims.pseudonym != jose.thumbprint_uri(pairwise):
        raise ValueError("the pseudonym must be the pairwise key's thumbprint URI")
    header = {
        "typ": GRANT_TYP,
        "kid": jose.thumbprint(pairwise),
        "jwk": jose.public_jwk(pairwise),
    }
    return jose.sign(header, claims.to_claims(), pairwise)


def encrypt_to_brand(inner: str, brand_encryption_jwk: dict[str, Any]) -> str:
    recipient = jose.import_public_key(brand_encryption_jwk, "X25519")
    return jose.encrypt(inner, recipient, jose.thumbprint(recipient))


def open_token(token: str, brand_encryption_key: OKPKey, audience: str, now: int) -> OpenedToken:
    """Decrypt and verify a share token as the brand; raises TokenInvalid with the reason."""
    header = jose.unverified_header(token, TokenInvalid)
    if header.get("kid") not in (None, jose.thumbprint(brand_encryption_key)):
        raise TokenInvalid("unknown_key", "the token is encrypted to another key")
    if str(header.get("cty", "")).upper() != "JWT":
        raise TokenInvalid("bad_header", "cty must be JWT")
    _, inner = jose.decrypt(token, brand_encryption_key, TokenInvalid, header=header)
    inner_header = jose.unverified_header(inner, TokenInvalid)
    try:
        pairwise, pairwise_jwk = jose.ed25519_public_key(inner_header.get("jwk"))
    except KeyInvalid as exc:
        raise TokenInvalid("bad_key", f"header jwk: {exc}") from None
    if inner_header.get("kid") not in (None, pairwise_jwk["kid"]):
        raise TokenInvalid("bad_key", "header kid is not the jwk's thumbprint")
    _, raw = jose.verify(inner, pairwise, GRANT_TYP, TokenInvalid, header=inner_header)
    if not storable(raw):
        raise TokenInvalid("bad_payload", "a string holds U+0000 or a lone surrogate")
    claims = parse_claims(raw)
    pseudonym = jose.THUMBPRINT_URI_PREFIX + pairwise_jwk["kid"]
    if claims.pseudonym != pseudonym or raw.get("sub") != claims.pseudonym:
        raise TokenInvalid("bad_issuer", "iss and sub must be the jwk's thumbprint URI")
    check_audience(raw.get("aud"), audience, TokenInvalid)
    not_issued_later(claims.iat, now, TokenInvalid)
    if claims.nbf > now + CLOCK_LEEWAY:
        raise TokenInvalid("not_yet_valid", "nbf is in the future")
    if claims.exp <= now - CLOCK_LEEWAY:
        raise TokenInvalid("expired")
    return OpenedToken(claims, inner, pairwise_jwk)


def parse_claims(raw: dict[str, Any]) -> GrantClaims:
    reader = Reader(raw, "", TokenInvalid)
    grant = reader.obj("grant")
    request = reader.obj("request")
    purpose = reader.obj("purpose")
    data = reader.raw("data")
    if not isinstance(data, dict) or not data:
        raise TokenInvalid("bad_member", "data must be a non-empty JSON object")
    iat, nbf, exp = reader.integer("iat"), reader.integer("nbf"), reader.integer("exp")
    if nbf > iat:
        # nbf is the grant's start, iat this version's time: a version never predates its grant.
        raise TokenInvalid("bad_member", "nbf (the grant's start) is after iat")
    if exp <= nbf:
        raise TokenInvalid("bad_member", "exp (the grant's end) is not after nbf")
    return GrantClaims(
        pseudonym=reader.text("iss", max_length=200),
        audience=single_audience(reader.raw("aud"), TokenInvalid),
        iat=iat,
        nbf=nbf,
        exp=exp,
        jti=reader.text("jti", max_length=200),
        grant_id=grant.text("id", max_length=200),
        version=grant.integer("version", minimum=1),
        request_jti=request.text("jti", max_length=200),
        ask_id=request.text("ask", max_length=64),
        request_sha256=request.text("sha256", max_length=64),
        purpose_iri=purpose.text("iri", max_length=300),
        purpose_description=purpose.text("description"),
        retention_days=reader.integer("retention_days", minimum=1),
        data=data,
    )


def check_audience(aud: object, audience: str, error: type[ProtocolError]) -> None:
    """`aud` is `audience` exactly: a string, or an array of that one string."""
    if single_audience(aud, error) != audience:
        raise error("wrong_audience", f"the message is for {aud!r}")
