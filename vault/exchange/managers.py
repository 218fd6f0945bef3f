"""The exchange's API of an open vault: `vault.brands`, `vault.grants`, `vault.delivery`
and `vault.aliases`, bound to the open store, the clock and the vault's one transport."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from zpd import text
from zpd.links import parse_link
from zpd.questions import Question
from zpd.receipt import DownstreamEntry
from zpd.request import Ask

from ..clock import Clock
from ..errors import AnswerHeldByGrant, FieldRequiredByGrant
from ..storage.store import Connection, Store
from . import (
    aliases,
    brands,
    delivery,
    delivery_news,
    delivery_summary,
    grants,
    links,
    outbox,
    pauses,
    receipts,
    tokens,
    versions,
)
from .aliases import Alias
from .brands import Brand, ImportResult, RequestSource, StoredRequest
from .delivery import FlushReport
from .delivery_news import DeliveryNews
from .delivery_summary import DeliverySummary
from .grants import Grant, GrantStatus, Held, ShareResult
from .links import LinkImport
from .outbox import OutboxItem
from .pauses import Resumed
from .tokens import IssuedMessage
from .transport import HttpTransport, Transport

log = logging.getLogger(__name__)


class Link:
    """The vault's one transport to brands (made on first use), told which exchanges may
    reach this computer and the local network."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._transport: Transport | None = None

    @property
    def transport(self) -> Transport:
        if self._transport is None:
            self.transport = HttpTransport()
        assert self._transport is not None
        return self._transport

    @transport.setter
    def transport(self, transport: Transport) -> None:
        transport.may_reach_local = brands.local_policy(self._store, delivery.WELL_KNOWN_PATH)
        self._transport = transport


class Brands:
    """Brands and their signed requests: import, fetch, list, find."""

    def __init__(self, store: Store, clock: Clock, link: Link) -> None:
        self._store = store
        self._clock = clock
        self._link = link

    def import_request(
        self, text: str, source: RequestSource = RequestSource.FILE, *,
        accept_new_keys: bool = False, expected_origin: str | None = None,
    ) -> ImportResult:
        """Verify and keep a request; pin the brand's keys on first use."""
        result = brands.import_request(
            self._store, text, source, self._clock(), accept_new_keys=accept_new_keys,
            expected_origin=expected_origin,
        )
        log.info("request from %s imported (%s%s%s)", result.brand.origin, source.value,
                 ", already known" if result.already_known else "",
                 ", keys replaced" if result.keys_replaced else "")
        return result

    def fetch(self, address: str, *, accept_new_keys: bool = False) -> ImportResult:
        """Fetch a brand's request over TLS from its well-known address: domain verified."""
        origin, text = delivery.fetch_request(self._link.transport, address)
        return self.import_request(text, RequestSource.WEB, accept_new_keys=accept_new_keys,
                                   expected_origin=origin)

    def open_link(self, link: str, *, accept_new_keys: bool = False) -> LinkImport:
        """Import the request a share link names, fetched from its request_uri (domain
        verified); LinkInvalid, before anything is fetched, for a link not followed."""
        parsed = parse_link(link)
        text = links.fetch_linked_request(self._link.transport, parsed)
        result = self.import_request(text, RequestSource.WEB, accept_new_keys=accept_new_keys,
                                     expected_origin=parsed.origin)
        return LinkImport(result, parsed)

    def all(self) -> list[Brand]:
        return brands.all_brands(self._store)

    def get(self, origin: str) -> Brand:
        return brands.get(self._store, origin)

    def find(self, reference: str) -> Brand:
        """A brand by its origin, or by a prefix of its name that names exactly one."""
        return brands.find(self._store, reference)

    def asks(self, origin: str) -> list[Ask]:
        """The asks on offer: those of the brand's latest request."""
        return brands.asks(self._store, origin)

    def latest_request(self, origin: str) -> StoredRequest | None:
        return brands.latest_request(self._store, origin)

    def questions(self, origin: str) -> list[Question]:
        """The brand's own questions in its latest request, in the order first asked."""
        return brands.questions(self._store, origin)

    def question(self, origin: str, key: str) -> Question:
        """One of them by its `q:` key; UnknownQuestion if the latest request lacks it."""
        return brands.question(self._store, origin, key)

    def warnings(self, origin: str) -> list[text.Flag]:
        """What the share review should flag about a brand: hidden or direction-changing
        characters and mixed scripts in its name, look-alike or punycode web addresses."""
        brand = brands.get(self._store, origin)
        latest = self.latest_request(origin)
        info = latest.request.body.brand if latest else None
        return text.brand_flags(
            brand.name, brand.origin,
            description=info.description if info else "",
            privacy_policy=info.privacy_policy if info else "",
        )


class Grants:
    """What the person shared, with whom, until when: share, list, pause, resume, revoke,
    expire.

    Reading never writes: a grant past its end reads as active until `expire_due` runs."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def share(
        self, origin: str, ask_id: str, *, fields: list[str] | None = None,
        days: int | None = None,
    ) -> ShareResult:
        """Share chosen fields of one ask; the token waits in the outbox."""
        now = self._clock()
        grants.expire_due(self._store, now)
        return grants.create(
            self._store, origin, ask_id, fields, days, self._values(origin), now,
            aliases.substitute,
        )

    def listing(
        self, *, origin: str | None = None, status: GrantStatus | None = None,
        paused: bool = False, limit: int | None = 1000, offset: int = 0,
    ) -> list[Grant]:
        """Newest first, optionally of one brand or in one status (or paused); `limit`
        None: all of them."""
        return grants.listing(self._store, origin=origin, status=status, paused=paused,
                              limit=limit, offset=offset)

    def brands_by_field(self) -> dict[str, list[str]]:
        """Each field some active share gives, and the brands it goes to (newest first)."""
        return grants.brands_by_field(self._store)

    def get(self, grant_id: str) -> Grant:
        return grants.get(self._store, grant_id)

    def find(self, reference: str) -> Grant:
        """A grant by its id or a unique prefix of it (at least 4 characters)."""
        return grants.find(self._store, reference)

    def revoke(self, grant_id: str) -> IssuedMessage:
        """Take a grant back; the revocation event waits in the outbox."""
        now = self._clock()
        grants.expire_due(self._store, now)
        return grants.revoke(self._store, grant_id, now)

    def pause(self, grant_id: str) -> IssuedMessage:
        """Pause a live grant: the brand keeps the data but must not use it; the pause event
        waits in the outbox. GrantPauseRefused if it ended or is paused already."""
        now = self._clock()
        grants.expire_due(self._store, now)
        return pauses.pause(self._store, grant_id, now)

    def resume(self, grant_id: str) -> Resumed:
        """Resume a paused grant: the resume event, then the next version if a value it
        carries changed meanwhile, wait in the outbox. GrantPauseRefused if it is not paused
        or ended."""
        now = self._clock()
        grants.expire_due(self._store, now)
        return pauses.resume(self._store, grant_id, now, aliases.substitute)

    def held_by(self, origin: str) -> list[Held]:
        """What this brand holds about the person now, per grant (and what ended grants held)."""
        return grants.held_by(self._store, origin)

    def questions_answered(self, listed: list[Grant]) -> dict[str, dict[str, Question]]:
        """By grant id, the brand's questions each grant answers, as the brand asked them."""
        return grants.questions_answered(self._store, listed)

    def active_counts(self) -> dict[str, int]:
        """How many live grants each brand holds (brands without any are left out)."""
        return grants.active_counts(self._store)

    def expire_due(self) -> int:
        """Mark grants past their end as expired (each with an audit entry); returns how
        many. Reads never do this: it runs at unlock, on a timer in the app, before the
        CLI reads grants, and before a share or a revocation."""
        return grants.expire_due(self._store, self._clock())

    def latest_token(self, grant_id: str) -> str:
        """The compact share token of a grant's latest version (for a QR code handover)."""
        return tokens.latest_grant_token(self._store, grant_id)

    def field_changed(self, connection: Connection, key: str, now: int, clearing: bool) -> None:
        """In a field change's transaction: the next version of every live grant sharing the
        field; a clearing is refused while a live grant needs the field."""
        if clearing:
            # A grant left with no data at all could only send an empty token, which the
            # protocol forbids: its last value is as required as any.
            required = []
            for grant_id, is_required in grants.active_grants_sharing(connection, key, now):
                grant = grants.get(self._store, grant_id)
                left = grants.values_for(connection, grant.brand_origin)
                if is_required or not any(k in left for k in grant.fields):
                    required.append(grant_id)
            if required:
                raise FieldRequiredByGrant(key, required)
        versions.reissue_for_field(connection, key, now, aliases.substitute)

    def answer_changed(
        self, connection: Connection, origin: str, key: str, now: int, clearing: bool
    ) -> None:
        """In an answer's change: the next version of that brand's live grants carrying it
        (no other brand's); forgetting it is refused while any live grant carries it."""
        if clearing:
            carrying = grants.active_grants_sharing(connection, key, now, origin)
            if carrying:
                raise AnswerHeldByGrant(origin, key, [grant_id for grant_id, _ in carrying])
            return
        versions.reissue_for_field(connection, key, now, aliases.substitute, origin=origin)

    def _values(self, origin: str) -> dict[str, object]:
        with self._store.reading() as connection:
            return grants.values_for(connection, origin)


class Delivery:
    """The outbox and its delivery to brands over the network."""

    def __init__(self, store: Store, clock: Clock, link: Link) -> None:
        self._store = store
        self._clock = clock
        self._link = link

    @property
    def transport(self) -> Transport:
        return self._link.transport

    @transport.setter
    def transport(self, transport: Transport) -> None:
        """Also tells the transport which exchanges may reach this computer and the local
        network."""
        self._link.transport = transport

    def flush(self) -> FlushReport:
        """Deliver everything due now. Blocks on the network: call it off the GUI thread."""
        return delivery.flush(self._store, self.transport, self._clock)

    def deliver_now(self) -> FlushReport:
        """Deliver everything waiting, backoff or not; a message whose brand asked to wait
        (Retry-After) still waits. Blocks on the network, like `flush`."""
        return delivery.flush(self._store, self.transport, self._clock, deliver_now=True)

    def news(self, report: FlushReport) -> list[DeliveryNews]:
        """What the delivery run of `report` changed, message by message, for the person."""
        return delivery_news.news(self._store, report)

    def waiting(self) -> list[OutboxItem]:
        """Everything not yet delivered: queued (with why) and refused."""
        return outbox.waiting(self._store)

    def queued_count(self) -> int:
        """How many of `waiting` are queued, counted without reading them."""
        return outbox.queued_count(self._store)

    def summary(self, grant_id: str) -> DeliverySummary | None:
        """Where a grant's delivery stands (None: nothing to deliver)."""
        return delivery_summary.summarise(outbox.for_grant(self._store, grant_id))

    def summaries(self, grant_ids: Iterable[str]) -> dict[str, DeliverySummary | None]:
        """`summary` of many grants at once (a page of a list): grant id -> summary."""
        return delivery_summary.summaries(self._store, grant_ids)

    def is_waiting_for_grant(self, item: OutboxItem) -> bool:
        """A queued event (revocation, pause, resume) whose grant was not delivered yet."""
        return outbox.is_blocked(self._store, item)

    def retry_now(self, grant_id: str) -> int:
        """Make a grant's queued messages due now (unless the brand asked to wait)."""
        return outbox.retry_now(self._store, grant_id, self._clock())

    def receipts(self, grant_id: str) -> list[tuple[str, str, str]]:
        """(message jti, status, receipt JWS) of every verified receipt for a grant."""
        return [(k.message_jti, k.status, k.jws) for k in receipts.kept(self._store, grant_id)]

    def receipts_of_brand(self, origin: str) -> dict[str, list[tuple[str, str, str]]]:
        """`receipts` of every grant of a brand, in one statement: grant id -> its receipts
        (grants without any are left out)."""
        by_grant: dict[str, list[tuple[str, str, str]]] = {}
        for k in receipts.kept(self._store, origin=origin):
            by_grant.setdefault(k.grant_id, []).append((k.message_jti, k.status, k.jws))
        return by_grant

    def downstream(self, grant_id: str) -> tuple[DownstreamEntry, ...]:
        """Where deletion stands in each system the brand passed a revoked grant's data to,
        by the latest receipt of its revocation (empty: none listed, or not revoked)."""
        return receipts.latest_downstream(self._store, grant_id)


class Aliases:
    """Leak canaries: each brand its own alias of the person's email address."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def enabled(self) -> bool:
        with self._store.reading() as connection:
            return aliases.is_enabled(connection)

    def set_enabled(self, enabled: bool) -> None:
        """Give each brand its own alias of the email address from now on (or stop)."""
        aliases.set_enabled(self._store, enabled, self._clock())

    def all(self) -> list[Alias]:
        """Which email alias went to which brand, and when first."""
        return aliases.listing(self._store)

    def closable(self, origin: str) -> list[str]:
        """The brand's aliases from the person's domain or plus-addressing not closed yet
        (what `close` would close; a service's alias is turned off at the service)."""
        with self._store.reading() as connection:
            return aliases.closable(connection, origin)

    def close(self, origin: str) -> list[str]:
        """Mark the brand's aliases from the person's domain or plus-addressing closed (when
        revoking its grant, say): mail to them from now on is a leak, even from the brand,
        and the brand's next share gets a new alias. The aliases closed."""
        with self._store.transaction() as connection:
            return aliases.close(connection, origin, self._clock())

    def preview(self, origin: str, address: str) -> str:
        """The alias the brand's next share would carry for `address` (aliases on), from
        the chosen source; a random part not drawn yet is "…"."""
        with self._store.reading() as connection:
            return aliases.preview(connection, origin, address)
