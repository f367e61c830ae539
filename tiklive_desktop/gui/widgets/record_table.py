"""The table view the Payouts, Income and Gifts sections share.

Small data (STYLE.md principle 4 allows a proxy here): a ``QSortFilterProxyModel``
sorts on the model's ``SORT_ROLE``. Column widths and the sort order are kept
per section in the UI settings. Double-click (or Enter) asks to edit the row,
the Delete key asks to delete the selection; the section decides what happens.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from tiklive_desktop.gui.models.entity_table import ENTITY_ROLE, SORT_ROLE, EntityTableModel
from tiklive_desktop.gui.settings import UiSettings

_DELETE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
_EDIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class RecordTable(QTableView):
    edit_requested = Signal(object)  # the entity
    delete_requested = Signal()

    def __init__(
        self,
        model: EntityTableModel,
        settings: UiSettings,
        state_key: str,
        parent: QWidget | None = None,
        default_sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.DescendingOrder),
    ) -> None:
        """``default_sort``: the column and order until the user picks one (newest first)."""
        super().__init__(parent)
        self.source = model
        self.settings = settings
        self.state_key = state_key
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setModel(self.proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        rows = self.verticalHeader()
        rows.hide()
        # Fixed, compact rows: never ResizeToContents on the vertical header (it reads every row).
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self.setSortingEnabled(True)
        self._restored = self._restore_state()
        if not self._restored:
            self.sortByColumn(*default_sort)
        header.sectionResized.connect(self._save_state)
        header.sectionMoved.connect(self._save_state)
        header.sortIndicatorChanged.connect(self._save_state)
        self.doubleClicked.connect(self._double_clicked)
        model.modelReset.connect(self._fit_columns_once)

    # -- state ---------------------------------------------------------------------------
    def _restore_state(self) -> bool:
        state = self.settings.state(self.state_key)
        return bool(state is not None and self.horizontalHeader().restoreState(state))

    def _save_state(self, *_args: Any) -> None:
        self.settings.set_state(self.state_key, self.horizontalHeader().saveState())

    def _fit_columns_once(self) -> None:
        """The first time rows arrive (and no widths were saved), fit columns to them."""
        if self._restored or self.source.rowCount() == 0:
            return
        self._restored = True
        self.resizeColumnsToContents()
        for column in range(self.source.columnCount() - 1):  # the last one stretches
            self.setColumnWidth(column, self.columnWidth(column) + 16)

    # -- selection -----------------------------------------------------------------------
    def selected_entities(self) -> list[Any]:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        return [self.proxy.index(row, 0).data(ENTITY_ROLE) for row in rows]

    def current_entity(self) -> Any:
        selected = self.selected_entities()
        return selected[0] if len(selected) == 1 else None

    def select_id(self, entity_id: int | None) -> bool:
        """Select (and scroll to) the row of the entity with ``entity_id``."""
        row = self.source.row_of(entity_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.source.index(row, 0))
        if not index.isValid():
            return False
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index)
        return True

    # -- keys ----------------------------------------------------------------------------
    def _double_clicked(self, index: QModelIndex) -> None:
        entity = index.data(ENTITY_ROLE)
        if entity is not None:
            self.edit_requested.emit(entity)

    def event(self, event: QEvent) -> bool:
        # A window-wide Delete shortcut (Edit > Delete) would take the key first;
        # claiming it here lets the table act on its own selection.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in _DELETE_KEYS
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() == Qt.KeyboardModifier.NoModifier or event.modifiers() == (
            Qt.KeyboardModifier.KeypadModifier
        ):
            if event.key() in _DELETE_KEYS:
                self.delete_requested.emit()
                return
            if event.key() in _EDIT_KEYS and (entity := self.current_entity()) is not None:
                self.edit_requested.emit(entity)
                return
        super().keyPressEvent(event)
