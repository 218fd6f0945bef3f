"""What a screen reader is told of the vault as it happens: locked, unlocked, and the news of
each delivery run (a share delivered to a brand, a brand that confirmed deletion, one that
refused), which the window shows in the Shared table and the status bar.

Said once, when it happens: a run that delivers nothing, or a refresh, says nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from .announce import announce
from .session import Session
from .words.text import brand_text

if TYPE_CHECKING:
    from vault.exchange.delivery import FlushReport
    from vault.exchange.delivery_news import DeliveryNews

NAMED = 3  # brands named in one sentence; more are counted


class VaultNews(QObject):
    def __init__(self, source: QObject, session: Session) -> None:
        super().__init__(source)
        self._source = source
        self._session = session
        self._open = False
        session.opened.connect(self._opened)
        session.closed.connect(self._closed)
        session.flushed.connect(self._flushed)

    def _opened(self) -> None:
        self._open = True
        announce(self._source, self.tr("Vault unlocked"))

    def _closed(self) -> None:
        if self._open:  # closing the window locks again what is locked already
            self._open = False
            announce(self._source, self.tr("Vault locked"), assertive=True)

    def _flushed(self, report: FlushReport) -> None:
        if report.delivered or report.failed or report.new_receipts:
            self._session.call(lambda vault: vault.delivery.news(report), self.say,
                               failed=lambda _error: None, owner=self)

    def say(self, news: list[DeliveryNews]) -> None:
        """One sentence for each kind of news, naming its brands."""
        brands: dict[str, list[str]] = {}
        for item in news:
            sentence = self._sentence(item)
            if sentence is not None:
                names = brands.setdefault(sentence, [])
                if item.brand_name not in names:
                    names.append(item.brand_name)
        for sentence, names in brands.items():
            announce(self._source, sentence.format(self._names(names)))

    def _names(self, names: list[str]) -> str:
        shown = ", ".join(brand_text(name) for name in names[:NAMED])
        if len(names) <= NAMED:
            return shown
        return self.tr("{0} and {1} more").format(shown, len(names) - NAMED)

    def _sentence(self, item: DeliveryNews) -> str | None:
        """What to say of `item`, with {0} for its brand (None: nothing to say)."""
        from vault.exchange.outbox import DeliveryState, MessageKind
        from zpd import receipt

        refused = item.state is DeliveryState.FAILED
        match item.kind:
            case MessageKind.GRANT:
                return self.tr("{0} refused the share") if refused else self.tr(
                    "Delivered to {0}")
            case MessageKind.REVOCATION if refused:
                return self.tr("{0} refused the revocation")
            case MessageKind.REVOCATION:
                return {
                    receipt.DELETED: self.tr("{0} confirmed deletion"),
                    receipt.DELETION_PENDING: self.tr(
                        "{0} deleted your data; its other systems are still deleting it"),
                    receipt.DELETION_FAILED: self.tr(
                        "Deletion failed in one of the systems of {0}"),
                }.get(item.receipt_status or "", self.tr(
                    "{0} received the revocation without confirming deletion"))
            case _:
                return None  # a pause or resume: its button already said it was sent
