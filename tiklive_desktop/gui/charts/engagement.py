"""Engagement against earnings: a per-session scatter and a weekday x hour heat map.

Both read ready-made arrays from ``storage.series_engagement`` (one grouped
SELECT each) and only hand them to pyqtgraph.

Why the scatter is one plain ``ScatterPlotItem`` and not ``PlotDataItem`` with
``clipToView``/downsampling: those options are for curves with increasing,
evenly spaced x. On a symbol-only item, clip-to-view re-sends the visible
points to the scatter on every pan (measured: 200-400 ms a frame at 100,000
points, against ~20 ms when the scatter culls off-view points itself while
painting), and subsampling would silently drop the rare big-gift sessions a
scatter is there to show. So: one item, pixel-sized symbols from one cached
pixmap (pxMode), one brush for all points (no per-point styles).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QComboBox, QGraphicsRectItem, QLabel, QWidget

from tiklive_desktop.gui.charts.base import ChartView, DateRangePicker, NumberAxis
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.storage.series_engagement import (
    Trend,
    engagement_points,
    linear_trend,
    session_span,
    week_hour_rates,
)


class FilteredChart(ChartView):
    """A chart of the selected account(s) over a date range picked in its control row.

    Controls: the subclass's combos, then the date range, then ``note`` at the
    right for what the plot cannot say itself (the correlation, "top 15 of 39").
    With nothing to draw, the base class's message replaces the plot.
    ``today`` is injectable so that tests fix what "last 12 months" means.
    """

    _built = False  # the base class themes (theme_changed) before the items exist
    default_range = "all"
    """Patterns (engagement, best hours, gifts) need all the history there is."""

    def __init__(
        self,
        ctx: Context,
        title: str,
        parent: QWidget | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        super().__init__(ctx, title, parent)
        self.today: Callable[[], date] = today or date.today
        self.range_picker = DateRangePicker(ctx.fmt, self.today, self.default_range)
        self.range_picker.changed.connect(self.schedule_refresh)
        self.note = QLabel()
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def finish_controls(self) -> None:
        """Put the range and the note after the subclass's combos; theme the items just built."""
        self.controls.addWidget(self.range_picker)
        self.controls.addStretch(1)
        self.controls.addWidget(self.note)
        self._built = True
        self.apply_chart_theme()
        self.cache_chrome()  # the legend entries the subclass added

    def date_range(self) -> tuple[date | None, date | None]:
        """(start, end), inclusive; None for "all time"."""
        return self.range_picker.range()

    def show_span(self) -> None:
        """With "All time", the date fields show the first and last LIVE of the account(s)."""
        if self.range_picker.key() == "all":
            span = session_span(self.ctx.store.repo, self.account_id)
            if span is not None:
                self.range_picker.show_bounds(*span)

    def set_range(self, start: date, end: date) -> None:
        """Show ``start`` to ``end`` (inclusive), as if typed into the range fields."""
        self.range_picker.set_custom(start, end)

    @property
    def account_id(self) -> int | None:
        return self.ctx.account.account_id

    def theme_changed(self) -> None:
        if self._built:
            self.recolor()

    def recolor(self) -> None:
        """Recolour this chart's own items (called once they exist)."""

    def add_combo(self, label: str, tooltip: str, choices: list[tuple[str, str]]) -> QComboBox:
        """A labelled combo in the control row; changing it refreshes the chart."""
        caption = QLabel(label)
        combo = QComboBox()
        for text, key in choices:
            combo.addItem(text, key)
        combo.setToolTip(tooltip)
        combo.setAccessibleName(label.rstrip(":"))
        caption.setBuddy(combo)
        combo.currentIndexChanged.connect(lambda _index: self.schedule_refresh())
        self.controls.addWidget(caption)
        self.controls.addWidget(combo)
        return combo


def no_sessions_text() -> str:
    """What a chart of sessions says when the range has none (and what to do)."""
    return QCoreApplication.translate(
        "FilteredChart",
        "No LIVE sessions in this range.\n"
        "Record a LIVE in Sessions, or choose a longer date range above.",
    )


def recolor_legend(legend: pg.LegendItem, color: QColor) -> None:
    """Legend labels in ``color`` now: ``LegendItem.setLabelTextColor`` only takes
    effect on a label's next ``setText``, so a theme change would leave them stale."""
    legend.setLabelTextColor(color)
    for _sample, label in legend.items:
        label.setText(label.text, color=color.name())


def correlation_text(fmt: Formatter, trend: Trend | None, n: int, tr: Callable[[str], str]) -> str:
    """``r = 0.82, n = 1,234`` (or why there is no r)."""
    count = fmt.integer(n)
    if n == 0:
        return tr("No LIVE sessions in this range")
    if trend is None:
        return tr("r: needs two sessions with different values, n = {n}").format(n=count)
    if trend.r is None:
        return tr("r: undefined (every session has the same Diamonds), n = {n}").format(n=count)
    r = fmt.decimal(Decimal(repr(trend.r)), 2)
    return tr("r = {r}, n = {n}").format(r=r, n=count)


class EngagementChart(FilteredChart):
    """Each LIVE as a dot: likes (or viewers, or new followers) across, Diamonds up."""

    def __init__(
        self,
        ctx: Context,
        parent: QWidget | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        super().__init__(ctx, self.tr("Engagement vs Diamonds"), parent, today)
        self.metric_names = {
            "likes": self.tr("Likes"),
            "viewers": self.tr("Viewers"),
            "new_followers": self.tr("New followers"),
        }
        self.metric_combo = self.add_combo(
            self.tr("Set Diamonds against:"),
            self.tr("What each LIVE's Diamonds are plotted against (viewers = total viewers)"),
            [(text, key) for key, text in self.metric_names.items()],
        )
        self.note.setToolTip(
            self.tr(
                "Pearson's r: +1 = more of this always came with more Diamonds, 0 = no straight-"
                "line relation, -1 = the opposite. n = the number of LIVEs plotted."
            )
        )
        self.x_axis = NumberAxis(ctx.fmt, "bottom")
        self.y_axis = NumberAxis(ctx.fmt, "left")
        self.set_axes(bottom=self.x_axis, left=self.y_axis)
        self.set_axis_label("left", self.tr("Diamonds per LIVE"))
        # One item, one brush, pixel-sized symbols: see the module docstring.
        self.scatter = pg.ScatterPlotItem(pxMode=True, size=6, pen=None, symbol="o")
        self.trend_line = pg.PlotCurveItem(pen=pg.mkPen(width=2))  # two points: a bare curve
        self.plot.addItem(self.scatter)
        self.plot.addItem(self.trend_line)
        self.legend = self.add_legend()
        self.legend.addItem(self.scatter, self.tr("LIVE sessions"))
        self.legend.addItem(self.trend_line, self.tr("Trend (least squares)"))
        self.trend_label = self.legend.items[-1][1]  # repeats r and n in exported images
        self.trend: Trend | None = None
        self.x = self.y = self._trend_x = self._trend_y = np.zeros(0)
        self.finish_controls()

    @property
    def metric(self) -> str:
        return str(self.metric_combo.currentData())

    def set_metric(self, metric: str) -> None:
        self.metric_combo.setCurrentIndex(self.metric_combo.findData(metric))

    def _brush(self, n: int) -> QBrush:
        """Fainter dots as they get denser, so overlapping thousands still show density."""
        color = QColor(self.series_color(1))
        color.setAlpha(int(np.clip(4000 / math.sqrt(max(n, 1)), 70, 200)))
        return pg.mkBrush(color)

    def recolor(self) -> None:
        recolor_legend(self.legend, self.foreground())
        self.scatter.setBrush(self._brush(len(self.scatter.data)))
        pen = pg.mkPen(self.accent(), width=2, style=Qt.PenStyle.DashLine)
        self.trend_line.setPen(pen)

    def refresh(self) -> None:
        """Reload: read the points (one query), keep them as float arrays, draw them."""
        start, end = self.date_range()
        x, y = engagement_points(self.ctx.store.repo, self.account_id, self.metric, start, end)
        self.show_span()
        self.trend = linear_trend(x, y)
        self.x = x.astype(np.float64)
        self.y = y.astype(np.float64)
        if self.trend is not None:
            self._trend_x = np.array([self.x.min(), self.x.max()], dtype=np.float64)
            self._trend_y = self.trend.at(self._trend_x)
        else:
            self._trend_x = self._trend_y = np.zeros(0)
        label = self.tr("{metric} per LIVE").format(metric=self.metric_names[self.metric])
        if label != self.plot.getPlotItem().getAxis("bottom").labelText:
            self.set_axis_label("bottom", label)
        self.scatter.setBrush(self._brush(x.size), update=False)
        self.redraw()
        self.trend_line.setVisible(self.trend is not None)
        for sample, _label in self.legend.items:  # cached pixmaps: show the new visibility
            sample.update()
        text = correlation_text(self.ctx.fmt, self.trend, int(x.size), self.tr)
        self.note.setText(text)
        self.trend_label.setText(
            self.tr("Trend (least squares): {correlation}").format(correlation=text),
            color=self.foreground().name(),
        )
        if x.size == 0:
            self.note.setText("")
            self.show_message(no_sessions_text())
            return
        self.show_message(None)
        # Headroom above the highest dot for the legend (it sits on a translucent panel).
        low, high = float(y.min()), float(y.max())
        self.plot.getPlotItem().setRange(
            xRange=(float(x.min()), float(x.max())),
            yRange=(min(low, 0.0), high + max(high - min(low, 0.0), 1.0) * 0.12),
        )

    def redraw(self) -> None:
        """Hand the kept points and trend ends to the items again (no query)."""
        self.scatter.setData(x=self.x, y=self.y)
        self.trend_line.setData(self._trend_x, self._trend_y)


class _ColorBar(pg.ColorBarItem):
    """pyqtgraph's colour bar with a locale-formatted scale (``12,000``, not ``12000``)."""

    def __init__(self, fmt: Formatter, label: str) -> None:
        super().__init__(
            values=(0, 1), width=18, interactive=False, colorMapMenu=False, label=label
        )
        axis = NumberAxis(fmt, "right")
        self.setAxisItems({"right": axis})
        axis.unlinkFromView()
        axis.setStyle(showValues=True)
        self.axis = axis
        axis.setRange(*self.values)


class WeekHourChart(FilteredChart):
    """Diamonds per hour LIVE by weekday (rows, Monday on top) and starting hour (columns).

    Hours never tried are hatched, not coloured as zero: "no LIVE then" and
    "LIVE then, no Diamonds" are different answers to "when should I go LIVE".
    """

    def __init__(
        self,
        ctx: Context,
        parent: QWidget | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        super().__init__(ctx, self.tr("Best time to go LIVE"), parent, today)
        locale = ctx.fmt.locale
        self.day_names = [
            locale.dayName(day, QLocale.FormatType.ShortFormat) for day in range(1, 8)
        ]
        self.set_axis_label("bottom", self.tr("Hour the LIVE started (local time, 0-23)"))
        self.set_axis_label("left", self.tr("Weekday"))
        item = self.plot.getPlotItem()
        item.invertY(True)
        item.setMouseEnabled(x=False, y=False)
        item.hideButtons()
        item.showGrid(x=False, y=False)
        item.getAxis("left").setTicks([[(d + 0.5, name) for d, name in enumerate(self.day_names)]])
        item.getAxis("bottom").setTicks([[(h + 0.5, str(h)) for h in range(24)]])
        self.no_live = QGraphicsRectItem(QRectF(0, 0, 24, 7))
        self.no_live.setPen(QPen(Qt.PenStyle.NoPen))
        self.no_live.setZValue(-1)
        self.image = pg.ImageItem()
        self.plot.addItem(self.no_live)
        self.plot.addItem(self.image)
        self.scale_label = self.tr("Diamonds per hour LIVE")
        self.color_bar = _ColorBar(ctx.fmt, self.scale_label)
        self.color_bar.setImageItem(self.image, insert_in=item)
        item.setRange(xRange=(0, 24), yRange=(0, 7), padding=0.01)
        self.rates = np.full((7, 24), np.nan)
        self.sessions = np.zeros((7, 24), dtype=np.int64)
        self.plot.scene().sigMouseMoved.connect(self._hover)
        self.note.setText(self.tr("Hatched: no LIVE started in that hour"))
        self.finish_controls()

    def recolor(self) -> None:
        self.no_live.setBrush(QBrush(self.muted(), Qt.BrushStyle.BDiagPattern))
        # viridis: even steps of brightness, readable by the colour-blind, and its
        # darkest colour (purple) still stands out from a dark background.
        self.color_bar.setColorMap(pg.colormap.get("viridis"))
        for name in ("left", "right", "top", "bottom"):
            axis = self.color_bar.getAxis(name)
            axis.setPen(pg.mkPen(self.muted()))
            axis.setTextPen(pg.mkPen(self.foreground()))
            axis.setTickFont(self.chart_font())
            axis.label.setFont(self.chart_font())
        self.color_bar.getAxis("left").setLabel(self.scale_label, color=self.foreground().name())

    def refresh(self) -> None:
        start, end = self.date_range()
        totals = self.ctx.store.repo.earnings_by_weekday_hour(self.account_id, start, end)
        self.show_span()
        self.rates, self.sessions = week_hour_rates(totals)
        # ImageItem's first index is x: hours across, weekdays down.
        top = float(np.nanmax(self.rates)) if np.isfinite(self.rates).any() else 0.0
        self.image.setImage(self.rates.T, autoLevels=False, levels=(0.0, max(top, 1.0)))
        self.color_bar.setLevels((0.0, max(top, 1.0)))
        self.show_message(no_sessions_text() if int(self.sessions.sum()) == 0 else None)

    def cell_text(self, weekday: int, hour: int) -> str:
        """What hovering a cell says: when, Diamonds per hour, and how many LIVEs."""
        when = self.tr("{day} {start}:00-{start}:59").format(
            day=self.day_names[weekday], start=f"{hour:02d}"
        )
        count = int(self.sessions[weekday, hour])
        if count == 0:
            return self.tr("{when}: no LIVE").format(when=when)
        rate = self.ctx.fmt.integer(round(float(self.rates[weekday, hour])))
        lives = self.ctx.fmt.integer(count)
        return self.tr("{when}: {rate} Diamonds per hour over {n} LIVE(s)").format(
            when=when, rate=rate, n=lives
        )

    def _hover(self, scene_pos: QPointF) -> None:
        view = self.plot.getPlotItem().vb
        if not view.sceneBoundingRect().contains(scene_pos):
            self.plot.setToolTip("")
            return
        point = view.mapSceneToView(scene_pos)
        hour, weekday = math.floor(point.x()), math.floor(point.y())
        if 0 <= hour < 24 and 0 <= weekday < 7:
            self.plot.setToolTip(self.cell_text(weekday, hour))
