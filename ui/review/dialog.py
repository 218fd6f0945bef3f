"""The share review, the heart of the app: what a brand asks, why, for how long, for what.

Nothing is shared until the person clicks Share. The dialog reads the request
and the person's values through the session (off the GUI thread), shows a busy
state meanwhile, and on Share calls `vault.grants.share` with exactly the ticked fields
and the chosen number of days. Accepted means shared; `share_result` holds the share.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from vault import errors
from vault.exchange.grants import ShareResult
from vault.transparency import balance
from vault.vault import Vault

from .. import turns
from ..session import Session
from ..style import Space, TextSize
from ..widgets import named, plain_label
from ..widgets.balance_view import BalanceView
from ..widgets.wrap import WrapLabel, scaled
from ..words import review as say
from ..words import time as time_words
from ..words.errors import error_text
from ..words.fields import label_text
from ..words.text import in_sentence
from .data import Review, load_review, share_work
from .parts import (
    DaysSpin,
    FieldRow,
    banner,
    card,
    heading,
    review_style,
    set_tone,
)
from .questions import QuestionRow, first_focus
from .sections import add_brand, add_fields, add_purpose, shown_label

CONTENT_WIDTH = 760


class ShareReviewDialog(QDialog):
    def __init__(
        self, session: Session, origin: str, ask_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.origin = origin
        self.ask_id = ask_id
        self.share_result: ShareResult | None = None
        self._review: Review | None = None
        self._rows: list[FieldRow | QuestionRow] = []
        self._gives: dict[str, WrapLabel] = {}
        self._sharing = False
        self.balance_view: BalanceView | None = None
        self.setObjectName("shareReviewDialog")
        self.setWindowTitle(self.tr("Review what you share"))
        self.setAccessibleName(self.tr("Share review"))
        self.setStyleSheet(review_style())
        self.setMinimumSize(620, 520)
        self.resize(900, 700)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.stack = named(QStackedWidget(), "reviewStack")
        self.stack.addWidget(self._build_loading())
        self.scroll_area = named(QScrollArea(), "reviewScroll")
        self.scroll_area.setAccessibleName(self.tr("The share under review"))
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack.addWidget(self.scroll_area)
        outer.addWidget(self.stack, 1)
        outer.addWidget(self._build_footer())
        # Once inside the dialog (so the dialog keeps it as its default): Enter never shares.
        self.cancel_button.setDefault(True)

        session.closed.connect(self.reject)  # locked: show nothing more of the vault
        self._load()

    # -- building --------------------------------------------------------------------

    def _build_loading(self) -> QWidget:
        page = named(QWidget(), "loadingPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(Space.XXL, Space.XXL, Space.XXL, Space.XXL)
        layout.addStretch(1)
        self.loading_label = plain_label(self.tr("Reading the request and your data…"),
                                         "loadingLabel")
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.loading_label)
        self.busy = named(QProgressBar(), "busyIndicator")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.setAccessibleName(self.tr("Loading"))
        layout.addWidget(self.busy)
        self.load_error = WrapLabel(name="loadError")
        self.load_error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.load_error.hide()
        layout.addWidget(self.load_error)
        layout.addStretch(2)
        return page

    def _build_footer(self) -> QWidget:
        footer = named(QFrame(), "reviewFooter")
        footer.setFrameShape(QFrame.Shape.StyledPanel)
        footer.setStyleSheet(
            "QFrame#reviewFooter { border: none; border-top: 1px solid palette(midlight); }"
        )
        layout = QVBoxLayout(footer)
        layout.setContentsMargins(Space.XL, Space.M, Space.XL, Space.L)
        layout.setSpacing(Space.S)
        self.blocked = banner("shareBlockedReason", "warn")
        self.blocked.hide()
        layout.addWidget(self.blocked)
        self.error = WrapLabel(name="shareError")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.setSpacing(Space.M)
        self.nothing_until = plain_label(
            self.tr("Nothing leaves your vault until you click Share."), "nothingUntilShare"
        )
        self.nothing_until.setProperty("role", "muted")
        buttons.addWidget(self.nothing_until, 1)
        self.cancel_button = named(QPushButton(self.tr("Don't share")), "cancelButton")
        self.cancel_button.setAccessibleName(self.tr("Don't share"))
        self.cancel_button.clicked.connect(self.reject)
        self.share_button = named(QPushButton(self.tr("Share")), "shareButton")
        self.share_button.setAccessibleName(self.tr("Share the ticked fields"))
        self.share_button.setEnabled(False)
        self.share_button.clicked.connect(self._share)
        for button in (self.cancel_button, self.share_button):
            button.setMinimumHeight(34)
            button.setMinimumWidth(120)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        return footer

    def _build_body(self, review: Review) -> QWidget:
        body = named(QWidget(), "reviewBody")
        centre = QHBoxLayout(body)
        centre.setContentsMargins(0, 0, 0, 0)
        column = named(QWidget(), "reviewColumn")
        # A readable measure: about 45 lines' height wide, wider as the text is larger.
        column.setMaximumWidth(max(CONTENT_WIDTH, 45 * column.fontMetrics().height()))
        centre.addStretch(1)
        centre.addWidget(column, 100)
        centre.addStretch(1)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(Space.XL, Space.XL, Space.XL, Space.XL)
        layout.setSpacing(Space.M)
        add_brand(layout, review)
        self._add_balance(layout, review)  # the verdict and its warnings lead
        add_purpose(layout, review)
        self._add_fields(layout, review)
        self._add_duration(layout, review)
        self._add_exchange(layout, review)
        layout.addStretch(1)
        return body

    def _add_fields(self, layout: QVBoxLayout, review: Review) -> None:
        self._rows = add_fields(layout, review)
        for row in self._rows:
            row.toggled.connect(self._update)

    def _add_duration(self, layout: QVBoxLayout, review: Review) -> None:
        ask = review.ask
        layout.addSpacing(Space.S)
        layout.addWidget(heading(self.tr("For how long"), "durationHeading"))
        retention = WrapLabel(self.tr("{brand} says it keeps what you share for at most {days}.")
                              .format(brand=in_sentence(review.brand.name),
                                      days=time_words.days(ask.retention_days, about=True)),
                              "retentionLabel")
        layout.addWidget(retention)
        line = QHBoxLayout()
        line.setSpacing(Space.S)
        share_for = plain_label(self.tr("Share for"), "durationCaption", wrap=False)
        line.addWidget(share_for)
        self.duration = named(DaysSpin(), "durationSpin")
        self.duration.setRange(1, ask.duration_days)
        self.duration.setValue(ask.duration_days)
        self.duration.setAccessibleName(self.tr("Days to share for"))
        self.duration.setMinimumWidth(110)
        self.duration.valueChanged.connect(self._update)
        share_for.setBuddy(self.duration)
        line.addWidget(self.duration)
        self.end_label = WrapLabel(name="durationEndLabel")
        line.addWidget(self.end_label, 1, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(line)
        note = WrapLabel(self.tr(
            "{brand} asks for {days}: you can shorten it, not extend it. You can stop sharing "
            "earlier at any time, from Shared."
        ).format(brand=in_sentence(review.brand.name),
                 days=time_words.days(ask.duration_days, about=True)),
            "durationHint")
        note.setProperty("role", "muted")
        layout.addWidget(note)

    def _add_exchange(self, layout: QVBoxLayout, review: Review) -> None:
        layout.addSpacing(Space.S)
        layout.addWidget(heading(self.tr("The exchange"), "exchangeHeading"))
        sides = QHBoxLayout()
        sides.setSpacing(Space.M)
        gives_card, gives = card(self.tr("You give"), "givesCard")
        self.gives_list = named(QWidget(), "givesList")
        self.gives_list.setAccessibleName(self.tr("What you give"))
        self.gives_layout = QVBoxLayout(self.gives_list)
        self.gives_layout.setContentsMargins(0, 0, 0, 0)
        self.gives_layout.setSpacing(Space.XS)
        self._gives_nothing = WrapLabel(self.tr("Nothing ticked yet"), "givesNothing")
        self._gives_nothing.setProperty("role", "muted")
        self.gives_layout.addWidget(self._gives_nothing)
        for row in self._rows:
            alias = review.aliases.get(row.field.key)
            if alias:
                words = self.tr("• {field}: {alias} (your alias for this brand)").format(
                    field=label_text(row.field.label), alias=alias)
            else:
                words = self._gives_words(row)
            self._gives[row.field.key] = WrapLabel(words, f"gives_{row.field.key}")
            self.gives_layout.addWidget(self._gives[row.field.key])
        gives.addWidget(self.gives_list)
        self.gives_until = WrapLabel(name="givesUntil")
        self.gives_until.setProperty("role", "muted")
        gives.addWidget(self.gives_until)
        gives.addStretch(1)
        offer_card, offer = card(self.tr("They offer"), "offerCard")
        what = review.ask.offer
        offer_label = WrapLabel(say.offer_words(what.kind, what.description), "offerLabel")
        scaled(offer_label, TextSize.LEAD)
        offer.addWidget(offer_label)
        offer.addStretch(1)
        sides.addWidget(gives_card, 1)
        sides.addWidget(offer_card, 1)
        layout.addLayout(sides)

    def _add_balance(self, layout: QVBoxLayout, review: Review) -> None:
        if review.balance is not None:
            layout.addSpacing(Space.XS)
            caption = plain_label(self.tr("The balance of this request"), "balanceCaption")
            layout.addWidget(scaled(caption, TextSize.BODY, bold=True))
            self.balance_view = BalanceView()  # filled by _update, as ticks change
            layout.addWidget(self.balance_view)

    def _gives_words(self, row: FieldRow | QuestionRow) -> str:
        value = (row.gives_text() if isinstance(row, QuestionRow)
                 else say.value_words(row.field.value, row.field.key))
        words = self.tr("• {field}: {value}").format(field=shown_label(row.field), value=value)
        if row.field.special:
            words += self.tr(" (special category)")
        return words

    # -- loading -----------------------------------------------------------------------

    def _load(self) -> None:
        if not self.session.is_open:
            self._load_failed(errors.VaultLocked())
            return
        origin, ask_id = self.origin, self.ask_id
        self.session.call(lambda vault: load_review(vault, origin, ask_id), self._loaded,
                          failed=self._load_failed, owner=self)

    def _load_failed(self, error: BaseException) -> None:
        self.busy.hide()
        self.loading_label.hide()
        self.load_error.setText(error_text(error))
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setAccessibleName(self.tr("Close"))
        self.nothing_until.hide()
        self.load_error.show()

    def _loaded(self, review: Review) -> None:
        self._review = review
        self.setWindowTitle(
            self.tr("Share with {brand}?").format(brand=in_sentence(review.brand.name))
        )
        body = self._build_body(review)
        # Shown in a later turn: built, laid out and painted in one, it held the GUI thread.
        turns.later(self, lambda: self._show_body(body))

    def _show_body(self, body: QWidget) -> None:
        self.scroll_area.setWidget(body)
        self.stack.setCurrentWidget(self.scroll_area)
        self._update()
        first = next((focus for r in self._rows if (focus := first_focus(r))), self.duration)
        first.setFocus()

    # -- state -------------------------------------------------------------------------

    def ticked(self) -> list[str]:
        """The keys of the ticked fields, in the ask's order."""
        return [r.field.key for r in self._rows if r.ticked]

    def _update(self) -> None:
        review = self._review
        if review is None:
            return
        days = self.duration.value()
        self.duration.setSuffix(self.tr(" day") if days == 1 else self.tr(" days"))
        end = QLocale().toString(QDate.currentDate().addDays(days),
                                 QLocale.FormatType.LongFormat)
        self.end_label.setText(self.tr("until {date}").format(date=end))
        self._fill_gives()
        if self.balance_view is not None:  # exactly what Share would send
            self.balance_view.set_balance(
                balance.for_share(review.ask, self.ticked()),
                labels={r.field.key: shown_label(r.field) for r in self._rows
                        if isinstance(r, QuestionRow)})
        self.gives_until.setText(self.tr("for {days}, until {date}").format(
            days=time_words.days(days, about=True), date=end))
        blocker = review.blocker(self.ticked(), int(time.time()), self._answered())
        if blocker is None:
            self.blocked.hide()
        else:
            self.blocked.setText(say.refusal(*blocker, review))
            set_tone(self.blocked, "warn")
            self.blocked.show()
        self.share_button.setEnabled(blocker is None and not self._sharing)

    def _fill_gives(self) -> None:
        """One line per ticked field, shown or hidden as the ticks change."""
        for row in self._rows:
            if isinstance(row, QuestionRow) and row.ticked:
                self._gives[row.field.key].setText(self._gives_words(row))
            self._gives[row.field.key].setVisible(row.ticked)
        self._gives_nothing.setVisible(not any(r.ticked for r in self._rows))

    def _answered(self) -> frozenset[str]:
        return frozenset(r.field.key for r in self._rows
                         if isinstance(r, QuestionRow) and r.answer is not None)

    # -- sharing -----------------------------------------------------------------------

    def _set_sharing(self, sharing: bool) -> None:
        self._sharing = sharing
        for row in self._rows:
            row.set_locked(sharing)
        self.duration.setEnabled(not sharing)
        self.cancel_button.setEnabled(not sharing)
        self.share_button.setText(self.tr("Sharing…") if sharing else self.tr("Share"))
        self._update()

    def _share(self) -> None:
        review = self._review
        if review is None or self._sharing or review.blocker(
                self.ticked(), int(time.time()), self._answered()):
            return
        if not self.session.is_open:
            self._share_failed(errors.VaultLocked())
            return
        origin, ask_id = review.origin, review.ask.id
        fields, days = self.ticked(), self.duration.value()
        answers = {r.field.key: r.answer_to_save for r in self._rows
                   if isinstance(r, QuestionRow) and r.answer_to_save is not None}

        share_in_vault = share_work(origin, ask_id, fields, days)  # with a service's alias

        def share(vault: Vault) -> ShareResult:
            for key, answer in answers.items():  # kept in the vault, then shared
                vault.answers.set(origin, key, answer)
            return share_in_vault(vault)

        self.error.hide()
        self._set_sharing(True)
        self.session.call(
            share,
            self._shared,
            failed=self._share_failed,
            owner=self,
        )

    def reject(self) -> None:
        """Don't share, or close; refused while a share is being written (its outcome decides
        what the dialog returns), unless the vault locked meanwhile."""
        if self._sharing and self.session.is_open:
            return
        super().reject()

    def _shared(self, result: ShareResult) -> None:
        self.share_result = result
        self._sharing = False
        self.session.deliver()
        self.accept()

    def _share_failed(self, error: BaseException) -> None:
        self.error.setText(say.nothing_shared(error_text(error, self._review)))
        self.error.show()
        self._set_sharing(False)
