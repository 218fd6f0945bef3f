"""The arguments a command line's parser takes, subcommands' too, for tests that check
each of them (which name a file, say)."""

from __future__ import annotations

import argparse
from collections.abc import Iterable


def all_arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """Every argument of `parser` and of its subcommands."""
    actions: list[argparse.Action] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for subparser in action.choices.values():
                actions.extend(all_arguments(subparser))
        else:
            actions.append(action)
    return actions


def names_saying(parser: argparse.ArgumentParser, words: Iterable[str]) -> set[str]:
    """The names (`dest`) of the arguments whose name or metavar holds one of `words`
    (upper case): ("FILE", "DIR") finds those that name a file or folder."""
    return {
        action.dest for action in all_arguments(parser)
        if any(word in f"{action.metavar or ''} {action.dest}".upper() for word in words)
    }
