"""What a brand knows about the person: per grant, the values it holds, why, until when, and
the brand's signed receipts as proof."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtGui import QFont, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from vault.exchange.grants import GrantStatus, Held
from vault.exchange.question_sensitivity import judge
from vault.vault import Vault
from zpd.fieldtypes import Sensitivity
from zpd.receipt import DownstreamEntry

from .. import style
from ..session import Session
from ..style import TextSize
from ..turns import StepsInTurns
from ..widgets import brand_label, named, plain_label
from ..words import exchange as words
from ..words import fields, pausing, time
from ..words.review import answer_words, question_label
from ..words.text import brand_text, tip

COLUMN_PADDING = 24  # bold grant titles are wider than the column's measured contents
Receipt = tuple[str, str, str]  # (message jti, status, receipt JWS)


@dataclass(frozen=True)
class Known:
    held: Held
    receipts: list[Receipt]
    # A revoked grant: where deletion stands in each system the brand passed the data to.
    downstream: tuple[DownstreamEntry, ...] = ()


def load_known(vault: Vault, origin: str) -> list[Known]:
    return [Known(h, vault.delivery.receipts(h.grant.id),
                  vault.delivery.downstream(h.grant.id)
                  if h.grant.status is GrantStatus.REVOKED else ())
            for h in vault.grants.held_by(origin)]


def _item(text: str, *, muted: bool = False, bold: bool = False) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setToolTip(tip(text))
    if muted:
        item.setForeground(QPalette().brush(QPalette.ColorGroup.Disabled,
                                            QPalette.ColorRole.Text))
    if bold:
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
    return item


class KnowsDialog(QDialog):
    def __init__(self, session: Session, origin: str, brand_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("knowsDialog")
        self.session = session
        self.origin = origin
        self.brand_name = brand_name
        self.setWindowTitle(self.tr("What {0} knows about you").format(brand_text(brand_name)))
        self.resize(680, 480)
        layout = QVBoxLayout(self)
        name = brand_label(brand_name, "knowsBrandName")
        font = style.sized(name.font(), TextSize.TITLE)
        font.setBold(True)
        name.setFont(font)
        layout.addWidget(name)
        layout.addWidget(brand_label(origin, "knowsOrigin"))
        self.summary = plain_label(self.tr("Loading..."), "knowsSummary")
        layout.addWidget(self.summary)
        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels([self.tr("What"), self.tr("Value")])
        self.tree = named(QTreeView(), "knowsTree")
        self.tree.setAccessibleName(self.tr("What the brand holds, per share"))
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("knowsCloseButton")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.loaded = False
        self._filling: StepsInTurns | None = None
        session.closed.connect(self.reject)  # locked: what the brand holds is not shown any more
        session.call(lambda vault: load_known(vault, origin), self.show_known, owner=self)

    def show_known(self, known: list[Known]) -> None:
        if self._filling is not None:
            self._filling.cancel()
        self.model.removeRows(0, self.model.rowCount())
        live = [k for k in known if k.held.grant.status is GrantStatus.ACTIVE]
        values = sum(len(k.held.data) for k in live)
        name = brand_text(self.brand_name)
        if len(live) == 1:
            text = self.tr("{brand} holds {values} of your values through 1 active share.")
        elif live:
            text = self.tr("{brand} holds {values} of your values through {grants} active "
                           "shares.")
        if live:
            text = text.format(brand=name, values=values, grants=len(live))
        else:
            text = self.tr("{0} holds nothing of yours now.").format(name)
        if len(known) > len(live):
            text += " " + self.tr("Ended shares are listed too: the brand was told to delete "
                                  "their data, or had to when they expired.")
        self.summary.setText(text)
        # Live grants first: that is what the brand holds now.
        ordered = live + [k for k in known if k.held.grant.status is not GrantStatus.ACTIVE]
        # A share at a time, in turns: a brand can hold thousands, and the rows of all of
        # them made in one go held the GUI thread for seconds.
        self._filling = StepsInTurns(self._fill(ordered), self)
        self._filling.finished.connect(self._filled)
        self._filling.start()

    def _fill(self, ordered: list[Known]) -> Iterator[None]:
        for entry in ordered:
            top, state = self._grant_rows(entry)
            self.model.appendRow([top, state])
            self.tree.expand(top.index())
            yield

    def done(self, result: int) -> None:
        if self._filling is not None:
            self._filling.cancel()  # closed before every share was listed
        super().done(result)

    def _filled(self) -> None:
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, self.tree.columnWidth(0) + COLUMN_PADDING)
        self.loaded = True

    def _grant_rows(self, known: Known) -> list[QStandardItem]:
        grant = known.held.grant
        ended = grant.status is not GrantStatus.ACTIVE
        top = _item(brand_text(grant.purpose_description), bold=True)
        state = _item(pausing.grant_sentence(grant), bold=True)
        data = known.held.data
        for key in [k for k in grant.fields if k in data] + [k for k in data
                                                               if k not in grant.fields]:
            question = known.held.questions.get(key)  # a brand's own: as it asked it
            label = question_label(question) if question else fields.key_label(key)
            special = (judge(question).judged is Sensitivity.SPECIAL if question
                       else fields.is_special(key))
            if special:
                label = self.tr("{0} (special category)").format(label)
            value = (answer_words(question, data[key]) if question
                     else words.show_value(data[key], key))
            top.appendRow([_item(label, muted=ended), _item(value, muted=ended)])
        purpose = _item(words.purpose_words(grant.purpose_iri))
        purpose.setToolTip(tip(words.concept_words(grant.purpose_iri)))
        top.appendRow([_item(self.tr("Purpose")), purpose])
        top.appendRow([_item(self.tr("In return")),
                       _item(words.offer_words(grant.offer_kind, grant.offer_description))])
        top.appendRow([_item(self.tr("Shared")), _item(
            self.tr("{date}, version {version}; the brand keeps it {days}").format(
                date=time.date(grant.created_at), version=grant.version,
                days=time.days(grant.retention_days)))])
        if not known.receipts:
            top.appendRow([_item(self.tr("Proof")),
                           _item(self.tr("No signed receipt from the brand yet"), muted=True)])
        for jti, status, _ in known.receipts:
            proof = _item(words.receipt_words(status))
            proof.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton))
            proof.setToolTip(tip(self.tr(
                "{words}: a receipt signed with the brand's key, for message {message}."
            ).format(words=words.receipt_words(status), message=jti)))
            top.appendRow([_item(self.tr("Proof")), proof])
        for entry in known.downstream:
            top.appendRow([_item(self.tr("Deletion in the brand's systems")),
                           _item(pausing.downstream_entry_words(entry))])
        return [top, state]
