"""A large generated vault for the benchmarks, cached by its parameters.

    python -m benchmarks.generate                       # full scale: where it is, how long
    ZPV_BENCH_SCALE=0.05 python -m benchmarks.generate  # a twentieth, for a quick run

Full scale is a person who has used the vault for five years, far more than
anyone would: 200 brands (each with a signed request, pinned keys, two to four
asks), 100,000 grants (some updated to later versions, 8% revoked, most of the
older ones expired), every token and revocation event really signed with the
person's pairwise keys and encrypted to the brand (about 118,000), their
outbox rows with the brand's real signed receipts, queued retries and refusals,
the field history, and 1,000,000 hash-chained audit entries in time order.

Rows are written in big transactions on the vault's own connection
(`benchmarks/bulk.py`, `audit.append_many`), not one share at a time, so the full
vault takes about a minute and a half on a 2-core machine (the crypto of the tokens is
most of it). It is kept in the temporary directory under a name
derived from its parameters, the generator's version and the schema's, so later runs reuse
it; `ZPV_BENCH_DIR` puts it elsewhere. The vault's clock is frozen at the
moment it was generated (`Generated.unlock`), so a cached vault opened weeks
later shows the same grants active and nothing falls due.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from joserfc.jwk import OKPKey

from benchmarks import bulk
from vault.exchange.brands import RequestSource
from vault.profile.audit import append_many
from vault.storage.keys import KdfParams
from vault.storage.migrations import LATEST_VERSION
from vault.vault import Vault
from zpd import event as zpd_event
from zpd import jose
from zpd import receipt as zpd_receipt
from zpd import token as zpd_token
from zpd.catalogue import BY_KEY, CATALOGUE
from zpd.fieldtypes import FieldDef, FieldType, JsonValue, Sensitivity, TextFormat
from zpd.pairwise import pairwise_key
from zpd.request import DataRequest, sign_request, verify_request

from .common import isolate_state

GENERATOR_VERSION = 2  # bump when what is generated changes: the cache key includes it
PASSPHRASE = "generated vault for benchmarks 1"
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)  # unlock is not measured here
DAY = 86400
YEAR = 365 * DAY
DPV = "https://w3id.org/dpv#"
CHUNK = 2_000  # grants per transaction
AUDIT_CHUNK = 100_000  # audit entries per transaction


@dataclass(frozen=True)
class Scale:
    brands: int = 200
    grants: int = 100_000
    audit: int = 1_000_000
    years: int = 5
    seed: int = 20261129

    @classmethod
    def from_env(cls) -> Scale:
        """Full scale, or ZPV_BENCH_SCALE times it (e.g. 0.05 for a quick run)."""
        factor = float(os.environ.get("ZPV_BENCH_SCALE", "1") or 1)
        full = cls()
        if factor == 1:
            return full
        return cls(brands=max(3, round(full.brands * factor)),
                   grants=max(50, round(full.grants * factor)),
                   audit=max(1_000, round(full.audit * factor)))

    @property
    def key(self) -> str:
        text = json.dumps({**asdict(self), "generator": GENERATOR_VERSION,
                           "schema": LATEST_VERSION}, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Generated:
    directory: Path
    passphrase: str
    now: int  # the vault's clock: the moment it was generated
    scale: Scale
    seconds: float  # how long generating it took
    counts: dict[str, int]

    def unlock(self) -> Vault:
        now = self.now
        return Vault.unlock(self.directory, self.passphrase, clock=lambda: now)


def cache_root() -> Path:
    return Path(os.environ.get("ZPV_BENCH_DIR") or tempfile.gettempdir())


def generated_vault(scale: Scale | None = None, *, quiet: bool = False) -> Generated:
    """The generated vault for `scale` (default: from the environment), made if not cached."""
    scale = scale or Scale.from_env()
    root = cache_root() / f"zpv-bench-vault-{scale.key}"
    manifest = root / "manifest.json"
    if not manifest.is_file():
        if not quiet:
            print(f"generating a vault: {scale.brands} brands, {scale.grants:,} grants, "
                  f"{scale.audit:,} audit entries (once; cached in {root})", flush=True)
        staging = root.with_name(root.name + f".building-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        try:
            started = time.perf_counter()
            now, counts = _generate(staging / "vault", scale)
            seconds = time.perf_counter() - started
            (staging / "manifest.json").write_text(json.dumps({
                "passphrase": PASSPHRASE, "now": now, "seconds": round(seconds, 1),
                "scale": asdict(scale), "counts": counts,
            }, indent=2))
            shutil.rmtree(root, ignore_errors=True)
            os.replace(staging, root)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        if not quiet:
            print(f"generated in {seconds:.0f} s", flush=True)
    document = json.loads(manifest.read_text())
    return Generated(root / "vault", document["passphrase"], int(document["now"]), scale,
                     float(document["seconds"]), dict(document["counts"]))


# -- what a brand looks like ---------------------------------------------------------------

_NAMES = ("Northwind", "Trailworks", "Lumen", "Harbour", "Copperleaf", "Quayside", "Marigold",
          "Bluefin", "Oakridge", "Saltmarsh", "Juniper", "Kestrel", "Pinecone", "Rivermint",
          "Foxglove", "Halcyon", "Ironbark", "Larkspur", "Meadowlark", "Nettle")
_TRADES = ("Outfitters", "Kitchen", "Beauty", "Travel", "Books", "Home", "Market", "Sports",
           "Pets", "Garden")
_PURPOSES = (
    ("ServicePersonalisation", "Recommend {trade} you will like"),
    ("PersonalisedAdvertising", "Show you offers that match your taste"),
    ("CommunicationForCustomerCare", "Write to you the way you prefer"),
    ("ServiceProvision", "Deliver what you order to the right size and place"),
    ("ImproveExistingProductsAndServices", "Improve our {trade} range"),
)
_OFFERS = (("discount", "10% off your next order"), ("points", "200 loyalty points"),
           ("gift", "A free sample with your next order"), ("access", "Early access to sales"),
           ("service", "A free fitting session"), ("none", ""))
_ASKABLE = tuple(f.key for f in CATALOGUE if f.sensitivity is not Sensitivity.SPECIAL) + (
    "allergies", "intolerances")  # special-category data is asked for, rarely


def _brand_spec(rng: random.Random, index: int, origin: str) -> dict[str, Any]:
    name = f"{_NAMES[index % len(_NAMES)]} {_TRADES[(index // len(_NAMES)) % len(_TRADES)]}"
    if index >= len(_NAMES) * len(_TRADES):
        name += f" {index}"
    trade = name.split()[1].lower()
    asks = []
    for a in range(rng.randint(2, 4)):
        keys = rng.sample(_ASKABLE, rng.randint(2, 5))
        iri, description = _PURPOSES[rng.randrange(len(_PURPOSES))]
        kind, offer = _OFFERS[rng.randrange(len(_OFFERS))]
        asks.append({
            "id": f"ask-{a + 1}",
            "purpose": {"iri": DPV + iri, "description": description.format(trade=trade)},
            "fields": [{"key": k, "required": i == 0 or rng.random() < 0.3,
                        "why": f"to use your {BY_KEY[k].label.lower()}"}
                       for i, k in enumerate(keys)],
            "offer": {"kind": kind, "description": offer} if offer else {"kind": kind},
            "retention_days": rng.choice((30, 90, 180, 365)),
            "duration_days": rng.choice((30, 90, 180, 365)),
        })
    return {
        "iss": origin,
        "brand": {"name": name, "description": f"{name}: zero-party data, fairly asked.",
                  "privacy_policy": f"{origin}/privacy", "contact": f"mailto:privacy@{origin[8:]}"},
        "endpoints": {"grants": f"{origin}/zpd/grants", "events": f"{origin}/zpd/events"},
        "asks": asks,
    }


def sample_value(field: FieldDef, variant: int = 0) -> JsonValue:
    """A valid value for a catalogue field; `variant` picks another one."""
    if field.type is FieldType.CHOICE:
        return field.choices[variant % len(field.choices)]
    if field.type is FieldType.MULTI_CHOICE:
        picked = {field.choices[variant % len(field.choices)], field.choices[-1]}
        return field.validate(sorted(picked))
    if field.type is FieldType.NUMBER:
        low = field.minimum if field.minimum is not None else 0
        step = field.step or 1
        return field.validate(low + step * (variant % 7))
    if field.type is FieldType.DATE:
        month = 1 + variant % 12
        return f"{month:02d}-15" if field.month_day else f"1990-{month:02d}-15"
    if field.type is FieldType.BOOLEAN:
        return variant % 2 == 0
    if field.text_format is TextFormat.EMAIL:
        return f"person{variant}@example.org"
    if field.text_format is TextFormat.COUNTRY:
        return ("GR", "DE", "FR", "IE")[variant % 4]
    return f"Sample {field.label.lower()} {variant}"


# -- the generator ---------------------------------------------------------------------------


@dataclass
class _Brand:
    origin: str
    request: DataRequest
    request_id: int
    signing: OKPKey
    pairwise: OKPKey
    pseudonym: str
    first_seen: int


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _generate(directory: Path, scale: Scale) -> tuple[int, dict[str, int]]:
    rng = random.Random(scale.seed)
    now = int(time.time())
    start = now - scale.years * YEAR
    vault, _ = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF, clock=lambda: start)
    counts = {"brands": 0, "grants": 0, "tokens": 0, "outbox": 0, "audit": 1, "history": 0}
    try:
        seed = bulk.master_seed(vault)
        events: list[tuple[int, int, str, dict[str, Any]]] = []  # (at, order, action, details)
        brands = _make_brands(vault, rng, scale, start, now, seed, events)
        counts["brands"] = len(brands)
        asked = sorted({k for b in brands for a in b.request.body.asks for k in a.keys})
        values = {key: sample_value(BY_KEY[key]) for key in asked}
        _make_grants(vault, rng, scale, brands, values, now, events, counts)
        history = _field_changes(rng, scale, asked, start, now, len(events), events)
        counts["history"] = len(history)
        with bulk.transaction(vault) as connection:
            bulk.add_history(connection, history)
        events.sort(key=lambda e: (e[0], e[1]))
        for chunk in _chunks(events, AUDIT_CHUNK):
            with bulk.transaction(vault) as connection:
                append_many(connection, ((at, action, details) for at, _, action, details in chunk))
        counts["audit"] += len(events)
    finally:
        vault.lock()
    return now, counts


def _make_brands(
    vault: Vault, rng: random.Random, scale: Scale, start: int, now: int, seed: bytes,
    events: list[tuple[int, int, str, dict[str, Any]]],
) -> list[_Brand]:
    brands = []
    with bulk.transaction(vault) as connection:
        for i in range(scale.brands):
            origin = f"https://brand{i:03d}.example"
            signing, encryption = jose.generate_signing_key(), jose.generate_encryption_key()
            first_seen = start + DAY + int(rng.random() * (now - start) * 0.4)
            jws = sign_request(_brand_spec(rng, i, origin), signing, encryption,
                               iat=first_seen - 60, exp=now + YEAR, jti=_uuid(rng))
            request = verify_request(jws, first_seen)
            source = RequestSource.WEB if rng.random() < 0.7 else RequestSource.FILE
            request_id = bulk.add_brand(connection, request, source, first_seen)
            pairwise = pairwise_key(seed, origin)
            brands.append(_Brand(origin, request, request_id, signing, pairwise,
                                 jose.thumbprint_uri(pairwise), first_seen))
            events.append((first_seen, len(events), "request.imported", {
                "brand": origin, "request": request.jti, "source": source.value,
                "domain_verified": source is RequestSource.WEB}))
    return brands


def _make_grants(
    vault: Vault, rng: random.Random, scale: Scale, brands: list[_Brand],
    values: dict[str, JsonValue], now: int, events: list[tuple[int, int, str, dict[str, Any]]],
    counts: dict[str, int],
) -> None:
    weights = [1 / (i + 1) ** 0.8 for i in range(len(brands))]  # a few brands get many grants
    picks = rng.choices(range(len(brands)), weights=weights, k=scale.grants)
    grants: list[bulk.GrantRow] = []
    tokens: list[bulk.TokenRow] = []
    outbox: list[bulk.OutboxRow] = []

    def flush() -> None:
        with bulk.transaction(vault) as connection:
            bulk.add_grants(connection, grants)
            bulk.add_tokens(connection, tokens)
            bulk.add_outbox(connection, outbox)
        counts["grants"] += len(grants)
        counts["tokens"] += len(tokens)
        counts["outbox"] += len(outbox)
        grants.clear()
        tokens.clear()
        outbox.clear()

    for index in picks:
        _one_grant(rng, brands[index], values, now, grants, tokens, outbox, events)
        if len(grants) >= CHUNK:
            flush()
    flush()


def _one_grant(
    rng: random.Random, brand: _Brand, values: dict[str, JsonValue], now: int,
    grants: list[bulk.GrantRow], tokens: list[bulk.TokenRow], outbox: list[bulk.OutboxRow],
    events: list[tuple[int, int, str, dict[str, Any]]],
) -> None:
    request = brand.request
    ask = rng.choice(request.body.asks)
    created = rng.randint(brand.first_seen + 60, now - 60)
    chosen = [f.key for f in ask.fields if f.required or rng.random() < 0.6]
    days = ask.duration_days if rng.random() < 0.7 else rng.randint(1, ask.duration_days)
    expires = created + days * DAY
    revoked_at = None
    if rng.random() < 0.08:
        revoked_at = created + int((min(expires, now) - created) * rng.uniform(0.1, 0.95))
    end = min(x for x in (expires, now, revoked_at) if x is not None)
    version_times = [created]
    if rng.random() < 0.10:
        version_times += sorted(rng.randint(created + 1, max(created + 1, end - 1))
                                for _ in range(rng.randint(1, 2)))
    grant_id = _uuid(rng)
    if revoked_at is not None:
        status, ended = "revoked", revoked_at
    elif expires <= now:
        status, ended = "expired", expires
    else:
        status, ended = "active", None
    grants.append(bulk.GrantRow(
        grant_id, brand.origin, brand.request_id, ask.id, ask.purpose.iri,
        ask.purpose.description, tuple(chosen),
        tuple(k for k in chosen if k in ask.required_keys), ask.offer.kind,
        ask.offer.description, ask.retention_days, created, expires, status,
        len(version_times), ended,
    ))
    order = len(events)
    events.append((created, order, "grant.created", {
        "grant": grant_id, "brand": brand.origin, "ask": ask.id, "fields": chosen,
        "days": days}))
    data = {k: values[k] for k in chosen}
    grants_endpoint = request.body.grants_endpoint
    delivered_any = False
    for version, at in enumerate(version_times, start=1):
        jti = _uuid(rng)
        claims = zpd_token.GrantClaims(
            pseudonym=brand.pseudonym, audience=brand.origin, iat=at, nbf=created,
            exp=expires, jti=jti, grant_id=grant_id, version=version,
            request_jti=request.jti, ask_id=ask.id, request_sha256=request.sha256,
            purpose_iri=ask.purpose.iri, purpose_description=ask.purpose.description,
            retention_days=ask.retention_days, data=data,
        )
        signed = zpd_token.sign_inner(claims, brand.pairwise)
        compact = zpd_token.encrypt_to_brand(signed, request.encryption_jwk)
        tokens.append(bulk.TokenRow(jti, grant_id, "grant", version, data, signed, compact, at))
        if version > 1:
            events.append((at, order + version, "grant.updated",
                           {"grant": grant_id, "version": version, "field": chosen[0]}))
        last = version == len(version_times)
        fate = rng.random()
        if last and revoked_at is None and now - at < 2 * DAY and fate < 0.3:
            outbox.append(bulk.OutboxRow(
                jti, grant_id, "grant", grants_endpoint, "queued", 3, now + 3600, now - 600,
                "connect: the brand's server did not answer", None, None, None, at))
        elif last and fate > 0.99:
            outbox.append(bulk.OutboxRow(
                jti, grant_id, "grant", grants_endpoint, "failed", 1, at, at + 2,
                "invalid_request: ask_closed: this ask is no longer offered", None, None, None,
                at))
            events.append((at + 2, order + 10, "delivery.refused", {
                "grant": grant_id, "message": jti,
                "reason": "invalid_request: ask_closed: this ask is no longer offered"}))
        else:
            delivered_any = True
            receipt = _receipt(rng, brand, jti, zpd_receipt.STORED, at + 2)
            outbox.append(bulk.OutboxRow(
                jti, grant_id, "grant", grants_endpoint, "delivered", 1, at, at + 1, None,
                at + 2, receipt, zpd_receipt.STORED, at))
            events.append((at + 2, order + 10 + version, "delivery.grant_delivered", {
                "grant": grant_id, "message": jti, "receipt": zpd_receipt.STORED}))
    if revoked_at is not None:
        _revocation(rng, brand, grant_id, revoked_at, now, delivered_any, order, tokens,
                    outbox, events)
    elif status == "expired":
        noticed = min(now, expires + rng.randint(0, 2 * DAY))
        events.append((noticed, order + 30, "grant.expired", {"grant": grant_id}))


def _revocation(
    rng: random.Random, brand: _Brand, grant_id: str, at: int, now: int, delivered_any: bool,
    order: int, tokens: list[bulk.TokenRow], outbox: list[bulk.OutboxRow],
    events: list[tuple[int, int, str, dict[str, Any]]],
) -> None:
    jti = _uuid(rng)
    compact = zpd_event.issue(zpd_event.RevocationEvent(
        issuer=brand.pseudonym, audience=brand.origin, iat=at, jti=jti, toe=at,
        grant_id=grant_id, reason="person"), brand.pairwise)
    tokens.append(bulk.TokenRow(jti, grant_id, "revocation", None, None, compact, compact, at))
    endpoint = brand.request.body.events_endpoint
    events.append((at, order + 20, "grant.revoked", {"grant": grant_id, "brand": brand.origin}))
    if not delivered_any:
        outbox.append(bulk.OutboxRow(
            jti, grant_id, "revocation", endpoint, "cancelled", 0, at, None,
            "not needed: the brand never received the grant", None, None, None, at))
    elif now - at < 2 * DAY and rng.random() < 0.3:
        outbox.append(bulk.OutboxRow(
            jti, grant_id, "revocation", endpoint, "queued", 2, now + 3600, now - 900,
            "HTTP 503", None, None, None, at))
    else:
        receipt = _receipt(rng, brand, jti, zpd_receipt.DELETED, at + 2)
        outbox.append(bulk.OutboxRow(
            jti, grant_id, "revocation", endpoint, "delivered", 1, at, at + 1, None, at + 2,
            receipt, zpd_receipt.DELETED, at))
        events.append((at + 2, order + 21, "delivery.revocation_delivered", {
            "grant": grant_id, "message": jti, "receipt": zpd_receipt.DELETED}))


def _receipt(rng: random.Random, brand: _Brand, jti: str, status: str, at: int) -> str:
    return zpd_receipt.issue(
        zpd_receipt.Receipt(brand.origin, brand.pseudonym, at, _uuid(rng), jti, status),
        brand.signing,
    )


def _field_changes(
    rng: random.Random, scale: Scale, asked: list[str], start: int, now: int, taken: int,
    events: list[tuple[int, int, str, dict[str, Any]]],
) -> list[tuple[str, JsonValue | None, int]]:
    """Field edits, backups and exports to fill the audit log up to its size, with history.

    Every asked field is set first (at the start) and ends with a value; fields no brand
    asks for are sometimes cleared."""
    others = [f.key for f in CATALOGUE if f.key not in asked]
    fill = max(0, scale.audit - 1 - taken - 2 * len(asked))
    history: list[tuple[str, JsonValue | None, int]] = []
    for i, key in enumerate(asked):
        at = start + 60 + i
        history.append((key, sample_value(BY_KEY[key]), at))
        events.append((at, len(events), "field.set", {"field": key}))
    times = sorted(rng.randint(start + 3600, now - 1) for _ in range(fill))
    present = set(asked)
    keys = asked + others
    for at in times:
        roll = rng.random()
        if roll < 0.001:
            events.append((at, len(events), rng.choice(("vault.backed_up", "vault.exported")),
                           {}))
            continue
        key = rng.choice(keys)
        if key in others and key in present and roll < 0.05:
            present.discard(key)
            history.append((key, None, at))
            events.append((at, len(events), "field.cleared", {"field": key}))
            continue
        present.add(key)
        history.append((key, sample_value(BY_KEY[key], rng.randrange(50)), at))
        events.append((at, len(events), "field.set", {"field": key}))
    for key in asked:  # brands were given these values: they are the last ones
        history.append((key, sample_value(BY_KEY[key]), now - 1))
        events.append((now - 1, len(events), "field.set", {"field": key}))
    return history


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def main() -> int:
    isolate_state()
    generated = generated_vault()
    print(f"{generated.directory} (password {generated.passphrase!r}, clock {generated.now})")
    print(json.dumps(generated.counts), f"generated in {generated.seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
