"""Every error reaches the person in words; an exception's own text (library names, errno,
OpenSSL codes, protocol claims) only in the log. The errors are the real ones: the vault's
HTTP transport failing to resolve a name and meeting plain http where it expected TLS, a
request that really expired, a file that cannot be read."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from tests.support.in_process import in_process_brand
from ui.words.errors import error_text
from ui.words.exchange import delivery_words
from vault.errors import TransportError, TransportFailure
from vault.exchange.delivery_summary import DeliveryStatus, DeliverySummary
from vault.exchange.transport import HttpTransport
from zpd.errors import RequestInvalid
from zpd.request import verify_request

RAW = re.compile(r"Error|Errno|errno|WRONG_VERSION|host=|Max retries|\bexp\b|_[a-z]+_|\(")


class _PlainHttp(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def plain_http_port() -> Iterator[int]:
    server = HTTPServer(("127.0.0.1", 0), _PlainHttp)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def fetch_error(url: str) -> TransportError:
    transport = HttpTransport(connect_timeout=3, total_timeout=5)
    try:
        with pytest.raises(TransportError) as caught:
            transport.get(url, "application/jwt", local=True)
    finally:
        transport.close()
    return caught.value


def test_a_name_that_does_not_resolve_is_worded_and_its_details_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    error = fetch_error("https://no-such-brand.invalid/.well-known/zpd-request")
    assert error.kind is TransportFailure.CONNECT and "NameResolutionError" in error.detail
    with caplog.at_level(logging.INFO):
        words = error_text(error)
    assert words == "Could not reach the brand."
    assert "NameResolutionError" in caplog.text  # for whoever reads the log


def test_plain_http_where_tls_was_expected_is_worded(plain_http_port: int) -> None:
    error = fetch_error(f"https://127.0.0.1:{plain_http_port}/")
    assert error.kind is TransportFailure.TLS and "SSL" in error.detail
    words = error_text(error)
    assert not RAW.search(words), words
    assert words == "The brand's secure connection could not be verified."


def test_an_expired_request_is_worded_without_its_claims() -> None:
    brand = in_process_brand("https://shoes.example", "Shoes Example")
    with pytest.raises(RequestInvalid) as caught:
        verify_request(brand.request(expired=True), int(time.time()))
    words = error_text(caught.value)
    assert "expired" in words and not RAW.search(words), words


def test_a_file_that_cannot_be_read_and_an_unknown_error_are_worded() -> None:
    words = error_text(IsADirectoryError(21, "Is a directory"), reading=True)
    assert "Is a directory" not in words and "could not be read" in words
    words = error_text(KeyError("grant_id"))
    assert "KeyError" not in words and "grant_id" not in words
    assert "log" in words


def test_a_delivery_that_will_be_retried_says_why_without_the_library_text() -> None:
    detail = ("connect: _WatchedHTTPSPool(host='shop.example', port=443): Max retries exceeded "
              "(Caused by NameResolutionError(\"[Errno -2] Name or service not known\"))")
    words = delivery_words(DeliverySummary(DeliveryStatus.QUEUED, detail, 3))
    assert words == "Queued, will retry: could not reach the brand"
    unknown = delivery_words(DeliverySummary(DeliveryStatus.QUEUED, "SSLError(WRONG_VERSION)", 1))
    assert not RAW.search(unknown), unknown
