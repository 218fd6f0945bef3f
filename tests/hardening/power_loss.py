"""Simulated power cuts: what a vault directory holds if the disk kept only what was synced.

sync_shim.c, preloaded into the worker, records at each fsync/fdatasync the synced file's
contents by inode, and at each fsync of the vault directory its name -> inode map. Before a
round the test records the directory as it is (taken to be on disk: the previous round's
check left it so, closed cleanly). After the SIGKILL, `power_cut` rebuilds the directory
from those records alone:

- the names are those of the last synced map (the state before the round if there was none),
  so a file created, renamed or removed since the directory was last synced reverts;
- each name's contents are its inode's last synced copy, else its contents before the round
  (the inode was not synced since), else nothing (a file created in the round, never synced).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

SHIM_SOURCE = Path(__file__).with_name("sync_shim.c")


def build_shim(directory: Path) -> Path:
    """Compile sync_shim.c with the system's C compiler; the shared library's path."""
    compiler = shutil.which("gcc") or shutil.which("cc")
    if compiler is None:  # .ci/run installs gcc, and fails on this skip
        pytest.skip("no C compiler (Debian's gcc) to build the fsync recorder")
    library = directory / "libzpvsync.so"
    subprocess.run(
        [compiler, "-shared", "-fPIC", "-O2", "-Wall", "-Wextra", "-Werror", "-o", str(library),
         str(SHIM_SOURCE), "-ldl"],
        check=True, capture_output=True, text=True,
    )
    return library


@dataclass(frozen=True)
class OnDisk:
    """The directory before a round: names -> inodes, and each inode's contents."""

    names: dict[str, int]
    contents: dict[int, bytes]


def before_round(directory: Path, log: Path) -> OnDisk:
    """Record the directory, and hold its inodes (a hard link in `log`) so that no file made
    during the round gets one of their numbers."""
    names, contents = {}, {}
    for path in directory.iterdir():
        if path.is_file():
            inode = path.stat().st_ino
            names[path.name] = inode
            contents[inode] = path.read_bytes()
            os.link(path, log / f"hold-{inode}")
    return OnDisk(names, contents)


def synced_state(before: OnDisk, log: Path) -> dict[str, bytes]:
    """Each file the directory would hold after a power cut now, with its contents."""
    synced_map = log / "dir"
    if synced_map.exists():
        names = {}
        for line in synced_map.read_text().splitlines():
            inode, name = line.split(" ", 1)
            names[name] = int(inode)
    else:
        names = before.names
    files = {}
    for name, inode in names.items():
        copy = log / f"file-{inode}"
        files[name] = copy.read_bytes() if copy.exists() else before.contents.get(inode, b"")
    return files


def power_cut(directory: Path, before: OnDisk, log: Path) -> dict[str, bytes]:
    """Replace the directory by what was synced (see `synced_state`); returns it."""
    files = synced_state(before, log)
    shutil.rmtree(directory)
    directory.mkdir(mode=0o700)
    for name, data in files.items():
        fd = os.open(directory / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    return files


def sync_calls(log: Path) -> Counter[str]:
    """The calls the shim saw in a round, as "<call> <kind> <file>" with temporary names
    folded ("fsync file vault.db-wal", "fsync directory", "fsync file header-temp")."""
    calls: Counter[str] = Counter()
    path = log / "calls"
    if not path.exists():
        return calls
    for line in path.read_text().splitlines():
        call, kind, name = line.split(" ", 2)
        if kind == "directory":
            calls[f"{call} directory"] += 1
        else:
            temporary = name.startswith(".vault.header.") and name.endswith(".tmp")
            calls[f"{call} file {'header-temp' if temporary else name}"] += 1
    return calls
