"""`zpv` commands for brands' data requests: importing, fetching or opening one, the brands
known, and what each asks for and offers.

Sharing for an ask, grants and revocation live in grant_commands."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from zpd.catalogue import BY_KEY
from zpd.fieldtypes import Sensitivity
from zpd.links import parse_link
from zpd.origin import AddressScope
from zpd.purposes import concept_name
from zpd.request import Ask
from zpd.text import decodable

from ..exchange.brands import ImportResult, RequestSource
from ..exchange.links import LinkImport
from ..vault import Vault
from . import exchange_words, terminal
from .answer_commands import question_json, question_lines
from .context import unlocked
from .terminal import EXIT_OK, UsageError, say

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]

MAX_REQUEST_BYTES = 1024 * 1024


def add_commands(command: Command) -> None:
    p = command("request", cmd_request, "import or fetch a brand's signed data request")
    p.add_argument("action", choices=["import", "fetch", "open"])
    p.add_argument(
        "source", metavar="FILE|-|ADDRESS|LINK",
        help="import: a file, or - to read pasted text; fetch: the brand's web address; "
        "open: a zpd://share link from a brand's page",
    )
    p.add_argument(
        "--accept-new-keys",
        action="store_true",
        help="accept that the brand's keys changed since you first imported it",
    )
    command("brands", cmd_brands, "the brands you imported requests from")
    p = command("asks", cmd_asks, "what a brand asks for, and what it offers")
    p.add_argument("brand", help="the brand's origin or a unique prefix of its name")


def cmd_request(args: argparse.Namespace) -> int:
    if args.action != "import" and not decodable(args.source):  # a file's name need not be
        raise UsageError(f"the {'link' if args.action == 'open' else 'address'} is not "
                         "UTF-8 text; nothing was changed")
    if args.action == "open":
        parse_link(args.source)  # a link not followed needs no passphrase
        with unlocked(args) as vault:
            opened = vault.brands.open_link(args.source, accept_new_keys=args.accept_new_keys)
        return _report_import(args, opened.result, opened)
    if args.action == "fetch":
        with unlocked(args) as vault:
            result = vault.brands.fetch(args.source, accept_new_keys=args.accept_new_keys)
        return _report_import(args, result)
    if args.source == "-":
        text, source = terminal.read_stdin(MAX_REQUEST_BYTES + 1), RequestSource.TEXT
    else:
        try:
            with open(args.source, encoding="utf-8") as handle:
                text = handle.read(MAX_REQUEST_BYTES + 1)
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read {args.source}: {exc}") from None
        source = RequestSource.FILE
    if len(text) > MAX_REQUEST_BYTES:
        raise UsageError("that is too large to be a data request")
    with unlocked(args) as vault:
        result = vault.brands.import_request(text, source, accept_new_keys=args.accept_new_keys)
    return _report_import(args, result)


def _report_import(args: argparse.Namespace, result: ImportResult,
                   opened: LinkImport | None = None) -> int:
    brand = result.brand
    if args.json:
        link = {} if opened is None else {"ask": opened.ask_id, "return_uri": opened.return_uri}
        terminal.print_json(
            {
                **link,
                "brand": brand.origin,
                "name": brand.name,
                "request": result.request.jti,
                "new_brand": result.new_brand,
                "keys_replaced": result.keys_replaced,
                "unverified_keys_replaced": result.unverified_keys_replaced,
                "outdated": result.outdated,
                "domain_verified": brand.domain_verified,
                "home": brand.home.value,
                "asks": [a.id for a in result.request.body.asks],
            }
        )
        return EXIT_OK
    verb = "Already had" if result.already_known else "Imported"
    say(
        f"{verb} a request from {brand.name} ({brand.origin}) with "
        f"{len(result.request.body.asks)} ask(s)."
    )
    if result.unverified_keys_replaced:
        say("The keys trusted until now came from a file or pasted text; the ones its web "
            "address serves replace them.")
    elif result.keys_replaced:
        say("The brand's keys were replaced with the new ones, as you asked.")
    if result.outdated:
        say("This request is older than the one you already have from this brand: its asks "
            "do not replace the ones on offer.")
    say(exchange_words.where_words(brand))
    if opened is not None:
        say(f"The link opens its ask '{opened.ask_id}': review it with "
            f"'zpv asks {brand.origin}', share with 'zpv share {brand.origin} "
            f"{opened.ask_id}'.")
    return EXIT_OK


def cmd_brands(args: argparse.Namespace) -> int:
    with unlocked(args, reads_grants=True) as vault:
        brands = vault.brands.all()
        counted = vault.grants.active_counts()
        active = {b.origin: counted.get(b.origin, 0) for b in brands}
    if args.json:
        terminal.print_json(
            [
                {
                    "origin": b.origin,
                    "name": b.name,
                    "domain_verified": b.domain_verified,
                    "home": b.home.value,
                    "active_grants": active[b.origin],
                }
                for b in brands
            ]
        )
        return EXIT_OK
    for b in brands:
        badge = "verified" if b.domain_verified else "unverified"
        badge += {AddressScope.LOOPBACK: ", this computer",
                  AddressScope.LOCAL_NETWORK: ", local network"}.get(b.home, "")
        say(f"{b.name}  {b.origin}  [{badge}]  {active[b.origin]} active grant(s)")
    return EXIT_OK


def cmd_asks(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        brand = vault.brands.find(args.brand)
        asks = vault.brands.asks(brand.origin)
        if args.json:
            terminal.print_json([_ask_json(vault, brand.origin, a) for a in asks])
            return EXIT_OK
        answers = {a.key: a for a in vault.answers.all(brand.origin)}
        proposals = {q.key: vault.answers.proposal(brand.origin, q.key)
                     for q in vault.brands.questions(brand.origin)}
    for a in asks:
        say(f"{a.id}: {a.purpose.description} ({concept_name(a.purpose.iri)})")
        say(f"  offer: {a.offer.kind}: {a.offer.description}")
        say(f"  for {a.duration_days} days; the brand keeps data {a.retention_days} days")
        for f in a.fields:
            need = "required" if f.required else "optional"
            if f.question is not None:
                say(f"  - {f.key} ({need}): {f.why}")
                for line in question_lines(f.question, answers.get(f.key),
                                           proposals.get(f.key)):
                    say(line)
                continue
            special = (
                "  [special category]"
                if BY_KEY[f.key].sensitivity == Sensitivity.SPECIAL else ""
            )
            say(f"  - {f.key} ({need}): {f.why}{special}")
    return EXIT_OK


def _ask_json(vault: Vault, origin: str, ask: Ask) -> dict[str, object]:
    return {
        "id": ask.id,
        "purpose": {"iri": ask.purpose.iri, "description": ask.purpose.description},
        "fields": [
            {"key": f.key, "required": f.required, "why": f.why,
             **({"question": question_json(vault, origin, f.question)}
                if f.question is not None else {})}
            for f in ask.fields
        ],
        "offer": {"kind": ask.offer.kind, "description": ask.offer.description},
        "retention_days": ask.retention_days,
        "duration_days": ask.duration_days,
    }
