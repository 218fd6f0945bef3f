"""`zero-party-vault`: the app as installed (the wheel's GUI launcher, the bundle's
executable), started from the applications menu or by the system for a `zpd:` link.

A menu entry or the system hands a link over as a bare argument (`Exec=zero-party-vault
%u`; Windows' `"%1"`); the app takes it as `--open-url LINK`. Everything else is passed on
unchanged to the app's own entry function.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

LINK_SCHEME = "zpd:"


def app_arguments(argv: Sequence[str]) -> list[str]:
    """The launcher's arguments as the app takes them: each bare `zpd:` link becomes
    `--open-url LINK`; a link given after `--open-url` is left as it is."""
    arguments: list[str] = []
    for index, argument in enumerate(argv):
        after_option = index > 0 and argv[index - 1] == "--open-url"
        if argument.lower().startswith(LINK_SCHEME) and not after_option:
            arguments += ["--open-url", argument]
        else:
            arguments.append(argument)
    return arguments


def main() -> int:
    from vault.process_hardening import disable_core_dumps

    disable_core_dumps()  # before anything holds a secret
    from ui.app import main as app_main

    return app_main(app_arguments(sys.argv[1:]))
