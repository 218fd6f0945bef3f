"""Is a new passphrase strong enough? Reasons come back as codes the UI words.

An estimate, not a guarantee: it refuses what attackers try first (short,
common, repeated, keyboard runs) and asks for about 50 bits otherwise, which
Argon2id at 64 MiB puts far out of reach of an offline attack on a copied vault.
"""

from __future__ import annotations

import math
import unicodedata

from ..errors import Weakness, WeakPassphrase

MIN_LENGTH = 12
MIN_BITS = 50.0


_COMMON = frozenset(
    """
    password passw0rd password1 password12 password123 password1234 passwordpassword
    123456789012 qwertyuiopas qwertyuiop123 iloveyou1234 letmeinplease welcome12345
    administrator trustno1trustno1 football1234 baseball1234 sunshine1234 princess1234
    dragon123456 monkey123456 mustang12345 shadow123456 superman1234 starwars1234
    correcthorsebatterystaple changemeplease abcdefghijkl abc123abc123 zeropartyvault
    """.split()
)
_RUNS = (
    "abcdefghijklmnopqrstuvwxyz",
    "0123456789",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "qwertzuiop",
    "azertyuiop",
)


def weaknesses(passphrase: str) -> list[Weakness]:
    """Codes for what is wrong with `passphrase`; an empty list means it is acceptable."""
    text = unicodedata.normalize("NFC", passphrase)
    folded = "".join(ch for ch in text.casefold() if not ch.isspace())
    reasons: list[Weakness] = []
    if len(text) < MIN_LENGTH:
        reasons.append(Weakness.TOO_SHORT)
    if folded in _COMMON or folded.rstrip("0123456789!") in _COMMON:
        reasons.append(Weakness.COMMON)
    if folded and len(set(folded)) <= max(2, len(folded) // 4):
        reasons.append(Weakness.REPETITIVE)
    elif _is_mostly_runs(folded):
        reasons.append(Weakness.SEQUENCE)
    if not reasons and estimated_bits(text) < MIN_BITS:
        reasons.append(Weakness.LOW_VARIETY)
    return reasons


def require_strong(passphrase: str) -> None:
    reasons = weaknesses(passphrase)
    if reasons:
        raise WeakPassphrase(reasons)


def estimated_bits(passphrase: str) -> float:
    """Length times the log of the alphabet in use, counting each repeat once."""
    pool = 0
    if any(ch.islower() for ch in passphrase):
        pool += 26
    if any(ch.isupper() for ch in passphrase):
        pool += 26
    if any(ch.isdigit() for ch in passphrase):
        pool += 10
    if any(ch.isspace() for ch in passphrase):
        pool += 1
    if any(not ch.isalnum() and not ch.isspace() for ch in passphrase):
        pool += 33
    if any(ord(ch) > 127 for ch in passphrase):
        pool += 100
    collapsed = [ch for i, ch in enumerate(passphrase) if i == 0 or ch != passphrase[i - 1]]
    return len(collapsed) * math.log2(max(pool, 2))


def _is_mostly_runs(folded: str) -> bool:
    """True when most characters continue an alphabet or keyboard run."""
    if len(folded) < 4:
        return False
    in_run = 0
    for a, b in zip(folded, folded[1:], strict=False):
        if any(_adjacent(run, a, b) for run in _RUNS):
            in_run += 1
    return in_run >= (len(folded) - 1) * 0.75


def _adjacent(run: str, a: str, b: str) -> bool:
    i, j = run.find(a), run.find(b)
    return i >= 0 and j >= 0 and abs(i - j) == 1
