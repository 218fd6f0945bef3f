"""The first-run tour: three short screens before a new vault is made (what the vault is,
that nothing leaves it without the person's review, how to take things back), each
skippable; then the create screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .style import Space
from .widgets import named
from .widgets.layout import card, title


class TourPage(QWidget):
    """`finished` when the person skips the tour or reaches its end."""

    finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = card(self)
        self.steps = QStackedWidget()
        for heading, text in self._screens():
            self.steps.addWidget(self._screen(heading, text))
        layout.addWidget(self.steps)
        self.position = named(QLabel(), "tourPosition")
        layout.addWidget(self.position)
        buttons = QHBoxLayout()
        self.skip_button = named(QPushButton(self.tr("&Skip the tour")), "tourSkipButton")
        self.skip_button.clicked.connect(self.finished)
        self.back_button = named(QPushButton(self.tr("&Back")), "tourBackButton")
        self.back_button.clicked.connect(lambda: self._go(-1))
        self.next_button = named(QPushButton(), "tourNextButton")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(lambda: self._go(+1))
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout.addLayout(buttons)
        self._show(0)

    def _screens(self) -> list[tuple[str, str]]:
        return [
            (self.tr("Your preferences, kept by you"),
             self.tr("Zero-Party Vault keeps what you choose to tell brands (your sizes, your "
                     "diet, how often they may write to you) on this computer, encrypted "
                     "with a passphrase only you know. No account, no server of ours.")),
            (self.tr("Nothing leaves without your review"),
             self.tr("When a brand asks, you see what it wants, why, for how long and what it "
                     "offers in return, with a fair-or-not verdict. You tick what to share; "
                     "the rest stays here. Each brand gets its own key, so brands cannot "
                     "match what they hold about you.")),
            (self.tr("Take it back at any time"),
             self.tr("Shared shows who knows what and what you got for it. Revoke, and the "
                     "brand is told to delete what you gave and answers with a signed "
                     "receipt. If your e-mail address reaches someone it should not, the "
                     "vault can tell you who passed it on.")),
        ]

    def _screen(self, heading: str, text: str) -> QWidget:
        screen = QWidget()
        column = QVBoxLayout(screen)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(Space.M)
        column.addWidget(title(heading))
        body = QLabel(text)
        body.setWordWrap(True)
        body.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(body)
        screen.setAccessibleName(heading)
        screen.setAccessibleDescription(text)
        return screen

    def _go(self, step: int) -> None:
        target = self.steps.currentIndex() + step
        if target >= self.steps.count():
            self.finished.emit()
            return
        self._show(max(0, target))

    def _show(self, index: int) -> None:
        self.steps.setCurrentIndex(index)
        last = index == self.steps.count() - 1
        self.next_button.setText(self.tr("&Get started") if last else self.tr("&Next"))
        self.back_button.setEnabled(index > 0)
        self.position.setText(self.tr("{0} of {1}").format(index + 1, self.steps.count()))
        if self.isVisible():
            self.next_button.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        # once the window can take focus; never after the page is gone
        QTimer.singleShot(0, self.next_button, self.next_button.setFocus)
