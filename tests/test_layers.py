"""Layer rules: the vault core never needs Qt, and never reaches into the UI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap

from tests.conftest import PROJECT_ROOT

VAULT = PROJECT_ROOT / "vault"

# Runs in a fresh interpreter: PySide6 is made unimportable before anything else loads, then
# every module of the package is imported. `vault.__main__` runs the CLI, so it is imported
# with `--help` as its command line and must exit 0.
IMPORT_EVERYTHING = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys

    sys.modules["PySide6"] = None
    try:
        import PySide6  # noqa: F401
    except ImportError:
        pass
    else:
        raise SystemExit("PySide6 was still importable")

    import vault

    imported = []
    for info in pkgutil.walk_packages(vault.__path__, "vault."):
        if info.name == "vault.__main__":
            continue
        importlib.import_module(info.name)
        imported.append(info.name)

    sys.argv = ["zpv", "--help"]
    try:
        importlib.import_module("vault.__main__")
    except SystemExit as done:
        assert done.code == 0, done.code
    imported.append("vault.__main__")

    qt = sorted(
        name for name, module in sys.modules.items()
        if module is not None and name.split(".")[0] in ("PySide6", "shiboken6", "ui")
    )
    print(json.dumps({"imported": imported, "qt": qt}))
    """
)


def vault_modules() -> set[str]:
    """Every module and subpackage of vault/ (the package itself is imported first)."""
    names = set()
    for path in VAULT.rglob("*.py"):
        parts = path.relative_to(VAULT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts:
            names.add("vault." + ".".join(parts))
    return names


def test_vault_imports_with_pyside6_unimportable() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert set(report["imported"]) == vault_modules()
    assert report["qt"] == []


QT_OR_UI = re.compile(
    r"PySide6|shiboken6|^\s*from\s+ui(\.|\s)|^\s*import\s+ui(\.|\s|$)|^\s*from\s+\.\.ui",
    re.MULTILINE,
)


def test_no_vault_file_mentions_pyside6_or_imports_ui() -> None:
    files = sorted(VAULT.rglob("*.py"))
    assert len(files) >= 10
    offenders = {
        str(p.relative_to(PROJECT_ROOT)): sorted({m[0] for m in QT_OR_UI.finditer(p.read_text())})
        for p in files
        if QT_OR_UI.search(p.read_text(encoding="utf-8"))
    }
    assert offenders == {}


def test_the_pattern_catches_what_it_should() -> None:
    for line in (
        "from PySide6.QtCore import QObject",
        "import ui.main",
        "from ui import app",
        "    from ui.models import X",
        "from ..ui import window",
        "import ui",
    ):
        assert QT_OR_UI.search(line), line
    for line in ("from .uid import x", "import uinput", "# user interface", "build_ui = 1"):
        assert not QT_OR_UI.search(line), line
