"""The gift-lines table of the session editor: type-ahead delegate, keyboard view, panel.

Picking a gift must take a few keystrokes: typing part of a name ("lio",
"neb") lists the catalog's gifts that contain it, best match first and
highlighted, so Tab or Enter takes it and Esc declines it. Insert adds a line
and Delete removes the selected ones, so a whole LIVE's gifts can be typed
without the mouse.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tiklive_desktop.gui.editors.form import FieldError
from tiklive_desktop.gui.editors.gift_lines import (
    COINS,
    COUNT,
    GIFT,
    MAX_SUGGESTIONS,
    PRICE,
    GiftLinesModel,
    Index,
    rank_matches,
)
from tiklive_desktop.gui.formatting import Formatter

NAME_ROLE = Qt.ItemDataRole.UserRole
"""A suggestion's gift name (what is shown also has the price)."""


class GiftLineDelegate(QStyledItemDelegate):
    """Line editors; the gift column suggests catalog names as you type (contains, any case)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if index.column() != GIFT:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return editor
        model = index.model()
        if not isinstance(model, GiftLinesModel):
            return editor
        suggestions = QStandardItemModel(editor)
        completer = QCompleter(suggestions, editor)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # The matching and ranking are rank_matches'; the completer shows its list as it is.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCompletionRole(NAME_ROLE)
        completer.setMaxVisibleItems(MAX_SUGGESTIONS)
        completer.setWidget(editor)
        completer.activated[str].connect(editor.setText)
        editor.setProperty("completer", completer)
        fmt, catalog = model.fmt, model.catalog

        def suggest(text: str) -> None:
            suggestions.clear()
            matches = rank_matches(text, catalog)
            for name in matches:
                # The price beside the name tells Rose (1) from Rosa (10) at a glance.
                item = QStandardItem(
                    self.tr("{name} · {coins} coins").format(
                        name=name, coins=fmt.integer(catalog[name])
                    )
                )
                item.setData(name, NAME_ROLE)
                suggestions.appendRow(item)
            if not matches:
                completer.popup().hide()
                return
            completer.complete()
            # The best match is highlighted, so Enter or Tab takes it; Esc declines it.
            completer.popup().setCurrentIndex(suggestions.index(0, 0))

        editor.textEdited.connect(suggest)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.selectAll()  # typing replaces, as in a spreadsheet

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if not isinstance(editor, QLineEdit):
            return
        text = editor.text()
        completer = editor.property("completer")
        if isinstance(completer, QCompleter):
            popup = completer.popup()
            if popup.isVisible() and popup.currentIndex().isValid():
                text = str(popup.currentIndex().data(NAME_ROLE))
            popup.hide()
        model.setData(index, text, Qt.ItemDataRole.EditRole)


class GiftLinesView(QTableView):
    """The table: Insert adds a line, Delete removes the selected ones (when not typing)."""

    insert_requested = Signal()
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(GiftLineDelegate(self))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        # Tab inside an editor moves to the next cell; Tab on the table leaves it.
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        header = self.horizontalHeader()
        header.setSectionResizeMode(GIFT, QHeaderView.ResizeMode.Stretch)
        width = self.fontMetrics().horizontalAdvance("00,000,000") + 16
        for column in (COUNT, PRICE, COINS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(column, width)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if event.key() == Qt.Key.Key_Insert:
            self.insert_requested.emit()
        elif event.key() == Qt.Key.Key_Delete and not editing:
            self.remove_requested.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class GiftLinesPanel(QWidget):
    """Label, table, add/remove buttons and the message line under the table."""

    def __init__(self, fmt: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        tr = self.tr
        self.model = GiftLinesModel(fmt, self)
        self.table = GiftLinesView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Gift lines"))
        self.table.setMinimumWidth(470)
        self.label = QLabel(tr("G&ift lines (optional: what each gift brought):"))
        self.label.setBuddy(self.table)
        self.add_button = QPushButton(tr("Add gi&ft line"))
        self.add_button.setToolTip(tr("Add a gift line (Insert)."))
        self.remove_button = QPushButton(tr("&Remove line"))
        self.remove_button.setToolTip(tr("Remove the selected gift lines (Delete)."))
        self.error = FieldError()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.add_button.clicked.connect(self.add_line)
        self.remove_button.clicked.connect(self.remove_lines)
        self.table.insert_requested.connect(self.add_line)
        self.table.remove_requested.connect(self.remove_lines)

    def add_line(self) -> None:
        """Add a gift line and start typing its gift."""
        row = self.model.insert_line()
        index = self.model.index(row, GIFT)
        self.table.setFocus()
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def remove_lines(self) -> None:
        """Remove the selected lines (or the current one)."""
        rows = {index.row() for index in self.table.selectionModel().selectedIndexes()}
        current = self.table.currentIndex()
        if not rows and current.isValid():
            rows = {current.row()}
        self.model.remove_lines(rows)

    def show_message(self, message: str | None) -> None:
        """Core's messages about the lines, under the table and for screen readers."""
        self.error.show_message(message)
        self.table.setAccessibleDescription(message or "")
