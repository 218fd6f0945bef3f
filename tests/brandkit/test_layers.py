"""brandkit builds on zpd only: never the person's vault, never Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.support.vaults import PROJECT_ROOT

BRANDKIT = PROJECT_ROOT / "brandkit"
FORBIDDEN = ("vault", "ui", "PySide6", "shiboken6", "sqlcipher3")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_no_module_imports_the_vault_or_qt() -> None:
    sources = sorted(BRANDKIT.glob("*.py"))
    assert len(sources) >= 10
    for source in sources:
        for name in imported_modules(source):
            assert name.split(".")[0] not in FORBIDDEN, f"{source.name} imports {name}"


def test_importing_brandkit_loads_neither() -> None:
    modules = ", ".join(f"brandkit.{p.stem}" for p in sorted(BRANDKIT.glob("*.py"))
                        if p.stem not in ("__init__", "__main__"))
    code = (
        f"import sys, {modules}\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=PROJECT_ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
