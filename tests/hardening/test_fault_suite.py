"""The fault suite: 500 SIGKILLs at random moments during mixed operations (field edits,
grants, revocations, passphrase changes, relocks, delivery to a live brand on loopback).

A zygote process (fault_worker.py) forks one child per round; the child unlocks the vault
and works until it is killed, saying {"begin": op} before each operation and {"ack": op}
after it returned (with the activity log's head at that moment), each on the pipe before it
starts the next. The parent keeps those acknowledgements, outside the vault. The kills are
spread over several fresh vaults (sessions), so that checking everything after each kill
stays cheap because each vault stays small. After every kill this test opens the vault and
checks (acked.py):

- it opens, with the passphrase acknowledged last (or the new one, if a change was in flight);
- SQLCipher's page check and SQLite's structural check pass; the audit chain verifies, has
  no gap, and never got shorter (no rollback is reported either: the state file is live);
- every acknowledged operation is there, one by one: each acknowledged audit head with its
  hash, each acknowledged field write in its field's history in order, each grant in its
  acknowledged state, each acknowledged delivery recorded;
- the one in flight wholly there or wholly not: a grant with its token, outbox row and audit
  entry; each version of it likewise; a revocation with its event, outbox row and entry; a
  field change with its history row, its entry and the new versions of the grants sharing it.

At the end the outbox is flushed to the brand, and the brand must hold each grant once, at
the vault's version, with the vault's data; revocations reached it; every message it stored
was stored once (re-sent after a kill, it got its first receipt again).

The kills must have landed on both sides of the commit: for field writes, shares,
revocations and deliveries each, some kills found the operation done and some found it not
done, so both halves of "wholly there or wholly absent" were exercised.

ZPV_HARDENING_FULL=1 runs 2,000 kills (20 sessions of 100) instead of 500 (10 of 50).
"""

from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path

import pytest

from tests.hardening.acked import (
    Model,
    Stats,
    check,
    check_acknowledged_heads,
    check_histories,
    check_whole,
    open_vault,
    replay,
)
from tests.hardening.fault_worker import head
from tests.hardening.live_brand import Brand, Settled, live_brand, new_vault, settle
from tests.hardening.zygote import Zygote
from tests.support.children import FULL
from tests.support.vaults import FAST_KDF, PASSPHRASE
from vault.exchange.transport import HttpTransport
from vault.vault import Vault
from zpd.fieldtypes import FieldType, Sensitivity

SESSIONS = 20 if FULL else 10
KILLS_PER_SESSION = int(os.environ.get("ZPV_FAULT_KILLS_PER_SESSION", 100 if FULL else 50))
KILLS = SESSIONS * KILLS_PER_SESSION
MAX_DELAY = 0.15  # seconds from the fork to the kill
# Operations whose kills must have landed both before and after their commit, and how often
# each group must at least have been killed.
BOTH_SIDES = {"field write": ("set_size", "set_colours", "set_note", "clear_colours"),
              "share": ("share",), "revocation": ("revoke",), "delivery": ("flush",)}
MIN_KILLS_PER_GROUP = 10


def run_session(zygote: Zygote, brand: Brand, directory: Path, rng: random.Random,
                seed: int, number: int, stats: Stats) -> Settled:
    model, pseudonym = new_vault(directory, brand)
    for kill in range(1, KILLS_PER_SESSION + 1):
        delay = rng.uniform(0, MAX_DELAY)
        lines = zygote.round(directory, rng.getrandbits(32), model.passphrase, delay)
        where = f"session {number}, kill {kill} (seed {seed}, {delay * 1000:.0f} ms)"
        in_flight = replay(lines, model, stats, where)
        checking = time.monotonic()
        with open_vault(directory, model, in_flight, stats) as vault:
            check(vault, model, in_flight, stats, where)
        stats.checking += time.monotonic() - checking
    return settle(directory, model, brand, pseudonym, stats,
                  f"session {number} (seed {seed}), after the last flush")


@pytest.mark.slow
def test_500_sigkills_during_mixed_operations_lose_nothing_acknowledged(
    tmp_path: Path, state_dir: Path
) -> None:
    started = time.monotonic()
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    stats = Stats()
    sessions = []
    with live_brand() as brand:
        zygote = Zygote(brand.origin, state_dir, tmp_path / "worker.err")
        try:
            for number in range(1, SESSIONS + 1):
                sessions.append(run_session(zygote, brand, tmp_path / f"vault-{number}", rng,
                                            seed, number, stats))
        finally:
            zygote.close()
        posts, refused = brand.posts, len(brand.refused)

    kills = sum(stats.in_flight.values())
    print(f"\nfault suite: {KILLS} SIGKILLs over {SESSIONS} vaults in "
          f"{time.monotonic() - started:.0f} s, {stats.checking:.0f} s of it checking "
          f"(seed {seed}); {sum(stats.acknowledged.values())} operations acknowledged; "
          f"{kills} kills landed during an operation\n{stats.summary()}\n"
          f"  brand: {sum(x.grants for x in sessions)} grants given, "
          f"{sum(x.held for x in sessions)} known to the brand, {posts} posts, "
          f"{sum(x.stored for x in sessions)} messages stored once each, "
          f"{sum(x.resent for x in sessions)} of them sent again after a kill, "
          f"{refused} cut-short posts refused")
    for group, ops in BOTH_SIDES.items():
        killed, done, not_done = stats.killed_both_ways(ops)
        assert killed >= MIN_KILLS_PER_GROUP and done > 0 and not_done > 0, (
            f"kills during a {group}: {killed}, found done {done}, not done {not_done}",
            stats.summary())
    for op in ("unlock", "relock"):
        assert stats.in_flight[op] > 0, (op, stats.summary())


# -- the checks above are only worth something if they fail on a partial change ---------------

PARTIAL = {
    "token without its outbox row":  # and the receipts kept for that message
        "DELETE FROM receipts WHERE message_jti = (SELECT jti FROM tokens "
        "WHERE kind = 'grant' AND version = 2 LIMIT 1); "
        "DELETE FROM outbox WHERE jti = (SELECT jti FROM tokens WHERE kind = 'grant' "
        "AND version = 2 LIMIT 1)",
    "grant without its creation entry":
        "DELETE FROM audit WHERE action = 'grant.created'",
    "version without its update entry":
        "DELETE FROM audit WHERE action = 'grant.updated'",
    "version without its token":
        "UPDATE grants SET version = version + 1 WHERE status = 'active'",
    "revocation without its event":
        "DELETE FROM receipts WHERE message_jti IN "
        "(SELECT jti FROM outbox WHERE kind = 'revocation'); "
        "DELETE FROM outbox WHERE kind = 'revocation'; "
        "DELETE FROM tokens WHERE kind = 'revocation'",
    "revocation without its entry":
        "DELETE FROM audit WHERE action = 'grant.revoked'",
    "delivery without its entry":
        "DELETE FROM audit WHERE action LIKE 'delivery.%'",
    "field change without its entry":
        "DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit WHERE action = 'field.set')",
    "field change without its history":
        "DELETE FROM field_history WHERE rowid = (SELECT max(rowid) FROM field_history)",
    "a token's data behind the value":
        "UPDATE field_values SET value = '43' WHERE key = 'shoe_size_eu'",
}


def test_the_whole_change_checks_catch_each_kind_of_partial_change(tmp_path: Path) -> None:
    template = tmp_path / "template"
    with live_brand() as brand:
        with Vault.create(template, PASSPHRASE, kdf=FAST_KDF)[0] as vault:
            vault.delivery.transport = HttpTransport(connect_timeout=2, total_timeout=5)
            vault.fields.define("note", "Note", FieldType.NUMBER, Sensitivity.LOW)
            vault.fields.set("shoe_size_eu", 42)
            vault.brands.fetch(brand.origin)
            kept = vault.grants.share(brand.origin, "fit-advice").grant.id
            ended = vault.grants.share(brand.origin, "fit-advice").grant.id
            vault.delivery.flush()
            vault.fields.set("shoe_size_eu", 44)  # version 2 of both
            vault.grants.revoke(ended)
            vault.delivery.flush()
            assert vault.grants.find(kept).version == 2
            check_whole(vault, Model(PASSPHRASE), "intact")
    for name, statements in PARTIAL.items():
        copy = tmp_path / name.replace(" ", "-")
        shutil.copytree(template, copy)
        with Vault.unlock(copy, PASSPHRASE) as vault:
            for statement in statements.split("; "):
                vault._store.connection.execute(statement)
            try:
                check_whole(vault, Model(PASSPHRASE), name)
            except AssertionError:
                continue
            raise AssertionError(f"not caught: {name}")


def test_the_acknowledgement_log_catches_a_lost_run_of_writes_ending_on_an_earlier_value(
    tmp_path: Path,
) -> None:
    """43 acknowledged, then 44 and 43 again: a vault that lost the last two still holds 43,
    which a check of the final state alone would pass. The log of acknowledgements does not."""
    directory, earlier = tmp_path / "vault", tmp_path / "earlier"
    with live_brand() as brand:
        model, _ = new_vault(directory, brand)
    stats = Stats()
    for values in ([43], [44, 43]):
        with Vault.unlock(directory, PASSPHRASE) as vault:
            for value in values:
                model.apply({"op": "set_size", "value": vault.fields.set("shoe_size_eu", value),
                             "head": head(vault)})
            check(vault, model, None, stats, "intact")  # control: nothing lost yet
        if values == [43]:
            shutil.copytree(directory, earlier)
    shutil.rmtree(directory)
    shutil.copytree(earlier, directory)  # the last two writes are gone
    with Vault.unlock(directory, PASSPHRASE, accept_rollback=True) as vault:
        assert vault.fields.get("shoe_size_eu") == model.value("shoe_size_eu") == 43
        with pytest.raises(AssertionError, match="acknowledged audit entries lost or changed"):
            check_acknowledged_heads(vault, model, "lost")
        with pytest.raises(AssertionError, match="history differs"):
            check_histories(vault, model, None, stats, "lost")
