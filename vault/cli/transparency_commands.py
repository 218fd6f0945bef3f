"""`zpv` commands for transparency: the report, the value balance, email aliases."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from pathlib import Path

from ..storage.fsutil import atomic_write
from ..transparency.balance import Balance
from . import terminal
from .context import unlocked
from .exchange_words import flag_words, verdict_words
from .report_words import render_html
from .terminal import EXIT_OK

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]


def add_commands(command: Command) -> None:
    p = command("report", cmd_report, "a transparency report as one HTML file")
    p.add_argument("--out", required=True, metavar="FILE.html")
    p.add_argument("--brand", help="only this brand (its origin or a unique name prefix)")
    p = command("balance", cmd_balance, "what a brand asks or was given, beside what it offers")
    p.add_argument("brand")
    p.add_argument("--ask", help="an ask of its latest request (default: all you gave it)")
    p = command("aliases", cmd_aliases, "email aliases per brand (leak canaries)")
    switch = p.add_mutually_exclusive_group()
    switch.add_argument("--enable", action="store_true", help="give each brand its own alias")
    switch.add_argument("--disable", action="store_true", help="give brands your real address")


def cmd_report(args: argparse.Namespace) -> int:
    with unlocked(args, reads_grants=True) as vault:
        origin = vault.brands.find(args.brand).origin if args.brand else None
        model = vault.transparency.report(origin)
    atomic_write(Path(args.out), render_html(model).encode("utf-8"))
    if args.json:
        terminal.print_json({"out": args.out, "brands": [b.brand.origin for b in model.brands]})
    else:
        print(f"Wrote a report on {len(model.brands)} brand(s) to {args.out}.")
    return EXIT_OK


def cmd_balance(args: argparse.Namespace) -> int:
    with unlocked(args, reads_grants=True) as vault:
        brand = vault.brands.find(args.brand)
        if args.ask:
            balance = vault.transparency.balance_for_ask(brand.origin, args.ask)
        else:
            balance = vault.transparency.balance_for_brand(brand.origin)
    if args.json:
        terminal.print_json(_balance_json(balance))
        return EXIT_OK
    ratio = "nothing offered" if math.isinf(balance.ratio) else f"ratio {balance.ratio:.1f}"
    print(
        f"{verdict_words(balance.verdict)}: given {balance.given_score:g}, "
        f"offered {balance.offered_score:g} ({ratio})"
    )
    for f in balance.fields:
        print(f"  {f.key:<24} {f.sensitivity.value:<9} {f.weight:g}")
    for flag in sorted(balance.flags):
        print(f"  ! {flag_words(flag)}")
    return EXIT_OK


def _balance_json(balance: Balance) -> dict[str, object]:
    return {
        "given": balance.given_score,
        "offered": balance.offered_score,
        "ratio": None if math.isinf(balance.ratio) else balance.ratio,
        "verdict": balance.verdict.value,
        "flags": sorted(f.value for f in balance.flags),
        "fields": [
            {"key": f.key, "sensitivity": f.sensitivity.value, "required": f.required,
             "weight": f.weight}
            for f in balance.fields
        ],
        "offers": [
            {"kind": o.kind, "description": o.description, "weight": o.weight}
            for o in balance.offers
        ],
    }


def cmd_aliases(args: argparse.Namespace) -> int:
    with unlocked(args) as vault:
        if args.enable or args.disable:
            vault.aliases.set_enabled(args.enable)
        enabled = vault.aliases.enabled()
        given = vault.aliases.all()
    if args.json:
        terminal.print_json(
            {
                "enabled": enabled,
                "aliases": [
                    {"brand": a.brand_origin, "name": a.brand_name, "alias": a.alias,
                     "first_given_at": a.first_given_at}
                    for a in given
                ],
            }
        )
        return EXIT_OK
    state = "on: each brand gets its own alias" if enabled else "off: brands get your address"
    print(f"Email aliases are {state}.")
    for a in given:
        print(f"  {a.alias}  to {a.brand_name} ({a.brand_origin}) "
              f"since {terminal.when(a.first_given_at)}")
    return EXIT_OK
