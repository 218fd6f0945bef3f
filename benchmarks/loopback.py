"""A brand on loopback for the delivery benchmarks: keys, a signed request, a served worker."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brandkit.issuing import sign_spec
from brandkit.keys import BrandKeys, generate_keys, save_keys
from brandkit.serving import bind

from .receiver_server import HOST, READY

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ASK = "fit-advice"


def free_port() -> int:
    sock = bind(HOST, 0)
    try:
        return int(sock.getsockname()[1])
    finally:
        sock.close()


def spec_for(origin: str) -> dict[str, Any]:
    return {
        "iss": origin,
        "brand": {"name": "Benchmark Shoes", "description": "Shoes that fit."},
        "endpoints": {"grants": f"{origin}/zpd/grants", "events": f"{origin}/zpd/events"},
        "asks": [{
            "id": ASK,
            "purpose": {"iri": "https://w3id.org/dpv#ServicePersonalisation",
                        "description": "Recommend shoes that fit you"},
            "fields": [{"key": "shoe_size_eu", "required": True, "why": "your size"},
                       {"key": "favourite_colours", "required": False, "why": "colours"}],
            "offer": {"kind": "discount", "description": "10% off"},
            "retention_days": 180, "duration_days": 90,
        }],
    }


@dataclass(frozen=True)
class Brand:
    root: Path
    keys: BrandKeys
    request: str
    port: int

    @property
    def origin(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def grants_url(self) -> str:
        return f"{self.origin}/zpd/grants"

    @property
    def keys_dir(self) -> Path:
        return self.root / "keys"

    @property
    def request_file(self) -> Path:
        return self.root / "request.jwt"


def make_brand(root: Path, signed_at: int | None = None) -> Brand:
    """Keys and a request signed for http://127.0.0.1:<a free port>, saved under `root`;
    signed a minute before `signed_at` (default: now), for a vault whose clock is frozen."""
    root.mkdir(parents=True, exist_ok=True)
    keys = generate_keys()
    port = free_port()
    brand = Brand(root, keys, "", port)
    save_keys(keys, brand.keys_dir)
    request = sign_spec(spec_for(brand.origin), keys, now=int(signed_at or time.time()) - 60)
    brand.request_file.write_text(request)
    return Brand(root, keys, request, port)


@contextmanager
def served(*args: str, timeout: float = 30.0, origin: str | None = None) -> Iterator[None]:
    """`python -m benchmarks.receiver_server ARGS` until the block ends."""
    env = {**os.environ, **({"ZPV_BENCH_ORIGIN": origin} if origin else {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.receiver_server", *args], cwd=PROJECT_ROOT,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
    )
    try:
        assert process.stdout is not None and process.stdin is not None
        line = process.stdout.readline().strip()
        if line != READY:
            raise RuntimeError(f"receiver_server {args[0]} did not start ({line!r})")
        yield
    finally:
        if process.stdin is not None:
            process.stdin.close()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def receiver(brand: Brand, db: Path | str, port: int | None = None) -> Iterator[None]:
    """A receiver worker on `db` (a SQLite path or a PostgreSQL URL), on the brand's port
    or on `port` (another worker of the same brand)."""
    with served("receiver", str(brand.keys_dir), str(brand.request_file), str(db),
                str(port or brand.port), origin=brand.origin):
        yield


@contextmanager
def trivial(port: int) -> Iterator[None]:
    with served("trivial", str(port)):
        yield
