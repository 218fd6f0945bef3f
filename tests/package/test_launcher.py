"""The launcher a menu entry or the system starts: a zpd: link handed over as a bare
argument (`Exec=zero-party-vault %u`, Windows' "%1") reaches the app as --open-url."""

from __future__ import annotations

from importlib import metadata

import pytest

from ui.launcher import app_arguments

LINK = "zpd://share?request_uri=https%3A%2F%2Fshop.example%2Fr%2F1"


@pytest.mark.parametrize(("given", "passed"), [
    ([], []),
    ([LINK], ["--open-url", LINK]),
    (["ZPD://share?request_uri=x"], ["--open-url", "ZPD://share?request_uri=x"]),
    (["--vault", "/tmp/v", LINK], ["--vault", "/tmp/v", "--open-url", LINK]),
    (["--open-url", LINK], ["--open-url", LINK]),
    (["--vault", "/tmp/v"], ["--vault", "/tmp/v"]),
    (["--demo"], ["--demo"]),
    (["https://shop.example/"], ["https://shop.example/"]),  # not ours: the app refuses it
])
def test_a_bare_link_becomes_open_url_and_the_rest_passes_unchanged(
        given: list[str], passed: list[str]) -> None:
    assert app_arguments(given) == passed


def test_the_installed_gui_launcher_is_this_function() -> None:
    launchers = {e.name: e.value for e in metadata.entry_points(group="gui_scripts")
                 if e.dist is not None and e.dist.name == "zero-party-vault"}
    assert launchers == {"zero-party-vault": "ui.launcher:main"}
