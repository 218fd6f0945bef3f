"""Any single-byte change to a request, token, event or receipt is rejected with a typed error.

Exhaustively, in every run: one valid message of each format, every byte position, each of
the 255 other byte values there (about 2 million texts for the six samples: the request and
the receipt carry every member v1.1 added, and a pause stands for v1.1's events). "token" is
the JWE as the brand receives it; "token-inner" is its inner JWS, changed and then freshly
encrypted to the brand (anyone can encrypt to the brand), so that the change reaches the
signature and claim checks behind the decryption. The texts are spread over the machine's
cores (parallel.py); each check is the real verifier, with its keys imported once.

A change could in principle be harmless: base64url's last character in a segment carries a
few bits that decode to nothing, so a changed text could decode to the very same message.
The verifiers decode strictly, so there is no such slack: every changed text is rejected
(`test_no_base64url_slack_either` pins the segment ends down separately).
"""

from __future__ import annotations

import time
from collections import Counter

import pytest

from tests.hardening.samples import Sample, samples, strict_segments, with_byte
from tests.support.parallel import cores, in_processes
from zpd.errors import ProtocolError

SAMPLES = {s.name: s for s in samples()}
POSITIONS_PER_TASK = 64


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


def every_value_at(task: tuple[str, int, int]) -> tuple[int, list[tuple[int, int, str]]]:
    """Every other byte value at positions [start, stop) of a sample: how many texts were
    checked, and each one not rejected (position, value, outcome)."""
    name, start, stop = task
    sample = SAMPLES[name]
    data = bytearray(sample.text.encode("ascii"))
    checked, problems = 0, []
    for position in range(start, stop):
        original = data[position]
        for value in range(256):
            if value == original:
                continue
            data[position] = value
            result = outcome(sample, data.decode("latin-1"))
            checked += 1
            if result != "rejected":
                problems.append((position, value, result))
        data[position] = original
    return checked, problems


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_untouched_message_is_accepted(name: str) -> None:
    SAMPLES[name].check(SAMPLES[name].text)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_byte_value_at_every_position_is_rejected(name: str) -> None:
    started = time.monotonic()
    length = len(SAMPLES[name].text)
    tasks = [(name, start, min(start + POSITIONS_PER_TASK, length))
             for start in range(0, length, POSITIONS_PER_TASK)]
    results = in_processes(every_value_at, tasks)
    checked = sum(count for count, _ in results)
    problems = [problem for _, found in results for problem in found]
    print(f"\ntamper {name}: {checked} texts ({length} positions x 255) in "
          f"{time.monotonic() - started:.1f} s on {cores()} cores")
    assert checked == length * 255
    assert problems == [], (len(problems), Counter(p[2] for p in problems), problems[:5])


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


@pytest.mark.slow
def test_the_exhaustive_check_would_see_an_accepted_change() -> None:
    """Control: a check that ignores part of its text lets changes there through, and
    `every_value_at` reports each one."""
    lenient = Sample("lenient", SAMPLES["event"].text,
                     lambda text: SAMPLES["event"].check(text[:-1] + SAMPLES["event"].text[-1]))
    SAMPLES["lenient"] = lenient
    try:
        last = len(lenient.text) - 1
        checked, problems = every_value_at(("lenient", last - 1, last + 1))
    finally:
        del SAMPLES["lenient"]
    assert checked == 2 * 255
    assert {p[0] for p in problems} == {last} and len(problems) == 255
