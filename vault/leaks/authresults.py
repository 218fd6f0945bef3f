"""`Authentication-Results` header fields (RFC 8601): what the receiving server verified.

A field reads `authserv-id [version]; method=result [reason=...] ptype.property=value ...;
...`, with comments in parentheses anywhere whitespace may be. Only fields written by the
person's own receiving server count (RFC 8601 section 5: a sender can add any such field,
so a reader trusts only its own server's `authserv-id`); `authenticated` picks those.

What is taken from the results that passed:
- `dkim=pass header.d=` (or the domain of `header.i=`): a signing domain;
- `spf=pass smtp.mailfrom=` (its domain; `smtp.helo=` without a mail-from): an envelope
  domain;
- `dmarc=pass header.from=`: a From domain the server found aligned with one of those.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .domains import address_domain

MAX_FIELD = 16 * 1024  # longer fields are not read (a header is not a place for novels)


@dataclass(frozen=True)
class MethodResult:
    method: str  # lower case, without a version: "dkim", "spf", "dmarc"...
    result: str  # lower case: "pass", "fail", "none"...
    properties: dict[str, str] = field(default_factory=dict)  # "header.d" -> "example.com"


@dataclass(frozen=True)
class AuthResults:
    authserv_id: str  # lower case
    results: tuple[MethodResult, ...]


@dataclass(frozen=True)
class Authenticated:
    """The domains the trusted server verified for one message."""

    dkim: frozenset[str] = frozenset()
    spf: frozenset[str] = frozenset()
    dmarc_from: frozenset[str] = frozenset()

    @property
    def domains(self) -> frozenset[str]:
        return self.dkim | self.spf


class _Text:
    """A cursor over one field's text that skips comments and folding whitespace."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def skip_cfws(self) -> None:
        text = self.text
        while self.at < len(text):
            char = text[self.at]
            if char.isspace():
                self.at += 1
            elif char == "(":
                self._skip_comment()
            else:
                return

    def _skip_comment(self) -> None:
        depth = 0
        while self.at < len(self.text):
            char = self.text[self.at]
            self.at += 1
            if char == "\\":
                self.at += 1
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    return

    def peek(self) -> str:
        self.skip_cfws()
        return self.text[self.at] if self.at < len(self.text) else ""

    def take(self, char: str) -> bool:
        if self.peek() == char:
            self.at += 1
            return True
        return False

    def word(self, stops: str) -> str:
        """A quoted string, or a run of characters up to whitespace, '(' or one of `stops`."""
        self.skip_cfws()
        if self.at < len(self.text) and self.text[self.at] == '"':
            return self._quoted()
        start = self.at
        while self.at < len(self.text):
            char = self.text[self.at]
            if char.isspace() or char in "(;" or char in stops:
                break
            self.at += 1
        return self.text[start:self.at]

    def _quoted(self) -> str:
        self.at += 1
        out: list[str] = []
        while self.at < len(self.text):
            char = self.text[self.at]
            self.at += 1
            if char == "\\" and self.at < len(self.text):
                out.append(self.text[self.at])
                self.at += 1
            elif char == '"':
                break
            else:
                out.append(char)
        return "".join(out)

    def skip_to_semicolon(self) -> None:
        while self.peek() not in ("", ";"):
            if self.text[self.at] == '"':
                self._quoted()
            else:
                self.at += 1


def parse(value: str) -> AuthResults | None:
    """One field's value; None when it has no authserv-id. A result that does not follow
    the grammar is skipped up to the next ';', never guessed at."""
    if len(value) > MAX_FIELD:
        return None
    text = _Text(value)
    authserv_id = text.word("=").lower()
    if not authserv_id:
        return None
    if text.peek().isdigit():  # authres-version
        text.word("")
    results: list[MethodResult] = []
    while text.take(";"):
        parsed = _resinfo(text)
        if parsed is not None:
            results.append(parsed)
        text.skip_to_semicolon()
    return AuthResults(authserv_id, tuple(results))


def _resinfo(text: _Text) -> MethodResult | None:
    method = text.word("=/").lower()
    if text.take("/"):
        text.word("=")  # method-version
    if not method or not text.take("="):
        return None  # "none" (no-result) lands here too
    result = text.word("=").lower()
    if not result:
        return None
    properties: dict[str, str] = {}
    while text.peek() not in ("", ";"):
        name = text.word("=").lower()
        if not name or not text.take("="):
            return MethodResult(method, result, properties)
        val = text.word("")
        if name != "reason" and "." in name:
            properties.setdefault(name, val)
    return MethodResult(method, result, properties)


def authenticated(fields: list[str], trusted_authserv_id: str | None) -> Authenticated:
    """The domains verified in `fields` (the message's Authentication-Results values, top
    first) by the server named `trusted_authserv_id`; without one, by the server that wrote
    the topmost field (the last hop, the person's own server on a well-run mailbox)."""
    parsed = [p for p in (parse(f) for f in fields) if p is not None]
    if not parsed:
        return Authenticated()
    trusted = (trusted_authserv_id or parsed[0].authserv_id).lower()
    dkim: set[str] = set()
    spf: set[str] = set()
    dmarc_from: set[str] = set()
    for header in parsed:
        if header.authserv_id != trusted:
            continue
        for result in header.results:
            if result.result != "pass":
                continue
            props = result.properties
            if result.method == "dkim":
                _add(dkim, props.get("header.d") or props.get("header.i", ""))
            elif result.method == "spf":
                _add(spf, props.get("smtp.mailfrom") or props.get("smtp.helo", ""))
            elif result.method == "dmarc":
                _add(dmarc_from, props.get("header.from", ""))
    return Authenticated(frozenset(dkim), frozenset(spf), frozenset(dmarc_from))


def _add(found: set[str], value: str) -> None:
    domain = address_domain(value)
    if domain:
        found.add(domain)
