"""Text that comes from a brand: make invisible and direction-changing characters visible;
whether a received document's text is any a database can store (`storable`), and a
command line's (`undecodable_argument`).

A brand's name or description could carry bidi overrides (to make "moc.elpmaxe"
read as "example.com"), zero-width characters (to make two names look equal
but differ), or other control characters. Wherever such text is shown, each of
them is replaced by a visible marker like ⟦U+202E⟧, so what is shown is what
was sent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from urllib.parse import urlsplit

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
ZERO_WIDTH = frozenset("\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(value: object) -> bool:
    """Whether every string in `value` (a JSON document: member names too) is text a
    database stores: no U+0000 (PostgreSQL refuses it in text) and no lone surrogate (not
    Unicode: UTF-8 cannot encode it; I-JSON, RFC 7493, forbids it). JSON may carry both as
    escapes, so a message received is checked before anything of it is stored. Walked
    without recursion: a sender chooses how deep its JSON nests."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if _UNSTORABLE.search(item) is not None:
                return False
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return True


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def decodable(text: str) -> bool:
    """Whether `text` is Unicode: a command line, an environment variable or standard
    input holds a lone surrogate for each byte that is not UTF-8 (Python's surrogateescape),
    and such a string cannot be stored, signed or sent."""
    return _LONE_SURROGATE.search(text) is None


def undecodable_argument(arguments: Mapping[str, object], paths: Collection[str]) -> str | None:
    """The name of the first of a parsed command line's `arguments` (argparse's, by name)
    whose text is not UTF-8, or None; `paths` are left out: a file's name need not be."""
    for name, value in arguments.items():
        if name in paths:
            continue
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(text, str) and not decodable(text) for text in texts):
            return name
    return None


def is_hidden(ch: str) -> bool:
    """A character that changes or hides what is displayed without being seen itself."""
    if ch in BIDI_CONTROLS or ch in ZERO_WIDTH:
        return True
    category = unicodedata.category(ch)
    return category in ("Cc", "Cf", "Co", "Cs") and ch not in "\t\n"


def reveal(text: str) -> str:
    """`text` with every hidden character replaced by a visible ⟦U+XXXX⟧ marker."""
    if text.isprintable():
        # No character of categories Cc, Cf, Co or Cs (every hidden one is of these), so
        # nothing to mark: the common case, checked in C (item views ask for every cell).
        return text
    return "".join(f"\u27e6U+{ord(ch):04X}\u27e7" if is_hidden(ch) else ch for ch in text)


def hidden_characters(text: str) -> list[str]:
    """The hidden characters in `text`, as U+XXXX names, in order of first appearance."""
    seen: dict[str, None] = {}
    for ch in text:
        if is_hidden(ch):
            seen.setdefault(f"U+{ord(ch):04X}", None)
    return list(seen)


# -- look-alikes: what the share review flags about a brand's name and web address -----------


class Reason(StrEnum):
    """Why a brand's text or address is flagged (stable codes; the UI words them)."""

    BIDI_CONTROL = "bidi_control"  # a direction override or isolate (U+202E...)
    ZERO_WIDTH = "zero_width"  # an invisible joiner or space (U+200B...)
    HIDDEN_CHARACTER = "hidden_character"  # any other control or format character
    MIXED_SCRIPTS = "mixed_scripts"  # one word in several scripts ("pаypal": Latin + Cyrillic)
    WHOLE_SCRIPT_CONFUSABLE = "whole_script_confusable"  # only Latin look-alikes ("аррӏе")
    COMPATIBILITY_CHARACTERS = "compatibility_characters"  # fullwidth, mathematical letters
    PUNYCODE = "punycode"  # an xn-- label: the detail shows its Unicode form
    INVALID_PUNYCODE = "invalid_punycode"


# Scripts a single word may combine without being suspicious (after UTS #39 "highly
# restrictive"): Japanese, Chinese with Bopomofo, Korean, each with Latin.
_ALLOWED_TOGETHER = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)
_SCRIPT_ALIASES = {
    "CJK": "HAN", "IDEOGRAPHIC": "HAN", "KATAKANA-HIRAGANA": "KATAKANA", "HALFWIDTH": "",
    "FULLWIDTH": "", "MODIFIER": "", "MATHEMATICAL": "",
}
# Letters of other scripts that pass for Latin ones in most fonts (a short, common list,
# not the whole of Unicode's confusables.txt).
LATIN_LOOKALIKES = frozenset(
    # Cyrillic
    "аеорсухѕіјһԁԛԝӏүɡ"
    "АВЕЗКМНОРСТУХЅІЈԚԜҮ"
    # Greek
    "οαιικνρτυχ"
    "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"
    # Armenian
    "օսցհոզա"
    # Cherokee
    "ᎪᏴᏟᎬᏀᎻᏆᎫᏦᏞᎷᏢᏚᎢᏙᏔᏬ"
)


@dataclass(frozen=True)
class Flag:
    """Something a person should look at twice; `reason` is one of the codes above."""

    reason: Reason
    detail: str = ""
    where: str = ""  # for brand_flags: name, host, description, privacy_policy


def script_of(ch: str) -> str:
    """The script of a letter, from its Unicode name ("" for anything that is not a letter)."""
    if not unicodedata.category(ch).startswith("L"):
        return ""
    folded = unicodedata.normalize("NFKC", ch)[:1] or ch
    name = unicodedata.name(folded, "") or unicodedata.name(ch, "")
    first = name.split(" ", 1)[0]
    return _SCRIPT_ALIASES.get(first, first)


def _scripts(word: str) -> set[str]:
    return {s for s in map(script_of, word) if s}


def _words(text: str) -> list[str]:
    words: list[str] = []
    current: list[str] = []
    for ch in text:
        if unicodedata.category(ch)[0] in "LMN" or is_hidden(ch):
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def _hidden_flags(text: str) -> list[Flag]:
    flags: dict[tuple[Reason, str], None] = {}
    for ch in text:
        if ch in BIDI_CONTROLS:
            reason = Reason.BIDI_CONTROL
        elif ch in ZERO_WIDTH:
            reason = Reason.ZERO_WIDTH
        elif is_hidden(ch):
            reason = Reason.HIDDEN_CHARACTER
        else:
            continue
        flags.setdefault((reason, f"U+{ord(ch):04X}"), None)
    return [Flag(reason, detail) for reason, detail in flags]


def _word_flags(word: str) -> list[Flag]:
    visible = "".join(ch for ch in word if not is_hidden(ch))
    flags = []
    scripts = _scripts(visible)
    named = f"{visible}: {' + '.join(sorted(scripts)).title()}"
    if len(scripts) > 1 and not any(scripts <= allowed for allowed in _ALLOWED_TOGETHER):
        flags.append(Flag(Reason.MIXED_SCRIPTS, named))
    letters = [ch for ch in visible if unicodedata.category(ch).startswith("L")]
    if (
        len(letters) > 1
        and "LATIN" not in scripts
        and all(ch in LATIN_LOOKALIKES for ch in letters)
    ):
        flags.append(Flag(Reason.WHOLE_SCRIPT_CONFUSABLE, named))
    changed = dict.fromkeys(ch for ch in letters if unicodedata.normalize("NFKC", ch) != ch)
    if changed:
        codes = " ".join(f"U+{ord(ch):04X}" for ch in changed)
        flags.append(Flag(Reason.COMPATIBILITY_CHARACTERS, f"{visible}: {codes}"))
    return flags


def suspicious_name(text: str) -> list[Flag]:
    """Why a brand's name (or other short text) may not be what it seems; [] when nothing.

    Hidden characters (bidi controls, zero-width and other format characters), words
    mixing scripts (a Cyrillic "а" among Latin letters), words made only of Latin
    look-alikes from another script, and fullwidth or mathematical letters.
    Ordinary text in any one script, or several scripts in separate words, is not flagged.
    """
    if not isinstance(text, str):
        return []
    flags = _hidden_flags(text)
    for word in _words(text):
        flags.extend(_word_flags(word))
    return _unique(flags)


def lookalike_host(host: str) -> list[Flag]:
    """Why a web address's host may imitate another; [] when nothing.

    Each label is checked as a word (mixed scripts, look-alike letters, compatibility
    letters, hidden characters); an `xn--` label is decoded first and flagged as
    punycode, with its Unicode form as the detail, so the review can show both.
    """
    if not isinstance(host, str):
        return []
    host = host.strip("[]").rstrip(".")
    flags = _hidden_flags(host)
    for label in host.split("."):
        shown = label
        if label[:4].lower() == "xn--":
            try:
                shown = label[4:].encode("ascii").decode("punycode")
            except (UnicodeError, ValueError):
                flags.append(Flag(Reason.INVALID_PUNYCODE, label))
                continue
            flags.append(Flag(Reason.PUNYCODE, f"{label} = {shown}"))
            flags.extend(_hidden_flags(shown))
        flags.extend(_word_flags(shown))
    return _unique(flags)


def brand_flags(
    name: str, origin: str, *, description: str = "", privacy_policy: str = ""
) -> list[Flag]:
    """Everything the share review should flag about a brand, each with `where` it is."""

    def host(url: str) -> str:
        try:
            return urlsplit(url).hostname or ""
        except ValueError:
            return ""

    flags = [replace(f, where="name") for f in suspicious_name(name)]
    flags += [replace(f, where="host") for f in lookalike_host(host(origin))]
    flags += [replace(f, where="description") for f in _hidden_flags(description)]
    if privacy_policy and host(privacy_policy) != host(origin):
        flags += [replace(f, where="privacy_policy") for f in lookalike_host(host(privacy_policy))]
    return flags


def _unique(flags: list[Flag]) -> list[Flag]:
    return list(dict.fromkeys(flags))
