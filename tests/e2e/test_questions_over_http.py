"""Brand questions end to end over real HTTP: the brand kit's receiver under uvicorn with
TLS, a request asking one question of every type. The vault fetches it, the person
answers, shares and later edits an answer; the brand holds each answer in canonical form
under its question's label, and version 2 after the edit."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from brandkit.issuing import sign_spec
from brandkit.keys import generate_keys
from brandkit.receiver import Receiver
from brandkit.server import create_app
from brandkit.serving import TlsFiles, address_of, bind, running
from brandkit.sqlstorage import SqliteStorage
from tests.support.specs import request_spec
from tests.support.vaults import FAST_KDF, PASSPHRASE
from tests.vault.question_helpers import ANSWERS, EVERY_TYPE, quiz_ask
from vault.exchange.transport import HttpTransport
from vault.vault import Vault


@pytest.fixture
def quiz_brand(tmp_path: Path) -> Iterator[tuple[str, Receiver, str]]:
    authority = trustme.CA()
    server_cert = authority.issue_cert("127.0.0.1")
    cert, key, bundle = tmp_path / "cert.pem", tmp_path / "key.pem", tmp_path / "ca.pem"
    server_cert.cert_chain_pems[0].write_to_path(str(cert))
    for extra in server_cert.cert_chain_pems[1:]:
        extra.write_to_path(str(cert), append=True)
    server_cert.private_key_pem.write_to_path(str(key))
    authority.cert_pem.write_to_path(str(bundle))
    sock = bind("127.0.0.1", 0)
    origin = f"https://127.0.0.1:{address_of(sock).port}"
    keys = generate_keys()
    body = request_spec(origin=origin, name="Quiz Shoes", asks=[quiz_ask(*EVERY_TYPE)])
    request = sign_spec(body, keys, now=int(time.time()) - 60)
    storage = SqliteStorage(tmp_path / "brand.sqlite3")
    receiver = Receiver(keys, storage, origin)
    with running(create_app(receiver, request), sock=sock, tls=TlsFiles(str(cert), str(key))):
        yield origin, receiver, str(bundle)
    storage.close()


def test_every_type_of_answer_reaches_the_brand_and_an_edit_is_version_2(
    quiz_brand: tuple[str, Receiver, str], tmp_path: Path
) -> None:
    origin, receiver, ca_bundle = quiz_brand
    vault, _ = Vault.create(tmp_path / "vault", PASSPHRASE, kdf=FAST_KDF)
    with vault:
        vault.delivery.transport = HttpTransport(ca_bundle=ca_bundle)
        assert vault.brands.fetch(origin).brand.domain_verified
        for key, value in ANSWERS.items():
            vault.answers.set(origin, key, value)
        grant = vault.grants.share(origin, "quiz").grant
        assert len(vault.delivery.flush().delivered) == 1

        [customer] = receiver.customers()
        [held] = customer.grants
        assert (held.grant_id, held.version) == (grant.id, 1)
        assert held.fields == {**ANSWERS, "q:surface": ["road", "trail"]}
        assert held.questions["q:next-race"] == "When is your next race?"
        assert len(held.questions) == len(ANSWERS)

        vault.answers.set(origin, "q:terrain", "flat")
        assert len(vault.delivery.flush().delivered) == 1
        [held] = receiver.customers()[0].grants
        assert (held.version, held.fields["q:terrain"]) == (2, "flat")
