"""One changed byte anywhere in the header or the database gives a typed error, never a crash.

Header: every byte position with every one of the 255 other values, through the library, by
passphrase and by recovery code (spread over the machine's cores); 20 positions spread over
the header through the CLI.
Database (sampled; a database of at least 8 pages): all 16 bytes of the salt at the start
of page 1, and on every page the bytes at offsets 0, 1, 16, 100, 2048 (the middle), 4015
(the last byte of page content), 4016 (the first byte of the 16-byte IV), 4036 (inside the
64-byte HMAC) and 4095 (its last byte), each XOR 0x01, and offsets 0 and 2048 XOR 0xFF as
well; unlocking and reading everything must raise VaultCorrupted or report the damage, never
pass quietly. Seven through the CLI.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.parallel import cores, in_processes
from tests.support.vaults import PASSPHRASE, MadeVault, file_digests
from vault.errors import VaultCorrupted, VaultError
from vault.vault import Vault
from zpd.catalogue import CATALOGUE
from zpd.fieldtypes import FieldDef, FieldType, JsonValue, Sensitivity, TextFormat

PAGE_SIZE = 4096
SALT_BYTES = 16
# SQLCipher 4 reserves the end of each page: a 16-byte IV, then a 64-byte HMAC-SHA512.
RESERVE_BYTES = 80


def flipped(data: bytes, position: int, mask: int) -> bytes:
    changed = bytearray(data)
    changed[position] ^= mask
    return bytes(changed)


def assert_one_line_error(result: subprocess.CompletedProcess[str], codes: tuple[int, ...]) -> None:
    context = (result.returncode, result.stdout, result.stderr)
    assert result.returncode in codes, context
    assert "Traceback" not in result.stderr + result.stdout, context
    lines = result.stderr.splitlines()
    assert len(lines) == 1, context
    assert lines[0].startswith("zpv: "), context


def spread(length: int, count: int) -> list[int]:
    """`count` positions spread evenly over `length` bytes, always with the first and last."""
    step = max(1, (length - 1) // (count - 1))
    return sorted({*range(0, length, step), length - 1})


# -- header ----------------------------------------------------------------------------------


def _unlock_outcome(directory: Path, unlock: str, secret: str) -> str | None:
    """None when the unlock was refused with a typed error; otherwise what went wrong."""
    try:
        if unlock == "passphrase":
            opened = Vault.unlock(directory, secret)
        else:
            opened = Vault.unlock_with_recovery_code(directory, secret)
    except VaultError:
        return None
    except Exception as exc:  # any other type is what this looks for
        return f"{type(exc).__name__}: {exc}"
    opened.lock()
    return "unlocked"


@dataclass(frozen=True)
class HeaderTask:
    """Every other value at header positions [start, stop), tried on a copy of the vault."""

    vault: Path
    copy: Path
    recovery_code: str
    start: int
    stop: int


def untouched_besides_the_header(directory: Path) -> dict[str, tuple[int, int, int]]:
    """Every file but the header by name, with its inode, size and modification time: any
    write, creation, removal or replacement changes this (the files were last written long
    before, so a write now moves the time)."""
    return {p.name: (p.stat().st_ino, p.stat().st_size, p.stat().st_mtime_ns)
            for p in directory.iterdir() if p.name != "vault.header"}


def every_header_value(task: HeaderTask) -> tuple[int, list[str]]:
    """How many changed headers were tried, and what went wrong with any of them."""
    shutil.copytree(task.vault, task.copy)
    path = task.copy / "vault.header"
    original = path.read_bytes()
    changed = bytearray(original)
    others = untouched_besides_the_header(task.copy)
    tried, problems = 0, []
    for position in range(task.start, task.stop):
        for value in range(256):
            if value == original[position]:
                continue
            changed[position] = value
            path.write_bytes(changed)
            for unlock, secret in (("passphrase", PASSPHRASE), ("recovery", task.recovery_code)):
                outcome = _unlock_outcome(task.copy, unlock, secret)
                if outcome is not None:
                    problems.append(f"byte {position} = {value:#04x} by {unlock}: {outcome}")
            if path.read_bytes() != changed or untouched_besides_the_header(task.copy) != others:
                problems.append(f"byte {position} = {value:#04x}: files changed")
            tried += 1
        changed[position] = original[position]
    path.write_bytes(original)
    assert file_digests(task.copy) == file_digests(task.vault)  # and by content, at the end
    shutil.rmtree(task.copy)
    return tried, problems


@pytest.mark.slow
def test_every_value_of_every_header_byte_is_a_typed_error(
    made_vault: MadeVault, tmp_path: Path
) -> None:
    started = time.monotonic()
    length = len((made_vault.directory / "vault.header").read_bytes())
    assert length > 300
    step = 32
    tasks = [HeaderTask(made_vault.directory, tmp_path / f"copy-{start}",
                        made_vault.recovery_code, start, min(start + step, length))
             for start in range(0, length, step)]
    results = in_processes(every_header_value, tasks)
    tried = sum(count for count, _ in results)
    problems = [problem for _, found in results for problem in found]
    print(f"\nheader: {tried} changed headers ({length} bytes x 255), two unlocks each, in "
          f"{time.monotonic() - started:.1f} s on {cores()} cores")
    assert tried == length * 255
    assert problems == [], problems[:10]
    # Control: the untouched header still opens, so the refusals above were about the changes.
    made_vault.unlock().lock()


def test_truncated_or_extended_header_is_a_typed_error(made_vault: MadeVault) -> None:
    path = made_vault.directory / "vault.header"
    original = path.read_bytes()
    for damaged in (b"", original[:-1], original[: len(original) // 2], original + b"\n", b"{}\n"):
        path.write_bytes(damaged)
        assert _unlock_outcome(made_vault.directory, "passphrase", PASSPHRASE) is None, damaged


@pytest.mark.slow
def test_header_byte_flips_through_the_cli(made_vault: MadeVault) -> None:
    directory = made_vault.directory
    path = directory / "vault.header"
    original = path.read_bytes()
    for position in spread(len(original), 20):
        path.write_bytes(flipped(original, position, 0x01 if position % 2 else 0xFF))
        before = file_digests(directory)
        result = run_cli("get", "preferred_name", vault_dir=directory)
        assert_one_line_error(result, (3, 4))
        assert result.stdout == ""
        assert file_digests(directory) == before
    path.write_bytes(original)
    control = run_cli("get", "preferred_name", vault_dir=directory)
    assert control.returncode == 1  # no value yet: the ordinary "has no value" answer
    assert control.stderr.strip() == "zpv: preferred_name has no value"


# -- database --------------------------------------------------------------------------------


def _sample_value(field: FieldDef, variant: int) -> JsonValue:
    if field.type is FieldType.TEXT:
        if field.text_format is TextFormat.EMAIL:
            return f"person{variant}@example.org"
        if field.text_format is TextFormat.COUNTRY:
            return ("GR", "NL", "FR")[variant % 3]
        return f"{field.key} value {variant} " + "lorem ipsum " * 20
    if field.type is FieldType.NUMBER:
        assert field.minimum is not None
        return int(field.minimum) + variant
    if field.type is FieldType.CHOICE:
        return field.choices[variant % len(field.choices)]
    if field.type is FieldType.MULTI_CHOICE:
        return list(field.choices[variant % 2 :])
    if field.type is FieldType.DATE:
        return f"0{1 + variant % 9}-1{variant % 10}" if field.month_day else "1990-05-17"
    return variant % 2 == 0


def populate(vault: Vault) -> None:
    """Enough values, history and audit entries that the database spans many pages."""
    for variant in range(2):
        for field in CATALOGUE:
            vault.fields.set(field.key, _sample_value(field, variant))
        for field in CATALOGUE[::2]:
            vault.fields.clear(field.key)
    for field in CATALOGUE:
        vault.fields.set(field.key, _sample_value(field, 3))
    for index in range(12):
        key = vault.fields.define(
            f"note_{index}", f"Note {index}", FieldType.TEXT, Sensitivity.PERSONAL
        ).key
        vault.fields.set(key, f"custom note {index} " + "x" * 400)


@pytest.fixture
def populated(made_vault: MadeVault) -> Iterator[MadeVault]:
    with made_vault.unlock() as opened:
        populate(opened)
    assert not (made_vault.directory / "vault.db-wal").exists()
    yield made_vault


def database_positions(size: int) -> list[int]:
    assert size % PAGE_SIZE == 0
    pages = size // PAGE_SIZE
    in_page = (
        0,
        1,
        SALT_BYTES,  # first byte after the salt
        100,
        PAGE_SIZE // 2,
        PAGE_SIZE - RESERVE_BYTES - 1,  # last byte of page content
        PAGE_SIZE - RESERVE_BYTES,  # first byte of the IV
        PAGE_SIZE - RESERVE_BYTES + 20,  # inside the HMAC
        PAGE_SIZE - 1,
    )
    positions = set(range(SALT_BYTES))  # all of page 1's salt
    for page in range(pages):
        positions.update(page * PAGE_SIZE + offset for offset in in_page)
    return sorted(positions)


def read_everything(directory: Path) -> str:
    """Unlock and read all; 'refused' when VaultCorrupted was raised, 'reported' when
    a check flagged the damage, 'clean' when everything looked fine."""
    try:
        with Vault.unlock(directory, PASSPHRASE) as opened:
            values = opened.fields.all()
            assert len(values) >= len(CATALOGUE)
            report = opened.audit.verify()
            problems = opened.integrity_problems()
            for field in CATALOGUE:
                opened.fields.history(field.key)
            opened.audit.entries(limit=10_000)
    except VaultCorrupted:
        return "refused"
    if problems or not report.ok:
        return "reported"
    return "clean"


@pytest.mark.slow
def test_the_populated_database_spans_many_pages_and_reads_clean(populated: MadeVault) -> None:
    """Control for the flips below: undamaged, every check passes."""
    size = (populated.directory / "vault.db").stat().st_size
    assert size // PAGE_SIZE >= 8
    assert read_everything(populated.directory) == "clean"


@pytest.mark.slow
def test_database_byte_flips_are_refused_or_reported(populated: MadeVault) -> None:
    directory = populated.directory
    path = directory / "vault.db"
    original = path.read_bytes()
    problems = []
    outcomes: dict[str, int] = {}
    for position in database_positions(len(original)):
        for mask in (0x01, 0xFF) if position % PAGE_SIZE in (0, PAGE_SIZE // 2) else (0x01,):
            path.write_bytes(flipped(original, position, mask))
            before = file_digests(directory)
            where = f"page {position // PAGE_SIZE + 1} offset {position % PAGE_SIZE} ^ {mask:#x}"
            try:
                outcome = read_everything(directory)
            except Exception as exc:  # any other type is the failure looked for
                outcome = f"{type(exc).__name__}: {exc}"
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            if outcome not in ("refused", "reported"):
                problems.append(f"{where}: {outcome}")
            if file_digests(directory) != before:
                problems.append(f"{where}: reading changed the files")
    path.write_bytes(original)
    assert problems == [], outcomes
    assert read_everything(directory) == "clean"


RESIZES = {
    "emptied": lambda data: b"",
    "partial-first-page": lambda data: data[:100],
    "first-page-only": lambda data: data[:PAGE_SIZE],
    "last-page-cut": lambda data: data[:-PAGE_SIZE],
    "torn-last-page": lambda data: data[: len(data) - PAGE_SIZE // 2],
    "zero-page-appended": lambda data: data + bytes(PAGE_SIZE),
    "copied-page-appended": lambda data: data + data[PAGE_SIZE : 2 * PAGE_SIZE],
}


@pytest.mark.slow
@pytest.mark.parametrize("resize", RESIZES.values(), ids=RESIZES.keys())
def test_truncated_or_extended_database_is_refused_or_reported(
    populated: MadeVault, resize: Callable[[bytes], bytes]
) -> None:
    directory = populated.directory
    path = directory / "vault.db"
    path.write_bytes(resize(path.read_bytes()))
    before = file_digests(directory)
    assert read_everything(directory) in ("refused", "reported")
    # Refused or not, the damaged file is left exactly as found (no fresh schema written in).
    assert file_digests(directory) == before
    assert_one_line_error(run_cli("audit", "--verify", vault_dir=directory), (4,))
    assert file_digests(directory) == before


@pytest.mark.slow
def test_database_byte_flips_through_the_cli(populated: MadeVault) -> None:
    directory = populated.directory
    path = directory / "vault.db"
    original = path.read_bytes()
    last_page = len(original) - PAGE_SIZE
    sample = [
        3,  # page 1 salt
        SALT_BYTES + 40,  # page 1 content
        PAGE_SIZE + 10,  # page 2
        (len(original) // PAGE_SIZE // 2) * PAGE_SIZE + PAGE_SIZE // 2,  # a middle page
        last_page + 200,
        last_page + PAGE_SIZE - RESERVE_BYTES + 3,  # last page IV
        len(original) - 1,  # last byte of the file: the last page's HMAC
    ]
    for position in sample:
        path.write_bytes(flipped(original, position, 0x01))
        before = file_digests(directory)
        result = run_cli("audit", "--verify", vault_dir=directory)
        assert_one_line_error(result, (4,))
        assert file_digests(directory) == before
    path.write_bytes(original)
    control = run_cli("audit", "--verify", vault_dir=directory)
    assert (control.returncode, control.stderr) == (0, ""), control.stderr
