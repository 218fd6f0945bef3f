"""A request cannot aim the vault at this computer or the local network.

Sharing makes the vault POST to the endpoints a request names, retried for days. A
request from a file or pasted text naming 127.0.0.1, a private address or a query
string is refused at import; every connection is checked where it is made, on the
address the socket connects to, so a name that resolves (or rebinds) to such an
address is refused too. This computer (under its own name) and the local network stay
reachable for a brand whose request was fetched from its own origin, and only for it
(tests/vault/test_local_network_brands.py has brands on the local network).

Real sockets throughout: servers on 127.0.0.1 and on this machine's own non-loopback
address, counting every connection they accept. Names resolve through the system
resolver (`localhost`), or through the transport's resolver hook, which only chooses
the address; connecting to it and checking it are the real thing.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest

from brandkit.receiver import Receiver
from tests.support.addresses import own_address, resolving
from tests.support.brand_keys import BrandKeys, jwcrypto_request
from tests.support.cli import run_cli
from tests.support.clock import DAY, Clock
from tests.support.live_brand import served_brand
from tests.support.servers import respond, serving
from tests.support.specs import request_spec
from tests.support.vaults import MadeVault
from vault.errors import TransportError
from vault.exchange.brands import RequestSource
from vault.exchange.delivery_summary import DeliveryStatus
from vault.exchange.peers import PeerRefused, PeerRule
from vault.exchange.transport import HttpTransport
from vault.vault import Vault
from zpd.errors import RequestInvalid
from zpd.origin import AddressScope, address_scope


def accept(conn: socket.socket, _: object) -> None:
    respond(conn, 202)


def counts(vault: Vault) -> dict[str, int]:
    return {t: int(str(vault._store.query_one(f"SELECT count(*) FROM {t}")[0]))  # type: ignore[index]
            for t in ("brands", "requests", "audit")}


# -- refused at import ----------------------------------------------------------------------

LOCAL_ORIGINS = {
    "loopback http": "http://127.0.0.1:8080",
    "loopback https": "https://127.0.0.1",
    "another loopback address": "https://127.8.9.10:8443",
    "localhost": "https://localhost:8443",
    "a .localhost name": "http://shop.localhost:8000",
    "IPv6 loopback": "https://[::1]",
    "IPv4-mapped IPv6 loopback": "https://[::ffff:127.0.0.1]:6379",
    "RFC 1918, 10/8": "https://10.0.0.5",
    "RFC 1918, 172.16/12": "https://172.16.3.4",
    "RFC 1918, 192.168/16": "https://192.168.1.1",
    "carrier-grade NAT": "https://100.64.0.1",
    "link-local (cloud metadata)": "https://169.254.169.254",
    "IPv6 unique local": "https://[fd00::2]",
    "IPv6 link-local": "https://[fe80::1]",
    "mapped private": "https://[::ffff:10.0.0.1]",
    "unspecified": "https://0.0.0.0",
    "IPv6 unspecified": "https://[::]",
    "multicast": "https://224.0.0.1",
    "broadcast": "https://255.255.255.255",
    "documentation": "https://192.0.2.1",
}
ODD_IPV4 = {"decimal": "https://2130706433", "hex": "https://0x7f.1",
            "short": "https://127.1", "octal": "https://0177.0.0.1"}


@pytest.mark.parametrize("source", [RequestSource.FILE, RequestSource.TEXT])
@pytest.mark.parametrize("case", list(LOCAL_ORIGINS))
def test_a_request_not_fetched_may_not_name_a_local_address(
    pv: Vault, keys: BrandKeys, clock: Clock, case: str, source: RequestSource
) -> None:
    before = counts(pv)
    compact = jwcrypto_request(keys, request_spec(LOCAL_ORIGINS[case]), iat=clock.now,
                               exp=clock.now + DAY)
    with pytest.raises(RequestInvalid) as refused:
        pv.brands.import_request(compact, source)
    assert refused.value.reason == "local_address"
    assert counts(pv) == before and pv.brands.all() == []


@pytest.mark.parametrize("case", list(ODD_IPV4))
def test_ipv4_addresses_in_other_notations_are_refused(
    pv: Vault, keys: BrandKeys, clock: Clock, case: str
) -> None:
    """Resolvers read `2130706433` or `0x7f.1` as 127.0.0.1; a request may not hide it so."""
    compact = jwcrypto_request(keys, request_spec(ODD_IPV4[case]), iat=clock.now,
                               exp=clock.now + DAY)
    with pytest.raises(RequestInvalid) as refused:
        pv.brands.import_request(compact, RequestSource.FILE)
    assert refused.value.reason == "bad_issuer"
    assert pv.brands.all() == []


@pytest.mark.parametrize("endpoint", ["/zpd/grants?token=1", "/zpd/grants?", "/zpd/grants#x",
                                      "/admin?cmd=flushall"])
def test_endpoints_with_a_query_string_or_fragment_are_refused(
    pv: Vault, keys: BrandKeys, clock: Clock, endpoint: str
) -> None:
    body = request_spec()
    body["endpoints"]["grants"] = body["iss"] + endpoint
    with pytest.raises(RequestInvalid) as refused:
        pv.brands.import_request(jwcrypto_request(keys, body, iat=clock.now, exp=clock.now + DAY))
    assert refused.value.reason == "bad_endpoint"
    assert pv.brands.all() == []


def test_a_local_name_is_imported_and_said_to_be_on_the_local_network(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    """Nothing resolves a name offline: it passes, flagged; its address is checked later."""
    compact = jwcrypto_request(keys, request_spec("https://printer.local"), iat=clock.now,
                               exp=clock.now + DAY)
    assert pv.brands.import_request(compact).brand.home is AddressScope.LOCAL_NETWORK
    assert pv.brands.find("https://printer.local").home is AddressScope.LOCAL_NETWORK


def test_the_cli_refuses_a_request_file_naming_this_computer(
    made_vault: MadeVault, keys: BrandKeys, tmp_path: Any
) -> None:
    now = int(time.time())
    path = tmp_path / "request.jws"
    path.write_text(jwcrypto_request(keys, request_spec("http://127.0.0.1:6379"), iat=now,
                                     exp=now + DAY))
    result = run_cli("request", "import", str(path), vault_dir=made_vault.directory)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("zpv: not a valid data request: local address")
    assert result.stderr.count("\n") == 1


# -- refused where the connection is made ------------------------------------------------


def test_localhost_is_refused_at_connect_unless_the_exchange_allows_it() -> None:
    """`localhost` resolves (really) to 127.0.0.1: refused, before any connection."""
    with serving(accept) as server:
        transport = HttpTransport(connect_timeout=2, total_timeout=3)
        for url in (f"https://localhost:{server.port}/zpd/grants",
                    f"http://localhost:{server.port}/zpd/grants",
                    f"https://127.0.0.1:{server.port}/zpd/grants",
                    f"https://[::ffff:127.0.0.1]:{server.port}/zpd/grants"):
            with pytest.raises(TransportError) as refused:
                transport.post(url, "application/jwt", "token")
            assert refused.value.kind == "refused_address", url
            assert "on this computer" in refused.value.detail
        assert server.connections == 0
        response = transport.post(f"http://localhost:{server.port}/zpd/grants",
                                  "application/jwt", "token", local=True)
        assert response.status == 202 and server.connections == 1


@pytest.fixture
def local_address() -> str:
    """An address of this machine that is neither loopback nor public."""
    address = own_address(AddressScope.LOCAL_NETWORK) or own_address(AddressScope.SPECIAL)
    if address is None:
        pytest.skip("this machine has no private or special-purpose address to serve on")
    return address


def test_a_name_that_resolves_to_a_local_network_address_is_refused_unless_allowed(
    local_address: str
) -> None:
    """A real server on this machine's own private address, and a name leading there:
    refused for an exchange that may not reach local addresses, which is the default."""
    with serving(accept, host=local_address) as server:
        shown = f"[{local_address}]" if ":" in local_address else local_address
        names = {"shoes.example": local_address}
        for local in (None, False):
            transport = HttpTransport(connect_timeout=2, total_timeout=3,
                                      resolve=resolving(names))
            for url in (f"https://shoes.example:{server.port}/zpd/grants",
                        f"https://{shown}:{server.port}/zpd/grants"):
                with pytest.raises(TransportError) as refused:
                    transport.post(url, "application/jwt", "token", local=local)
                assert refused.value.kind == "refused_address"
                assert local_address in refused.value.detail
        assert server.connections == 0
        # The same server, reached without the check, answers: what was refused was real.
        with socket.create_connection((local_address, server.port), timeout=2):
            pass


def test_a_dotlocalhost_name_is_loopback_only_if_it_resolves_there(local_address: str) -> None:
    """Plain http is for this computer: `shop.localhost` leading elsewhere is refused even
    when local addresses are allowed; leading to 127.0.0.1, it is reached."""
    with serving(accept, host=local_address) as elsewhere, serving(accept) as here:
        away = HttpTransport(connect_timeout=2, total_timeout=3,
                             resolve=resolving({"shop.localhost": local_address}))
        with pytest.raises(TransportError) as refused:
            away.post(f"http://shop.localhost:{elsewhere.port}/zpd/grants", "application/jwt",
                      "token", local=True)
        assert refused.value.kind == "refused_address" and elsewhere.connections == 0
        home = HttpTransport(connect_timeout=2, total_timeout=3,
                             resolve=resolving({"shop.localhost": "127.0.0.1"}))
        response = home.post(f"http://shop.localhost:{here.port}/zpd/grants",
                             "application/jwt", "token", local=True)
        assert response.status == 202 and here.connections == 1


@pytest.mark.parametrize(("host", "address", "tls", "allowed"), [
    ("shoes.example", "93.184.216.34", True, True),
    ("shoes.example", "93.184.216.34", False, False),  # plain http is for this computer
    ("shop.localhost", "93.184.216.34", True, False),  # RFC 6761: must be loopback
    ("localhost", "2606:4700::1111", True, False),
    ("shop.localhost", "127.0.0.1", False, True),
    ("localhost", "::1", True, True),
    ("127.0.0.1", "127.0.0.1", True, True),
    ("::ffff:127.0.0.1", "::ffff:127.0.0.1", True, True),
    ("shoes.example", "127.0.0.1", True, False),  # this computer only under its own name
    ("shop.corp", "127.0.0.1", True, False),
    ("shoes.example", "10.1.2.3", True, True),  # a brand fetched from its own origin
    ("shop.corp", "192.168.1.20", True, True),
    ("192.168.1.20", "192.168.1.20", True, True),
    ("shoes.example", "100.64.0.1", True, True),
    ("shoes.example", "fe80::1", True, True),
    ("shoes.example", "::ffff:169.254.169.254", True, True),
    ("shoes.example", "10.1.2.3", False, False),  # plain http stays on this computer
    ("localhost", "10.1.2.3", True, False),  # RFC 6761
    ("shop.localhost", "fd00::2", True, False),
    ("shoes.example", "64:ff9b::a01:203", True, False),  # NAT64 of 10.1.2.3: a gateway's
    ("shoes.example", "64:ff9b::5db8:d822", True, True),  # NAT64 of a public address
    ("shoes.example", "2002:a01:203::1", True, False),  # 6to4 of 10.1.2.3
    ("shoes.example", "0.0.0.0", True, False),  # special-purpose addresses: never
    ("shoes.example", "::", True, False),
    ("shoes.example", "224.0.0.1", True, False),
    ("shoes.example", "ff02::1", True, False),
    ("shoes.example", "255.255.255.255", True, False),
    ("shoes.example", "240.0.0.1", True, False),
    ("shoes.example", "192.0.2.1", True, False),
    ("shoes.example", "2001:db8::1", True, False),
])
def test_the_peer_rule_on_addresses_no_test_machine_can_serve(
    host: str, address: str, tls: bool, allowed: bool
) -> None:
    """The same check as on the sockets, with local addresses allowed: this computer under
    its own name only, the local network over TLS, special-purpose addresses never.
    Without that allowance, only the public addresses allowed here pass."""
    public = address_scope(address) is AddressScope.PUBLIC
    for rule, passes in ((PeerRule(local=True), allowed),
                         (PeerRule(local=False), allowed and public)):
        if passes:
            rule.check(host, address, tls=tls)
        else:
            with pytest.raises(PeerRefused):
                rule.check(host, address, tls=tls)


# -- the vault: who may reach this computer and the local network ----------------------------


@pytest.fixture
def live_brand(tmp_path: Any) -> Iterator[tuple[str, Receiver]]:
    """The brand kit's receiver on http://127.0.0.1:<port>, its request at the well-known
    address (uvicorn keeps connections alive, so reuse is exercised too)."""
    with served_brand(tmp_path / "brand.sqlite3") as brand:
        yield brand.origin, brand.receiver


def test_a_brand_fetched_from_this_computer_is_delivered_to(
    pv: Vault, live_brand: tuple[str, Receiver]
) -> None:
    origin, receiver = live_brand
    pv.delivery.transport = HttpTransport(connect_timeout=2, total_timeout=5)
    pv.fields.set("shoe_size_eu", 42)
    imported = pv.brands.fetch(origin)
    assert imported.brand.domain_verified and imported.brand.home is AddressScope.LOOPBACK
    grant = pv.grants.share(origin, "fit-advice").grant
    assert pv.delivery.flush().delivered
    summary = pv.delivery.summary(grant.id)
    assert summary is not None and summary.status is DeliveryStatus.CONFIRMED
    [customer] = receiver.customers()
    assert customer.grants[0].fields == {"shoe_size_eu": 42}


def test_a_kept_alive_connection_is_checked_again_when_reused(
    live_brand: tuple[str, Receiver]
) -> None:
    """The fetch may reach this computer, a later exchange on the same connection may not."""
    origin, _ = live_brand
    transport = HttpTransport(connect_timeout=2, total_timeout=5)
    fetched = transport.get(origin + "/.well-known/zero-party-data", "application/jwt",
                            local=True)
    assert fetched.status == 200
    with pytest.raises(TransportError) as refused:
        transport.post(origin + "/zpd/grants", "application/jwt", "token")
    assert refused.value.kind == "refused_address"


def test_a_public_name_rebound_to_this_computer_is_refused_at_delivery(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    """A brand on https://shoes.example whose name now resolves to 127.0.0.1 (DNS
    rebinding, or a lying resolver): the share waits; nothing reaches the local server."""
    with serving(accept) as server:
        origin = f"https://shoes.example:{server.port}"
        pv.brands.import_request(jwcrypto_request(keys, request_spec(origin), iat=clock.now,
                                                  exp=clock.now + DAY), RequestSource.WEB,
                          expected_origin=origin)
        pv.delivery.transport = HttpTransport(connect_timeout=2, total_timeout=3,
                                              resolve=resolving({"shoes.example": "127.0.0.1"}))
        pv.fields.set("shoe_size_eu", 42)
        grant = pv.grants.share(origin, "fit-advice").grant
        report = pv.delivery.flush()
        assert report.retrying and not report.delivered
        assert server.connections == 0
    [item] = pv.delivery.waiting()
    assert item.last_error is not None and item.last_error.startswith("refused_address")
    summary = pv.delivery.summary(grant.id)
    assert summary is not None and summary.status is DeliveryStatus.QUEUED


def test_local_addresses_are_allowed_at_the_well_known_address_and_to_fetched_brands(
    pv: Vault, keys: BrandKeys, clock: Clock
) -> None:
    """The vault's rule: a GET of <origin>/.well-known/zero-party-data (the person named
    that server), or any exchange with a brand whose request was fetched from its own
    origin; never with a brand known only from a file or pasted text. (What the allowance
    lets through is the peer rule's: this computer under its own name, the local network
    over TLS.)"""
    may = pv.delivery.transport.may_reach_local
    assert may("GET", "http://127.0.0.1:8000/.well-known/zero-party-data")
    assert may("GET", "http://localhost:8000/.well-known/zero-party-data")
    assert may("GET", "https://192.168.1.20/.well-known/zero-party-data")
    assert may("GET", "https://shop.corp/.well-known/zero-party-data")
    assert may("GET", "https://shoes.example/.well-known/zero-party-data")
    assert not may("POST", "http://127.0.0.1:8000/.well-known/zero-party-data")
    assert not may("GET", "http://127.0.0.1:8000/admin")
    assert not may("POST", "http://127.0.0.1:8000/zpd/grants")  # no such brand
    assert not may("GET", "http://10.1.2.3/.well-known/zero-party-data")  # not a URL we send
    origin = "https://shop.corp"
    request = jwcrypto_request(keys, request_spec(origin), iat=clock.now, exp=clock.now + DAY)
    pv.brands.import_request(request, RequestSource.FILE)
    assert not may("POST", origin + "/zpd/grants")
    pv.brands.import_request(request, RequestSource.WEB, expected_origin=origin)
    assert may("POST", origin + "/zpd/grants")
