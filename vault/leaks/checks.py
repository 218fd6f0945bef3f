"""What the app asks of the outside world before it keeps leak-canary settings, and the
watcher it runs while the vault is open. Network calls, so callers run them off any GUI
thread; nothing here touches the vault's storage except through `Leaks`."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..exchange.transport import HttpTransport
from .alias_services import Addy, AliasService, SimpleLogin, via_transport
from .alias_sources import SERVICE_KINDS, SourceKind
from .imap import FolderState, Mailbox
from .maildir import Maildir
from .managers import Leaks
from .records import Leak
from .scan import ScanResult
from .settings import MailboxSettings, SourceSettings
from .watcher import MailboxWatcher, Timing, WatchedSource, WatchStatus


def service_for(chosen: SourceSettings, transport: HttpTransport) -> AliasService:
    """The client of the person's alias service (the source must be a service)."""
    send = via_transport(transport, local=chosen.local)
    if chosen.source.kind is SourceKind.SIMPLELOGIN:
        return SimpleLogin(send, chosen.api_key, chosen.base_url)
    if chosen.source.kind is SourceKind.ADDY:
        return Addy(send, chosen.api_key, chosen.base_url, chosen.service_domain)
    raise ValueError(f"not a service: {chosen.source.kind}")


def check_source(chosen: SourceSettings, ca_bundle: str | None = None) -> None:
    """A service's key is asked of the service (AliasServiceError if it refuses it); a
    domain or an address was checked when the settings were made."""
    if chosen.source.kind not in SERVICE_KINDS:
        return
    transport = HttpTransport(ca_bundle=ca_bundle)
    try:
        service_for(chosen, transport).check_key()
    finally:
        transport.close()


def check_mailbox(chosen: MailboxSettings, ca_bundle: str | None = None) -> FolderState:
    """Logs in and examines the folder, read-only; MailboxError says what failed."""
    with Mailbox(chosen.account(ca_bundle)) as mailbox:
        return mailbox.examine()


def turn_off_aliases(leaks: Leaks, origin: str, ca_bundle: str | None = None) -> list[str]:
    """The brand's aliases at the person's service turned off; [] when the source is no
    service. AliasServiceError when the service refuses."""
    chosen = leaks.source()
    if chosen is None or chosen.source.kind not in SERVICE_KINDS:
        return []
    transport = HttpTransport(ca_bundle=ca_bundle)
    try:
        return leaks.disable_service_aliases(origin, service_for(chosen, transport))
    finally:
        transport.close()


def mailbox_watcher(leaks: Leaks, chosen: MailboxSettings | Path, *,
                    ca_bundle: str | None, on_status: Callable[[WatchStatus], None],
                    on_leaks: Callable[[list[Leak]], None],
                    timing: Timing | None = None) -> MailboxWatcher:
    """A watcher of the person's mailbox (or of a local Maildir, given its path) that keeps
    what it finds in the vault and passes each scan's new leaks to `on_leaks` (on the
    watcher's thread)."""
    def record(result: ScanResult) -> None:
        found = leaks.record(result)
        if found:
            on_leaks(found)

    def open_source() -> WatchedSource:
        if isinstance(chosen, Path):
            return Maildir(chosen)
        return Mailbox(chosen.account(ca_bundle))

    return MailboxWatcher(open_source, leaks.watch_input, record, on_status, timing)


def private_authority() -> str | None:
    """`ZPV_CA_BUNDLE`: a private certificate authority's bundle (a company's mail server,
    the tests'), which then replaces the system's authorities, as for brands."""
    return os.environ.get("ZPV_CA_BUNDLE") or None


def ensure_service_alias(leaks: Leaks, origin: str, ca_bundle: str | None = None) -> str:
    """With an alias service as the source, the brand's alias made there now if it has none
    that is on (the address made, else ""), so the next share carries it. AliasServiceError
    when the service refuses: nothing is kept."""
    chosen = leaks.source()
    if chosen is None or chosen.source.kind not in SERVICE_KINDS or \
            leaks.service_aliases(origin):
        return ""
    transport = HttpTransport(ca_bundle=ca_bundle)
    try:
        return leaks.create_service_alias(origin, service_for(chosen, transport)).address
    finally:
        transport.close()
