"""Connections that never send a request cannot starve the receiver (slowloris).

`zpv-brand serve` in a subprocess, raw sockets from loopback addresses
127.0.0.2 and up (all of 127.0.0.0/8 is this machine) standing for attackers,
and a client on 127.0.0.1 that must still be served.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from brandkit.issuing import sign_spec
from brandkit.keys import create_keys
from brandkit.quotas import client_key
from tests.support.people import Person, spec
from zpd.request import DataRequest, verify_request

from .live import TIMEOUT, Served, zpv_brand_serve

IDLE = 600
WELL_KNOWN = ".well-known/zero-party-data"


@pytest.fixture(scope="module")
def brand_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, DataRequest]:
    root = tmp_path_factory.mktemp("brand")
    keys = create_keys(root / "keys")
    jws = sign_spec(spec(), keys, now=int(time.time()) - 60)
    (root / "request.jws").write_text(jws + "\n")
    return root / "keys", root / "request.jws", verify_request(jws, int(time.time()))


@contextmanager
def serving(
    brand_files: tuple[Path, Path, DataRequest], tmp_path: Path, *options: str
) -> Iterator[Served]:
    keys_dir, request_file, _ = brand_files
    with zpv_brand_serve("--keys", str(keys_dir), "--request", str(request_file),
                         "--db", str(tmp_path / "db"), *options, directory=tmp_path) as served:
        assert served.url, served.stderr
        yield served
        served.process.terminate()
        assert served.process.wait(TIMEOUT) == 0, served.stderr


def port_of(served: Served) -> int:
    return urlsplit(served.url).port or 0


def connect_from(source: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((source, 0))
    sock.connect(("127.0.0.1", port))
    return sock


@contextmanager
def idle_connections(sources: list[str], count: int, port: int) -> Iterator[list[socket.socket]]:
    """`count` connections spread over `sources`, none of which sends a byte."""
    with ExitStack() as stack:
        sockets = []
        for number in range(count):
            sock = stack.enter_context(connect_from(sources[number % len(sources)], port))
            sockets.append(sock)
        time.sleep(1.0)  # the server has accepted every one by now
        yield sockets


def closed_by_server(sock: socket.socket, within: float) -> bool:
    """Whether the server closes `sock` within `within` seconds (EOF or reset)."""
    sock.settimeout(within)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        return False
    except ConnectionResetError:
        pass
    return True


def a_client_is_served(served: Served, brand_files: tuple[Path, Path, DataRequest]) -> None:
    """What the vault does: fetch the request, deliver a token and get its receipt."""
    assert requests.get(served.url + WELL_KNOWN, timeout=TIMEOUT).status_code == 200
    _, _, issued = brand_files
    token = Person().token(issued, iat=int(time.time()))
    response = requests.post(served.url + "zpd/grants", data=token, timeout=TIMEOUT,
                             headers={"Content-Type": "application/jwt"})
    assert response.status_code == 202, response.text


@pytest.mark.parametrize("sources", [
    ["127.0.0.2"],
    [f"127.0.0.{n}" for n in range(2, 8)],
], ids=["one address", "six addresses"])
def test_a_client_is_served_while_600_idle_connections_are_open(
    brand_files: tuple[Path, Path, DataRequest], tmp_path: Path, sources: list[str]
) -> None:
    with serving(brand_files, tmp_path) as served, \
            idle_connections(sources, IDLE, port_of(served)):
        a_client_is_served(served, brand_files)


def test_one_address_holds_at_most_its_connections(
    brand_files: tuple[Path, Path, DataRequest], tmp_path: Path
) -> None:
    with serving(brand_files, tmp_path, "--connections-per-client", "4") as served:
        port = port_of(served)
        with idle_connections(["127.0.0.2"], 4, port) as held:
            with connect_from("127.0.0.2", port) as fifth:
                assert closed_by_server(fifth, within=2.0), "the fifth is closed at once"
            assert not any(closed_by_server(sock, within=0.2) for sock in held)
            a_client_is_served(served, brand_files)  # from 127.0.0.1
        # Closed ones no longer count: the address may connect again.
        with connect_from("127.0.0.2", port) as again:
            again.sendall(f"GET /{WELL_KNOWN} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            again.settimeout(TIMEOUT)
            assert again.recv(100).startswith(b"HTTP/1.1 200")


def test_a_head_that_does_not_arrive_in_time_is_closed(
    brand_files: tuple[Path, Path, DataRequest], tmp_path: Path
) -> None:
    with serving(brand_files, tmp_path, "--head-timeout", "1") as served:
        port = port_of(served)
        with connect_from("127.0.0.2", port) as silent, \
                connect_from("127.0.0.2", port) as dripping, \
                connect_from("127.0.0.2", port) as kept_alive:
            started = time.monotonic()
            dripping.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            kept_alive.sendall(f"GET /{WELL_KNOWN} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            kept_alive.settimeout(TIMEOUT)
            assert kept_alive.recv(65536).startswith(b"HTTP/1.1 200")
            kept_alive.sendall(b"GET / HTTP/1.1\r\n")  # the next head, never finished
            for sock in (silent, dripping, kept_alive):
                assert closed_by_server(sock, within=5.0)
            assert 0.9 <= time.monotonic() - started < 5.0


def test_a_slow_head_that_arrives_in_time_is_served(
    brand_files: tuple[Path, Path, DataRequest], tmp_path: Path
) -> None:
    with serving(brand_files, tmp_path, "--head-timeout", "2") as served, \
            connect_from("127.0.0.2", port_of(served)) as slow:
        for piece in (f"GET /{WELL_KNOWN} HTTP/1.1\r\n", "Host: x\r\n", "\r\n"):
            slow.sendall(piece.encode())
            time.sleep(0.4)
        slow.settimeout(TIMEOUT)
        assert slow.recv(100).startswith(b"HTTP/1.1 200")


def test_an_ipv6_client_counts_by_its_64() -> None:
    assert client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff::9")
    assert client_key("2001:db8:1:2::1") != client_key("2001:db8:1:3::1")
    assert client_key("::ffff:192.0.2.7") == client_key("192.0.2.7") == "192.0.2.7"
