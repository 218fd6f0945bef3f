"""My data: every field by category with the person's value, edited in place; below, the
answers to brands' own questions (ui/fields/answers.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
)

from vault.changes import Changes
from vault.profile.fields import FieldValue, HistoryEntry
from vault.vault import Vault
from zpd.fieldtypes import Category, FieldDef, JsonValue

from .. import style
from ..session import Session
from ..style import Tone
from ..widgets import gridless_rows, named, plain_label, tab_leaves
from ..widgets.page import Page
from ..words.errors import field_edit_error
from ..words.fields import category_name, field_label
from .answers import AnswersPanel
from .delegate import FieldsDelegate
from .dialogs import CustomFieldDialog, HistoryDialog, error_label
from .model import CATEGORY, FIELD, SENSITIVITY, VALUE, FieldsFilter, FieldsModel

COLUMN_PADDING = 12


class FieldsTable(QTableView):
    """Enter, Return and F2 edit the current row's value, whichever cell is current."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        editing = self.state() == QAbstractItemView.State.EditingState
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2)
        if event.key() in keys and not editing and self.currentIndex().isValid():
            self.edit_value(self.currentIndex())
            return
        super().keyPressEvent(event)

    def edit_value(self, index: QModelIndex) -> None:
        value = index.siblingAtColumn(VALUE)
        self.setCurrentIndex(value)
        self.edit(value)


def load_my_data(vault: Vault) -> tuple[list[FieldValue], dict[str, list[str]]]:
    """Every field, and which brands an active share gave each one to (by key)."""
    return vault.fields.all(), vault.grants.brands_by_field()


class MyDataPage(Page):
    kinds = Changes.FIELDS | Changes.GRANTS

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._select_key: str | None = None
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.search = named(QLineEdit(), "fieldSearch")
        self.search.setPlaceholderText(self.tr("Search fields and values (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search fields"))
        self.search.setClearButtonEnabled(True)
        top.addWidget(self.search, 1)
        self.category = named(QComboBox(), "categoryFilter")
        self.category.setAccessibleName(self.tr("Show category"))
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category.addItem(self.tr("All categories"), None)
        top.addWidget(self.category)
        self.add_button = named(QPushButton(self.tr("&Add field…")), "addCustomFieldButton")
        self.add_button.setAccessibleName(self.tr("Add a field of your own"))
        top.addWidget(self.add_button)
        layout.addLayout(top)

        # A new vault's first look: sixty fields, none set. Say where to start.
        self.welcome = plain_label(self.tr(
            "Welcome. Start with what you would like brands to know: choose a field and "
            "press Enter, or double-click its value. Nothing leaves your vault until you "
            "review a brand's request and choose what to share."), "myDataWelcome", wrap=True)
        self.welcome.hide()
        layout.addWidget(self.welcome)

        self.model = FieldsModel()
        self.proxy = FieldsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = named(FieldsTable(), "fieldsTable")
        self.table.setAccessibleName(self.tr("Your fields"))
        self.table.setModel(self.proxy)
        self.delegate = FieldsDelegate(self.table)
        self.table.setItemDelegate(self.delegate)
        gridless_rows(self.table)
        tab_leaves(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        layout.addWidget(self.table, 1)
        self.no_matches = plain_label(name="noMatches")
        self.no_matches.hide()
        layout.addWidget(self.no_matches)

        self.error = error_label("fieldError")
        layout.addWidget(self.error)

        bottom = QHBoxLayout()
        self.hint = plain_label(
            self.tr("Double-click a value, or press Enter, to change it."), "fieldHint"
        )
        self.hint.setStyleSheet(style.text_css(Tone.MUTED))
        bottom.addWidget(self.hint, 1)
        self.edit_button = named(QPushButton(self.tr("&Edit")), "editFieldButton")
        self.history_button = named(QPushButton(self.tr("&History…")), "fieldHistoryButton")
        self.clear_button = named(QPushButton(self.tr("C&lear")), "clearFieldButton")
        self.edit_button.setAccessibleName(self.tr("Edit the value"))
        self.history_button.setAccessibleName(self.tr("Show the value's history"))
        self.clear_button.setAccessibleName(self.tr("Clear the value"))
        for button in (self.edit_button, self.history_button, self.clear_button):
            bottom.addWidget(button)
        layout.addLayout(bottom)
        self.answers = AnswersPanel(session)  # answers to brands' own questions
        layout.addWidget(self.answers)

        self._add_actions()
        self.search.textChanged.connect(self._on_search)
        self.search.returnPressed.connect(self._focus_table)
        self.category.currentIndexChanged.connect(self._on_category)
        self.add_button.clicked.connect(self.add_custom_field)
        self.edit_button.clicked.connect(self.edit_current)
        self.history_button.clicked.connect(self.show_history)
        self.clear_button.clicked.connect(self.clear_current)
        self.table.doubleClicked.connect(self.table.edit_value)
        self.delegate.committed.connect(self.save)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.proxy.modelReset.connect(self._update_buttons)
        self.proxy.dataChanged.connect(self._update_buttons)
        self.proxy.layoutChanged.connect(self._update_buttons)
        self._update_buttons()

    def _add_actions(self) -> None:
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._focus_search)
        self.edit_action = QAction(self.tr("Edit"), self.table)
        self.edit_action.triggered.connect(self.edit_current)
        self.history_action = QAction(self.tr("History…"), self.table)
        self.history_action.triggered.connect(self.show_history)
        self.clear_action = QAction(self.tr("Clear"), self.table)
        self.clear_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.clear_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.clear_action.triggered.connect(self.clear_current)
        self.table.addActions([self.edit_action, self.history_action, self.clear_action])
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def title(self) -> str:
        return self.tr("My data")

    # -- loading ---------------------------------------------------------------------

    def reload(self) -> None:
        self.session.call(load_my_data, lambda loaded: self.show_fields(*loaded), owner=self)
        self.answers.reload()

    def clear(self) -> None:
        for dialog in self.findChildren(QDialog):
            dialog.close()
        self.table.setCurrentIndex(QModelIndex())
        self.show_fields([])
        self.answers.clear()
        self.search.clear()
        self.error.hide()

    def show_fields(self, rows: list[FieldValue],
                    shared_with: Mapping[str, Sequence[str]] | None = None) -> None:
        current = self.current_field()
        keep = self._select_key or (current.definition.key if current else None)
        self.model.set_fields(rows, shared_with)
        self.welcome.setVisible(bool(rows) and all(row.value is None for row in rows))
        self._fit_columns()
        self._update_categories()
        if keep is not None and self._select(keep):
            self._select_key = None
        elif not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, FIELD))  # Enter works at once
        self._update_buttons()

    def _fit_columns(self) -> None:
        """Widths from every row, not only those shown, so a search never narrows a column.
        This runs in the turn that first shows the table after an unlock, so each distinct
        text is measured once, by the font's metrics."""
        rows = self.model.rowCount()
        option = QStyleOptionViewItem()
        option.initFrom(self.table)
        option.font = self.table.font()
        header = self.table.horizontalHeader()
        for column in (CATEGORY, FIELD, SENSITIVITY):
            widest = header.sectionSizeFromContents(column).width()
            if rows:
                texts = {str(self.model.index(row, column).data()) for row in range(rows)}
                widest = max(widest, self.delegate.widest(option, self.model.index(0, column),
                                                          texts))
            self.table.setColumnWidth(column, widest + COLUMN_PADDING)

    def _update_categories(self) -> None:
        wanted = self.model.categories()
        shown = [self.category.itemData(i) for i in range(1, self.category.count())]
        if wanted == shown:
            return
        chosen = self.category.currentData()
        blocked = self.category.blockSignals(True)
        while self.category.count() > 1:
            self.category.removeItem(1)
        for category in wanted:
            self.category.addItem(category_name(category), category.value)
        self.category.setCurrentIndex(max(self.category.findData(chosen), 0))
        self.category.blockSignals(blocked)
        self.proxy.set_category(self._chosen_category())

    def _chosen_category(self) -> Category | None:
        value = self.category.currentData()
        return Category(value) if value else None

    # -- selection -------------------------------------------------------------------

    def current_field(self) -> FieldValue | None:
        index = self.proxy.mapToSource(self.table.currentIndex())
        return self.model.field_at(index.row()) if index.isValid() else None

    def _select(self, key: str) -> bool:
        row = self.model.row_of(key)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, FIELD))
        if not index.isValid():  # filtered out: show everything again
            self.search.clear()
            self.category.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(row, FIELD))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _update_buttons(self) -> None:
        field = self.current_field()
        for widget in (self.edit_button, self.history_button):
            widget.setEnabled(field is not None)
        self.edit_action.setEnabled(field is not None)
        self.history_action.setEnabled(field is not None)
        has_value = field is not None and field.value is not None
        self.clear_button.setEnabled(has_value)
        self.clear_action.setEnabled(has_value)
        searching = bool(self.search.text().strip())
        if searching and self.proxy.rowCount() == 0:
            self.no_matches.setText(
                self.tr("No field or value matches “{0}”.").format(self.search.text().strip())
            )
        self.no_matches.setVisible(searching and self.proxy.rowCount() == 0)

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_buttons()

    def _on_category(self) -> None:
        self.proxy.set_category(self._chosen_category())
        self._update_buttons()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _focus_table(self) -> None:
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, FIELD))
        self.table.setFocus()

    # -- actions ---------------------------------------------------------------------

    def edit_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.table.setFocus()
            self.table.edit_value(index)

    def save(self, key: str, value: object) -> None:
        """Set a value through the vault; on refusal say why and keep the old value."""
        self.error.hide()
        label = self._label(key)
        def saved(stored: JsonValue) -> None:
            self.session.deliver()
            self.answers.offer_linked(key, stored)  # questions that mean this field

        self.session.call(
            lambda vault: vault.fields.set(key, value),
            saved,
            failed=lambda error: self._show_error(label, error),
            owner=self,
        )

    def clear_current(self) -> None:
        field = self.current_field()
        if field is None or field.value is None:
            return
        self.error.hide()
        key, label = field.definition.key, field_label(field.definition)
        self.session.call(
            lambda vault: vault.fields.clear(key),
            lambda _cleared: self.session.deliver(),
            failed=lambda error: self._show_error(label, error),
            owner=self,
        )

    def show_history(self) -> None:
        field = self.current_field()
        if field is None:
            return
        definition = field.definition
        key = definition.key

        def show(entries: list[HistoryEntry]) -> None:
            dialog = HistoryDialog(definition, entries, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()

        self.session.call(lambda vault: vault.fields.history(key), show, owner=self,
                          failed=lambda error: self._show_error(field_label(definition), error))

    def add_custom_field(self) -> None:
        dialog = CustomFieldDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.defined.connect(self._on_defined)
        dialog.open()

    def _on_defined(self, definition: FieldDef) -> None:
        if not self._select(definition.key):
            self._select_key = definition.key  # selected when the reload brings it
        self.table.setFocus()

    def _label(self, key: str) -> str:
        row = self.model.row_of(key)
        return field_label(self.model.field_at(row).definition) if row >= 0 else key

    def _show_error(self, label: str, error: BaseException) -> None:
        text = field_edit_error(label, error)
        self.error.setText(text)
        self.error.show()

