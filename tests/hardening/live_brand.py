"""The brand of the kill tests: the brand kit's real receiver on loopback, counting what it
answered; the vault those tests start from; and the end of each run, when everything is
delivered and the two sides are compared."""

from __future__ import annotations

import json
import socket
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from brandkit.errors import description
from brandkit.receiver import Receiver
from tests.hardening.acked import Model, Stats, check, rows
from tests.support.brands import real_brand
from tests.support.servers import Received, respond, serving
from tests.support.vaults import FAST_KDF, PASSPHRASE
from vault.exchange.tokens import pairwise_for
from vault.exchange.transport import HttpTransport
from vault.vault import Vault
from zpd import jose
from zpd.errors import ProtocolError
from zpd.fieldtypes import FieldType, Sensitivity


@dataclass
class Brand:
    origin: str
    receiver: Receiver
    request: str
    posts: int = 0
    # (pseudonym, message jti) -> 202 answers, and the receipts they carried
    accepted: Counter[tuple[str, str]] = field(default_factory=Counter)
    receipts: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    refused: list[str] = field(default_factory=list)


@contextmanager
def live_brand() -> Iterator[Brand]:
    box: list[Brand] = []

    def handle(conn: socket.socket, received: Received) -> None:
        brand = box[0]
        brand.posts += 1
        receive = (brand.receiver.receive_token if received.path.endswith("/grants")
                   else brand.receiver.receive_event)
        try:
            receipt = receive(received.body)
        except ProtocolError as error:
            # A body cut short by a killed sender lands here; its sender is gone.
            brand.refused.append(f"{error.reason}: {len(received.body)} bytes")
            body = json.dumps({"err": error.err, "description": description(error)})
            respond(conn, 400, body.encode(), {"Content-Type": "application/json"})
            return
        claims = json.loads(jose.b64u_decode(receipt.split(".")[1]))
        key = (claims["aud"], claims["ack"]["jti"])
        brand.accepted[key] += 1
        brand.receipts[key].add(receipt)
        respond(conn, 202, receipt.encode(), {"Content-Type": "application/jwt"})

    with serving(handle) as server:
        made = real_brand(server.origin)
        server.well_known = made.request  # fetched from this loopback origin, as it must be
        box.append(Brand(server.origin, made.receiver, made.request))
        try:
            yield box[0]
        finally:
            made.close()


# -- a vault of the kill tests, and how it ends: everything delivered, both sides compared -----


def new_vault(directory: Path, brand: Brand) -> tuple[Model, str]:
    """A vault with a note field, a shoe size and the brand's request imported; the model of
    what that acknowledged, and the vault's pseudonym at the brand."""
    created, _ = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)
    with created:
        created.fields.define("note", "Note", FieldType.NUMBER, Sensitivity.LOW)
        created.fields.set("shoe_size_eu", 42)
        created.brands.fetch(brand.origin)
        with created._store.reading() as connection:
            pseudonym = jose.thumbprint_uri(pairwise_for(connection, brand.origin))
    model = Model(PASSPHRASE)
    model.history["shoe_size_eu"].append(42)
    return model, pseudonym


@dataclass
class Settled:
    """What the brand ended up holding from one vault."""

    grants: int = 0
    held: int = 0
    stored: int = 0
    resent: int = 0


def settle(directory: Path, model: Model, brand: Brand, pseudonym: str, stats: Stats,
           where: str) -> Settled:
    """Deliver what is left, with the brand up, and compare the two sides: the brand holds
    each grant once at the vault's version with the vault's data, revocations reached it,
    and every message was stored once (one sent again after a kill got its first receipt
    again)."""
    with Vault.unlock(directory, model.passphrase) as vault:
        vault.delivery.transport = HttpTransport(connect_timeout=2, total_timeout=5)
        for _ in range(10):
            for grant in vault.grants.listing(limit=1_000_000):
                vault.delivery.retry_now(grant.id)
            vault.delivery.flush()
            if not vault.delivery.waiting():
                break
        assert vault.delivery.waiting() == [], (where, "everything was delivered")
        check(vault, model, None, stats, where)
        grants = {g.id: g for g in vault.grants.listing(limit=1_000_000)}
        outbox = {r[0]: r for r in rows(
            vault, "SELECT jti, grant_id, kind, state, attempts FROM outbox")}
        latest = {gid: json.loads(data) for gid, data in rows(
            vault, "SELECT t.grant_id, t.data FROM tokens t JOIN grants g "
                   "ON g.id = t.grant_id WHERE t.kind = 'grant' AND t.version = g.version")}

    customer = brand.receiver.customer(pseudonym)
    assert customer is not None, where
    held = {g.grant_id: g for g in customer.grants}
    assert set(held) <= set(grants), (where, "the brand holds nothing the vault did not give")
    for grant_id, grant in grants.items():
        context = (where, grant_id)
        if grant.status.value == "active":
            at_brand = held[grant_id]
            assert (at_brand.status, at_brand.version) == ("active", grant.version), context
            assert at_brand.fields == latest[grant_id], context
        elif grant_id in held:
            assert held[grant_id].status == "revoked" and held[grant_id].fields == {}, context
        else:  # revoked before anything reached the brand: neither was ever sent
            [revocation] = [r for r in outbox.values()
                            if r[1] == grant_id and r[2] == "revocation"]
            assert revocation[3] == "cancelled", context

    delivered = {jti for jti, r in outbox.items() if r[3] == "delivered"}
    seen = {jti for aud, jti in brand.accepted if aud == pseudonym}
    assert delivered <= seen, (where, "every delivered message reached the brand")
    assert seen <= set(outbox), (where, "the brand saw nothing the vault did not send")
    for jti in seen - delivered:  # sent, then superseded by a newer version before recorded
        assert outbox[jti][3] == "cancelled" and outbox[jti][4] > 0, (where, outbox[jti])
    # Stored once: a message sent again after a kill got its first receipt again.
    mine = {key: n for key, n in brand.accepted.items() if key[0] == pseudonym}
    assert all(len(brand.receipts[key]) == 1 for key in mine), where
    return Settled(len(grants), len(held), len(seen), sum(1 for n in mine.values() if n > 1))
