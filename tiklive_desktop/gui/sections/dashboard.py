"""The first screen: how this month is going, the goal, the cash-out, what earns the most.

Layout and wiring only: the figures come from ``storage.overview`` (SQL
aggregates over bounded date ranges), the cash-out card computes its own
status, and money is converted for display by ``core.money.to_currency`` and
rounded by ``ctx.fmt``. The section refreshes when the data or the selected
account changes, at most once per turn of the event loop, and only while
visible (a hidden dashboard is refreshed when it is shown again).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.formatting import currency_symbol
from tiklive_desktop.gui.sections.dashboard_cards import (
    BestTimesCard,
    Card,
    FigureTile,
    GoalCard,
    RecentSessionsTable,
    TopGiftsCard,
    muted,
    scaled_font,
    wrapped,
)
from tiklive_desktop.gui.widgets.cashout_card import CashoutCard
from tiklive_desktop.gui.widgets.empty_state import EmptyState
from tiklive_desktop.gui.widgets.freshness import Freshness
from tiklive_desktop.storage.overview import BEST_TIMES_DAYS, Overview, PeriodFigures, overview

log = logging.getLogger(__name__)

WATCHED_TABLES = frozenset(
    {
        "sessions",
        "gift_lines",
        "accounts",
        "rate_periods",
        "exchange_rates",
        "region_rules",
        "withdrawals",
    }
)
WIDE_WIDTH = 960
"""From this width on, the goal and cash-out cards sit beside the figure tiles."""
STYLE = """
QFrame#card, QFrame#cashoutCard {
    background: palette(base);
    border: 1px solid palette(mid);
    border-radius: 10px;
}
QFrame#card:focus { border: 2px solid palette(highlight); }
QFrame#card QLabel, QFrame#cashoutCard QLabel { background: transparent; border: none; }
"""


class DashboardSection(QWidget):
    """Signals: ``open_sessions(start, end)`` (show the Sessions table for those days),
    ``new_session_requested()`` and ``settings_requested()``."""

    open_sessions = Signal(object, object)
    new_session_requested = Signal()
    settings_requested = Signal()

    def __init__(
        self,
        ctx: Context,
        parent: QWidget | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today: Callable[[], date] = today or date.today
        self.data: Overview | None = None
        self.fresh = Freshness(self, self.refresh, deferred=True)
        self.setStyleSheet(STYLE)

        self.empty = EmptyState(
            self.tr("Your LIVE earnings at a glance"),
            self.tr(
                "Record your first LIVE session to see this month's Diamonds and money, your "
                "goal, when you can cash out and which days earn you the most."
            ),
            self.tr("Record your first LIVE…"),
            self.new_session_requested.emit,
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        ctx.store.changed.connect(self._data_changed)
        ctx.account.changed.connect(lambda _account: self._data_changed("accounts"))

    # -- construction --------------------------------------------------------------
    def _build_content(self) -> QWidget:
        tr = self.tr
        self.heading = QLabel()
        self.heading.setFont(scaled_font(self.heading, 1.5, bold=True))
        self.subheading = muted(wrapped())
        self.notice = wrapped()
        self.notice.hide()

        self.tiles = {
            "diamonds": FigureTile(tr("Diamonds"), ""),
            "net_usd": FigureTile(tr("Money"), ""),
            "hours": FigureTile(
                tr("Hours live"), tr("Time spent LIVE this month, from your LIVE summaries.")
            ),
            "sessions": FigureTile(tr("LIVE sessions"), tr("How many times you went LIVE.")),
            "diamonds_per_hour": FigureTile(
                tr("Diamonds per hour"),
                tr(
                    "Diamonds earned per hour live: the fairest way to compare LIVEs "
                    "of different lengths."
                ),
            ),
            "likes": FigureTile(tr("Likes"), self._likes_tooltip()),
        }
        self.goal = GoalCard()
        self.goal.settings_requested.connect(self.settings_requested)
        self.cashout = CashoutCard(self.ctx)
        self.cashout.today = self.today
        self.top_gifts = TopGiftsCard()
        self.best_times = BestTimesCard(BEST_TIMES_DAYS)
        self.recent_card = Card(tr("Recent sessions"))
        self.recent = RecentSessionsTable()
        self.recent.day_activated.connect(lambda day: self.open_sessions.emit(day, day))
        self.recent_card.body.addWidget(self.recent)

        for tile in self.tiles.values():
            tile.clicked.connect(self._open_this_month)
        # Grids, so that each row of tiles is as tall as the card beside it; _arrange
        # places the cards beside the tiles when there is room, else below them.
        self.top = QGridLayout()
        self.top.setSpacing(12)
        self.bottom = QGridLayout()
        self.bottom.setSpacing(12)
        self._wide: bool | None = None
        self._arrange(wide=True)

        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(20, 16, 20, 20)
        column.setSpacing(12)
        column.addWidget(self.heading)
        column.addWidget(self.subheading)
        column.addWidget(self.notice)
        column.addLayout(self.top)
        column.addLayout(self.bottom)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        return scroll

    def _arrange(self, wide: bool) -> None:
        """Wide: tiles | goal and cash-out; narrow (the window's minimum size): cards below."""
        if wide == self._wide:
            return
        self._wide = wide
        top, bottom = self.top, self.bottom
        cards = [*self.tiles.values(), self.goal, self.cashout]
        for widget in [*cards, self.top_gifts, self.best_times, self.recent_card]:
            top.removeWidget(widget)
            bottom.removeWidget(widget)
        # Six narrow columns for the tiles (two each), a seventh for the cards when wide.
        for index, tile in enumerate(self.tiles.values()):
            top.addWidget(tile, index // 3, 2 * (index % 3), 1, 2)
        for column in range(6):
            top.setColumnStretch(column, 1)
        if wide:
            top.addWidget(self.goal, 0, 6)
            top.addWidget(self.cashout, 1, 6)
            top.setColumnStretch(6, 4)
            bottom.addWidget(self.top_gifts, 0, 0)
            bottom.addWidget(self.best_times, 0, 1)
            bottom.addWidget(self.recent_card, 0, 2)
            for column, stretch in enumerate((2, 2, 3)):
                bottom.setColumnStretch(column, stretch)
        else:
            top.addWidget(self.goal, 2, 0, 1, 3)
            top.addWidget(self.cashout, 2, 3, 1, 3)
            top.setColumnStretch(6, 0)
            bottom.addWidget(self.top_gifts, 0, 0)
            bottom.addWidget(self.best_times, 0, 1)
            bottom.addWidget(self.recent_card, 1, 0, 1, 2)
            for column, stretch in enumerate((1, 1, 0)):
                bottom.setColumnStretch(column, stretch)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(wide=event.size().width() >= WIDE_WIDTH)

    def _likes_tooltip(self) -> str:
        return self.tr(
            "Likes are not money: TikTok pays only for gifts. Likes, viewers and new followers "
            "bring visibility and the viewers who send gifts later, so they are worth watching."
        )

    def _diamonds_tooltip(self, data: Overview) -> str:
        value = data.rate.diamond_value_usd
        places = max(2, -value.normalize().as_tuple().exponent)  # $0.005 keeps its 3 places
        worth = currency_symbol("USD") + self.ctx.fmt.decimal(value, places)
        return self.tr(
            "Diamonds are your share of the gifts viewers send you; likes and views earn none. "
            "1 Diamond ≈ {worth} to you at today's rates."
        ).format(worth=worth)

    # -- refresh ---------------------------------------------------------------------
    def _data_changed(self, table: str) -> None:
        if table not in WATCHED_TABLES:
            return
        self.fresh.changed()

    def refresh(self) -> None:
        """Read the figures for the selected account and today, and show them."""
        self.fresh.done()
        today = self.today()
        self.data = data = overview(self.ctx.store.repo, self.ctx.account.account_id, today)
        self.stack.setCurrentIndex(1 if data.has_sessions else 0)
        if not data.has_sessions:
            return
        self._show_heading(data)
        self._show_tiles(data)
        fmt = self.ctx.fmt
        self.goal.show_goal(data.goal, fmt)  # the cash-out card refreshes itself
        self.top_gifts.show_gifts(data.top_gifts, fmt)
        self.best_times.show_times(data.best_times, fmt)
        self.recent.show_rows([(row, self.money(row.net_usd)) for row in data.recent], fmt)

    def money(self, amount_usd: Decimal) -> str:
        """USD from core, converted to the display currency, rounded by the formatter."""
        assert self.data is not None
        return self.ctx.fmt.shown_money(amount_usd, self.data.currency)

    def _month_name(self, day: date) -> str:
        return self.ctx.fmt.locale.toString(QDate(day.year, day.month, 1), "MMMM yyyy")

    def _show_heading(self, data: Overview) -> None:
        months, fmt = data.months, self.ctx.fmt
        account_id = self.ctx.account.account_id
        account = self.ctx.store.repo.get_account(account_id) if account_id else None
        who = "@" + account.handle.removeprefix("@") if account else self.tr("all accounts")
        self.heading.setText(
            self.tr("{month} · {who}").format(month=self._month_name(data.today), who=who)
        )
        self.subheading.setText(
            self.tr(
                "So far this month, compared with the same days of {month} ({start} – {end})."
            ).format(
                month=self._month_name(months.last_month.start),
                start=fmt.day(months.last_month_to_date.start),
                end=fmt.day(months.last_month_to_date.end),
            )
        )
        missing = data.currency.missing_rate
        self.notice.setVisible(missing is not None)
        if missing:
            self.notice.setText(
                self.tr(
                    "Money is shown in US dollars: add an exchange rate for {currency} in "
                    "Settings to see it in {currency}."
                ).format(currency=missing)
            )

    def _figure_texts(self, figures: PeriodFigures) -> dict[str, str]:
        fmt = self.ctx.fmt
        per_hour = figures.diamonds_per_hour
        return {
            "diamonds": fmt.integer(figures.diamonds),
            "net_usd": self.money(figures.net_usd),
            "hours": self.tr("{hours} h").format(hours=fmt.decimal(figures.hours, 1)),
            "sessions": fmt.integer(figures.sessions),
            "diamonds_per_hour": fmt.decimal(per_hour, 0) if per_hour is not None else "–",
            "likes": fmt.integer(figures.likes),
        }

    def _show_tiles(self, data: Overview) -> None:
        months = data.months
        now = self._figure_texts(months.this_month)
        same_days = self._figure_texts(months.last_month_to_date)
        whole = self._figure_texts(months.last_month)
        last = self._month_name(months.last_month.start)
        for key, tile in self.tiles.items():
            change = months.change(key)
            detail = self.tr(
                "The same days of {month}: {same_days}. The whole of {month}: {whole}."
            ).format(month=last, same_days=same_days[key], whole=whole[key])
            tile.show_figure(now[key], change, self.ctx.fmt, whole[key], detail)
        self.tiles["diamonds"].setToolTip(self._diamonds_tooltip(data))
        shown = data.currency
        money_tip = self.tr(
            "What your Diamonds are worth to you after any agency share, at the rates in "
            "force on the day of each LIVE."
        )
        if shown.rate is not None:
            money_tip += " " + self.tr(
                "Shown in {currency} at {rate} per US dollar (from {date})."
            ).format(
                currency=shown.currency,
                rate=self.ctx.fmt.decimal(shown.rate.per_usd, 4),
                date=self.ctx.fmt.day(shown.rate.effective),
            )
        self.tiles["net_usd"].setToolTip(money_tip)

    def _open_this_month(self) -> None:
        if self.data is not None:
            month = self.data.months.this_month
            self.open_sessions.emit(month.start, month.end)
