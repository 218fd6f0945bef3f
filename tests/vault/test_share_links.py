"""Share links opened by the vault: the request a `zpd://share` link names is fetched from
its request_uri on a real brand receiver (per-visit, over HTTP on loopback), imported as
domain verified, and shared back to that visit; every bad link is refused in words with
nothing imported."""

from __future__ import annotations

import json
import random
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.support.brand_keys import BrandKeys, jwcrypto_request
from tests.support.cli import run_cli
from tests.support.jose_reading import b64u_decode, open_grant
from tests.support.servers import Received, respond, serving
from tests.support.specs import request_spec
from tests.support.vaults import MadeVault
from tests.support.visit_brand import VisitBrand, visit_brand
from vault.cli.words import describe
from vault.errors import TransportError, TransportFailure
from vault.exchange.transport import HttpTransport
from vault.vault import Vault
from zpd.errors import ProtocolError, RequestInvalid
from zpd.links import LinkInvalid, LinkProblem

MiB = 1024 * 1024


@pytest.fixture
def brand(tmp_path: Path) -> Iterator[VisitBrand]:
    with visit_brand(tmp_path) as served:
        yield served


def only_literal_addresses(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
    """A resolver for the transport that never asks DNS (this machine has none): IP literals
    and localhost resolve, every other name does not exist."""
    if host not in ("localhost",) and not host.replace(".", "").isdigit():
        raise socket.gaierror(socket.EAI_NONAME, "not resolved in the tests")
    return socket.getaddrinfo(host, port, *args, **kwargs)


@pytest.fixture
def opener(pv: Vault) -> Vault:
    pv.delivery.transport = HttpTransport(connect_timeout=2, total_timeout=5,
                                          resolve=only_literal_addresses)
    return pv


def counts(vault: Vault) -> dict[str, int]:
    return {t: int(str(vault._store.query_one(f"SELECT count(*) FROM {t}")[0]))  # type: ignore[index]
            for t in ("brands", "requests", "grants")}


def link_to(request_uri: str, ask: str | None = None) -> str:
    return f"zpd://share?request_uri={quote(request_uri, safe='')}" + (
        f"&ask={ask}" if ask else "")


def test_a_link_imports_the_visits_request_and_the_share_reaches_that_visit(
        opener: Vault, brand: VisitBrand) -> None:
    visit = brand.visit(ask="fit-advice", reference="customer-17",
                        return_uri=brand.origin + "/thanks")
    opener.fields.set("shoe_size_eu", 42)

    opened = opener.brands.open_link(visit["link"])

    result = opened.result
    assert result.brand.origin == brand.origin and result.brand.domain_verified
    assert result.request.jti == visit["request_jti"]
    assert opened.ask_id == "fit-advice" and opened.return_uri == brand.origin + "/thanks"
    assert brand.status(visit["id"])["status"] == "pending"  # a link shares nothing by itself
    assert counts(opener)["grants"] == 0

    opener.grants.share(brand.origin, opened.ask_id)
    assert opener.delivery.flush().delivered
    shared = brand.status(visit["id"])
    assert shared["status"] == "shared" and shared["reference"] == "customer-17"
    assert shared["grant"]["data"] == {"shoe_size_eu": 42}


def test_a_link_without_an_ask_or_with_an_unknown_one_opens_the_first_ask(
        opener: Vault, brand: VisitBrand) -> None:
    visit = brand.visit()
    first_ask = opener.brands.open_link(visit["link"]).ask_id
    assert first_ask == "fit-advice"
    assert opener.brands.open_link(link_to(visit["request_uri"], "no-such-ask")).ask_id == (
        first_ask)


def test_the_cli_opens_a_link_and_says_the_brand_and_ask(
        made_vault: MadeVault, brand: VisitBrand) -> None:
    visit = brand.visit(ask="fit-advice")
    done = run_cli("--json", "request", "open", visit["link"], vault_dir=made_vault.directory)
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    assert (said["brand"], said["ask"], said["request"]) == (
        brand.origin, "fit-advice", visit["request_jti"])
    assert said["domain_verified"] is True


@pytest.mark.parametrize(("link", "problem"), [
    (link_to("http://shoes.example/zpd/visit/1"), LinkProblem.PLAIN_HTTP),
    (link_to("file:///etc/passwd"), LinkProblem.FILE_URI),
    (link_to("javascript:alert(1)"), LinkProblem.JAVASCRIPT_URI),
    ("zpd://share?ask=fit-advice", LinkProblem.MISSING_REQUEST_URI),
    (link_to("https://sh\u043ees.example/zpd/visit/1"), LinkProblem.NON_ASCII_HOST),
    ("https://shoes.example/zpd/visit/1", LinkProblem.WRONG_SCHEME),
    ("zpd://grant?request_uri=https%3A%2F%2Fshoes.example%2F", LinkProblem.UNKNOWN_ACTION),
], ids=["http-remote", "file", "javascript", "no-request-uri", "idn-lookalike", "not-zpd",
        "other-action"])
def test_a_bad_link_is_refused_before_anything_is_fetched(
        opener: Vault, made_vault: MadeVault, link: str, problem: LinkProblem) -> None:
    before = counts(opener)
    with pytest.raises(LinkInvalid) as refused:
        opener.brands.open_link(link)
    assert refused.value.reason == problem
    assert counts(opener) == before
    opener.lock()  # the CLI opens the vault itself

    done = run_cli("request", "open", link, vault_dir=made_vault.directory, passphrase=None)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert done.stderr.startswith("zpv: not a share link this app follows: ")
    assert len(done.stderr.strip().splitlines()) == 1  # and no passphrase was asked


def test_a_request_naming_another_origin_is_refused(opener: Vault, brand: VisitBrand) -> None:
    # The same server under another name: what it serves names 127.0.0.1, not localhost.
    visit = brand.visit()
    elsewhere = visit["request_uri"].replace("127.0.0.1", "localhost")
    with pytest.raises(RequestInvalid) as refused:
        opener.brands.open_link(link_to(elsewhere))
    assert refused.value.reason == "bad_issuer"
    assert counts(opener) == {"brands": 0, "requests": 0, "grants": 0}


@pytest.fixture
def misbehaving(brand: VisitBrand) -> Iterator[Any]:
    """A loopback server that redirects to the brand's visit, or answers 10 MiB."""
    target = brand.visit()["request_uri"]

    def answer(conn: socket.socket, received: Received) -> None:
        if received.path == "/redirect":
            respond(conn, 302, headers={"Location": target})
        else:
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/jwt\r\n"
                         b"Connection: close\r\n\r\n")
            chunk = b"e" * MiB
            for _ in range(10):
                conn.sendall(chunk)

    with serving(answer) as server:
        yield server


@pytest.mark.parametrize(("path", "failure"), [
    ("/redirect", TransportFailure.PROTOCOL), ("/huge", TransportFailure.TOO_LARGE)])
def test_a_redirect_or_an_oversized_answer_is_refused(
        opener: Vault, brand: VisitBrand, misbehaving: Any, path: str,
        failure: TransportFailure) -> None:
    with pytest.raises(TransportError) as refused:
        opener.brands.open_link(link_to(misbehaving.origin + path))
    assert refused.value.kind is failure
    assert counts(opener) == {"brands": 0, "requests": 0, "grants": 0}
    assert [r.path for r in misbehaving.received] == [path]  # followed nowhere


def mutations(link: str, count: int, seed: int = 13) -> Iterator[str]:
    rng = random.Random(seed)
    alphabet = "%:/?&=#@.\\ \u043e\u200e\x00aZ09-_~" + "".join(chr(c) for c in range(33, 127))
    for _ in range(count):
        chars = list(link)
        for _ in range(rng.randint(1, 4)):
            where = rng.randrange(len(chars))
            match rng.randrange(3):
                case 0:
                    chars[where] = rng.choice(alphabet)
                case 1:
                    chars.insert(where, rng.choice(alphabet))
                case _:
                    del chars[where]
        yield "".join(chars)


def test_two_thousand_mutations_of_a_good_link_are_refused_or_import_that_brand(
        opener: Vault, brand: VisitBrand) -> None:
    good = brand.visit(ask="fit-advice")["link"]
    outcomes: dict[str, int] = {}
    for mutated in mutations(good, 2000):
        try:
            opened = opener.brands.open_link(mutated)
        except (ProtocolError, TransportError) as error:
            said = describe(error)
            assert said and "Traceback" not in said
            outcomes[type(error).__name__] = outcomes.get(type(error).__name__, 0) + 1
        else:
            assert opened.result.brand.origin == brand.origin  # only ever the real brand
            outcomes["imported"] = outcomes.get("imported", 0) + 1
    assert {b.origin for b in opener.brands.all()} <= {brand.origin}
    assert outcomes.get("LinkInvalid", 0) > 500  # most mutations break the link itself


def test_a_per_visit_request_signed_by_jwcrypto_is_accepted_and_the_grant_names_its_jti(
        opener: Vault) -> None:
    keys = BrandKeys.generate()
    served: dict[str, bytes] = {}

    def answer(conn: socket.socket, received: Received) -> None:
        if (received.method, received.path) == ("GET", "/zpd/visit/7"):
            respond(conn, 200, served["request"], {"Content-Type": "application/jwt"})
        else:
            respond(conn, 202)

    with serving(answer) as server:
        now = int(time.time())
        body = {**request_spec(server.origin), "return_uri": server.origin + "/shop?visit=7"}
        jws = jwcrypto_request(keys, body, iat=now - 10, exp=now + 900)
        served["request"] = jws.encode()
        jti = json.loads(b64u_decode(jws.split(".")[1]))["jti"]

        opened = opener.brands.open_link(link_to(server.origin + "/zpd/visit/7", "fit-advice"))

        assert opened.result.request.jti == jti and opened.result.brand.domain_verified
        assert opened.return_uri == server.origin + "/shop?visit=7"
        opener.fields.set("shoe_size_eu", 42)
        opener.grants.share(server.origin, opened.ask_id)
        assert opener.delivery.flush().delivered
        [token] = [r.body for r in server.received if r.path == "/zpd/grants"]
    claims = open_grant(token.decode(), keys).claims  # read by jwcrypto, as a brand would
    assert claims["request"]["jti"] == jti and claims["request"]["ask"] == "fit-advice"
