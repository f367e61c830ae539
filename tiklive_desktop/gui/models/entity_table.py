"""A read-only table model over a short list of entities (withdrawals, income, gifts).

These lists are small (a creator records a few withdrawals a month), so the
model holds them whole and a ``QSortFilterProxyModel`` sorts them on
:data:`SORT_ROLE`; the sessions table, which can be huge, has its own lazy
SQL-backed model instead (STYLE.md principle 4).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QGuiApplication, QPalette

ENTITY_ROLE = Qt.ItemDataRole.UserRole
"""The row's entity (a frozen dataclass from core.entities)."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""A plain value (int, float, ISO text) the proxy sorts by, never the shown text."""

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: its title, how an entity is shown in it and sorted by it."""

    title: str
    display: Callable[[Any], str]
    sort_key: Callable[[Any], Any]
    numeric: bool = False
    tooltip: str = ""


class EntityTableModel(QAbstractTableModel):
    """Rows are entities, columns are :class:`Column` s; subclasses say which."""

    account_column: int | None = None
    """The column naming each row's account (shown only with all accounts), if any."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []
        self.handles: dict[int | None, str] = {}

    # -- contents ------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_handles(self, handles: dict[int | None, str]) -> None:
        """Account id -> "@handle", for the account column."""
        self.handles = handles

    def handle(self, entity: Any) -> str:
        return self.handles.get(getattr(entity, "account_id", None), "")

    def entity(self, row: int) -> Any:
        return self._rows[row]

    def entities(self) -> list[Any]:
        return list(self._rows)

    def row_of(self, entity_id: int | None) -> int | None:
        """The row showing the entity with ``entity_id``, if any (to reselect after a reload)."""
        for row, item in enumerate(self._rows):
            if item.id == entity_id:
                return row
        return None

    def muted(self, entity: Any) -> bool:
        """Rows drawn greyed out (retired gifts); none by default."""
        return False

    def row_tooltip(self, entity: Any) -> str:
        return ""

    # -- Qt model interface --------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entity = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(entity)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if column.numeric else _LEFT)
        if role == SORT_ROLE:
            return column.sort_key(entity)
        if role == ENTITY_ROLE:
            return entity
        if role == Qt.ItemDataRole.ForegroundRole and self.muted(entity):
            palette = QGuiApplication.palette()
            return QBrush(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.row_tooltip(entity) or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if column.numeric else _LEFT)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
