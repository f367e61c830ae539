"""Income mix: LIVE gifts (net) stacked with the other income streams, month by month.

The months come from ``storage.series_engagement.income_by_month`` (LIVE money
from the per-day session totals, other income from one GROUP BY month, kind
query), exact in USD. Here they are only converted into the display currency
(``core.money.to_currency``) and drawn: one ``BarGraphItem`` per stream, each
standing on the ones below it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QDate, QPointF
from PySide6.QtWidgets import QWidget

from tiklive_desktop.core.entities import IncomeKind
from tiklive_desktop.core.money import to_currency
from tiklive_desktop.gui.charts.base import DateAxis, NumberAxis, day_to_x
from tiklive_desktop.gui.charts.engagement import FilteredChart, recolor_legend
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.models.income_model import kind_label
from tiklive_desktop.storage.errors import MissingExchangeRateError
from tiklive_desktop.storage.overview import DisplayCurrency, display_currency
from tiklive_desktop.storage.series import next_period, period_end
from tiklive_desktop.storage.series_engagement import (
    MonthIncome,
    income_by_month,
    total_income_usd,
)

LIVE = "live"
"""Key of the LIVE-gifts series; the other series are keyed by ``IncomeKind`` value."""
_BAR_SHARE = 0.8  # of the month's width; the rest is the gap between months
_HEADROOM = 0.25  # of the tallest stack, above it: room for the legend's rows


class IncomeMixChart(FilteredChart):
    """Stacked monthly bars: LIVE gifts at the bottom, then each other stream, with a legend."""

    default_range = "12m"  # like the earnings chart: recent months, readable bars

    def __init__(
        self,
        ctx: Context,
        parent: QWidget | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        super().__init__(ctx, self.tr("Income mix per month"), parent, today)
        self.money_axis = NumberAxis(ctx.fmt, "left", currency="USD")
        self.set_axes(bottom=DateAxis(), left=self.money_axis)
        self.set_axis_label("bottom", self.tr("Month"))
        self.legend = self.add_legend()  # above the bars: refresh leaves headroom for it
        item = self.plot.getPlotItem()
        item.setMouseEnabled(x=True, y=False)
        item.getViewBox().sigXRangeChanged.connect(self._fit_y)
        self.starts = self.ends = np.zeros(0)  # x of each month's first day / next month's
        self.centers = np.zeros(0)
        self.totals = np.zeros(0)
        self.series: dict[str, pg.BarGraphItem] = {}
        self.heights: dict[str, np.ndarray] = {}
        self.months: list[MonthIncome] = []
        self.shown = DisplayCurrency("USD", None)
        self.plot.scene().sigMouseMoved.connect(self._hover)
        self.note.setToolTip(
            self.tr("LIVE gifts are what reaches you after any agency share; other income as typed")
        )
        self.finish_controls()

    def series_label(self, key: str) -> str:
        return self.tr("LIVE gifts (net)") if key == LIVE else kind_label(IncomeKind(key))

    def recolor(self) -> None:
        for index, item in enumerate(self.series.values()):
            item.setOpts(brush=pg.mkBrush(self.series_color(index)), pen=pg.mkPen(None))
        recolor_legend(self.legend, self.foreground())

    def _clear(self) -> None:
        for item in self.series.values():
            self.plot.removeItem(item)
        self.legend.clear()
        self.series, self.heights, self.months = {}, {}, []

    def refresh(self) -> None:
        self._clear()
        repo = self.ctx.store.repo
        try:
            self.months = income_by_month(repo, self.account_id, *self.date_range())
        except MissingExchangeRateError as error:
            self.note.setText("")
            self.show_message(
                self.tr("Other income cannot be totalled: {error}.").format(error=error)
            )
            return
        self.shown = display_currency(repo, self.account_id, self.today())
        currency = self.shown.currency
        self.money_axis.set_currency(currency)
        self.set_axis_label(
            "left", self.tr("Income per month ({currency})").format(currency=currency)
        )
        if not self.months:
            self.note.setText("")
            self.show_message(
                self.tr(
                    "No income in this range.\nRecord a LIVE or other income,"
                    " or choose a longer date range above."
                )
            )
            return
        self.show_message(None)
        last = period_end("month", self.months[-1].first_day)
        self.range_picker.show_bounds(self.months[0].first_day, last)
        starts = np.array([day_to_x(m.first_day) for m in self.months])
        ends = np.array([day_to_x(next_period("month", m.first_day)) for m in self.months])
        self.starts, self.ends = starts, ends
        spans = ends - starts
        x0 = starts + spans * (1 - _BAR_SHARE) / 2
        width = spans * _BAR_SHARE
        keys = [LIVE] + [k.value for k in IncomeKind if any(k in m.other_usd for m in self.months)]
        bottom = np.zeros(len(self.months))
        for index, key in enumerate(keys):
            heights = np.array([self._amount(m, key) for m in self.months])
            item = pg.BarGraphItem(
                x0=x0,
                width=width,
                y0=bottom.copy(),
                height=heights,
                brush=pg.mkBrush(self.series_color(index)),
                pen=pg.mkPen(None),
            )
            self.plot.addItem(item)
            self.legend.addItem(item, self.series_label(key))
            self.series[key], self.heights[key] = item, heights
            bottom += heights
        recolor_legend(self.legend, self.foreground())
        self.centers, self.totals = x0 + width / 2, bottom
        self.plot.getPlotItem().setXRange(float(starts[0]), float(starts[-1] + spans[-1]))
        self._fit_y()
        self.note.setText(self._total_text())

    def _fit_y(self) -> None:
        """The months in view, from zero to their tallest stack plus room for the legend."""
        self.fit_y(self.centers, self.totals, headroom=_HEADROOM)

    def _amount(self, month: MonthIncome, key: str) -> float:
        """One stream's amount in the display currency, as a bar height (rounded when shown)."""
        usd = month.live_usd if key == LIVE else month.other_usd.get(IncomeKind(key))
        return 0.0 if usd is None else float(to_currency(usd, self.shown.rate))

    def _total_text(self) -> str:
        total = total_income_usd(self.months)
        return self.tr("{months} months, {total} in all").format(
            months=self.ctx.fmt.integer(len(self.months)),
            total=self.ctx.fmt.shown_money(total, self.shown),
        )

    def month_text(self, index: int) -> str:
        """What hovering a month's bar says: each stream and the total."""
        month = self.months[index]
        day = month.first_day
        lines = [self.ctx.fmt.locale.toString(QDate(day.year, day.month, 1), "MMMM yyyy")]
        amounts = [(LIVE, month.live_usd), *((k.value, v) for k, v in month.other_usd.items())]
        for key, usd in amounts:
            lines.append(f"{self.series_label(key)}: {self.ctx.fmt.shown_money(usd, self.shown)}")
        lines.append(
            self.tr("Total: {total}").format(
                total=self.ctx.fmt.shown_money(month.total_usd, self.shown)
            )
        )
        return "\n".join(lines)

    def _hover(self, scene_pos: QPointF) -> None:
        view = self.plot.getPlotItem().vb
        if not self.months or not view.sceneBoundingRect().contains(scene_pos):
            self.plot.setToolTip("")
            return
        x = view.mapSceneToView(scene_pos).x()
        index = int(np.searchsorted(self.starts, x, side="right")) - 1
        if 0 <= index < len(self.months) and x < self.ends[index]:
            self.plot.setToolTip(self.month_text(index))
        else:
            self.plot.setToolTip("")
