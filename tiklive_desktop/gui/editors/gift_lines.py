"""The gift lines of a session being edited: what was typed, as a table model.

The model keeps each line exactly as typed (a count of "abc" stays "abc") so
that core validation can name the problem and nothing typed is lost; the
session editor feeds back what core made of each line (:meth:`GiftLinesModel.
show_results`) and the model only displays it. A line whose price was not
typed follows the catalog price on the session's day, so moving the date of a
backlog entry re-prices it; a price that was typed, or that a stored session
brought with it, stays (old sessions keep their prices). The view, its
delegate (type-ahead over the catalog) and the panel around them are in
:mod:`tiklive_desktop.gui.editors.gift_lines_view`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

from tiklive_desktop.core.entities import GiftLine
from tiklive_desktop.gui.formatting import Formatter

GIFT, COUNT, PRICE, COINS = range(4)
FIELDS = {GIFT: "gift", COUNT: "count", PRICE: "coins_each"}
"""Column -> the core field name its problems are reported under."""
MAX_SUGGESTIONS = 12

Index = QModelIndex | QPersistentModelIndex


def rank_matches(text: str, names: Iterable[str], limit: int = MAX_SUGGESTIONS) -> list[str]:
    """Names containing ``text`` in any case, best first.

    An exact name, then names starting with the text, then names with a word
    starting with it, then the rest; ties keep the catalog's order (cheapest
    first). So "lio" offers Lion before "Leon and Lion", and "neb" still finds
    "Rosa Nebula" although it is not a prefix.
    """
    needle = text.strip().casefold()
    if not needle:
        return []
    ranked: list[tuple[int, int, str]] = []
    for order, name in enumerate(names):
        folded = name.casefold()
        if needle not in folded:
            continue
        if folded == needle:
            rank = 0
        elif folded.startswith(needle):
            rank = 1
        elif any(word.startswith(needle) for word in folded.split()):
            rank = 2
        else:
            rank = 3
        ranked.append((rank, order, name))
    return [name for _, _, name in sorted(ranked)[:limit]]


@dataclass
class LineDraft:
    """One row as typed; ``price`` empty means "the catalog price on the session's day"."""

    gift: str = ""
    count: str = ""
    price: str = ""
    gift_id: int | None = None

    def is_blank(self) -> bool:
        return not (self.gift.strip() or self.count.strip() or self.price.strip())

    def raw(self) -> dict[str, object]:
        """The line as ``core.validation.parse_session`` reads it."""
        raw: dict[str, object] = {"gift": self.gift, "count": self.count}
        if self.price.strip():
            raw["coins_each"] = self.price
        if self.gift_id is not None:
            raw["gift_id"] = self.gift_id
        return raw


class GiftLinesModel(QAbstractTableModel):
    """Rows of gift, count, coins each and coins; ``edited`` fires on every change by the user."""

    edited = Signal()

    def __init__(self, fmt: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fmt = fmt
        self.drafts: list[LineDraft] = []
        self.catalog: dict[str, int] = {}
        self._folded: dict[str, str] = {}
        self._results: dict[int, GiftLine] = {}
        self._problems: dict[tuple[int, int], str] = {}
        self._headers = (self.tr("Gift"), self.tr("Count"), self.tr("Coins each"), self.tr("Coins"))
        self._header_tips = (
            self.tr("Type part of the gift's name and pick it from the list."),
            self.tr("How many of this gift you received."),
            self.tr(
                "What one gift cost the viewer in coins on the session's day "
                "(grey: the catalog price; type a price to override it)."
            ),
            self.tr("Count × coins each."),
        )

    # -- contents ----------------------------------------------------------------
    def set_catalog(self, catalog: Mapping[str, int]) -> None:
        """The gifts on offer on the session's day (name -> coins), cheapest first."""
        self.catalog = dict(catalog)
        self._folded = {name.casefold(): name for name in self.catalog}
        self._changed_rows(0, len(self.drafts) - 1)

    def load(self, lines: Sequence[GiftLine]) -> None:
        """Show a stored session's lines; their prices are kept as stored."""
        self.beginResetModel()
        self.drafts = [
            LineDraft(line.gift, str(line.count), str(line.coins_each), line.gift_id)
            for line in lines
        ]
        self._results, self._problems = {}, {}
        self.endResetModel()

    def clear(self) -> None:
        self.load(())

    def insert_line(self, row: int | None = None) -> int:
        """Add an empty line at ``row`` (default: the end); returns its row."""
        at = len(self.drafts) if row is None else max(0, min(row, len(self.drafts)))
        self.beginInsertRows(QModelIndex(), at, at)
        self.drafts.insert(at, LineDraft())
        self._results, self._problems = {}, {}
        self.endInsertRows()
        self.edited.emit()
        return at

    def remove_lines(self, rows: Iterable[int]) -> None:
        """Remove the given rows (bottom first, so the others keep their numbers)."""
        doomed = sorted({r for r in rows if 0 <= r < len(self.drafts)}, reverse=True)
        for row in doomed:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.drafts[row]
            self.endRemoveRows()
        if doomed:
            self._results, self._problems = {}, {}
            self._changed_rows(0, len(self.drafts) - 1)
            self.edited.emit()

    def raw_lines(self) -> list[tuple[int, dict[str, object]]]:
        """(row, raw line) for every line with something typed; empty rows are ignored."""
        return [(row, d.raw()) for row, d in enumerate(self.drafts) if not d.is_blank()]

    def show_results(
        self, lines: Mapping[int, GiftLine], problems: Mapping[tuple[int, str], str]
    ) -> None:
        """What core made of each row: the valid lines, and problems by (row, core field)."""
        columns = {field: column for column, field in FIELDS.items()}
        self._results = dict(lines)
        self._problems = {
            (row, columns.get(field, GIFT)): message for (row, field), message in problems.items()
        }
        self._changed_rows(0, len(self.drafts) - 1)

    def auto_price(self, row: int) -> int | None:
        """The catalog price a row without a typed price uses (None: unknown gift)."""
        return self.catalog.get(self._folded.get(self.drafts[row].gift.strip().casefold(), ""))

    def _changed_rows(self, first: int, last: int) -> None:
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, COINS))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, first, last)

    # -- Qt model interface -----------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.drafts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() != COINS else flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < 4:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._header_tips[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section != GIFT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        vertical = orientation == Qt.Orientation.Vertical and 0 <= section < len(self.drafts)
        if vertical and role == Qt.ItemDataRole.DisplayRole:
            # Numbered as core numbers them in its messages: empty rows are skipped.
            if self.drafts[section].is_blank():
                return ""
            return str(sum(not d.is_blank() for d in self.drafts[: section + 1]))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.drafts):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != GIFT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if (row, column) in self._problems:
                return self._problems[(row, column)]
            if column == PRICE and not self.drafts[row].price.strip():
                return self.tr("The catalog price on the session's day.")
        if role == Qt.ItemDataRole.ForegroundRole:
            if (row, column) in self._problems:
                return QBrush(QColor(Qt.GlobalColor.red))
            if column == PRICE and not self.drafts[row].price.strip():
                role_color = QPalette.ColorRole.PlaceholderText
                return QBrush(QGuiApplication.palette().color(role_color))
        return None

    def _display(self, row: int, column: int) -> str:
        draft, result = self.drafts[row], self._results.get(row)
        if column == GIFT:
            return draft.gift
        if column == COINS:
            return self.fmt.integer(result.coins) if result else ""
        if result is not None:
            return self.fmt.integer(result.count if column == COUNT else result.coins_each)
        if column == COUNT or draft.price.strip():
            return draft.count if column == COUNT else draft.price
        return self.fmt.integer(self.auto_price(row))

    def _edit_text(self, row: int, column: int) -> str:
        draft = self.drafts[row]
        if column == GIFT:
            return draft.gift
        if column == COUNT:
            return draft.count
        if column == PRICE:
            auto = self.auto_price(row)
            return draft.price or ("" if auto is None else str(auto))
        return ""

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() == COINS:
            return False
        draft, text = self.drafts[index.row()], "" if value is None else str(value)
        if index.column() == GIFT:
            # A typed "lion" is stored under the catalog's spelling.
            name = self._folded.get(text.strip().casefold(), text.strip())
            if name == draft.gift:
                return True
            draft.gift, draft.gift_id, draft.price = name, None, ""
        elif index.column() == COUNT:
            draft.count = text
        else:
            auto = self.auto_price(index.row())
            # Confirming the catalog price leaves the line following the catalog.
            keep_auto = not draft.price and auto is not None and text.strip() == str(auto)
            draft.price = "" if keep_auto else text
        self._changed_rows(index.row(), index.row())
        self.edited.emit()
        return True
