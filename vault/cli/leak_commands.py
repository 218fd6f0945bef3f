"""`zpv` commands for leak canaries: where aliases come from, the mailbox watched, the leaks
found, marking one expected, its evidence pack and complaint drafts.

Secrets (a service's API key, the mailbox's password) are read from standard input, never
from the command line, which other users of the computer can see (`ps`)."""

from __future__ import annotations

import argparse
import getpass
import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..exchange.transport import HttpTransport
from ..leaks.alias_services import Addy, AliasService, SimpleLogin, via_transport
from ..leaks.alias_sources import SourceKind
from ..leaks.authorities import authority_for
from ..leaks.complaints import to_authority, to_brand
from ..leaks.imap import Mailbox
from ..leaks.records import Leak
from ..leaks.scan import scan
from ..leaks.settings import SourceSettings, mailbox_settings, source_settings
from ..storage.fsutil import atomic_write
from ..vault import Vault
from . import terminal
from .context import unlocked
from .leak_words import leak_summary, source_words
from .terminal import EXIT_OK, UsageError, when

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]
MAX_SECRET = 4096


def add_commands(command: Command) -> None:
    p = command("alias-source", cmd_alias_source,
                "where brands' email aliases come from (shown when no option is given)")
    chosen = p.add_mutually_exclusive_group()
    chosen.add_argument("--domain", help="a domain of yours with catch-all delivery "
                        "(recommended): aliases like brand-x7k2@DOMAIN")
    chosen.add_argument("--plus", metavar="ADDRESS",
                        help="plus-addressing on ADDRESS (easily stripped: a fallback)")
    chosen.add_argument("--simplelogin", action="store_true",
                        help="SimpleLogin; its API key is read from standard input")
    chosen.add_argument("--addy", action="store_true",
                        help="addy.io; its API key is read from standard input")
    p.add_argument("--url", help="the service's address, if not the public one")
    p.add_argument("--addy-domain", help="the addy.io domain to make aliases on")
    p.add_argument("--local", action="store_true",
                   help="the service runs on this computer or your local network")
    p = command("service-alias", cmd_service_alias,
                "make a brand's alias at your alias service now, for its next share")
    p.add_argument("brand")
    p.add_argument("--local", action="store_true",
                   help="the service runs on this computer or your local network")
    p.add_argument("--disable", action="store_true",
                   help="turn the brand's aliases off at the service instead")
    p = command("mailbox", cmd_mailbox,
                "the mailbox watched for leaks (shown when no option is given)")
    p.add_argument("--host")
    p.add_argument("--user")
    p.add_argument("--port", type=int, default=993)
    p.add_argument("--folder", dest="imap_folder", default="INBOX")
    p.add_argument("--server-name", default="",
                   help="your mail server's name in Authentication-Results")
    p.add_argument("--forget", action="store_true", help="forget the mailbox and its password")
    p = command("leaks", cmd_leaks, "leaks found in the mailbox")
    p.add_argument("--scan", action="store_true", help="read the mailbox's new mail first")
    p = command("leak-expected", cmd_leak_expected,
                "mark a leak expected: its sender may write to that brand")
    p.add_argument("leak", type=int)
    p = command("leak-evidence", cmd_leak_evidence, "a leak's evidence pack as one zip file")
    p.add_argument("leak", type=int)
    p.add_argument("--out", required=True, metavar="FILE.zip")
    p = command("leak-complaint", cmd_leak_complaint, "draft a complaint about a leak")
    p.add_argument("leak", type=int)
    p.add_argument("--to", choices=["brand", "authority"], default="brand")
    p.add_argument("--country", help="your EU/EEA country (ISO code), for the authority")
    p.add_argument("--lang", choices=["en", "el"], default="en")
    p.add_argument("--name", default="", help="your name, to sign with")


def cmd_alias_source(args: argparse.Namespace) -> int:
    chosen = _chosen_source(args)
    with unlocked(args) as vault:
        if chosen is not None:
            vault.leaks.set_source(chosen)
        current = vault.leaks.source()
    if args.json:
        terminal.print_json(_source_json(current))
    else:
        print(source_words(current))
    return EXIT_OK


def _chosen_source(args: argparse.Namespace) -> SourceSettings | None:
    if args.domain:
        return source_settings(SourceKind.DOMAIN, domain=args.domain)
    if args.plus:
        return source_settings(SourceKind.PLUS, address=args.plus)
    if args.simplelogin or args.addy:
        kind = SourceKind.SIMPLELOGIN if args.simplelogin else SourceKind.ADDY
        return source_settings(kind, api_key=_secret("API key"), base_url=args.url or "",
                               service_domain=args.addy_domain or "", local=args.local)
    return None


def _source_json(current: SourceSettings | None) -> dict[str, object]:
    if current is None:
        return {"source": None}
    source = current.source
    return {"source": str(source.kind), "domain": source.domain or None,
            "address": source.address or None, "url": current.base_url or None,
            "warnings": [str(w) for w in source.warnings()], "key_kept": bool(current.api_key),
            "local": current.local}


def cmd_service_alias(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        brand = vault.brands.find(args.brand)
        chosen = vault.leaks.source()
        if chosen is None or not chosen.api_key:
            raise UsageError("choose an alias service first ('zpv alias-source --simplelogin' "
                             "or '--addy')")
        transport = HttpTransport(ca_bundle=os.environ.get("ZPV_CA_BUNDLE") or None)
        try:
            service = _service(chosen, transport, args.local or chosen.local)
            if args.disable:
                turned_off = vault.leaks.disable_service_aliases(brand.origin, service)
            else:
                made = vault.leaks.create_service_alias(brand.origin, service)
        finally:
            transport.close()
    if args.disable:
        if args.json:
            terminal.print_json({"brand": brand.origin, "disabled": turned_off})
        else:
            print(f"Turned off {len(turned_off)} alias(es) of {brand.name} at the service.")
    elif args.json:
        terminal.print_json({"brand": brand.origin, "alias": made.address})
    else:
        print(f"{brand.name} will get {made.address} from its next share.")
    return EXIT_OK


def turn_off_service_aliases(vault: Vault, origin: str) -> list[str]:
    """The brand's aliases at the person's service turned off (`zpv revoke --disable-alias`);
    [] when the source is no service."""
    chosen = vault.leaks.source()
    if chosen is None or not chosen.api_key:
        return []
    transport = HttpTransport(ca_bundle=os.environ.get("ZPV_CA_BUNDLE") or None)
    try:
        return vault.leaks.disable_service_aliases(
            origin, _service(chosen, transport, chosen.local))
    finally:
        transport.close()


def _service(chosen: SourceSettings, transport: HttpTransport, local: bool) -> AliasService:
    send = via_transport(transport, local=local)
    if chosen.source.kind is SourceKind.SIMPLELOGIN:
        return SimpleLogin(send, chosen.api_key, chosen.base_url)
    return Addy(send, chosen.api_key, chosen.base_url, chosen.service_domain)


def cmd_mailbox(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        if args.forget:
            vault.leaks.set_mailbox(None)
        elif args.host or args.user:
            if not (args.host and args.user):
                raise UsageError("give both --host and --user")
            vault.leaks.set_mailbox(mailbox_settings(
                args.host, args.user, _secret("password"), port=args.port, folder=args.imap_folder,
                trusted_authserv_id=args.server_name))
        current = vault.leaks.mailbox()
    if args.json:
        terminal.print_json(None if current is None else {
            "host": current.host, "port": current.port, "user": current.username,
            "folder": current.folder, "server_name": current.trusted_authserv_id or None})
    elif current is None:
        print("No mailbox is watched.")
    else:
        print(f"Watching {current.folder} of {current.username} at "
              f"{current.host}:{current.port} (read only, headers only).")
    return EXIT_OK


def cmd_leaks(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        new: list[Leak] = _scan(vault) if args.scan else []
        found = vault.leaks.all()
    if args.json:
        terminal.print_json({"new": [leak.id for leak in new],
                             "leaks": [_leak_json(leak) for leak in found]})
        return EXIT_OK
    if args.scan:
        print(f"{len(new)} new leak(s).")
    for leak in found:
        state = "expected" if leak.expected else "leak"
        closed = f" (after you closed it on {when(leak.alias_closed_at)})" \
            if leak.after_close else ""
        print(f"{leak.id:>4}  {state:<8}  {when(leak.received_at) or '?':<20}  "
              f"{leak.brand_name}: {leak.alias} <- {leak.sender_domain or leak.from_address}"
              f"{closed}")
    if not found:
        print("No leaks found.")
    return EXIT_OK


def _scan(vault: Vault) -> list[Leak]:
    chosen = vault.leaks.mailbox()
    if chosen is None:
        raise UsageError("no mailbox to read; set one with 'zpv mailbox --host ... --user ...'")
    watch = vault.leaks.watch_input()
    with Mailbox(chosen.account(os.environ.get("ZPV_CA_BUNDLE") or None)) as mailbox:
        result = scan(mailbox, watch.position, watch.canaries, watch.trusted_authserv_id)
    return vault.leaks.record(result)


def _leak_json(leak: Leak) -> dict[str, object]:
    return {"id": leak.id, "brand": leak.brand_origin, "alias": leak.alias,
            "grant": leak.grant_id, "from": leak.from_address,
            "sender": leak.sender_domain or None, "authenticated": leak.authenticated,
            "received_at": leak.received_at, "found_at": leak.found_at,
            "expected": leak.expected, "alias_closed_at": leak.alias_closed_at,
            "after_close": leak.after_close}


def cmd_leak_expected(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        domain = vault.leaks.mark_expected(args.leak)
        leak = vault.leaks.get(args.leak)
    if args.json:
        terminal.print_json({"leak": leak.id, "expected_sender": domain or None})
    elif domain:
        print(f"Marked expected: mail from {domain} to {leak.brand_name}'s alias is no leak.")
    else:
        print("Marked expected (the sender was not authenticated: only this message).")
    return EXIT_OK


def cmd_leak_evidence(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        leak = vault.leaks.get(args.leak)
        pack = vault.leaks.evidence_pack(leak.id, leak_summary(leak))
    atomic_write(Path(args.out), pack)
    digest = hashlib.sha256(pack).hexdigest()
    if args.json:
        terminal.print_json({"out": args.out, "sha256": digest})
    else:
        print(f"Wrote the evidence pack to {args.out} (SHA-256 {digest}).")
    return EXIT_OK


def cmd_leak_complaint(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        leak = vault.leaks.get(args.leak)
        pack = vault.leaks.evidence_pack(leak.id, leak_summary(leak))
        facts = vault.leaks.complaint_facts(leak.id, hashlib.sha256(pack).hexdigest(),
                                            args.name)
    if args.to == "brand":
        draft = to_brand(facts, args.lang)
    else:
        authority = authority_for(args.country or "")
        if authority is None:
            raise UsageError("give --country, the ISO code of your EU or EEA country")
        draft = to_authority(facts, authority, args.lang)
    if args.json:
        terminal.print_json({"to": draft.recipient, "subject": draft.subject,
                             "body": draft.body, "links": list(draft.links)})
    else:
        sys.stdout.write(f"To: {draft.recipient}\nSubject: {draft.subject}\n\n{draft.body}")
    return EXIT_OK


def _secret(what: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(f"{what.capitalize()}: ")
    text = terminal.read_stdin(MAX_SECRET + 1)
    if len(text) > MAX_SECRET:
        raise UsageError(f"the {what} is too long")
    return text.strip()
