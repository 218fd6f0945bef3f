"""`zpv` given bytes that are not UTF-8 where it needs text: a usage error, nothing changed.

A shell hands a program bytes; Python decodes those that are not UTF-8 into lone
surrogates, which cannot be stored, signed or sent. Every such argument, standard
input, a passphrase file or variable, gets a one-line error and exit code 2, never a
traceback. A file or folder name may hold any bytes, and still works.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import clean_environment, run_cli
from tests.support.cli_arguments import all_arguments, names_saying
from tests.support.vaults import PASSPHRASE, PROJECT_ROOT, MadeVault, file_digests
from vault.cli.main import PATH_ARGUMENTS, build_parser

NOT_UTF8 = "\udcff"  # what Python makes of the byte 0xFF on a command line


def assert_refused(result: subprocess.CompletedProcess[str], said: str) -> None:
    assert result.returncode == 2, result.stderr
    assert said in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("args", "said"), [
    (("set", "email", f"me{NOT_UTF8}@example.org"), "the value argument is not UTF-8 text"),
    (("define", "note", f"Note {NOT_UTF8}"), "the label argument is not UTF-8 text"),
    (("get", f"field{NOT_UTF8}"), "the field argument is not UTF-8 text"),
    (("answer", "https://shoes.example", f"q:{NOT_UTF8}", "yes"),
     "the key argument is not UTF-8 text"),
    (("sync", "status", "--name", f"laptop{NOT_UTF8}"), "the name argument is not UTF-8 text"),
    # a folder whose name the vault keeps, and one on a mail server: text, not paths here
    (("sync", "setup", f"synced {NOT_UTF8}"), "the sync folder argument is not UTF-8 text"),
    (("mailbox", "--host", "imap.example.org", "--user", "me", "--folder", f"IN{NOT_UTF8}BOX"),
     "the imap folder argument is not UTF-8 text"),
    (("request", "fetch", f"https://shoes{NOT_UTF8}.example"), "the address is not UTF-8 text"),
    (("request", "open", f"zpd://share?request_uri=https://shoes.example/r{NOT_UTF8}"),
     "the link is not UTF-8 text"),
])
def test_text_arguments_that_are_not_utf8_are_refused(
    made_vault: MadeVault, args: tuple[str, ...], said: str
) -> None:
    before = file_digests(made_vault.directory)
    assert_refused(run_cli(*args, vault_dir=made_vault.directory), said)
    assert file_digests(made_vault.directory) == before


@pytest.mark.parametrize("decoding", ["utf-8:strict", "utf-8:surrogateescape"])
@pytest.mark.parametrize("args", [
    ("set", "email", "-"),  # a value
    ("request", "import", "-"),  # a pasted request
    ("mailbox", "--host", "imap.example.org", "--user", "me"),  # its password
    ("alias-source", "--addy"),  # its API key
], ids=lambda args: args[0])
def test_what_standard_input_gives_that_is_not_utf8_is_refused(
    made_vault: MadeVault, decoding: str, args: tuple[str, ...]
) -> None:
    """Strict, the reading fails; with surrogateescape (Python's choice under the C locale)
    it gives lone surrogates."""
    before = file_digests(made_vault.directory)
    result = subprocess.run(
        [sys.executable, "-m", "vault", *args], input=b"me\xff@example.org\n",
        capture_output=True, cwd=PROJECT_ROOT, timeout=60,
        env={**clean_environment(), "ZPV_VAULT": str(made_vault.directory),
             "ZPV_PASSPHRASE": PASSPHRASE, "PYTHONIOENCODING": decoding},
    )
    assert result.returncode == 2, result.stderr
    assert b"standard input is not UTF-8 text" in result.stderr
    assert b"Traceback" not in result.stderr
    assert file_digests(made_vault.directory) == before


def test_a_passphrase_that_is_not_utf8_is_a_usage_error(
    made_vault: MadeVault, tmp_path: Path
) -> None:
    passphrase_file = tmp_path / "passphrase"
    passphrase_file.write_bytes(b"correct horse \xff\n")
    result = run_cli("--passphrase-file", str(passphrase_file), "fields",
                     vault_dir=made_vault.directory, passphrase=None)
    assert_refused(result, f"{passphrase_file} is not UTF-8 text")
    result = run_cli("fields", vault_dir=made_vault.directory,
                     passphrase=f"correct horse {NOT_UTF8}")
    assert_refused(result, "ZPV_PASSPHRASE is not UTF-8 text")


def test_a_folder_name_that_is_not_utf8_still_works(tmp_path: Path) -> None:
    directory = tmp_path / f"vault {NOT_UTF8}"
    result = run_cli("init", vault_dir=directory)
    assert result.returncode == 0, result.stderr
    result = run_cli("set", "shoe_size_eu", "42", vault_dir=directory)
    assert result.returncode == 0, result.stderr
    assert run_cli("get", "shoe_size_eu", vault_dir=directory).stdout.strip() == "42"


def test_every_file_or_folder_argument_may_hold_any_bytes() -> None:
    parser = build_parser()
    names = {action.dest for action in all_arguments(parser)}
    assert names_saying(parser, ("FILE", "DIR", "VAULT")) <= PATH_ARGUMENTS <= names
    # Folders named as text: the synced one is kept in the vault, the other is on a server.
    assert {"sync_folder", "imap_folder"} <= names
    assert not {"sync_folder", "imap_folder"} & PATH_ARGUMENTS
