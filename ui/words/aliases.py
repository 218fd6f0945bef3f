"""Words for an email alias the person closed when revoking (vault/exchange/aliases.py):
on the Shared page, in a leak's detail and in the transparency report.

Translatable (context "AliasWords"), built when called."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from . import time

CONTEXT = "AliasWords"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def closed_words() -> str:
    """The template with blanks {alias} and {when} (the report fills them)."""
    return _tr("{alias}: closed on {when}; mail to it now means a leak or an old list.")


def alias_closed(alias: str, closed_at: int) -> str:
    return closed_words().format(alias=alias, when=time.date(closed_at))


def closed_on(closed_at: int) -> str:
    """Said of the brand's alias itself, after the alias was named."""
    return _tr("Closed on {0}: mail to it now means a leak or an old list.").format(
        time.date(closed_at))


def after_close_short(notice: str) -> str:
    """A leak's notice, said to have come after the person closed the alias."""
    return _tr("{0}, after you closed it").format(notice)


def after_close(closed_at: int) -> str:
    """Said of a leak that came after the person closed the alias."""
    return _tr("After you closed it on {0}: the brand was told to forget this address, so "
               "mail to it means a leak or an old list, whoever sends it.").format(
        time.date(closed_at))
