"""The dashboard on the sample sessions, with today pinned to Monday 2026-10-26.

Sample (conftest): Mon 10-05 20:00 2 h 30,000 Diamonds reported, 12,000 likes;
Wed 10-07 20:00 1.5 h Rose x100 + Lion x1 = 30,099 Diamonds, 5,000 likes;
Sun 10-25 20:00 1 h 500 Diamonds. October: 3 LIVEs, 4.5 h, 60,599 Diamonds,
60,599 x $0.005 = $302.995 -> $303.00, 60,599 / 4.5 = 13,466 Diamonds per hour.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from tiklive_desktop.core.entities import Account, ExchangeRate, Session
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.sections.dashboard import DashboardSection

TODAY = date(2026, 10, 26)
# Qt's offscreen platform says this when any top-level widget is shown.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def dashboard(qtbot, ctx: Context) -> DashboardSection:
    widget = DashboardSection(ctx, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def tile_texts(dashboard: DashboardSection) -> dict[str, str]:
    return {key: tile.value.text() for key, tile in dashboard.tiles.items()}


def test_figures_of_this_month(qtbot, dashboard: DashboardSection, sample_sessions) -> None:
    dashboard.refresh()
    assert dashboard.stack.currentIndex() == 1
    assert tile_texts(dashboard) == {
        "diamonds": "60,599",
        "net_usd": "$303.00",
        "hours": "4.5 h",
        "sessions": "3",
        "diamonds_per_hour": "13,466",
        "likes": "17,000",
    }
    assert dashboard.heading.text() == "October 2026 · all accounts"
    # The cash-out card (its own refresh, same pinned day): no withdrawals, all is balance.
    qtbot.waitUntil(lambda: dashboard.cashout.balance.text() == "60,599 Diamonds")
    assert dashboard.cashout.today() == TODAY
    # Nothing in September to compare with.
    change = dashboard.tiles["diamonds"].change.text()
    assert change == "No LIVE in the same days last month"
    assert dashboard.tiles["diamonds"].previous.text() == "All of last month: 0"


def test_a_new_session_updates_the_figures_and_the_change(
    qtbot, dashboard: DashboardSection, ctx: Context, sample_sessions, account: Account
) -> None:
    assert account.id is not None
    dashboard.refresh()
    ctx.store.repo.add_session(
        Session(account.id, datetime(2026, 9, 10, 20), timedelta(hours=1), reported_diamonds=20_000)
    )
    # (60,599 - 20,000) / 20,000 = +203%; 3 LIVEs against 1 = +200%.
    diamonds, sessions = dashboard.tiles["diamonds"], dashboard.tiles["sessions"]
    qtbot.waitUntil(lambda: diamonds.change.text() == "▲ +203% vs last month")
    assert dashboard.tiles["net_usd"].change.text() == "▲ +203% vs last month"
    assert sessions.change.text() == "▲ +200% vs last month"
    assert diamonds.previous.text() == "All of last month: 20,000"
    # 13,466.4 against 20,000 Diamonds per hour: -33%.
    assert dashboard.tiles["diamonds_per_hour"].change.text() == "▼ −33% vs last month"
    assert "The same days of September 2026: 20,000" in diamonds.change.toolTip()


def test_tooltips_explain_diamonds_and_likes(dashboard: DashboardSection, sample_sessions) -> None:
    dashboard.refresh()
    assert "1 Diamond ≈ $0.005 to you" in dashboard.tiles["diamonds"].toolTip()
    assert "Likes are not money" in dashboard.tiles["likes"].toolTip()
    assert "agency share" in dashboard.tiles["net_usd"].toolTip()


def test_clicking_a_figure_opens_this_months_sessions(
    qtbot, dashboard: DashboardSection, sample_sessions
) -> None:
    dashboard.refresh()
    tile = dashboard.tiles["diamonds"]
    with qtbot.waitSignal(dashboard.open_sessions) as opened:
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert opened.args == [date(2026, 10, 1), TODAY]
    tile = dashboard.tiles["sessions"]
    tile.setFocus()
    with qtbot.waitSignal(dashboard.open_sessions) as opened:
        qtbot.keyClick(tile, Qt.Key.Key_Return)
    assert opened.args == [date(2026, 10, 1), TODAY]


def test_recent_sessions_newest_first_and_clickable(
    qtbot, qtmodeltester, dashboard: DashboardSection, sample_sessions
) -> None:
    dashboard.refresh()
    table = dashboard.recent
    qtmodeltester.check(table.model())
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert rows == [
        ["10/25/26 8:00\u202fPM", "1 h 00 min", "500", "$2.50"],  # \u202f: Qt's en_US
        ["10/7/26 8:00\u202fPM", "1 h 30 min", "30,099", "$150.50"],  # $150.495, half up
        ["10/5/26 8:00\u202fPM", "2 h 00 min", "30,000", "$150.00"],
    ]
    assert table.item(2, 0).toolTip() == "Sunday songs"
    second = table.visualItemRect(table.item(1, 0)).center()
    with qtbot.waitSignal(dashboard.open_sessions) as opened:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=second)
    assert opened.args == [date(2026, 10, 7), date(2026, 10, 7)]


def test_top_gifts_and_best_time(dashboard: DashboardSection, sample_sessions) -> None:
    dashboard.refresh()
    gifts = [[label.text() for label in row] for row in dashboard.top_gifts.rows]
    assert gifts == [["Lion", "× 1", "29,999 coins"], ["Rose", "× 100", "100 coins"]]
    best = dashboard.best_times
    # No weekday has two LIVEs: Wednesday's 30,099 in 1.5 h = 20,066/h beats Monday's 15,000/h.
    assert best.weekday.text() == "Wednesday"
    assert best.weekday_detail.text() == "20,066 Diamonds per hour in 1 LIVE"
    # All three started at 8 PM: 60,599 in 4.5 h.
    assert (
        best.hour.text() == "Starting at 8:00\u202fPM" or best.hour.text() == "Starting at 8:00 PM"
    )
    assert best.hour_detail.text() == "13,466 Diamonds per hour over 3 LIVEs"


def test_goal_progress(
    qtbot, dashboard: DashboardSection, ctx: Context, sample_sessions, account: Account
) -> None:
    dashboard.refresh()
    goal = dashboard.goal
    assert goal.figure.text() == "No goal yet"
    assert goal.set_goal.isVisible()
    with qtbot.waitSignal(dashboard.settings_requested):
        qtbot.mouseClick(goal.set_goal, Qt.MouseButton.LeftButton)
    ctx.store.repo.update_account(dataclasses.replace(account, monthly_goal_diamonds=100_000))
    # 60,599 of 100,000: 39,401 to go over Oct 27-31 = 7,880.2 -> 7,881 a day.
    qtbot.waitUntil(lambda: goal.figure.text() == "61% of the goal")
    assert goal.detail.text() == (
        "60,599 of 100,000 Diamonds this month. "
        "39,401 to go: about 7,881 a day for the 5 days left."
    )
    assert goal.bar.value() == 605 and not goal.set_goal.isVisible()


def test_money_in_the_accounts_currency(
    qtbot, dashboard: DashboardSection, ctx: Context, sample_sessions, account: Account
) -> None:
    repo = ctx.store.repo
    ctx.account.set(account.id)
    repo.update_account(dataclasses.replace(account, currency="EUR"))
    qtbot.waitUntil(lambda: dashboard.notice.isVisible())
    assert "add an exchange rate for EUR" in dashboard.notice.text()
    assert dashboard.tiles["net_usd"].value.text() == "$303.00"
    repo.add_exchange_rate(ExchangeRate("EUR", date(2026, 1, 1), Decimal("0.9")))
    # $302.995 x 0.9 = €272.6955 -> €272.70
    qtbot.waitUntil(lambda: dashboard.tiles["net_usd"].value.text() == "€272.70")
    assert not dashboard.notice.isVisible()
    assert dashboard.heading.text() == "October 2026 · @luna.sings"


def test_empty_database_invites_the_first_live(
    qtbot, dashboard: DashboardSection, ctx: Context, account: Account
) -> None:
    assert dashboard.stack.currentIndex() == 0
    assert dashboard.empty.button is not None
    assert dashboard.empty.button.text() == "Record your first LIVE…"
    with qtbot.waitSignal(dashboard.new_session_requested):
        qtbot.mouseClick(dashboard.empty.button, Qt.MouseButton.LeftButton)


def test_switching_to_an_account_without_sessions_shows_the_empty_state(
    qtbot, dashboard: DashboardSection, ctx: Context, sample_sessions
) -> None:
    other = ctx.store.repo.add_account(Account("second"))
    qtbot.waitUntil(lambda: dashboard.stack.currentIndex() == 1)
    ctx.account.set(other.id)
    qtbot.waitUntil(lambda: dashboard.stack.currentIndex() == 0)
    ctx.account.set(None)
    qtbot.waitUntil(lambda: dashboard.stack.currentIndex() == 1)


def test_hidden_dashboard_refreshes_when_shown(
    qtbot, dashboard: DashboardSection, ctx: Context, sample_sessions
) -> None:
    dashboard.refresh()
    dashboard.hide()
    ctx.store.repo.delete_session(sample_sessions[2].id)
    qtbot.wait(10)
    assert dashboard.tiles["sessions"].value.text() == "3"  # not refreshed while hidden
    dashboard.show()
    assert dashboard.tiles["sessions"].value.text() == "2"


def test_cards_move_below_the_tiles_in_a_narrow_window(
    qtbot, dashboard: DashboardSection, sample_sessions
) -> None:
    dashboard.refresh()
    tile, goal = dashboard.tiles["diamonds"], dashboard.goal
    qtbot.waitUntil(lambda: goal.x() > tile.x() and goal.y() == tile.y())  # beside, at 1,100 px
    dashboard.resize(800, 600)
    qtbot.waitUntil(lambda: goal.y() > dashboard.tiles["likes"].y())  # below, at 800 px
    assert goal.x() == tile.x()
