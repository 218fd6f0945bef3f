"""The Debian package, as a person's system gets it: its Depends say exactly which system
libraries the bundle loads; `apt-get install` puts the launcher on PATH and registers zpd:
links; the installed app opens a vault's unlock screen, takes a link the installed launcher
hands it while it runs, and quits cleanly on SIGTERM; an
upgrade keeps the person's vault and settings; removal leaves no file behind."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.vaults import FAST_KDF, PASSPHRASE, file_digests
from ui.app import NO_DEMO
from vault.vault import Vault

from .launch import app_environment, launch
from .requirements import need_root, need_tool, project_version

pytestmark = pytest.mark.slow

PACKAGE = "zero-party-vault"
LAUNCHER = Path("/usr/bin") / PACKAGE
INSTALL_DIR = Path("/opt") / PACKAGE
DESKTOP = Path("/usr/share/applications") / f"{PACKAGE}.desktop"
BASE_FOLDERS = {Path("/"), Path("/opt")}  # the system's own, in every package's list
NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[(\S+)\]")
LINK = "zpd://share?request_uri=https%3A%2F%2Fshoes.example%2Fzpd%2Fvisit%2F1"
RESOLVED = re.compile(r"^\s*(\S+) => (/\S+) \(0x", re.MULTILINE)


def apt(*args: str) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    result = subprocess.run(["apt-get", "-y", "-q", *args], capture_output=True, text=True,
                            env=env, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def installed_version() -> str | None:
    result = subprocess.run(["dpkg-query", "-W", "-f=${Status} ${Version}", PACKAGE],
                            capture_output=True, text=True)
    if result.returncode != 0 or not result.stdout.startswith("install ok installed"):
        return None
    return result.stdout.split()[-1]


def control_field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True,
                          check=True).stdout.strip()


def owner(path: Path) -> str | None:
    result = subprocess.run(["dpkg", "-S", str(path)], capture_output=True, text=True)
    return result.stdout.split(":", 1)[0] if result.returncode == 0 else None


def xdg_default(home: Path) -> str:
    """What xdg-mime says opens zpd: links, for a person with no choices of their own."""
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "XDG_CONFIG_HOME": str(home / "c"),
           "XDG_DATA_HOME": str(home / "d")}
    return subprocess.run(["xdg-mime", "query", "default", "x-scheme-handler/zpd"],
                          capture_output=True, text=True, env=env, timeout=60).stdout.strip()


def test_depends_names_exactly_the_packages_of_the_libraries_the_bundle_loads(
        deb: Path, tmp_path: Path) -> None:
    """Every system library an ELF file of the bundle (its Qt plugins among them) names is
    in a package of Depends, and every package of Depends holds one of them."""
    need_tool("dpkg", "dpkg")
    need_tool("readelf", "binutils")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path)], check=True)
    bundle = tmp_path / "opt" / PACKAGE
    resources = bundle / "_internal" / "resources"
    assert (resources / "translations" / "zpv_el.qm").is_file()
    assert not list(resources.rglob("*.ts")), "the wheel's resources, not the checkout's"
    icu_data = [path.stat().st_size for path in bundle.rglob("libicudata.so.*")
                if not path.is_symlink()]
    assert len(icu_data) == 1 and icu_data[0] < 8_000_000, f"ICU data not trimmed: {icu_data}"
    plugins = list((bundle / "_internal" / "PySide6" / "Qt" / "plugins").rglob("*.so"))
    assert {p.name for p in plugins} >= {"libqxcb.so", "libqwayland.so", "libqoffscreen.so"}
    wanted: set[str] = set()
    for path in bundle.rglob("*"):
        if path.is_symlink() or not path.is_file() or path.read_bytes()[:4] != b"\x7fELF":
            continue
        ldd = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
        assert "not found" not in ldd, (path, ldd)
        found_at = dict(RESOLVED.findall(ldd))
        dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True,
                                 text=True).stdout
        for name in NEEDED.findall(dynamic):
            where = Path(found_at.get(name, "/nonexistent"))
            if where.exists() and not where.resolve().is_relative_to(tmp_path):
                package = owner(where) or owner(where.resolve())
                assert package, f"{path.name} loads {where}, which no package holds"
                wanted.add(package)
    depends = {item.strip() for item in control_field(deb, "Depends").split(",")}
    assert depends == wanted
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0"} <= depends


@pytest.fixture
def clean_system() -> Iterator[None]:
    need_root("installing a Debian package")
    for tool, package in (("apt-get", "apt"), ("xdg-mime", "xdg-utils"),
                          ("desktop-file-validate", "desktop-file-utils")):
        need_tool(tool, package)
    if installed_version() is not None:
        pytest.fail(f"{PACKAGE} is installed already: this test installs and removes it")
    yield
    if installed_version() is not None:
        apt("purge", PACKAGE)


def newer_package(deb: Path, folder: Path) -> Path:
    """The same package under a higher version: what an upgrade installs."""
    raw = folder / "raw"
    subprocess.run(["dpkg-deb", "-R", str(deb), str(raw)], check=True)
    control = raw / "DEBIAN" / "control"
    version = f"{project_version()}+1"
    control.write_text(re.sub(r"^Version: .*$", f"Version: {version}",
                              control.read_text(), flags=re.MULTILINE))
    newer = folder / f"{PACKAGE}_{version}.deb"
    subprocess.run(["dpkg-deb", "-Znone", "--root-owner-group", "--build", str(raw),
                    str(newer)], check=True, stdout=subprocess.DEVNULL)
    return newer


def run_installed(home: Path, *args: str) -> str:
    """Start the installed launcher as the menu does (from the person's home, with their
    data folder), wait for its first screen, SIGTERM it; the screen's name."""
    app = launch([LAUNCHER, *args], app_environment(home), cwd=home)
    try:
        screen = app.wait_ready().screen
        code, errors = app.terminate()
    finally:
        app.kill()
    assert code == 0, errors
    return screen


def hand_a_link_to_the_running_app(home: Path) -> None:
    """While the installed app runs, the installed launcher started with a zpd: link (as
    the desktop's link handler starts it) hands the link over and exits at once."""
    env = app_environment(home)
    running = launch([LAUNCHER], env, cwd=home)
    try:
        assert running.wait_ready().screen == "UnlockPage"
        later = subprocess.run([LAUNCHER, LINK], env=env, cwd=home,  # as %u in Exec=
                               capture_output=True, text=True, timeout=60)
        assert (later.returncode, later.stdout, later.stderr) == (0, "", ""), later.stderr
        assert running.process.poll() is None, "the running app took the link and runs on"
        code, errors = running.terminate()
    finally:
        running.kill()
    assert code == 0, errors
    assert "Traceback" not in errors


def test_install_run_upgrade_and_remove(deb: Path, clean_system: None, tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert xdg_default(home) == "", "nothing opened zpd: links before"

    apt("install", str(deb.resolve()))
    assert installed_version() == project_version()
    files = [Path(line) for line in subprocess.run(
        ["dpkg", "-L", PACKAGE], capture_output=True, text=True, check=True).stdout.split()]
    assert all(p.is_relative_to("/opt") or p.is_relative_to("/usr") or p == Path("/.")
               for p in files), "nothing outside /opt and /usr: never a person's folders"
    assert LAUNCHER in files and LAUNCHER.resolve() == INSTALL_DIR / PACKAGE
    subprocess.run(["desktop-file-validate", str(DESKTOP)], check=True)
    assert xdg_default(home) == DESKTOP.name
    for size in (16, 48, 256):
        assert Path(f"/usr/share/icons/hicolor/{size}x{size}/apps/{PACKAGE}.png") in files

    # A fresh vault in the person's data folder, and a setting of theirs.
    vault_dir = home / ".local" / "share" / PACKAGE / "vault"
    Vault.create(vault_dir, PASSPHRASE, kdf=FAST_KDF)[0].lock()
    settings = home / ".config" / "Zero-Party Vault" / "Zero-Party Vault.conf"
    settings.parent.mkdir(parents=True)
    settings.write_text("[ui]\nlanguage=el\n")
    before = file_digests(vault_dir), settings.read_bytes()
    assert run_installed(home) == "UnlockPage"  # found it where the person keeps it
    hand_a_link_to_the_running_app(home)
    demo = subprocess.run([LAUNCHER, "--demo"], capture_output=True, text=True, timeout=60,
                          env=app_environment(home), cwd=home)
    assert (demo.returncode, demo.stderr.strip()) == (2, NO_DEMO), "the bundle has no demo"

    apt("install", str(newer_package(deb, tmp_path)))
    assert installed_version() == f"{project_version()}+1"
    assert (file_digests(vault_dir), settings.read_bytes()) == before
    assert run_installed(home) == "UnlockPage"
    assert xdg_default(home) == DESKTOP.name

    apt("purge", PACKAGE)
    assert installed_version() is None
    left = [p for p in files if p.is_symlink() or (p.exists() and not p.is_dir())]
    assert left == [], "every file and link of the package is gone"
    kept_folders = [p for p in files if p.is_dir() and owner(p) is None
                    and p not in BASE_FOLDERS]
    assert kept_folders == [], "a folder stays only where another package has files"
    assert not INSTALL_DIR.exists()
    assert xdg_default(home) == ""
    assert file_digests(vault_dir) == before[0], "removing the app never touches the vault"
