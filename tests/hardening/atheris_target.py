"""libFuzzer (atheris) entry point:
`python -m tests.hardening.atheris_target TARGET [libFuzzer options] [corpus dir]`.

Each input is fed as text to one parser (a request, token, event or receipt check, the
origin parser, or the share link parser); a ProtocolError (a ValueError for addresses) is an
answer, anything else is
a crash that atheris reports, exiting non-zero. The target "crash-control" raises a
RuntimeError on every input, to show that such a crash fails the run.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import atheris  # type: ignore[import-untyped]

# Coverage is collected in the protocol code, the parsers under test (instrumenting the
# standard library and JOSE too only slows the start).
with atheris.instrument_imports(include=["zpd"]):
    from tests.hardening.samples import samples
    from zpd import event
    from zpd.errors import ProtocolError
    from zpd.links import parse_link
    from zpd.origin import canonical_origin, origin_of

SAMPLES = {s.name: s for s in samples()}
LINK = b"zpd://share?request_uri=https%3A%2F%2Fshoes.example%2Fzpd%2Fvisit%3Fv%3D1&ask=fit-advice"


def seed(name: str) -> bytes:
    if name == "link":
        return LINK
    return SAMPLES[name].text.encode() if name in SAMPLES else b"https://shoes.example:8443"


def target(name: str) -> Callable[[str], None]:
    if name == "crash-control":
        def crash(text: str) -> None:
            raise RuntimeError("an untyped error, on purpose")

        return crash
    if name == "origin":
        def parse_origin(text: str) -> None:
            for function in (origin_of, canonical_origin):
                try:
                    function(text)
                except ValueError:
                    pass

        return parse_origin
    if name == "link":
        def follow(text: str) -> None:
            try:
                parse_link(text)
            except ProtocolError:
                pass

        return follow
    sample = SAMPLES[name]

    def check(text: str) -> None:
        try:
            sample.check(text)
        except ProtocolError:
            pass
        if name.startswith("event"):
            try:
                event.unverified_issuer(text)
            except ProtocolError:
                pass

    return check


def main() -> None:
    parse = target(sys.argv.pop(1))

    def one_input(data: bytes) -> None:
        parse(data.decode("latin-1"))

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
