"""`zpv --version`: the version, the libraries the vault stands on, and the licence."""

from __future__ import annotations

import argparse
import platform
from collections.abc import Sequence
from typing import Any, NoReturn

from ..about import about


def version_text() -> str:
    facts = about()
    libraries = ", ".join(f"{name} {version}" for name, version in facts.libraries)
    return (
        f"zpv {facts.version} (Zero-Party Vault)\n"
        f"SQLCipher {facts.sqlcipher} (SQLite {facts.sqlite}), "
        f"Python {platform.python_version()}\n"
        f"Libraries: {libraries or 'unknown (not installed)'}\n"
        f"Licence: {facts.licence}"
    )


class ShowVersion(argparse.Action):
    """Like argparse's "version" action, but the text is only made (SQLCipher loaded) when
    the option is given."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> NoReturn:
        print(version_text())
        parser.exit()
