"""Wrap the self-contained bundle as a Debian package, with dpkg-deb.

    python -m tools.build_deb BUNDLE_DIR ICONS_DIR OUT_DIR [--version VERSION]

The bundle goes under /opt/zero-party-vault, its launcher on PATH (/usr/bin), the menu
entry, icons and AppStream metadata where desktops look for them. Depends names the
packages holding the system libraries the bundle loads, read off this machine
(tools/bundle_libraries.py). postinst and postrm (packaging/debian/) refresh the desktop
database, which registers the zpd: links. Nothing is written outside the package's own
files: the person's vault and settings live in their home folder and are never touched.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from .bundle_libraries import depends

PACKAGE = "zero-party-vault"
INSTALL_DIR = Path("opt") / PACKAGE
APPSTREAM_ID = "org.zeropartyvault.ZeroPartyVault"
ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# Who answers for the package; a release sets its own address (ZPV_DEB_MAINTAINER).
MAINTAINER = "Zero-Party Vault developers <maintainers@zero-party-vault.invalid>"
SUMMARY = "keep the preferences you give brands, and share them on your terms"
DESCRIPTION = """\
 Brands ask for your preferences (sizes, diet, interests, how and how often to
 contact you) and offer something in return. Zero-Party Vault keeps them in an
 encrypted vault on this computer, shares exactly the fields you choose with one
 brand, for one purpose and period, shows who knows what about you, and takes
 any of it back. zpd: links from a brand's page open its request in the app.
 .
 This package carries the app with its own Python and Qt under
 /opt/zero-party-vault."""


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()


def installed_size_kib(root: Path) -> int:
    """As dpkg counts it: each file's size in KiB rounded up, one for each folder or link."""
    total = 0
    for path in root.rglob("*"):
        if path.is_symlink() or path.is_dir():
            total += 1
        elif path.is_file():
            total += max(1, math.ceil(path.stat().st_size / 1024))
    return total


def _copy(source: Path, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def stage(bundle: Path, icons: Path, tree: Path) -> None:
    """The package's files under `tree`, as they will be installed under /."""
    if tree.exists():
        shutil.rmtree(tree)
    shutil.copytree(bundle, tree / INSTALL_DIR, symlinks=True)
    launcher = tree / "usr" / "bin" / PACKAGE
    launcher.parent.mkdir(parents=True)
    launcher.symlink_to(Path("/") / INSTALL_DIR / PACKAGE)
    share = tree / "usr" / "share"
    _copy(PACKAGING / f"{PACKAGE}.desktop", share / "applications" / f"{PACKAGE}.desktop")
    _copy(PACKAGING / f"{PACKAGE}.metainfo.xml",
          share / "metainfo" / f"{APPSTREAM_ID}.metainfo.xml")
    hicolor = share / "icons" / "hicolor"
    _copy(ROOT / "resources" / "icons" / f"{PACKAGE}.svg",
          hicolor / "scalable" / "apps" / f"{PACKAGE}.svg")
    for size in ICON_SIZES:
        _copy(icons / f"{PACKAGE}-{size}.png", hicolor / f"{size}x{size}" / "apps" /
              f"{PACKAGE}.png")
    _copy(PACKAGING / "debian" / "copyright", share / "doc" / PACKAGE / "copyright")
    for folder in [tree, *tree.rglob("*")]:
        if folder.is_dir() and not folder.is_symlink():
            folder.chmod(0o755)


def control(version: str, arch: str, needs: list[str], size_kib: int) -> str:
    maintainer = os.environ.get("ZPV_DEB_MAINTAINER", MAINTAINER)
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {maintainer}\n"
        f"Installed-Size: {size_kib}\n"
        f"Depends: {', '.join(needs)}\n"
        "Section: utils\n"
        "Priority: optional\n"
        f"Description: {SUMMARY}\n{DESCRIPTION}\n"
    )


def build(bundle: Path, icons: Path, out: Path, version: str | None = None) -> Path:
    version = version or project_version()
    arch = architecture()
    tree = ROOT / "build" / "deb" / f"{PACKAGE}_{version}_{arch}"
    stage(bundle, icons, tree)
    needs = depends(tree / INSTALL_DIR)
    meta = tree / "DEBIAN"
    meta.mkdir()
    for script in ("postinst", "postrm"):
        _copy(PACKAGING / "debian" / script, meta / script, 0o755)
    size = installed_size_kib(tree)
    (meta / "control").write_text(control(version, arch, needs, size), encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"{PACKAGE}_{version}_{arch}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(tree), str(deb)],
                   check=True, stdout=subprocess.DEVNULL)
    return deb


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build_deb", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bundle", type=Path)
    parser.add_argument("icons", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--version", help="the package's version (default: pyproject.toml's)")
    args = parser.parse_args(argv)
    print(build(args.bundle, args.icons, args.out, args.version))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
