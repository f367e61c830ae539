"""Top gifts: which gifts brought the most Diamonds, or came most often, as horizontal bars.

The figures come from ``storage.series_engagement.gift_contributions`` (one
grouped SELECT over the gift lines). Sessions recorded with only a Diamonds
total have no gift lines and so no part in this chart; the note says so when
nothing is left to show.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from tiklive_desktop.gui.charts.base import NumberAxis
from tiklive_desktop.gui.charts.engagement import FilteredChart
from tiklive_desktop.gui.context import Context
from tiklive_desktop.storage.series_engagement import GiftContribution, gift_contributions

TOP_GIFTS = 15
"""Bars shown: enough for every gift that matters, few enough to read each name."""
_NAME_CHARS = 24
_BAR_HEIGHT = 0.7


def short_name(name: str) -> str:
    """A gift name that fits the axis (the full name is in the tooltip of the bar's label)."""
    return name if len(name) <= _NAME_CHARS else name[: _NAME_CHARS - 1] + "…"


class GiftsChart(FilteredChart):
    """The top gifts, largest on top, with each bar's figure written at its end."""

    def __init__(
        self,
        ctx: Context,
        parent: QWidget | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        super().__init__(ctx, self.tr("Top gifts"), parent, today)
        self.rank_names = {
            "diamonds": self.tr("Diamonds contributed"),
            "count": self.tr("Number of gifts"),
        }
        self.mode_combo = self.add_combo(
            self.tr("Rank by:"),
            self.tr(
                "Diamonds contributed: what the gifts earned you (at the rates of their LIVEs)."
                " Number of gifts: how often each was sent."
            ),
            [(text, key) for key, text in self.rank_names.items()],
        )
        self.value_axis = NumberAxis(ctx.fmt, "bottom")
        self.set_axes(bottom=self.value_axis)
        item = self.plot.getPlotItem()
        item.invertY(True)  # rank 1 on top
        item.setMouseEnabled(x=False, y=False)
        item.hideButtons()
        item.showGrid(x=True, y=False, alpha=0.25)
        self.bars = pg.BarGraphItem(x0=[0.0], y=[0.0], height=_BAR_HEIGHT, width=[0.0])
        self.plot.addItem(self.bars)
        self.value_labels: list[pg.TextItem] = []
        self.gifts: list[GiftContribution] = []
        self.values = np.zeros(0)
        self.finish_controls()

    @property
    def ranking(self) -> str:
        return str(self.mode_combo.currentData())

    def recolor(self) -> None:
        self.bars.setOpts(brush=pg.mkBrush(self.series_color(0)), pen=pg.mkPen(None))
        for label in self.value_labels:
            label.setColor(self.foreground())

    def refresh(self) -> None:
        start, end = self.date_range()
        ranked = gift_contributions(
            self.ctx.store.repo, self.account_id, start, end, by=self.ranking
        )
        self.show_span()
        self.gifts = ranked[:TOP_GIFTS]
        if self.ranking == "count":
            self.values = np.array([g.count for g in self.gifts], dtype=np.float64)
        else:
            self.values = np.array([float(g.diamonds) for g in self.gifts], dtype=np.float64)
        self.set_axis_label("bottom", self.rank_names[self.ranking])
        positions = np.arange(len(self.gifts), dtype=np.float64)
        self.bars.setOpts(x0=0.0, y=positions, height=_BAR_HEIGHT, width=self.values)
        self.bars.setVisible(bool(self.gifts))
        self._label_axis()
        self._label_bars(positions)
        top = float(self.values.max()) if self.values.size else 1.0
        # Room at the right for the figure written after the longest bar.
        self.plot.getPlotItem().setRange(
            xRange=(0.0, top * 1.15), yRange=(-0.5, max(len(self.gifts), 1) - 0.5), padding=0
        )
        self.note.setText(
            self.tr("Top {shown} of {total} gifts").format(
                shown=self.ctx.fmt.integer(len(self.gifts)),
                total=self.ctx.fmt.integer(len(ranked)),
            )
            if ranked
            else ""
        )
        self.show_message(
            None
            if ranked
            else self.tr(
                "No gifts recorded in this range.\nThis chart counts the gifts entered one by"
                " one in a LIVE (Sessions, edit a LIVE, Gifts); a Diamonds total alone has none."
            )
        )

    def _label_axis(self) -> None:
        axis = self.plot.getPlotItem().getAxis("left")
        names = [short_name(g.gift) for g in self.gifts]
        axis.setTicks([list(enumerate(names))])
        metrics = QFontMetrics(self.chart_font())
        widest = max((metrics.horizontalAdvance(name) for name in names), default=40)
        axis.setWidth(widest + 16)

    def _label_bars(self, positions: np.ndarray) -> None:
        for label in self.value_labels:
            self.plot.removeItem(label)
        self.value_labels = []
        fmt = self.ctx.fmt
        for gift, value, y in zip(self.gifts, self.values, positions, strict=True):
            text = fmt.integer(gift.count) if self.ranking == "count" else fmt.integer(round(value))
            label = pg.TextItem(" " + text, color=self.foreground(), anchor=(0, 0.5))
            label.setFont(self.chart_font(0.9))
            label.setPos(float(value), float(y))
            label.setToolTip(
                self.tr("{gift}: {count} gifts, {diamonds} Diamonds").format(
                    gift=gift.gift,
                    count=fmt.integer(gift.count),
                    diamonds=fmt.integer(round(gift.diamonds)),
                )
            )
            self.plot.addItem(label)
            self.value_labels.append(label)
