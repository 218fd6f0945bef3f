"""Layer rules: the vault core never needs Qt and never reaches into the UI; zpd/ imports
nothing of ours; nothing but the command line imports vault.cli."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.support.vaults import PROJECT_ROOT

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


# -- who may import whom ------------------------------------------------------------------

OURS = ("vault", "ui", "brandkit", "zpd", "demo", "tools", "benchmarks", "tests", "main")
SHIPPED = ("vault", "ui", "brandkit", "zpd", "demo", "tools", "benchmarks")


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports, relative imports resolved; `from a import b` counts as
    both a and a.b (b may be a module)."""
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def sources(*folders: str) -> list[Path]:
    found = [p for folder in folders for p in (PROJECT_ROOT / folder).rglob("*.py")]
    return sorted(p for p in found if "__pycache__" not in p.parts)


def test_zpd_imports_nothing_of_ours() -> None:
    files = sources("zpd")
    assert len(files) >= 10
    offenders = {
        str(p.relative_to(PROJECT_ROOT)): sorted(
            n for n in imports_of(p) if n.split(".")[0] in OURS and n.split(".")[0] != "zpd")
        for p in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_zpd_loads_nothing_else_of_ours() -> None:
    modules = ", ".join(module_name(p) for p in sources("zpd") if p.name != "__main__.py")
    code = (f"import sys, {modules}\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {OURS!r}"
            " and m.split('.')[0] != 'zpd'))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=PROJECT_ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_nothing_outside_the_cli_imports_it() -> None:
    """`vault.cli` is the command line's words and commands: the core, the app and the
    tools never lean on it (`python -m vault` runs it, and that is all)."""
    allowed = {PROJECT_ROOT / "vault" / "__main__.py"}
    files = [p for p in [*sources(*SHIPPED), PROJECT_ROOT / "main.py"]
             if p not in allowed and VAULT / "cli" not in p.parents]
    assert len(files) > 100
    offenders = {
        str(p.relative_to(PROJECT_ROOT)): sorted(
            n for n in imports_of(p) if n == "vault.cli" or n.startswith("vault.cli."))
        for p in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_import_reader_resolves_what_the_rules_rely_on() -> None:
    """The rules above are only as good as `imports_of`: relative imports and `from x
    import module` forms are caught."""
    assert "vault.cli.words" in imports_of(VAULT / "cli" / "main.py")
    assert "vault.cli.main" in imports_of(VAULT / "__main__.py")
    assert "vault.cli" in imports_of(VAULT / "cli" / "main.py")  # from . import words
    assert "vault.storage.store" in imports_of(VAULT / "storage" / "rekey.py")
    assert "vault.errors" in imports_of(VAULT / "storage" / "rekey.py")
