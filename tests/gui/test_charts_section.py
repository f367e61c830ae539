"""The Charts section: every chart in a tab, redrawn only when shown, bar clicks forwarded."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QPointF, Qt

from tiklive_desktop.core.entities import Account, Session
from tiklive_desktop.gui.charts.balance import BalanceChart
from tiklive_desktop.gui.charts.earnings import EarningsChart
from tiklive_desktop.gui.charts.engagement import EngagementChart, WeekHourChart
from tiklive_desktop.gui.charts.gifts import GiftsChart
from tiklive_desktop.gui.charts.income_mix import IncomeMixChart
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.sections.charts import ChartsSection

TODAY = date(2026, 10, 31)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def section(qtbot, ctx: Context, sample_sessions) -> ChartsSection:
    widget = ChartsSection(ctx, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_every_chart_has_its_tab(section: ChartsSection) -> None:
    kinds = [type(chart) for chart in section.charts()]
    assert kinds == [
        EarningsChart,
        BalanceChart,
        EngagementChart,
        WeekHourChart,
        GiftsChart,
        IncomeMixChart,
    ]
    names = [section.tabs.tabText(i) for i in range(section.tabs.count())]
    assert names == ["Earnings", "Balance", "Engagement", "Best times", "Gifts", "Income mix"]
    assert all(section.tabs.tabToolTip(i) for i in range(section.tabs.count()))


def test_a_hidden_tab_is_redrawn_when_opened_and_the_tab_is_remembered(
    section: ChartsSection, ctx: Context, qtbot, account: Account
) -> None:
    assert account.id is not None
    assert section.earnings.heights.sum() == 60599  # the shown tab was drawn
    assert len(section.balance.x) == 0  # the hidden one was not
    ctx.store.repo.add_session(
        Session(account.id, datetime(2026, 10, 30, 20), timedelta(hours=1), 1000)
    )
    qtbot.waitUntil(lambda: section.earnings.heights.sum() == 61599)
    tab_bar = section.tabs.tabBar()
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(1).center())
    assert section.tabs.currentWidget() is section.balance
    assert section.balance.balance[-1] == 61599  # drawn on opening, with the new session
    again = ChartsSection(ctx, today=lambda: TODAY)
    qtbot.addWidget(again)
    assert again.tabs.currentIndex() == 1


def test_a_click_on_an_earnings_bar_is_forwarded(section: ChartsSection, qtbot) -> None:
    earnings = section.earnings
    earnings.granularity.setCurrentIndex(2)  # months: the last 12 up to October
    index = len(earnings.x) - 1
    view = earnings.plot.getPlotItem().getViewBox()
    center = QPointF(earnings.x[index] + earnings.widths[index] / 2, 1000)
    where = earnings.plot.mapFromScene(view.mapViewToScene(center))
    with qtbot.waitSignal(section.period_clicked) as clicked:
        qtbot.mouseClick(earnings.plot.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert clicked.args == [date(2026, 10, 1), date(2026, 10, 31)]
