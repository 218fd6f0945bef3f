"""A sample vault for screenshots: brands answered in-process by the brand kit's receiver.

Nothing leaves the process: `InProcessBrands` stands in for the vault's HTTP
transport and hands each token or event to the right brand's real `Receiver`.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from brandkit.errors import description
from brandkit.issuing import sign_spec
from brandkit.keys import generate_keys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqliteStorage
from demo.brands import FAIR, GREEDY, SAMPLE_PROFILE, SampleBrand
from vault.errors import TransportError, TransportFailure
from vault.exchange.brands import RequestSource
from vault.exchange.transport import LocalRule, Response, never_local
from vault.storage.keys import KdfParams
from vault.vault import Vault
from zpd.errors import ProtocolError
from zpd.origin import origin_of

PASSPHRASE = "sample vault for screenshots 1"
DPV = "https://w3id.org/dpv#"
TRICKY_NAME = "Café <b>HTML</b> \u202egnp.evil\u200b"

BISTRO = SampleBrand(
    slug="bistronova", name="Bistro Nova", description="Seasonal food, cooked for you.",
    asks=({
        "id": "menu",
        "purpose": {"iri": DPV + "ServicePersonalisation",
                    "description": "Suggest dishes you can eat"},
        "fields": [{"key": "diet", "required": True, "why": "to suggest dishes you can eat"},
                   {"key": "favourite_cuisines", "required": False, "why": "what you like"}],
        "offer": {"kind": "gift", "description": "A dessert on your next visit"},
        "retention_days": 90, "duration_days": 90,
    },),
)
CAFE = SampleBrand(
    slug="cafe", name=TRICKY_NAME, description="<i>Coffee</i> \u202eand cake\u200b",
    asks=({
        "id": "news",
        "purpose": {"iri": DPV + "CommunicationForCustomerCare",
                    "description": "Tell you about new cakes"},
        "fields": [{"key": "email", "required": True, "why": "to write to you"},
                   {"key": "contact_frequency", "required": False, "why": "how often"}],
        "offer": {"kind": "points", "description": "50 loyalty points"},
        "retention_days": 30, "duration_days": 365,
    },),
)


@dataclass
class InProcessBrands:
    """A transport: brands by origin, each a real receiver; `down` ones refuse to connect."""

    receivers: dict[str, Receiver] = field(default_factory=dict)
    requests: dict[str, str] = field(default_factory=dict)
    down: set[str] = field(default_factory=set)
    storages: list[SqliteStorage] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.may_reach_local: LocalRule = never_local  # the vault sets its own

    def post(self, url: str, content_type: str, body: str) -> Response:
        origin = origin_of(url)
        if origin in self.down:
            raise TransportError(TransportFailure.CONNECT, "connection refused")
        receiver = self.receivers[origin]
        receive = receiver.receive_event if "secevent" in content_type else receiver.receive_token
        try:
            receipt = receive(body)
        except ProtocolError as error:
            refusal = json.dumps({"err": error.err, "description": description(error)})
            return Response(400, {"content-type": "application/json"}, refusal.encode())
        return Response(202, {"content-type": "application/jwt"}, receipt.encode())

    def get(self, url: str, accept: str) -> Response:
        return Response(200, {}, self.requests[origin_of(url)].encode())

    def close(self) -> None:
        pass


def _add(brands: InProcessBrands, sample: SampleBrand, root: Path) -> str:
    origin = f"https://{sample.slug}.example"
    keys = generate_keys()
    request = sign_spec(sample.spec(origin), keys, now=int(time.time()) - 86400)
    storage = SqliteStorage(root / f"{sample.slug}.sqlite3")
    brands.storages.append(storage)
    receiver = Receiver(keys, storage, origin)
    receiver.register_issued_request(request)
    brands.receivers[origin] = receiver
    brands.requests[origin] = request
    return origin


@dataclass
class SampleVault:
    vault: Vault
    brands: InProcessBrands
    origins: dict[str, str]  # slug -> origin
    grants: dict[str, str]  # slug -> grant id


def build(directory: Path, *, kdf: KdfParams | None = None) -> SampleVault:
    """A vault with the sample profile, four brands and grants in several states."""
    root = directory.parent
    vault, _ = Vault.create(directory, PASSPHRASE, kdf=kdf or KdfParams(1024, 1, 1))
    brands = InProcessBrands()
    vault.delivery.transport = brands
    for key, value in SAMPLE_PROFILE.items():
        vault.fields.set(key, value)
    origins = {s.slug: _add(brands, s, root) for s in (FAIR, GREEDY, BISTRO, CAFE)}
    vault.brands.fetch(origins["trailworks"])
    vault.brands.fetch(origins["bistronova"])
    vault.brands.import_request(brands.requests[origins["megamart"]], RequestSource.FILE)
    vault.brands.import_request(brands.requests[origins["cafe"]], RequestSource.TEXT)
    grants = {
        "trailworks": vault.grants.share(origins["trailworks"], "fit-advice").grant.id,
        "bistronova": vault.grants.share(origins["bistronova"], "menu").grant.id,
    }
    vault.delivery.flush()
    vault.fields.set("shoe_size_eu", 42.5)
    vault.grants.revoke(grants["bistronova"])
    vault.delivery.flush()
    vault.aliases.set_enabled(True)  # leak canaries: the café gets its own alias of the email
    brands.down.add(origins["cafe"])
    grants["cafe"] = vault.grants.share(origins["cafe"], "news").grant.id
    vault.delivery.flush()
    return SampleVault(vault, brands, origins, grants)


def close(sample: SampleVault) -> None:
    if not sample.vault.is_locked:
        sample.vault.lock()
    for storage in sample.brands.storages:
        storage.close()


