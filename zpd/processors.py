"""The `processors` request claim (v1.1): the domain names of services a brand passes data
to (its e-mail service provider, say), written as a DNS name: lower case, IDNA A-labels
(`xn--...`) for anything beyond ASCII, no scheme, port, path or trailing dot."""

from __future__ import annotations

import re

from .claims import Reader
from .errors import RequestInvalid

MAX_PROCESSORS = 50
MAX_NAME = 253
_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")


def parse_processors(reader: Reader) -> tuple[str, ...]:
    """The `processors` member: absent or null is none; else a list of distinct names."""
    raw = reader.raw("processors")
    if raw is None:
        return ()
    where = reader.where("processors")
    if not isinstance(raw, list) or len(raw) > MAX_PROCESSORS:
        raise RequestInvalid("bad_processor",
                             f"{where} must be a list of at most {MAX_PROCESSORS} domain names")
    names: list[str] = []
    for index, name in enumerate(raw):
        problem = domain_problem(name)
        if problem:
            raise RequestInvalid("bad_processor", f"{where}[{index}]: {name!r} {problem}")
        if name in names:
            raise RequestInvalid("bad_processor", f"{where}[{index}]: {name!r} is there twice")
        names.append(name)
    return tuple(names)


def domain_problem(name: object) -> str:
    """What is wrong with `name` as a processor's domain name; "" if nothing."""
    if not isinstance(name, str) or not name or len(name) > MAX_NAME:
        return f"is not a domain name of 1 to {MAX_NAME} characters"
    if name != name.lower() or not name.isascii():
        return "must be lower case ASCII (IDNA A-labels, xn--, for other letters)"
    labels = name.split(".")
    if len(labels) < 2:
        return "must have at least two labels (example.com)"
    for label in labels:
        if not _LABEL.fullmatch(label):
            return f"has a label {label!r} that is not 1-63 of a-z, 0-9 and inner -"
        if label.startswith("xn--"):
            try:
                label[4:].encode("ascii").decode("punycode")
            except (UnicodeError, ValueError):
                return f"has a label {label!r} that is not valid punycode"
        elif label[2:4] == "--":
            return f"has a label {label!r} with -- in third and fourth place but not xn--"
    if labels[-1].isdigit():
        return "is an IP address, not a domain name"
    return ""
