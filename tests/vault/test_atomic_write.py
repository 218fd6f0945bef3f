"""A file written in chunks as they are made is replaced whole or not at all: private, with
no temporary file left behind whatever stops it."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from vault.storage import fsutil
from vault.storage.fsutil import atomic_write, atomic_write_chunks


def chunks(count: int, size: int) -> Iterator[bytes]:
    for index in range(count):
        yield bytes([index % 251]) * size


def test_the_chunks_make_the_file_in_order_across_batches(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fsutil, "WRITE_BATCH", 10_000)  # several writes, and a partial last
    path = tmp_path / "report.html"
    atomic_write_chunks(path, chunks(57, 999))
    assert path.read_bytes() == b"".join(chunks(57, 999))
    assert path.stat().st_mode & 0o777 == 0o600
    assert os.listdir(tmp_path) == ["report.html"]


def test_a_chunk_that_fails_to_be_made_leaves_the_old_file_and_no_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fsutil, "WRITE_BATCH", 1_000)  # some of it already on disk
    path = tmp_path / "report.html"
    atomic_write(path, b"the report before")

    def failing() -> Iterator[bytes]:
        yield from chunks(5, 800)
        raise ValueError("a share could not be worded")

    with pytest.raises(ValueError, match="worded"):
        atomic_write_chunks(path, failing())
    assert path.read_bytes() == b"the report before"
    assert os.listdir(tmp_path) == ["report.html"]


def test_no_chunks_make_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty"
    atomic_write_chunks(path, iter(()))
    assert path.read_bytes() == b""


def test_a_file_dropped_before_its_commit_or_discard_leaves_nothing(tmp_path: Path) -> None:
    file = fsutil.AtomicFile(tmp_path / "report.pdf")
    file.write(b"what the person shared")
    fd = file.fd
    assert fd is not None and len(os.listdir(tmp_path)) == 1
    del file
    gc.collect()
    assert os.listdir(tmp_path) == []
    with pytest.raises(OSError):
        os.fstat(fd)  # closed too


def test_a_committed_file_is_kept_when_dropped(tmp_path: Path) -> None:
    file = fsutil.AtomicFile(tmp_path / "report.pdf")
    file.write(b"done")
    file.commit()
    del file
    gc.collect()
    assert (tmp_path / "report.pdf").read_bytes() == b"done"
