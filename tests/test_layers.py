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
    return imports_in(ast.parse(path.read_text(encoding="utf-8")), package)


def imports_in(tree: ast.Module, package: str) -> set[str]:
    """What `imports_of` reads, for a module of `package` already parsed."""
    names: set[str] = set()
    for node in ast.walk(tree):
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


# -- the UI: no SQL, no crypto, and its words in ui/words/ ---------------------------------

UI = PROJECT_ROOT / "ui"
# The UI asks the vault; it never opens a database, signs, encrypts or hashes itself.
# (`secrets` stays allowed: the recovery-code check picks which group to ask back.)
SQL_OR_CRYPTO = ("sqlite3", "sqlcipher3", "cryptography", "joserfc", "jwcrypto", "nacl",
                 "argon2", "hashlib", "hmac", "zpd.jose")
SQL_TEXT = re.compile(r"^\s*(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
                      r"CREATE\s+TABLE|PRAGMA\s)", re.IGNORECASE | re.DOTALL)
DB_CALLS = {"execute", "executemany", "executescript", "cursor"}


def sql_or_crypto_in(tree: ast.Module, package: str) -> list[str]:
    found = sorted(n for n in imports_in(tree, package)
                   if any(n == m or n.startswith(m + ".") for m in SQL_OR_CRYPTO))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and SQL_TEXT.match(node.value)):
            found.append(f"SQL text at line {node.lineno}")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in DB_CALLS):
            found.append(f".{node.func.attr}() at line {node.lineno}")
    return found


def test_the_ui_runs_no_sql_and_no_crypto() -> None:
    files = sources("ui")
    assert len(files) > 60
    offenders = {
        str(p.relative_to(PROJECT_ROOT)): sql_or_crypto_in(
            ast.parse(p.read_text(encoding="utf-8")), module_name(p).rpartition(".")[0])
        for p in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_sql_and_crypto_rule_catches_what_it_should() -> None:
    sample = ast.parse("import hashlib\nfrom joserfc import jws\nfrom zpd import jose\n"
                       "def f(db):\n    db.execute('SELECT value FROM fields')\n")
    found = sql_or_crypto_in(sample, "ui.fields")
    assert sorted(found) == sorted(["hashlib", "joserfc", "joserfc.jws", "zpd.jose",
                                    "SQL text at line 5", ".execute() at line 5"])


# Where the UI's words live (ui/words/__init__.py states the rule): outside ui/words/ no
# module keeps a words table (a dict whose values are translated text), formats a moment,
# or turns exceptions into words by matching on their types. A screen's own labels,
# headings and sentences stay next to its widgets as tr("...") calls.
WORDS = UI / "words"
TRANSLATING = {"tr", "_tr", "translate"}
MOMENT_FORMATTING = {"QDateTime", "strftime", "fromtimestamp"}


def _exception_names() -> set[str]:
    import builtins
    import inspect

    from vault import errors as vault_errors
    from zpd import errors as zpd_errors

    names = {n for n, c in inspect.getmembers(builtins, inspect.isclass)
             if issubclass(c, BaseException)}
    for module in (vault_errors, zpd_errors):
        names |= {n for n, c in inspect.getmembers(module, inspect.isclass)
                  if issubclass(c, BaseException)}
    return names


def _translated(node: ast.expr) -> bool:
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
            node.func.attr == "format":
        node = node.func.value
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in TRANSLATING


def words_outside_words(path: Path, exceptions: set[str]) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Dict) and len(node.values) >= 2
                and all(_translated(v) for v in node.values)):
            found.append(f"words table at line {node.lineno}")
        name = (node.attr if isinstance(node, ast.Attribute)
                else node.id if isinstance(node, ast.Name) else None)
        if name in MOMENT_FORMATTING:
            found.append(f"{name} at line {node.lineno}")
        if isinstance(node, ast.match_case) and isinstance(node.pattern, ast.MatchClass):
            cls = node.pattern.cls
            cls_name = cls.attr if isinstance(cls, ast.Attribute) else getattr(cls, "id", "")
            if cls_name in exceptions:
                found.append(f"case {cls_name}() at line {node.pattern.lineno}")
    return found


def test_the_ui_keeps_its_words_in_ui_words() -> None:
    exceptions = _exception_names()
    files = [p for p in sources("ui") if WORDS not in p.parents
             and p.name != "catalogue_strings.py"]  # generated, for lupdate
    assert len(files) > 50
    offenders = {str(p.relative_to(PROJECT_ROOT)): words_outside_words(p, exceptions)
                 for p in files}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_words_rule_catches_what_it_should(tmp_path: Path) -> None:
    sample = tmp_path / "page.py"
    sample.write_text(
        "def kind(k):\n    return {'a': _tr('A'), 'b': self.tr('B {0}').format(1)}[k]\n"
        "def when(at):\n    return QDateTime.fromSecsSinceEpoch(at).toString()\n"
        "def say(e):\n    match e:\n        case errors.VaultLocked():\n            return 'x'\n"
        "label = {'a': _tr('A')}\n", encoding="utf-8")
    assert sorted(words_outside_words(sample, _exception_names())) == [
        "QDateTime at line 4", "case VaultLocked() at line 7", "words table at line 2"]


def test_the_words_form_one_chain() -> None:
    """Each module of ui/words/ imports only those before it in the chain (no circle)."""
    chain = ["text", "time", "country_names", "fields", "exchange", "pausing", "review",
             "balance", "activity", "aliases", "report", "sync", "news", "errors"]
    modules = sorted(p.stem for p in WORDS.glob("*.py") if p.name != "__init__.py")
    assert sorted(chain) == modules
    for position, name in enumerate(chain):
        imported = {n.split(".")[2] for n in imports_of(WORDS / f"{name}.py")
                    if n.startswith("ui.words.")}
        assert imported <= set(chain[:position]), (name, imported - set(chain[:position]))
        ours = {n for n in imports_of(WORDS / f"{name}.py")
                if n.split(".")[0] == "ui" and not n.startswith("ui.words")}
        assert ours <= {"ui.words"}, (name, ours)
