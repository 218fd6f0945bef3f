"""The brand's receiver under uvicorn: share tokens per second, one worker.

The server is the brand kit's real receiver app (`brandkit.server.create_app`
over SQLite on disk, WAL, synchronous FULL) served by
`brandkit.serving.running` in its own process: one uvicorn worker. CLIENTS
client processes, each on one keep-alive connection (http.client, lighter than
requests so the clients take less of the machine from the server), POST
TOKENS distinct share tokens from PEOPLE people (each token decrypted,
verified, checked against the brand's request, stored, and answered with a
signed receipt).

Baseline, in the same run and with the same clients and bodies: the same
uvicorn configuration answering an empty 202 after reading the body, what
uvicorn costs per request before any receiver work. Runs alternate; each
receiver run starts on a fresh database (a known token is only acknowledged
again). Target: the receiver's rate >= 0.10 x the trivial endpoint's in the
same run (the median of the ratios of the runs paired in turn): the former
500 tokens/s against the 5,000 requests/s the trivial endpoint answered when
that target was set. Both absolute rates are printed:
they move with the machine, the trivial one (all CPU) more than the receiver
(which waits on the disk for every token).

Caveat: the machine has 2 cores, shared here by the server and the clients.
"""

from __future__ import annotations

import hashlib
import http.client
import multiprocessing
import statistics
import tempfile
import time
import uuid
from multiprocessing.synchronize import Barrier
from pathlib import Path

from zpd import jose, token
from zpd.pairwise import pairwise_key
from zpd.request import verify_request

from .common import Verdict, isolate_state
from .loopback import ASK, Brand, make_brand, receiver, trivial
from .receiver_server import HOST

TOKENS = 3000
PEOPLE = 300
CLIENTS = 4
TARGET_RATIO = 0.10


def make_tokens(brand: Brand, count: int, people: int) -> list[bytes]:
    request = verify_request(brand.request, int(time.time()))
    now = int(time.time())
    keys = [pairwise_key(hashlib.sha256(f"person {p}".encode()).digest(), brand.origin)
            for p in range(people)]
    tokens = []
    for i in range(count):
        person = keys[i % people]
        claims = token.GrantClaims(
            pseudonym=jose.thumbprint_uri(person), audience=brand.origin, iat=now, nbf=now,
            exp=now + 86400 * 90, jti=str(uuid.uuid4()), grant_id=str(uuid.uuid4()),
            version=1, request_jti=request.jti, ask_id=ASK, request_sha256=request.sha256,
            purpose_iri=request.body.asks[0].purpose.iri,
            purpose_description=request.body.asks[0].purpose.description,
            retention_days=request.body.asks[0].retention_days,
            data={"shoe_size_eu": 42 + i % 5, "favourite_colours": ["navy"]},
        )
        tokens.append(token.issue(claims, person, request.encryption_jwk).encode())
    return tokens


def _client(port: int, bodies: list[bytes], start: Barrier, done: Barrier) -> None:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    connection.connect()
    headers = {"Content-Type": "application/jwt"}
    start.wait()
    for body in bodies:
        connection.request("POST", "/zpd/grants", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != 202:
            raise RuntimeError(f"HTTP {response.status}")
    done.wait()
    connection.close()


def drive(port: int, tokens: list[bytes], clients: int) -> float:
    """Seconds for `clients` processes to POST every token once, in parallel."""
    context = multiprocessing.get_context("spawn")  # a clean child: no threads, no Qt
    start, done = context.Barrier(clients + 1), context.Barrier(clients + 1)
    workers = [context.Process(target=_client, args=(port, tokens[i::clients], start, done))
               for i in range(clients)]
    for worker in workers:
        worker.start()
    start.wait(60)
    started = time.perf_counter()
    done.wait(300)
    elapsed = time.perf_counter() - started
    for worker in workers:
        worker.join(30)
        if worker.exitcode != 0:
            raise RuntimeError("a client failed")
    return elapsed


def run(count: int = TOKENS, repeats: int = 3, clients: int = CLIENTS) -> Verdict:
    isolate_state()
    with tempfile.TemporaryDirectory(prefix="zpv-receiver-") as tmp:
        root = Path(tmp)
        brand = make_brand(root / "brand")
        tokens = make_tokens(brand, count, PEOPLE)
        real: list[float] = []
        floor: list[float] = []
        for i in range(repeats):
            with receiver(brand, root / f"r{i}.db"):
                real.append(drive(brand.port, tokens, clients))
            with trivial(brand.port):
                floor.append(drive(brand.port, tokens, clients))
    rate = count / statistics.median(real)
    trivial_rate = count / statistics.median(floor)
    ratio = statistics.median(f / r for r, f in zip(real, floor, strict=True))  # pair by pair
    print(f"uvicorn, trivial 202:       {trivial_rate:,.0f} requests/s "
          f"({clients} keep-alive clients, {count} bodies, median of {repeats})")
    print(f"receiver, share tokens:     {rate:,.0f} tokens/s on one worker "
          f"({ratio:.2f}x the trivial endpoint: the median of {repeats} pairs)")
    return Verdict("receiver under uvicorn / trivial 202", ratio, TARGET_RATIO,
                   "x", lower_is_better=False,
                   note=f"{rate:,.0f} tokens/s against {trivial_rate:,.0f} requests/s")


if __name__ == "__main__":
    print(run().line())
