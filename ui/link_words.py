"""Words for share links (`zpd://share?...`) opened from a brand's page: why one is refused.

Translatable (context "LinkWords"), built when called. A link is text from a web page:
any of it shown passes through `brand_text`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from zpd.links import LinkInvalid, LinkProblem

from .exchange_words import import_error

CONTEXT = "LinkWords"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def problem_words(problem: LinkProblem) -> str:
    """Why a link was not followed (nothing was fetched)."""
    match problem:
        case LinkProblem.WRONG_SCHEME | LinkProblem.UNKNOWN_ACTION:
            return _tr("This is not a link to share from your vault.")
        case LinkProblem.MISSING_REQUEST_URI | LinkProblem.NOT_TEXT | LinkProblem.BAD_QUERY \
                | LinkProblem.REPEATED_REQUEST_URI | LinkProblem.REPEATED_ASK:
            return _tr("The link is incomplete or malformed: it does not say where the "
                       "brand's request is.")
        case LinkProblem.TOO_LONG:
            return _tr("The link is too long to be a share link.")
        case LinkProblem.FILE_URI | LinkProblem.JAVASCRIPT_URI | LinkProblem.DATA_URI \
                | LinkProblem.OTHER_SCHEME:
            return _tr("The link points to something that is not a brand's web address.")
        case LinkProblem.PLAIN_HTTP:
            return _tr("The link points to an unprotected (http) address on the internet: "
                       "only https is accepted.")
        case LinkProblem.USER_INFO | LinkProblem.FRAGMENT | LinkProblem.BAD_REQUEST_URI:
            return _tr("The link points to a malformed web address.")
        case LinkProblem.NON_ASCII_HOST:
            return _tr("The link's web address uses characters that can imitate another "
                       "site's name.")
    return _tr("The link is malformed.")


def link_error(error: BaseException) -> str:
    """Why a link did not open a review: the link itself, or its request's fetch or import."""
    if isinstance(error, LinkInvalid):
        try:
            problem = LinkProblem(error.reason)
        except ValueError:
            return _tr("The link is malformed.")
        return problem_words(problem)
    return import_error(error)


def refused_title() -> str:
    return _tr("This link was not opened")


def nothing_done() -> str:
    return _tr("Nothing was fetched or shared.")
