"""Settings, leak canaries: give each brand its own email alias, and which alias went to whom.

The switch and the list are read and written through the session (off the GUI
thread); the page calls `reload` when grants or brands change, since a share is
what makes a new alias.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHeaderView,
    QVBoxLayout,
)

from vault.exchange.aliases import Alias
from vault.vault import Vault

from ..session import Session
from ..widgets import named, plain_label, record_table
from ..widgets.row_model import RowsModel
from ..words import time
from ..words.errors import error_text
from ..words.text import brand_text, tip

Role = Qt.ItemDataRole
VISIBLE_ROWS = 3  # more scroll inside the table


class AliasesModel(RowsModel):
    BRAND, ALIAS, SINCE = range(3)

    def headers(self) -> list[str]:
        return [self.tr("Brand"), self.tr("Alias"), self.tr("Since")]

    def key(self, row: Any) -> Hashable:
        return str(row.alias)

    def cell(self, row: Any, column: int, role: int) -> object:
        assert isinstance(row, Alias)
        if role not in (Role.DisplayRole, Role.ToolTipRole):
            return None
        if column == self.BRAND:
            text = brand_text(row.brand_name)
            if role == Role.ToolTipRole:
                return tip(f"{text}\n{brand_text(row.brand_origin)}")
            return text
        text = row.alias if column == self.ALIAS else time.date(row.first_given_at)
        return tip(text) if role == Role.ToolTipRole else text


def load_aliases(vault: Vault) -> tuple[bool, list[Alias]]:
    return vault.aliases.enabled(), vault.aliases.all()


class AliasesSection(QGroupBox):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.setTitle(self.tr("Leak alerts"))
        self.setObjectName("aliasesSection")
        self.session = session
        column = QVBoxLayout(self)
        self.check = named(QCheckBox(self.tr("Give each brand its own &email alias")),
                           "emailAliasesCheck")
        self.check.setAccessibleName(self.tr("Give each brand its own email alias"))
        self.check.toggled.connect(self._toggled)
        column.addWidget(self.check)
        column.addWidget(plain_label(self.tr(
            "A brand then gets your address with its own tag, like alex+brand-x7k2@example.org "
            "(mail to it still reaches you). If mail to that alias comes from anyone else, you "
            "know which brand passed your address on."), "aliasesExplanation"))
        self.model = AliasesModel()
        self.table = record_table(
            "aliasesTable", self.tr("Which alias went to which brand"), self.model
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AliasesModel.ALIAS, QHeaderView.ResizeMode.Stretch)
        rows = self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(header.sizeHint().height() + rows * VISIBLE_ROWS + 4)
        column.addWidget(self.table)
        self.empty = plain_label("", "aliasesEmpty")
        column.addWidget(self.empty)
        self.message = plain_label("", "aliasesMessage")
        self.message.hide()
        column.addWidget(self.message)
        self.loaded = False
        self.clear()

    def clear(self) -> None:
        self.loaded = False
        self.check.blockSignals(True)
        self.check.setChecked(False)
        self.check.blockSignals(False)
        self.check.setEnabled(False)
        self.model.set_rows([])
        self.empty.setText("")
        self.message.hide()

    def reload(self) -> None:
        self.session.call(load_aliases, self.show_aliases, owner=self)

    def show_aliases(self, loaded: tuple[bool, list[Alias]]) -> None:
        enabled, given = loaded
        self.check.blockSignals(True)
        self.check.setChecked(enabled)
        self.check.blockSignals(False)
        self.check.setEnabled(True)
        self.model.set_rows(given)
        self.table.setVisible(bool(given))
        if given:
            self.empty.setText("")
        elif enabled:
            self.empty.setText(self.tr("No alias given yet: the next share of your email "
                                       "address makes the brand's alias."))
        else:
            self.empty.setText(self.tr("No alias given: brands that asked got your address."))
        self.empty.setVisible(not given)
        self.loaded = True

    def _toggled(self, enabled: bool) -> None:
        focused = self.check.hasFocus()
        self.check.setEnabled(False)  # one change at a time
        self.message.hide()

        def settled() -> None:
            self.check.setEnabled(True)
            if focused:
                self.check.setFocus()

        def done(_: object) -> None:
            settled()
            self.message.setText(
                self.tr("From now on each brand gets its own alias, in new shares and in the "
                        "next version of existing ones.") if enabled else
                self.tr("From now on brands get your real address, in new shares and in the "
                        "next version of existing ones."))
            self.message.show()  # the page reloads from what changed

        def failed(error: BaseException) -> None:
            self.check.blockSignals(True)
            self.check.setChecked(not enabled)
            self.check.blockSignals(False)
            settled()
            self.message.setText(error_text(error))
            self.message.show()

        self.session.call(lambda vault: vault.aliases.set_enabled(enabled), done,
                          failed=failed, owner=self)
