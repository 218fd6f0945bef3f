"""Power loss: when the machine stops, nothing acknowledged is lost if the disk kept only
what was synced.

A SIGKILL cannot test this: the killed process's writes are already in the kernel's page
cache, so the fault suite passes even with every fsync removed. Here the worker runs with
sync_shim.c preloaded, which records what each fsync/fdatasync made durable (see
power_loss.py); after each SIGKILL the vault directory is rebuilt from those records alone
(files renamed or created since the directory was last synced revert, unsynced writes are
gone), and the vault must open and hold every operation acknowledged before the cut
(acked.py: each acknowledged audit head, field write, grant, revocation and delivery), with
the one in flight wholly there or not. The calls the records come from must include
SQLite's own (the sqlcipher3 extension calls libc's fsync, so the shim sees them) and the
vault's header writes.

The test is only worth something if it fails on a vault that does not sync: the same run
with `PRAGMA synchronous = OFF`, or with the vault's own fsync calls skipped, must be
caught at the first power cut after a write was acknowledged.

ZPV_HARDENING_FULL=1 runs 300 power cuts instead of 100.
"""

from __future__ import annotations

import os
import random
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.hardening.acked import Stats, check, open_vault, replay
from tests.hardening.live_brand import live_brand, new_vault, settle
from tests.hardening.power_loss import before_round, build_shim, power_cut, sync_calls
from tests.hardening.zygote import Zygote
from tests.support.children import FULL
from vault.errors import VaultError

pytestmark = pytest.mark.slow

ROUNDS = 300 if FULL else 100
MAX_DELAY = 0.3  # seconds from the fork to the cut
# Acknowledgements that wrote to the database or the header.
WRITING = ("set_size", "set_colours", "set_note", "clear_colours", "share", "revoke", "passwd")


@pytest.fixture(scope="module")
def shim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_shim(tmp_path_factory.mktemp("shim"))


@dataclass
class Outcome:
    cuts: int = 0  # power cuts checked and found whole
    calls: Counter[str] = field(default_factory=Counter)
    stats: Stats = field(default_factory=Stats)
    loss: str | None = None  # what the check reported, when it caught a loss
    writes_at_loss: int = 0  # writes acknowledged in the round whose cut lost something
    writes_before_loss: int = 0  # writes acknowledged in the rounds that passed


def power_cuts(shim: Path, tmp_path: Path, state_dir: Path, rounds: int, seed: int, *,
               min_delay: float = 0.0, **options: Any) -> Outcome:
    """`rounds` rounds of mixed operations, each ended by a power cut and checked. With
    `unsafe` in the options, a loss ends the run and is returned rather than raised."""
    rng = random.Random(seed)
    outcome = Outcome()
    stats = outcome.stats
    unsafe = options.get("unsafe")
    with live_brand() as brand:
        directory = tmp_path / "vault"
        model, pseudonym = new_vault(directory, brand)
        zygote = Zygote(brand.origin, state_dir, tmp_path / "worker.err", LD_PRELOAD=str(shim))
        try:
            for number in range(1, rounds + 1):
                log = tmp_path / f"synced-{number}"
                log.mkdir()
                before = before_round(directory, log)
                delay = rng.uniform(min_delay, MAX_DELAY)
                lines = zygote.round(directory, rng.getrandbits(32), model.passphrase, delay,
                                     sync_log=str(log), **options)
                where = f"power cut {number} (seed {seed}, {delay * 1000:.0f} ms)"
                writes = sum(stats.acknowledged[op] for op in WRITING)
                in_flight = replay(lines, model, stats, where)
                writes = sum(stats.acknowledged[op] for op in WRITING) - writes
                outcome.calls += sync_calls(log)
                power_cut(directory, before, log)
                shutil.rmtree(log)
                try:
                    with open_vault(directory, model, in_flight, stats) as vault:
                        check(vault, model, in_flight, stats, where)
                except (AssertionError, VaultError) as error:
                    if unsafe is None:
                        raise
                    outcome.loss = f"{where}: {type(error).__name__}: {error}"[:400]
                    outcome.writes_at_loss = writes
                    return outcome
                outcome.cuts += 1
                outcome.writes_before_loss += writes
        finally:
            zygote.close()
        if unsafe is None:
            settle(directory, model, brand, pseudonym, stats,
                   f"after {rounds} power cuts (seed {seed})")
    return outcome


def test_power_cuts_during_mixed_operations_lose_nothing_acknowledged(
    shim: Path, tmp_path: Path, state_dir: Path
) -> None:
    started = time.monotonic()
    seed = int.from_bytes(os.urandom(4), "big")
    outcome = power_cuts(shim, tmp_path, state_dir, ROUNDS, seed)
    stats = outcome.stats
    print(f"\npower loss: {outcome.cuts} power cuts in {time.monotonic() - started:.0f} s "
          f"(seed {seed}); {sum(stats.acknowledged.values())} operations acknowledged; "
          f"{sum(stats.in_flight.values())} cuts during an operation\n{stats.summary()}\n"
          f"  synced: {dict(sorted(outcome.calls.items()))}")
    assert outcome.cuts == ROUNDS
    # The records came from the calls that matter: SQLite's (the WAL at each commit, the
    # database at each checkpoint, the directory when it makes a WAL) and the vault's own
    # (the header's temporary file and the directory after its rename).
    for call in ("fsync file vault.db-wal", "fsync file vault.db", "fsync directory"):
        assert outcome.calls[call] > 0, (call, outcome.calls)
    if stats.acknowledged["passwd"]:
        assert outcome.calls["fsync file header-temp"] >= stats.acknowledged["passwd"]
    assert sum(stats.acknowledged[op] for op in WRITING) > ROUNDS, stats.summary()


UNSAFE = {
    # No relock: its rollback record would raise the alarm first; the acknowledgement log
    # alone must catch this.
    "synchronous-off": (["set_size", "set_colours", "set_note", "clear_colours", "share",
                         "revoke", "flush"], ("acknowledged audit entries lost",)),
    # A passphrase change re-keys: without the header's syncs, a cut leaves the header's
    # new name pointing at unsynced (empty) bytes, or an older header beside a database
    # already under the new key. Either way the acknowledged change is lost.
    "no-vault-fsync": (["passwd"], ("WrongPassphrase", "HeaderCorrupted", "VaultCorrupted")),
}


@pytest.mark.parametrize("unsafe", UNSAFE)
def test_a_vault_that_does_not_sync_is_caught(
    shim: Path, tmp_path: Path, state_dir: Path, unsafe: str
) -> None:
    """Without SQLite's syncs (synchronous = OFF), or without the vault's own (a passphrase
    change whose header is never synced), the first power cut after an acknowledged write
    loses it, and the check says so."""
    ops, caught_by = UNSAFE[unsafe]
    seed = int.from_bytes(os.urandom(4), "big")
    outcome = power_cuts(shim, tmp_path, state_dir, 5, seed, min_delay=0.2, unsafe=unsafe,
                         ops=ops)
    print(f"\n{unsafe}: {outcome.loss}")
    assert outcome.loss is not None, (unsafe, outcome.stats.summary())
    assert any(marker in outcome.loss for marker in caught_by), outcome.loss
    assert outcome.writes_at_loss > 0 and outcome.writes_before_loss == 0, outcome
