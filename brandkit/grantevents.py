"""What a person's grant event does to what the brand holds (PROTOCOL.md sections 5 and 9).

    events = GrantEvents(acks, fanout, quotas)
    receipt = storage.atomically(lambda t: events.act(t, text, issuer, grant_id, now), ...)

A revocation erases the grant's data ("deleted", or "deletion_pending" while
downstream systems have to confirm it); one of a grant this brand never received (from
a known issuer) is acknowledged and leaves a tombstone, so a late token for it is
refused. A pause keeps the data but marks the grant paused ("paused") until a resume
("resumed"); a pause or resume of a grant never received is refused (unknown_grant),
and so is one of a revoked grant. Everything happens in the caller's transaction.
"""

from __future__ import annotations

from zpd import event as zpd_event
from zpd import jose
from zpd import receipt as zpd_receipt
from zpd.errors import EventInvalid

from .acknowledgements import Acknowledgements, replay
from .errors import EventRefused
from .fanout import Fanout
from .quotas import Quotas, check_grant_count
from .storage import EVENT, GrantRecord, GrantState, Transaction
from .subscribers import GRANT_PAUSED, GRANT_RESUMED


class GrantEvents:
    def __init__(self, acks: Acknowledgements, fanout: Fanout, quotas: Quotas) -> None:
        self._acks = acks
        self._fanout = fanout
        self._quotas = quotas

    def act(
        self, transaction: Transaction, text: str, issuer: str, grant_id: str | None, now: int
    ) -> str:
        """Verify the event `text` (from `issuer`, about `grant_id`, as read before its
        signature) against the key pinned for its issuer, act on it, and return its receipt."""
        pinned = transaction.pinned_key(issuer)
        if pinned is None:
            raise EventRefused("unknown_issuer", "no grant was received from this iss")
        verified = zpd_event.verify(text, pinned, self._acks.origin, now)
        if verified.grant_id != grant_id:  # the same text: never, but locked is locked
            raise EventInvalid("bad_member", "the event names another grant")
        digest = jose.sha256_b64u(text)
        seen = transaction.seen_message(EVENT, verified.jti)
        if seen is not None:
            return replay(seen, digest, EventRefused)
        if verified.type == zpd_event.GRANT_REVOKED:
            return self._revoke(transaction, verified, digest, now)
        return self._pause_or_resume(transaction, verified, digest, now)

    def _pause_or_resume(
        self, transaction: Transaction, verified: zpd_event.GrantEvent, digest: str, now: int,
    ) -> str:
        current = transaction.grant(verified.grant_id)
        if current is None:
            raise EventRefused("unknown_grant", "no token of this grant was received")
        if current.pseudonym != verified.issuer:
            raise EventRefused("not_grant_owner", "the grant was given by another pseudonym")
        if current.status is GrantState.REVOKED:
            raise EventRefused("grant_revoked", "the grant was revoked; its data is gone")
        pausing = verified.type == zpd_event.GRANT_PAUSED
        if pausing and current.paused_at is None:
            transaction.pause_grant(current.grant_id, verified.iat, now)
            self._fanout.announce(transaction, GRANT_PAUSED, current.grant_id, verified.jti, now)
        elif not pausing and current.paused_at is not None:
            transaction.pause_grant(current.grant_id, None, now)
            self._fanout.announce(transaction, GRANT_RESUMED, current.grant_id, verified.jti, now)
        status = zpd_receipt.PAUSED if pausing else zpd_receipt.RESUMED
        return self._acks.acknowledge(transaction, EVENT, verified.jti, verified.issuer, digest,
                                      status, now, self._acks.pair_of(current))

    def _revoke(
        self, transaction: Transaction, revocation: zpd_event.GrantEvent, digest: str,
        now: int,
    ) -> str:
        current = transaction.grant(revocation.grant_id)
        if current is not None and current.pseudonym != revocation.issuer:
            raise EventRefused("not_grant_owner", "the grant was given by another pseudonym")
        if current is None:
            # Nothing arrived of this grant: hold nothing, and keep a late token for it out.
            check_grant_count(transaction.count_grants(revocation.issuer), self._quotas)
            transaction.put_grant(GrantRecord(
                grant_id=revocation.grant_id, pseudonym=revocation.issuer, version=0,
                status=GrantState.REVOKED, received_at=now, updated_at=now, revoked_at=now,
            ), new=True)
        downstream: tuple[zpd_receipt.DownstreamEntry, ...] = ()
        if current is not None and current.status is not GrantState.REVOKED:
            transaction.revoke_grant(current.grant_id, now)
            downstream = self._fanout.revoked(transaction, current.grant_id, revocation.jti, now)
        pair = self._acks.pair_of(current)
        if downstream:  # the receipt waits for the systems that confirm deletion
            return self._acks.acknowledge(
                transaction, EVENT, revocation.jti, revocation.issuer, digest,
                zpd_receipt.DELETION_PENDING, now, pair, downstream,
            )
        return self._acks.acknowledge(
            transaction, EVENT, revocation.jti, revocation.issuer, digest, zpd_receipt.DELETED,
            now, pair,
        )
