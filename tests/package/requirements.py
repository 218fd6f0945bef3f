"""What the package tests need: built packages (`make package`, into dist/) and the tools
that check them. Without one, a test skips saying what is missing, or fails where CI says
everything is there (ZPV_REQUIRE_PACKAGE=1)."""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path

import pytest

from tests.support.vaults import PROJECT_ROOT

PACKAGE_DIR_ENV = "ZPV_PACKAGE_DIR"  # where the built packages are (default: dist/)
REQUIRE_ENV = "ZPV_REQUIRE_PACKAGE"


def required() -> bool:
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0")


def unavailable(reason: str) -> None:
    """Skip, or fail when CI says everything packaging needs is there."""
    if required():
        pytest.fail(f"{reason}, and {REQUIRE_ENV} says it is required")
    pytest.skip(reason)


def need_tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        unavailable(f"{name} is not installed (Debian's {package}; .ci/package installs it)")
    assert path is not None
    return path


def need_root(what: str) -> None:
    if os.geteuid() != 0:
        unavailable(f"{what} needs root")


def project_version() -> str:
    with (PROJECT_ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def built(pattern: str) -> Path:
    folder = Path(os.environ.get(PACKAGE_DIR_ENV, PROJECT_ROOT / "dist"))
    found = sorted(folder.glob(pattern))
    if not found:
        unavailable(f"no {pattern} in {folder}: run `make package` first")
    return found[-1]
