"""The receipts a receiver signs for what it was sent (PROTOCOL.md sections 4 and 9).

    acks = Acknowledgements(origin, keys, {pair.encryption_kid: pair for pair in all_pairs})
    receipt = acks.acknowledge(transaction, TOKEN, jti, pseudonym, digest, STORED, now,
                               acks.pair_of(grant))
    receipt = replay(seen, digest, TokenRefused)   # the same message again: its receipt again

Each receipt is signed with the key pair the grant's last token was encrypted to (the
one the person's vault has pinned for the brand), and remembered with the message's
digest, in the transaction that acted on it.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from zpd import receipt as zpd_receipt
from zpd.errors import ProtocolError

from .keys import BrandKeys
from .storage import GrantRecord, MessageKind, SeenMessage, Transaction


class Acknowledgements:
    def __init__(
        self, origin: str, keys: BrandKeys, by_encryption_kid: Mapping[str, BrandKeys]
    ) -> None:
        """`keys` is the current pair; `by_encryption_kid` every pair, retired ones too."""
        self.origin = origin
        self._keys = keys
        self._by_encryption_kid = by_encryption_kid

    def pair_of(self, grant: GrantRecord | None) -> BrandKeys:
        """The key pair a grant's last token was encrypted to (the current one if unknown)."""
        kid = None if grant is None else grant.encryption_kid
        return self._by_encryption_kid.get(kid or "", self._keys)

    def acknowledge(
        self, transaction: Transaction, kind: MessageKind, jti: str, pseudonym: str, digest: str,
        status: str, now: int, pair: BrandKeys,
        downstream: tuple[zpd_receipt.DownstreamEntry, ...] | None = None,
    ) -> str:
        """Sign the receipt of message `jti` and remember it, so a copy gets it again."""
        receipt = self._sign(pseudonym, jti, status, downstream, now, pair)
        transaction.remember(SeenMessage(kind, jti, pseudonym, digest, receipt, now))
        return receipt

    def final_receipt(
        self, pseudonym: str, revocation_jti: str, grant: GrantRecord | None, status: str,
        downstream: tuple[zpd_receipt.DownstreamEntry, ...], now: int,
    ) -> str:
        """A revocation's receipt once every downstream system answered (deletions.Signer)."""
        return self._sign(pseudonym, revocation_jti, status, downstream, now, self.pair_of(grant))

    def _sign(
        self, pseudonym: str, jti: str, status: str,
        downstream: tuple[zpd_receipt.DownstreamEntry, ...] | None, now: int, pair: BrandKeys,
    ) -> str:
        return zpd_receipt.issue(
            zpd_receipt.Receipt(self.origin, pseudonym, now, str(uuid.uuid4()), jti, status,
                                downstream),
            pair.signing,
        )


def replay(seen: SeenMessage, digest: str, error: type[ProtocolError]) -> str:
    """The same message delivered again gets its receipt again; another one with its jti doesn't."""
    if seen.digest != digest:
        raise error("jti_reused", "another message was received with this jti")
    return seen.receipt
