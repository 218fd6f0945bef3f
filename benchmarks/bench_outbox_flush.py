"""Outbox flush to a loopback receiver, against plain POSTs of the same bodies.

A vault holds COUNT queued share tokens for one brand (COUNT grants shared, as
after a day offline). The brand is the brand kit's real receiver app under
uvicorn (`brandkit.serving.running`, one worker, its own process, SQLite on
disk with synchronous FULL), on 127.0.0.1.

- measured: `vault.delivery.flush()`: every token POSTed through the vault's
  Transport (one requests.Session, kept alive), the brand's signed receipt
  verified, the outcome and its audit entry recorded durably;
- baseline: the same bodies POSTed in the same order with one plain
  requests.Session to a fresh instance of the same server: what the network
  and the receiver cost with nothing done on the vault's side, so it bounds
  what any client could do (delivering one message at a time, in order).

Each run starts a fresh receiver database (a brand that already holds a token
only answers its receipt again) and a fresh copy of the vault; runs alternate.
Target: the flush's rate >= 0.85 x the plain POSTs' rate in the same run, the
median of the ratios of each flush and the plain POSTs run next to it (the
vault's own work, receipts checked and outcomes recorded, costs at most 15 % on
top of what the network and the receiver cost). Both absolute rates are printed:
they move with the machine (the receiver syncs every token to disk).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

import requests

from vault.storage.keys import KdfParams
from vault.vault import Vault

from .common import Verdict, isolate_state
from .loopback import ASK, Brand, make_brand, receiver

COUNT = 600
TARGET_RATIO = 0.85
PASSPHRASE = "benchmark passphrase for delivery"
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)

Body = tuple[str, str, str]  # url, content type, text


def make_vault(directory: Path, brand: Brand, count: int, db: Path) -> list[Body]:
    """A vault with `count` grants to the brand, all queued; returns what it will send.

    The request is fetched from the brand's loopback origin: the only way the vault will
    deliver to this computer."""
    vault, _ = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)
    try:
        vault.fields.set("shoe_size_eu", 42)
        vault.fields.set("favourite_colours", ["navy", "green"])
        with receiver(brand, db):
            vault.brands.fetch(brand.origin)
        for _ in range(count):
            vault.grants.share(brand.origin, ASK)
        return [(item.endpoint, item.content_type, item.body) for item in vault.delivery.waiting()]
    finally:
        vault.lock()


def flush_once(template: Path, work: Path, brand: Brand, db: Path, count: int) -> float:
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(template, work)
    with receiver(brand, db):
        vault = Vault.unlock(work, PASSPHRASE)
        try:
            started = time.perf_counter()
            report = vault.delivery.flush()
            elapsed = time.perf_counter() - started
            confirmed = vault.delivery.receipts(report.delivered[0]) if report.delivered else []
        finally:
            vault.lock()
    if len(report.delivered) != count or report.failed or report.retrying:
        raise RuntimeError(f"flush: {len(report.delivered)} delivered, {report.failed} failed, "
                           f"{report.retrying} retrying")
    del confirmed
    return elapsed


def raw_once(bodies: list[Body], brand: Brand, db: Path) -> float:
    with receiver(brand, db), requests.Session() as session:
        started = time.perf_counter()
        for url, content_type, body in bodies:
            response = session.post(url, data=body.encode(), timeout=10,
                                    headers={"Content-Type": content_type})
            if response.status_code != 202:
                raise RuntimeError(f"plain POST: HTTP {response.status_code}")
        return time.perf_counter() - started


def run(count: int = COUNT, repeats: int = 7) -> Verdict:
    isolate_state()
    with tempfile.TemporaryDirectory(prefix="zpv-flush-") as tmp:
        root = Path(tmp)
        brand = make_brand(root / "brand")
        template = root / "template"
        bodies = make_vault(template, brand, count, root / "fetch.db")
        flushes: list[float] = []
        raws: list[float] = []
        for i in range(repeats):
            flushes.append(flush_once(template, root / f"work{i}", brand, root / f"f{i}.db",
                                      count))
            raws.append(raw_once(bodies, brand, root / f"r{i}.db"))
    flush_rate = count / statistics.median(flushes)
    raw_rate = count / statistics.median(raws)
    # Each flush against the plain POSTs run right after it: pairs share the machine's mood.
    ratio = statistics.median(raw / flush for flush, raw in zip(flushes, raws, strict=True))
    print(f"plain POSTs, one requests.Session:  {raw_rate:,.0f} /s "
          f"({count} tokens, median of {repeats})")
    print(f"vault outbox flush:                  {flush_rate:,.0f} deliveries/s "
          f"({ratio:.2f}x the plain POSTs: the median of {repeats} pairs)")
    return Verdict("outbox flush / plain POSTs", ratio, TARGET_RATIO, "x",
                   lower_is_better=False,
                   note=f"{flush_rate:,.0f} /s against {raw_rate:,.0f} /s")


if __name__ == "__main__":
    print(run().line())
