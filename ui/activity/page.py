"""Activity: the vault's hash-chained log, newest first, with filters and a chain check."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from vault.changes import Changes
from vault.profile.audit import AuditEntry, AuditReport
from vault.vault import Vault

from .. import style
from ..icons import Glyph, icon
from ..session import Session
from ..style import Badge, Radius, Space
from ..widgets import named, plain_label, tab_leaves
from ..widgets.page import Page
from ..words import time
from ..words.activity import FILTERS, filter_name, known_actions, verify_text
from ..words.errors import error_text
from .feed import custom_labels, entry_by_seq
from .model import WHAT, WHEN, ActivityModel

COLUMN_PADDING = 24
ROW_PADDING = 10
# Explicit text on a tinted ground: readable on light and dark palettes alike.
RESULT_BOX = f"border-radius: {Radius.S}px; padding: {Space.S}px;"
GOOD_STYLE = f"QLabel {{ {style.badge_css(Badge.CHAIN_INTACT)} {RESULT_BOX} }}"
BAD_STYLE = f"QLabel {{ {style.badge_css(Badge.CHAIN_BROKEN)} {RESULT_BOX} }}"
NEUTRAL_STYLE = f"QLabel {{ padding: {Space.S}px; }}"


@dataclass(frozen=True)
class Check:
    report: AuditReport
    problems: list[str]
    bad_entry: AuditEntry | None  # the first bad entry as it reads now, when it exists
    custom_labels: dict[str, str]


def check_vault(vault: Vault) -> Check:
    """Walk the audit chain and run the database's own integrity checks (slow: off-thread)."""
    report = vault.audit.verify()
    problems = vault.integrity_problems()
    entry = None
    if report.first_bad_seq is not None:
        entry = entry_by_seq(vault, report.first_bad_seq)
    return Check(report, problems, entry, custom_labels(vault, [entry] if entry else []))


class ActivityPage(Page):
    kinds = Changes.AUDIT

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._reveal_seq: int | None = None
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        show_label = QLabel(self.tr("&Show:"))
        self.filter = named(QComboBox(), "activityFilter")
        self.filter.setAccessibleName(self.tr("Show activity of kind"))
        for name in FILTERS:
            self.filter.addItem(filter_name(name), name)
        show_label.setBuddy(self.filter)
        top.addWidget(show_label)
        top.addWidget(self.filter)
        top.addStretch(1)
        self.verify_button = named(QPushButton(self.tr("&Check the log")), "verifyChainButton")
        self.verify_button.setIcon(icon(Glyph.CHECK_LOG))
        self.verify_button.setAccessibleName(self.tr("Check the activity log"))
        self.verify_button.setToolTip(self.tr(
            "Check that no entry was changed, removed or reordered since it was written "
            "(each entry seals the one before it in a hash chain), and that the database "
            "itself is sound."
        ))
        top.addWidget(self.verify_button)
        layout.addLayout(top)

        result = QHBoxLayout()
        self.busy = named(QProgressBar(), "verifyBusy")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(8)
        self.busy.setAccessibleName(self.tr("Checking"))
        self.busy.hide()
        result.addWidget(self.busy)
        self.result = plain_label(name="verifyResult")
        self.result.setAccessibleName(self.tr("Result of the check"))
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        result.addWidget(self.result, 1)
        layout.addLayout(result)

        self.model = ActivityModel(session)
        self.table = named(QTableView(), "activityTable")
        self.table.setAccessibleName(self.tr("Activity, newest first"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        tab_leaves(self.table)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(
            QFontMetrics(self.table.font()).height() + ROW_PADDING)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.table, 1)
        self.empty = plain_label(self.tr("Nothing of this kind has happened yet."),
                                 "activityEmpty")
        self.empty.hide()
        layout.addWidget(self.empty)
        self._fit_columns()

        self.filter.currentIndexChanged.connect(self._on_filter)
        self.verify_button.clicked.connect(self.verify)
        self.table.activated.connect(self._open_entry)  # a leak's entry opens its detail
        self.model.loading.connect(self._on_loading)
        self.model.failed.connect(self._show_failure)

    def title(self) -> str:
        return self.tr("Activity")

    def _fit_columns(self) -> None:
        metrics = QFontMetrics(self.table.font())
        when = metrics.horizontalAdvance(time.moment(1_700_000_000))
        what = max(metrics.horizontalAdvance(text) for text in known_actions())
        header = self.table.horizontalHeader()
        self.table.setColumnWidth(WHEN, max(when, header.sectionSizeFromContents(WHEN).width())
                                  + COLUMN_PADDING)
        self.table.setColumnWidth(WHAT, max(what, header.sectionSizeFromContents(WHAT).width())
                                  + COLUMN_PADDING)

    # -- loading ---------------------------------------------------------------------

    def reload(self) -> None:
        """First time: read the newest page; afterwards splice in what was added."""
        if self.model.rowCount() or self.model.is_loading:
            self.model.refresh()
        else:
            self.model.show(self._prefixes())

    def clear(self) -> None:
        self._reveal_seq = None
        self.model.forget()
        self.result.hide()
        self.busy.hide()
        self.verify_button.setEnabled(True)
        self.empty.hide()

    def _open_entry(self, index: QModelIndex) -> None:
        from ..leaks.open import open_leak_detail

        open_leak_detail(self.session, self.model.entry_at(index.row()), self)

    def _prefixes(self) -> tuple[str, ...]:
        return FILTERS.get(str(self.filter.currentData()), ("",))

    def _on_filter(self) -> None:
        if self.session.is_open:
            self.model.show(self._prefixes())
            self.table.scrollToTop()

    def _on_loading(self, loading: bool) -> None:
        self.empty.setVisible(not loading and self.model.rowCount() == 0
                              and self.session.is_open)
        if loading:
            return
        if self._reveal_seq is not None:
            self._reveal()
        bottom = self.table.rowAt(self.table.viewport().height() - 1)
        at_end = bottom < 0 or bottom >= self.model.rowCount() - 1
        if at_end and self.table.isVisible() and self.model.canFetchMore(QModelIndex()):
            # Scrolled to the end while something else was loading: Qt will not ask again.
            self.model.fetchMore(QModelIndex())

    def _show_failure(self, error: BaseException) -> None:
        self._show_result(False, error_text(error))

    # -- verification ----------------------------------------------------------------

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.busy.show()
        self.result.setStyleSheet(NEUTRAL_STYLE)
        self.result.setText(self.tr("Checking every entry and the database…"))
        self.result.show()
        self.model.flag(None)
        self.session.call(check_vault, self._verified, failed=self._verify_failed, owner=self)

    def _verified(self, check: Check) -> None:
        report = check.report
        ok, text = verify_text(report, check.problems, check.bad_entry, check.custom_labels)
        self._show_result(ok, text)
        if not report.ok:
            # Read the log again as it is now, and point at the entry once it is shown.
            self.model.flag(report.first_bad_seq)
            self._reveal_seq = report.first_bad_seq
            self.model.restart()

    def _reveal(self) -> None:
        seq, self._reveal_seq = self._reveal_seq, None
        row = -1 if seq is None else self.model.row_of_seq(seq)
        if row >= 0:
            index = self.model.index(row, WHAT)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _verify_failed(self, error: BaseException) -> None:
        self._show_result(False, error_text(error))

    def _show_result(self, ok: bool, text: str) -> None:
        self.busy.hide()
        self.verify_button.setEnabled(True)
        self.result.setStyleSheet(GOOD_STYLE if ok else BAD_STYLE)
        self.result.setText(("✓ " if ok else "⚠ ") + text)
        self.result.show()

