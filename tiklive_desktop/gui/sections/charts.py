"""The Charts section: every earnings-history chart, one tab each.

Layout and wiring only. Each chart refreshes itself when the data or the
selected account changes, and only while its tab is shown (a hidden tab is
marked stale and redrawn when opened), so six charts cost one chart's queries.
The tab last opened is remembered between runs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QByteArray, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from tiklive_desktop.gui.charts.balance import BalanceChart
from tiklive_desktop.gui.charts.base import ChartView
from tiklive_desktop.gui.charts.earnings import EarningsChart
from tiklive_desktop.gui.charts.engagement import EngagementChart, WeekHourChart
from tiklive_desktop.gui.charts.gifts import GiftsChart
from tiklive_desktop.gui.charts.income_mix import IncomeMixChart
from tiklive_desktop.gui.context import Context

STATE_KEY = "charts/tab"


class ChartsSection(QWidget):
    """Signal ``period_clicked(start, end)``: show the sessions of those days (inclusive)."""

    period_clicked = Signal(object, object)

    def __init__(
        self,
        ctx: Context,
        parent: QWidget | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        tr = self.tr
        self.earnings = EarningsChart(ctx, today=today)
        self.balance = BalanceChart(ctx, today=today)
        self.engagement = EngagementChart(ctx, today=today)
        self.week_hours = WeekHourChart(ctx, today=today)
        self.gifts = GiftsChart(ctx, today=today)
        self.income_mix = IncomeMixChart(ctx, today=today)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        tabs: list[tuple[ChartView, str, str]] = [
            (self.earnings, tr("Earnings"), tr("Diamonds or money per day, week, month or year")),
            (self.balance, tr("Balance"), tr("Diamonds in the wallet and when you can cash out")),
            (self.engagement, tr("Engagement"), tr("Likes, viewers or followers against Diamonds")),
            (self.week_hours, tr("Best times"), tr("Diamonds per hour by weekday and hour")),
            (self.gifts, tr("Gifts"), tr("The gifts that bring the most Diamonds")),
            (self.income_mix, tr("Income mix"), tr("LIVE gifts beside your other income")),
        ]
        for chart, name, tip in tabs:
            index = self.tabs.addTab(chart, name)
            self.tabs.setTabToolTip(index, tip)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        saved = ctx.settings.state(STATE_KEY)
        if saved is not None:
            with contextlib.suppress(ValueError):
                self.tabs.setCurrentIndex(int(bytes(saved.data()).decode()))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.earnings.period_clicked.connect(self.period_clicked)

    def charts(self) -> list[ChartView]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]  # type: ignore[misc]

    def _tab_changed(self, index: int) -> None:
        self.ctx.settings.set_state(STATE_KEY, QByteArray(str(index).encode()))
