"""Read-only tables of ready-made texts: one small model and the view settings they share.

``RowsModel`` formats a row only when the view asks for it (nothing is copied
into items): an import's lists can hold thousands of rows. ``compact_table`` is
the view every such list uses (the import's, the report's months).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """Read-only rows of any kind; ``cells(row)`` gives a row's texts when one is shown."""

    def __init__(
        self,
        headers: Sequence[str],
        cells: Callable[[Any], Sequence[str]],
        numeric: frozenset[int] = frozenset(),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.cells = cells
        self.numeric = numeric
        self.rows: Sequence[Any] = ()
        self.tooltips: Callable[[Any], str] | None = None

    def set_rows(self, rows: Sequence[Any], headers: Sequence[str] | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        if headers is not None:
            self.headers = list(headers)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if section in self.numeric else LEFT)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            cells = self.cells(row)
            return cells[index.column()] if index.column() < len(cells) else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.tooltips is not None:
                return self.tooltips(row)
            cells = self.cells(row)
            return cells[index.column()] if index.column() < len(cells) else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(RIGHT if index.column() in self.numeric else LEFT)
        return None


def compact_table(model: QAbstractTableModel, name: str) -> QTableView:
    """A read-only table with fixed row heights (never sized to contents: rows can be many)."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    return view
