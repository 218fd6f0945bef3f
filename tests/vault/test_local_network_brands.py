"""A brand on the local network (an intranet shop) is reached once its request was fetched
from its own address, and only then; special-purpose addresses never.

Real servers on this machine's own local-network address (fd00::2 on the test
machines), over TLS from a private authority: the brand kit's receiver under uvicorn
where delivery must succeed, a counting socket server where nothing may connect.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from brandkit.serving import TlsFiles
from tests.support.addresses import (
    own_address,
    resolving,
    server_context,
    tls_files,
    url_host,
)
from tests.support.brand_keys import BrandKeys, jwcrypto_request
from tests.support.clock import DAY, Clock
from tests.support.live_brand import TlsBrand, served_brand
from tests.support.servers import respond, serving
from tests.support.specs import request_spec
from vault.cli.exchange_words import where_words
from vault.errors import TransportError
from vault.exchange.brands import RequestSource
from vault.exchange.delivery_summary import DeliveryStatus
from vault.exchange.transport import HttpTransport
from vault.vault import Vault
from zpd.origin import AddressScope

INTRANET_NAME = "shop.corp"  # a local-only name: said to be on the local network
PUBLIC_NAME = "shoes.example"  # a public-looking name whose DNS leads to the local network


@pytest.fixture
def network_address() -> str:
    address = own_address(AddressScope.LOCAL_NETWORK)
    if address is None:
        pytest.skip("this machine has no local-network address to serve on")
    return address


@pytest.fixture
def special_address() -> str:
    address = own_address(AddressScope.SPECIAL)
    if address is None:
        pytest.skip("this machine has no special-purpose address to serve on")
    return address


@contextmanager
def intranet_brand(directory: Path, address: str, host: str) -> Iterator[TlsBrand]:
    """The brand kit's receiver over https on `address`, its request (for https://host)
    at the well-known address; its certificate names the address and both names."""
    cert, key, bundle = tls_files(directory, address, INTRANET_NAME, PUBLIC_NAME)
    tls = TlsFiles(str(cert), str(key))
    with served_brand(directory / "brand.sqlite3", address=address, host=host, tls=tls) as brand:
        yield TlsBrand(brand.origin, brand.receiver, str(bundle))


def accept(conn: socket.socket, _: object) -> None:
    respond(conn, 202)


@pytest.mark.parametrize("named", ["address", INTRANET_NAME, PUBLIC_NAME])
def test_a_brand_on_the_local_network_fetched_from_its_own_address_is_delivered_to(
    pv: Vault, tmp_path: Path, network_address: str, named: str
) -> None:
    """https://[fd00::2], https://shop.corp or https://shoes.example leading there: fetched
    from its own address over verified TLS, every exchange reaches it."""
    host = network_address if named == "address" else named
    with intranet_brand(tmp_path, network_address, host) as brand:
        pv.delivery.transport = HttpTransport(
            ca_bundle=brand.ca_bundle, connect_timeout=2, total_timeout=5,
            resolve=resolving({INTRANET_NAME: network_address, PUBLIC_NAME: network_address}))
        pv.fields.set("shoe_size_eu", 42)
        imported = pv.brands.fetch(brand.origin)
        assert imported.brand.domain_verified
        assert imported.brand.home is (AddressScope.PUBLIC if named == PUBLIC_NAME
                                       else AddressScope.LOCAL_NETWORK)
        if named != PUBLIC_NAME:  # what `zpv request fetch` says of it
            assert where_words(imported.brand).startswith(
                f"On the local network: fetched over a secure connection from {brand.origin}")
        grant = pv.grants.share(brand.origin, "fit-advice").grant
        assert pv.delivery.flush().delivered
        [customer] = brand.receiver.customers()
        assert customer.grants[0].fields == {"shoe_size_eu": 42}
        pv.grants.revoke(grant.id)
        assert pv.delivery.flush().delivered
    summary = pv.delivery.summary(grant.id)
    assert summary is not None and summary.status is DeliveryStatus.DELETION_CONFIRMED


@pytest.mark.parametrize("name", [INTRANET_NAME, PUBLIC_NAME])
def test_a_brand_from_a_file_never_reaches_the_local_network(
    pv: Vault, keys: BrandKeys, clock: Clock, tmp_path: Path, network_address: str, name: str
) -> None:
    """The same kind of server, its request imported from a file: a local name, or a
    public one whose DNS leads (or was rebound) to the local network, is refused when
    connecting and nothing reaches the server, until the request is fetched from there."""
    cert, key, bundle = tls_files(tmp_path, network_address, name)
    with serving(accept, tls=server_context(cert, key), host=network_address) as server:
        origin = f"https://{name}:{server.port}"
        request = jwcrypto_request(keys, request_spec(origin), iat=clock.now, exp=clock.now + DAY)
        server.well_known = request
        pv.brands.import_request(request, RequestSource.FILE)
        pv.delivery.transport = HttpTransport(ca_bundle=str(bundle), connect_timeout=2,
                                              total_timeout=3,
                                              resolve=resolving({name: network_address}))
        pv.fields.set("shoe_size_eu", 42)
        grant = pv.grants.share(origin, "fit-advice").grant
        report = pv.delivery.flush()
        assert report.retrying and not report.delivered
        assert server.connections == 0
        [item] = pv.delivery.waiting()
        assert item.last_error == (f"refused_address: {name} is {network_address}, "
                                   "on the local network")
        summary = pv.delivery.summary(grant.id)
        assert summary is not None and summary.status is DeliveryStatus.QUEUED

        # What the person is told to do: fetch the request from the brand's own address.
        assert pv.brands.fetch(origin).brand.domain_verified
        assert pv.delivery.deliver_now().delivered
        assert [(r.method, r.path) for r in server.received] == [("POST", "/zpd/grants")]


def test_special_purpose_addresses_are_refused_even_when_local_ones_are_allowed(
    pv: Vault, special_address: str
) -> None:
    """A documentation address of this very machine (192.0.2.2 on the test machines):
    neither the fetch of a request the person named nor any exchange connects to it."""
    with serving(accept, host=special_address) as server:
        names = {PUBLIC_NAME: special_address}
        pv.delivery.transport = HttpTransport(connect_timeout=2, total_timeout=3,
                                              resolve=resolving(names))
        for address in (f"https://{PUBLIC_NAME}:{server.port}",
                        f"https://{url_host(special_address)}:{server.port}"):
            with pytest.raises(TransportError) as refused:
                pv.brands.fetch(address)
            assert refused.value.kind == "refused_address"
            detail = refused.value.detail
            assert special_address in detail and "on a special-purpose address" in detail
            with pytest.raises(TransportError) as refused:
                pv.delivery.transport.post(address + "/zpd/grants", "application/jwt", "token",
                                  local=True)
            assert refused.value.kind == "refused_address"
        assert server.connections == 0
        # The same server, reached without the check, answers: what was refused was real.
        with socket.create_connection((special_address, server.port), timeout=2):
            pass
