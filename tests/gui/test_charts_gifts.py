"""Top gifts: bar lengths and names read back from the chart, against sums made here."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal

import numpy as np
import pytest

from tiklive_desktop.core.entities import Account, GiftLine, RatePeriod, Session
from tiklive_desktop.gui.charts.gifts import TOP_GIFTS, GiftsChart, short_name
from tiklive_desktop.gui.context import Context
from tiklive_desktop.storage.repository import Repository


def shown(chart: GiftsChart) -> list[tuple[str, float]]:
    """(axis name, bar length) from the top bar down."""
    ticks = chart.plot.getPlotItem().getAxis("left")._tickLevels[0]
    names = dict(ticks)
    opts = chart.bars.opts
    return [(names[int(y)], float(w)) for y, w in zip(opts["y"], opts["width"], strict=True)]


@pytest.fixture
def chart(qtbot, ctx: Context, sample_sessions: list[Session]) -> GiftsChart:
    widget = GiftsChart(ctx)
    qtbot.addWidget(widget)
    widget.resize(800, 400)
    widget.show()
    qtbot.waitUntil(lambda: bool(widget.gifts))
    return widget


def test_bars_by_diamonds_then_by_count(
    qtbot, chart: GiftsChart, sample_sessions: list[Session]
) -> None:
    coins, counts = Counter(), Counter()
    for session in sample_sessions:
        for line in session.gift_lines:
            coins[line.gift] += line.coins  # 1 coin = 1 Diamond at the default rates
            counts[line.gift] += line.count
    by_diamonds = sorted(coins.items(), key=lambda item: -item[1])
    assert shown(chart) == [(gift, float(value)) for gift, value in by_diamonds]
    assert shown(chart) == [("Lion", 29999.0), ("Rose", 100.0)]  # the same, by hand
    assert [label.toPlainText().strip() for label in chart.value_labels] == ["29,999", "100"]
    assert chart.plot.getPlotItem().getAxis("bottom").labelText == "Diamonds contributed"
    assert chart.note.text() == "Top 2 of 2 gifts"

    chart.mode_combo.setFocus()
    qtbot.keyClicks(chart.mode_combo, "Number")
    qtbot.waitUntil(lambda: chart.ranking == "count" and shown(chart)[0][0] == "Rose")
    by_count = sorted(counts.items(), key=lambda item: -item[1])
    assert (
        shown(chart)
        == [(gift, float(n)) for gift, n in by_count]
        == [
            ("Rose", 100.0),
            ("Lion", 1.0),
        ]
    )
    assert chart.plot.getPlotItem().getAxis("bottom").labelText == "Number of gifts"


def test_diamonds_follow_the_rate_of_each_live(
    qtbot, chart: GiftsChart, repo: Repository, account: Account
) -> None:
    # From 10-06 this account keeps 53% (commission 0.47): the Lion and Roses of 10-07 become
    # 29999 * 0.01 * 0.53 / 0.005 = 31798.94 and 100 * 1.06 = 106 Diamonds.
    repo.add_rate_period(
        RatePeriod(date(2026, 10, 6), commission=Decimal("0.47"), account_id=account.id)
    )
    qtbot.waitUntil(lambda: shown(chart)[0][1] != 29999.0)
    assert shown(chart) == [("Lion", pytest.approx(31798.94)), ("Rose", pytest.approx(106.0))]
    assert [label.toPlainText().strip() for label in chart.value_labels] == ["31,799", "106"]


def test_top_gifts_only_and_long_names(qtbot, ctx: Context, repo: Repository) -> None:
    account = repo.add_account(Account(handle="many.gifts"))
    assert account.id is not None
    lines = tuple(GiftLine(f"Gift number {i:02d} with a long name", 1, 10 + i) for i in range(20))
    start = datetime(2026, 1, 2, 20)
    repo.add_session(Session(account.id, start, timedelta(hours=1), None, gift_lines=lines))
    chart = GiftsChart(ctx)
    qtbot.addWidget(chart)
    chart.refresh()
    assert len(chart.gifts) == TOP_GIFTS
    # the 15 most valuable: coins 29 down to 15
    np.testing.assert_array_equal(chart.bars.opts["width"], np.arange(29, 14, -1, dtype=float))
    assert shown(chart)[0][0] == "Gift number 19 with a l…" == short_name(lines[19].gift)
    assert chart.note.text() == "Top 15 of 20 gifts"


def test_no_gift_lines(qtbot, ctx: Context, repo: Repository, account: Account) -> None:
    assert account.id is not None
    repo.add_session(Session(account.id, datetime(2026, 1, 2, 20), timedelta(hours=1), 500))
    chart = GiftsChart(ctx)
    qtbot.addWidget(chart)
    chart.refresh()
    assert chart.gifts == [] and not chart.bars.isVisible()
    assert chart.stack.currentWidget() is chart.message and chart.note.text() == ""
    assert chart.message.text().startswith("No gifts recorded in this range.")
