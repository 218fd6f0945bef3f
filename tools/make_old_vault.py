"""Write a small vault in today's format, for the tests to open in every later version.

    python -m tools.make_old_vault          # writes tests/data/vault-v<schema>/

Run it, and commit what it writes, before a change of format (a new migration, a new
header version): tests/vault/test_old_vaults.py then opens each vault under tests/data/
with the code of the day, upgrades it and checks it holds what `expected.json` says it
held when it was made. A directory that exists already is left alone.

The vault is opened with PASSPHRASE (or the recovery code in expected.json) and keeps the
tests' fast Argon2id settings in its header. It holds values with a history, a custom
field, email aliases on, a brand whose request came from a file, a grant with two
versions (the first delivered with the brand's signed receipt, the second queued), a
grant delivered then revoked (its deletion confirmed), a grant revoked before it was ever
sent, and the activity log of all that; from schema 9 also a catch-all alias source, a
watched mailbox (its password inside) and two leaks found in it, one marked expected; from
schema 10 also the brand's own question, answered twice; from schema 12 the sync tables,
empty (a vault set up for sync names its folder by this computer's path, which an old
vault shipped to every machine cannot hold); from schema 13 the brand's alias closed; from
schema 14 a grant paused (its pause delivered). The brand is the brand kit's real
receiver, in process.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from brandkit.issuing import sign_spec
from brandkit.keys import generate_keys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqliteStorage
from tools.sample_vault import InProcessBrands
from vault.exchange.brands import RequestSource
from vault.leaks.alias_sources import SourceKind
from vault.leaks.authresults import authenticated
from vault.leaks.message import read_headers
from vault.leaks.scan import Position, ScanResult, Sighting
from vault.leaks.settings import mailbox_settings, source_settings
from vault.leaks.verdict import judge
from vault.storage.header import FORMAT_VERSION, read_header
from vault.storage.keys import KdfParams
from vault.storage.migrations import LATEST_VERSION
from vault.vault import Vault
from zpd.fieldtypes import FieldType, Sensitivity

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
PASSPHRASE = "tulip lantern orbit 42"
FAST_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)  # as the tests' vaults
ORIGIN = "https://shoes.example"
DPV = "https://w3id.org/dpv#"
SPEC: dict[str, Any] = {
    "iss": ORIGIN,
    "brand": {"name": "Shoes Example", "description": "Shoes that fit."},
    "endpoints": {"grants": ORIGIN + "/zpd/grants", "events": ORIGIN + "/zpd/events"},
    "asks": [
        {"id": "fit-advice",
         "purpose": {"iri": DPV + "ServicePersonalisation",
                     "description": "Recommend shoes that fit you"},
         "fields": [{"key": "shoe_size_eu", "required": True, "why": "to pick your size"},
                    {"key": "favourite_colours", "required": False, "why": "colours"},
                    {"key": "q:terrain", "required": False, "why": "to pick the sole",
                     "question": {
                         "label": "Where do you walk most?", "type": "choice",
                         "choices": [{"value": "road", "label": "Road"},
                                     {"value": "trail", "label": "Trail"}],
                         "category": "https://w3id.org/dpv/pd#Preference",
                         "translations": {"el": {
                             "label": "Πού περπατάτε συνήθως;",
                             "choices": {"road": "Δρόμος", "trail": "Μονοπάτι"}}}}}],
         "offer": {"kind": "discount", "description": "10% off"},
         "retention_days": 180, "duration_days": 90},
        {"id": "news",
         "purpose": {"iri": DPV + "DirectMarketing", "description": "Tell you about shoes"},
         "fields": [{"key": "email", "required": True, "why": "to write to you"}],
         "offer": {"kind": "points", "description": "100 points for every letter"},
         "retention_days": 30, "duration_days": 30},
    ],
}


class Clock:
    """A few seconds later at every step, from a quarter of an hour ago: the entries keep
    their order, and no token is dated after the brand's own clock."""

    def __init__(self, start: int) -> None:
        self.now = start - 900

    def __call__(self) -> int:
        self.now += 5
        return self.now


def make(directory: Path) -> dict[str, Any]:
    """The vault at `directory`/vault, and what it holds (for expected.json)."""
    made_at = int(time.time())
    clock = Clock(made_at)
    vault, code = Vault.create(directory / "vault", PASSPHRASE, kdf=FAST_KDF, clock=clock)
    vault.lock()
    vault = Vault.unlock(directory / "vault", PASSPHRASE, clock=clock)
    keys = generate_keys()
    request = sign_spec(SPEC, keys, now=made_at - 3600)
    receiver = Receiver(keys, SqliteStorage(), ORIGIN)
    receiver.register_issued_request(request)
    vault.delivery.transport = InProcessBrands(receivers={ORIGIN: receiver},
                                               requests={ORIGIN: request})
    with vault:
        vault.fields.define("team", "Team", FieldType.TEXT, Sensitivity.LOW)
        for key, value in (("preferred_name", "Ada"), ("shoe_size_eu", 42),
                           ("favourite_colours", ["navy", "green"]),
                           ("email", "ada@example.org"), ("x_team", "Blue"),
                           ("allergies", ["peanuts"])):
            vault.fields.set(key, value)
        vault.fields.clear("allergies")
        vault.aliases.set_enabled(True)
        vault.brands.import_request(request, RequestSource.FILE)
        vault.answers.set(ORIGIN, "q:terrain", "road")
        vault.answers.set(ORIGIN, "q:terrain", "trail")
        two_versions = vault.grants.share(ORIGIN, "fit-advice").grant.id
        letters = vault.grants.share(ORIGIN, "news").grant.id
        vault.delivery.flush()  # both delivered, with the brand's "stored" receipts
        vault.grants.revoke(letters)
        vault.delivery.flush()  # ... and this one's deletion confirmed
        never_sent = vault.grants.share(ORIGIN, "fit-advice", days=30).grant.id
        vault.grants.revoke(never_sent)  # before any attempt: neither is ever sent
        paused = vault.grants.share(ORIGIN, "news").grant.id
        vault.grants.pause(paused)
        vault.delivery.flush()  # the grant, then its pause, delivered
        vault.fields.set("shoe_size_eu", 43)  # the first grant's version 2, left queued
        leaks = _leaks(vault)
        vault.aliases.close(ORIGIN)  # as when revoking `letters`, which carried the email
        return {
            "made_at": made_at,
            "schema": LATEST_VERSION,
            "header": FORMAT_VERSION,
            "passphrase": PASSPHRASE,
            "recovery_code": code,
            "kdf": [FAST_KDF.memory_kib, FAST_KDF.iterations, FAST_KDF.lanes],
            "fields": {f.definition.key: f.value for f in vault.fields.all()
                       if f.value is not None},
            "history": {key: [e.value for e in vault.fields.history(key)]
                        for key in ("shoe_size_eu", "allergies")},
            "custom": [[d.definition.key, d.definition.label, d.definition.type.value]
                       for d in vault.fields.all() if d.definition.custom],
            "brands": [[b.origin, b.name, b.domain_verified] for b in vault.brands.all()],
            "grants": {g.id: [g.ask_id, g.status.value, g.version, list(g.fields)]
                       for g in vault.grants.listing()},
            "names": {"two_versions": two_versions, "letters": letters,
                      "never_sent": never_sent, "paused": paused},
            "paused": [g.id for g in vault.grants.listing() if g.paused_at is not None],
            "deliveries": {g: s.status.value if s else None
                           for g, s in vault.delivery.summaries(
                               [two_versions, letters, never_sent, paused]).items()},
            "receipts": {g: [status for _, status, _ in vault.delivery.receipts(g)]
                         for g in (two_versions, letters, never_sent, paused)},
            "aliases": [[a.brand_origin, a.alias] for a in vault.aliases.all()],
            "closed_aliases": [[a.alias, a.closed_at] for a in vault.aliases.all()
                               if a.closed_at is not None],
            "leaks": leaks,
            "answers": [[a.brand_origin, a.key, a.question.label, a.value]
                        for a in vault.answers.all()],
            "answer_history": {a.key: [e.value for e in vault.answers.history(ORIGIN, a.key)]
                               for a in vault.answers.all()},
            "audit": [e.action for e in reversed(vault.audit.entries(limit=1000))],
        }


def _leaks(vault: Vault) -> dict[str, Any]:
    """A catch-all alias source and a watched mailbox (with a password), and two leaks found
    in it, one then marked expected (from schema 9)."""
    vault.leaks.set_source(source_settings(SourceKind.DOMAIN, domain="ada.example"))
    vault.leaks.set_mailbox(mailbox_settings("imap.example.org", "ada", "mailbox password 9",
                                             trusted_authserv_id="mx.example.org"))
    canary = vault.leaks.watch_input().canaries
    alias = sorted(canary)[0]
    sightings = []
    for number, sender in enumerate(("partner-ads.example", "crm-tool.example"), start=1):
        header = (f"Authentication-Results: mx.example.org; dkim=pass header.d={sender}\r\n"
                  f"From: offers@{sender}\r\nTo: {alias}\r\n"
                  f"Date: Thu, 12 Mar 2026 09:3{number}:00 +0000\r\n"
                  f"Message-ID: <{number}@{sender}>\r\nSubject: Offers\r\n").encode()
        headers = read_headers(header)
        verdict = judge(headers.from_address,
                        authenticated(list(headers.authentication_results), "mx.example.org"),
                        canary[alias].senders)
        sightings.append(Sighting(number, canary[alias], verdict, headers,
                                  headers.message_id, header))
    found = vault.leaks.record(ScanResult(Position(7, 2), tuple(sightings), 2, False))
    expected = next(leak for leak in found if leak.sender_domain == "crm-tool.example")
    vault.leaks.mark_expected(expected.id)
    return {
        "source": ["domain", "ada.example"],
        "mailbox": ["imap.example.org", "ada", "mailbox password 9"],
        "position": [7, 2],
        "found": sorted([leak.alias, leak.sender_domain, leak.id == expected.id]
                        for leak in found),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    target = DATA / f"vault-v{LATEST_VERSION}"
    if target.exists():
        print(f"{target.relative_to(ROOT)} exists already: a format keeps its first vault")
        return 0
    target.mkdir(parents=True)
    expected = make(target)
    assert read_header(target / "vault").passphrase.params == FAST_KDF
    (target / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")
    print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
