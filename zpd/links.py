"""Share links (PROTOCOL.md section 7): `zpd://share?request_uri=<URL>[&ask=<ask id>]`.

`parse_link` reads a link handed to the app by a brand's page (through the OS); every
refusal is a LinkInvalid whose reason is a LinkProblem. A parsed link only says where
to fetch a request: a link never shares by itself. `check_fetched_request` then holds
the request fetched from `request_uri` to the rule that its `iss` is that URL's origin.

Decisions where section 7 leaves room, documented in docs/protocol.md: the scheme and
action are matched without regard to case (RFC 3986), `zpd://share/?...` is the same
link; other query parameters and a fragment of the link are ignored; `request_uri`
and `ask` each appear at most once; `request_uri` has no fragment (it is never sent)
and its host is written in ASCII (an internationalised name in its `xn--` form, which
is then flagged with the Unicode it stands for, like any look-alike host).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

from .errors import ProtocolError, RequestInvalid
from .origin import origin_of
from .text import Flag, lookalike_host

if TYPE_CHECKING:  # a link is read before any request is: the app reads links at start
    from .request import DataRequest

SCHEME = "zpd"
ACTION = "share"
MAX_LINK = 4096
MAX_REQUEST_URI = 2048
MAX_ASK = 64


class LinkProblem(StrEnum):
    """Why a share link is refused."""

    NOT_TEXT = "not_text"
    TOO_LONG = "too_long"
    WRONG_SCHEME = "wrong_scheme"  # not zpd:
    UNKNOWN_ACTION = "unknown_action"  # zpd://<anything but share>
    BAD_QUERY = "bad_query"  # not a query string, or a path after the action
    MISSING_REQUEST_URI = "missing_request_uri"
    REPEATED_REQUEST_URI = "repeated_request_uri"
    REPEATED_ASK = "repeated_ask"
    FILE_URI = "file_uri"
    JAVASCRIPT_URI = "javascript_uri"
    DATA_URI = "data_uri"
    OTHER_SCHEME = "other_scheme"  # request_uri neither https nor http
    PLAIN_HTTP = "plain_http"  # http to a host that is not loopback
    USER_INFO = "user_info"
    FRAGMENT = "fragment"
    NON_ASCII_HOST = "non_ascii_host"
    BAD_REQUEST_URI = "bad_request_uri"  # anything else: no host, a bad port, spaces...


class LinkInvalid(ProtocolError):
    """A share link the app does not follow. Nothing was fetched."""


@dataclass(frozen=True)
class ShareLink:
    request_uri: str  # exactly as given (percent-decoded once, from the link's query)
    origin: str  # its origin: the `iss` the fetched request must carry
    ask: str | None  # the ask to open first, if given (unknown ids are ignored later)
    host_flags: tuple[Flag, ...]  # look-alike signs in the host, for the review to show

    @property
    def host(self) -> str:
        return urlsplit(self.request_uri).hostname or ""


def parse_link(link: object) -> ShareLink:
    if not isinstance(link, str):
        raise LinkInvalid(LinkProblem.NOT_TEXT)
    if len(link) > MAX_LINK:
        raise LinkInvalid(LinkProblem.TOO_LONG, f"a link is at most {MAX_LINK} characters")
    if any(ord(ch) < 33 or ord(ch) == 127 for ch in link):
        raise LinkInvalid(LinkProblem.BAD_QUERY, "a link holds no spaces or control characters")
    try:
        parts = urlsplit(link)
    except ValueError as exc:
        raise LinkInvalid(LinkProblem.BAD_QUERY, str(exc)) from None
    if parts.scheme.lower() != SCHEME:
        raise LinkInvalid(LinkProblem.WRONG_SCHEME, f"not a {SCHEME}: link")
    if not link[len(SCHEME) + 1:].startswith("//") or parts.netloc.lower() != ACTION:
        raise LinkInvalid(LinkProblem.UNKNOWN_ACTION, f"the only action is {SCHEME}://{ACTION}")
    if parts.path not in ("", "/"):
        raise LinkInvalid(LinkProblem.BAD_QUERY, f"nothing follows {SCHEME}://{ACTION} but a query")
    try:
        pairs = parse_qsl(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query),
                          errors="strict", max_num_fields=50)
    except (ValueError, UnicodeError) as exc:
        raise LinkInvalid(LinkProblem.BAD_QUERY, str(exc)) from None
    uris = [value for name, value in pairs if name == "request_uri"]
    asks = [value for name, value in pairs if name == "ask"]
    if not uris:
        raise LinkInvalid(LinkProblem.MISSING_REQUEST_URI)
    if len(uris) > 1:
        raise LinkInvalid(LinkProblem.REPEATED_REQUEST_URI)
    if len(asks) > 1:
        raise LinkInvalid(LinkProblem.REPEATED_ASK)
    request_uri = uris[0]
    origin = _request_origin(request_uri)
    ask = asks[0] if asks and 0 < len(asks[0]) <= MAX_ASK else None
    host = urlsplit(request_uri).hostname or ""
    return ShareLink(request_uri, origin, ask, tuple(lookalike_host(host)))


def check_fetched_request(link: ShareLink | str, request: DataRequest) -> None:
    """A request fetched from a link's `request_uri` must name that URL's origin as `iss`;
    RequestInvalid("bad_issuer") otherwise. Such a request is domain-verified."""
    origin = link.origin if isinstance(link, ShareLink) else _request_origin(link)
    if request.iss != origin:
        raise RequestInvalid("bad_issuer", f"fetched from {origin}, names {request.iss}")


def _request_origin(uri: str) -> str:
    """The origin of an acceptable `request_uri`, or LinkInvalid saying what is wrong."""
    if len(uri) > MAX_REQUEST_URI:
        raise LinkInvalid(LinkProblem.TOO_LONG, f"request_uri is over {MAX_REQUEST_URI} "
                          "characters")
    if any(ord(ch) < 33 or ord(ch) == 127 for ch in uri):
        raise LinkInvalid(LinkProblem.BAD_REQUEST_URI, "request_uri holds a space or control "
                          "character")
    try:
        parts = urlsplit(uri)
    except ValueError as exc:
        raise LinkInvalid(LinkProblem.BAD_REQUEST_URI, str(exc)) from None
    scheme = parts.scheme.lower()
    named = {"file": LinkProblem.FILE_URI, "javascript": LinkProblem.JAVASCRIPT_URI,
             "data": LinkProblem.DATA_URI}
    if scheme in named:
        raise LinkInvalid(named[scheme], f"request_uri is a {scheme}: URL")
    if scheme not in ("https", "http"):
        raise LinkInvalid(LinkProblem.OTHER_SCHEME, "request_uri must be https")
    if "@" in parts.netloc:
        raise LinkInvalid(LinkProblem.USER_INFO, "request_uri carries user info")
    if parts.fragment or uri.endswith("#"):
        raise LinkInvalid(LinkProblem.FRAGMENT, "request_uri has a fragment")
    if not parts.netloc.isascii():
        raise LinkInvalid(LinkProblem.NON_ASCII_HOST, "write an internationalised host in its "
                          "xn-- form")
    try:
        return origin_of(uri)
    except ValueError as exc:
        plain = scheme == "http" and "plain http" in str(exc)
        raise LinkInvalid(LinkProblem.PLAIN_HTTP if plain else LinkProblem.BAD_REQUEST_URI,
                          f"request_uri: {exc}") from None
