"""The sessions table: a Qt model that pages, sorts and filters in SQL.

Years of LIVEs can be 100,000 rows, so nothing here ever holds them all. The
row count comes from ``repo.count_sessions``; rows are read one page at a time
(``repo.query_sessions(query, PAGE_SIZE, offset)``) when the view first asks
for them, and only the last few pages are kept. Because the count is known up
front, the scroll bar spans the whole history and jumping to the end reads the
last page only (``canFetchMore``-style growth would have to read every page on
the way down). Sorting changes the ``SessionQuery`` and starts over: SQLite
orders, Python never does (a ``QSortFilterProxyModel`` would need every row).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from tiklive_desktop.core.metrics import round_metric
from tiklive_desktop.core.text import glimpse
from tiklive_desktop.gui.context import Context
from tiklive_desktop.storage.overview import DisplayCurrency, display_currency
from tiklive_desktop.storage.repository import SessionQuery, SessionRow

log = logging.getLogger(__name__)

PAGE_SIZE = 200
MAX_PAGES = 16
"""Pages kept in memory (3,200 rows): enough for any screen, small for any history."""

RAW_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""The stored value behind a cell (int, Decimal, datetime, str): for tests and copying."""

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
AnyIndex = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("SessionTableModel", text)


@dataclass(frozen=True)
class Column:
    """One column: its header, the ``SessionQuery.sort`` name, how a row shows in it."""

    key: str
    header: str
    sort: str
    numeric: bool
    tip: str = ""


def _columns() -> tuple[Column, ...]:
    # Built on demand so that a translator installed after import is used.
    return (
        Column("date", _tr("Date"), "start", False),
        Column("start", _tr("Start"), "start", False, _tr("When the LIVE started (local time)")),
        Column("duration", _tr("Duration"), "duration", True),
        Column(
            "diamonds",
            _tr("Diamonds"),
            "diamonds",
            True,
            _tr(
                "Diamonds credited: the LIVE summary's figure, or the gift lines when the summary "
                "figure was not entered. At the default rates 1 Diamond is worth $0.005."
            ),
        ),
        Column(
            "money",
            _tr("Money"),
            "money",
            True,
            _tr("What the Diamonds are worth to you, after any agency or manager share"),
        ),
        Column(
            "likes",
            _tr("Likes"),
            "likes",
            True,
            _tr("Likes are not paid; they bring visibility, and visibility brings gifts"),
        ),
        Column("viewers", _tr("Viewers"), "viewers", True, _tr("Total viewers of the LIVE")),
        Column("new_followers", _tr("New followers"), "new_followers", True),
        Column("gifters", _tr("Gifters"), "gifters", True, _tr("Viewers who sent gifts")),
        Column(
            "diamonds_per_hour",
            _tr("Diamonds/h"),
            "diamonds_per_hour",
            True,
            _tr("Diamonds per hour of LIVE"),
        ),
        Column("notes", _tr("Notes"), "notes", False),
    )


class SessionTableModel(QAbstractTableModel):
    """Sessions matching ``query`` in its order, read from the repository page by page.

    ``rows_fetched`` counts every row read from the repository since the model
    was made (never reset), so a test can show how little the first screen reads.
    """

    def __init__(self, ctx: Context, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.columns = _columns()
        self._query = SessionQuery(account_id=ctx.account.account_id)
        self._count = 0
        self._pages: OrderedDict[int, list[SessionRow]] = OrderedDict()
        self.rows_fetched = 0
        self.pages_fetched = 0
        self._count = self._read_count()
        self.shown = self._read_shown()
        ctx.store.changed.connect(self._store_changed)
        ctx.account.changed.connect(self._account_changed)

    # -- the query ---------------------------------------------------------------
    @property
    def query(self) -> SessionQuery:
        return self._query

    def set_filter(
        self, start: date | None = None, end: date | None = None, text: str | None = None
    ) -> None:
        """Show sessions from ``start`` to ``end`` (inclusive days) whose title, notes or
        tags contain ``text``; None means no limit."""
        text = (text or "").strip() or None
        self._set_query(replace(self._query, start=start, end=end, text=text))

    def set_account(self, account_id: int | None) -> None:
        self._set_query(replace(self._query, account_id=account_id))

    def _set_query(self, query: SessionQuery) -> None:
        if query != self._query:
            self.refresh(query)

    def refresh(self, query: SessionQuery | None = None) -> None:
        """Forget every page and count again (after a write, or for a new filter or order).

        The new query takes effect only after ``modelAboutToBeReset``, so that
        listeners can still read the rows they had (to keep the selection).
        """
        self.beginResetModel()
        if query is not None:
            self._query = query
        self._pages.clear()
        self._count = self._read_count()
        self.shown = self._read_shown()
        self.endResetModel()

    def _read_count(self) -> int:
        return self.ctx.store.repo.count_sessions(self._query)

    def _read_shown(self) -> DisplayCurrency:
        """Money is shown in the account's currency at the latest rate entered for it."""
        return display_currency(self.ctx.store.repo, self._query.account_id, date.today())

    def _store_changed(self, table: str) -> None:
        # Rate changes recompute sessions and announce "sessions" too.
        if table in ("sessions", "accounts", "exchange_rates"):
            self.refresh()

    def _account_changed(self, account_id: int | None) -> None:
        self.set_account(account_id)

    # -- rows --------------------------------------------------------------------
    def row_at(self, row: int) -> SessionRow | None:
        """The session shown on ``row`` (its page is read now if it is not in memory)."""
        if not 0 <= row < self._count:
            return None
        offset = row - row % PAGE_SIZE
        page = self._pages.get(offset)
        if page is None:
            page = self._fetch(offset)
        else:
            self._pages.move_to_end(offset)
        position = row - offset
        return page[position] if position < len(page) else None

    def session_id(self, row: int) -> int | None:
        found = self.row_at(row)
        return found.id if found else None

    def find_rows(self, session_ids: Iterable[int], near: Iterable[int] = ()) -> dict[int, int]:
        """Rows showing ``session_ids``, looked up in the pages in memory plus the pages
        of the ``near`` rows (read if needed). Ids not there are left out: finding
        them anywhere could mean reading every page."""
        for row in near:
            if 0 <= row < self._count:
                self.row_at(row)
        wanted = set(session_ids)
        found: dict[int, int] = {}
        for offset, page in self._pages.items():
            for position, row in enumerate(page):
                if row.id in wanted:
                    found[row.id] = offset + position
        return found

    def _fetch(self, offset: int) -> list[SessionRow]:
        repo = self.ctx.store.repo
        if offset * 2 > self._count:
            # Pages in the second half are read backwards from the end: OFFSET costs
            # SQLite a step per skipped row, so jumping to the end of a million rows
            # would otherwise walk all of them.
            size = min(PAGE_SIZE, self._count - offset)
            page = repo.query_sessions_from_end(self._query, size, self._count - offset - size)
        else:
            page = repo.query_sessions(self._query, PAGE_SIZE, offset)
        self.rows_fetched += len(page)
        self.pages_fetched += 1
        log.debug("read %d sessions at offset %d", len(page), offset)
        self._pages[offset] = page
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    # -- QAbstractTableModel -------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, RAW_ROLE):
            return None
        found = self.row_at(index.row())
        if found is None:
            return None
        if role == RAW_ROLE:
            return _RAW[column.key](found)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(column, found)
        return self._text(column, found)

    def _text(self, column: Column, row: SessionRow) -> str:
        fmt = self.ctx.fmt
        key = column.key
        if key == "date":
            return fmt.day(row.start.date())
        if key == "start":
            return fmt.time(row.start)
        if key == "duration":
            return fmt.duration(row.duration_s)
        if key == "money":
            return fmt.shown_money(row.net_usd, self.shown)
        if key == "diamonds_per_hour":
            return fmt.decimal(round_metric(row.diamonds_per_hour, 0), 0)
        if key == "notes":
            return row.notes.splitlines()[0] if row.notes else ""
        return fmt.integer(_RAW[key](row))

    def _tooltip(self, column: Column, row: SessionRow) -> str | None:
        if column.key in ("date", "start", "notes"):
            parts = [row.title, glimpse(row.notes), ", ".join(row.tags)]  # notes may be 100k chars
            return "\n".join(part for part in parts if part) or None
        if column.key == "diamonds" and row.reported_diamonds is None and row.gift_coins:
            return _tr("From the gift lines (no summary figure entered)")
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return super().headerData(section, orientation, role)
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by ``column`` in SQL; the view's header calls this when clicked."""
        if not 0 <= column < len(self.columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self._set_query(replace(self._query, sort=self.columns[column].sort, descending=descending))


_RAW: dict[str, Callable[[SessionRow], Any]] = {
    "date": lambda r: r.start.date(),
    "start": lambda r: r.start,
    "duration": lambda r: r.duration_s,
    "diamonds": lambda r: r.diamonds,
    "money": lambda r: r.net_usd,
    "likes": lambda r: r.likes,
    "viewers": lambda r: r.total_viewers,
    "new_followers": lambda r: r.new_followers,
    "gifters": lambda r: r.gifters,
    "diamonds_per_hour": lambda r: r.diamonds_per_hour,
    "notes": lambda r: r.notes,
}
