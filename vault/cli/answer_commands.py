"""`zpv` commands for brands' own questions: list them with your answers, answer, forget.

`zpv asks BRAND` shows the questions within each ask (exchange_commands); this module
words a question and runs `zpv answer`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from zpd.fieldtypes import JsonValue, Sensitivity
from zpd.questions import Question, to_wire

from ..exchange.question_sensitivity import Judgement, judge
from ..exchange.sensitive_words import Topic
from ..profile.answers import Answer
from ..vault import Vault
from . import terminal
from .context import unlocked
from .terminal import EXIT_OK, show_value

Handler = Callable[[argparse.Namespace], int]
Command = Callable[[str, Handler, str], argparse.ArgumentParser]

_SENSITIVITY_WORDS = {
    Sensitivity.LOW: "low-sensitivity",
    Sensitivity.PERSONAL: "personal",
    Sensitivity.SPECIAL: "special-category",
}


def add_commands(command: Command) -> None:
    p = command("answer", cmd_answer, "answer a brand's own question (see 'zpv asks BRAND')")
    p.add_argument("brand", help="the brand's origin or a unique prefix of its name")
    p.add_argument("key", help="the question's key, q:...")
    p.add_argument(
        "value", nargs="?",
        help="a choice's value (several comma separated), a number, yes or no, YYYY-MM-DD "
        "or text; - reads it from standard input",
    )
    p.add_argument("--value-file", metavar="FILE", help="read the answer from FILE")
    action = p.add_mutually_exclusive_group()
    action.add_argument("--clear", action="store_true",
                        help="forget the answer (refused while an active grant carries it)")
    action.add_argument("--history", action="store_true", help="the answer's changes")


def cmd_answer(args: argparse.Namespace) -> int:
    if args.clear or args.history:
        return _clear_or_history(args)
    text = terminal.value_from(args.value, args.value_file)  # before the passphrase
    with unlocked(args) as vault:
        brand = vault.brands.find(args.brand)
        stored = vault.answers.set_from_text(brand.origin, args.key, text)
        question = vault.answers.question(brand.origin, args.key)
        linked = vault.fields.get(question.same_as) if question.same_as else None
    if args.json:
        terminal.print_json({"brand": brand.origin, "key": args.key, "value": stored})
        return EXIT_OK
    print(f"{brand.name}: {question.label} ({args.key}) = {show_value(stored)}")
    if question.same_as and linked != stored:
        print(f"This question means your field {question.same_as}"
              f" ({show_value(linked) or 'no value'}); to change it as well: "
              f"zpv set {question.same_as} VALUE")
    return EXIT_OK


def _clear_or_history(args: argparse.Namespace) -> int:
    if args.value is not None or args.value_file is not None:
        raise terminal.UsageError("--clear and --history take no value")
    with unlocked(args) as vault:
        brand = vault.brands.find(args.brand)
        if args.history:
            vault.answers.question(brand.origin, args.key)  # UnknownQuestion if neither
            entries = vault.answers.history(brand.origin, args.key)
        else:
            cleared = vault.answers.clear(brand.origin, args.key)
    if args.history:
        if args.json:
            terminal.print_json([{"changed_at": e.changed_at, "value": e.value}
                                 for e in entries])
            return EXIT_OK
        for e in entries:
            print(f"{terminal.when(e.changed_at)}  "
                  f"{'(forgotten)' if e.value is None else show_value(e.value)}")
        return EXIT_OK
    print(f"Your answer to {args.key} is forgotten." if cleared
          else f"You had not answered {args.key}.")
    return EXIT_OK


def question_lines(question: Question, answer: Answer | None,
                   proposal: JsonValue | None) -> list[str]:
    """A question under its ask in `zpv asks`: the brand's words, then the vault's."""
    judgement = judge(question)
    lines = [f"    question ({question.type.value}): {question.label}"]
    if question.choices:
        lines.append("    choices: " + ", ".join(f"{c.value} ({c.label})"
                                                 for c in question.choices))
    lines.append(f"    judged {_SENSITIVITY_WORDS[judgement.judged]}"
                 + (f" ({', '.join(sorted(_TOPIC_WORDS[t] for t in judgement.topics))})"
                    if judgement.topics else ""))
    if judgement.mismatched:
        lines.append(f"    note: {mismatch_words(judgement)}")
    if answer is not None:
        lines.append(f"    your answer: {show_value(answer.value)}")
    elif proposal is not None:
        lines.append(f"    not answered; your {question.same_as} would answer it: "
                     f"{show_value(proposal)}")
    else:
        lines.append("    not answered")
    return lines


_TOPIC_WORDS = {
    Topic.HEALTH: "health", Topic.RELIGION: "religion", Topic.POLITICS: "politics",
    Topic.ETHNICITY: "ethnic origin", Topic.SEXUALITY: "sexuality",
    Topic.BIOMETRICS: "biometrics", Topic.GENETICS: "genetics",
    Topic.TRADE_UNION: "trade union membership", Topic.CRIMINAL: "criminal record",
}


def mismatch_words(judgement: Judgement) -> str:
    topics = " and ".join(sorted(_TOPIC_WORDS[t] for t in judgement.topics))
    return (f"the brand calls this question {_SENSITIVITY_WORDS[judgement.declared]}; "
            f"it asks about your {topics}")


def question_json(vault: Vault, origin: str, question: Question) -> dict[str, object]:
    judgement = judge(question)
    answer = vault.answers.get(origin, question.key)
    return {
        **to_wire(question),
        "declared_sensitivity": judgement.declared.value,
        "judged_sensitivity": judgement.judged.value,
        "topics": sorted(judgement.topics),
        "answer": None if answer is None else answer.value,
    }


def missing_answer_words(vault: Vault, origin: str, name: str, keys: list[str]) -> str | None:
    """Why a share is refused when it needs answers the person has not given (or None)."""
    questions = {q.key: q for q in vault.brands.questions(origin)}
    unanswered = [questions[k] for k in keys if k in questions]
    if not unanswered:
        return None
    lines = [f"{name} requires an answer to its question(s); answer first, then share:"]
    lines.extend(f"  \"{q.label}\" ({q.key}): zpv answer {origin} {q.key} VALUE"
                 for q in unanswered)
    return "\n".join(lines)
