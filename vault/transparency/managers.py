"""The transparency API of an open vault: `vault.transparency`."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..clock import Clock
from ..errors import UnknownAsk
from ..exchange.aliases import Alias
from ..exchange.brands import Brand
from ..exchange.delivery_summary import DeliverySummary
from ..exchange.grants import Held
from ..exchange.managers import Aliases, Brands, Delivery, Grants
from ..profile.audit import AuditAction
from ..profile.managers import Audit
from ..storage.fsutil import atomic_write
from ..storage.store import Store
from . import balance, export, records, report
from .balance import Balance
from .report import Report

if TYPE_CHECKING:
    from zpd.receipt import DownstreamEntry


class Transparency:
    """What the person can see about their exchanges: balances, the report, consent
    records, and everything as one JSON document."""

    def __init__(
        self, store: Store, clock: Clock, vault_id: str, *, brands: Brands, grants: Grants,
        delivery: Delivery, aliases: Aliases, audit: Audit,
    ) -> None:
        self._store = store
        self._clock = clock
        self._vault_id = vault_id
        self._brands = brands
        self._grants = grants
        self._audit = audit
        self._source = _ReportSource(brands, grants, delivery, aliases)

    def balance_for_ask(self, origin: str, ask_id: str) -> Balance:
        """What an ask of the brand's latest request asks for, beside what it offers."""
        ask = next((a for a in self._brands.asks(origin) if a.id == ask_id), None)
        if ask is None:
            raise UnknownAsk(ask_id)
        return balance.for_ask(ask)

    def balance_for_brand(self, origin: str) -> Balance:
        """What the person gave a brand over all its grants, beside what it offered."""
        self._brands.get(origin)
        grants = self._grants.listing(origin=origin, limit=1_000_000)
        return balance.for_grants(grants, self._grants.questions_answered(grants))

    def report(self, origin: str | None = None) -> Report:
        """Who knows what, why, until when, and what came back: every brand, or one."""
        return report.build(self._source, origin, self._clock())

    def consent_records(self) -> dict[str, Any]:
        """One consent record per grant (ISO/IEC TS 27560), with the proofs."""
        return records.build(self._store, self._clock())

    def export_document(self) -> dict[str, Any]:
        """Everything the person holds, as one JSON-ready document (GDPR Art. 20)."""
        document = export.build_document(self._store, self._vault_id, self._clock())
        self._audit.record(AuditAction.VAULT_EXPORTED, {})
        return document

    def export_to(self, path: Path) -> None:
        """Write the export document to `path` (mode 0600, atomically). Not encrypted."""
        text = json.dumps(self.export_document(), ensure_ascii=False, indent=2)
        atomic_write(Path(path), text.encode("utf-8") + b"\n")


class _ReportSource:
    """The report's `ReportSource`, read through the vault's managers."""

    def __init__(
        self, brands: Brands, grants: Grants, delivery: Delivery, aliases: Aliases,
    ) -> None:
        self._brands = brands
        self._grants = grants
        self._delivery = delivery
        self._aliases = aliases

    def brands(self) -> list[Brand]:
        return self._brands.all()

    def aliases(self) -> list[Alias]:
        return self._aliases.all()

    def held_by(self, origin: str) -> list[Held]:
        return self._grants.held_by(origin)

    def deliveries(self, grant_ids: Iterable[str]) -> dict[str, DeliverySummary | None]:
        return self._delivery.summaries(grant_ids)

    def receipts_of_brand(self, origin: str) -> dict[str, list[tuple[str, str, str]]]:
        return self._delivery.receipts_of_brand(origin)

    def downstream(self, grant_ids: Iterable[str]) -> dict[str, tuple[DownstreamEntry, ...]]:
        return {grant_id: self._delivery.downstream(grant_id) for grant_id in grant_ids}
