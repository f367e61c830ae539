"""Balance over time: the Diamonds in the wallet, day by day, and when cash-out is reached.

"When will I reach cash-out?" The balance (credited Diamonds minus withdrawals,
pending ones included as in ``core.cashout``) comes from
``storage.series.balance_series``; the minimum and the forecast come from the
same ``core.cashout`` rules the dashboard's cash-out card uses
(``storage.overview.cashout_status``), so the chart and the card never disagree.
The forecast is the straight line the 30-day pace draws from today's balance to
the minimum; there is none when the wallet is already eligible or nothing was
earned in the last 30 days.

The plotted arrays stay on the chart (``x``, ``balance``, ``withdrawal_x``,
``withdrawal_y``, ``minimum``, ``forecast_x``, ``forecast_y``) for the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QCursor
from PySide6.QtWidgets import QCheckBox, QToolTip, QWidget

from tiklive_desktop.core.cashout import CashoutStatus
from tiklive_desktop.core.money import diamonds_value_usd
from tiklive_desktop.gui.charts.base import (
    DENSE_POINTS,
    ChartView,
    DateAxis,
    DateRangePicker,
    NumberAxis,
    day_to_x,
    days_to_x,
    x_to_day,
)
from tiklive_desktop.gui.context import Context
from tiklive_desktop.storage.overview import (
    DisplayCurrency,
    cashout_status,
    display_currency,
    rate_today,
)
from tiklive_desktop.storage.series import BalanceSeries, balance_series, cashout_minimum

DAY_S = 86400.0
MARK_PIXELS = 10
"""How close (in pixels) the mouse must be to a withdrawal mark to describe it."""


class BalanceChart(ChartView):
    def __init__(
        self,
        ctx: Context,
        parent: QWidget | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        title = QCoreApplication.translate("BalanceChart", "Diamond balance and cash-out")
        super().__init__(ctx, title, parent)
        self.today: Callable[[], date] = today or date.today
        self.series: BalanceSeries | None = None
        self.status: CashoutStatus | None = None
        self.currency = DisplayCurrency("USD", None)
        self.minimum = 0
        self.x = np.zeros(0)
        self.balance = np.zeros(0)
        self.withdrawal_x = np.zeros(0)
        self.withdrawal_y = np.zeros(0)
        self.withdrawal_diamonds: list[int] = []
        self.forecast_x = np.zeros(0)
        self.forecast_y = np.zeros(0)
        self.hover_text = ""

        tr = self.tr
        self.range_picker = DateRangePicker(ctx.fmt, self.today, "12m")
        self.forecast_box = QCheckBox(tr("Forecast"))
        self.forecast_box.setChecked(True)
        self.forecast_box.setToolTip(
            tr("Continue the balance at your pace of the last 30 days up to the cash-out minimum")
        )
        self.controls.addWidget(self.range_picker)
        self.controls.addWidget(self.forecast_box)
        self.controls.addStretch(1)

        self.set_axes(left=NumberAxis(ctx.fmt, "left"), bottom=DateAxis(fmt=ctx.fmt))
        self.set_axis_label("left", tr("Diamonds in the wallet"))
        item = self.plot.getPlotItem()
        item.setMouseEnabled(x=True, y=False)
        item.enableAutoRange(y=False)
        self.legend = self.add_legend()
        self.balance_line = pg.PlotDataItem([], [], name=tr("Balance"))
        self.withdrawal_marks = pg.ScatterPlotItem(
            [], [], symbol="t", size=13, name=tr("Withdrawal")
        )
        self.minimum_line = pg.InfiniteLine(angle=0, movable=False)
        # Legend samples only: a line without the fill, a dashed line for the minimum.
        self.balance_proxy = pg.PlotDataItem([], [])
        self.minimum_proxy = pg.PlotDataItem([], [])
        self.forecast_line = pg.PlotDataItem([], [], name=tr("Forecast"))
        self.forecast_label = pg.TextItem(anchor=(1, 1.4))  # just above the minimum line
        for chart_item in (self.balance_line, self.forecast_line, self.withdrawal_marks):
            item.addItem(chart_item)
        item.addItem(self.minimum_line, ignoreBounds=True)
        item.addItem(self.forecast_label, ignoreBounds=True)
        # pyqtgraph issue 1854: clipToView only after the item is added.
        self.balance_line.setClipToView(True)
        self.balance_line.setDownsampling(auto=True, method="peak")
        self.apply_chart_theme()

        self.range_picker.changed.connect(self.refresh)
        self.forecast_box.toggled.connect(self._forecast_toggled)
        item.getViewBox().sigXRangeChanged.connect(self._fit_y)
        self.plot.scene().sigMouseMoved.connect(self.hover_at)

    # -- data -------------------------------------------------------------------------
    def refresh(self) -> None:
        repo = self.ctx.store.repo
        account_id = self.ctx.account.account_id
        today = self.today()
        start, end = self.range_picker.range()
        # "All time" runs up to today: the wallet keeps its balance after the last LIVE.
        self.series = balance_series(repo, account_id, start, end or today)
        self.status = cashout_status(repo, account_id, today)
        self.rate = rate_today(repo, account_id, today)
        self.minimum = cashout_minimum(repo, account_id, today, self.rate)
        self.currency = display_currency(repo, account_id, today)
        series = self.series
        if series is None:
            self.x = self.balance = self.withdrawal_x = self.withdrawal_y = np.zeros(0)
            self.withdrawal_diamonds = []
        else:
            self.x = days_to_x(series.days)
            self.balance = np.array(series.balance, dtype=float)
            self.withdrawal_x = days_to_x([d for d, _ in series.withdrawals])
            self.withdrawal_y = np.array(
                [series.balance_on(d) for d, _ in series.withdrawals], dtype=float
            )
            self.withdrawal_diamonds = [n for _, n in series.withdrawals]
            self.range_picker.show_bounds(series.start, series.end)
        self.forecast_x, self.forecast_y = self._forecast(today)
        self._draw()

    def _forecast_toggled(self) -> None:
        """The forecast comes from the kept status: show or hide it without a query."""
        if self.status is None:  # not read yet
            self.refresh()
            return
        self.forecast_x, self.forecast_y = self._forecast(self.today())
        self._draw()

    def _forecast(self, today: date) -> tuple[np.ndarray, np.ndarray]:
        """From today's balance to the minimum on the day the 30-day pace reaches it."""
        status = self.status
        if (
            not self.forecast_box.isChecked()
            or status is None
            or status.eligible
            or status.date_minimum_reached is None
        ):
            return np.zeros(0), np.zeros(0)
        xs = [day_to_x(today), day_to_x(status.date_minimum_reached)]
        return np.array(xs), np.array([float(status.balance_diamonds), float(self.minimum)])

    def _draw(self) -> None:
        tr, fmt = self.tr, self.ctx.fmt
        if self.series is None:
            self.show_message(
                tr(
                    "No Diamonds recorded yet. Record a LIVE session to see your balance grow "
                    "toward the cash-out minimum."
                )
            )
        else:
            self.show_message(None)
        self.balance_line.setData(self.x, self.balance)
        self.withdrawal_marks.setData(self.withdrawal_x, self.withdrawal_y)
        self.minimum_line.setPos(self.minimum)
        minimum_money = fmt.shown_money(diamonds_value_usd(self.minimum, self.rate), self.currency)
        self.minimum_text = tr("Cash-out minimum: {n} Diamonds ({money})").format(
            n=fmt.integer(self.minimum), money=minimum_money
        )
        self.forecast_line.setData(self.forecast_x, self.forecast_y)
        self.forecast_label.setVisible(bool(len(self.forecast_x)))
        if len(self.forecast_x):
            reached = fmt.day(x_to_day(self.forecast_x[-1]))
            self.forecast_label.setText(tr("Cash-out ≈ {day}").format(day=reached))
            self.forecast_label.setPos(self.forecast_x[-1], self.forecast_y[-1])
        self.legend.clear()
        self.legend.addItem(self.balance_proxy, tr("Balance"))
        if len(self.withdrawal_x):
            self.legend.addItem(self.withdrawal_marks, tr("Withdrawal"))
        if len(self.forecast_x):
            self.legend.addItem(self.forecast_line, tr("Forecast"))
        self.legend.addItem(self.minimum_proxy, self.minimum_text)
        self.set_caption(self._summary())
        self._style_items()
        xs = [a for a in (self.x, self.forecast_x) if len(a)]
        if xs:
            left = min(float(a.min()) for a in xs)
            right = max(float(a.max()) for a in xs) + DAY_S
            self.plot.getPlotItem().setXRange(left, right, padding=0.02)
        self._fit_y()

    def _summary(self) -> str:
        tr, fmt, status = self.tr, self.ctx.fmt, self.status
        if status is None:
            return ""
        balance = tr("Balance today: {n} Diamonds").format(n=fmt.integer(status.balance_diamonds))
        if status.eligible:
            return tr("{balance}. You can cash out now.").format(balance=balance)
        if status.date_minimum_reached is None:
            return tr(
                "{balance}. {needed} more to the minimum; no Diamonds in the last 30 days."
            ).format(balance=balance, needed=fmt.integer(status.diamonds_needed))
        return tr("{balance}. At your 30-day pace the minimum is reached on {day}.").format(
            balance=balance, day=fmt.day(status.date_minimum_reached)
        )

    def _fit_y(self) -> None:
        centers = np.concatenate([self.x, self.forecast_x])
        values = np.concatenate([self.balance, self.forecast_y])
        minimum = np.full(len(centers), float(self.minimum))
        self.fit_y(centers, values, minimum, margin=0.03)

    # -- theme ------------------------------------------------------------------------
    def theme_changed(self) -> None:
        if hasattr(self, "forecast_line"):
            self._style_items()

    def _style_items(self) -> None:
        line = self.series_color(1)
        fill = QColor(line)
        fill.setAlpha(50)
        dense = len(self.x) > DENSE_POINTS
        self.balance_line.setPen(pg.mkPen(line, width=self.line_width(len(self.x))))
        self.balance_proxy.setPen(pg.mkPen(line, width=2.5))
        # Filling under years of days costs more than it shows: only for shorter ranges.
        self.balance_line.setFillLevel(None if dense else 0)
        self.balance_line.setBrush(None if dense else pg.mkBrush(fill))
        mark = self.series_color(3)
        self.withdrawal_marks.setBrush(pg.mkBrush(mark))
        self.withdrawal_marks.setPen(pg.mkPen(self.foreground(), width=1))
        minimum_pen = pg.mkPen(self.accent(), width=2, style=Qt.PenStyle.DashLine)
        self.minimum_line.setPen(minimum_pen)
        self.minimum_proxy.setPen(minimum_pen)
        self.forecast_line.setPen(pg.mkPen(line, width=2.5, style=Qt.PenStyle.DashLine))
        self.forecast_label.setColor(self.foreground())
        self.forecast_label.setFont(self.chart_font())

    # -- hover ------------------------------------------------------------------------
    def text_at(self, scene_pos: QPointF) -> str:
        """A withdrawal mark near the mouse, else the balance of the day under it."""
        view = self.plot.getPlotItem().getViewBox()
        if self.series is None or not view.sceneBoundingRect().contains(scene_pos):
            return ""
        fmt, tr = self.ctx.fmt, self.tr
        for x, y, diamonds in zip(
            self.withdrawal_x, self.withdrawal_y, self.withdrawal_diamonds, strict=True
        ):
            mark = view.mapViewToScene(QPointF(x, y))
            if (mark - scene_pos).manhattanLength() <= MARK_PIXELS:
                return tr("Withdrawal on {day}: {n} Diamonds").format(
                    day=fmt.day(x_to_day(x)), n=fmt.integer(diamonds)
                )
        day = x_to_day(view.mapSceneToView(scene_pos).x())
        if not self.series.start <= day <= self.series.end:
            return ""
        balance = self.series.balance_on(day)
        money = fmt.shown_money(diamonds_value_usd(max(balance, 0), self.rate), self.currency)
        return tr("{day}: {n} Diamonds ({money})").format(
            day=fmt.day(day), n=fmt.integer(balance), money=money
        )

    def hover_at(self, scene_pos: QPointF) -> None:
        text = self.text_at(scene_pos)
        if text != self.hover_text:
            self.hover_text = text
            if text:
                QToolTip.showText(QCursor.pos(), text, self.plot)
            else:
                QToolTip.hideText()
