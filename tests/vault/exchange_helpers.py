"""Helpers for the exchange tests: brand keys, signed requests, a clock, and an
independent reader (jwcrypto) of what the vault sends to brands.

Brand keys are made by jwcrypto; requests are signed either by the protocol code
(`zpd.request.sign_request`) or, to show the vault accepts what any JOSE library
produces, by jwcrypto alone.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from joserfc.jwk import OKPKey
from jwcrypto import jwe, jwk, jws

from tests.conftest import PASSPHRASE, PROJECT_ROOT, clean_environment
from vault.vault import Vault
from zpd.request import sign_request

DAY = 86400
DPV = "https://w3id.org/dpv#"
ORIGIN = "https://shoes.example"
OTHER_ORIGIN = "https://books.example"
THUMBPRINT_URI = "urn:ietf:params:oauth:jwk-thumbprint:sha-256:"
REVOKED_EVENT = "urn:zpd:event:grant-revoked"

Json = dict[str, Any]


class Clock:
    """A clock the test moves by hand; the vault reads it through `clock=`."""

    def __init__(self, now: int | None = None) -> None:
        self.now = int(time.time()) if now is None else now

    def __call__(self) -> int:
        return self.now

    def advance(self, seconds: int) -> None:
        self.now += seconds


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_json(document: object) -> str:
    return b64u(json.dumps(document).encode("utf-8"))


def b64u_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def segment_json(compact: str, index: int) -> Json:
    value = json.loads(b64u_decode(compact.split(".")[index]))
    assert isinstance(value, dict)
    return value


def sha256_b64u(text: str) -> str:
    return b64u(hashlib.sha256(text.strip().encode("utf-8")).digest())


# -- brands ---------------------------------------------------------------------------


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


def fit_ask(**changes: Any) -> Json:
    ask: Json = {
        "id": "fit-advice",
        "purpose": {
            "iri": DPV + "ServicePersonalisation",
            "description": "Recommend shoes that fit you",
        },
        "fields": [
            {"key": "shoe_size_eu", "required": True, "why": "to pick your size"},
            {"key": "favourite_colours", "required": False, "why": "to show colours you like"},
            {"key": "style", "required": False, "why": "to match your style"},
            {"key": "allergies", "required": False, "why": "to avoid materials"},
        ],
        "offer": {"kind": "discount", "description": "10% off your next order"},
        "retention_days": 180,
        "duration_days": 90,
    }
    ask.update(changes)
    return ask


def news_ask(**changes: Any) -> Json:
    ask: Json = {
        "id": "newsletter",
        "purpose": {"iri": DPV + "DirectMarketing", "description": "Tell you about new shoes"},
        "fields": [
            {"key": "contact_channels", "required": True, "why": "to know how to reach you"},
            {"key": "shoe_size_eu", "required": False, "why": "to send offers in your size"},
        ],
        "offer": {"kind": "points", "description": "100 points"},
        "retention_days": 30,
        "duration_days": 30,
    }
    ask.update(changes)
    return ask


def spec(
    origin: str = ORIGIN, name: str = "Shoes Example", asks: list[Json] | None = None
) -> Json:
    """A request spec: the payload of PROTOCOL section 2 without iat, exp, jti and jwks."""
    return {
        "iss": origin,
        "brand": {
            "name": name,
            "description": "Shoes for everyone",
            "privacy_policy": f"{origin}/privacy",
            "contact": "mailto:privacy@example.org",
        },
        "endpoints": {"grants": f"{origin}/zpd/grants", "events": f"{origin}/zpd/events"},
        "asks": copy.deepcopy(asks) if asks is not None else [fit_ask(), news_ask()],
    }


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


# -- reading what the vault sends, with jwcrypto ----------------------------------------


@dataclass(frozen=True)
class OpenedGrant:
    outer_header: Json
    inner_header: Json
    inner: str
    claims: Json
    pairwise: jwk.JWK  # the person's public pairwise key, from the inner header


def open_grant(compact: str, keys: BrandKeys) -> OpenedGrant:
    """Decrypt a share token with the brand's key and verify the inner JWS, as a brand would."""
    outer = jwe.JWE()
    outer.allowed_algs = ["ECDH-ES", "A256GCM"]
    outer.deserialize(compact, key=keys.encryption)
    inner = outer.payload.decode("utf-8")
    inner_header = segment_json(inner, 0)
    pairwise = jwk.JWK(**inner_header["jwk"])
    claims = verify_jws(inner, pairwise)
    return OpenedGrant(segment_json(compact, 0), inner_header, inner, claims, pairwise)


def verify_jws(compact: str, key: jwk.JWK) -> Json:
    """Verify an Ed25519 JWS with jwcrypto (EdDSA only) and return its JSON payload."""
    verifier = jws.JWS()
    verifier.allowed_algs = ["EdDSA"]
    verifier.deserialize(compact)
    verifier.verify(key)
    claims = json.loads(verifier.payload)
    assert isinstance(claims, dict)
    return claims


def expected_pairwise(master_seed: bytes, origin: str) -> jwk.JWK:
    """PROTOCOL section 1, recomputed with cryptography: the public pairwise JWK."""
    seed = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"",
        info=b"zpv/v1/pairwise/Ed25519/" + origin.encode("utf-8"),
    ).derive(master_seed)
    public = Ed25519PrivateKey.from_private_bytes(seed).public_key()
    return jwk.JWK.from_pyca(public)


def master_seed(vault: Vault) -> bytes:
    row = vault._store.query_one("SELECT value FROM meta WHERE key = 'master_seed'")
    assert row is not None
    return bytes(row[0])


def is_uuid(value: object) -> bool:
    try:
        return str(uuid.UUID(str(value))) == value
    except ValueError:
        return False


# -- the vault, white box --------------------------------------------------------------


def counts(vault: Vault) -> dict[str, int]:
    """Rows per table that the exchange writes to."""
    result = {}
    for table in ("brands", "requests", "grants", "tokens", "audit", "field_history"):
        row = vault._store.query_one(f"SELECT count(*) FROM {table}")
        assert row is not None
        result[table] = int(row[0])
    return result


def grant_tokens(vault: Vault, grant_id: str) -> list[tuple[str, int, str]]:
    """(jti, version, compact) of a grant's share tokens, oldest first."""
    rows = vault._store.query(
        "SELECT jti, version, compact FROM tokens WHERE grant_id = ? AND kind = 'grant' "
        "ORDER BY version",
        (grant_id,),
    )
    return [(str(r[0]), int(r[1]), str(r[2])) for r in rows]


def run_cli_stdin(
    *args: str, vault_dir: Path, stdin: str, passphrase: str = PASSPHRASE
) -> subprocess.CompletedProcess[str]:
    """`python -m vault ARGS` fed `stdin`, with the environment `run_cli` uses."""
    environment = clean_environment()
    environment["ZPV_VAULT"] = str(vault_dir)
    environment["ZPV_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, "-m", "vault", *args], capture_output=True, text=True,
        env=environment, input=stdin, timeout=60, cwd=PROJECT_ROOT,
    )
