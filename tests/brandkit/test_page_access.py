"""Who may see the page of what the brand holds: the token, the Host, masked values.

Raw HTTP (http.client, the Host header as an attacker would set it) against
the receiver under uvicorn, in process and as `zpv-brand serve --page`.
"""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from brandkit.holdings import PageSettings, allowed_host_names, host_name
from brandkit.issuing import sign_spec
from brandkit.keys import create_keys
from brandkit.receiver import Receiver
from brandkit.serving import Address
from brandkit.sqlstorage import SqliteStorage
from tests.support.log_text import mentions_number
from tests.support.people import Person, spec
from tests.support.vaults import PROJECT_ROOT
from zpd.request import DataRequest, verify_request

from .live import PAGE_TOKEN, TIMEOUT, Live, first_line, live_receiver, zpv_brand_serve

SECRET_NAME = "Zebulon Quartermaine"


def get(
    address: Address, target: str, *, host: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], str]:
    """One GET with exactly the Host header given (the address's own if None)."""
    connection = http.client.HTTPConnection(address.host, address.port, timeout=TIMEOUT)
    try:
        connection.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", f"{address.host}:{address.port}" if host is None else host)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def with_token(token: str = PAGE_TOKEN, extra: str = "") -> str:
    return f"/?token={token}{extra}"


@pytest.fixture
def shared(receiver: Receiver, issued: DataRequest, alice: Person) -> Person:
    """Alice shared her name and a size: what the page must not give away."""
    receiver.receive_token(alice.token(
        issued, iat=int(time.time()), ask="newsletter", grant_id="name",
        data={"preferred_name": SECRET_NAME, "contact_frequency": "weekly"},
    ))
    return alice


@pytest.fixture
def live(receiver: Receiver, storage: SqliteStorage, request_jws: str) -> Iterator[Live]:
    with live_receiver(receiver, storage, request_jws) as served:
        yield served


def shows_nothing_held(body: str, person: Person) -> bool:
    return SECRET_NAME not in body and person.pseudonym not in body and "weekly" not in body


@pytest.mark.parametrize("host", [
    "attacker.example", "attacker.example:80", "127.0.0.1.attacker.example", "[::2]:8000", "",
])
def test_a_foreign_host_gets_no_data(live: Live, shared: Person, host: str) -> None:
    """DNS rebinding: the operator's browser sends the attacker's name, with the token."""
    status, _, body = get(live.address, with_token(extra="&values=shown"), host=host)
    assert status == 400
    assert shows_nothing_held(body, shared)


def test_a_host_without_www_is_refused_not_redirected(
    receiver: Receiver, storage: SqliteStorage, request_jws: str, shared: Person
) -> None:
    settings = PageSettings(PAGE_TOKEN, ("127.0.0.1", "www.brand.example"))
    with live_receiver(receiver, storage, request_jws, page=settings) as live:
        status, headers, body = get(live.address, with_token(), host="brand.example")
        assert (status, headers.get("location")) == (400, None)
        assert shows_nothing_held(body, shared)
        assert get(live.address, with_token(), host="www.brand.example")[0] == 200


def test_the_own_host_with_the_token_gets_the_page(live: Live, shared: Person) -> None:
    status, headers, body = get(live.address, with_token(extra="&values=shown"))
    assert status == 200
    assert shared.pseudonym in body and SECRET_NAME in body
    assert headers["cache-control"] == "no-store"
    assert headers["referrer-policy"] == "no-referrer"


def test_no_token_gets_no_data(live: Live, shared: Person) -> None:
    for target in ("/", "/?values=shown", "/?token=", "/?page=1"):
        status, headers, body = get(live.address, target)
        assert status == 401, target
        assert headers["www-authenticate"].startswith("Bearer")
        assert shows_nothing_held(body, shared)


@pytest.mark.parametrize("token", [
    PAGE_TOKEN[:-1] + ("x" if PAGE_TOKEN[-1] != "x" else "y"),  # one character off
    PAGE_TOKEN[:-1],  # a prefix
    PAGE_TOKEN + "x",
    "\u00e9" * 20,
])
def test_a_wrong_token_gets_no_data(live: Live, shared: Person, token: str) -> None:
    status, _, body = get(live.address, f"/?token={quote(token)}&values=shown")
    assert status == 403
    assert shows_nothing_held(body, shared)
    status, _, body = get(live.address, "/", headers={"Authorization": "Bearer wrong-token"})
    assert status == 403
    assert shows_nothing_held(body, shared)


def test_the_token_may_come_as_a_bearer_header(live: Live, shared: Person) -> None:
    status, _, body = get(live.address, "/", headers={"Authorization": f"Bearer {PAGE_TOKEN}"})
    assert status == 200
    assert shared.pseudonym in body


def test_values_are_masked_unless_the_view_asks_for_them(live: Live, shared: Person) -> None:
    masked = live.page().text
    assert shared.pseudonym in masked and "preferred_name" in masked
    assert SECRET_NAME not in masked and "weekly" not in masked
    assert '<span class="masked">hidden</span>' in masked
    assert f'href="?token={PAGE_TOKEN}&amp;page=1&amp;values=shown">Show values</a>' in masked

    shown = live.page(values=True).text
    assert SECRET_NAME in shown and "weekly" in shown
    assert f'href="?token={PAGE_TOKEN}&amp;page=1">Hide values</a>' in shown
    assert live.page().text.count(SECRET_NAME) == 0, "the choice is the view's, not kept"


def test_a_customer_with_many_grants_shows_the_last_ones(
    receiver: Receiver, storage: SqliteStorage, request_jws: str, issued: DataRequest,
    alice: Person,
) -> None:
    now = int(time.time())
    for number in range(5):
        receiver.receive_token(alice.token(issued, iat=now, grant_id=f"grant-{number}"),
                               now + number)
    settings = PageSettings(PAGE_TOKEN, ("127.0.0.1",), grants_per_customer=2)
    with live_receiver(receiver, storage, request_jws, page=settings) as live:
        page = live.page().text
    assert "grant-4" in page and "grant-3" in page
    assert "grant-2" not in page and "grant-0" not in page
    assert "3 earlier grants not shown" in page


def test_allowed_host_names() -> None:
    assert allowed_host_names("127.0.0.1", "https://Shoes.Example") == (
        "127.0.0.1", "shoes.example"
    )
    assert allowed_host_names("0.0.0.0", "https://shoes.example:8443", ["Brand.Internal"]) == (
        "shoes.example", "brand.internal"
    )
    assert allowed_host_names("::1", "http://[::1]:8000") == ("[::1]",)
    assert host_name("[2001:DB8::1]") == "[2001:db8::1]"
    with pytest.raises(ValueError, match="token"):
        PageSettings("short", ("127.0.0.1",))


# -- zpv-brand serve --page ---------------------------------------------------------------


@pytest.fixture(scope="module")
def brand_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, DataRequest]:
    root = tmp_path_factory.mktemp("brand")
    keys = create_keys(root / "keys")
    jws = sign_spec(spec(), keys, now=int(time.time()) - 60)
    (root / "request.jws").write_text(jws + "\n")
    return root / "keys", root / "request.jws", verify_request(jws, int(time.time()))


def page_address(stderr_path: Path) -> str:
    """The page's address with its token, from what `serve --page` printed on stderr."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        found = re.search(r"keep this address to yourself\): (\S+)", stderr_path.read_text())
        if found:
            return found.group(1)
        time.sleep(0.05)
    raise AssertionError("no page address on stderr: " + stderr_path.read_text())


def test_serve_page_prints_its_token_once_on_stderr_and_never_logs_it(
    brand_files: tuple[Path, Path, DataRequest], tmp_path: Path
) -> None:
    keys_dir, request_file, issued = brand_files
    person = Person()
    with zpv_brand_serve("--keys", str(keys_dir), "--request", str(request_file),
                         "--db", str(tmp_path / "db"), "--page", directory=tmp_path) as served:
        url = page_address(served.stderr_path)
        parts = urlsplit(url)
        token = parts.query.removeprefix("token=")
        assert url.startswith(served.url) and len(token) >= 40
        address = Address(parts.hostname or "", parts.port or 0)
        receiver_token = person.token(issued, iat=int(time.time()), ask="newsletter",
                                      data={"preferred_name": SECRET_NAME})
        connection = http.client.HTTPConnection(address.host, address.port, timeout=TIMEOUT)
        connection.request("POST", "/zpd/grants", body=receiver_token,
                           headers={"Content-Type": "application/jwt"})
        assert connection.getresponse().status == 202
        connection.close()

        assert get(address, "/")[0] == 401
        status, _, body = get(address, f"/?token={token}&values=shown")
        assert status == 200 and SECRET_NAME in body
        assert get(address, "/", host="attacker.example")[0] == 400
        served.process.terminate()
        assert served.process.wait(TIMEOUT) == 0
        log = served.stderr
    assert log.count(token) == 1, "printed once, at start, and in no log line"
    assert re.search(r'"GET / HTTP/1.1" 200', log), "the access log shows the request"
    assert "token=" not in log.replace(url, "")


def test_serve_page_takes_its_token_from_the_environment_and_does_not_print_it(
    brand_files: tuple[Path, Path, DataRequest], tmp_path: Path
) -> None:
    keys_dir, request_file, _ = brand_files
    token = "a-token-the-operator-chose-0123456789"
    process = subprocess.Popen(
        [sys.executable, "-m", "brandkit", "serve", "--keys", str(keys_dir), "--request",
         str(request_file), "--db", str(tmp_path / "db"), "--page", "--port", "0",
         "--allowed-host", "receiver.internal"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT),
                           "ZPV_BRAND_PAGE_TOKEN": token},
    )
    try:
        assert process.stdout is not None
        line = first_line(process.stdout, time.monotonic() + 30)
        parts = urlsplit(line.rsplit(" at ", 1)[-1].strip())
        address = Address(parts.hostname or "", parts.port or 0)
        assert get(address, f"/?token={token}")[0] == 200
        port = address.port
        for host, status in ((f"receiver.internal:{port}", 200), (f"shoes.example:{port}", 200),
                             (f"localhost:{port}", 400), ("brand.example", 400)):
            assert get(address, f"/?token={token}", host=host)[0] == status, host
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=TIMEOUT)
    assert token not in stderr
    assert "with the token in ZPV_BRAND_PAGE_TOKEN" in stderr


def test_serve_refuses_a_weak_page_token(
    brand_files: tuple[Path, Path, DataRequest], tmp_path: Path
) -> None:
    keys_dir, request_file, _ = brand_files
    result = subprocess.run(
        [sys.executable, "-m", "brandkit", "serve", "--keys", str(keys_dir), "--request",
         str(request_file), "--db", str(tmp_path / "db"), "--page", "--port", "0"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path, stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "ZPV_BRAND_PAGE_TOKEN": "1234"},
    )
    assert result.returncode == 2
    assert "ZPV_BRAND_PAGE_TOKEN" in result.stderr and not mentions_number(result.stderr, "1234")
