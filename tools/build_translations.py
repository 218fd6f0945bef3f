"""The wheel's build step: compile resources/translations/*.ts into the .qm catalogues the
app loads, with the lrelease that PySide6 ships (a build requirement in pyproject.toml).

setuptools runs `BuildPy` in place of its own build_py (`[tool.setuptools.cmdclass]`):
the .qm files are written into the build tree only, so the sdist carries the .ts sources
and every wheel built from it carries catalogues built from exactly those. A checkout
builds its own with `make translations`; an editable install needs none here.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from setuptools.command.build_py import build_py

PACKAGE = "resources"
CATALOGUES = Path(PACKAGE) / "translations"


def lrelease() -> Path:
    """PySide6's lrelease, found without importing PySide6 (which would load Qt)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        raise RuntimeError("building the translations needs PySide6 (a build requirement)")
    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    return Path(spec.origin).parent / name


def compile_catalogues(sources: Path, target: Path) -> list[Path]:
    """Write target/NAME.qm for every sources/NAME.ts; the .qm files written."""
    tool = lrelease()
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for ts in sorted(sources.glob("*.ts")):
        qm = target / ts.with_suffix(".qm").name
        subprocess.run([str(tool), "-silent", str(ts), "-qm", str(qm)], check=True)
        written.append(qm)
    if not written:
        raise RuntimeError(f"no translation sources in {sources}")
    return written


class BuildPy(build_py):
    """build_py, then the translations into the build tree."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # the checkout's own resources/ is used: `make translations` builds there
        self._catalogues = compile_catalogues(CATALOGUES, Path(self.build_lib) / CATALOGUES)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        return [*super().get_outputs(include_bytecode),
                *(str(qm) for qm in getattr(self, "_catalogues", []))]
