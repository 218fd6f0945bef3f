"""`vault.leaks`: leak canaries bound to the open vault. Where aliases come from, the mailbox
to watch (both kept inside the vault, secrets included), aliases made at a service, what a
scan of the mailbox found (each leak an Activity entry), marking a leak expected, and the
evidence pack of a leak."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from ..clock import Clock
from ..errors import UnknownBrand, VaultError
from ..profile import audit
from ..profile.audit import AuditAction
from ..storage.store import Store
from . import records, settings
from .alias_services import AliasService, ServiceAlias
from .complaints import LeakFacts
from .evidence import build_pack
from .records import Leak
from .scan import ScanResult
from .settings import MailboxSettings, SourceSettings
from .watcher import WatchInput


class UnknownLeak(VaultError):
    """No leak has that number."""


class NoEvidence(VaultError):
    """The grant that carried the alias (or its request) is no longer in the vault."""


class Leaks:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    # -- settings -----------------------------------------------------------------

    def source(self) -> SourceSettings | None:
        with self._store.reading() as connection:
            return settings.read_source(connection)

    def set_source(self, chosen: SourceSettings) -> None:
        """Where the next brands' aliases come from (made by `settings.source_settings`)."""
        with self._store.transaction() as connection:
            settings.write_source(connection, chosen)
            audit.append(connection, self._clock(), AuditAction.ALIAS_SOURCE_SET,
                         {"source": str(chosen.source.kind)})

    def mailbox(self) -> MailboxSettings | None:
        with self._store.reading() as connection:
            return settings.read_mailbox(connection)

    def set_mailbox(self, chosen: MailboxSettings | None) -> None:
        """The mailbox to watch (made by `settings.mailbox_settings`), or None to forget it."""
        with self._store.transaction() as connection:
            settings.write_mailbox(connection, chosen)
            if chosen is None:
                audit.append(connection, self._clock(), AuditAction.MAILBOX_FORGOTTEN, {})
            else:
                audit.append(connection, self._clock(), AuditAction.MAILBOX_SET,
                             {"host": chosen.host})

    # -- aliases at a service -----------------------------------------------------------

    def create_service_alias(self, origin: str, service: AliasService) -> ServiceAlias:
        """An alias for the brand at the service (over the network, outside any transaction),
        then kept: the brand's next share carries it. AliasServiceError when the service
        refuses; nothing is kept then."""
        with self._store.reading() as connection:
            row = connection.execute("SELECT name FROM brands WHERE origin = ?",
                                     (origin,)).fetchone()
        if row is None:
            raise UnknownBrand(origin)
        host = urlsplit(origin).hostname or ""
        made = service.create(str(row[0]), host)
        with self._store.transaction() as connection:
            now = self._clock()
            connection.execute(
                "INSERT OR REPLACE INTO service_aliases (alias, brand_origin, service, "
                "service_id, created_at, disabled_at) VALUES (?, ?, ?, ?, ?, NULL)",
                (made.address, origin, str(service.kind), made.service_id, now))
            audit.append(connection, now, AuditAction.SERVICE_ALIAS_CREATED,
                         {"brand": origin, "service": str(service.kind)})
        return made

    def service_aliases(self, origin: str) -> list[str]:
        """The brand's aliases at the chosen alias service that are still on."""
        with self._store.reading() as connection:
            chosen = settings.read_source(connection)
            if chosen is None:
                return []
            rows = connection.execute(
                "SELECT alias FROM service_aliases WHERE brand_origin = ? AND service = ? "
                "AND disabled_at IS NULL ORDER BY created_at",
                (origin, str(chosen.source.kind))).fetchall()
        return [str(row[0]) for row in rows]

    def disable_service_aliases(self, origin: str, service: AliasService) -> list[str]:
        """Turn off at the service every alias it made for the brand (when the person
        revokes, say), then keep them as off: the brand's next share no longer carries them.
        The aliases turned off; AliasServiceError leaves the rest as they were."""
        with self._store.reading() as connection:
            rows = connection.execute(
                "SELECT alias, service_id FROM service_aliases WHERE brand_origin = ? "
                "AND service = ? AND disabled_at IS NULL ORDER BY created_at",
                (origin, str(service.kind))).fetchall()
        done = []
        for alias, service_id in rows:
            service.disable(str(service_id))
            with self._store.transaction() as connection:
                now = self._clock()
                connection.execute("UPDATE service_aliases SET disabled_at = ? WHERE alias = ?",
                                   (now, alias))
                audit.append(connection, now, AuditAction.SERVICE_ALIAS_DISABLED,
                             {"brand": origin, "service": str(service.kind)})
            done.append(str(alias))
        return done

    # -- the mailbox watched ------------------------------------------------------------

    def watch_input(self) -> WatchInput:
        """What a scan needs now: the aliases to watch and where the last scan stopped."""
        with self._store.reading() as connection:
            chosen = settings.read_mailbox(connection)
            folder = chosen.folder if chosen else "INBOX"
            return WatchInput(records.canaries(connection),
                              records.position(connection, folder),
                              chosen.trusted_authserv_id if chosen else "")

    def record(self, result: ScanResult) -> list[Leak]:
        """Keep a scan's position and its new leaks, each an Activity entry; the new leaks."""
        with self._store.transaction() as connection:
            chosen = settings.read_mailbox(connection)
            records.set_position(connection, chosen.folder if chosen else "INBOX",
                                 result.position)
            now = self._clock()
            added = records.add_leaks(connection, result.leaks, now)
            found = records.leaks(connection, added)
            for leak in sorted(found, key=lambda item: item.id):
                audit.append(connection, now, AuditAction.LEAK_FOUND, {
                    "brand": leak.brand_origin, "leak": leak.id,
                    "sender": leak.sender_domain or leak.from_address,
                })
        return found

    def all(self) -> list[Leak]:
        """Every leak found, newest first."""
        with self._store.reading() as connection:
            return records.leaks(connection)

    def get(self, leak_id: int) -> Leak:
        with self._store.reading() as connection:
            found = records.leaks(connection, [leak_id])
        if not found:
            raise UnknownLeak(str(leak_id))
        return found[0]

    def mark_expected(self, leak_id: int) -> str:
        """The person says the sender may write to that brand's alias (a processor the brand
        forgot to declare): the leak is marked, and the sender's later mail to the brand is
        expected. The domain now expected ("" if the sender was never authenticated)."""
        with self._store.transaction() as connection:
            found = records.leaks(connection, [leak_id])
            if not found:
                raise UnknownLeak(str(leak_id))
            leak = found[0]
            if leak.expected:
                return ""
            domain = records.mark_expected(connection, leak, self._clock())
            audit.append(connection, self._clock(), AuditAction.LEAK_MARKED_EXPECTED,
                         {"brand": leak.brand_origin, "leak": leak.id, "sender": domain})
        return domain

    def complaint_facts(self, leak_id: int, pack_sha256: str, signature: str = "") -> LeakFacts:
        """What a complaint about the leak says (vault/leaks/complaints.py drafts it)."""
        with self._store.reading() as connection:
            found = records.leaks(connection, [leak_id])
            if not found:
                raise UnknownLeak(str(leak_id))
            leak = found[0]
            about = records.grant_facts(connection, leak)
        return LeakFacts(
            brand_name=leak.brand_name, brand_origin=leak.brand_origin,
            brand_contact=about.brand_contact, alias=leak.alias, given_at=about.given_at,
            grant_id=leak.grant_id or "", purpose=about.purpose,
            sender_domain=leak.sender_domain, from_address=leak.from_address,
            received_at=leak.received_at, pack_sha256=pack_sha256, signature=signature)

    def evidence_pack(self, leak_id: int, summary: str, body: bytes | None = None) -> bytes:
        """The leak's evidence pack (vault/leaks/evidence.py), with `summary` in the
        caller's words and the message's body only when given."""
        with self._store.reading() as connection:
            found = records.leaks(connection, [leak_id])
            if not found:
                raise UnknownLeak(str(leak_id))
            evidence = records.evidence_for(connection, found[0], body)
        if evidence is None:
            raise NoEvidence(str(leak_id))
        return build_pack(evidence, summary)

    def complaint_basis(self, leak_id: int, summary: str,
                        signature: str = "") -> tuple[bytes, LeakFacts]:
        """The leak's evidence pack and what a complaint about it says, quoting the pack's
        SHA-256 (so the letter and the pack the person attaches go together)."""
        pack = self.evidence_pack(leak_id, summary)
        return pack, self.complaint_facts(leak_id, hashlib.sha256(pack).hexdigest(), signature)
