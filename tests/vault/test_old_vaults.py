"""Vaults made by earlier versions open, upgrade and hold what they held; shipped migrations
never change.

Each tests/data/vault-v<schema>/ was written by `python -m tools.make_old_vault` with the
code of its day (its expected.json says what it held then). A format change adds its own
the same way, before the change, so every later version is tested on real old files.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.support.vaults import NEW_PASSPHRASE, PROJECT_ROOT
from vault.errors import ShareRefused
from vault.exchange.grants import GrantStatus
from vault.storage import store
from vault.storage.header import FORMAT_VERSION, read_header
from vault.storage.keys import KdfParams
from vault.storage.migrations import LATEST_VERSION, MIGRATIONS, Migration, apply_migrations
from vault.vault import Vault

DATA = PROJECT_ROOT / "tests" / "data"
OLD_VAULTS = sorted(DATA.glob("vault-v*"))
DAY = 86400

# sha256 of each shipped migration's version and statements: a migration, once shipped,
# is never edited (add the next one instead). A new migration adds its line here.
SHIPPED = {
    1: "1ddbd2a903d34206382d21ffe0fc12e09f8dc990e8764c5f28ae3a818c141a19",
    2: "220438caba5220285fd79eee856db408d716b9b294e629df06fc6e9a6992975b",
    3: "fd009fa3eb9bcc4572a4506809f725bb1dcb469b3cbabb1303b8532db52c74d4",
    4: "2edc68c0df1cae1e6398ff6e2fb19742e90eac817d4aa243e2ee41e3189ea1b4",
    5: "f730e6c22f48016984d0bda5fe8f26aa89679c8873e3b9c69a2e8afb287a1f56",
    6: "32e31a38c2aea209860f7e711265d27f0486804e2a9503553d52df4ca524f83e",
    7: "1aac24722b68edbc059a927d563cb3498ca78a33a0bfceaa2507b0df31108e47",
    8: "ad74ceef6f8389358f28f4e51304b1105448e5b9873cac098a4ce42f93acf7f7",
    9: "2a298a5bf8b4ffb1ae3516faaa071154ebbfa8fa1ddeab2a4a63fd6caeb93012",
    10: "b2d4f106863e0f0c090f525b3dc15f8906a877b94156be16846722e33e278731",
    11: "d0de5b8ce6332f1f1c48dcd797ba2255f23b8242e1d6bc5d951f0a2016fc055c",
    12: "93672bd3db415447a6e5ebb1d1d480a6e8a7dedff7ec1cb4c2a1eadcd6471901",
    13: "6bb3059777946d5cf2744978a035e820118a0af53c2dc4f8717a3cc45e046a23",
    14: "39589448306bf726a4e67bb7ea484e81e4f27bd10c308761b448a03b8dfbeb3c",
}


def fingerprint(version: int, statements: tuple[str, ...]) -> str:
    return hashlib.sha256(json.dumps([version, list(statements)]).encode()).hexdigest()


def test_there_is_an_old_vault_of_the_current_format() -> None:
    assert (DATA / f"vault-v{LATEST_VERSION}" / "expected.json").is_file(), (
        "run `python -m tools.make_old_vault` (before the next format change) and commit it")


def test_shipped_migrations_are_never_edited() -> None:
    found = {m.version: fingerprint(m.version, m.statements) for m in MIGRATIONS}
    assert found == SHIPPED


def opened_copy(fixture: Path, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """A copy of the old vault (opening it writes: upgrades, the journal mode, the WAL)."""
    directory = tmp_path / "vault"
    shutil.copytree(fixture / "vault", directory)
    return directory, json.loads((fixture / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("fixture", OLD_VAULTS, ids=[p.name for p in OLD_VAULTS])
def test_an_old_vault_opens_upgraded_and_holds_what_it_held(
    fixture: Path, tmp_path: Path
) -> None:
    directory, expected = opened_copy(fixture, tmp_path)
    header = read_header(directory)
    assert header.version == expected["header"] <= FORMAT_VERSION
    assert header.passphrase.params == KdfParams(*expected["kdf"])
    later = expected["made_at"] + 400 * DAY  # every grant and the request have ended

    with Vault.unlock(directory, expected["passphrase"], clock=lambda: later) as vault:
        assert vault._store.schema_version() == LATEST_VERSION >= expected["schema"]
        assert vault.integrity_problems() == [] and vault.audit.verify().ok
        assert {f.definition.key: f.value for f in vault.fields.all()
                if f.value is not None} == expected["fields"]
        for key, values in expected["history"].items():
            assert [e.value for e in vault.fields.history(key)] == values, key
        assert [[f.definition.key, f.definition.label, f.definition.type.value]
                for f in vault.fields.all() if f.definition.custom] == expected["custom"]
        assert [[b.origin, b.name, b.domain_verified]
                for b in vault.brands.all()] == expected["brands"]
        assert {g.id: [g.ask_id, g.status.value, g.version, list(g.fields)]
                for g in vault.grants.listing()} == expected["grants"]
        summaries = vault.delivery.summaries(expected["deliveries"])
        assert {g: s.status.value if s else None
                for g, s in summaries.items()} == expected["deliveries"]
        for grant_id, statuses in expected["receipts"].items():
            assert [s for _, s, _ in vault.delivery.receipts(grant_id)] == statuses
        assert [[a.brand_origin, a.alias] for a in vault.aliases.all()] == expected["aliases"]
        # Aliases closed came with schema 13: an older vault's aliases are all open.
        assert [[a.alias, a.closed_at] for a in vault.aliases.all()
                if a.closed_at is not None] == expected.get("closed_aliases", [])
        if "leaks" in expected:  # schema 9 and later
            kept = expected["leaks"]
            source, mailbox = vault.leaks.source(), vault.leaks.mailbox()
            watch = vault.leaks.watch_input()
            assert source is not None and mailbox is not None and watch.position is not None
            assert [str(source.source.kind), source.source.domain] == kept["source"]
            assert [mailbox.host, mailbox.username, mailbox.password] == kept["mailbox"]
            assert [watch.position.uidvalidity, watch.position.last_uid] == kept["position"]
            assert sorted([leak.alias, leak.sender_domain, leak.expected]
                          for leak in vault.leaks.all()) == kept["found"]
        # Pause came with schema 14: a grant paused then is still marked so (it has ended).
        assert [g.id for g in vault.grants.listing()
                if g.paused_at is not None] == expected.get("paused", [])
        # Answers to brands' questions came with schema 10; older vaults have none.
        assert [[a.brand_origin, a.key, a.question.label, a.value]
                for a in vault.answers.all()] == expected.get("answers", [])
        for key, values in expected.get("answer_history", {}).items():
            origin = expected["brands"][0][0]
            assert [e.value for e in vault.answers.history(origin, key)] == values, key
        assert [e.action for e in reversed(vault.audit.entries(limit=1000))] == (
            expected["audit"])

        # ... and it works on: its grants end, its values change, its request is too old.
        names = expected["names"]
        paused = expected.get("paused", [])
        assert vault.grants.expire_due() == 1 + len(paused)  # a paused grant ends as usual
        assert vault.grants.get(names["two_versions"]).status is GrantStatus.EXPIRED
        assert all(vault.grants.get(g).state == "expired" for g in paused)
        vault.fields.set("shoe_size_eu", 44)
        assert vault.grants.get(names["two_versions"]).version == 2  # ended: no version 3
        with pytest.raises(ShareRefused):
            vault.grants.share(expected["brands"][0][0], "fit-advice")
        vault.change_passphrase(NEW_PASSPHRASE)
        assert vault.audit.verify().ok

    with Vault.unlock_with_recovery_code(directory, expected["recovery_code"]) as again:
        assert again.fields.get("shoe_size_eu") == 44


@pytest.mark.parametrize("fixture", OLD_VAULTS, ids=[p.name for p in OLD_VAULTS])
def test_an_old_vault_takes_the_next_migration(
    fixture: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the next format change will do to it: one more migration, on the real file."""
    directory, expected = opened_copy(fixture, tmp_path)
    following = Migration(LATEST_VERSION + 1, "a note on each brand, say",
                          ("ALTER TABLE brands ADD COLUMN note TEXT",))
    monkeypatch.setattr(store, "LATEST_VERSION", following.version)
    monkeypatch.setattr(store, "apply_migrations", lambda connection, current: (
        apply_migrations(connection, current, (*MIGRATIONS, following))))
    with Vault.unlock(directory, expected["passphrase"]) as vault:
        assert vault._store.schema_version() == following.version
        assert vault._store.query("SELECT note FROM brands") == [(None,)]
        assert vault.fields.get("shoe_size_eu") == expected["fields"]["shoe_size_eu"]
        assert vault.audit.verify().ok and vault.integrity_problems() == []
