"""Shared: every grant with its delivery state, live; pause, resume, revoke, retry, and what
a brand knows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from vault.changes import Changes
from vault.exchange.brands import Brand
from vault.exchange.delivery_summary import DeliveryStatus
from vault.exchange.grants import GrantStatus
from vault.vault import Vault

from ..announce import announce
from ..icons import Glyph, icon
from ..report.dialog import ReportDialog
from ..session import Session
from ..style import Space
from ..widgets import confirmation, named, plain_label, record_table
from ..widgets.page import Page
from ..words import aliases, fields, pausing, time
from ..words import exchange as words
from ..words.errors import error_text
from ..words.text import brand_text
from .knows import KnowsDialog
from .models import PAGE_SIZE, GrantRow, GrantsModel, load_grants
from .pause_button import PauseButton
from .qr import QrDialog

PAUSED = "paused"  # the status filter's choice of paused grants
ROW_LINES = 2
FIT_ROWS = 50  # rows measured to fit the date and status columns
ROW_PADDING = 10


class SharedPage(Page):
    kinds = Changes.GRANTS | Changes.OUTBOX | Changes.ALIASES  # an alias closed, say

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.confirm: confirmation.Confirm = confirmation.ask  # a seam for tests
        self.knows_dialog: KnowsDialog | None = None
        self.dialog: QDialog | None = None  # the QR code or report dialog, while open
        self._generation = 0  # the latest refresh wins
        self._said_of: str | None = None  # the grant the message is about, while it holds
        self._view = 0  # bumped when the filters change: older pages no longer belong
        self._brand_names: dict[str, str] = {}
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        self.empty = plain_label("", "grantsEmpty")
        self.empty.hide()
        layout.addWidget(self.empty)

        self.model = GrantsModel()
        self.model.more_wanted.connect(self._load_more)
        self.table = record_table(
            "grantsTable", self.tr("What you shared, with whom"), self.model, wrap=True
        )
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Two lines a row, the same for every row: wrapped text without measuring each row.
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().lineSpacing() * ROW_LINES + ROW_PADDING)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (GrantsModel.PURPOSE, GrantsModel.FIELDS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for column in (GrantsModel.UNTIL, GrantsModel.STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Fit those to the first rows, not to every row loaded (a page is 200, and more come
        # as the list scrolls): measuring them all held the GUI thread (docs/performance.md).
        header.setResizeContentsPrecision(FIT_ROWS)
        for column, width in ((GrantsModel.BRAND, 110), (GrantsModel.OFFER, 110),
                              (GrantsModel.DELIVERY, 160)):
            self.table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.model.dataChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)
        layout.addWidget(self.table, 1)

        self.detail = plain_label("", "grantDetail")
        self.detail.setAccessibleName(self.tr("The chosen share"))
        # Pause / Resume beside the grant's state in words, which it changes.
        chosen = QHBoxLayout()
        chosen.addWidget(self.detail, 1)
        self.pause_button = PauseButton(self.session, self._say, self._failed)
        chosen.addWidget(self.pause_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(chosen)
        self.message = plain_label("", "sharedMessage")
        self.message.hide()
        layout.addWidget(self.message)
        layout.addLayout(self._actions())
        self._update_actions()

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.brand_filter = named(QComboBox(), "grantsBrandFilter")
        self.brand_filter.setAccessibleName(self.tr("Show shares with this brand"))
        # As wide as about 24 characters, whatever a brand calls itself; the list shows all.
        self.brand_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.brand_filter.setMinimumContentsLength(24)
        self.brand_filter.addItem(self.tr("All brands"), None)
        self.status_filter = named(QComboBox(), "grantsStatusFilter")
        self.status_filter.setAccessibleName(self.tr("Show shares in this state"))
        self.status_filter.addItem(self.tr("Any status"), None)
        for status in GrantStatus:
            self.status_filter.addItem(words.grant_status_words(status), status.value)
        self.status_filter.addItem(pausing.paused_filter_words(), PAUSED)
        brand_label = QLabel(self.tr("&Brand:"))
        brand_label.setBuddy(self.brand_filter)
        status_label = QLabel(self.tr("S&tatus:"))
        status_label.setBuddy(self.status_filter)
        row.addWidget(brand_label)
        row.addWidget(self.brand_filter)
        row.addSpacing(Space.M)
        row.addWidget(status_label)
        row.addWidget(self.status_filter)
        row.addStretch()
        # About every brand, not the chosen grant: beside the filters (the row below is full).
        self.report_button = named(QPushButton(self.tr("Transparency re&port...")), "reportButton")
        self.report_button.setAccessibleName(self.tr("Export a transparency report on every "
                                                     "brand"))
        self.report_button.setIcon(icon(Glyph.REPORT))
        self.report_button.clicked.connect(self.open_report)
        row.addWidget(self.report_button)
        self.brand_filter.currentIndexChanged.connect(self._filter_changed)
        self.status_filter.currentIndexChanged.connect(self._filter_changed)
        return row

    def _actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.knows_button = named(QPushButton(self.tr("What does this brand &know about me?")),
                                  "knowsButton")
        self.knows_button.setAccessibleName(self.tr("What the chosen brand knows about me"))
        self.knows_button.clicked.connect(self.show_knows)
        row.addWidget(self.knows_button)
        self.qr_button = named(QPushButton(self.tr("Show as &QR code...")), "qrButton")
        self.qr_button.setAccessibleName(self.tr("Show the chosen share as a QR code"))
        self.qr_button.setIcon(icon(Glyph.QR_CODE))
        self.qr_button.clicked.connect(self.show_qr)
        row.addWidget(self.qr_button)
        row.addStretch()
        self.retry_button = named(QPushButton(self.tr("Retry &now")), "retryButton")
        self.retry_button.setAccessibleName(self.tr("Try delivering the chosen share now"))
        self.retry_button.clicked.connect(self.retry_selected)
        row.addWidget(self.retry_button)
        self.revoke_button = named(QPushButton(self.tr("&Revoke...")), "revokeButton")
        self.revoke_button.setAccessibleName(self.tr("Revoke the chosen share"))
        self.revoke_button.setIcon(icon(Glyph.REVOKE))
        self.revoke_button.clicked.connect(self.revoke_selected)
        row.addWidget(self.revoke_button)
        return row

    def title(self) -> str:
        return self.tr("Shared")

    # -- loading --------------------------------------------------------------------------

    def _filters_now(self) -> tuple[str | None, GrantStatus | None, bool]:
        """The brand, the status, and whether only paused grants are shown."""
        origin = self.brand_filter.currentData()
        status = self.status_filter.currentData()
        paused = status == PAUSED
        return origin, GrantStatus(status) if status and not paused else None, paused

    def _filter_changed(self) -> None:
        self._view += 1
        if self.session.is_open:
            self.reload(fresh=True)

    def reload(self, fresh: bool = False) -> None:
        self._generation += 1
        generation = self._generation
        origin, status, paused = self._filters_now()
        limit = PAGE_SIZE if fresh else max(PAGE_SIZE, self.model.rowCount())

        def load(vault: Vault) -> tuple[list[Brand], list[GrantRow], bool]:
            return (vault.brands.all(),
                    *load_grants(vault, origin, status, 0, limit, paused=paused))

        def show(result: tuple[list[Brand], list[GrantRow], bool]) -> None:
            if generation == self._generation:
                brands, rows, more = result
                self._show_brands(brands)
                self._show_rows(rows, more)

        self.session.call(load, show, owner=self)

    def _load_more(self, offset: int) -> None:
        view = self._view
        origin, status, paused = self._filters_now()

        def show(result: tuple[list[GrantRow], bool]) -> None:
            # A live refresh meanwhile does not void the page (it keeps rows by id).
            if view == self._view:
                self.model.add_page(*result)

        self.session.call(
            lambda vault: load_grants(vault, origin, status, offset, PAGE_SIZE, paused=paused),
            show, owner=self)

    def _show_brands(self, brands: list[Brand]) -> None:
        self._brand_names = {b.origin: b.name for b in brands}
        current = self.brand_filter.currentData()
        known = [self.brand_filter.itemData(i) for i in range(1, self.brand_filter.count())]
        if known == [b.origin for b in brands]:
            for i, brand in enumerate(brands, start=1):
                self.brand_filter.setItemText(i, brand_text(brand.name))
            return
        self.brand_filter.blockSignals(True)
        while self.brand_filter.count() > 1:
            self.brand_filter.removeItem(1)
        for brand in brands:
            self.brand_filter.addItem(brand_text(brand.name), brand.origin)
        self.brand_filter.setCurrentIndex(max(0, self.brand_filter.findData(current)))
        self.brand_filter.blockSignals(False)

    def _show_rows(self, rows: list[GrantRow], more: bool) -> None:
        chosen = self.selected()
        self.model.set_page(rows, more)
        if chosen is not None and not self.table.selectionModel().hasSelection():
            row = self.model.find(chosen.grant.id)
            if row >= 0:
                self.table.selectRow(row)
        filtered = any(self._filters_now())
        self.empty.setText(
            self.tr("No share matches these filters.") if filtered else
            self.tr("You have not shared anything yet. Open Brands, choose a request and review "
                    "it to share."))
        self.empty.setVisible(not rows)
        self._drop_stale_message()
        self._update_actions()

    def clear(self) -> None:
        self._generation += 1
        self._view += 1
        self.model.set_page([], False)
        self.brand_filter.blockSignals(True)
        while self.brand_filter.count() > 1:
            self.brand_filter.removeItem(1)
        self.brand_filter.setCurrentIndex(0)
        self.brand_filter.blockSignals(False)
        self.message.hide()
        self._update_actions()

    # -- the chosen grant -----------------------------------------------------------------

    def selected(self) -> GrantRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.grant_at(rows[0].row()) if rows else None

    def _knows_origin(self) -> tuple[str, str] | None:
        chosen = self.selected()
        if chosen is not None:
            return chosen.grant.brand_origin, chosen.grant.brand_name
        origin = self.brand_filter.currentData()
        if origin:
            return origin, self._brand_names.get(origin, origin)
        return None

    def _update_actions(self) -> None:
        chosen = self.selected()
        grant = chosen.grant if chosen else None
        self.revoke_button.setEnabled(grant is not None and grant.status is not GrantStatus.REVOKED)
        self.retry_button.setEnabled(chosen is not None and words.can_retry(chosen.delivery))
        self.knows_button.setEnabled(self._knows_origin() is not None)
        # A paused grant's data may not be used: it is not handed over either.
        self.qr_button.setEnabled(grant is not None and grant.status is GrantStatus.ACTIVE
                                  and not grant.paused)
        self.pause_button.show_grant(grant)
        if chosen is None or grant is None:
            self.detail.setText(self.tr("Choose a share to pause, revoke or retry it, or see "
                                        "what its brand knows about you."))
            return
        text = self.tr(
            "{brand}: {fields}. Shared on {shared}, version {version}. {state}. "
            "Delivery: {delivery}."
        ).format(
            brand=brand_text(grant.brand_name), fields=fields.field_list(grant.fields),
            shared=time.date(grant.created_at), version=grant.version,
            state=pausing.grant_sentence(grant), delivery=words.delivery_words(chosen.delivery),
        )
        if chosen.alias and chosen.alias_closed_at is not None:
            text += " " + aliases.alias_closed(chosen.alias, chosen.alias_closed_at)
        if chosen.downstream:
            text += "\n" + self.tr("Deletion in the brand's systems: {0}.").format(
                pausing.downstream_words(chosen.downstream))
        self.detail.setText(text)

    # -- actions --------------------------------------------------------------------------

    def revoke_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.grant.status is GrantStatus.REVOKED:
            return
        grant = chosen.grant
        brand = brand_text(grant.brand_name)
        question = self.tr("Revoke what you share with {0}?").format(brand)
        details = self.tr(
            "{brand} will be told to delete: {fields}.\nPurpose: {purpose}\n\n"
            "You cannot undo this. To share again, review the brand's request again."
        ).format(brand=brand, fields=fields.field_list(grant.fields),
                 purpose=brand_text(grant.purpose_description))
        if not self.confirm(self, self.tr("Revoke share"), question, details, self.tr("Revoke")):
            return

        def revoke(vault: Vault) -> tuple[list[str], list[str]]:
            vault.grants.revoke(grant.id)
            return (vault.leaks.service_aliases(grant.brand_origin),
                    vault.aliases.closable(grant.brand_origin))

        def revoked(found: tuple[list[str], list[str]]) -> None:
            at_service, closable = found
            self._say(self.tr("Revoked. {0} is being told to delete your data.").format(brand))
            self._said_of = grant.id  # until the brand answers
            self.session.deliver()
            if at_service:
                self.turn_off_aliases(brand, grant.brand_origin, at_service)
            if closable:
                self.close_aliases(brand, grant.brand_origin, closable)

        self.session.call(revoke, revoked, failed=self._failed, owner=self)

    def close_aliases(self, brand: str, origin: str, closable: list[str]) -> None:
        """Also mark the brand's aliases from the person's domain or plus-addressing closed
        (after a revoke): mail still reaches the person, and any of it is a leak from now."""
        if not self.confirm(
                self, self.tr("Close the alias"),
                self.tr("Also close {0}'s alias?").format(brand),
                self.tr("Mail to {0} still reaches you, but from now on any mail to it, even "
                        "from {1}, is shown as a leak: the brand was told to forget it. A new "
                        "share with {1} gets a new alias.").format(", ".join(closable), brand),
                self.tr("Close")):
            return

        def done(closed: list[str]) -> None:
            if closed:
                self._say(self.tr("Closed: {0}. Mail to it now means a leak or an old "
                                  "list.").format(", ".join(closed)))

        self.session.call(lambda vault: vault.aliases.close(origin), done,
                          failed=self._failed, owner=self)

    def turn_off_aliases(self, brand: str, origin: str, aliases: list[str]) -> None:
        """Also turn the brand's aliases off at the alias service (after a revoke)."""
        if not self.confirm(
                self, self.tr("Turn off the alias"),
                self.tr("Also turn off {0}'s alias at your alias service?").format(brand),
                self.tr("Mail to {0} will no longer reach you. The alias stays watched, so "
                        "mail sent to it still shows who has it.").format(", ".join(aliases)),
                self.tr("Turn off")):
            return

        def turn_off(vault: Vault) -> list[str]:
            from vault.leaks.checks import private_authority, turn_off_aliases

            return turn_off_aliases(vault.leaks, origin, private_authority())

        def done(turned_off: list[str]) -> None:
            self._say(self.tr("Turned off at your alias service: {0}.").format(
                ", ".join(turned_off)))

        self.session.call(turn_off, done, failed=self._failed, owner=self)

    def retry_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or not words.can_retry(chosen.delivery):
            return
        grant_id = chosen.grant.id

        def due(_: object) -> None:
            self._say(self.tr("Trying again now."))
            self.session.deliver()

        self.session.call(lambda vault: vault.delivery.retry_now(grant_id), due,
                          failed=self._failed, owner=self)

    def show_knows(self) -> None:
        target = self._knows_origin()
        if target is None:
            return
        dialog = KnowsDialog(self.session, target[0], target[1], self)
        dialog.finished.connect(lambda _: self._knows_closed(dialog))
        self.knows_dialog = dialog
        dialog.open()

    def _knows_closed(self, dialog: KnowsDialog) -> None:
        if self.knows_dialog is dialog:
            self.knows_dialog = None
        dialog.deleteLater()

    def show_qr(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.grant.status is not GrantStatus.ACTIVE or chosen.grant.paused:
            return
        self._open_dialog(QrDialog(self.session, chosen.grant, self))

    def open_report(self) -> None:
        self._open_dialog(ReportDialog(self.session, None, "", self))

    def _open_dialog(self, dialog: QDialog) -> None:
        """A dialog of this page, deleted when closed (kept in `dialog` meanwhile)."""
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _failed(self, error: BaseException) -> None:
        self._say(error_text(error))

    def _say(self, text: str) -> None:
        self._said_of = None
        self.message.setText(text)
        self.message.show()
        announce(self, text)  # what an action came to: revoked, resumed, or why it failed

    def _drop_stale_message(self) -> None:
        """A revocation's message holds until its brand answers (the row then says so)."""
        row = self.model.find(self._said_of) if self._said_of else -1
        chosen = self.model.grant_at(row) if row >= 0 else None
        if chosen is not None and chosen.delivery is not None and chosen.delivery.status in (
                DeliveryStatus.DELETION_CONFIRMED, DeliveryStatus.DELETION_UNCONFIRMED):
            self.message.hide()
            self._said_of = None
