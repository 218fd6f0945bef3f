"""`zpv sync setup|join|now|status` and `zpv devices [remove NAME]`, run as a person would,
two devices sharing one folder (a network share)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run_cli
from tests.support.vaults import NEW_PASSPHRASE, MadeVault, file_digests


def ok(*args: str, vault: Path, env: dict[str, str] | None = None) -> str:
    done = run_cli(*args, vault_dir=vault, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_two_devices_through_the_cli(made_vault: MadeVault, tmp_path: Path) -> None:
    laptop, desktop, folder = made_vault.directory, tmp_path / "desktop", tmp_path / "shared"
    said = ok("sync", "setup", str(folder), "--name", "laptop", vault=laptop)
    assert "now syncs through" in said and "'laptop'" in said
    ok("set", "diet", "vegan", vault=laptop)
    assert json.loads(ok("sync", "now", "--json", vault=laptop))["written"] == 1

    ok("sync", "join", str(folder), "--name", "desktop", vault=desktop)
    assert ok("get", "diet", vault=desktop).strip() == "vegan"
    ok("set", "diet", "vegetarian", vault=desktop)
    ok("sync", "now", vault=desktop)
    now = json.loads(ok("sync", "now", "--json", vault=laptop))
    assert now["applied"] >= 1 and now["refused"] == [] and now["state"] == "up_to_date"
    assert ok("get", "diet", vault=laptop).strip() == "vegetarian"

    status = json.loads(ok("sync", "status", "--json", vault=laptop))
    assert status["state"] == "up_to_date" and status["device"] == "laptop"
    logs = {c["device"]: c for c in status["activity_logs"]}
    assert logs["desktop"]["ok"] and logs["desktop"]["entries"] >= 2
    assert "Activity of desktop:" in ok("sync", "status", vault=laptop)
    assert status["folder"] == str(folder)
    devices = json.loads(ok("devices", "--json", vault=laptop))
    assert sorted((d["name"], d["this"], d["removed"]) for d in devices) == [
        ("desktop", False, False), ("laptop", True, False)]
    assert "last seen" in ok("devices", vault=laptop)

    removed = ok("devices", "remove", "desktop", vault=laptop)
    assert "zpv passwd" in removed
    devices = json.loads(ok("devices", "--json", vault=laptop))
    assert [d["removed"] for d in devices if d["name"] == "desktop"] == [True]
    nobody = run_cli("devices", "remove", "nobody", vault_dir=laptop)
    assert nobody.returncode != 0
    assert nobody.stderr.strip() == "zpv: no other device named 'nobody' (see 'zpv devices')"


def test_join_with_a_wrong_secret_changes_nothing(made_vault: MadeVault, tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    ok("sync", "setup", str(folder), vault=made_vault.directory)
    before = file_digests(folder)
    target = tmp_path / "thief"
    wrong = run_cli("sync", "join", str(folder), vault_dir=target, passphrase="not it at all 5")
    assert wrong.returncode != 0 and wrong.stderr.strip() == "zpv: wrong passphrase"
    code = run_cli("sync", "join", str(folder), "--recovery-code", vault_dir=target,
                   env={"ZPV_RECOVERY_CODE": "ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567",
                        "ZPV_NEW_PASSPHRASE": NEW_PASSPHRASE})
    assert code.returncode != 0 and code.stderr.startswith("zpv: wrong recovery code")
    assert file_digests(folder) == before
    assert not target.exists()


def test_join_with_the_recovery_code(made_vault: MadeVault, tmp_path: Path) -> None:
    folder, phone = tmp_path / "shared", tmp_path / "phone"
    ok("set", "diet", "vegan", vault=made_vault.directory)
    ok("sync", "setup", str(folder), vault=made_vault.directory)
    joined = run_cli("sync", "join", str(folder), "--recovery-code", "--json", vault_dir=phone,
                     passphrase=None, env={"ZPV_RECOVERY_CODE": made_vault.recovery_code,
                                           "ZPV_NEW_PASSPHRASE": NEW_PASSPHRASE})
    assert joined.returncode == 0, joined.stderr
    assert json.loads(joined.stdout)["recovery_code"] is None
    got = run_cli("get", "diet", vault_dir=phone, passphrase=NEW_PASSPHRASE)
    assert got.stdout.strip() == "vegan"


def test_sync_commands_on_a_vault_that_does_not_sync(made_vault: MadeVault) -> None:
    done = run_cli("sync", "now", vault_dir=made_vault.directory)
    assert done.returncode != 0
    assert done.stderr.strip() == (
        "zpv: this vault does not sync through a folder (see 'zpv sync setup')")
