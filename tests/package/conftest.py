"""The app as people get it: built packages (`make package`, into dist/), and the tools
that check them. Without a package built, or a tool, the tests that need it skip, saying
what is missing; .ci/run builds the packages and installs the tools, and sets
ZPV_REQUIRE_PACKAGE=1 so that they fail instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from .requirements import built, project_version


@pytest.fixture(scope="session")
def wheel() -> Path:
    return built(f"zero_party_vault-{project_version()}-py3-none-any.whl")


@pytest.fixture(scope="session")
def sdist() -> Path:
    return built(f"zero_party_vault-{project_version()}.tar.gz")


@pytest.fixture(scope="session")
def deb() -> Path:
    return built(f"zero-party-vault_{project_version()}_*.deb")
