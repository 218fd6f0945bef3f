"""What `zpv` writes to a terminal never carries a brand's control characters raw.

A brand name with ESC[2J (clear the screen), OSC 52 (write the clipboard) and U+202E
(reverse what follows) goes through many commands, their errors and their JSON: every
byte on stdout and stderr is checked, in a subprocess, as a terminal would receive it.
JSON keeps the characters as data, written as \\u escapes.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.support.brand_keys import BrandKeys, signed_request
from tests.support.cli import run_cli
from tests.support.clock import DAY
from tests.support.specs import ORIGIN, OTHER_ORIGIN, fit_ask, request_spec
from tests.support.vaults import MadeVault

CLEAR = "\x1b[2J"
CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"  # OSC 52: "evil" into the clipboard
REVERSE = "\u202e"
HOSTILE = f"Shoes{CLEAR}{CLIPBOARD}{REVERSE}Example"
RAW = ("\x1b", "\x07", "\u202e", "\x9b")


def assert_terminal_safe(text: str) -> None:
    for raw in RAW:
        assert raw not in text, f"{raw!r} reached the terminal: {text!r}"


@pytest.fixture
def hostile(made_vault: MadeVault, tmp_path: Path) -> MadeVault:
    """Two brands whose names start alike, one of them hostile everywhere it writes."""
    now = int(time.time())
    ask = fit_ask(purpose={"iri": "https://w3id.org/dpv#ServicePersonalisation",
                           "description": f"Fit {CLEAR}advice{REVERSE}"},
                  offer={"kind": "discount", "description": f"10%{CLIPBOARD} off"})
    for origin, name in ((ORIGIN, HOSTILE), (OTHER_ORIGIN, "Shoes Outlet")):
        path = tmp_path / f"{name[:5]}-{len(name)}.jws"
        path.write_text(signed_request(BrandKeys.generate(), request_spec(origin, name, [ask]),
                                       iat=now, exp=now + DAY))
        result = run_cli("request", "import", str(path), vault_dir=made_vault.directory)
        assert result.returncode == 0, result.stderr
        assert_terminal_safe(result.stdout + result.stderr)
        assert "⟦U+001B⟧" in result.stdout or name == "Shoes Outlet"
    return made_vault


COMMANDS = [
    ("brands",),
    ("asks", ORIGIN),
    ("set", "shoe_size_eu", "42"),
    ("share", ORIGIN, "fit-advice"),
    ("grants",),
    ("knows", ORIGIN),
    ("balance", ORIGIN),
    ("outbox",),
    ("audit",),
    ("asks", "Shoes"),  # an error naming both brands, on stderr
    ("share", ORIGIN, "no-such-ask"),
]


@pytest.mark.slow
def test_no_command_hands_a_brands_control_characters_to_the_terminal(
    hostile: MadeVault,
) -> None:
    seen = ""
    for command in COMMANDS:
        result = run_cli(*command, vault_dir=hostile.directory)
        assert "Traceback" not in result.stderr, result.stderr
        assert_terminal_safe(result.stdout)
        assert_terminal_safe(result.stderr)
        seen += result.stdout + result.stderr
    # The characters are shown, not dropped: the person sees that something is there.
    for marker in ("⟦U+001B⟧[2J", "⟦U+001B⟧]52;c;ZXZpbA==⟦U+0007⟧", "⟦U+202E⟧"):
        assert marker in seen
    ambiguous = run_cli("asks", "Shoes", vault_dir=hostile.directory)
    assert ambiguous.returncode == 1 and "Shoes Outlet" in ambiguous.stderr
    assert "Shoes⟦U+001B⟧[2J" in ambiguous.stderr


@pytest.mark.parametrize("command", [("brands",), ("asks", ORIGIN), ("knows", ORIGIN)])
def test_json_keeps_the_characters_as_escapes(
    hostile: MadeVault, command: tuple[str, ...]
) -> None:
    result = run_cli(*command, "--json", vault_dir=hostile.directory)
    assert result.returncode == 0, result.stderr
    assert_terminal_safe(result.stdout)
    found = strings_in(json.loads(result.stdout))
    assert HOSTILE in found or f"Fit {CLEAR}advice{REVERSE}" in found  # the data, unchanged
    assert "\\u202e" in result.stdout


def strings_in(document: object) -> set[str]:
    if isinstance(document, str):
        return {document}
    if isinstance(document, dict):
        return set().union(*(strings_in(v) for v in document.values()), set())
    if isinstance(document, list):
        return set().union(*(strings_in(v) for v in document), set())
    return set()
