"""One brand's details: who it is (in its own words, shown as plain text), what it asks, and
what it was given."""

from __future__ import annotations

import time

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vault.exchange.brands import Brand, StoredRequest
from vault.transparency.balance import Balance
from zpd.request import Ask

from .. import style
from ..icons import Glyph, icon
from ..style import HAIRLINE, Space, TextSize
from ..turns import later
from ..widgets import brand_label, named, plain_label, tab_leaves
from ..widgets.balance_view import BalanceView
from ..widgets.fitted_table import FittedTable
from ..words import time as time_words
from ..words.exchange import request_source_words
from ..words.review import question_label
from ..words.text import brand_text, in_sentence, tip
from .models import AsksModel, verified_explanation, verified_icon, verified_words

# wrapped lines need air
CELL_PADDING = f"QTableView::item {{ padding: {Space.XS}px {HAIRLINE}px; }}"


def _heading(label: QLabel) -> QLabel:
    font = style.sized(label.font(), TextSize.TITLE)
    font.setBold(True)
    label.setFont(font)
    return label


class BrandPanel(QWidget):
    """The brand's name, web address, policy and contact, its balance, its asks, and the
    buttons to review one or export a report."""

    review_requested = Signal(str, str)  # origin, ask id
    report_requested = Signal(str, str)  # origin, brand name

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("brandPanel")
        self.origin: str | None = None
        self.brand_name = ""
        self._expired = False
        self._expires_at = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, Space.S, 0, 0)
        top = QHBoxLayout()
        self.name = _heading(brand_label("", "brandName", wrap=True))
        self.name.setAccessibleName(self.tr("Brand name"))
        top.addWidget(self.name, 1)
        self.badge_icon = named(QLabel(), "brandVerifiedIcon")
        top.addWidget(self.badge_icon)
        self.badge = plain_label("", "brandVerified", wrap=False)
        self.badge.setAccessibleName(self.tr("Domain verification"))
        top.addWidget(self.badge)
        layout.addLayout(top)
        self.description = brand_label("", "brandDescription")
        self.description.setAccessibleName(self.tr("Description, in the brand's words"))
        layout.addWidget(self.description)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(Space.M)
        form.setVerticalSpacing(Space.HAIR)
        self.origin_label = brand_label("", "brandOrigin")
        self.origin_label.setAccessibleName(self.tr("Web address"))
        form.addRow(self.tr("Web address:"), self.origin_label)
        self.policy = brand_label("", "brandPrivacyPolicy")
        self.policy.setAccessibleName(self.tr("Privacy policy"))
        form.addRow(self.tr("Privacy policy:"), self.policy)
        self.contact = brand_label("", "brandContact")
        self.contact.setAccessibleName(self.tr("Contact"))
        form.addRow(self.tr("Contact:"), self.contact)
        self.request_info = plain_label("", "brandRequestInfo")
        form.addRow(self.tr("Request:"), self.request_info)
        about = QHBoxLayout()
        about.setSpacing(Space.L)
        about.addLayout(form, 1)
        about.addWidget(self._build_balance(), 1)
        layout.addLayout(about)

        self.asks_model = AsksModel()
        self.asks = named(FittedTable(), "asksTable")
        self.asks.setAccessibleName(self.tr("What the brand asks for"))
        self.asks.setModel(self.asks_model)
        self.asks.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.asks.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.asks.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.asks.setWordWrap(True)
        self.asks.setAlternatingRowColors(True)
        self.asks.setStyleSheet(CELL_PADDING)
        self.asks.verticalHeader().hide()
        self.asks.horizontalHeader().setHighlightSections(False)
        tab_leaves(self.asks)
        self.asks.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.asks.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(AsksModel.FIELDS, QHeaderView.ResizeMode.Stretch)
        for column, width in ((AsksModel.PURPOSE, 150), (AsksModel.VERDICT, 170),
                              (AsksModel.OFFER, 115), (AsksModel.DURATION, 65),
                              (AsksModel.RETENTION, 65)):
            self.asks.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        self.asks.selectionModel().selectionChanged.connect(self._update_button)
        self.asks.activated.connect(lambda _: self._review())
        layout.addWidget(self.asks)

        bottom = QHBoxLayout()
        self.note = plain_label("", "asksNote")
        bottom.addWidget(self.note, 1)
        self.report_button = named(QPushButton(self.tr("Transparency report...")),
                                   "brandReportButton")
        self.report_button.setAccessibleName(
            self.tr("Export a transparency report on this brand"))
        self.report_button.setToolTip(self.tr(
            "What this brand knows about you, why, until when, and what you got in return, "
            "as a PDF or HTML file."))
        self.report_button.setIcon(icon(Glyph.REPORT))
        self.report_button.clicked.connect(self._report)
        bottom.addWidget(self.report_button)
        self.review_button = named(QPushButton(self.tr("Re&view and share...")),
                                   "reviewShareButton")
        self.review_button.setIcon(icon(Glyph.SHARE))
        self.review_button.setAccessibleName(self.tr("Review and share the chosen request"))
        self.review_button.setToolTip(
            self.tr("See each field, why the brand wants it and what it offers; nothing is "
                    "shared until you confirm."))
        self.review_button.clicked.connect(self._review)
        bottom.addWidget(self.review_button)
        layout.addLayout(bottom)
        # On a tall window the room left goes below the buttons, which stay under the asks.
        layout.addStretch(1)

    def _build_balance(self) -> QWidget:
        box = named(QWidget(), "brandBalance")
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(Space.XS)
        caption = plain_label(self.tr("What you gave, over all your shares with it"),
                              "brandBalanceCaption")
        font = caption.font()
        font.setBold(True)
        caption.setFont(font)
        column.addWidget(caption)
        self.balance = BalanceView(compact=True)
        column.addWidget(self.balance)
        column.addStretch(1)
        return box

    # -- showing --------------------------------------------------------------------------

    def clear(self) -> None:
        self.origin = None
        self.balance.set_balance(None)
        self.asks_model.set_rows([])
        self._update_button()

    def show_brand(self, brand: Brand, stored: StoredRequest | None,
                   balance: Balance | None = None) -> None:
        same_brand = self.origin == brand.origin
        chosen = self.chosen_ask() if same_brand else None
        self.origin = brand.origin
        self.brand_name = brand.name
        asked = stored.request.body.asks if stored is not None else ()
        if not same_brand:
            self.balance.set_balance(None)  # not another brand's, while this one's comes
        # The balance in a turn of its own: with the brand's details and asks, its chart
        # (a segment a grant, 10,008 for the largest brand) held the GUI thread 40 to 60 ms.
        later(self, lambda: self._show_balance(brand.origin, balance, {
            q.key: question_label(q) for ask in asked for q in ask.questions}))
        info = stored.request.body.brand if stored is not None else None
        self.name.setText(brand_text(info.name if info else brand.name))
        self.origin_label.setText(brand_text(brand.origin))
        self.badge.setText(verified_words(brand.domain_verified, brand.home))
        self.badge.setToolTip(tip(
            verified_explanation(brand.domain_verified, brand.origin)))
        self.badge_icon.setPixmap(verified_icon(brand.domain_verified).pixmap(16, 16))
        self.description.setText(brand_text(info.description) if info else "")
        self.description.setVisible(bool(info and info.description))
        unknown = self.tr("not given")
        self.policy.setText(brand_text(info.privacy_policy) if info and info.privacy_policy
                            else unknown)
        self.contact.setText(brand_text(info.contact) if info and info.contact else unknown)
        self.request_info.setText(self._request_words(stored))
        self._expires_at = stored.request.exp if stored is not None else 0
        self._expired = stored is not None and stored.request.exp <= time.time()
        asks = list(stored.request.body.asks) if stored is not None else []
        self.asks_model.set_rows(asks)
        self.asks.resizeRowsToContents()
        self.asks.updateGeometry()  # as tall as its rows now
        row = self.asks_model.find(chosen) if chosen else -1
        if row < 0 and asks:
            row = 0
        if row >= 0:
            self.asks.selectionModel().setCurrentIndex(
                self.asks_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._update_button()

    def _show_balance(self, origin: str, balance: Balance | None,
                      labels: dict[str, str]) -> None:
        if self.origin == origin:  # still this brand's details
            self.balance.set_balance(balance, self.tr(
                "You have not shared anything with this brand yet."), labels=labels)

    def _request_words(self, stored: StoredRequest | None) -> str:
        if stored is None:
            return self.tr("No request imported")
        return self.tr("{source} on {imported}; valid until {expires}").format(
            source=request_source_words(stored.source),
            imported=time_words.date(stored.imported_at),
            expires=time_words.date(stored.request.exp),
        )

    def chosen_ask(self) -> str | None:
        rows = self.asks.selectionModel().selectedRows()
        ask = self.asks_model.row_at(rows[0].row()) if rows else None
        return ask.id if isinstance(ask, Ask) else None

    def _update_button(self) -> None:
        if self.origin is None:
            self.note.setText("")
        elif self._expired:
            self.note.setText(self.tr(
                "The request from {brand} expired on {date}: import a fresh one from "
                "{brand} to share.").format(brand=in_sentence(self.brand_name),
                                            date=time_words.date(self._expires_at)))
        elif self.asks_model.rowCount() == 0:
            self.note.setText(self.tr("This brand asks for nothing at the moment."))
        else:
            self.note.setText("")
        self.review_button.setEnabled(
            self.origin is not None and not self._expired and self.chosen_ask() is not None
        )
        self.report_button.setEnabled(self.origin is not None)

    def _report(self) -> None:
        if self.origin is not None:
            self.report_requested.emit(self.origin, self.brand_name)

    def _review(self) -> None:
        ask_id = self.chosen_ask()
        if self.origin is not None and ask_id is not None and self.review_button.isEnabled():
            self.review_requested.emit(self.origin, ask_id)
