"""The fault suite's worker: a zygote that imports everything once, then, for each round,
forks a child that unlocks the vault and runs random mixed operations until the zygote
kills it with SIGKILL at the moment it was told.

    python -m tests.hardening.fault_worker BRAND_ORIGIN

Commands arrive on stdin, one JSON object a line: {"vault": DIR, "seed": S, "passphrase": P,
"kill_after": SECONDS} runs a round; {"quit": true} ends. Everything goes to stdout as JSON
lines written with one write() each (atomic on a pipe): the child's {"begin": op} before an
operation and {"ack": op} after it returned, with the activity log's head as it then stood,
before the next begins; the zygote's {"reaped": status} once the child is dead, so every
line of a round comes before its "reaped".

For the power-loss test a round may also carry "sync_log" (a folder: the child points
sync_shim.c, preloaded into the zygote, at the vault and that folder), "ops" (only these
operations) and "unsafe", a deliberate fault the test must catch: "synchronous-off" (PRAGMA
synchronous = OFF once unlocked) or "no-vault-fsync" (the vault's own fsync calls skipped).

Forking from an imported zygote makes a round cost a fork instead of an interpreter start,
which is what lets the suite afford 500 kills. The zygote never opens the vault, starts a
thread or a connection, so each child starts clean.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from vault.errors import FieldRequiredByGrant
from vault.exchange.grants import GrantStatus
from vault.exchange.transport import HttpTransport
from vault.profile import audit
from vault.storage import fsutil
from vault.vault import Vault

COLOURS = ("black", "white", "grey", "navy", "blue", "green", "red", "pink")
WORDS = ("kite", "meadow", "orbit", "lantern", "saffron", "tulip", "harbour", "quill")
MAX_ACTIVE = 4


def say(**message: Any) -> None:
    os.write(1, (json.dumps(message) + "\n").encode())


def choose(rng: random.Random, vault: Vault,
           only: list[str] | None = None) -> tuple[str, dict[str, Any]]:
    active = [g.id for g in vault.grants.listing(status=GrantStatus.ACTIVE)]
    has_size = vault.fields.get("shoe_size_eu") is not None
    weights = {
        "set_size": 3.0, "set_colours": 2.0, "clear_colours": 1.0, "set_note": 2.0,
        "share": 3.0 if has_size and len(active) < MAX_ACTIVE else 0.0,
        "revoke": (1.0 + len(active)) if active else 0.0,
        "flush": 2.5, "passwd": 0.4, "relock": 0.4,
    }
    if only:
        weights = {op: weight if op in only else 0.0 for op, weight in weights.items()}
    op = rng.choices(list(weights), list(weights.values()))[0]
    args: dict[str, Any] = {}
    if op == "set_size":
        current = vault.fields.get("shoe_size_eu")
        args["value"] = rng.choice([v / 2 for v in range(30, 105) if v / 2 != current])
    elif op == "set_colours":
        current = vault.fields.get("favourite_colours")
        while True:
            picked = sorted(rng.sample(COLOURS, rng.randint(1, 3)), key=COLOURS.index)
            if picked != current:
                break
        args["value"] = picked
    elif op == "set_note":
        note = vault.fields.get("x_note")
        args["value"] = (note if isinstance(note, int) else 0) + 1
    elif op == "revoke":
        args["grant"] = rng.choice(active)
    elif op == "passwd":
        args["new"] = " ".join(rng.sample(WORDS, 3)) + f" {rng.randint(10, 99)}"
    return op, args


def perform(vault: Vault, op: str, args: dict[str, Any], directory: Path,
            passphrase: str) -> tuple[Vault, dict[str, Any]]:
    if op in ("set_size", "set_colours"):
        key = "shoe_size_eu" if op == "set_size" else "favourite_colours"
        return vault, {"value": vault.fields.set(key, args["value"])}
    if op == "set_note":
        return vault, {"value": vault.fields.set("x_note", args["value"])}
    if op == "clear_colours":
        try:
            return vault, {"cleared": vault.fields.clear("favourite_colours")}
        except FieldRequiredByGrant:  # a grant with colours only: not in this workload
            return vault, {"cleared": False, "refused": True}
    if op == "share":
        return vault, {"grant": vault.grants.share(ORIGIN, "fit-advice").grant.id}
    if op == "revoke":
        return vault, {"event": vault.grants.revoke(args["grant"]).jti}
    if op == "flush":
        report = vault.delivery.flush()
        return vault, {"delivered": report.delivered, "failed": report.failed,
                       "retrying": report.retrying}
    if op == "passwd":
        vault.change_passphrase(args["new"])
        return vault, {}
    if op == "relock":
        vault.lock()
        reopened = Vault.unlock(directory, passphrase)
        reopened.delivery.transport = vault.delivery.transport
        return reopened, {}
    raise ValueError(op)


def head(vault: Vault) -> list[Any] | None:
    current = audit.current_head(vault._store)
    return [current.seq, current.hash] if current else None


class WithoutFsync:
    """`os` for vault.fsutil, with fsync doing nothing."""

    def __getattr__(self, name: str) -> Any:
        return (lambda fd: None) if name == "fsync" else getattr(os, name)


def child(directory: Path, seed: int, passphrase: str, command: dict[str, Any]) -> None:
    if command.get("sync_log"):
        os.environ["ZPV_SYNC_WATCH"] = os.path.realpath(directory)
        os.environ["ZPV_SYNC_LOG"] = command["sync_log"]
    unsafe = command.get("unsafe")
    if unsafe == "no-vault-fsync":
        fsutil.os = WithoutFsync()  # type: ignore[assignment]
    rng = random.Random(seed)
    random.seed(seed)  # the outbox's jitter
    say(begin={"op": "unlock"})
    opened = Vault.unlock(directory, passphrase)
    opened.delivery.transport = HttpTransport(connect_timeout=2, total_timeout=5)
    if unsafe == "synchronous-off":
        opened._store.connection.execute("PRAGMA synchronous = OFF")
    say(ack={"op": "unlock", "head": head(opened)})
    while True:
        op, args = choose(rng, opened, command.get("ops"))
        say(begin={"op": op, **args})
        opened, result = perform(opened, op, args, directory, passphrase)
        if op == "passwd":
            passphrase = args["new"]
        if op == "relock" and unsafe == "synchronous-off":
            opened._store.connection.execute("PRAGMA synchronous = OFF")
        say(ack={"op": op, **args, **result, "head": head(opened)})


ORIGIN = ""


def main() -> None:
    global ORIGIN
    ORIGIN = sys.argv[1]
    say(ready=True)
    for line in sys.stdin:
        command = json.loads(line)
        if command.get("quit"):
            return
        pid = os.fork()
        if pid == 0:
            try:
                child(Path(command["vault"]), int(command["seed"]), str(command["passphrase"]),
                      command)
            except BaseException:
                say(error=traceback.format_exc())
                os._exit(3)
            os._exit(0)
        time.sleep(float(command["kill_after"]))
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _, status = os.waitpid(pid, 0)
        say(reaped={"signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
                    "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None})


if __name__ == "__main__":
    main()
