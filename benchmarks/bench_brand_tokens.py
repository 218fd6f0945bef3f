"""Brand side: decrypt + verify share tokens, against the raw cryptographic floor.

The floor does, with `cryptography` alone, what no implementation can skip for
the same token: X25519 agreement with the sender's ephemeral key, the Concat
KDF of RFC 7518 4.6, AES-256-GCM decryption, and Ed25519 verification of the
inner JWS. The measured path is `zpd.token.open_token`, what the brand kit's
receiver runs for each token (claims checks included). Target: >= 0.75 of the
floor's throughput, on one core.

Measured fairly: every round opens a fresh batch of tokens from people never seen
before in this process (a receiver meets a new key in nearly every token), with
zpd's caches emptied first; floor and ours take turns every CHUNK tokens within
each round (which goes first alternates too); the figure is the median over
rounds of the ratio of the two rates. Time is the thread's CPU time
(`time.thread_time`), which others' work on a shared machine inflates less
than the wall clock; the wall-clock ratio is printed beside it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import statistics
import struct
import time
import uuid
from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from joserfc.jwk import OKPKey

from zpd import jose, token
from zpd.pairwise import pairwise_key

from .common import Verdict

ORIGIN = "https://shoes.example"
TARGET = 0.75
CHUNK = 10  # tokens each side opens before the other takes its turn


def _b64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_tokens(count: int, encryption: OKPKey, batch: int = 0) -> list[str]:
    """`count` share tokens to the brand, each from a different person (distinct per batch)."""
    enc_jwk = jose.public_jwk(encryption, "enc")
    now = int(time.time())
    tokens = []
    for i in range(count):
        seed = hashlib.sha256(f"person {batch}/{i}".encode()).digest()
        person = pairwise_key(seed, ORIGIN)
        claims = token.GrantClaims(
            pseudonym=jose.thumbprint_uri(person), audience=ORIGIN, iat=now, nbf=now,
            exp=now + 86400 * 90, jti=str(uuid.uuid4()), grant_id=str(uuid.uuid4()), version=1,
            request_jti="r", ask_id="fit-advice", request_sha256="x" * 43,
            purpose_iri="https://w3id.org/dpv#ServicePersonalisation",
            purpose_description="Recommend shoes that fit you", retention_days=180,
            data={"shoe_size_eu": 42, "favourite_colours": ["navy", "green"]},
        )
        tokens.append(token.issue(claims, person, enc_jwk))
    return tokens


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


def cold_caches() -> None:
    """Forget every key zpd has remembered, so no round profits from an earlier one."""
    jose._okp_thumbprint.cache_clear()


def _timed(func: Callable[[str], object], tokens: list[str]) -> tuple[float, float]:
    """(CPU seconds of this thread, wall seconds) to run `func` over `tokens`."""
    cpu, wall = time.thread_time(), time.perf_counter()
    for compact in tokens:
        func(compact)
    return time.thread_time() - cpu, time.perf_counter() - wall


def _round(floor: Callable[[str], object], ours: Callable[[str], object],
           tokens: list[str]) -> tuple[float, float, float, float]:
    """Both sides over the same new tokens, alternating every CHUNK tokens (and which goes
    first), so a slow patch of the machine costs both alike: the CPU and wall seconds of
    each, summed over the round."""
    cold_caches()
    totals = [0.0, 0.0, 0.0, 0.0]  # floor cpu, floor wall, ours cpu, ours wall
    for number, start in enumerate(range(0, len(tokens), CHUNK)):
        chunk = tokens[start:start + CHUNK]
        order = ((floor, 0), (ours, 2)) if number % 2 == 0 else ((ours, 2), (floor, 0))
        for side, at in order:
            cpu, wall = _timed(side, chunk)
            totals[at] += cpu
            totals[at + 1] += wall
    return totals[0], totals[1], totals[2], totals[3]


def run(count: int = 200, rounds: int = 15) -> Verdict:
    encryption = jose.generate_encryption_key()
    private = X25519PrivateKey.from_private_bytes(_b64(jose.private_jwk(encryption, "enc")["d"]))
    now = int(time.time())

    def floor(compact: str) -> object:
        return raw_open(compact, private)

    def ours(compact: str) -> object:
        return token.open_token(compact, encryption, ORIGIN, now)

    warm = make_tokens(count, encryption, batch=-1)  # imports, allocator, CPU caches
    assert raw_open(warm[0], private) == ours(warm[0]).inner_jws.encode()  # the same work
    _round(floor, ours, warm)
    cpu_ratios, wall_ratios, floor_rates, our_rates = [], [], [], []
    for batch in range(rounds):
        floor_cpu, floor_wall, our_cpu, our_wall = _round(
            floor, ours, make_tokens(count, encryption, batch))
        cpu_ratios.append(floor_cpu / our_cpu)  # ours' rate / the floor's rate
        wall_ratios.append(floor_wall / our_wall)
        floor_rates.append(count / floor_cpu)
        our_rates.append(count / our_cpu)
    ratio = statistics.median(cpu_ratios)
    print(f"raw floor (cryptography only): {statistics.median(floor_rates):,.0f} tokens/s "
          f"of CPU on one core (median of {rounds} rounds of {count} new tokens)")
    print(f"zpd.token.open_token:          {statistics.median(our_rates):,.0f} tokens/s")
    print(f"ratio by CPU time: median {ratio:.3f}, rounds {min(cpu_ratios):.3f} to "
          f"{max(cpu_ratios):.3f}; by wall time: median {statistics.median(wall_ratios):.3f}")
    return Verdict("brand decrypt+verify / raw floor", ratio, TARGET, "x",
                   lower_is_better=False)


if __name__ == "__main__":
    print(run().line())
