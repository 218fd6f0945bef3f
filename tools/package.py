"""`make package`: the sdist and wheel, the self-contained bundle, and the Debian package.

    python -m tools.package            # everything, into dist/ (build/ holds the steps)

1. `python -m build`: dist/zero_party_vault-VERSION.tar.gz and the wheel built from it
   (its translations compiled on the way, tools/build_translations.py);
2. a fresh venv, build/bundle-venv, with that wheel and its `package` extra (PyInstaller);
3. the icons rendered from the SVG (tools/render_icons.py), into build/icons;
4. PyInstaller, with packaging/zero-party-vault.spec: build/bundle/zero-party-vault;
   on Linux, Qt's ICU data is then cut to the app's languages (tools/trim_icu.py);
5. on Debian, the .deb (tools/build_deb.py): dist/zero-party-vault_VERSION_ARCH.deb.

Each step's time is printed, and the bundle's size. PyInstaller's cache is kept under
build/, like everything else: nothing is cached outside the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ui.qt_platform import debian_package

from .build_deb import build as build_deb
from .build_deb import project_version
from .bundle_libraries import libraries

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
DIST = ROOT / "dist"
VENV = BUILD / "bundle-venv"
BUNDLE = BUILD / "bundle" / "zero-party-vault"
ICONS = BUILD / "icons"
SPEC = ROOT / "packaging" / "zero-party-vault.spec"


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def run(*command: str | Path, env: dict[str, str] | None = None, log: str | None = None) -> None:
    """Run a step; with `log`, its chatter goes to build/logs/LOG, shown only if it fails."""
    args = [str(part) for part in command]
    if log is None:
        subprocess.run(args, check=True, cwd=ROOT, env=env)
        return
    path = BUILD / "logs" / log
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as output:
        result = subprocess.run(args, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        print(path.read_text()[-8000:], file=sys.stderr)
        raise subprocess.CalledProcessError(result.returncode, args)


def tree_size(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    version = project_version()
    steps: list[tuple[str, float]] = []

    def step(name: str, started: float) -> None:
        steps.append((name, time.monotonic() - started))
        print(f"== {name}: {steps[-1][1]:.0f} s", flush=True)

    started = time.monotonic()
    for old in DIST.glob("zero[-_]party[-_]vault*"):
        old.unlink()
    run(sys.executable, "-m", "build", "--outdir", DIST, ".", log="build.log")
    wheel = DIST / f"zero_party_vault-{version}-py3-none-any.whl"
    step("sdist and wheel", started)

    started = time.monotonic()
    shutil.rmtree(VENV, ignore_errors=True)
    run(sys.executable, "-m", "venv", VENV)
    run(venv_python(VENV), "-m", "pip", "install", "--upgrade", "pip", log="pip-upgrade.log")
    run(venv_python(VENV), "-m", "pip", "install", f"{wheel}[package]", log="pip.log")
    step("bundle venv from the wheel", started)

    started = time.monotonic()
    run(venv_python(VENV), "-m", "tools.render_icons", ICONS, log="icons.log")
    step("icons", started)

    started = time.monotonic()
    env = {**os.environ, "PYINSTALLER_CONFIG_DIR": str(BUILD / "pyinstaller-config")}
    # -P: not the checkout (the current folder) but the venv's installed wheel is bundled.
    run(venv_python(VENV), "-P", "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", BUNDLE.parent, "--workpath", BUILD / "pyinstaller", SPEC, env=env)
    step("PyInstaller bundle", started)

    started = time.monotonic()
    if sys.platform.startswith("linux"):
        if shutil.which("icupkg") is None:
            print("make package: icupkg is not installed, and the bundle's ICU data is trimmed "
                  "with it: sudo apt-get install icu-devtools", file=sys.stderr)
            return 3
        run(venv_python(VENV), "-m", "tools.trim_icu", BUNDLE)
        step("ICU data trimmed", started)
    print(f"bundle: {tree_size(BUNDLE) / 1e6:.1f} MB in {BUNDLE.relative_to(ROOT)}")

    if shutil.which("dpkg-deb"):
        started = time.monotonic()
        missing = libraries(BUNDLE).missing
        if missing:  # the .deb's Depends are read off this machine, which must have them all
            packages = sorted({debian_package(soname) for soname in missing})
            print(f"make package: this system lacks {', '.join(sorted(missing))}, which the "
                  f"bundle loads; install them, then run it again: "
                  f"sudo apt-get install {' '.join(packages)}", file=sys.stderr)
            return 3
        print(build_deb(BUNDLE, ICONS, DIST, version).relative_to(ROOT))
        step("Debian package", started)
    print(f"== total: {sum(seconds for _, seconds in steps):.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
