"""The receiver's HTTP client to a subscriber (`brandkit.outbound`): TLS checked against
the authorities the system trusts, before a byte of an event leaves; the handshake, the
request and the answer within one time limit, after connecting within another."""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import trustme

from brandkit.outbound import DeliveryError, Outbound
from tests.support.servers import read_request, respond, serving

BODY = b'{"type": "grant.stored"}'
HEADERS = {"Content-Type": "application/json"}


def authority_and_server_context(tmp_path: Path) -> tuple[Path, ssl.SSLContext]:
    """A fresh authority's certificate as a file, and a server context it signed."""
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(context)
    bundle = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(bundle))
    return bundle, context


def test_tls_from_an_authority_the_system_does_not_trust_is_refused_before_the_body(
    tmp_path: Path,
) -> None:
    _, context = authority_and_server_context(tmp_path)
    with serving(lambda conn, _: respond(conn, 204), tls=context) as server:
        outbound = Outbound(f"https://127.0.0.1:{server.port}/hooks", timeout=3)
        with pytest.raises(DeliveryError) as refused:
            outbound.post(HEADERS, BODY)
    assert refused.value.kind == "tls"
    assert server.received == [], "no byte of the event may leave"


def test_tls_from_an_authority_the_system_trusts_delivers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle, context = authority_and_server_context(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))  # what the system trusts, for this test
    with serving(lambda conn, _: respond(conn, 204), tls=context) as server:
        answer = Outbound(f"https://127.0.0.1:{server.port}/hooks", timeout=3).post(
            HEADERS, BODY)
    assert answer.status == 204
    assert [(r.method, r.path, r.body) for r in server.received] == [("POST", "/hooks", BODY)]


@contextmanager
def slow_at_each_step(context: ssl.SSLContext, seconds: float) -> Iterator[int]:
    """A TLS server that waits `seconds` in its handshake and again before its 204: each
    step within a one-second limit, the two together not."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        conn, _ = listener.accept()
        try:
            time.sleep(seconds)
            with context.wrap_socket(conn, server_side=True) as tls:
                read_request(tls)
                time.sleep(seconds)
                respond(tls, 204)
        except OSError:
            pass
        finally:
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()
        thread.join(5)


def test_tls_and_the_answer_share_one_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle, context = authority_and_server_context(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    with slow_at_each_step(context, 0.7) as port:
        outbound = Outbound(f"https://127.0.0.1:{port}/hooks", timeout=1)
        started = time.monotonic()
        with pytest.raises(DeliveryError) as cut:
            outbound.post(HEADERS, BODY)
        took = time.monotonic() - started
    assert cut.value.kind == "timeout"
    assert took < 1.3, f"{took:.1f} s for a one-second limit"


def test_each_address_of_a_subscriber_is_tried_until_one_connects(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # bound, never listening: refused
    with serving(lambda conn, _: respond(conn, 204)) as server:
        answers = [
            (12345, socket.SOCK_STREAM, 6, "", ("::1", server.port)),  # a family turned off
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", closed.getsockname()[1])),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", server.port)),
        ]
        # What the name resolves to: three addresses, only the last of which answers.
        monkeypatch.setattr(socket, "getaddrinfo", lambda *_, **__: answers)
        answer = Outbound(f"http://hooks.example:{server.port}/hooks", timeout=2).post(
            HEADERS, BODY)
    closed.close()
    assert answer.status == 204
    assert [(r.path, r.headers["host"]) for r in server.received] == [
        ("/hooks", f"hooks.example:{server.port}")]
