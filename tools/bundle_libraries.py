"""The system libraries a self-contained bundle (PyInstaller's folder) loads, and the Debian
packages that hold them: what the .deb's Depends must say.

    python -m tools.bundle_libraries depends BUNDLE_DIR   # Depends, from this system
    python -m tools.bundle_libraries missing BUNDLE_DIR   # packages to install first

Every ELF file of the bundle is read with `ldd` (the loader's own answer, with the bundle's
RUNPATHs). The libraries an ELF file names itself (`readelf -d`: NEEDED) and the loader
finds outside the bundle are the system's, and `dpkg -S` names their packages: those are
the Depends, as dpkg-shlibdeps would say them (each package brings its own dependencies).
A library the loader cannot find at all, at any depth, is missing on this machine:
`missing` names the package that holds it by Debian's naming rule, to install before the
package is built (.ci/package does).
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ui.qt_platform import debian_package

ELF_MAGIC = b"\x7fELF"
RESOLVED = re.compile(r"^\s*(\S+) => (/\S+) \(0x[0-9a-f]+\)$", re.MULTILINE)
NOT_FOUND = re.compile(r"^\s*(\S+) => not found$", re.MULTILINE)
NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[(\S+)\]")
OWNER = re.compile(r"^([^:\s]+)(?::[^:\s]+)?: (/\S+)$", re.MULTILINE)  # libfoo1:amd64: /path


@dataclass
class Libraries:
    system: dict[str, Path] = field(default_factory=dict)  # soname -> where it was found
    missing: set[str] = field(default_factory=set)


def elf_files(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as file:
                if file.read(4) == ELF_MAGIC:
                    found.append(path)
    return found


def needed(path: Path) -> list[str]:
    """The libraries an ELF file names itself (not those its libraries name)."""
    dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True,
                             check=False).stdout
    return NEEDED.findall(dynamic)


def libraries(root: Path, files: list[Path] | None = None) -> Libraries:
    """The system libraries that `files` (every ELF file of the bundle at `root` by default)
    name, where the loader finds them; and those it cannot find, at any depth."""
    root = root.resolve()
    found = Libraries()
    for path in elf_files(root) if files is None else files:
        listing = subprocess.run(["ldd", str(path)], capture_output=True, text=True,
                                 check=False).stdout
        found.missing.update(NOT_FOUND.findall(listing))
        where = {name: Path(location) for name, location in RESOLVED.findall(listing)}
        for name in needed(path):
            location = where.get(name)
            if location is not None and not location.resolve().is_relative_to(root):
                found.system.setdefault(name, location)
    return found


def owning_packages(paths: list[Path]) -> dict[Path, str]:
    """The Debian package that installed each file, asked of dpkg by the file's path as the
    loader found it and by its real path, each under /usr and without (on a merged system
    /lib is a link to /usr/lib, and dpkg knows each file by the path its package gave)."""
    candidates = {path: list(dict.fromkeys([path, path.resolve(), _other_prefix(path),
                                            _other_prefix(path.resolve())]))
                  for path in paths}
    every = sorted({str(c) for names in candidates.values() for c in names})
    listing = subprocess.run(["dpkg", "-S", *every], capture_output=True, text=True,
                             check=False).stdout
    owner_of = {Path(location): package for package, location in OWNER.findall(listing)}
    owners: dict[Path, str] = {}
    for path, names in candidates.items():
        package = next((owner_of[c] for c in names if c in owner_of), None)
        if package is None:
            raise LookupError(f"no Debian package holds {path}")
        owners[path] = package
    return owners


def _other_prefix(path: Path) -> Path:
    text = str(path)
    return Path(text[4:]) if text.startswith("/usr/") else Path("/usr" + text)


def depends(root: Path) -> list[str]:
    found = libraries(root)
    if found.missing:
        raise LookupError("this system lacks libraries the bundle needs: "
                          + ", ".join(sorted(found.missing)))
    return sorted(set(owning_packages(list(found.system.values())).values()))


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("depends", "missing"):
        print(__doc__, file=sys.stderr)
        return 2
    root = Path(argv[1])
    if argv[0] == "missing":
        packages = {debian_package(soname) for soname in libraries(root).missing}
        print(" ".join(sorted(packages)))
    else:
        print(", ".join(depends(root)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
