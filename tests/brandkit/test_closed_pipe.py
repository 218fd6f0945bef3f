"""`zpv-brand ... | head`: a reader that stops early closes the pipe, and the command exits
quietly, as Unix tools do (status 141, 128 + SIGPIPE), with nothing on stderr."""

from __future__ import annotations

from pathlib import Path

from brandkit.issuing import sign_spec
from brandkit.keys import generate_keys
from brandkit.receiver import Receiver
from brandkit.sqlstorage import SqliteStorage
from tests.support.cli import CLOSED_PIPE, into_closed_pipe
from tests.support.people import NOW, ORIGIN, Person, spec
from zpd.request import verify_request


def test_zpv_brand_exits_quietly_when_the_reader_has_gone(tmp_path: Path) -> None:
    keys = generate_keys()
    storage = SqliteStorage(tmp_path / "receiver.sqlite3")
    receiver = Receiver(keys, storage, ORIGIN)
    request = sign_spec(spec(), keys, now=NOW - 60)
    receiver.register_issued_request(request, NOW)
    receiver.receive_token(Person().token(verify_request(request, NOW)), NOW)
    storage.close()
    for args in (["customers", "--db", str(tmp_path / "receiver.sqlite3")],
                 ["customers", "--json", "--db", str(tmp_path / "receiver.sqlite3")],
                 ["keygen", "--keys", str(tmp_path / "keys")]):
        assert into_closed_pipe("brandkit", *args) == (CLOSED_PIPE, ""), args
