"""`zpv` as a person uses it: a subprocess with no terminal, secrets from env or file."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.cli import clean_environment, run_cli
from tests.support.vaults import PASSPHRASE, PROJECT_ROOT, MadeVault, file_digests
from vault.storage.keys import DEFAULT_KDF
from vault.vault import Vault
from zpd.catalogue import CATALOGUE
from zpd.fieldtypes import FieldType, Sensitivity

CODE_GROUP = "[0-9A-HJKMNP-TV-Z]{5}"
RECOVERY_CODE = re.compile(rf"{CODE_GROUP}(?:-{CODE_GROUP}){{5}}")


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The CLI's contract for failures: one line on stderr, `zpv: ...`, never a traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("zpv: ") and len(lines[0]) > len("zpv: ") + 5
    return lines[0]


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


@pytest.fixture
def vault_dir(made_vault: MadeVault) -> Path:
    with made_vault.unlock() as vault:
        vault.fields.set("diet", "vegan")
        vault.fields.set("allergies", ["sesame"])
    return made_vault.directory


# -- init -----------------------------------------------------------------------------------


def test_init_creates_a_vault_and_shows_the_recovery_code_once(tmp_path: Path) -> None:
    directory = tmp_path / "new"
    out = ok(run_cli("init", "--vault", str(directory)))
    codes = RECOVERY_CODE.findall(out)
    assert len(codes) == 1
    assert str(directory) in out
    assert Vault.exists(directory)
    with Vault.unlock_with_recovery_code(directory, codes[0]) as vault:
        assert vault.kdf_params == DEFAULT_KDF  # the CLI uses the real cost, not a test one
        assert [e.action for e in vault.audit.entries()] == ["vault.created"]


def test_init_json_gives_the_code(tmp_path: Path) -> None:
    directory = tmp_path / "new"
    document = json.loads(ok(run_cli("init", "--json", vault_dir=directory)))
    assert document["vault"] == str(directory)
    assert RECOVERY_CODE.fullmatch(document["recovery_code"])
    with Vault.unlock_with_recovery_code(directory, document["recovery_code"]):
        pass


@pytest.mark.parametrize("weak", ["short", "password1234", "aaaaaaaaaaaaaaaa", "qwertyuiopasdf"])
def test_init_refuses_a_weak_passphrase_in_one_line(tmp_path: Path, weak: str) -> None:
    directory = tmp_path / "new"
    result = run_cli("init", vault_dir=directory, passphrase=weak)
    assert result.returncode == 1
    assert one_error_line(result).startswith("zpv: passphrase refused: ")
    assert result.stdout == ""
    assert not directory.exists()
    assert list(tmp_path.iterdir()) == []


def test_init_over_an_existing_vault_is_refused(vault_dir: Path) -> None:
    before = file_digests(vault_dir)
    result = run_cli("init", vault_dir=vault_dir)
    assert result.returncode == 1
    assert "already exists" in one_error_line(result)
    assert file_digests(vault_dir) == before


def test_init_without_a_passphrase_source_says_how_to_give_one(tmp_path: Path) -> None:
    directory = tmp_path / "new"
    result = run_cli("init", vault_dir=directory, passphrase=None)
    assert result.returncode == 2
    line = one_error_line(result)
    assert "ZPV_PASSPHRASE" in line
    assert not directory.exists()


# -- set, get, clear, fields ----------------------------------------------------------------


@pytest.mark.slow
def test_set_get_clear_round_trip(made_vault: MadeVault) -> None:
    d = made_vault.directory
    assert ok(run_cli("set", "pets", "cat, dog", vault_dir=d)) == "pets = dog, cat\n"
    assert ok(run_cli("get", "pets", vault_dir=d)) == "dog, cat\n"
    assert json.loads(ok(run_cli("get", "pets", "--json", vault_dir=d))) == {
        "key": "pets",
        "value": ["dog", "cat"],
    }
    assert ok(run_cli("set", "has_garden", "yes", vault_dir=d)) == "has_garden = yes\n"
    assert ok(run_cli("set", "shoe_size_eu", "40.5", vault_dir=d)) == "shoe_size_eu = 40.5\n"
    assert ok(run_cli("clear", "pets", vault_dir=d)) == "pets cleared\n"
    assert ok(run_cli("clear", "pets", vault_dir=d)) == "pets had no value\n"
    missing = run_cli("get", "pets", vault_dir=d)
    assert missing.returncode == 1 and missing.stdout == ""
    assert one_error_line(missing) == "zpv: pets has no value"
    assert json.loads(ok(run_cli("get", "pets", "--json", vault_dir=d)))["value"] is None
    with made_vault.unlock() as vault:
        assert vault.fields.get("has_garden") is True and vault.fields.get("shoe_size_eu") == 40.5
        assert [e.value for e in vault.fields.history("pets")] == [["dog", "cat"], None]
        assert vault.audit.verify().ok


SECRET_NOTE = "door code 4711, behind the blue pot"


def test_set_reads_the_value_from_stdin_so_it_never_shows_in_the_process_list(
    made_vault: MadeVault,
) -> None:
    """While `zpv set FIELD -` waits for its value, /proc (what `ps` reads) shows its
    arguments: the value is not among them."""
    with made_vault.unlock() as vault:
        key = vault.fields.define("note", "Note", FieldType.TEXT, Sensitivity.PERSONAL).key
    environment = clean_environment()
    environment.update(ZPV_VAULT=str(made_vault.directory), ZPV_PASSPHRASE=PASSPHRASE)
    process = subprocess.Popen(
        [sys.executable, "-m", "vault", "set", key, "-"], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment,
        cwd=PROJECT_ROOT,
    )
    arguments: list[bytes] = []
    deadline = time.monotonic() + 10
    while key.encode() not in arguments and time.monotonic() < deadline:  # once exec'd
        arguments = Path(f"/proc/{process.pid}/cmdline").read_bytes().split(b"\0")
    assert [b"set", key.encode(), b"-"] == arguments[-4:-1]
    assert SECRET_NOTE.encode() not in b" ".join(arguments)
    out, err = process.communicate(SECRET_NOTE + "\n", timeout=60)
    assert process.returncode == 0, err
    assert out == f"{key} = {SECRET_NOTE}\n"
    with made_vault.unlock() as vault:
        assert vault.fields.get(key) == SECRET_NOTE  # one final line ending dropped


def test_set_reads_the_value_from_a_file(made_vault: MadeVault, tmp_path: Path) -> None:
    d = made_vault.directory
    value = tmp_path / "size.txt"
    value.write_text("41.5\r\n", encoding="utf-8")
    assert ok(run_cli("set", "shoe_size_eu", "--value-file", str(value), vault_dir=d)) == (
        "shoe_size_eu = 41.5\n")
    value.write_text("navy,green", encoding="utf-8")  # no line ending: taken as it is
    assert ok(run_cli("set", "favourite_colours", "--value-file", str(value), vault_dir=d)) == (
        "favourite_colours = navy, green\n")
    with made_vault.unlock() as vault:
        assert vault.fields.get("shoe_size_eu") == 41.5
        assert vault.fields.get("favourite_colours") == ["navy", "green"]


@pytest.mark.parametrize(("args", "words"), [
    (["set", "shoe_size_eu"], "give a value, - to read it from standard input"),
    (["set", "shoe_size_eu", "42", "--value-file", "size.txt"], "not both"),
    (["set", "shoe_size_eu", "--value-file", "missing.txt"], "cannot read"),
])
def test_set_without_one_value_is_a_usage_error_that_changes_nothing(
    vault_dir: Path, tmp_path: Path, args: list[str], words: str
) -> None:
    (tmp_path / "size.txt").write_text("42")
    args = [str(tmp_path / a) if a.endswith(".txt") else a for a in args]
    before = file_digests(vault_dir)
    result = run_cli(*args, vault_dir=vault_dir)
    assert result.returncode == 2 and result.stdout == ""
    assert words in one_error_line(result)
    assert file_digests(vault_dir) == before


def test_set_help_says_how_to_keep_a_value_out_of_the_argument_list() -> None:
    shown = ok(run_cli("set", "--help"))
    assert "--value-file FILE" in shown and "standard input" in shown and "(ps)" in shown


def test_history_json(vault_dir: Path) -> None:
    ok(run_cli("set", "diet", "vegetarian", vault_dir=vault_dir))
    entries = json.loads(ok(run_cli("history", "diet", "--json", vault_dir=vault_dir)))
    assert [e["value"] for e in entries] == ["vegan", "vegetarian"]
    assert all(isinstance(e["changed_at"], int) for e in entries)


def test_fields_json_lists_the_catalogue_with_values(vault_dir: Path) -> None:
    rows = json.loads(ok(run_cli("fields", "--json", vault_dir=vault_dir)))
    assert [r["key"] for r in rows] == [f.key for f in CATALOGUE]
    by_key = {r["key"]: r for r in rows}
    assert by_key["diet"]["value"] == "vegan"
    assert by_key["allergies"]["value"] == ["sesame"]
    assert by_key["allergies"]["sensitivity"] == "special"
    assert by_key["pets"]["value"] is None
    assert {"label", "category", "type", "choices", "updated_at"} <= set(by_key["diet"])


def test_fields_category_filters(vault_dir: Path) -> None:
    rows = json.loads(ok(run_cli("fields", "--category", "food", "--json", vault_dir=vault_dir)))
    assert [r["key"] for r in rows] == [f.key for f in CATALOGUE if f.category == "food"]
    assert {r["category"] for r in rows} == {"food"}


def test_fields_text_marks_special_fields(vault_dir: Path) -> None:
    out = ok(run_cli("fields", vault_dir=vault_dir))
    diet = next(line for line in out.splitlines() if " diet " in line)
    assert "vegan" in diet and "!" not in diet
    allergies = next(line for line in out.splitlines() if " allergies " in line)
    assert "!" in allergies and "sesame" in allergies
    assert "GDPR Art. 9" in out


# -- exit codes and one-line errors ---------------------------------------------------------


def corrupt_header(directory: Path) -> None:
    path = directory / "vault.header"
    path.write_bytes(path.read_bytes().replace(b'"lanes":', b'"lanes" :', 1))


def corrupt_database(directory: Path) -> None:
    path = directory / "vault.db"
    data = bytearray(path.read_bytes())
    for i in range(100, 140):  # inside the first page, after SQLCipher's salt
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "args,passphrase,damage,code",
    [
        (["frobnicate"], PASSPHRASE, None, 2),
        ([], PASSPHRASE, None, 2),
        (["get"], PASSPHRASE, None, 2),
        (["set", "diet"], PASSPHRASE, None, 2),
        (["fields", "--category", "sweets"], PASSPHRASE, None, 2),
        (["get", "diet", "--no-such-option"], PASSPHRASE, None, 2),
        (["get", "diet"], "not the passphrase", None, 3),
        (["get", "diet"], "", None, 3),
        (["get", "diet"], PASSPHRASE, corrupt_header, 4),
        (["get", "diet"], PASSPHRASE, corrupt_database, 4),
        (["get", "no_such_field"], PASSPHRASE, None, 1),
        (["set", "no_such_field", "1"], PASSPHRASE, None, 1),
        (["set", "diet", "carnivore"], PASSPHRASE, None, 1),
        (["set", "shoe_size_eu", "forty"], PASSPHRASE, None, 1),
        (["set", "birthday", "02-30"], PASSPHRASE, None, 1),
    ],
    ids=[
        "unknown-command",
        "no-command",
        "missing-argument",
        "missing-value",
        "bad-choice-option",
        "unknown-option",
        "wrong-passphrase",
        "empty-passphrase",
        "corrupt-header",
        "corrupt-database",
        "unknown-field-get",
        "unknown-field-set",
        "invalid-choice",
        "invalid-number",
        "invalid-date",
    ],
)
def test_errors_have_their_exit_code_and_one_line(
    vault_dir: Path,
    args: list[str],
    passphrase: str,
    damage: object,
    code: int,
) -> None:
    if callable(damage):
        damage(vault_dir)
    before = file_digests(vault_dir)
    result = run_cli(*args, vault_dir=vault_dir, passphrase=passphrase)
    assert result.returncode == code, result.stderr
    one_error_line(result)
    assert result.stdout == ""
    assert file_digests(vault_dir) == before


@pytest.mark.slow
def test_error_lines_say_what_went_wrong(vault_dir: Path, tmp_path: Path) -> None:
    assert one_error_line(run_cli("get", "diet", vault_dir=vault_dir, passphrase="nope")) == (
        "zpv: wrong passphrase"
    )
    assert "no_such_field" in one_error_line(run_cli("get", "no_such_field", vault_dir=vault_dir))
    assert "not a choice" in one_error_line(run_cli("set", "diet", "x", vault_dir=vault_dir))
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("get", "diet", vault_dir=empty)
    assert result.returncode == 4
    line = one_error_line(result)
    assert str(empty) in line and "zpv init" in line


def test_a_directory_that_is_not_a_vault_exits_four(tmp_path: Path) -> None:
    result = run_cli("fields", vault_dir=tmp_path / "nowhere")
    assert result.returncode == 4
    one_error_line(result)
    assert not (tmp_path / "nowhere").exists()


# -- where the vault and the passphrase come from -------------------------------------------


def test_vault_option_beats_the_environment(vault_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_cli("get", "diet", "--vault", str(vault_dir), vault_dir=elsewhere)
    assert ok(result) == "vegan\n"
    wrong_way = run_cli("get", "diet", "--vault", str(elsewhere), vault_dir=vault_dir)
    assert wrong_way.returncode == 4
    assert str(elsewhere) in one_error_line(wrong_way)


def test_the_environment_names_the_vault(vault_dir: Path) -> None:
    assert ok(run_cli("get", "diet", vault_dir=vault_dir)) == "vegan\n"


def test_passphrase_file(vault_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\nignored second line\n", encoding="utf-8")
    result = run_cli(
        "get", "diet", "--passphrase-file", str(secret), vault_dir=vault_dir, passphrase=None
    )
    assert ok(result) == "vegan\n"
    # The file wins over the environment.
    result = run_cli(
        "--passphrase-file", str(secret), "get", "diet", vault_dir=vault_dir, passphrase="wrong!"
    )
    assert ok(result) == "vegan\n"


def test_a_missing_passphrase_file_is_a_usage_error(vault_dir: Path, tmp_path: Path) -> None:
    result = run_cli(
        "get", "diet", "--passphrase-file", str(tmp_path / "none"), vault_dir=vault_dir
    )
    assert result.returncode == 2
    assert str(tmp_path / "none") in one_error_line(result)


@pytest.mark.parametrize(
    "order",
    [
        ["--vault", "{d}", "--json", "get", "diet"],
        ["get", "diet", "--vault", "{d}", "--json"],
        ["--json", "get", "--vault", "{d}", "diet"],
        ["--vault", "{d}", "get", "--json", "diet"],
    ],
)
def test_options_work_before_and_after_the_command(
    vault_dir: Path, tmp_path: Path, order: list[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    args = [a.replace("{d}", str(vault_dir)) for a in order]
    document = json.loads(ok(run_cli(*args, vault_dir=elsewhere)))
    assert document == {"key": "diet", "value": "vegan"}


def test_without_a_passphrase_or_terminal_it_says_how_to_give_one(vault_dir: Path) -> None:
    before = file_digests(vault_dir)
    result = run_cli("get", "diet", vault_dir=vault_dir, passphrase=None)
    assert result.returncode == 2
    line = one_error_line(result)
    assert "--passphrase-file" in line and "ZPV_PASSPHRASE" in line
    assert file_digests(vault_dir) == before


# -- both ways of starting it ---------------------------------------------------------------


def test_python_dash_m_vault_help() -> None:
    out = ok(run_cli("--help", passphrase=None))
    assert out.startswith("usage: zpv")
    for command in ("init", "fields", "set", "get", "clear", "audit", "export", "backup"):
        assert command in out


def test_the_zpv_console_script(vault_dir: Path) -> None:
    script = Path(sys.executable).parent / "zpv"
    assert script.is_file(), "the project is installed with its `zpv` console script"
    environment = clean_environment()
    environment.update({"ZPV_VAULT": str(vault_dir), "ZPV_PASSPHRASE": PASSPHRASE})

    def zpv(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(script), *args],
            capture_output=True,
            text=True,
            env=environment,
            stdin=subprocess.DEVNULL,
            timeout=60,
            cwd=PROJECT_ROOT,
        )

    result = zpv("get", "diet")
    assert "ModuleNotFoundError" not in result.stderr, (
        "the installed `zpv` is stale; reinstall the project (make does when pyproject changes)\n"
        + result.stderr
    )
    assert ok(result) == "vegan\n"
    wrong = zpv("frobnicate")
    assert wrong.returncode == 2
    one_error_line(wrong)
