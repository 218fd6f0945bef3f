"""`zpv-brand` given bytes that are not UTF-8 where it needs text: a one-line error.

Python decodes a command line's bytes that are not UTF-8 into lone surrogates, which
cannot be stored or sent: such an argument is a usage error (exit code 2), a database
URL a local one (3), never a traceback. A file or folder name may hold any bytes.
"""

from __future__ import annotations

from pathlib import Path

from brandkit.cli import PATH_ARGUMENTS, build_parser
from brandkit.sqlstorage import SqliteStorage
from tests.brandkit.test_cli import assert_one_line_error, zpv_brand
from tests.support.cli_arguments import all_arguments, names_saying
from tests.support.vaults import file_digests

NOT_UTF8 = "\udcff"  # what Python makes of the byte 0xFF on a command line


def test_text_arguments_that_are_not_utf8_are_refused(tmp_path: Path) -> None:
    SqliteStorage(tmp_path / "receiver.db").close()
    before = file_digests(tmp_path)
    result = zpv_brand("webhooks", "retry", "--db", str(tmp_path / "receiver.db"),
                       f"event-{NOT_UTF8}")
    assert_one_line_error(result, 2, "the event ids argument is not UTF-8 text")
    result = zpv_brand("serve", "--keys", str(tmp_path / "keys"), "--request",
                       str(tmp_path / "request.jws"), "--host", f"shop{NOT_UTF8}.example")
    assert_one_line_error(result, 2, "the host argument is not UTF-8 text")
    assert file_digests(tmp_path) == before


def test_a_spec_whose_json_escapes_a_lone_surrogate_is_refused(tmp_path: Path) -> None:
    """Valid JSON (`\\udcff`), not text: it could not be signed."""
    assert zpv_brand("keygen", "--keys", str(tmp_path / "keys")).returncode == 0
    spec = tmp_path / "spec.json"
    spec.write_text('{"name": "Shoes \\udcff Example"}')
    result = zpv_brand("request", "--keys", str(tmp_path / "keys"), "--out",
                       str(tmp_path / "request.jws"), str(spec))
    assert_one_line_error(result, 1, "bad_json", "lone surrogate")
    assert not (tmp_path / "request.jws").exists()


def test_a_database_url_that_is_not_utf8_is_refused() -> None:
    result = zpv_brand("customers", "--db", f"postgresql://brand@db{NOT_UTF8}/zpd")
    assert_one_line_error(result, 3, "the database URL is not UTF-8 text")


def test_a_folder_name_that_is_not_utf8_still_works(tmp_path: Path) -> None:
    keys = tmp_path / f"keys {NOT_UTF8}"
    result = zpv_brand("keygen", "--keys", str(keys))
    assert result.returncode == 0, result.stderr
    assert (keys / "jwks.json").is_file()


def test_every_file_or_folder_argument_may_hold_any_bytes() -> None:
    parser = build_parser()
    names = {action.dest for action in all_arguments(parser)}
    assert names_saying(parser, ("FILE", "DIR", ".JSON")) <= PATH_ARGUMENTS <= names
