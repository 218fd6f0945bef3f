"""What a screen reader is told of the vault as it happens: locked, unlocked, and the news of
each delivery run (a share delivered to a brand, a brand that confirmed deletion, one that
refused), which the window shows in the Shared table and the status bar.

Said once, when it happens: a run that delivers nothing, or a refresh, says nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from .announce import announce
from .session import Session
from .words.news import brand_names, news_sentence

if TYPE_CHECKING:
    from vault.exchange.delivery import FlushReport
    from vault.exchange.delivery_news import DeliveryNews


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
            sentence = news_sentence(item)
            if sentence is not None:
                names = brands.setdefault(sentence, [])
                if item.brand_name not in names:
                    names.append(item.brand_name)
        for sentence, names in brands.items():
            announce(self._source, sentence.format(brand_names(names)))
