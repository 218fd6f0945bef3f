"""Opening a share link, `zpd://share?request_uri=...&ask=...` (docs/protocol.md section 7):
the request it names, fetched from exactly that address and held to its origin.

A link comes from a web page, so it is untrusted: `zpd.links.parse_link` refuses anything
but a well-formed link to an https address (plain http only to this computer) before
anything is fetched. The fetch follows no redirect and keeps the transport's size cap and
time limits; the request must name the request_uri's origin as its `iss`, which makes it
domain verified, as a request fetched from the brand's well-known address is. Like that
fetch (of an address the person chose), it may reach this computer and the local network
within what vault/exchange/peers.py allows: a GET whose answer is kept only if it is a
request the brand of that very origin signed. Opening a link imports a request and
nothing more: a link never shares.
"""

from __future__ import annotations

from dataclasses import dataclass

from zpd.links import ShareLink

from . import brands
from .brands import ImportResult
from .delivery import REQUEST_MEDIA_TYPES, request_text
from .transport import Transport


@dataclass(frozen=True)
class LinkImport:
    """A link's request, imported: the review opens on `ask_id`."""

    result: ImportResult
    link: ShareLink

    @property
    def ask_id(self) -> str:
        """The link's ask when the request has it, else the request's first ask."""
        asks = [ask.id for ask in self.result.request.body.asks]
        return self.link.ask if self.link.ask in asks else asks[0]

    @property
    def return_uri(self) -> str | None:
        """Where the person may go back to the brand's page (on the request's own origin:
        zpd.request refuses any other)."""
        return self.result.request.return_uri


def fetch_linked_request(transport: Transport, link: ShareLink) -> str:
    """The text served at the link's request_uri; TransportError otherwise."""
    with brands.opened_by_person(link.request_uri):
        return request_text(transport.get(link.request_uri, REQUEST_MEDIA_TYPES))
