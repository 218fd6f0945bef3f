"""After the review of a request opened from a brand's page: go back to that page.

The address is the request's `return_uri`, which the protocol holds to the brand's own
origin (zpd.request refuses any other, so a request cannot send the person elsewhere);
it opens in the person's browser. The brand's name is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from ..widgets import named, plain_label
from ..words.text import brand_text


def button_text(text: str) -> str:
    """Text for a button: an & of a brand's name is shown, never taken as a shortcut."""
    return text.replace("&", "&&")


class BackToBrandDialog(QDialog):
    def __init__(self, brand_name: str, return_uri: str, *, shared: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backToBrandDialog")
        self.setMinimumWidth(440)
        name = brand_text(brand_name)
        self.setWindowTitle(self.tr("Back to {0}").format(name))
        self.return_uri = return_uri
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl  # tests replace it
        layout = QVBoxLayout(self)
        said = (self.tr("You shared your data with {0}.") if shared
                else self.tr("You did not share anything with {0}.")).format(name)
        layout.addWidget(plain_label(said, "backToBrandSaid"))
        layout.addWidget(plain_label(self.tr(
            "Its page in your browser can continue from here: {0}").format(
                brand_text(return_uri)), "backToBrandWhere"))
        buttons = QDialogButtonBox()
        self.back_button = named(QPushButton(button_text(self.tr("Back to {0}").format(name))),
                                 "backToBrandButton")
        self.back_button.setAccessibleName(self.tr("Open {0}'s page in your browser").format(
            name))
        self.back_button.setDefault(True)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("backToBrandCloseButton")
        buttons.accepted.connect(self.go_back)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def go_back(self) -> None:
        self.open_url(QUrl(self.return_uri))
        self.accept()
