"""The engagement scatter and the weekday x hour heat map, read back from the plotted items.

Expected values are worked out here from the ``sample_sessions`` entities (conftest.py),
not from the storage functions the charts call: at the default rates 1 coin = 1 Diamond, so
a session's Diamonds are its reported figure, else the coins of its gift lines.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QDate, QPointF
from PySide6.QtGui import QColor, QImage, QPalette

from tiklive_desktop.core.entities import Account, Session
from tiklive_desktop.gui.charts.engagement import EngagementChart, WeekHourChart
from tiklive_desktop.gui.context import Context
from tiklive_desktop.storage.repository import Repository

FIELDS = {"likes": "likes", "viewers": "total_viewers", "new_followers": "new_followers"}


def diamonds(session: Session) -> int:
    if session.reported_diamonds is not None:
        return session.reported_diamonds
    return sum(line.coins for line in session.gift_lines)


def expected_pairs(sessions: list[Session], metric: str) -> list[tuple[float, float]]:
    return sorted((float(getattr(s, FIELDS[metric])), float(diamonds(s))) for s in sessions)


def plotted_pairs(chart: EngagementChart) -> list[tuple[float, float]]:
    x, y = chart.scatter.getData()
    return sorted(zip(np.asarray(x).tolist(), np.asarray(y).tolist(), strict=True))


@pytest.fixture
def chart(qtbot, ctx: Context, sample_sessions: list[Session]) -> EngagementChart:
    widget = EngagementChart(ctx)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitUntil(lambda: len(widget.scatter.data) == 3)
    return widget


def test_scatter_plots_likes_against_diamonds(
    chart: EngagementChart, sample_sessions: list[Session]
) -> None:
    assert plotted_pairs(chart) == expected_pairs(sample_sessions, "likes")
    # (0, 500), (5000, 30099), (12000, 30000)
    assert plotted_pairs(chart) == [(0.0, 500.0), (5000.0, 30099.0), (12000.0, 30000.0)]
    # "All time" shows the days it covers: the first and the last LIVE
    assert chart.range_picker.start_edit.date() == QDate(2026, 10, 5)
    assert chart.range_picker.end_edit.date() == QDate(2026, 10, 25)
    # One brush for every point: no per-point styles (they cost 100,000 lookups).
    assert all(brush is None for brush in chart.scatter.data["brush"])


def test_correlation_and_trend_line_hand_values(chart: EngagementChart) -> None:
    # likes 12000 5000 0, Diamonds 30000 30099 500: sum x 17000, sum y 60599,
    # sum xy 360,000,000 + 150,495,000 = 510,495,000, sum x^2 169,000,000, sum y^2 1,806,199,801
    # Sxy = 510,495,000 - 17000*60599/3 = 501,302,000/3; Sxx = 218,000,000/3;
    # Syy = 1,806,199,801 - 60599^2/3 = 1,746,360,602/3
    # r = 501,302,000 / sqrt(218,000,000 * 1,746,360,602) = 0.8125 -> "0.81"
    assert chart.note.text() == "r = 0.81, n = 3"
    assert "r = 0.81, n = 3" in chart.trend_label.text
    slope = 501_302_000 / 218_000_000  # 2.2995...
    intercept = 60599 / 3 - slope * 17000 / 3  # 7168.88...
    x, y = chart.trend_line.getData()
    assert np.asarray(x).tolist() == [0.0, 12000.0]
    assert np.asarray(y).tolist() == pytest.approx([intercept, intercept + slope * 12000])
    assert chart.trend.r == pytest.approx(501_302_000 / math.sqrt(218_000_000 * 1_746_360_602))


@pytest.mark.parametrize(
    ("typed", "metric", "text"),
    [
        # viewers 900 400 0: Sxy = 38,340,100/3, Sxx = 1,220,000/3 -> r = 0.8306
        ("Viewers", "viewers", "r = 0.83, n = 3"),
        # followers 40 10 0: Sxy = 1,473,020/3, Sxx = 2,600/3 -> r = 0.6913
        ("New", "new_followers", "r = 0.69, n = 3"),
    ],
)
def test_metric_combo_switches_the_x_values(
    qtbot,
    chart: EngagementChart,
    sample_sessions: list[Session],
    typed: str,
    metric: str,
    text: str,
) -> None:
    chart.metric_combo.setFocus()
    qtbot.keyClicks(chart.metric_combo, typed)
    assert chart.metric == metric
    qtbot.waitUntil(lambda: plotted_pairs(chart) == expected_pairs(sample_sessions, metric))
    assert chart.note.text() == text
    label = chart.plot.getPlotItem().getAxis("bottom").labelText
    assert (
        label == {"viewers": "Viewers per LIVE", "new_followers": "New followers per LIVE"}[metric]
    )


def test_account_range_and_new_data_refresh_the_scatter(
    qtbot, chart: EngagementChart, ctx: Context, repo: Repository, account: Account
) -> None:
    other = repo.add_account(Account(handle="sol.cooks"))
    assert other.id is not None and account.id is not None
    repo.add_session(
        Session(other.id, datetime(2026, 10, 6, 18, 0), timedelta(hours=1), 700, likes=321)
    )
    qtbot.waitUntil(lambda: chart.note.text().endswith("n = 4"))
    ctx.account.set(other.id)
    qtbot.waitUntil(lambda: plotted_pairs(chart) == [(321.0, 700.0)])
    assert chart.note.text() == "r: needs two sessions with different values, n = 1"
    assert not chart.trend_line.isVisible()
    ctx.account.set(account.id)
    chart.set_range(date(2026, 10, 6), date(2026, 10, 31))  # the 7th and the 25th
    qtbot.waitUntil(lambda: plotted_pairs(chart) == [(0.0, 500.0), (5000.0, 30099.0)])
    assert chart.note.text() == "r = 1.00, n = 2"  # two points lie on a line


def test_no_sessions(qtbot, ctx: Context) -> None:
    chart = EngagementChart(ctx)
    qtbot.addWidget(chart)
    chart.refresh()
    assert len(chart.scatter.data) == 0
    assert chart.note.text() == ""
    assert chart.stack.currentWidget() is chart.message
    assert chart.message.text().startswith("No LIVE sessions in this range.\nRecord a LIVE")
    assert not chart.trend_line.isVisible()


def test_export_png_is_non_blank_at_the_requested_size(
    chart: EngagementChart, tmp_path: Path
) -> None:
    path = tmp_path / "engagement.png"
    chart.export_png(path, 640, 360)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (640, 360)
    background = chart.background().rgb()
    pixels = [image.pixel(x, y) for x in range(0, 640, 2) for y in range(0, 360, 2)]
    drawn = sum(pixel != background for pixel in pixels)
    assert len(set(pixels)) > 10 and 0.02 < drawn / len(pixels) < 0.9


# --- weekday x hour -----------------------------------------------------------------------


def expected_rates(sessions: list[Session]) -> np.ndarray:
    grid_d, grid_s = np.zeros((7, 24)), np.zeros((7, 24))
    for s in sessions:
        grid_d[s.start.weekday(), s.start.hour] += diamonds(s)
        grid_s[s.start.weekday(), s.start.hour] += s.duration.total_seconds()
    rates = np.full((7, 24), np.nan)
    tried = grid_s > 0
    rates[tried] = grid_d[tried] * 3600 / grid_s[tried]
    return rates


def test_heat_map_cells(qtbot, ctx: Context, sample_sessions: list[Session]) -> None:
    chart = WeekHourChart(ctx)
    qtbot.addWidget(chart)
    chart.refresh()
    shown = chart.image.image.T  # ImageItem is (x = hour, y = weekday)
    expected = expected_rates(sample_sessions)
    np.testing.assert_allclose(shown, expected, equal_nan=True)
    # by hand: Mon 20h 30000 in 2 h; Wed 20h 30099 in 1.5 h; Sun 20h 500 in 1 h
    assert shown[0, 20] == 15000 and shown[2, 20] == pytest.approx(20066) and shown[6, 20] == 500
    assert int(np.isnan(shown).sum()) == 7 * 24 - 3  # never-tried hours stay NaN (hatched)
    assert chart.color_bar.levels() == pytest.approx((0.0, 20066.0))
    assert chart.cell_text(0, 20) == "Mon 20:00-20:59: 15,000 Diamonds per hour over 1 LIVE(s)"
    assert chart.cell_text(1, 3) == "Tue 03:00-03:59: no LIVE"
    ticks = chart.plot.getPlotItem().getAxis("left")._tickLevels[0]
    assert [name for _pos, name in ticks] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def test_heat_map_hover_tooltip(qtbot, ctx: Context, sample_sessions: list[Session]) -> None:
    chart = WeekHourChart(ctx)
    qtbot.addWidget(chart)
    chart.resize(900, 450)
    chart.show()
    qtbot.waitUntil(lambda: not np.isnan(chart.rates[0, 20]))
    view = chart.plot.getPlotItem().vb
    where = chart.plot.mapFromScene(view.mapViewToScene(QPointF(20.5, 0.5)))  # Mon, 20h
    qtbot.mouseMove(chart.plot.viewport(), where)
    qtbot.waitUntil(lambda: chart.plot.toolTip().startswith("Mon 20:00"))
    assert chart.plot.toolTip().endswith("15,000 Diamonds per hour over 1 LIVE(s)")


def test_redraw_and_theme_use_the_kept_points_without_a_query(
    chart: EngagementChart, ctx: Context, sample_sessions: list[Session], qtbot
) -> None:
    ran: list[str] = []
    ctx.store.repo.conn.set_trace_callback(ran.append)
    try:
        chart.scatter.setData(x=[], y=[])  # as if something else drew over it
        chart.redraw()
        palette = QPalette(chart.palette())
        palette.setColor(QPalette.ColorRole.Base, QColor("#17181a"))
        chart.setPalette(palette)
        chart.plot.grab()
        assert ran == []
        assert plotted_pairs(chart) == expected_pairs(sample_sessions, "likes")
        x, _y = chart.trend_line.getData()
        assert np.asarray(x).tolist() == [0.0, 12000.0]
        chart.set_metric("viewers")  # another query: read again
        qtbot.waitUntil(lambda: plotted_pairs(chart) == expected_pairs(sample_sessions, "viewers"))
        assert ran
    finally:
        ctx.store.repo.conn.set_trace_callback(None)
