"""PostgreSQL keeps a deleted row's bytes in its page until the space is reused, so a
revocation rewrites the partition of zpd_grant_values that held the grant: its values
are in no file of the table afterwards. Read from the cluster's own files, so this runs
where the tests' cluster does (`.ci/postgres`, on this machine)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from brandkit.keys import BrandKeys
from brandkit.receiver import Receiver
from tests.support.people import NOW, ORIGIN, Person
from zpd.request import DataRequest

pytest.importorskip("psycopg")
from brandkit.pgstorage import PostgresStorage  # noqa: E402


def data_directory() -> Path:
    directory = Path(os.environ.get("ZPV_PG_DIR", "/tmp/zpv-postgres")) / "data"
    if not (directory / "PG_VERSION").is_file():
        pytest.skip(f"the cluster's files are not at {directory}")
    return directory


def test_a_revocation_leaves_the_values_in_no_page_of_the_table(
    postgres_url: str, keys: BrandKeys, request_jws: str, issued: DataRequest, alice: Person
) -> None:
    files = data_directory()
    marker = f"Zelda-{uuid.uuid4().hex[:12]}"
    storage = PostgresStorage(postgres_url)
    try:
        receiver = Receiver(keys, storage, ORIGIN)
        receiver.register_issued_request(request_jws, NOW)
        receiver.receive_token(alice.token(issued, ask="newsletter",
                                           data={"preferred_name": marker}), NOW)

        def where() -> tuple[str, str]:
            with storage.transaction(write=False) as t:
                partition = t.execute(
                    "SELECT c.oid::regclass::text FROM pg_inherits i JOIN pg_class c "
                    "ON c.oid = i.inhrelid WHERE i.inhparent = 'zpd_grant_values'::regclass "
                    "AND c.oid = (SELECT tableoid FROM zpd_grant_values WHERE grant_id = ?)",
                    "grant-1").fetchone()[0]
                path = t.execute("SELECT pg_relation_filepath(?::regclass)", partition
                                 ).fetchone()[0]
            return partition, path

        partition, before = where()
        assert (files / before).stat().st_size > 0
        receiver.receive_event(alice.revocation(iat=NOW + 5), NOW + 5)
        with storage.transaction(write=False) as t:
            after = t.execute("SELECT pg_relation_filepath(?::regclass)", partition
                              ).fetchone()[0]
    finally:
        storage.close()
    assert after != before, "the partition was rewritten into a new file"
    old = files / before
    assert not old.exists() or old.stat().st_size == 0, "the old file holds nothing"
    table_files = list((files / after).parent.glob(Path(after).name + "*"))
    assert table_files
    assert all(marker.encode() not in p.read_bytes() for p in table_files)
