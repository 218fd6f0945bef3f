"""Brands: the brands whose data requests were imported, what each asks, and importing more."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
)

from vault.changes import Changes
from vault.exchange.brands import ImportResult, StoredRequest
from vault.transparency.balance import Balance
from vault.vault import Vault

from ..announce import announce
from ..icons import Glyph, icon
from ..report.dialog import ReportDialog
from ..review.dialog import ShareReviewDialog
from ..session import Session
from ..turns import FirstWaitsATurn
from ..widgets import named, plain_label, record_table
from ..widgets.layout import content_column
from ..widgets.page import Page
from ..words.text import brand_text
from .details import BrandDetails
from .import_request import ImportRequestDialog
from .models import BrandRow, BrandsModel

FIT_ROWS = 50  # rows measured to fit the columns' widths


def load_brands(vault: Vault) -> list[BrandRow]:
    counts = vault.grants.active_counts()  # one indexed query, not a listing per brand
    return [BrandRow(b, counts.get(b.origin, 0)) for b in vault.brands.all()]


class BrandsPage(Page):
    kinds = Changes.BRANDS | Changes.GRANTS

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._pending_origin: str | None = None
        self._details_stale = True
        # The first rows come a turn after the page's first paint: in the same turn, filling,
        # fitting and painting 200 brands held the GUI thread up to 63 ms.
        self.show_brands = FirstWaitsATurn(self, self._fill)
        self.import_dialog: ImportRequestDialog | None = None
        self.setObjectName("brandsPage")
        layout = content_column(self)

        top = QHBoxLayout()
        intro = plain_label(
            self.tr("Brands whose data requests you imported, and what they ask for."),
            "brandsIntro",
        )
        top.addWidget(intro, 1)
        self.import_button = named(QPushButton(self.tr("&Import request...")),
                                   "importRequestButton")
        self.import_button.setAccessibleName(self.tr("Import a brand's data request"))
        self.import_button.setIcon(icon(Glyph.IMPORT))
        self.import_button.clicked.connect(self.open_import)
        top.addWidget(self.import_button)
        layout.addLayout(top)
        self.notice = plain_label("", "brandsNotice")
        self.notice.hide()
        layout.addWidget(self.notice)

        self.model = BrandsModel()
        self.table = record_table("brandsTable", self.tr("Imported brands"), self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BrandsModel.NAME, QHeaderView.ResizeMode.Stretch)
        # Fit the columns to the first rows, not to every brand: measuring 200 brands' cells
        # on each refresh held the GUI thread 30-70 ms (docs/performance.md).
        header.setResizeContentsPrecision(FIT_ROWS)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(lambda _: self._open_asks())

        self.details = BrandDetails()
        self.details.review_requested.connect(self.review)
        self.details.report_requested.connect(self.open_report)
        self.report_dialog: ReportDialog | None = None
        splitter = named(QSplitter(Qt.Orientation.Vertical), "brandsSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([150, 450])
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.import_button, self.table)
        self.details.panel_built.connect(self._chain_panel)

    def _chain_panel(self) -> None:
        """The panel, built after the page, comes after the list in the tab order."""
        panel = self.details.panel
        self.setTabOrder(self.table, panel.asks)
        self.setTabOrder(panel.asks, panel.report_button)
        self.setTabOrder(panel.report_button, panel.review_button)

    def title(self) -> str:
        return self.tr("Brands")

    def build_all(self) -> None:
        _ = self.details.panel

    # -- loading --------------------------------------------------------------------------

    def _on_changed(self, kinds: Changes) -> None:
        if kinds & (Changes.BRANDS | Changes.GRANTS):  # a request, or a share: the balance
            self._details_stale = True
        super()._on_changed(kinds)

    def reload(self) -> None:
        self.session.call(load_brands, self.show_brands, owner=self)

    def clear(self) -> None:
        self._pending_origin = None
        self.show_brands.forget()
        self._details_stale = True
        self.model.set_rows([])
        self.details.clear(no_brands=True)
        self.notice.hide()

    def _fill(self, rows: list[BrandRow]) -> None:
        wanted = self._pending_origin or self.selected_origin()
        self.model.set_rows(rows)
        row = self.model.find(wanted) if wanted else -1
        if row >= 0:
            self._pending_origin = None
        elif self.selected_origin() is None and rows:
            row = 0
        if row >= 0 and self.selected_origin() != self.model.key(rows[row]):
            self.select_row(row)  # loads the details
        elif self.selected_origin() is None:
            self.details.clear(no_brands=not rows)
        elif self._details_stale or self.details.origin != self.selected_origin():
            self._load_details()

    def selected_origin(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        return row.brand.origin if isinstance(row, BrandRow) else None

    def select_row(self, row: int) -> None:
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def select_origin(self, origin: str) -> bool:
        row = self.model.find(origin)
        if row >= 0:
            self.select_row(row)
        return row >= 0

    def _selection_changed(self) -> None:
        if self.selected_origin() is None:
            self.details.clear()
        else:
            self._load_details()

    def _load_details(self) -> None:
        origin = self.selected_origin()
        if origin is None:
            return
        self._details_stale = False

        def show(found: tuple[StoredRequest | None, Balance]) -> None:
            row = self.model.row_at(self.model.find(origin))
            if isinstance(row, BrandRow) and self.selected_origin() == origin:
                self.details.show_brand(row.brand, *found)

        self.session.call(
            lambda vault: (vault.brands.latest_request(origin),
                           vault.transparency.balance_for_brand(origin)),
            show, owner=self)

    # -- actions --------------------------------------------------------------------------

    def _open_asks(self) -> None:
        """Enter on a brand: the keyboard goes on to what it asks (Enter there reviews)."""
        panel = self.details.panel
        if self.details.currentWidget() is panel and panel.asks_model.rowCount():
            panel.asks.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            panel.report_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_import(self) -> None:
        self.notice.hide()
        dialog = ImportRequestDialog(self.session, self)
        dialog.imported.connect(self._on_imported)
        dialog.finished.connect(lambda _: self._import_closed(dialog))
        self.import_dialog = dialog
        dialog.open()

    def _import_closed(self, dialog: ImportRequestDialog) -> None:
        if self.import_dialog is dialog:
            self.import_dialog = None
        dialog.deleteLater()

    def _on_imported(self, result: ImportResult) -> None:
        name = brand_text(result.brand.name)
        if result.already_known:
            text = self.tr("You already had this request from {0}.").format(name)
        else:
            count = len(result.request.body.asks)
            text = (self.tr("Imported from {name}: 1 request to review.") if count == 1 else
                    self.tr("Imported from {name}: {count} requests to review.")).format(
                name=name, count=count)
        if result.unverified_keys_replaced:
            text += " " + self.tr("The keys trusted until now came from a file or pasted "
                                  "text; the ones its web address serves replace them.")
        elif result.keys_replaced:
            text += " " + self.tr("Its new keys are trusted from now on.")
        if result.outdated:
            text += " " + self.tr("What you imported is older than what you already have "
                                  "from this brand: its requests do not replace the ones "
                                  "on offer.")
        self.notice.setText(text)
        self.notice.show()
        self._details_stale = True
        origin = result.brand.origin
        self._pending_origin = None
        if self.selected_origin() == origin:
            self._load_details()  # same brand, new request: show its asks
        elif not self.select_origin(origin):  # (selecting it loads its details)
            self._pending_origin = origin  # the list has not caught up yet

    def open_report(self, origin: str, name: str) -> None:
        """The transparency report on one brand, as a PDF or HTML file."""
        dialog = ReportDialog(self.session, origin, name, self)
        dialog.finished.connect(lambda _: self._report_closed(dialog))
        self.report_dialog = dialog
        dialog.open()

    def _report_closed(self, dialog: ReportDialog) -> None:
        if self.report_dialog is dialog:
            self.report_dialog = None
        dialog.deleteLater()

    def review(self, origin: str, ask_id: str) -> None:
        self.notice.hide()  # what it said is about an earlier step
        dialog = ShareReviewDialog(self.session, origin, ask_id, self)
        dialog.exec()
        if dialog.share_result is not None:
            self.notice.setText(self.tr(
                "Shared with {0}. Follow its delivery, or take it back, on the Shared page."
            ).format(brand_text(dialog.share_result.grant.brand_name)))
            self.notice.show()
            announce(self, self.notice.text())
        dialog.deleteLater()

    def review_selected(self) -> None:
        """Open the share review for the chosen ask (what the button does)."""
        self.details.panel.review_button.click()
