"""The status bar's line about a delivery run that failed: delivery runs every few
seconds in the background, and when one fails (or a message fails for a reason of the
app's own) it is said here, in words, until a run goes through."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .announce import ChangeAnnouncer
from .session import Session
from .widgets import OneLineLabel

if TYPE_CHECKING:
    from vault.exchange.delivery import FlushReport


class DeliveryProblemLabel(OneLineLabel):
    def __init__(self, session: Session) -> None:
        super().__init__("deliveryProblem")
        self.setAccessibleName(self.tr("Delivery problem"))
        self.setStyleSheet("QLabel#deliveryProblem { font-weight: bold; }")
        self.announcer = ChangeAnnouncer(self)  # said once, not on every failed run
        self.hide()
        session.flush_failed.connect(self.show_failure)
        session.flushed.connect(self.show_report)
        session.closed.connect(self.clear_problem)

    def show_failure(self, error: BaseException) -> None:
        from .words.errors import error_text  # loads with the first error, not at start

        self._say(self.tr("Could not deliver to brands: {0} Trying again every few "
                          "seconds.").format(error_text(error)))

    def show_report(self, report: FlushReport) -> None:
        if report.errors:
            self._say(self.tr("Some messages were not delivered because of an error in this "
                              "app. They will be tried again."))
        else:
            self.clear_problem()

    def clear_problem(self) -> None:
        self.hide()
        self.announcer.forget()

    def _say(self, text: str) -> None:
        self.setText(text)
        self.setToolTip(text)  # in full, should the bar cut it short
        self.show()
        self.announcer.say(text)
