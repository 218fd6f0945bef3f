"""A real receiver on loopback for the HTTP tests: uvicorn in a thread, or `zpv-brand serve`."""

from __future__ import annotations

import os
import re
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import requests

from brandkit.holdings import PageSettings
from brandkit.receiver import Receiver
from brandkit.server import BODY_SECONDS, JWT, SECEVENT_JWT, LinkSettings, create_app
from brandkit.serving import Address, running
from brandkit.storage import Storage
from tests.support.vaults import PROJECT_ROOT

TIMEOUT = 10  # seconds for any one HTTP exchange or process step
PAGE_TOKEN = "page-token-for-the-tests-0123456789"
PAGE = PageSettings(PAGE_TOKEN, ("127.0.0.1",))


@dataclass
class Live:
    """A receiver app served on 127.0.0.1, with what it stores."""

    address: Address
    receiver: Receiver
    storage: Storage
    session: requests.Session

    def url(self, path: str) -> str:
        return self.address.url + path.lstrip("/")

    def post(self, path: str, body: str | bytes, content_type: str | None) -> requests.Response:
        headers = {} if content_type is None else {"Content-Type": content_type}
        return self.session.post(self.url(path), data=body, headers=headers, timeout=TIMEOUT)

    def post_token(self, token: str, path: str = "/zpd/grants") -> requests.Response:
        return self.post(path, token, JWT)

    def post_event(self, event: str, path: str = "/zpd/events") -> requests.Response:
        return self.post(path, event, SECEVENT_JWT)

    def get(self, path: str) -> requests.Response:
        return self.session.get(self.url(path), timeout=TIMEOUT)

    def page(self, *, values: bool = False, number: int = 1) -> requests.Response:
        """The page of what the brand holds, with the token."""
        query = {"token": PAGE_TOKEN, "page": str(number)}
        if values:
            query["values"] = "shown"
        return self.session.get(self.url("/"), params=query, timeout=TIMEOUT)


@contextmanager
def live_receiver(
    receiver: Receiver, storage: Storage, request_jws: str, *, page: PageSettings | None = PAGE,
    body_seconds: float = BODY_SECONDS, links: LinkSettings | None = None,
) -> Iterator[Live]:
    """create_app(receiver, request_jws, ...) served until the block ends (with the page,
    for the token PAGE_TOKEN, on 127.0.0.1, unless `page` is None)."""
    app = create_app(receiver, request_jws, page=page, body_seconds=body_seconds, links=links)
    with running(app) as address, requests.Session() as session:
        yield Live(address, receiver, storage, session)


def raw_exchange(address: Address, head: bytes, body_chunks: Iterator[bytes]) -> tuple[bytes, int]:
    """Send a request head, then body chunks until the server answers; (answer, bytes sent).

    The answer is everything read until the server closed the connection.
    """
    sent = 0
    with socket.create_connection((address.host, address.port), timeout=TIMEOUT) as sock:
        sock.sendall(head)
        for chunk in body_chunks:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break
            try:
                sock.sendall(chunk)
            except OSError:  # the server answered and closed while we were sending
                break
            sent += len(chunk)
        answer = b""
        while True:
            try:
                data = sock.recv(65536)
            except ConnectionResetError:
                break
            if not data:
                break
            answer += data
    return answer, sent


# -- `zpv-brand serve` in a subprocess ---------------------------------------------------


@dataclass
class Served:
    process: subprocess.Popen[str]
    line: str  # the first line it printed
    url: str
    stderr_path: Path

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text()

    def stderr_match(self, pattern: str) -> re.Match[str]:
        """The first match of `pattern` in stderr, waiting for it up to TIMEOUT: the server
        writes to stderr after its first line on stdout, not before."""
        deadline = time.monotonic() + TIMEOUT
        while (found := re.search(pattern, self.stderr)) is None:
            assert time.monotonic() < deadline, f"no {pattern!r} in: {self.stderr}"
            time.sleep(0.05)
        return found


def first_line(stream: IO[str], deadline: float) -> str:
    """The first line of a child's output, waiting until `deadline` (time.monotonic) at most."""
    readable, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
    if not readable:
        raise AssertionError("no line before the deadline")
    return stream.readline()


@contextmanager
def zpv_brand_serve(*args: str, directory: Path) -> Iterator[Served]:
    """`zpv-brand serve ARGS --port 0`, until the block ends (then SIGTERM, if still running)."""
    stderr_path = directory / f"serve-{time.monotonic_ns()}.stderr"
    with stderr_path.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "brandkit", "serve", *args, "--port", "0"],
            stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL, text=True,
            cwd=directory, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        )
    try:
        assert process.stdout is not None
        line = first_line(process.stdout, time.monotonic() + 30)
        url = line.rsplit(" at ", 1)[-1].strip() if line else ""
        yield Served(process, line, url, stderr_path)
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
