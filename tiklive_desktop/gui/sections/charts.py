"""The Charts section: every earnings-history chart, one tab each.

Layout and wiring only. Each chart refreshes itself when the data or the
selected account changes, and only while its tab is shown (a hidden tab is
marked stale and redrawn when opened), so six charts cost one chart's queries.
The tab last opened is remembered between runs. The charts themselves (and
pyqtgraph) are made only when the section is first shown or a chart is asked for.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from tiklive_desktop.gui.context import Context

if TYPE_CHECKING:
    from tiklive_desktop.gui.charts.base import ChartView

STATE_KEY = "charts/tab"
_BUILT_ATTRIBUTES = frozenset(
    ("earnings", "balance", "engagement", "week_hours", "gifts", "income_mix", "tabs")
)


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
        self._today = today
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._built = False

    def __getattr__(self, name: str) -> Any:
        # Only reached for attributes not set yet: the charts and tabs before _build().
        if name in _BUILT_ATTRIBUTES and not self.__dict__.get("_built", True):
            self._build()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def showEvent(self, event: QShowEvent) -> None:
        self._build()
        super().showEvent(event)

    def _build(self) -> None:
        """Make the six charts (and import pyqtgraph) the first time they are needed.

        Start-up laziness (issue 7, P1): the window opens on the dashboard, and
        building six pyqtgraph plots cost about a fifth of the start-up time.
        """
        if self._built:
            return
        self._built = True
        from tiklive_desktop.gui.charts.balance import BalanceChart
        from tiklive_desktop.gui.charts.earnings import EarningsChart
        from tiklive_desktop.gui.charts.engagement import EngagementChart, WeekHourChart
        from tiklive_desktop.gui.charts.gifts import GiftsChart
        from tiklive_desktop.gui.charts.income_mix import IncomeMixChart

        ctx, today, tr = self.ctx, self._today, self.tr
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
        self._layout.addWidget(self.tabs)

        saved = ctx.settings.state(STATE_KEY)
        if saved is not None:
            with contextlib.suppress(ValueError):
                self.tabs.setCurrentIndex(int(bytes(saved.data()).decode()))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.earnings.period_clicked.connect(self.period_clicked)

    def charts(self) -> list[ChartView]:
        self._build()
        return [self.tabs.widget(i) for i in range(self.tabs.count())]  # type: ignore[misc]

    def _tab_changed(self, index: int) -> None:
        self.ctx.settings.set_state(STATE_KEY, QByteArray(str(index).encode()))
