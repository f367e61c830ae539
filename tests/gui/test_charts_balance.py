"""The balance chart against a balance the test adds up day by day from the records.

Sample (conftest), luna: 10-05 30,000, 10-07 30,099, 10-25 500 Diamonds. Here luna
withdraws 50,000 Diamonds on 10-10. US minimum $100 / $0.005 = 20,000 Diamonds.
Today 10-31: balance 10,599; pace 60,599 / 30 a day; 9,401 missing ->
ceil(9,401 x 30 / 60,599) = ceil(4.65) = 5 days -> the minimum on 11-05.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QDate, QPointF, Qt
from PySide6.QtGui import QImage

from tiklive_desktop.core.entities import Account, Session, Withdrawal
from tiklive_desktop.gui.charts.balance import BalanceChart
from tiklive_desktop.gui.charts.base import day_to_x
from tiklive_desktop.gui.context import Context
from tiklive_desktop.storage.queries import SessionQuery

TODAY = date(2026, 10, 31)
OCTOBER = [date(2026, 10, 1) + timedelta(days=i) for i in range(31)]
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def luna(ctx: Context, sample_sessions, account: Account) -> Account:
    assert account.id is not None
    ctx.store.repo.add_withdrawal(Withdrawal(account.id, date(2026, 10, 10), 50000, Decimal(250)))
    return account


@pytest.fixture
def chart(qtbot, ctx: Context, luna: Account) -> BalanceChart:
    widget = BalanceChart(ctx, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    pick_october(widget)
    return widget


def pick_october(chart: BalanceChart) -> None:
    for edit, day in (
        (chart.range_picker.start_edit, OCTOBER[0]),
        (chart.range_picker.end_edit, OCTOBER[-1]),
    ):
        edit.setDate(QDate(day.year, day.month, day.day))


def balance_by_hand(ctx: Context, account_id: int | None, days: list[date]) -> list[float]:
    """Every session and withdrawal up to the end of each day, added up in plain Python."""
    repo = ctx.store.repo
    sessions = repo.query_sessions(SessionQuery(account_id=account_id), 10_000)
    withdrawals = repo.list_withdrawals(account_id)
    return [
        float(
            sum(s.diamonds for s in sessions if s.start.date() <= day)
            - sum(w.diamonds for w in withdrawals if w.date <= day)
        )
        for day in days
    ]


def test_the_plotted_balance_is_the_records_added_up_day_by_day(
    chart: BalanceChart, ctx: Context, luna: Account
) -> None:
    assert chart.range_picker.key() == "custom"
    assert chart.x.tolist() == [day_to_x(d) for d in OCTOBER]
    expected = balance_by_hand(ctx, None, OCTOBER)
    assert chart.balance.tolist() == expected
    assert expected[4] == 30000 and expected[9] == 10099 and expected[-1] == 10599
    line_x, line_y = chart.balance_line.getData()
    assert np.array_equal(line_x, chart.x) and np.array_equal(line_y, chart.balance)
    # The withdrawal is marked on the line, at the balance it left.
    marks = chart.withdrawal_marks.getData()
    assert marks[0].tolist() == [day_to_x(date(2026, 10, 10))] and marks[1].tolist() == [10099]
    assert chart.minimum_line.value() == 20000


def test_the_forecast_runs_from_today_to_the_day_the_pace_reaches_the_minimum(
    chart: BalanceChart, qtbot
) -> None:
    assert chart.forecast_x.tolist() == [day_to_x(TODAY), day_to_x(date(2026, 11, 5))]
    assert chart.forecast_y.tolist() == [10599, 20000]
    assert np.array_equal(chart.forecast_line.getData()[1], chart.forecast_y)
    assert chart.forecast_line.opts["pen"].style() == Qt.PenStyle.DashLine
    assert chart.caption.text() == (
        "Balance today: 10,599 Diamonds. At your 30-day pace the minimum is reached on 11/5/26."
    )
    assert chart.forecast_label.textItem.toPlainText() == "Cash-out ≈ 11/5/26"
    chart.forecast_box.click()
    assert len(chart.forecast_x) == 0 and len(chart.forecast_line.getData()[0] or []) == 0


def test_no_forecast_once_eligible_and_the_account_filter(
    chart: BalanceChart, ctx: Context, qtbot, luna: Account
) -> None:
    repo = ctx.store.repo
    bob = repo.add_account(Account(handle="bob.bakes"))
    assert bob.id is not None
    repo.add_session(Session(bob.id, datetime(2026, 10, 20, 9), timedelta(hours=1), 12000))
    # All accounts: 10,599 + 12,000 = 22,599 >= 20,000.
    qtbot.waitUntil(lambda: chart.balance[-1] == 22599)
    assert chart.balance.tolist() == balance_by_hand(ctx, None, OCTOBER)
    assert len(chart.forecast_x) == 0
    assert chart.caption.text().endswith("You can cash out now.")
    ctx.account.set(bob.id)
    qtbot.waitUntil(lambda: chart.balance[-1] == 12000)
    assert chart.balance.tolist() == balance_by_hand(ctx, bob.id, OCTOBER)
    assert len(chart.withdrawal_x) == 0
    ctx.account.set(luna.id)
    qtbot.waitUntil(lambda: chart.balance[-1] == 10599)
    assert chart.balance.tolist() == balance_by_hand(ctx, luna.id, OCTOBER)


def test_the_last_30_days_start_from_the_balance_before_them(chart: BalanceChart, ctx) -> None:
    chart.range_picker.select("30d")
    days = [TODAY - timedelta(days=29 - i) for i in range(30)]
    assert chart.x.tolist() == [day_to_x(d) for d in days]
    assert chart.balance.tolist() == balance_by_hand(ctx, None, days)
    chart.range_picker.select("all")
    # From the first record to today (the balance stays after the last LIVE).
    assert chart.x[0] == day_to_x(date(2026, 10, 5)) and chart.x[-1] == day_to_x(TODAY)
    assert chart.balance[-1] == 10599
    assert not chart.range_picker.start_edit.isEnabled()
    assert chart.range_picker.start_edit.date().toPython() == date(2026, 10, 5)


def test_hovering_names_withdrawals_and_daily_balances(chart: BalanceChart) -> None:
    view = chart.plot.getPlotItem().getViewBox()
    mark = view.mapViewToScene(QPointF(day_to_x(date(2026, 10, 10)), 10099))
    chart.hover_at(mark + QPointF(2, 2))
    assert chart.hover_text == "Withdrawal on 10/10/26: 50,000 Diamonds"
    day = view.mapViewToScene(QPointF(day_to_x(date(2026, 10, 7)) + 3600, 45000))
    chart.hover_at(day)
    assert chart.hover_text == "10/7/26: 60,099 Diamonds ($300.50)"


def test_export_png_of_the_requested_size(chart: BalanceChart, tmp_path: Path) -> None:
    target = tmp_path / "balance.png"
    chart.export_png(target, 800, 500)
    image = QImage(str(target))
    assert (image.width(), image.height()) == (800, 500)
    assert len({image.pixel(x, y) for x in range(0, 800, 10) for y in range(0, 500, 10)}) > 2


def test_nothing_recorded_says_what_to_do(qtbot, ctx: Context) -> None:
    chart = BalanceChart(ctx, today=lambda: TODAY)
    qtbot.addWidget(chart)
    chart.range_picker.select("all")
    chart.refresh()
    assert chart.stack.currentWidget() is chart.message
    assert "No Diamonds recorded yet" in chart.message.text()
