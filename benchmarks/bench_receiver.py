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
again). Target: the receiver's rate >= 0.40 x the trivial endpoint's in the
same run (the median of the ratios of the runs paired in turn), with tokens that
arrive together committed together (`brandkit.groupcommit`). Both absolute rates
are printed: they move with the machine, the trivial one (all CPU) more than the
receiver.

`run_postgres` does the same on PostgreSQL (the database of ZPV_BENCH_POSTGRES_URL, or
else ZPV_TEST_POSTGRES_URL; a fresh schema per run), and then two workers on that
database, the clients taking turns between them: target >= 1.6x one worker's rate.

Caveat: the machine has 2 cores, shared here by the server and the clients.
"""

from __future__ import annotations

import hashlib
import http.client
import multiprocessing
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

from zpd import jose, token
from zpd.pairwise import pairwise_key
from zpd.request import verify_request

from .common import Verdict, isolate_state
from .loopback import ASK, Brand, free_port, make_brand, receiver, trivial
from .receiver_server import HOST

TOKENS = 3000
PEOPLE = 300
CLIENTS = 4
TARGET_RATIO = 0.40
TWO_WORKERS_TARGET = 1.6


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


def _client(port: int, bodies: list[bytes], start: Barrier, done: Barrier,
            again: Any) -> None:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    connection.connect()
    headers = {"Content-Type": "application/jwt"}
    start.wait()
    for body in bodies:
        while True:
            connection.request("POST", "/zpd/grants", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status == 202:
                break
            if response.status < 500:
                raise RuntimeError(f"HTTP {response.status}")
            with again.get_lock():  # the receiver's own trouble: sent again, as a vault does
                again.value += 1
    done.wait()
    connection.close()


def machine_times() -> tuple[int, int]:
    """The machine's (all, idle) CPU time so far, in ticks, from /proc/stat."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    return sum(fields), fields[3] + fields[4]  # idle and iowait


BUSY: list[float] = []  # the share of the machine's CPUs busy during each drive, in order


def drive(port: int | list[int], tokens: list[bytes], clients: int) -> float:
    """Seconds for `clients` processes to POST every token once, in parallel (to the
    ports of `port` in turn, one port per client). How busy the machine was meanwhile
    goes to BUSY."""
    ports = port if isinstance(port, list) else [port]
    context = multiprocessing.get_context("spawn")  # a clean child: no threads, no Qt
    start, done = context.Barrier(clients + 1), context.Barrier(clients + 1)
    again = context.Value("i", 0)
    workers = [context.Process(target=_client, args=(ports[i % len(ports)],
                                                     tokens[i::clients], start, done, again))
               for i in range(clients)]
    for worker in workers:
        worker.start()
    start.wait(60)
    started, (all_before, idle_before) = time.perf_counter(), machine_times()
    done.wait(300)
    elapsed, (all_after, idle_after) = time.perf_counter() - started, machine_times()
    BUSY.append(1 - (idle_after - idle_before) / max(1, all_after - all_before))
    for worker in workers:
        worker.join(30)
        if worker.exitcode != 0:
            raise RuntimeError("a client failed")
    if again.value:
        print(f"  ({again.value} answers were 5xx, and the token was sent again)")
    return elapsed


def run(count: int = TOKENS, repeats: int = 3, clients: int = CLIENTS) -> Verdict:
    isolate_state()
    with tempfile.TemporaryDirectory(prefix="zpv-receiver-") as tmp:
        root = Path(tmp)
        brand = make_brand(root / "brand")
        tokens = make_tokens(brand, count, PEOPLE)
        real: list[float] = []
        floor: list[float] = []
        busy: list[float] = []
        for i in range(repeats):
            with receiver(brand, root / f"r{i}.db"):
                real.append(drive(brand.port, tokens, clients))
                busy.append(BUSY[-1])
            with trivial(brand.port):
                floor.append(drive(brand.port, tokens, clients))
    rate = count / statistics.median(real)
    trivial_rate = count / statistics.median(floor)
    ratio = statistics.median(f / r for r, f in zip(real, floor, strict=True))  # pair by pair
    print(f"uvicorn, trivial 202:       {trivial_rate:,.0f} requests/s "
          f"({clients} keep-alive clients, {count} bodies, median of {repeats})")
    print(f"receiver, share tokens:     {rate:,.0f} tokens/s on one worker "
          f"({ratio:.2f}x the trivial endpoint: the median of {repeats} pairs), "
          f"the machine {statistics.median(busy):.0%} busy")
    return Verdict("receiver under uvicorn / trivial 202", ratio, TARGET_RATIO,
                   "x", lower_is_better=False,
                   note=f"{rate:,.0f} tokens/s against {trivial_rate:,.0f} requests/s")


@contextmanager
def fresh_schema(server: str) -> Iterator[str]:
    """A URL whose connections use a new, empty schema, dropped afterwards."""
    import psycopg

    schema = f"zpv_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in server else "?"
    try:
        yield f"{server}{separator}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def run_postgres(count: int = TOKENS, repeats: int = 3, clients: int = CLIENTS) -> list[Verdict]:
    server = os.environ.get("ZPV_BENCH_POSTGRES_URL") or os.environ.get("ZPV_TEST_POSTGRES_URL")
    if not server:
        print("no PostgreSQL: set ZPV_BENCH_POSTGRES_URL (`.ci/postgres` prints one)")
        return []
    isolate_state()
    with tempfile.TemporaryDirectory(prefix="zpv-receiver-pg-") as tmp:
        root = Path(tmp)
        brand = make_brand(root / "brand")
        second = free_port()
        tokens = make_tokens(brand, count, PEOPLE)
        one: list[float] = []
        two: list[float] = []
        floor: list[float] = []
        busy_one: list[float] = []
        busy_two: list[float] = []
        for _ in range(repeats):
            with fresh_schema(server) as url, receiver(brand, url):
                one.append(drive(brand.port, tokens, clients))
                busy_one.append(BUSY[-1])
            with fresh_schema(server) as url, receiver(brand, url), \
                    receiver(brand, url, port=second):
                two.append(drive([brand.port, second], tokens, clients))
                busy_two.append(BUSY[-1])
            with trivial(brand.port):
                floor.append(drive(brand.port, tokens, clients))
    rate, rate_two = count / statistics.median(one), count / statistics.median(two)
    trivial_rate = count / statistics.median(floor)
    ratio = statistics.median(f / r for r, f in zip(one, floor, strict=True))
    scaling = statistics.median(a / b for a, b in zip(one, two, strict=True))
    print(f"uvicorn, trivial 202:       {trivial_rate:,.0f} requests/s")
    # The workers share the machine's cores with PostgreSQL and the clients: a second
    # worker can add only what the first left of them.
    print(f"receiver on PostgreSQL:     {rate:,.0f} tokens/s on one worker ({ratio:.2f}x), "
          f"the machine {statistics.median(busy_one):.0%} busy")
    print(f"two workers, one database:  {rate_two:,.0f} tokens/s ({scaling:.2f}x one worker), "
          f"the machine {statistics.median(busy_two):.0%} busy")
    return [
        Verdict("receiver on PostgreSQL / trivial 202", ratio, TARGET_RATIO, "x",
                lower_is_better=False,
                note=f"{rate:,.0f} tokens/s against {trivial_rate:,.0f} requests/s"),
        Verdict("two PostgreSQL workers / one", scaling, TWO_WORKERS_TARGET, "x",
                lower_is_better=False, note=f"{rate_two:,.0f} against {rate:,.0f} tokens/s"),
    ]


if __name__ == "__main__":
    print(run().line())
