"""A brand's keys made by jwcrypto, and requests signed by the protocol code or by jwcrypto
alone (to show the vault accepts what any JOSE library produces)."""

from __future__ import annotations

import copy
import json
import uuid
from dataclasses import dataclass
from typing import Any

from joserfc.jwk import OKPKey
from jwcrypto import jwk, jws

from zpd.request import sign_request

Json = dict[str, Any]
THUMBPRINT_URI = "urn:ietf:params:oauth:jwk-thumbprint:sha-256:"


@dataclass(frozen=True)
class BrandKeys:
    """A brand's Ed25519 signing key and X25519 encryption key, made by jwcrypto."""

    signing: jwk.JWK
    encryption: jwk.JWK

    @classmethod
    def generate(cls) -> BrandKeys:
        return cls(
            jwk.JWK.generate(kty="OKP", crv="Ed25519"), jwk.JWK.generate(kty="OKP", crv="X25519")
        )

    @property
    def signing_kid(self) -> str:
        return str(self.signing.thumbprint())

    @property
    def encryption_kid(self) -> str:
        return str(self.encryption.thumbprint())

    def jwks(self) -> Json:
        """The public JWKS, `kid` = RFC 7638 thumbprints computed by jwcrypto."""
        sig = {**self.signing.export_public(as_dict=True), "use": "sig", "kid": self.signing_kid}
        enc = {
            **self.encryption.export_public(as_dict=True),
            "use": "enc",
            "kid": self.encryption_kid,
        }
        return {"keys": [sig, enc]}

    def joserfc_keys(self) -> tuple[OKPKey, OKPKey]:
        return (
            OKPKey.import_key(self.signing.export_private(as_dict=True)),
            OKPKey.import_key(self.encryption.export_private(as_dict=True)),
        )


def signed_request(
    keys: BrandKeys, body: Json, *, iat: int, exp: int, jti: str | None = None
) -> str:
    """A request signed by the protocol code (what brandkit does)."""
    signing, encryption = keys.joserfc_keys()
    return sign_request(body, signing, encryption, iat=iat, exp=exp, jti=jti)


def request_payload(keys: BrandKeys, body: Json, *, iat: int, exp: int) -> Json:
    return {**copy.deepcopy(body), "iat": iat, "exp": exp, "jti": str(uuid.uuid4()),
            "jwks": keys.jwks()}


def jwcrypto_sign(payload: Json, key: jwk.JWK, header: Json) -> str:
    """A compact JWS made by jwcrypto alone."""
    signer = jws.JWS(json.dumps(payload).encode("utf-8"))
    signer.allowed_algs = [str(header["alg"])]
    signer.add_signature(key, alg=None, protected=json.dumps(header))
    return str(signer.serialize(compact=True))


def jwcrypto_request(
    keys: BrandKeys, body: Json, *, iat: int, exp: int, alg: str = "EdDSA",
    typ: str = "zpd-request+jwt",
) -> str:
    payload = request_payload(keys, body, iat=iat, exp=exp)
    header = {"alg": alg, "typ": typ, "kid": keys.signing_kid}
    return jwcrypto_sign(payload, keys.signing, header)
