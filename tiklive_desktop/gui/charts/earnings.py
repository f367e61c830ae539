"""Earnings over time: bars of Diamonds or money per day, week, month or year.

"Am I growing?" The bars come from ``storage.series.earnings_series`` (SQL
totals per day rolled up into whole periods) with its moving average; the
chart only converts money into the account's currency for display and maps
mouse positions to periods. Hovering a bar shows the period's figures; a click
emits ``period_clicked(first_day, last_day)`` so the window can open the
sessions of that period.

The plotted arrays stay on the chart (``x``, ``widths``, ``heights``,
``average``) so tests compare them with totals they work out themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QCursor
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QToolTip, QWidget

from tiklive_desktop.core.money import to_currency
from tiklive_desktop.gui.charts.base import (
    ChartView,
    DateAxis,
    DateRangePicker,
    NumberAxis,
    day_to_x,
    days_to_x,
)
from tiklive_desktop.gui.context import Context
from tiklive_desktop.storage.overview import DisplayCurrency, display_currency
from tiklive_desktop.storage.series import AVERAGE_WINDOWS, EarningsPeriod, earnings_series

log = logging.getLogger(__name__)

BAR_FILL = 0.8
"""Share of its period a bar covers; the rest is the gap between bars."""
DAY_S = 86400.0


class EarningsChart(ChartView):
    """Signal ``period_clicked(start: date, end: date)``: a bar was clicked (inclusive days)."""

    period_clicked = Signal(object, object)

    def __init__(
        self,
        ctx: Context,
        parent: QWidget | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        super().__init__(
            ctx, QCoreApplication.translate("EarningsChart", "Earnings over time"), parent
        )
        self.today: Callable[[], date] = today or date.today
        self.periods: list[EarningsPeriod] = []
        self.currency = DisplayCurrency("USD", None)
        self.x = np.zeros(0)
        self.widths = np.zeros(0)
        self.heights = np.zeros(0)
        self.average = np.zeros(0)
        self.hover_text = ""
        self._granularity = "week"
        empty = (np.zeros(0), np.zeros(0))
        self._values: dict[str, tuple[np.ndarray, np.ndarray]] = {
            "diamonds": empty,
            "money": empty,
        }
        self._bar_x0 = self._bar_width = self._centers = np.zeros(0)
        self._current: int | None = None
        self._legend_shown: tuple[str, str | None] | None = None
        self._line_width = 0.0

        tr = self.tr
        self.measure = QComboBox()
        self.measure.addItem(tr("Diamonds"), "diamonds")
        self.measure.addItem(tr("Money (net)"), "money")
        self.measure.setAccessibleName(tr("Show"))
        self.measure.setToolTip(
            tr(
                "Diamonds: your share of the gifts, as the LIVE summary shows it.\n"
                "Money: what those Diamonds are worth to you after any agency share."
            )
        )
        self.granularity = QComboBox()
        for key, name in (
            ("day", tr("Per day")),
            ("week", tr("Per week")),
            ("month", tr("Per month")),
            ("year", tr("Per year")),
        ):
            self.granularity.addItem(name, key)
        self.granularity.setCurrentIndex(1)
        self.granularity.setAccessibleName(tr("Period"))
        self.range_picker = DateRangePicker(ctx.fmt, self.today, "12m")
        self.average_box = QCheckBox(tr("Moving average"))
        self.average_box.setChecked(True)
        self.average_box.setToolTip(
            tr("Average of the last 7 days, 4 weeks, 3 months or 2 years up to each bar")
        )
        self.controls.addWidget(QLabel(tr("Show")))
        self.controls.addWidget(self.measure)
        self.controls.addWidget(self.granularity)
        self.controls.addWidget(self.range_picker)
        self.controls.addWidget(self.average_box)
        self.controls.addStretch(1)

        self.value_axis = NumberAxis(ctx.fmt, "left")
        self.set_axes(left=self.value_axis, bottom=DateAxis(fmt=ctx.fmt))
        item = self.plot.getPlotItem()
        item.setMouseEnabled(x=True, y=False)
        item.enableAutoRange(y=False)
        self.legend = self.add_legend()
        self.bars = pg.BarGraphItem(x0=[], width=[], height=[], name=tr("Diamonds"))
        # A bare curve: at most one point per bar, drawn whole. PlotDataItem's clip-to-view
        # and downsampling re-sent the points to its curve on every frame of a pan.
        self.average_line = pg.PlotCurveItem([], [], name=tr("Average"), connect="finite")
        self.current_veil = pg.BarGraphItem(x0=[], width=[], height=[])
        item.addItem(self.bars)
        item.addItem(self.current_veil)
        item.addItem(self.average_line)
        self.apply_chart_theme()

        # Reload (a query) only when the query changes; measure and average only
        # change how the kept arrays are shown.
        self.measure.currentIndexChanged.connect(lambda _i: self.show_data())
        self.average_box.toggled.connect(lambda _on: self.show_data())
        self.granularity.currentIndexChanged.connect(self.refresh)
        self.range_picker.changed.connect(self.refresh)
        item.getViewBox().sigXRangeChanged.connect(self._fit_y)
        scene = self.plot.scene()
        scene.sigMouseMoved.connect(self.hover_at)
        scene.sigMouseClicked.connect(self._scene_clicked)

    # -- data -------------------------------------------------------------------------
    def granularity_key(self) -> str:
        return str(self.granularity.currentData())

    def measure_key(self) -> str:
        return str(self.measure.currentData())

    def refresh(self) -> None:
        """Reload: read the periods (one query), keep both measures' arrays, redraw.

        Called when the data can have changed (``store.changed``, another account)
        or the query itself changes (granularity, date range). Everything that only
        changes how the kept data looks (measure, average on/off, theme, size,
        view) goes through :meth:`show_data` / :meth:`redraw` without a query.
        """
        account_id = self.ctx.account.account_id
        start, end = self.range_picker.range()
        granularity = self.granularity_key()
        repo = self.ctx.store.repo
        self.currency = display_currency(repo, account_id, self.today())
        self.periods = earnings_series(repo, account_id, granularity, start, end)  # type: ignore[arg-type]
        self._granularity = granularity
        rate = self.currency.rate

        def money(usd: Decimal | None) -> float:
            return np.nan if usd is None else float(to_currency(usd, rate))

        def diamonds(value: Decimal | int | None) -> float:
            return np.nan if value is None else float(value)

        periods = self.periods
        n = len(periods)
        self._values = {
            "diamonds": (
                np.fromiter((p.diamonds for p in periods), dtype=float, count=n),
                np.fromiter((diamonds(p.diamonds_average) for p in periods), float, n),
            ),
            "money": (
                np.fromiter((money(p.net_usd) for p in periods), dtype=float, count=n),
                np.fromiter((money(p.net_usd_average) for p in periods), float, n),
            ),
        }
        self.x = days_to_x([p.first_day for p in periods])
        ends = days_to_x([p.last_day for p in periods]) + DAY_S
        self.widths = ends - self.x
        gap = self.widths * (1 - BAR_FILL) / 2
        self._bar_x0 = self.x + gap
        self._bar_width = self.widths * BAR_FILL
        self._centers = self.x + self.widths / 2
        if periods:
            self.range_picker.show_bounds(periods[0].first_day, periods[-1].last_day)
        self._current = self.current_index()
        self.show_data(new_data=True)

    def show_data(self, new_data: bool = False) -> None:
        """Pick the measure's kept arrays, set labels and legend (when they change), redraw.

        ``new_data``: just reloaded, so the x range is fitted to the periods; otherwise
        (another measure, average on/off) the user's view stays where it is.
        """
        tr = self.tr
        money = self.measure_key() == "money"
        granularity = self._granularity
        self.heights, self.average = self._values["money" if money else "diamonds"]
        if not self.periods or not self.heights.any():
            self.show_message(
                tr(
                    "No LIVE earnings in this range. Pick another range or account, or record a "
                    "LIVE session to see your Diamonds over time."
                )
            )
        else:
            self.show_message(None)
        currency = self.currency.currency if money else None
        if currency != self.value_axis.currency:
            self.value_axis.set_currency(currency)
        per = {
            "day": tr("per day"),
            "week": tr("per week"),
            "month": tr("per month"),
            "year": tr("per year"),
        }[granularity]
        if money:
            label = tr("Money {per} ({currency})").format(per=per, currency=self.currency.currency)
        else:
            label = tr("Diamonds {per}").format(per=per)
        if label != self.plot.getPlotItem().getAxis("left").labelText:
            self.set_axis_label("left", label)
        window = AVERAGE_WINDOWS[granularity]
        unit = {
            "day": tr("{n}-day average"),
            "week": tr("{n}-week average"),
            "month": tr("{n}-month average"),
            "year": tr("{n}-year average"),
        }[granularity].format(n=window)
        show_average = self.average_box.isChecked() and len(self.periods) > 1
        legend = (tr("Money") if money else tr("Diamonds"), unit if show_average else None)
        if legend != self._legend_shown:
            self._legend_shown = legend
            self.legend.clear()
            self.legend.addItem(self.bars, legend[0])
            if show_average:
                self.legend.addItem(self.average_line, unit)
            self.cache_chrome()
        self.average_line.setVisible(show_average)
        width = self.line_width(len(self.x))
        if width != self._line_width:
            self._line_width = width
            self.average_line.setPen(pg.mkPen(self.series_color(1), width=width))
        self.redraw()
        current = self._current  # the veil over the period under way, from the same arrays
        if current is None:
            self.current_veil.setOpts(x0=[], width=[], height=[])
        else:
            self.current_veil.setOpts(
                x0=self._bar_x0[current : current + 1],
                width=self._bar_width[current : current + 1],
                height=self.heights[current : current + 1],
            )
        if new_data and len(self.x):
            item = self.plot.getPlotItem()
            item.setXRange(self.x[0], self.x[-1] + self.widths[-1], padding=0.02)
        self._fit_y()

    def redraw(self) -> None:
        """Hand the kept arrays to the items again (no query, no new arrays): the bars and
        the average line. What drawing the same data again costs; pyqtgraph repaints on
        its own after view, size or theme changes (the veil over the period under way is
        set with the arrays, in :meth:`show_data`)."""
        self.bars.setOpts(x0=self._bar_x0, width=self._bar_width, height=self.heights)
        if self.average_line.isVisible():
            self.average_line.setData(self._centers, self.average)
        else:
            self.average_line.setData([], [])

    def _fit_y(self) -> None:
        shown = [self.heights, self.average] if self.average_line.isVisible() else [self.heights]
        self.fit_y(self._centers, *shown)

    # -- theme ------------------------------------------------------------------------
    def theme_changed(self) -> None:
        if hasattr(self, "bars"):
            self._style_items()

    def current_index(self) -> int | None:
        """The bar of the period that contains today (still filling up), if shown."""
        return self.bar_at(day_to_x(self.today()))

    def _style_items(self) -> None:
        # One brush for every bar keeps pyqtgraph on its fast path (one drawRects call,
        # not a picture of 3,650 rectangles); the period still under way gets a veil
        # of the background on top, so its short bar does not read as a slump.
        self.bars.setOpts(brush=pg.mkBrush(self.accent()), pen=pg.mkPen(None))
        veil = QColor(self.background())
        veil.setAlpha(130)
        self.current_veil.setOpts(brush=pg.mkBrush(veil), pen=pg.mkPen(None))
        self._line_width = self.line_width(len(self.x))
        self.average_line.setPen(pg.mkPen(self.series_color(1), width=self._line_width))

    # -- hover and click ----------------------------------------------------------------
    def bar_at(self, x: float) -> int | None:
        """The period whose column contains view coordinate ``x`` (the gap included)."""
        if not len(self.x):
            return None
        index = int(np.searchsorted(self.x, x, side="right")) - 1
        if index < 0 or x >= self.x[index] + self.widths[index]:
            return None
        return index

    def _index_at_scene(self, scene_pos: QPointF) -> int | None:
        view = self.plot.getPlotItem().getViewBox()
        if not view.sceneBoundingRect().contains(scene_pos):
            return None
        return self.bar_at(view.mapSceneToView(scene_pos).x())

    def period_text(self, index: int) -> str:
        """What hovering the bar shows: the period and its figures."""
        tr, fmt = self.tr, self.ctx.fmt
        p = self.periods[index]
        granularity = self._granularity  # what the kept periods are, not the combo's pending choice
        first = QDate(p.first_day.year, p.first_day.month, p.first_day.day)
        if granularity == "day":
            title = fmt.locale.toString(first, QLocale.FormatType.LongFormat)
        elif granularity == "week":
            title = tr("Week {week}, {first} – {last}").format(
                week=p.first_day.isocalendar().week,
                first=fmt.day(p.first_day),
                last=fmt.day(p.last_day),
            )
        elif granularity == "month":
            title = fmt.locale.toString(first, "MMMM yyyy")
        else:
            title = str(p.first_day.year)
        money = fmt.shown_money(p.net_usd, self.currency)
        if index == self._current:
            title = tr("{period} (so far)").format(period=title)
        lines = [
            title,
            tr("Diamonds: {n}").format(n=fmt.integer(p.diamonds)),
            tr("Money (net): {money}").format(money=money),
            tr("LIVE sessions: {n}").format(n=fmt.integer(p.sessions)),
            tr("Hours live: {h}").format(h=fmt.duration(p.seconds)),
        ]
        if self.average_box.isChecked() and p.diamonds_average is not None:
            lines.append(
                tr("Average: {n} Diamonds").format(n=fmt.integer(round(p.diamonds_average)))
            )
        return "\n".join(lines)

    def hover_at(self, scene_pos: QPointF) -> None:
        index = self._index_at_scene(scene_pos)
        text = "" if index is None else self.period_text(index)
        if text != self.hover_text:
            self.hover_text = text
            if text:
                QToolTip.showText(QCursor.pos(), text, self.plot)
            else:
                QToolTip.hideText()

    def click_at(self, scene_pos: QPointF) -> bool:
        """Emit ``period_clicked`` for the bar at ``scene_pos``; False when there is none."""
        index = self._index_at_scene(scene_pos)
        if index is None:
            return False
        period = self.periods[index]
        log.debug("earnings bar clicked: %s", period.label)
        self.period_clicked.emit(period.first_day, period.last_day)
        return True

    def _scene_clicked(self, event: object) -> None:
        left = event.button() == Qt.MouseButton.LeftButton  # type: ignore[attr-defined]
        if left and not event.double() and self.click_at(event.scenePos()):  # type: ignore[attr-defined]
            event.accept()  # type: ignore[attr-defined]
