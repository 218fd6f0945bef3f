"""The person's side, simulated: share tokens and revocation events made two ways.

`Person` builds them with zpd (as the vault does); the `jwc_*` functions build
them with jwcrypto alone, from PROTOCOL.md, as any other client could.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import uuid
from dataclasses import dataclass, field
from typing import Any

from joserfc.jwk import OKPKey
from jwcrypto import jwe as cjwe
from jwcrypto import jwk as cjwk
from jwcrypto import jws as cjws
from jwcrypto.common import json_encode

from tests.support.specs import COLOURS, SHOE_SIZE, ask, ask_field, request_spec
from zpd import event as zpd_event
from zpd import jose
from zpd import token as zpd_token
from zpd.pairwise import pairwise_key
from zpd.request import DataRequest

ORIGIN = "https://shoes.example"
NOW = 1_767_225_600  # 2026-01-01T00:00:00Z
DAY = 86400
THUMBPRINT_URI = "urn:ietf:params:oauth:jwk-thumbprint:sha-256:"
PERSONALISATION = "https://w3id.org/dpv#ServicePersonalisation"


def spec(**changes: Any) -> dict[str, Any]:
    """A valid request spec: two asks, with required and optional fields; `changes`
    replaces top-level members."""
    document = request_spec(ORIGIN, description="Shoes that fit",
                            brand={"contact": "mailto:privacy@shoes.example"}, asks=[
        ask(fields=[SHOE_SIZE, COLOURS]),
        ask("newsletter", purpose="CommunicationForCustomerCare",
            purpose_description="Write to you by your name, as often as you like",
            fields=[ask_field("preferred_name", "to greet you", required=True),
                    ask_field("contact_frequency", "how often")],
            offer={"kind": "points", "description": "100 points"},
            retention_days=30, duration_days=365),
    ])
    document.update(changes)
    return document


@dataclass
class Person:
    """One person towards one brand: their pairwise key, made as the vault makes it."""

    seed: bytes = field(default_factory=lambda: os.urandom(32))
    origin: str = ORIGIN

    @property
    def key(self) -> OKPKey:
        return pairwise_key(self.seed, self.origin)

    @property
    def pseudonym(self) -> str:
        return jose.thumbprint_uri(self.key)

    @property
    def public_jwk(self) -> dict[str, Any]:
        return jose.public_jwk(self.key)

    def claims(
        self, request: DataRequest, *, ask: str = "fit-advice", data: dict[str, Any] | None = None,
        version: int = 1, grant_id: str = "grant-1", jti: str | None = None, iat: int = NOW,
        exp: int | None = None, aud: str | None = None, purpose: str | None = None,
    ) -> zpd_token.GrantClaims:
        chosen = request.body.ask(ask)
        return zpd_token.GrantClaims(
            pseudonym=self.pseudonym,
            audience=aud or request.iss,
            iat=iat, nbf=iat, exp=exp if exp is not None else iat + 90 * DAY,
            jti=jti or str(uuid.uuid4()),
            grant_id=grant_id, version=version,
            request_jti=request.jti, ask_id=ask, request_sha256=request.sha256,
            purpose_iri=purpose or (chosen.purpose.iri if chosen else PERSONALISATION),
            purpose_description=chosen.purpose.description if chosen else "something",
            retention_days=chosen.retention_days if chosen else 30,
            data=data if data is not None else {"shoe_size_eu": 42},
        )

    def token(self, request: DataRequest, **options: Any) -> str:
        """A share token made by zpd, encrypted to the request's encryption key."""
        return zpd_token.issue(self.claims(request, **options), self.key, request.encryption_jwk)

    def grant_event(
        self, kind: str, grant_id: str = "grant-1", *, jti: str | None = None,
        iat: int = NOW + DAY,
    ) -> str:
        """A pause, resume or revocation event by zpd (`kind` is its event type URI)."""
        return zpd_event.issue(zpd_event.GrantEvent(
            self.pseudonym, ORIGIN, iat, jti or str(uuid.uuid4()), iat - 10, grant_id, type=kind
        ), self.key)

    def revocation(
        self, grant_id: str = "grant-1", *, jti: str | None = None, iat: int = NOW + DAY,
        aud: str = ORIGIN, signer: OKPKey | None = None,
    ) -> str:
        """A revocation event by zpd; `signer` signs it instead of this person's key."""
        event = zpd_event.RevocationEvent(
            self.pseudonym, aud, iat, jti or str(uuid.uuid4()), iat - 10, grant_id, "person"
        )
        if signer is None:
            return zpd_event.issue(event, self.key)
        claims = {"iss": self.pseudonym, "aud": aud, "iat": iat, "jti": event.jti, "toe": iat - 10,
                  "events": {zpd_event.GRANT_REVOKED: {"grant": grant_id, "reason": "person"}}}
        header = {"typ": zpd_event.SET_TYP, "kid": jose.thumbprint(self.key)}
        return jose.sign(header, claims, signer)


# -- jwcrypto, independently of zpd -----------------------------------------------------


def jwc_key() -> cjwk.JWK:
    return cjwk.JWK.generate(kty="OKP", crv="Ed25519")


def jwc_pseudonym(key: cjwk.JWK) -> str:
    return THUMBPRINT_URI + str(key.thumbprint())


def jwc_public(key: cjwk.JWK) -> dict[str, Any]:
    return dict(json.loads(key.export_public()))


def jwc_sign(key: cjwk.JWK, header: dict[str, Any], claims: dict[str, Any]) -> str:
    signed = cjws.JWS(json.dumps(claims).encode("utf-8"))
    signed.add_signature(key, alg=header["alg"], protected=json_encode(header))
    return str(signed.serialize(compact=True))


def jwc_encrypt(inner: str, brand_enc_jwk: dict[str, Any], kid: str | None = None) -> str:
    recipient = cjwk.JWK(**{k: v for k, v in brand_enc_jwk.items() if k in ("kty", "crv", "x")})
    header = {"alg": "ECDH-ES", "enc": "A256GCM", "kid": kid or recipient.thumbprint(),
              "cty": "JWT"}
    envelope = cjwe.JWE(inner.encode("ascii"), protected=json_encode(header))
    envelope.add_recipient(recipient)
    return str(envelope.serialize(compact=True))


def jwc_grant_claims(
    key: cjwk.JWK, request: DataRequest, *, ask: str = "fit-advice",
    data: dict[str, Any] | None = None, version: int = 1, grant_id: str = "grant-j",
    iat: int = NOW, exp: int | None = None, aud: str = ORIGIN,
) -> dict[str, Any]:
    """Claims as PROTOCOL.md section 3 shows them, the request named by its hash."""
    chosen = request.body.ask(ask)
    assert chosen is not None
    pseudonym = jwc_pseudonym(key)
    return {
        "iss": pseudonym, "sub": pseudonym, "aud": aud,
        "iat": iat, "nbf": iat, "exp": exp if exp is not None else iat + 90 * DAY,
        "jti": str(uuid.uuid4()),
        "grant": {"id": grant_id, "version": version},
        "request": {"jti": request.jti, "ask": ask, "sha256": sha256_b64u(request.jws)},
        "purpose": {"iri": chosen.purpose.iri, "description": chosen.purpose.description},
        "retention_days": chosen.retention_days,
        "data": data if data is not None else {"shoe_size_eu": 41.5},
    }


def jwc_grant_header(key: cjwk.JWK, alg: str = "EdDSA") -> dict[str, Any]:
    return {"alg": alg, "typ": "zpd-grant+jwt", "kid": key.thumbprint(), "jwk": jwc_public(key)}


def jwc_token(key: cjwk.JWK, request: DataRequest, **options: Any) -> str:
    """A share token made by jwcrypto alone: a JWS by `key`, inside a JWE to the brand."""
    inner = jwc_sign(key, jwc_grant_header(key), jwc_grant_claims(key, request, **options))
    return jwc_encrypt(inner, request.encryption_jwk)


def jwc_event(key: cjwk.JWK, grant_id: str, *, aud: str = ORIGIN, iat: int = NOW + DAY) -> str:
    pseudonym = jwc_pseudonym(key)
    claims = {"iss": pseudonym, "aud": aud, "iat": iat, "jti": str(uuid.uuid4()), "toe": iat - 5,
              "events": {"urn:zpd:event:grant-revoked": {"grant": grant_id, "reason": "person"}}}
    return jwc_sign(key, {"alg": "EdDSA", "typ": "secevent+jwt", "kid": key.thumbprint()}, claims)


def unsigned(
    header: dict[str, Any], claims: dict[str, Any], *, hmac_key: bytes | None = None
) -> str:
    """A JWS with alg none (empty signature) or an HMAC, which no verifier may accept."""
    signing_input = f"{b64u_json(header)}.{b64u_json(claims)}"
    signature = b""
    if hmac_key is not None:
        signature = hmac.new(hmac_key, signing_input.encode("ascii"), hashlib.sha256).digest()
    return f"{signing_input}.{b64u(signature)}"


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_json(document: object) -> str:
    return b64u(json.dumps(document).encode("utf-8"))


def sha256_b64u(text: str) -> str:
    return b64u(hashlib.sha256(text.strip().encode("utf-8")).digest())


def jwc_verify(compact: str, public_jwk: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Verify a compact JWS with jwcrypto; the protected header and the claims."""
    verifier = cjws.JWS()
    verifier.deserialize(compact)
    key = cjwk.JWK(**{k: v for k, v in public_jwk.items() if k in ("kty", "crv", "x")})
    verifier.verify(key, alg="EdDSA")
    header = dict(verifier.jose_header)
    return header, dict(json.loads(verifier.payload))


def payload(compact: str) -> dict[str, Any]:
    """The claims of a compact JWS, unverified (to read what a test just made)."""
    return dict(json.loads(base64.urlsafe_b64decode(compact.split(".")[1] + "==")))
