"""Text that comes from a brand: make invisible and direction-changing characters visible.

A brand's name or description could carry bidi overrides (to make "moc.elpmaxe"
read as "example.com"), zero-width characters (to make two names look equal
but differ), or other control characters. Wherever such text is shown, each of
them is replaced by a visible marker like ⟦U+202E⟧, so what is shown is what
was sent.
"""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
ZERO_WIDTH = frozenset("\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")


def is_hidden(ch: str) -> bool:
    """A character that changes or hides what is displayed without being seen itself."""
    if ch in BIDI_CONTROLS or ch in ZERO_WIDTH:
        return True
    category = unicodedata.category(ch)
    return category in ("Cc", "Cf", "Co", "Cs") and ch not in "\t\n"


def reveal(text: str) -> str:
    """`text` with every hidden character replaced by a visible ⟦U+XXXX⟧ marker."""
    return "".join(f"\u27e6U+{ord(ch):04X}\u27e7" if is_hidden(ch) else ch for ch in text)


def hidden_characters(text: str) -> list[str]:
    """The hidden characters in `text`, as U+XXXX names, in order of first appearance."""
    seen: dict[str, None] = {}
    for ch in text:
        if is_hidden(ch):
            seen.setdefault(f"U+{ord(ch):04X}", None)
    return list(seen)
