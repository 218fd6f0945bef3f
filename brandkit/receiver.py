"""The brand's receiver for share tokens and grant events (PROTOCOL.md sections 3 to 5, 9).

    receiver = Receiver(load_keys(keys_dir), SqliteStorage("zpd.sqlite3"), "https://shoes.example")
    receiver.register_issued_request(request_jws)      # each request the brand issues
    receipt = receiver.receive_token(body)             # POST <endpoints.grants>
    receipt = receiver.receive_event(body)             # POST <endpoints.events>

After a key rotation the old key pairs are passed as `retired_keys`: a token
encrypted to an old encryption key is still opened, and every receipt about a
grant is signed with the signing key paired with the encryption key its last
token was encrypted to (the key the person's vault has pinned for the brand).

Both return the signed receipt for a 202 ("stored"; "deleted", "paused",
"resumed"; `acknowledgements.py` signs them, `grantevents.py` acts on events). With
`fanout` (the brand's webhook subscribers, `fanout.py`), every change also queues its
webhook events in the same transaction, and a revocation's receipt is
"deletion_pending" while subscribers that confirm deletion have not
(`confirm_deletion`, `deletions.py`); `latest_receipt` gives the latest. A refusal raises a
`zpd.errors.ProtocolError` (TokenInvalid, EventInvalid, or brandkit's
TokenRefused/EventRefused) whose `err` and `errors.description(error)` make
the RFC 8935 400 body; a refused message changes nothing. A message over a
quota (`quotas.py`: grants per customer, new customers per minute from one
client address) raises `QuotaExceeded`, changes nothing either, and is
answered 429 with its `retry_after`. Any other exception is the receiver's
own trouble (the database, say): answer 5xx and the vault retries.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from zpd import event as zpd_event
from zpd import jose
from zpd import receipt as zpd_receipt
from zpd import token as zpd_token
from zpd.errors import EventInvalid, ProtocolError, RequestInvalid, TokenInvalid
from zpd.origin import canonical_origin
from zpd.request import DataRequest

from . import customers as held
from . import deletions
from .acknowledgements import Acknowledgements, replay
from .checks import check_grant
from .customers import Customer, CustomerGrant, RecentCustomers
from .errors import TokenRefused, rfc8935_codes
from .fanout import Fanout
from .grantevents import GrantEvents
from .groupcommit import GroupCommit
from .issuing import open_own_request
from .keys import BrandKeys
from .quotas import NewCustomerRate, QuotaExceeded, Quotas, check_grant_count
from .storage import (
    TOKEN,
    Deletion,
    GrantRecord,
    GrantState,
    IssuedRequest,
    Keys,
    MessageKey,
    Storage,
    Transaction,
)
from .subscribers import GRANT_STORED, GRANT_UPDATED

REQUEST_CACHE_SIZE = 256


class Receiver:
    def __init__(
        self, keys: BrandKeys, storage: Storage, origin: str, *, quotas: Quotas | None = None,
        retired_keys: Sequence[BrandKeys] = (), fanout: Fanout | None = None,
    ) -> None:
        try:
            self.origin = canonical_origin(origin)
        except ValueError as exc:
            raise ValueError(f"origin {origin!r}: {exc}") from None
        self._keys = keys
        self._key_sets = (keys, *retired_keys)  # the current pair first
        self._by_encryption_kid = {pair.encryption_kid: pair for pair in self._key_sets}
        self._acks = Acknowledgements(self.origin, keys, self._by_encryption_kid)
        self._storage = storage
        self._requests: dict[str, DataRequest] = {}
        self.quotas = Quotas() if quotas is None else quotas
        per_minute = self.quotas.new_customers_per_minute
        self._new_customers = None if per_minute is None else NewCustomerRate(per_minute)
        self.fanout = Fanout() if fanout is None else fanout
        self._events = GrantEvents(self._acks, self.fanout, self.quotas)
        # Tokens arriving together are stored in one transaction (one durable commit).
        self._tokens = GroupCommit(storage, own_errors=(ProtocolError, QuotaExceeded))
        # Called after a message was stored, with whether it added webhook events.
        self.on_stored: Callable[[], None] | None = None

    @property
    def keys(self) -> BrandKeys:
        """The brand's current key pair (what it signs new requests with)."""
        return self._keys

    @property
    def storage(self) -> Storage:
        return self._storage

    # -- requests the brand issued

    def register_issued_request(self, request_jws: str, now: int | None = None) -> DataRequest:
        """Record a request this brand issued, so tokens may name it. Idempotent.

        RequestInvalid if it is not a valid request signed with this brand's
        keys for this origin (an expired one is accepted: grants given under it
        still arrive).
        """
        request = open_own_request(request_jws.strip(), self._key_sets)
        if request.iss != self.origin:
            raise RequestInvalid("wrong_issuer", f"the request is from {request.iss}")
        record = IssuedRequest(
            request.sha256, request.jti, request.jws, request.iat, request.exp, _now(now)
        )
        self._storage.atomically(lambda transaction: transaction.add_issued_request(record))
        return request

    def issued_requests(self) -> list[IssuedRequest]:
        return self._storage.atomically(lambda t: t.issued_requests(), write=False)

    # -- share tokens

    def receive_token(
        self, jwe_text: str | bytes, now: int | None = None, *, client: str | None = None
    ) -> str:
        """Decrypt, verify, check and store a share token; return the signed "stored" receipt.

        Only a higher `grant.version` replaces what is held; an older or equal one
        is acknowledged and changes nothing. The same token delivered again (same
        jti, same signed content) gets its first receipt again, even if its grant
        was revoked since; another token reusing a jti is refused (jti_reused).
        `client`, the sender's address, is what the new-customer rate counts by
        (a token handed in without one, by the brand's own code, is not counted).
        """
        moment = _now(now)
        with rfc8935_codes():
            opened, pair = self._open(_as_text(jwe_text, TokenInvalid), moment)
            receipt = self._tokens.run(self._token_storer(opened, pair, moment, client),
                                       _keys_of(opened), messages=_message_of(opened))
        self._stored()
        return receipt

    async def receive_token_async(
        self, jwe_text: str | bytes, now: int | None = None, *, client: str | None = None
    ) -> str:
        """`receive_token` for the web app's event loop: the token is opened on the loop's
        thread (a fraction of a millisecond of CPU) and stored with the tokens that arrive
        with it, the loop's thread never waiting on the database."""
        moment = _now(now)
        with rfc8935_codes():
            opened, pair = self._open(_as_text(jwe_text, TokenInvalid), moment)
            receipt = await self._tokens.run_async(
                self._token_storer(opened, pair, moment, client), _keys_of(opened),
                messages=_message_of(opened),
            )
        self._stored()
        return receipt

    def _token_storer(
        self, opened: zpd_token.OpenedToken, pair: BrandKeys, now: int, client: str | None,
    ) -> Callable[[Transaction], str]:
        return lambda transaction: self._store_token(transaction, opened, pair, now, client)

    def _open(self, text: str, now: int) -> tuple[zpd_token.OpenedToken, BrandKeys]:
        """Open with the key pair the header's kid names; without a kid, with each in turn."""
        kid = jose.unverified_header(text, TokenInvalid).get("kid")
        named = self._by_encryption_kid.get(kid) if isinstance(kid, str) else None
        candidates = [named] if named else list(self._key_sets) if kid is None else [self._keys]
        for pair in candidates[:-1]:
            try:
                return zpd_token.open_token(text, pair.encryption, self.origin, now), pair
            except TokenInvalid as error:
                if error.reason != "decryption_failed":
                    raise
        last = candidates[-1]
        return zpd_token.open_token(text, last.encryption, self.origin, now), last

    def _store_token(
        self, transaction: Transaction, opened: zpd_token.OpenedToken, pair: BrandKeys, now: int,
        client: str | None,
    ) -> str:
        claims = opened.claims
        digest = jose.sha256_b64u(opened.inner_jws)
        seen = transaction.seen_message(TOKEN, claims.jti)
        if seen is not None:
            return replay(seen, digest, TokenRefused)
        ask, data = check_grant(claims, self._issued_request(transaction, claims.request_sha256))
        pinned = transaction.pinned_key(claims.pseudonym)
        if pinned is not None and pinned != opened.pairwise_jwk:
            raise TokenRefused("key_mismatch", "the pseudonym's key is not the one pinned")
        current = transaction.grant(claims.grant_id)
        if current is not None:
            _check_update(current, claims)
        elif pinned is not None:
            check_grant_count(transaction.count_grants(claims.pseudonym), self.quotas)
        if pinned is None:
            if self._new_customers is not None and client is not None:
                self._new_customers.admit(client, claims.pseudonym)  # once, if run again
            transaction.pin_key(claims.pseudonym, opened.pairwise_jwk, now)
        if current is None or claims.version > current.version:
            paused = current is not None and current.paused_at is not None
            if not paused:  # a paused grant's new values are not passed on until its resume
                self.fanout.announce(transaction, GRANT_STORED if current is None
                                     else GRANT_UPDATED, claims.grant_id, claims.jti, now)
            # Each version replaces the last entirely: a field it leaves out is no longer held.
            transaction.put_grant(GrantRecord(
                grant_id=claims.grant_id,
                pseudonym=claims.pseudonym,
                version=claims.version,
                status=GrantState.ACTIVE,
                received_at=now if current is None else current.received_at,
                updated_at=now,
                request_sha256=claims.request_sha256,
                ask_id=ask.id,
                purpose_iri=claims.purpose_iri,
                purpose_description=claims.purpose_description,
                retention_days=claims.retention_days,
                data=data,
                token_jti=claims.jti,
                issued_at=claims.iat,
                expires_at=claims.exp,
                not_before=claims.nbf,
                paused_at=None if current is None else current.paused_at,
                encryption_kid=pair.encryption_kid,
            ), new=current is None)
        # An older or equal version changes nothing, but is acknowledged all the same.
        return self._acks.acknowledge(
            transaction, TOKEN, claims.jti, claims.pseudonym, digest, zpd_receipt.STORED, now,
            pair,
        )

    # -- grant events

    def receive_event(self, set_text: str | bytes, now: int | None = None) -> str:
        """Verify a grant event against the pinned key and act on it (`grantevents.py`);
        return its receipt."""
        moment = _now(now)
        with rfc8935_codes():
            text = _as_text(set_text, EventInvalid).strip()
            issuer = zpd_event.unverified_issuer(text)
            grant_id = zpd_event.unverified_grant(text)
            receipt = self._storage.atomically(
                lambda transaction: self._events.act(transaction, text, issuer, grant_id, moment),
                keys=Keys.of(issuer, grant_id or ""),
            )
        self._stored()
        return receipt

    # -- downstream deletions and the latest receipts

    def confirm_deletion(
        self, event_id: str, status: str, note: str | None = None, now: int | None = None
    ) -> deletions.Answer:
        """A downstream system says it deleted (or failed to delete) the data it was sent
        in the grant.revoked event `event_id`; the final receipt is signed once none is
        pending."""
        moment = _now(now)
        return self._storage.atomically(lambda transaction: deletions.confirm(
            transaction, event_id, status, moment, note, self.sign_final_receipt))

    def deletion(self, event_id: str) -> Deletion | None:
        return self._storage.atomically(lambda t: t.deletion(event_id), write=False)

    def sign_final_receipt(
        self, pseudonym: str, revocation_jti: str, grant: GrantRecord | None, status: str,
        downstream: tuple[zpd_receipt.DownstreamEntry, ...], now: int,
    ) -> str:
        """A revocation's receipt once every downstream system answered (deletions.Signer)."""
        return self._acks.final_receipt(pseudonym, revocation_jti, grant, status, downstream, now)

    def latest_receipt(self, jti: str) -> str | None:
        """The latest receipt of the token or event `jti` (GET <receipts>/<jti>), or None."""
        return self._storage.atomically(lambda t: t.latest_receipt(jti), write=False)

    def grants_for_request(self, jti: str, now: int | None = None) -> list[CustomerGrant]:
        """The grants given under the request(s) this brand issued with `jti` (a per-visit
        request names one visit), in the order received; empty if none arrived yet."""
        moment = _now(now)
        return self._storage.atomically(lambda transaction: [
            CustomerGrant.from_record(record, moment)
            for record in transaction.grants_for_request(jti)
        ], write=False)

    # -- customers

    def customer(self, pseudonym: str, now: int | None = None) -> Customer | None:
        """What the brand holds from one pseudonym, per grant; None if it never sent one."""
        moment = _now(now)
        return self._storage.atomically(
            lambda transaction: held.read_customer(transaction, pseudonym, moment), write=False
        )

    def customers(
        self, now: int | None = None, *, limit: int = 100, after: str | None = None
    ) -> list[Customer]:
        """Customers in pseudonym order, `limit` at a time: pass the last pseudonym as `after`."""
        return held.customers_page(self._storage, _now(now), limit=limit, after=after)

    def recent_customers(
        self, now: int | None = None, *, limit: int = 200, offset: int = 0,
        grants_each: int | None = None,
    ) -> RecentCustomers:
        """The `limit` customers whose grants changed last (first) after the first `offset`,
        and the count of all; with `grants_each`, each one's last `grants_each` grants only."""
        return held.recent_customers(
            self._storage, _now(now), limit=limit, offset=offset, grants_each=grants_each
        )

    # -- helpers

    def _stored(self) -> None:
        if self.on_stored is not None:
            self.on_stored()

    def _issued_request(self, transaction: Transaction, sha256: str) -> DataRequest:
        """The request a token names. A request once issued never changes, so one found is
        kept in memory and later tokens naming it read nothing from the database."""
        request = self._requests.get(sha256)
        if request is None:
            issued = transaction.issued_request(sha256)
            if issued is None:
                raise TokenRefused(
                    "unknown_request", "request.sha256 names no request this brand issued"
                )
            request = open_own_request(issued.jws, self._key_sets)
            if len(self._requests) >= REQUEST_CACHE_SIZE:
                self._requests.clear()
            self._requests[sha256] = request
        return request


def _keys_of(opened: zpd_token.OpenedToken) -> Keys:
    return Keys.of(opened.claims.pseudonym, opened.claims.grant_id)


def _message_of(opened: zpd_token.OpenedToken) -> tuple[MessageKey]:
    return ((TOKEN, opened.claims.jti),)


def _check_update(current: GrantRecord, claims: zpd_token.GrantClaims) -> None:
    if current.pseudonym != claims.pseudonym:
        raise TokenRefused("not_grant_owner", "the grant was given by another pseudonym")
    if current.status is GrantState.REVOKED:
        raise TokenRefused("grant_revoked", "the grant was revoked; its data is gone")
    if (current.request_sha256, current.ask_id) != (claims.request_sha256, claims.ask_id):
        raise TokenRefused("grant_mismatch", "a grant keeps the request and ask it was given for")
    if current.not_before is not None and current.not_before != claims.nbf:
        raise TokenRefused("grant_mismatch",
                           "nbf is the grant's start, the same in every version")


def _as_text(body: str | bytes, error: type[ProtocolError]) -> str:
    if isinstance(body, bytes | bytearray):
        if len(body) > jose.MAX_COMPACT_BYTES:
            raise error("too_large", f"more than {jose.MAX_COMPACT_BYTES} bytes")
        try:
            return bytes(body).decode("ascii")
        except UnicodeDecodeError:
            raise error("not_compact", "a compact serialization is ASCII") from None
    if not isinstance(body, str):
        raise error("not_compact", "expected text")
    return body


def _now(now: int | None) -> int:
    return int(time.time()) if now is None else now


