"""A placeholder until a brand is chosen, then that brand's panel (panel.py).

The panel is built a turn after the page is first shown, or when a brand is first shown if
that comes sooner: built with the page, its widgets and their first layout took the turns
that opened the Brands page to 39 to 63 ms on the large vault (docs/performance.md)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QStackedWidget

from vault.exchange.brands import Brand, StoredRequest
from vault.transparency.balance import Balance

from ..turns import FirstWaitsATurn, after_a_frame
from ..widgets import plain_label
from .panel import BrandPanel

PLACEHOLDER, PANEL = 0, 1


class BrandDetails(QStackedWidget):
    review_requested = Signal(str, str)  # origin, ask id
    report_requested = Signal(str, str)  # origin, brand name
    panel_built = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("brandDetails")
        self._panel: BrandPanel | None = None
        self._shown_before = False
        self.placeholder = plain_label("", "brandPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.placeholder)
        # The first brand is shown a turn after its panel is built (now, if it was not yet).
        self._first_brand = FirstWaitsATurn(self, self._show_brand)
        self.clear(no_brands=True)

    @property
    def panel(self) -> BrandPanel:
        """The brand's panel, built now if it was not yet."""
        if self._panel is None:
            self._panel = BrandPanel()
            self._panel.review_requested.connect(self.review_requested)
            self._panel.report_requested.connect(self.report_requested)
            self.addWidget(self._panel)
            self.panel_built.emit()
        return self._panel

    @property
    def origin(self) -> str | None:
        """The brand shown, if one is."""
        return self._panel.origin if self._panel is not None else None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._shown_before:
            self._shown_before = True
            after_a_frame(self, lambda: self.panel)  # after the page's first paint

    def clear(self, *, no_brands: bool = False) -> None:
        self.placeholder.setText(
            self.tr("No brand yet. Import a brand's data request to see who it is, what it "
                    "asks for and what it offers.") if no_brands else
            self.tr("Choose a brand to see who it is and what it asks for."))
        self._first_brand.forget()
        if self._panel is not None:
            self._panel.clear()
        self.setCurrentIndex(PLACEHOLDER)

    def show_brand(self, brand: Brand, stored: StoredRequest | None,
                   balance: Balance | None = None) -> None:
        _ = self.panel
        self._first_brand(brand, stored, balance)

    def _show_brand(self, brand: Brand, stored: StoredRequest | None,
                    balance: Balance | None) -> None:
        self.panel.show_brand(brand, stored, balance)
        self.setCurrentIndex(PANEL)
