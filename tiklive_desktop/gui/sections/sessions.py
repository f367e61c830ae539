"""The Sessions section: filter bar, the lazily loaded table, totals, and the detail pane.

Wiring only. The table model reads pages from the repository; totals come from
``repo.session_totals`` for the same filter; the detail pane asks core for its
figures; deleting goes through an undoable command.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import QDate, QItemSelection, QItemSelectionModel, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tiklive_desktop.gui import commands
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.models.sessions_model import SessionTableModel
from tiklive_desktop.gui.widgets.empty_state import EmptyState
from tiklive_desktop.gui.widgets.session_detail import SessionDetail
from tiklive_desktop.storage.repository import SessionQuery

log = logging.getLogger(__name__)

HEADER_KEY = "sessions/header"
SPLITTER_KEY = "sessions/splitter"
ANY_DAY = QDate(2000, 1, 1)
"""The date edits' minimum, shown as "any": no limit on that side."""
SEARCH_DELAY_MS = 250
KEEP_AT_MOST = 1000
"""Selected rows looked for again after a refresh; beyond that, only the current one."""

PERIODS = ("all", "this_month", "last_month", "this_year", "custom")


def period_bounds(period: str, today: date) -> tuple[date | None, date | None]:
    """First and last day (inclusive) of a named period; None = open."""
    first_of_month = today.replace(day=1)
    next_month = (first_of_month + timedelta(days=32)).replace(day=1)
    if period == "this_month":
        return first_of_month, next_month - timedelta(days=1)
    if period == "last_month":
        last = first_of_month - timedelta(days=1)
        return last.replace(day=1), last
    if period == "this_year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    return None, None


class SessionsView(QTableView):
    """The table; Enter opens the current session like a double-click does."""

    open_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class SessionsSection(QWidget):
    """Every LIVE, newest first. The window connects the signals to its editor and actions."""

    edit_requested = Signal(int)
    new_requested = Signal()
    selection_changed = Signal()

    def __init__(
        self, ctx: Context, parent: QWidget | None = None, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self._kept: tuple[list[int], int | None, list[int]] = ([], None, [])
        tr = self.tr
        self.model = SessionTableModel(ctx, self)

        # -- filter bar -----------------------------------------------------------------
        self.period = QComboBox()
        self.period.setAccessibleName(tr("Period"))
        for key, label in zip(
            PERIODS,
            (tr("All time"), tr("This month"), tr("Last month"), tr("This year"), tr("Custom")),
            strict=True,
        ):
            self.period.addItem(label, key)
        self.date_from = self._date_edit(tr("From"), tr("First day shown (any: no limit)"))
        self.date_to = self._date_edit(tr("To"), tr("Last day shown, inclusive (any: no limit)"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search title, notes, tags"))
        self.search.setAccessibleName(tr("Search"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.new_button = QPushButton(tr("New session…"))
        self.new_button.setToolTip(tr("Record a LIVE from its summary (Ctrl+N)"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Period:")))
        bar.addWidget(self.period)
        bar.addSpacing(8)
        bar.addWidget(QLabel(tr("From:")))
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(tr("To:")))
        bar.addWidget(self.date_to)
        bar.addSpacing(8)
        bar.addWidget(self.search, 1)
        bar.addSpacing(8)
        bar.addWidget(self.new_button)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        # -- table, totals, detail ----------------------------------------------------------
        self.view = SessionsView()
        self.view.setAccessibleName(tr("Sessions"))
        self.view.setModel(self.model)
        self._setup_view()
        self.totals = QLabel()
        self.totals.setAccessibleName(tr("Totals for the sessions shown"))
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = SessionDetail(ctx)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.view, 1)
        top_layout.addWidget(self.totals)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([420, 260])
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(bar)
        content_layout.addWidget(self.splitter, 1)

        self.empty = EmptyState(
            tr("Your LIVE history starts here"),
            tr("No sessions yet — press Ctrl+N or New session to record your first LIVE"),
            tr("New session…"),
            self.new_requested.emit,
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

        self._restore_state()
        self._wire()
        self._refresh_summary()

    # -- construction -----------------------------------------------------------------
    def _date_edit(self, name: str, tip: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setMinimumDate(ANY_DAY)
        edit.setSpecialValueText(self.tr("any"))
        edit.setDate(ANY_DAY)
        edit.setAccessibleName(name)
        edit.setToolTip(tip)
        return edit

    def _setup_view(self) -> None:
        view = self.view
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        vertical = view.verticalHeader()
        vertical.hide()
        # Fixed row heights: the view never measures rows, so it never reads them all.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(view.fontMetrics().height() + 10)
        header = view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        metrics = view.fontMetrics()
        fmt = self.ctx.fmt
        samples = {
            "date": fmt.day(date(2026, 12, 28)) + "000",
            "start": fmt.time(datetime(2026, 12, 28, 22, 59)),
            "duration": fmt.duration(4 * 3600 + 59 * 60),
            "diamonds": fmt.integer(9_999_999),
            "money": fmt.money(Decimal("99999.99")),
            "likes": fmt.integer(99_999_999),
            "viewers": fmt.integer(999_999),
            "new_followers": fmt.integer(999_999),
            "gifters": fmt.integer(99_999),
            "diamonds_per_hour": fmt.integer(999_999),
        }
        for number, column in enumerate(self.model.columns):
            sample = samples.get(column.key, "")
            text_width = max(
                metrics.horizontalAdvance(sample), metrics.horizontalAdvance(column.header)
            )
            header.resizeSection(number, text_width + 28)  # padding and the sort arrow
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # newest first

    def _restore_state(self) -> None:
        header_state = self.ctx.settings.state(HEADER_KEY)
        if header_state is not None:
            self.view.horizontalHeader().restoreState(header_state)
        splitter_state = self.ctx.settings.state(SPLITTER_KEY)
        if splitter_state is not None:
            self.splitter.restoreState(splitter_state)
        # After the restore, so that the saved sort order is the one applied.
        self.view.setSortingEnabled(True)

    def _wire(self) -> None:
        header = self.view.horizontalHeader()
        for signal in (header.sectionResized, header.sectionMoved, header.sortIndicatorChanged):
            signal.connect(self._save_header)
        self.splitter.splitterMoved.connect(self._save_splitter)
        self.period.activated.connect(self._period_chosen)
        self.date_from.dateChanged.connect(self._dates_edited)
        self.date_to.dateChanged.connect(self._dates_edited)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filter)
        self._search_timer.timeout.connect(self.apply_filter)
        self.new_button.clicked.connect(self.new_requested.emit)
        self.view.doubleClicked.connect(self._open_current)
        self.view.open_requested.connect(self._open_current)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.model.modelAboutToBeReset.connect(self._keep_selection)
        self.model.modelReset.connect(self._after_reset)

    def _save_header(self, *_args: object) -> None:
        self.ctx.settings.set_state(HEADER_KEY, self.view.horizontalHeader().saveState())

    def _save_splitter(self, *_args: object) -> None:
        self.ctx.settings.set_state(SPLITTER_KEY, self.splitter.saveState())

    # -- filter -----------------------------------------------------------------------
    def _period_chosen(self, _index: int = 0) -> None:
        key = self.period.currentData()
        if key != "custom":
            start, end = period_bounds(key, self.today())
            self._set_dates(start, end)
        self.apply_filter()

    def _dates_edited(self, *_args: object) -> None:
        self._select_period("custom")
        self.apply_filter()

    def _select_period(self, key: str) -> None:
        self.period.setCurrentIndex(self.period.findData(key))

    def _set_dates(self, start: date | None, end: date | None) -> None:
        for edit, day in ((self.date_from, start), (self.date_to, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day) if day else ANY_DAY)
            edit.blockSignals(False)

    @staticmethod
    def _day(edit: QDateEdit) -> date | None:
        qdate = edit.date()
        return None if qdate <= ANY_DAY else date(qdate.year(), qdate.month(), qdate.day())

    def apply_filter(self) -> None:
        """Show the sessions the filter bar describes (the search waits for a pause in typing)."""
        self._search_timer.stop()
        self.model.set_filter(
            self._day(self.date_from), self._day(self.date_to), self.search.text()
        )

    def show_period(self, start: date, end: date) -> None:
        """Show every session from ``start`` to ``end`` (inclusive), e.g. from the dashboard."""
        self._set_dates(start, end)
        matching = [
            key for key in PERIODS[1:-1] if period_bounds(key, self.today()) == (start, end)
        ]
        self._select_period(matching[0] if matching else "custom")
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filter()

    # -- selection ---------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.view.selectionModel().selectedRows())

    def selected_ids(self) -> list[int]:
        """The selected sessions' ids, in table order."""
        ids = (self.model.session_id(row) for row in self.selected_rows())
        return [i for i in ids if i is not None]

    def select_rows(self, rows: list[int], current: int | None = None) -> None:
        """Select ``rows`` (and make ``current`` the current row), as a click would."""
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, last))
        flags = QItemSelectionModel.SelectionFlag
        model = self.view.selectionModel()
        if current is not None:
            model.setCurrentIndex(self.model.index(current, 0), flags.NoUpdate)
        model.select(selection, flags.ClearAndSelect | flags.Rows)

    def _selection_changed(self, *_args: object) -> None:
        current = self.view.currentIndex()
        rows = self.selected_rows()
        row = current.row() if current.isValid() and current.row() in rows else None
        if row is None and rows:
            row = rows[0]
        self.detail.show_session(self.model.session_id(row) if row is not None else None)
        self.selection_changed.emit()

    def _keep_selection(self) -> None:
        current = self.view.currentIndex()
        current_id = self.model.session_id(current.row()) if current.isValid() else None
        rows = self.selected_rows()
        if len(rows) > KEEP_AT_MOST:  # e.g. select-all on years of history: keep the current
            rows = [current.row()] if current.isValid() else []
        ids = [i for i in map(self.model.session_id, rows) if i is not None]
        self._kept = (ids, current_id, rows)

    def _after_reset(self) -> None:
        """Select again what was selected, where it can be found without reading every page."""
        ids, current_id, rows = self._kept
        self._kept = ([], None, [])
        near = [*rows[:1], *rows[-1:]]
        wanted = [*ids, *([current_id] if current_id is not None else [])]
        found = self.model.find_rows(wanted, near)
        keep = sorted(found[i] for i in ids if i in found)
        current = found.get(current_id) if current_id is not None else None
        if keep:  # selecting emits selectionChanged, which refreshes the detail pane
            self.select_rows(keep, current if current is not None else keep[0])
            self.view.scrollTo(self.model.index(keep[0], 0))
        else:
            self._selection_changed()
        self._refresh_summary()

    # -- actions -----------------------------------------------------------------------
    def _open_current(self, *_args: object) -> None:
        index = self.view.currentIndex()
        session_id = self.model.session_id(index.row()) if index.isValid() else None
        if session_id is not None:
            self.edit_requested.emit(session_id)

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.edit_requested.emit(ids[0])

    def delete_selected(self) -> int:
        """Delete the selected sessions after asking; undoable. Returns how many went."""
        rows = [found for row in self.selected_rows() if (found := self.model.row_at(row))]
        if not rows:
            return 0
        count = len(rows)
        diamonds = self.ctx.fmt.integer(sum(found.diamonds for found in rows))
        if count == 1:
            day = self.ctx.fmt.day(rows[0].start.date())
            question = self.tr("Delete the session of %1 with %2 Diamonds?")
            question = question.replace("%1", day).replace("%2", diamonds)
            undo_text = self.tr("Delete session of %1").replace("%1", day)
        else:
            question = self.tr("Delete %n sessions with %1 Diamonds in total?", "", count)
            question = question.replace("%1", diamonds)
            undo_text = self.tr("Delete %n sessions", "", count)
        question += "\n" + self.tr("You can bring them back with Edit → Undo.")
        if not self.ctx.dialogs.confirm(self.tr("Delete sessions"), question, self.tr("Delete")):
            return 0
        ids = [found.id for found in rows]
        return commands.delete(self.ctx.undo, self.ctx.store.repo, commands.SESSION, ids, undo_text)

    def _context_menu(self, position: QPoint) -> None:
        if not self.selected_ids():
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Edit…"), self.edit_selected)
        menu.addAction(self.tr("Delete…"), self.delete_selected)
        menu.exec(self.view.viewport().mapToGlobal(position))

    # -- summary -----------------------------------------------------------------------
    def _refresh_summary(self) -> None:
        """The totals line for the filter, and the empty state when there is nothing at all."""
        repo, fmt, query = self.ctx.store.repo, self.ctx.fmt, self.model.query
        has_any = (
            self.model.rowCount() > 0
            or repo.count_sessions(SessionQuery(account_id=query.account_id)) > 0
        )
        self.stack.setCurrentIndex(1 if has_any else 0)
        totals = repo.session_totals(query)
        if totals.count == 0:
            self.totals.setText(self.tr("No sessions match this filter."))
            return
        hours = Decimal(totals.seconds) / Decimal(3600)
        sessions = (self.tr("1 session") if totals.count == 1 else self.tr("%1 sessions")).replace(
            "%1", fmt.integer(totals.count)
        )
        parts = [
            sessions,
            self.tr("%1 hours").replace("%1", fmt.decimal(hours, 1)),
            self.tr("%1 Diamonds").replace("%1", fmt.integer(totals.diamonds)),
            fmt.shown_money(totals.net_usd, self.model.shown),
            self.tr("%1 likes").replace("%1", fmt.integer(totals.likes)),
        ]
        self.totals.setText(" · ".join(parts))
