"""Any single-byte change to a request, token, event or receipt is rejected.

Every byte position with each of its eight bit flips, then any byte value at positions
hypothesis picks; with ZPV_HARDENING_FULL=1, every one of the 255 other values at every
position (about 1.6 million texts, two minutes).

The one honest exception would be base64url's slack: the last character of a segment
carries a few bits that decode to nothing, so a change there could leave the decoded
message identical, and that is not a change of the message. So the contract asserted is:
a mutated text is accepted only when every segment decodes (strictly) to the very same
bytes. In practice there is no slack at all: joserfc refuses non-canonical endings, which
`test_no_base64url_slack_either` pins down.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hardening.conftest import FULL
from tests.hardening.samples import Sample, samples, strict_segments, with_byte
from zpd.errors import ProtocolError

SAMPLES = {s.name: s for s in samples()}


def outcome(sample: Sample, mutated: str) -> str:
    """"rejected", "same-message" (accepted, decodes identically) or what went wrong."""
    try:
        sample.check(mutated)
    except ProtocolError:
        return "rejected"
    except Exception as exc:  # anything else is an untyped failure: a bug
        return f"untyped {type(exc).__name__}: {exc}"
    original, changed = strict_segments(sample.text), strict_segments(mutated)
    if original is not None and original == changed:
        return "same-message"
    return "ACCEPTED A CHANGED MESSAGE"


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_untouched_message_is_accepted(name: str) -> None:
    SAMPLES[name].check(SAMPLES[name].text)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_position_with_every_bit_flip_is_rejected(name: str) -> None:
    sample = SAMPLES[name]
    counts: Counter[str] = Counter()
    bad = []
    for position in range(len(sample.text)):
        original = ord(sample.text[position])
        values = (
            [v for v in range(256) if v != original] if FULL
            else [original ^ (1 << bit) for bit in range(8)]
        )
        for value in values:
            result = outcome(sample, with_byte(sample.text, position, value))
            counts[result.split(":")[0]] += 1
            if result not in ("rejected", "same-message"):
                bad.append((position, value, result))
    assert bad == [], bad[:5]
    # The slack is small: only last characters of segments can decode to the same bytes.
    assert counts["same-message"] <= 2 * sample.text.count(".") + 2, counts


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_any_byte_value_at_any_position_is_rejected(name: str) -> None:
    sample = SAMPLES[name]

    @settings(max_examples=300, deadline=None, derandomize=False)
    @given(position=st.integers(0, len(sample.text) - 1), value=st.integers(0, 255))
    def check(position: int, value: int) -> None:
        if value == ord(sample.text[position]):
            return
        result = outcome(sample, with_byte(sample.text, position, value))
        assert result in ("rejected", "same-message"), (position, value, result)

    check()


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_no_base64url_slack_either(name: str) -> None:
    """Every other character at the end of each segment, including those that decode to the
    same bytes under a lenient decoder, is refused: the verifiers decode strictly."""
    sample = SAMPLES[name]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    ends = [i - 1 for i, ch in enumerate(sample.text) if ch == "."] + [len(sample.text) - 1]
    for end in ends:
        if end < 0 or sample.text[end] == ".":
            continue
        for ch in alphabet:
            if ch == sample.text[end]:
                continue
            result = outcome(sample, with_byte(sample.text, end, ord(ch)))
            assert result == "rejected", (end, ch, result)
