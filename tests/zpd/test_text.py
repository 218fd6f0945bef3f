"""Brand text: hidden characters are revealed, ordinary text of any script is left alone."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zpd.text import (
    decodable,
    hidden_characters,
    is_hidden,
    reveal,
    storable,
    undecodable_argument,
)


def test_bidi_override_and_zero_width_are_revealed() -> None:
    name = "Shoes\u202eelpmaxe\u202c\u200bShop"
    assert reveal(name) == "Shoes⟦U+202E⟧elpmaxe⟦U+202C⟧⟦U+200B⟧Shop"
    assert hidden_characters(name) == ["U+202E", "U+202C", "U+200B"]


def test_ordinary_text_in_any_script_is_unchanged() -> None:
    for text in ("Παπούτσια & Σια", "<b>Shoes</b>", "שלום", "مرحبا", "靴屋", "café"):
        assert reveal(text) == text
        assert hidden_characters(text) == []


@given(st.text())
def test_revealed_text_hides_nothing(text: str) -> None:
    shown = reveal(text)
    assert not any(is_hidden(ch) for ch in shown)
    assert (shown == text) == (hidden_characters(text) == [])



def test_storable_text_has_no_nul_and_no_lone_surrogate_anywhere() -> None:
    assert storable({"a": ["ok", {"b": "\U0001f600 caf\u00e9"}], "n": 1, "x": None})
    for document in ("a\ud800", {"a": ["ok", {"b": "\udfff!"}]}, {"\udc00": 1},
                     {"a": "\x00"}, ["x\x00y"]):
        assert not storable(document), document


def test_storable_walks_any_depth_without_recursion() -> None:
    deep: list[object] = []
    bottom = deep
    for _ in range(100_000):  # far past the interpreter's recursion limit
        bottom.append([])
        bottom = bottom[0]  # type: ignore[assignment]
    assert storable({"data": deep})
    bottom.append("\x00")
    assert not storable({"data": deep})


def test_decodable_text_has_no_lone_surrogate() -> None:
    assert decodable("Ελλάδα 👟 \x00")
    assert not decodable("0xFF read with surrogateescape: \udcff")
    assert not decodable("half a pair: \ud83d")


def test_the_first_argument_that_is_not_utf8_is_named_leaving_paths_out() -> None:
    arguments = {"out": "report \udcff.html", "brand": "Shoes", "names": ["a", "b\udcff"],
                 "days": 30, "handler": print}
    assert undecodable_argument(arguments, {"out"}) == "names"
    assert undecodable_argument(arguments, {"out", "names"}) is None
