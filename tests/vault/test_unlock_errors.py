"""Every way an unlock can be refused gives its typed error and leaves every file as it was.

Also: passphrase change and recovery (library and CLI; what a re-key leaves an old header
or backup is in test_rekey.py), the one-process lock, and the passphrase policy at creation.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import selectors
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import clean_environment, run_cli
from tests.support.vaults import (
    FAST_KDF,
    NEW_PASSPHRASE,
    PASSPHRASE,
    PROJECT_ROOT,
    MadeVault,
    file_digests,
)
from vault.errors import (
    HeaderCorrupted,
    NotAVault,
    UnsupportedFormat,
    VaultBusy,
    Weakness,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryCode,
)
from vault.storage import keys
from vault.storage.header import FORMAT_VERSION, header_path
from vault.storage.migrations import LATEST_VERSION
from vault.vault import Vault

Document = dict[str, Any]


# -- helpers ---------------------------------------------------------------------------------


def _canonical(document: Document) -> bytes:
    """The header's canonical form, written out here independently of vault.header."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def rewrite_header(directory: Path, edit: Callable[[Document], None]) -> None:
    """Edit the header's JSON and write it back canonical, with a correct checksum."""
    path = header_path(directory)
    document = json.loads(path.read_bytes())
    del document["checksum"]
    edit(document)
    document["checksum"] = hashlib.sha256(_canonical(document)).hexdigest()
    path.write_bytes(_canonical(document) + b"\n")


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("zpv: "), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    return lines[0]


def db_digest(directory: Path) -> str:
    return hashlib.sha256((directory / "vault.db").read_bytes()).hexdigest()


def assert_opens_with(made: MadeVault, passphrase: str) -> None:
    with Vault.unlock(made.directory, passphrase) as opened:
        assert opened.fields.get("preferred_name") == "Ada"


@pytest.fixture
def named_vault(made_vault: MadeVault) -> MadeVault:
    """A locked vault holding one value, so a successful open can be told apart."""
    with made_vault.unlock() as opened:
        opened.fields.set("preferred_name", "Ada")
    return made_vault


def test_rewrite_header_without_edits_is_byte_identical(named_vault: MadeVault) -> None:
    """Guard for the edit tests below: the helper itself changes nothing."""
    before = header_path(named_vault.directory).read_bytes()
    rewrite_header(named_vault.directory, lambda document: None)
    assert header_path(named_vault.directory).read_bytes() == before
    assert_opens_with(named_vault, PASSPHRASE)


# -- wrong secrets ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "wrong",
    [
        NEW_PASSPHRASE,
        PASSPHRASE + " ",
        PASSPHRASE.upper(),
        "",
        "tulip lantern orbit 43",
    ],
)
def test_wrong_passphrase_is_typed_and_changes_nothing(named_vault: MadeVault, wrong: str) -> None:
    before = file_digests(named_vault.directory)
    with pytest.raises(WrongPassphrase):
        Vault.unlock(named_vault.directory, wrong)
    assert file_digests(named_vault.directory) == before
    assert_opens_with(named_vault, PASSPHRASE)


def test_passphrase_is_nfc_normalised(tmp_path: Path) -> None:
    composed = "caf\u00e9 lantern orbit 42"
    decomposed = "cafe\u0301 lantern orbit 42"
    vault, _ = Vault.create(tmp_path / "v", composed, kdf=FAST_KDF)
    vault.lock()
    Vault.unlock(tmp_path / "v", decomposed).lock()


def test_wrong_recovery_code_is_typed_and_changes_nothing(named_vault: MadeVault) -> None:
    other = keys.new_recovery_code()
    assert other != named_vault.recovery_code
    before = file_digests(named_vault.directory)
    with pytest.raises(WrongRecoveryCode):
        Vault.unlock_with_recovery_code(named_vault.directory, other)
    assert file_digests(named_vault.directory) == before


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda code: "", id="empty"),
        pytest.param(lambda code: code[:-1], id="one-short"),
        pytest.param(lambda code: code + "7", id="one-long"),
        pytest.param(lambda code: code[:-1] + "!", id="bad-character"),
        pytest.param(lambda code: code.replace("-", "_"), id="underscores"),
        pytest.param(lambda code: PASSPHRASE, id="a-passphrase"),
    ],
)
def test_malformed_recovery_code_is_typed_and_changes_nothing(
    named_vault: MadeVault, mangle: Callable[[str], str]
) -> None:
    before = file_digests(named_vault.directory)
    with pytest.raises(WrongRecoveryCode):
        Vault.unlock_with_recovery_code(named_vault.directory, mangle(named_vault.recovery_code))
    assert file_digests(named_vault.directory) == before


def test_cli_wrong_passphrase_exits_3_with_one_line(named_vault: MadeVault) -> None:
    before = file_digests(named_vault.directory)
    result = run_cli("get", "preferred_name", vault_dir=named_vault.directory, passphrase="nope")
    line = assert_one_line_error(result, 3)
    assert "passphrase" in line
    assert result.stdout == ""
    assert file_digests(named_vault.directory) == before


# -- passphrase change -----------------------------------------------------------------------


def test_passphrase_change_re_keys_the_database(named_vault: MadeVault) -> None:
    """Not only the header: the database is re-encrypted under a new data key (so the old
    header with the old passphrase opens nothing: tests/vault/test_rekey.py)."""
    directory = named_vault.directory
    db_before = db_digest(directory)
    header_before = header_path(directory).read_bytes()

    with named_vault.unlock() as opened:
        key_before = bytes(opened._key())
        opened.change_passphrase(NEW_PASSPHRASE)
        assert bytes(opened._key()) != key_before
        assert opened.fields.get("preferred_name") == "Ada"  # still usable after the re-key

    assert db_digest(directory) != db_before
    assert header_path(directory).read_bytes() != header_before
    assert not (directory / "vault.db-wal").exists()
    with pytest.raises(WrongPassphrase):
        Vault.unlock(directory, PASSPHRASE)
    assert_opens_with(named_vault, NEW_PASSPHRASE)
    with Vault.unlock_with_recovery_code(directory, named_vault.recovery_code) as recovered:
        assert recovered.fields.get("preferred_name") == "Ada"


def test_passphrase_change_refuses_a_weak_passphrase(named_vault: MadeVault) -> None:
    before = file_digests(named_vault.directory)
    with named_vault.unlock() as opened, pytest.raises(WeakPassphrase):
        opened.change_passphrase("password1234")
    assert file_digests(named_vault.directory) == before
    assert_opens_with(named_vault, PASSPHRASE)


def new_passphrase_secrets(command: str, made: MadeVault) -> tuple[str | None, dict[str, str]]:
    """(ZPV_PASSPHRASE, the rest of the environment) with which `zpv COMMAND` sets
    NEW_PASSPHRASE: the old passphrase for passwd, the recovery code (typed loosely) for
    recover."""
    if command == "passwd":
        return PASSPHRASE, {"ZPV_NEW_PASSPHRASE": NEW_PASSPHRASE}
    typed = made.recovery_code.lower().replace("-", " ")
    return None, {"ZPV_RECOVERY_CODE": typed, "ZPV_NEW_PASSPHRASE": NEW_PASSPHRASE}


@pytest.mark.parametrize("command", ["passwd", "recover"])
def test_zpv_sets_a_new_passphrase(named_vault: MadeVault, command: str) -> None:
    directory = named_vault.directory
    passphrase, env = new_passphrase_secrets(command, named_vault)
    result = run_cli(command, vault_dir=directory, passphrase=passphrase, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""

    with pytest.raises(WrongPassphrase):
        Vault.unlock(directory, PASSPHRASE)
    assert_opens_with(named_vault, NEW_PASSPHRASE)
    # The recovery code stays valid, used or not.
    Vault.unlock_with_recovery_code(directory, named_vault.recovery_code).lock()


def test_zpv_passwd_with_the_wrong_passphrase_changes_nothing(named_vault: MadeVault) -> None:
    before = file_digests(named_vault.directory)
    result = run_cli(
        "passwd",
        vault_dir=named_vault.directory,
        passphrase=NEW_PASSPHRASE,
        env={"ZPV_NEW_PASSPHRASE": "another good 55 passphrase"},
    )
    assert_one_line_error(result, 3)
    assert file_digests(named_vault.directory) == before


def test_zpv_passwd_refuses_a_weak_new_passphrase(named_vault: MadeVault) -> None:
    before = file_digests(named_vault.directory)
    result = run_cli(
        "passwd", vault_dir=named_vault.directory, env={"ZPV_NEW_PASSPHRASE": "short"}
    )
    line = assert_one_line_error(result, 1)
    assert "refused" in line
    assert file_digests(named_vault.directory) == before
    assert_opens_with(named_vault, PASSPHRASE)


# -- recovery --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "retype",
    [
        pytest.param(lambda code: code, id="as-shown"),
        pytest.param(str.lower, id="lower-case"),
        pytest.param(lambda code: code.replace("-", " "), id="spaces"),
        pytest.param(lambda code: code.replace("-", ""), id="no-separators"),
        pytest.param(lambda code: f"  {code.lower().replace('-', '  ')}\n", id="sloppy"),
    ],
)
def test_recovery_code_accepts_how_people_retype_it(
    named_vault: MadeVault, retype: Callable[[str], str]
) -> None:
    with Vault.unlock_with_recovery_code(
        named_vault.directory, retype(named_vault.recovery_code)
    ) as opened:
        assert opened.fields.get("preferred_name") == "Ada"


# Every symbol of the alphabet, so each misreading below has something to stand for.
KNOWN_CODE = keys.format_recovery_code("0123456789ABCDEFGHJKMNPQRSTVWX")


@pytest.fixture
def known_code_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MadeVault:
    """A vault whose (random-looking) recovery code is fixed, holding 0, 1 and V."""
    monkeypatch.setattr(keys, "new_recovery_code", lambda: KNOWN_CODE)
    directory = tmp_path / "vault"
    vault, code = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)
    assert code == KNOWN_CODE
    with vault:
        vault.fields.set("preferred_name", "Ada")
    return MadeVault(directory, PASSPHRASE, code)


@pytest.mark.parametrize(
    "retype",
    [
        pytest.param(lambda code: code.replace("0", "O"), id="O-for-0"),
        pytest.param(lambda code: code.replace("0", "o"), id="o-for-0"),
        pytest.param(lambda code: code.replace("1", "I"), id="I-for-1"),
        pytest.param(lambda code: code.replace("1", "l"), id="l-for-1"),
        pytest.param(lambda code: code.replace("V", "U"), id="U-for-V"),
        pytest.param(
            lambda code: code.replace("0", "O").replace("-", " ").lower(), id="all-at-once"
        ),
    ],
)
def test_recovery_code_accepts_misreadings(
    known_code_vault: MadeVault, retype: Callable[[str], str]
) -> None:
    typed = retype(known_code_vault.recovery_code)
    assert typed != known_code_vault.recovery_code
    with Vault.unlock_with_recovery_code(known_code_vault.directory, typed) as opened:
        assert opened.fields.get("preferred_name") == "Ada"


def test_recovery_then_new_passphrase_through_the_library(named_vault: MadeVault) -> None:
    directory = named_vault.directory
    with Vault.unlock_with_recovery_code(directory, named_vault.recovery_code) as opened:
        opened.change_passphrase(NEW_PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        Vault.unlock(directory, PASSPHRASE)
    assert_opens_with(named_vault, NEW_PASSPHRASE)


def test_zpv_recover_with_a_wrong_code_changes_nothing(named_vault: MadeVault) -> None:
    before = file_digests(named_vault.directory)
    result = run_cli(
        "recover",
        vault_dir=named_vault.directory,
        passphrase=None,
        env={
            "ZPV_RECOVERY_CODE": keys.new_recovery_code(),
            "ZPV_NEW_PASSPHRASE": NEW_PASSPHRASE,
        },
    )
    line = assert_one_line_error(result, 3)
    assert "recovery code" in line
    assert file_digests(named_vault.directory) == before
    assert_opens_with(named_vault, PASSPHRASE)


# -- not a vault -----------------------------------------------------------------------------


def _empty_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "empty"
    directory.mkdir()
    return directory


def _missing_dir(tmp_path: Path) -> Path:
    return tmp_path / "missing"


def _random_files(tmp_path: Path) -> Path:
    directory = tmp_path / "random"
    directory.mkdir()
    (directory / "vault.db").write_bytes(os.urandom(8192))
    (directory / "notes.txt").write_text("not a vault\n")
    (directory / "header").write_bytes(os.urandom(300))
    return directory


def _a_file(tmp_path: Path) -> Path:
    path = tmp_path / "file"
    path.write_bytes(b"just a file\n")
    return path


def _other_format(tmp_path: Path) -> Path:
    """A header file that checks out but names another format."""
    directory = tmp_path / "other"
    vault, _ = Vault.create(directory, PASSPHRASE, kdf=FAST_KDF)
    vault.lock()
    rewrite_header(directory, lambda document: document.update(format="something-else"))
    return directory


@pytest.mark.parametrize(
    "make", [_empty_dir, _missing_dir, _random_files, _a_file, _other_format]
)
def test_not_a_vault(tmp_path: Path, make: Callable[[Path], Path]) -> None:
    target = make(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    digests = file_digests(target) if target.is_dir() else None

    with pytest.raises(NotAVault):
        Vault.unlock(target, PASSPHRASE)
    with pytest.raises(NotAVault):
        Vault.unlock_with_recovery_code(target, keys.new_recovery_code())

    assert sorted(p.name for p in tmp_path.iterdir()) == before
    if digests is not None:
        assert file_digests(target) == digests
    result = run_cli("get", "preferred_name", vault_dir=target)
    assert_one_line_error(result, 4)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


# -- newer formats ---------------------------------------------------------------------------


def test_header_from_a_newer_version_is_unsupported(named_vault: MadeVault) -> None:
    directory = named_vault.directory
    rewrite_header(directory, lambda document: document.update(version=FORMAT_VERSION + 1))
    before = file_digests(directory)

    with pytest.raises(UnsupportedFormat) as raised:
        Vault.unlock(directory, PASSPHRASE)
    assert (raised.value.what, raised.value.found) == ("header", FORMAT_VERSION + 1)
    assert raised.value.supported == FORMAT_VERSION
    with pytest.raises(UnsupportedFormat):
        Vault.unlock_with_recovery_code(directory, named_vault.recovery_code)
    assert file_digests(directory) == before

    line = assert_one_line_error(run_cli("get", "preferred_name", vault_dir=directory), 4)
    assert "newer" in line
    assert file_digests(directory) == before


def test_database_from_a_newer_version_is_unsupported(named_vault: MadeVault) -> None:
    directory = named_vault.directory
    with named_vault.unlock() as opened:
        opened._store.connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    before = file_digests(directory)

    with pytest.raises(UnsupportedFormat) as raised:
        Vault.unlock(directory, PASSPHRASE)
    assert (raised.value.what, raised.value.found) == ("database", LATEST_VERSION + 1)
    assert raised.value.supported == LATEST_VERSION
    assert file_digests(directory) == before

    line = assert_one_line_error(run_cli("get", "preferred_name", vault_dir=directory), 4)
    assert "newer" in line
    assert file_digests(directory) == before


# -- edited header ---------------------------------------------------------------------------


def _slot(name: str, key: str, value: object) -> Callable[[Document], None]:
    def edit(document: Document) -> None:
        document["slots"][name][key] = value

    return edit


def _flip_b64(name: str, key: str) -> Callable[[Document], None]:
    def edit(document: Document) -> None:
        raw = bytearray(base64.b64decode(document["slots"][name][key]))
        raw[0] ^= 0x01
        document["slots"][name][key] = base64.b64encode(bytes(raw)).decode()

    return edit


KDF_EDITS = {
    "memory-doubled": _slot("passphrase", "memory_kib", FAST_KDF.memory_kib * 2),
    "memory-lowered": _slot("passphrase", "memory_kib", FAST_KDF.memory_kib // 2),
    "iterations-raised": _slot("passphrase", "iterations", FAST_KDF.iterations + 1),
    "lanes-raised": _slot("passphrase", "lanes", FAST_KDF.lanes + 1),
    "salt-changed": _flip_b64("passphrase", "salt"),
    "memory-below-bounds": _slot("passphrase", "memory_kib", 4),
    "memory-above-bounds": _slot("passphrase", "memory_kib", 8 * 1024 * 1024),
    "iterations-zero": _slot("passphrase", "iterations", 0),
    "lanes-zero": _slot("passphrase", "lanes", 0),
    "memory-as-text": _slot("passphrase", "memory_kib", "1024"),
    "memory-as-bool": _slot("passphrase", "iterations", True),
    "kdf-renamed": _slot("passphrase", "kdf", "pbkdf2"),
}


@pytest.mark.parametrize("edit", KDF_EDITS.values(), ids=KDF_EDITS.keys())
def test_edited_kdf_parameters_never_unlock(
    named_vault: MadeVault, edit: Callable[[Document], None]
) -> None:
    directory = named_vault.directory
    rewrite_header(directory, edit)
    before = file_digests(directory)
    with pytest.raises((WrongPassphrase, HeaderCorrupted)):
        Vault.unlock(directory, PASSPHRASE)
    assert file_digests(directory) == before


@pytest.mark.parametrize(
    "edit",
    [KDF_EDITS["memory-doubled"], KDF_EDITS["iterations-raised"], KDF_EDITS["salt-changed"]],
    ids=["memory-doubled", "iterations-raised", "salt-changed"],
)
def test_edited_kdf_parameters_are_caught_by_the_mac(
    named_vault: MadeVault, edit: Callable[[Document], None]
) -> None:
    """The recovery slot still unwraps the data key, and then the MAC exposes the edit."""
    directory = named_vault.directory
    rewrite_header(directory, edit)
    before = file_digests(directory)
    with pytest.raises(HeaderCorrupted):
        Vault.unlock_with_recovery_code(directory, named_vault.recovery_code)
    assert file_digests(directory) == before


def _flip_mac(document: Document) -> None:
    raw = bytearray(base64.b64decode(document["mac"]))
    raw[-1] ^= 0x80
    document["mac"] = base64.b64encode(bytes(raw)).decode()


MAC_EDITS = {
    "mac-flipped": _flip_mac,
    "mac-zeroed": lambda document: document.update(mac=base64.b64encode(bytes(32)).decode()),
    "created-at-moved": lambda document: document.update(created_at=document["created_at"] - 1),
    "passphrase-changed-at-moved": lambda document: document.update(
        passphrase_changed_at=document["passphrase_changed_at"] + 86400
    ),
    "recovery-slot-edited": _flip_b64("recovery", "wrapped"),
}


@pytest.mark.parametrize("edit", MAC_EDITS.values(), ids=MAC_EDITS.keys())
def test_mac_tampering_is_header_corrupted(
    named_vault: MadeVault, edit: Callable[[Document], None]
) -> None:
    directory = named_vault.directory
    rewrite_header(directory, edit)
    before = file_digests(directory)
    with pytest.raises(HeaderCorrupted):
        Vault.unlock(directory, PASSPHRASE)
    assert file_digests(directory) == before
    assert_one_line_error(run_cli("get", "preferred_name", vault_dir=directory), 4)
    assert file_digests(directory) == before


def test_mac_tampering_is_caught_through_the_recovery_slot_too(named_vault: MadeVault) -> None:
    directory = named_vault.directory
    rewrite_header(directory, _flip_mac)
    before = file_digests(directory)
    with pytest.raises(HeaderCorrupted):
        Vault.unlock_with_recovery_code(directory, named_vault.recovery_code)
    assert file_digests(directory) == before


# -- one process at a time -------------------------------------------------------------------

HOLDER = """
import os, sys
from pathlib import Path
from vault.vault import Vault

vault = Vault.unlock(Path(sys.argv[1]), os.environ["ZPV_PASSPHRASE"])
print("ready", flush=True)
sys.stdin.read()
vault.lock()
print("locked", flush=True)
"""


def read_line(process: subprocess.Popen[bytes], timeout: float) -> str:
    """One line from the child's stdout, or fail after `timeout` seconds (never hangs)."""
    assert process.stdout is not None
    buffer = b""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while b"\n" not in buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                pytest.fail(f"no line from the child within {timeout} s; got {buffer!r}")
            chunk = os.read(process.stdout.fileno(), 4096)
            if not chunk:
                pytest.fail(f"the child closed its output; got {buffer!r}")
            buffer += chunk
    return buffer.decode().strip()


@pytest.fixture
def holder(named_vault: MadeVault) -> Iterator[subprocess.Popen[bytes]]:
    """Another process with the vault unlocked, waiting until its stdin closes."""
    environment = clean_environment()
    environment["ZPV_PASSPHRASE"] = named_vault.passphrase
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(named_vault.directory)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=environment,
        cwd=PROJECT_ROOT,
    )
    try:
        assert read_line(process, timeout=30) == "ready"
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


@pytest.mark.slow
def test_a_vault_open_in_another_process_is_busy(
    named_vault: MadeVault, holder: subprocess.Popen[bytes]
) -> None:
    directory = named_vault.directory
    before = file_digests(directory)

    with pytest.raises(VaultBusy):
        Vault.unlock(directory, PASSPHRASE)
    with pytest.raises(VaultBusy):
        Vault.unlock_with_recovery_code(directory, named_vault.recovery_code)
    with pytest.raises(VaultBusy):  # refused before any secret is tried
        Vault.unlock(directory, "not the passphrase")
    assert file_digests(directory) == before

    for args in (("get", "preferred_name"), ("set", "preferred_name", "Bob"), ("passwd",)):
        result = run_cli(*args, vault_dir=directory, env={"ZPV_NEW_PASSPHRASE": NEW_PASSPHRASE})
        line = assert_one_line_error(result, 1)
        assert "another" in line
    assert file_digests(directory) == before

    assert holder.stdin is not None
    holder.stdin.close()
    assert read_line(holder, timeout=30) == "locked"
    assert holder.wait(timeout=30) == 0

    assert_opens_with(named_vault, PASSPHRASE)
    got = run_cli("get", "preferred_name", vault_dir=directory)
    assert (got.returncode, got.stdout.strip()) == (0, "Ada")


def test_a_killed_holder_leaves_no_stale_lock(
    named_vault: MadeVault, holder: subprocess.Popen[bytes]
) -> None:
    with pytest.raises(VaultBusy):
        Vault.unlock(named_vault.directory, PASSPHRASE)
    holder.kill()
    holder.wait(timeout=30)
    assert_opens_with(named_vault, PASSPHRASE)


def test_a_second_open_in_the_same_process_is_busy(named_vault: MadeVault) -> None:
    with named_vault.unlock():
        with pytest.raises(VaultBusy):
            Vault.unlock(named_vault.directory, PASSPHRASE)
    assert_opens_with(named_vault, PASSPHRASE)


# -- passphrase policy -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weak", "reason"),
    [
        ("short", Weakness.TOO_SHORT),
        ("", Weakness.TOO_SHORT),
        ("password1234", Weakness.COMMON),
        ("Password1234!", Weakness.COMMON),
        ("aaaaaaaaaaaaaaaa", Weakness.REPETITIVE),
        ("abababababababab", Weakness.REPETITIVE),
        ("qwertyuiopasdf", Weakness.SEQUENCE),
        ("abcdefghijklmnop", Weakness.SEQUENCE),
        ("839201574638", Weakness.LOW_VARIETY),
    ],
)
def test_weak_passphrases_are_refused_at_create(tmp_path: Path, weak: str, reason: str) -> None:
    directory = tmp_path / "vault"
    with pytest.raises(WeakPassphrase) as raised:
        Vault.create(directory, weak, kdf=FAST_KDF)
    assert reason in raised.value.reasons
    assert list(tmp_path.iterdir()) == []  # nothing created, not even a staging directory


@pytest.mark.parametrize(
    "strong",
    [
        PASSPHRASE,
        NEW_PASSPHRASE,
        "correct kettle 9 saffron",
        "Ζωή μου, πορτοκάλι 42",
        "r7#Lq-v2!Xm9",
    ],
)
def test_strong_passphrases_are_accepted(tmp_path: Path, strong: str) -> None:
    vault, code = Vault.create(tmp_path / "vault", strong, kdf=FAST_KDF)
    vault.lock()
    keys.normalise_recovery_code(code)  # a well-formed code came back
    Vault.unlock(tmp_path / "vault", strong).lock()


def test_zpv_init_refuses_a_weak_passphrase_with_a_reason(tmp_path: Path) -> None:
    directory = tmp_path / "vault"
    result = run_cli("init", vault_dir=directory, passphrase="password1234")
    line = assert_one_line_error(result, 1)
    assert "common" in line
    assert not directory.exists()
