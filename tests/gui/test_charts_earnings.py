"""The earnings chart: what it plots, against sums the test makes itself over the sessions.

Sample (conftest), account luna: Mon 2026-10-05 2 h 30,000 Diamonds; Wed 10-07 1.5 h
30,099 Diamonds (Rose x100 + Lion); Sun 10-25 1 h 500 Diamonds. 1 Diamond = $0.005.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPalette

from tiklive_desktop.core.entities import Account, Session
from tiklive_desktop.gui.charts.base import day_to_x
from tiklive_desktop.gui.charts.earnings import EarningsChart
from tiklive_desktop.gui.context import Context
from tiklive_desktop.storage.queries import SessionQuery

TODAY = date(2026, 10, 31)
OCT_1, OCT_31 = date(2026, 10, 1), date(2026, 10, 31)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def chart(qtbot, ctx: Context, sample_sessions) -> EarningsChart:
    widget = EarningsChart(ctx, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def sums_by(
    ctx: Context, account_id: int | None, key: Callable[[date], date], field: str = "diamonds"
) -> dict[date, Decimal]:
    """A plain Python sum over every session (what the chart must not do, so the test does)."""
    rows = ctx.store.repo.query_sessions(SessionQuery(account_id=account_id), 10_000)
    totals: dict[date, Decimal] = defaultdict(Decimal)
    for row in rows:
        totals[key(row.start.date())] += Decimal(getattr(row, field))
    return totals


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def expected(totals: dict[date, Decimal], firsts: list[date]) -> list[float]:
    return [float(totals.get(day, 0)) for day in firsts]


def pick_range(chart: EarningsChart, start: date, end: date) -> None:
    """Pick both dates (as the calendar pop-up does), which switches the preset to "Custom"."""
    for edit, day in ((chart.range_picker.start_edit, start), (chart.range_picker.end_edit, end)):
        edit.setDate(QDate(day.year, day.month, day.day))


def test_weeks_of_october_are_plotted_as_summed_from_the_sessions(
    chart: EarningsChart, ctx: Context, qtbot
) -> None:
    pick_range(chart, OCT_1, OCT_31)
    assert chart.range_picker.key() == "custom"
    firsts = [date(2026, 9, 28) + timedelta(weeks=i) for i in range(5)]
    assert chart.x.tolist() == [day_to_x(d) for d in firsts]
    assert chart.widths.tolist() == [7 * 86400.0] * 5
    weekly = sums_by(ctx, None, monday)
    assert chart.heights.tolist() == expected(weekly, firsts) == [0, 60099, 0, 500, 0]
    # What the bar item itself holds, not only the chart's attributes.
    bars = chart.bars.opts
    assert np.allclose(bars["height"], chart.heights)
    assert np.allclose(bars["x0"], chart.x + 0.1 * chart.widths)
    assert np.allclose(bars["width"], 0.8 * chart.widths)
    # 4-week trailing mean: the 3 weeks before the range (empty) are read too.
    assert chart.average.tolist() == [0, 60099 / 4, 60099 / 4, 60599 / 4, 60599 / 4]
    line_x, line_y = chart.average_line.getData()
    assert np.allclose(line_y, chart.average)
    assert np.allclose(line_x, chart.x + 3.5 * 86400)


def test_switching_to_days_months_and_money_with_the_keyboard(
    chart: EarningsChart, ctx: Context, qtbot
) -> None:
    pick_range(chart, OCT_1, OCT_31)
    chart.granularity.setFocus()
    qtbot.keyClick(chart.granularity, Qt.Key.Key_Up)  # week -> day
    assert chart.granularity_key() == "day"
    firsts = [date(2026, 10, 1) + timedelta(days=i) for i in range(31)]
    assert chart.x.tolist() == [day_to_x(d) for d in firsts]
    daily = sums_by(ctx, None, lambda d: d)
    assert chart.heights.tolist() == expected(daily, firsts)
    assert chart.heights[4] == 30000 and chart.heights[6] == 30099  # Oct 5 and Oct 7
    assert chart.average[6] == pytest.approx(60099 / 7)  # Oct 1..7
    assert chart.average[11] == pytest.approx(30099 / 7)  # Oct 6..12: Oct 7 only

    qtbot.keyClick(chart.granularity, Qt.Key.Key_Down)
    qtbot.keyClick(chart.granularity, Qt.Key.Key_Down)  # -> month
    assert chart.granularity_key() == "month"
    assert chart.x.tolist() == [day_to_x(date(2026, 10, 1))]
    assert chart.widths.tolist() == [31 * 86400.0]
    assert chart.heights.tolist() == [60599]
    assert not chart.average_line.isVisible()  # one bar: no line to draw

    chart.measure.setFocus()
    qtbot.keyClick(chart.measure, Qt.Key.Key_Down)  # Diamonds -> money
    assert chart.measure_key() == "money"
    monthly_usd = sums_by(ctx, None, lambda d: d.replace(day=1), "net_usd")
    assert chart.heights.tolist() == [float(monthly_usd[date(2026, 10, 1)])] == [302.995]
    assert chart.value_axis.currency == "USD"
    assert "Money per month (USD)" in chart.plot.getPlotItem().getAxis("left").labelText
    assert chart.value_axis.tickStrings([1200.0], 1.0, 200.0) == ["$1,200"]


def test_the_account_selection_and_the_preset_ranges_filter_the_bars(
    chart: EarningsChart, ctx: Context, qtbot, account: Account
) -> None:
    repo = ctx.store.repo
    bob = repo.add_account(Account(handle="bob.bakes"))
    assert bob.id is not None
    repo.add_session(Session(bob.id, datetime(2026, 10, 6, 9), timedelta(hours=1), 7000))
    chart.granularity.setCurrentIndex(0)  # days
    chart.range_picker.preset.setFocus()
    chart.range_picker.select("30d")
    qtbot.waitUntil(lambda: 7000 in chart.heights.tolist() or chart.heights[4] == 37000)
    firsts = [TODAY - timedelta(days=29 - i) for i in range(30)]
    assert chart.x.tolist() == [day_to_x(d) for d in firsts]
    assert chart.heights.tolist() == expected(sums_by(ctx, None, lambda d: d), firsts)
    assert chart.heights[firsts.index(date(2026, 10, 6))] == 7000

    ctx.account.set(bob.id)
    qtbot.waitUntil(lambda: chart.heights.sum() == 7000)
    assert chart.heights.tolist() == expected(sums_by(ctx, bob.id, lambda d: d), firsts)
    ctx.account.set(account.id)
    qtbot.waitUntil(lambda: chart.heights.sum() == 60599)
    assert chart.heights[firsts.index(date(2026, 10, 6))] == 0


def test_all_time_runs_from_the_first_session_and_shows_those_dates(
    chart: EarningsChart, qtbot
) -> None:
    chart.range_picker.select("all")
    assert chart.x[0] == day_to_x(date(2026, 10, 5)) and chart.x[-1] == day_to_x(date(2026, 10, 19))
    assert chart.range_picker.start_edit.date().toPython() == date(2026, 10, 5)
    assert chart.range_picker.end_edit.date().toPython() == date(2026, 10, 25)


def bar_center(chart: EarningsChart, index: int) -> QPointF:
    x = chart.x[index] + chart.widths[index] / 2
    view = chart.plot.getPlotItem().getViewBox()
    return view.mapViewToScene(QPointF(x, chart.heights.max() / 4))


def test_clicking_a_bar_asks_for_its_sessions(chart: EarningsChart, qtbot) -> None:
    pick_range(chart, OCT_1, OCT_31)
    scene = bar_center(chart, 1)
    where: QPoint = chart.plot.mapFromScene(scene)
    with qtbot.waitSignal(chart.period_clicked) as clicked:
        qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert clicked.args == [date(2026, 10, 5), date(2026, 10, 11)]
    with qtbot.assertNotEmitted(chart.period_clicked):
        outside = chart.plot.getPlotItem().getViewBox().mapViewToScene(QPointF(0, 0))
        assert not chart.click_at(outside)


def test_hovering_a_bar_shows_the_periods_figures(chart: EarningsChart, qtbot) -> None:
    pick_range(chart, OCT_1, OCT_31)
    chart.hover_at(bar_center(chart, 1))
    assert chart.hover_text.splitlines() == [
        "Week 41, 10/5/26 – 10/11/26",
        "Diamonds: 60,099",
        "Money (net): $300.50",  # 60,099 x $0.005 = $300.495, half up
        "LIVE sessions: 2",
        "Hours live: 3 h 30 min",
        "Average: 15,025 Diamonds",  # 60,099 / 4 = 15,024.75
    ]
    chart.hover_at(bar_center(chart, 4))
    assert chart.hover_text.splitlines()[0] == "Week 44, 10/26/26 – 11/1/26 (so far)"


def test_export_png_writes_a_non_blank_image_of_the_requested_size(
    chart: EarningsChart, tmp_path: Path, dialogs, qtbot
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "earnings.png"
    chart.export_png(target, 640, 360)
    image = QImage(str(target))
    assert (image.width(), image.height()) == (640, 360)
    assert len({image.pixel(x, y) for x in range(0, 640, 8) for y in range(0, 360, 8)}) > 2
    # Another shape than the widget's, and a chart never shown: still exactly that size.
    tall = tmp_path / "tall.png"
    hidden = EarningsChart(chart.ctx, today=lambda: TODAY)
    qtbot.addWidget(hidden)
    hidden.refresh()
    for source, size in ((chart, (300, 900)), (hidden, (1000, 400))):
        source.export_png(tall, *size)
        image = QImage(str(tall))
        assert (image.width(), image.height()) == size
        assert (
            len({image.pixel(x, y) for x in range(0, size[0], 7) for y in range(0, size[1], 7)}) > 2
        )
    tall.unlink()
    # Through the button, with the path the dialog returns; no temp file left behind.
    dialogs.paths.append(str(tmp_path / "button.png"))
    chart.export_button.click()
    assert QImage(str(tmp_path / "button.png")).width() >= 1200
    assert sorted(p.name for p in tmp_path.iterdir()) == ["button.png", "earnings.png"]


def test_the_chart_follows_a_dark_palette(chart: EarningsChart) -> None:
    palette = QPalette(chart.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#17181a"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e8eaed"))
    chart.setPalette(palette)
    assert chart.plot.backgroundBrush().color() == QColor("#17181a")
    axis = chart.plot.getPlotItem().getAxis("left")
    assert axis.textPen().color() == QColor("#e8eaed")


def test_new_sessions_redraw_a_visible_chart_and_mark_a_hidden_one_stale(
    chart: EarningsChart, ctx: Context, qtbot, account: Account
) -> None:
    assert account.id is not None
    chart.granularity.setCurrentIndex(2)  # months, last 12 months
    assert chart.heights[-2:].tolist() == [0, 60599]  # September, October
    repo = ctx.store.repo
    repo.add_session(Session(account.id, datetime(2026, 10, 30, 20), timedelta(hours=1), 900))
    qtbot.waitUntil(lambda: chart.heights[-1] == 61499)
    chart.hide()
    repo.add_session(Session(account.id, datetime(2026, 10, 31, 20), timedelta(hours=1), 100))
    qtbot.wait(10)
    assert chart.heights[-1] == 61499  # hidden: not redrawn yet
    chart.show()
    assert chart.heights[-1] == 61599


def test_an_empty_range_says_what_to_do(chart: EarningsChart, qtbot) -> None:
    pick_range(chart, date(2026, 1, 1), date(2026, 1, 31))
    assert chart.stack.currentWidget() is chart.message
    assert "No LIVE earnings in this range" in chart.message.text()
    assert not chart.export_button.isEnabled()


def statements(ctx: Context) -> list[str]:
    """Every SQL statement run on the chart's connection from now on (a live list)."""
    ran: list[str] = []
    ctx.store.repo.conn.set_trace_callback(ran.append)
    return ran


def test_measure_average_theme_and_redraw_do_not_query_again(
    chart: EarningsChart, ctx: Context, qtbot
) -> None:
    """Only a data or query change reloads; the rest is drawn from the kept arrays."""
    pick_range(chart, OCT_1, OCT_31)
    chart.granularity.setCurrentIndex(chart.granularity.findData("day"))
    view = chart.plot.getPlotItem().getViewBox()
    view.setXRange(day_to_x(date(2026, 10, 3)), day_to_x(date(2026, 10, 12)), padding=0)
    shown = view.viewRange()[0]
    ran = statements(ctx)
    try:
        chart.measure.setCurrentIndex(chart.measure.findData("money"))
        daily_usd = sums_by(ctx, None, lambda d: d, "net_usd")
        firsts = [OCT_1 + timedelta(days=i) for i in range(31)]
        ran.clear()  # sums_by is the test's own query
        assert chart.heights.tolist() == expected(daily_usd, firsts)
        assert np.allclose(chart.bars.opts["height"], chart.heights)
        assert chart.average[6] == pytest.approx(
            float(daily_usd[date(2026, 10, 5)] + daily_usd[date(2026, 10, 7)]) / 7
        )
        assert view.viewRange()[0] == pytest.approx(shown)  # the user's view stays
        chart.average_box.setChecked(False)
        assert not chart.average_line.isVisible()
        assert not len(chart.average_line.getData()[1])
        chart.average_box.setChecked(True)
        _line_x, line_y = chart.average_line.getData()
        assert np.allclose(line_y, chart.average, equal_nan=True)
        palette = QPalette(chart.palette())
        palette.setColor(QPalette.ColorRole.Base, QColor("#17181a"))
        chart.setPalette(palette)
        chart.resize(700, 400)
        chart.hide()
        chart.show()
        chart.redraw()
        chart.plot.grab()
        assert ran == []
        chart.measure.setCurrentIndex(chart.measure.findData("diamonds"))
        assert chart.heights.tolist() == expected(sums_by(ctx, None, lambda d: d), firsts)
    finally:
        ctx.store.repo.conn.set_trace_callback(None)


def test_a_data_change_reloads_and_redraw_shows_the_kept_arrays(
    chart: EarningsChart, ctx: Context, qtbot, account: Account
) -> None:
    assert account.id is not None
    chart.granularity.setCurrentIndex(chart.granularity.findData("month"))
    before = chart.heights.copy()
    chart.bars.setOpts(height=np.zeros(len(before)))  # as if something else drew over it
    chart.redraw()
    assert np.array_equal(chart.bars.opts["height"], before)
    ran = statements(ctx)
    try:
        ctx.store.repo.add_session(
            Session(account.id, datetime(2026, 10, 30, 20), timedelta(hours=1), 900)
        )
        qtbot.waitUntil(lambda: chart.heights[-1] == before[-1] + 900)
        assert any("sessions" in sql for sql in ran)  # it did read again
        assert np.array_equal(chart.bars.opts["height"], chart.heights)
    finally:
        ctx.store.repo.conn.set_trace_callback(None)
