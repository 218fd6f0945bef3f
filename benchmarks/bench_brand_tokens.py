"""Brand side: decrypt + verify share tokens, against the raw cryptographic floor.

The floor does, with `cryptography` alone, what no implementation can skip for
the same token: X25519 agreement with the sender's ephemeral key, the Concat
KDF of RFC 7518 4.6, AES-256-GCM decryption, and Ed25519 verification of the
inner JWS. The measured path is `zpd.token.open_token`, what the brand kit's
receiver runs for each token (claims checks included). Target: >= 0.75 of the
floor's throughput, on one core.
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct
import time
import uuid

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from zpd import jose, token
from zpd.pairwise import pairwise_key

from .common import Verdict

ORIGIN = "https://shoes.example"
TARGET = 0.75


def _b64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_tokens(count: int) -> tuple[list[str], object]:
    encryption = jose.generate_encryption_key()
    enc_jwk = jose.public_jwk(encryption, "enc")
    now = int(time.time())
    tokens = []
    for i in range(count):
        person = pairwise_key(hashlib.sha256(f"person {i}".encode()).digest(), ORIGIN)
        claims = token.GrantClaims(
            pseudonym=jose.thumbprint_uri(person), audience=ORIGIN, iat=now, nbf=now,
            exp=now + 86400 * 90, jti=str(uuid.uuid4()), grant_id=str(uuid.uuid4()), version=1,
            request_jti="r", ask_id="fit-advice", request_sha256="x" * 43,
            purpose_iri="https://w3id.org/dpv#ServicePersonalisation",
            purpose_description="Recommend shoes that fit you", retention_days=180,
            data={"shoe_size_eu": 42, "favourite_colours": ["navy", "green"]},
        )
        tokens.append(token.issue(claims, person, enc_jwk))
    return tokens, encryption


def raw_open(compact: str, private: X25519PrivateKey) -> bytes:
    """The floor: ECDH-ES + A256GCM decryption and Ed25519 verification, nothing else."""
    header_b64, _, iv, ciphertext, tag = compact.split(".")
    header = json.loads(_b64(header_b64))
    epk = X25519PublicKey.from_public_bytes(_b64(header["epk"]["x"]))
    shared = private.exchange(epk)
    algorithm = b"A256GCM"
    other = (struct.pack(">I", len(algorithm)) + algorithm + struct.pack(">I", 0)
             + struct.pack(">I", 0) + struct.pack(">I", 256))
    key = hashlib.sha256(struct.pack(">I", 1) + shared + other).digest()
    inner = AESGCM(key).decrypt(_b64(iv), _b64(ciphertext) + _b64(tag), header_b64.encode())
    signing_input, _, signature = inner.rpartition(b".")
    inner_header = json.loads(_b64(signing_input.split(b".")[0].decode()))
    public = Ed25519PublicKey.from_public_bytes(_b64(inner_header["jwk"]["x"]))
    public.verify(_b64(signature.decode()), signing_input)
    return inner


def _rate(func: object, tokens: list[str], rounds: int) -> float:
    best = 0.0
    for _ in range(rounds):
        started = time.perf_counter()
        for compact in tokens:
            func(compact)  # type: ignore[operator]
        best = max(best, len(tokens) / (time.perf_counter() - started))
    return best


def run(count: int = 400, rounds: int = 5) -> Verdict:
    tokens, encryption = make_tokens(count)
    private = X25519PrivateKey.from_private_bytes(_b64(jose.private_jwk(encryption, "enc")["d"]))
    now = int(time.time())
    assert raw_open(tokens[0], private)  # the floor really opens the token
    floor = _rate(lambda t: raw_open(t, private), tokens, rounds)
    ours = _rate(lambda t: token.open_token(t, encryption, ORIGIN, now), tokens, rounds)  # type: ignore[arg-type]
    print(f"raw floor (cryptography only): {floor:,.0f} tokens/s on one core")
    print(f"zpd.token.open_token:          {ours:,.0f} tokens/s")
    return Verdict("brand decrypt+verify / raw floor", ours / floor, TARGET, "x",
                   lower_is_better=False)


if __name__ == "__main__":
    print(run().line())
