"""Income mix: the stacked monthly bars read back from the chart, against sums made here.

``sample_sessions`` (conftest.py) earn, at $0.005 a Diamond: 10-05 30000 -> $150,
10-07 30099 -> $150.495, 10-25 500 -> $2.50; October's LIVE net is $302.995.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import numpy as np
import pytest

from tiklive_desktop.core.entities import Account, ExchangeRate, IncomeKind, OtherIncome, Session
from tiklive_desktop.gui.charts.base import day_to_x, x_to_day
from tiklive_desktop.gui.charts.income_mix import LIVE, IncomeMixChart
from tiklive_desktop.gui.context import Context
from tiklive_desktop.storage.repository import Repository

D = Decimal
TODAY = date(2026, 12, 31)
INCOME = [
    (date(2026, 10, 12), IncomeKind.BRAND, D(200), "USD"),
    (date(2026, 10, 20), IncomeKind.DONATION, D(46), "EUR"),  # at 0.92 EUR per USD: $50
    (date(2026, 12, 1), IncomeKind.MERCHANDISE, D("40.25"), "USD"),
]


@pytest.fixture
def chart(
    qtbot, ctx: Context, repo: Repository, account: Account, sample_sessions: list[Session]
) -> IncomeMixChart:
    assert account.id is not None
    repo.add_exchange_rate(ExchangeRate("EUR", date(2026, 1, 1), D("0.92")))
    for day, kind, amount, currency in INCOME:
        repo.add_income(OtherIncome(account.id, day, kind, amount, currency))
    widget = IncomeMixChart(ctx, today=lambda: TODAY)  # "last 12 months": 2026-01-01 on
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitUntil(lambda: bool(widget.months))
    return widget


def expected_usd(sessions: list[Session]) -> dict[str, list[float]]:
    """Per series, per month (Oct, Nov, Dec 2026), worked out from the entities."""
    months = ["2026-10", "2026-11", "2026-12"]
    series = {key: [0.0, 0.0, 0.0] for key in (LIVE, "brand partnership")}
    for s in sessions:
        diamonds = s.reported_diamonds or sum(line.coins for line in s.gift_lines)
        series[LIVE][months.index(s.start.strftime("%Y-%m"))] += diamonds * 0.005
    for day, kind, amount, currency in INCOME:
        usd = float(amount) / (0.92 if currency == "EUR" else 1)
        series.setdefault(kind.value, [0.0, 0.0, 0.0])[months.index(day.strftime("%Y-%m"))] += usd
    return series


def test_stacked_bars_per_month_and_stream(
    chart: IncomeMixChart, sample_sessions: list[Session]
) -> None:
    expected = expected_usd(sample_sessions)
    # in IncomeKind order: brand, merchandise, donation; LIVE at the bottom
    assert list(chart.series) == [LIVE, "brand partnership", "merchandise", "donation/crowdfunding"]
    bottom = np.zeros(3)
    for key, item in chart.series.items():
        np.testing.assert_allclose(item.opts["height"], expected[key])
        np.testing.assert_allclose(item.opts["y0"], bottom)
        bottom += expected[key]
    # by hand: October 302.995 + 200 + 50, November nothing, December 40.25
    np.testing.assert_allclose(bottom, [552.995, 0.0, 40.25])
    assert [label.text for _sample, label in chart.legend.items] == [
        "LIVE gifts (net)",
        "Brand partnership",
        "Merchandise",
        "Donations / crowdfunding",
    ]
    # each bar stands inside its own month
    live = chart.series[LIVE].opts
    for x0, width, month in zip(live["x0"], live["width"], (10, 11, 12), strict=True):
        assert x_to_day(x0).month == month and x_to_day(x0 + width).month == month
        assert x0 > day_to_x(date(2026, month, 1))
    assert chart.plot.getPlotItem().getAxis("left").labelText == "Income per month (USD)"
    # 302.995 + 200 + 50 + 40.25 = 593.245, rounded half up once
    assert chart.note.text() == "3 months, $593.25 in all"


def test_date_range_drops_months(qtbot, chart: IncomeMixChart) -> None:
    chart.range_picker.select("30d")  # 2026-12-02 to 12-31: nothing
    qtbot.waitUntil(lambda: chart.stack.currentWidget() is chart.message)
    chart.set_range(date(2026, 11, 1), date(2026, 12, 31))
    qtbot.waitUntil(lambda: bool(chart.months))
    assert [m.month for m in chart.months] == ["2026-12"]  # November had no income at all
    assert list(chart.series) == [LIVE, "merchandise"]
    np.testing.assert_allclose(chart.series["merchandise"].opts["height"], [40.25])


def test_month_tooltip_text(chart: IncomeMixChart) -> None:
    assert chart.month_text(0).split("\n") == [
        "October 2026",
        "LIVE gifts (net): $303.00",  # $302.995 rounded once, half up
        "Brand partnership: $200.00",
        "Donations / crowdfunding: $50.00",
        "Total: $553.00",
    ]


def test_shown_in_the_account_currency(
    qtbot, chart: IncomeMixChart, repo: Repository, account: Account
) -> None:
    repo.update_account(dataclasses.replace(account, currency="EUR"))
    qtbot.waitUntil(lambda: chart.shown.currency == "EUR")
    np.testing.assert_allclose(chart.series[LIVE].opts["height"], [302.995 * 0.92, 0, 0])
    np.testing.assert_allclose(chart.series["donation/crowdfunding"].opts["height"], [46, 0, 0])
    assert chart.plot.getPlotItem().getAxis("left").labelText == "Income per month (EUR)"
    assert chart.money_axis.currency == "EUR"


def test_missing_exchange_rate_is_said_not_hidden(
    qtbot, chart: IncomeMixChart, repo: Repository, account: Account
) -> None:
    assert account.id is not None
    repo.add_income(OtherIncome(account.id, date(2026, 11, 3), IncomeKind.OTHER, D(500), "JPY"))
    qtbot.waitUntil(lambda: chart.stack.currentWidget() is chart.message)
    assert chart.message.text() == (
        "Other income cannot be totalled: no exchange rate for JPY:"
        " add one to chart other income in USD."
    )
    assert chart.series == {} and chart.legend.items == []
    assert not chart.export_button.isEnabled()


def test_no_income(qtbot, ctx: Context) -> None:
    chart = IncomeMixChart(ctx, today=lambda: TODAY)
    qtbot.addWidget(chart)
    chart.refresh()
    assert chart.series == {} and chart.message.text().startswith("No income in this range.")
