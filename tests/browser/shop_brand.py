"""A brand for the browser tests: `zpv-brand serve --sample-shop` in a subprocess, on a port
chosen first so that its request is signed for its real origin (http://127.0.0.1:PORT)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from brandkit.issuing import sign_spec
from brandkit.keys import create_keys
from tests.brandkit.live import TIMEOUT, first_line
from tests.support.specs import ask, request_spec
from tests.support.vaults import PROJECT_ROOT
from zpd.request import DataRequest, verify_request


@dataclass
class ShopBrand:
    origin: str
    request: DataRequest  # the one it serves at the well-known address
    process: subprocess.Popen[str]
    stderr_path: Path

    @property
    def shop(self) -> str:
        return self.origin + "/shop"

    def get(self, path: str) -> requests.Response:
        return requests.get(self.origin + path, timeout=TIMEOUT)

    def post(self, path: str, body: str, content_type: str) -> requests.Response:
        return requests.post(self.origin + path, data=body, timeout=TIMEOUT,
                             headers={"Content-Type": content_type})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def shop_brand(directory: Path, *extra: str) -> Iterator[ShopBrand]:
    """A shoe shop's receiver with its sample shop page, until the block ends."""
    keys = create_keys(directory / "keys")
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    jws = sign_spec(request_spec(origin, asks=[ask()]), keys, now=int(time.time()) - 60, days=30)
    (directory / "request.jws").write_text(jws)
    stderr_path = directory / "serve.stderr"
    with stderr_path.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "brandkit", "serve", "--keys", str(directory / "keys"),
             "--request", str(directory / "request.jws"), "--db",
             str(directory / "receiver.sqlite3"), "--port", str(port), "--sample-shop",
             *extra],
            stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL, text=True,
            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}, start_new_session=True,
        )
    try:
        assert process.stdout is not None
        line = first_line(process.stdout, time.monotonic() + 30)
        assert line.startswith("Serving "), line + stderr_path.read_text()
        yield ShopBrand(origin, verify_request(jws, int(time.time())), process, stderr_path)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdout is not None:
            process.stdout.close()
