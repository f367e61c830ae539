"""The dashboard's figures (storage/overview.py) on a small data set derived by hand.

today = Wednesday 2026-10-14. Default rates (1 coin -> 1 Diamond, 1 Diamond = $0.005).

    key account start (weekday)          dur    Diamonds
    a   luna    2026-09-07 20:00 (Mon)   2h     10000 reported
    b   luna    2026-09-10 20:00 (Thu)   1h      2000 reported
    c   luna    2026-09-28 21:00 (Mon)   2h      8000 reported   (after Sep 14: whole month only)
    d   luna    2026-10-05 20:00 (Mon)   2h     12000 gifts: Rose x1000 @1 + Galaxy x11 @1000
    e   luna    2026-10-08 19:00 (Thu)   1h      3000 gifts: Rose x2000 @1 + Galaxy x1 @1000
    f   luna    2026-10-14 22:30 (Wed)   30min    900 reported
    m   marco   2026-10-06 09:00 (Tue)   1h      5000 reported

luna: US, goal 50,000, USD. marco: IT, no goal, EUR. luna withdrew 10,000 Diamonds on 10-01.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiklive_desktop.core.entities import (
    Account,
    ExchangeRate,
    GiftLine,
    RatePeriod,
    RegionRule,
    Session,
    Withdrawal,
)
from tiklive_desktop.storage import overview
from tiklive_desktop.storage.aggregates import GiftTotal
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository

D = Decimal
TODAY = date(2026, 10, 14)


class Data:
    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        luna = repo.add_account(Account("luna", "Luna", "US", "USD", 50_000))
        marco = repo.add_account(Account("marco", "Marco", "IT", "EUR"))
        assert luna.id is not None and marco.id is not None
        self.luna, self.marco = luna.id, marco.id

        def add(account: int, start: str, minutes: int, **fields: object) -> int:
            session = Session(
                account,
                datetime.fromisoformat(start),
                timedelta(minutes=minutes),
                **fields,  # type: ignore[arg-type]
            )
            stored = repo.add_session(session)
            assert stored.id is not None
            return stored.id

        self.ids = {
            "a": add(self.luna, "2026-09-07T20:00", 120, reported_diamonds=10_000, likes=4000),
            "b": add(self.luna, "2026-09-10T20:00", 60, reported_diamonds=2000, likes=1000),
            "c": add(self.luna, "2026-09-28T21:00", 120, reported_diamonds=8000),
            "d": add(
                self.luna,
                "2026-10-05T20:00",
                120,
                likes=7000,
                new_followers=30,
                gift_lines=(GiftLine("Rose", 1000, 1), GiftLine("Galaxy", 11, 1000)),
            ),
            "e": add(
                self.luna,
                "2026-10-08T19:00",
                60,
                likes=2500,
                new_followers=5,
                gift_lines=(GiftLine("Rose", 2000, 1), GiftLine("Galaxy", 1, 1000)),
            ),
            "f": add(self.luna, "2026-10-14T22:30", 30, reported_diamonds=900, likes=500),
            "m": add(self.marco, "2026-10-06T09:00", 60, reported_diamonds=5000),
        }
        repo.add_withdrawal(Withdrawal(self.luna, date(2026, 10, 1), 10_000, D("50.00")))


@pytest.fixture
def data(repo: Repository) -> Data:
    return Data(repo)


# --- this month against last month ------------------------------------------------


def test_month_comparison_this_month_and_last(data: Data) -> None:
    months = overview.month_comparison(data.repo, data.luna, TODAY)
    now, before, whole = months.this_month, months.last_month_to_date, months.last_month
    # d + e + f: 12000 + 3000 + 900 Diamonds over 2h + 1h + 0.5h, $0.005 each.
    assert (now.start, now.end) == (date(2026, 10, 1), TODAY)
    assert (now.sessions, now.seconds, now.diamonds, now.net_usd) == (3, 12_600, 15_900, D("79.5"))
    assert (now.likes, now.new_followers, now.hours) == (10_000, 35, D("3.5"))
    assert now.diamonds_per_hour == D(15_900 * 3600) / 12_600  # 4,542.857...
    # Sep 1-14: a + b; the whole of September adds c.
    assert (before.start, before.end) == (date(2026, 9, 1), date(2026, 9, 14))
    assert (before.sessions, before.diamonds, before.net_usd, before.hours) == (
        2,
        12_000,
        D("60"),
        D(3),
    )
    assert (whole.start, whole.end) == (date(2026, 9, 1), date(2026, 9, 30))
    assert (whole.sessions, whole.diamonds, whole.net_usd, whole.diamonds_per_hour) == (
        3,
        20_000,
        D("100"),
        D(4000),
    )


def test_month_comparison_change_is_against_the_same_days(data: Data) -> None:
    months = overview.month_comparison(data.repo, data.luna, TODAY)
    assert months.change("diamonds") == D("0.325")  # (15900 - 12000) / 12000
    assert months.change("net_usd") == D("0.325")
    assert months.change("sessions") == D("0.5")  # 3 against 2
    assert months.change("hours") == D("0.5") / 3  # 3.5 h against 3 h
    assert months.change("diamonds_per_hour") == (D(15_900 * 3600) / 12_600 - 4000) / 4000
    assert months.change("likes") == 1  # 10,000 against 4,000 + 1,000
    with pytest.raises(ValueError, match="unknown figure"):
        months.change("gifters")


def test_no_change_without_a_base(data: Data) -> None:
    # marco has nothing in September: a change from 0 is not a percentage.
    months = overview.month_comparison(data.repo, data.marco, TODAY)
    assert months.this_month.diamonds == 5000
    assert months.last_month.sessions == 0
    assert months.last_month.diamonds_per_hour is None
    assert all(months.change(figure) is None for figure in overview.FIGURES)


def test_all_accounts_add_up(data: Data) -> None:
    months = overview.month_comparison(data.repo, None, TODAY)
    assert (months.this_month.sessions, months.this_month.diamonds) == (4, 20_900)
    assert months.this_month.net_usd == D("104.5")


@pytest.mark.parametrize(
    "days",
    [
        ("2026-03-31", "2026-03-01", "2026-02-01", "2026-02-28", "2026-02-28"),
        ("2026-01-15", "2026-01-01", "2025-12-01", "2025-12-15", "2025-12-31"),
        ("2024-03-30", "2024-03-01", "2024-02-01", "2024-02-29", "2024-02-29"),
        ("2026-10-01", "2026-10-01", "2026-09-01", "2026-09-01", "2026-09-30"),
    ],
)
def test_month_bounds(repo: Repository, days: tuple[str, ...]) -> None:
    today, this_first, last_first, same_day, last_end = map(date.fromisoformat, days)
    months = overview.month_comparison(repo, None, today)
    assert (months.this_month.start, months.this_month.end) == (this_first, today)
    assert (months.last_month_to_date.start, months.last_month_to_date.end) == (
        last_first,
        same_day,
    )
    assert (months.last_month.start, months.last_month.end) == (last_first, last_end)


# --- goal and cash-out ----------------------------------------------------------------


def test_goal_progress(data: Data) -> None:
    goal = overview.goal_progress(data.repo, data.luna, TODAY, 15_900)
    assert goal is not None
    assert (goal.goal, goal.diamonds, goal.days_left) == (50_000, 15_900, 17)  # Oct 15-31
    assert (goal.remaining, goal.fraction, goal.reached) == (34_100, D("0.318"), False)
    assert goal.per_day_needed == 2006  # 34,100 / 17 = 2,005.9, rounded up
    assert overview.goal_progress(data.repo, data.marco, TODAY, 5000) is None
    assert overview.monthly_goal(data.repo, None) == 50_000  # marco has none
    last_day = overview.GoalProgress(100, 40, 0)
    assert (last_day.per_day_needed, overview.GoalProgress(100, 150, 3).per_day_needed) == (None, 0)


def test_all_accounts_goal_is_the_sum_of_goals(data: Data) -> None:
    marco = data.repo.get_account(data.marco)
    assert marco is not None
    data.repo.update_account(Account("marco", "Marco", "IT", "EUR", 20_000, id=marco.id))
    assert overview.monthly_goal(data.repo, None) == 70_000


def test_cashout_status_of_an_account(data: Data) -> None:
    status = overview.cashout_status(data.repo, data.luna, TODAY)
    # a..f = 35,900 earned - 10,000 withdrawn = 25,900 Diamonds x $0.005 = $129.50 >= $100.
    assert (status.balance_diamonds, status.balance_usd) == (25_900, D("129.5"))
    assert (status.eligible, status.max_today_usd, status.minimum_usd) == (True, D("129.5"), 100)
    assert (status.goal, status.goal_progress) == (50_000, D("0.318"))


def test_cashout_status_uses_the_region_rule_and_the_accounts_own_rate(data: Data) -> None:
    repo = data.repo
    italy = repo.get_region_rule("IT")
    assert italy is not None
    repo.save_region_rule(RegionRule("IT", italy.name, D(50), D(1000), date(2026, 10, 1)))
    repo.add_rate_period(
        RatePeriod(date(2026, 10, 10), agency_share=D("0.2"), account_id=data.marco)
    )
    status = overview.cashout_status(repo, data.marco, TODAY)
    # 5,000 Diamonds = $25 gross ($20 after the 20% share); $50 minimum = 10,000 Diamonds.
    assert (status.balance_usd, status.balance_net_usd) == (D(25), D(20))
    assert (status.minimum_usd, status.eligible, status.diamonds_needed) == (D(50), False, 5000)
    # 5,000 Diamonds in the last 30 days: 5,000 more take 30 days.
    assert (status.days_to_minimum, status.date_minimum_reached) == (30, date(2026, 11, 13))
    assert status.goal is None


def test_cashout_status_of_all_accounts_uses_the_first_accounts_region(data: Data) -> None:
    repo = data.repo
    repo.save_region_rule(RegionRule("US", "United States", D(200), D(1000), TODAY))
    status = overview.cashout_status(repo, None, TODAY)
    assert status.balance_diamonds == 35_900 + 5000 - 10_000
    assert status.minimum_usd == D(200)  # luna (first by handle) is in the US
    assert status.goal == 50_000


def test_cashout_status_without_accounts_or_rules(repo: Repository) -> None:
    status = overview.cashout_status(repo, None, TODAY)
    assert (status.balance_diamonds, status.minimum_usd, status.eligible) == (0, D(100), False)
    repo.delete_region_rule("US")
    assert overview.region_rule(repo, None) == overview.FALLBACK_RULE


# --- gifts, best times, recent -----------------------------------------------------------


def test_top_gifts_this_month(data: Data) -> None:
    gifts = overview.top_gifts(data.repo, data.luna, date(2026, 10, 1), TODAY)
    assert gifts == [GiftTotal("Galaxy", 12, 12_000), GiftTotal("Rose", 3000, 3000)]
    assert overview.top_gifts(data.repo, data.luna, date(2026, 10, 1), TODAY, limit=1) == [
        GiftTotal("Galaxy", 12, 12_000)
    ]
    assert overview.top_gifts(data.repo, data.luna, date(2026, 10, 6), TODAY) == [
        GiftTotal("Rose", 2000, 2000),
        GiftTotal("Galaxy", 1, 1000),
    ]


def test_best_times(data: Data) -> None:
    best = overview.best_times(data.repo, data.luna, date(2026, 9, 1), TODAY)
    assert best is not None
    # Mondays a, c, d: 30,000 Diamonds in 6 h; Thursdays 5,000 in 2 h; Wednesday 900 in 0.5 h.
    assert (best.weekday.index, best.weekday.sessions, best.weekday.diamonds_per_hour) == (
        0,
        3,
        D(5000),
    )
    # 20:00 starts a, b, d: 24,000 in 5 h. 21:00 (c) has 4,000/h, 19:00 (e) 3,000/h.
    assert (best.hour.index, best.hour.sessions, best.hour.diamonds_per_hour) == (20, 3, D(4800))
    assert best.sessions == 6
    assert overview.best_times(data.repo, data.luna, date(2026, 1, 1), date(2026, 1, 31)) is None


def test_one_lucky_live_is_not_the_best_time(data: Data) -> None:
    data.repo.add_session(
        Session(
            data.luna, datetime(2026, 10, 13, 4, 0), timedelta(hours=1), reported_diamonds=50_000
        )
    )
    best = overview.best_times(data.repo, data.luna, date(2026, 9, 1), TODAY)
    assert best is not None
    assert (best.weekday.index, best.hour.index) == (0, 20)  # not Tuesday 4 a.m.
    alone = overview.best_times(data.repo, data.luna, date(2026, 10, 13), date(2026, 10, 13))
    assert alone is not None
    assert (alone.weekday.index, alone.hour.index, alone.sessions) == (1, 4, 1)


def test_recent_sessions(data: Data) -> None:
    ids = data.ids
    assert [r.id for r in overview.recent_sessions(data.repo, data.luna, 2)] == [ids["f"], ids["e"]]
    assert [r.id for r in overview.recent_sessions(data.repo, None)] == [
        ids[key] for key in "femdc"
    ]


def test_display_currency(data: Data) -> None:
    repo = data.repo
    assert overview.display_currency(repo, data.luna, TODAY) == overview.DisplayCurrency(
        "USD", None
    )
    assert overview.display_currency(repo, data.marco, TODAY) == overview.DisplayCurrency(
        "USD", None, missing_rate="EUR"
    )
    rate = repo.add_exchange_rate(ExchangeRate("EUR", date(2026, 1, 1), D("0.9")))
    assert overview.display_currency(repo, data.marco, TODAY) == overview.DisplayCurrency(
        "EUR", rate
    )
    assert overview.display_currency(repo, None, TODAY).currency == "USD"  # USD and EUR mixed


def test_overview_bundles_everything(data: Data) -> None:
    everything = overview.overview(data.repo, data.luna, TODAY)
    assert everything.has_sessions
    assert everything.months.this_month.diamonds == 15_900
    assert everything.goal is not None and everything.goal.diamonds == 15_900
    assert [g.gift for g in everything.top_gifts] == ["Galaxy", "Rose"]
    # Best times look at the last 90 days (Jul 17 - Oct 14): all of luna's sessions.
    assert everything.best_times is not None and everything.best_times.sessions == 6
    assert everything.rate.diamond_value_usd == D("0.005")


def test_empty_database(repo: Repository) -> None:
    everything = overview.overview(repo, None, TODAY)
    assert not everything.has_sessions
    assert everything.months.this_month.sessions == 0
    assert everything.months.this_month.net_usd == 0
    assert (everything.goal, everything.best_times, everything.top_gifts) == (None, None, [])


# --- cost does not grow with history ------------------------------------------------------


def test_every_dashboard_query_reads_a_bounded_range(data: Data) -> None:
    """Each statement over sessions is an index range or an index-ordered LIMIT, never a scan.

    The wallet balance (cashout_inputs) is the one sum over all history and is
    not part of :func:`overview.overview`.
    """
    conn = data.repo.conn
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        for account_id in (data.luna, None):
            overview.overview(data.repo, account_id, TODAY)
    finally:
        conn.set_trace_callback(None)
    checked = 0
    for sql in statements:
        if not re.search(r"\bFROM sessions\b", sql):
            continue
        plan = [row[-1] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
        on_sessions = [step for step in plan if re.match(r"(SCAN|SEARCH) s\b", step)]
        assert on_sessions, plan
        for step in on_sessions:
            bounded = step.startswith("SEARCH") or (" LIMIT " in sql and "INDEX" in step)
            assert bounded, (sql, plan)
        checked += 1
    assert checked >= 8


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, 90),  # day offset from 2026-08-20
            st.integers(0, 23),  # hour
            st.integers(1, 300),  # minutes
            st.integers(0, 100_000),  # Diamonds
        ),
        max_size=12,
    )
)
def test_period_figures_equal_a_sum_by_hand(rows: list[tuple[int, int, int, int]]) -> None:
    repo = Repository(open_database(None))
    account = repo.add_account(Account("x")).id
    assert account is not None
    sessions = [
        Session(
            account,
            datetime(2026, 8, 20, hour) + timedelta(days=offset),
            timedelta(minutes=minutes),
            reported_diamonds=diamonds,
        )
        for offset, hour, minutes, diamonds in rows
    ]
    repo.add_sessions(sessions)
    months = overview.month_comparison(repo, account, TODAY)
    inside = [s for s in sessions if date(2026, 10, 1) <= s.day <= TODAY]
    assert months.this_month.sessions == len(inside)
    assert months.this_month.diamonds == sum(s.reported_diamonds or 0 for s in inside)
    assert months.this_month.seconds == sum(int(s.duration.total_seconds()) for s in inside)
    assert months.this_month.net_usd == sum(s.reported_diamonds or 0 for s in inside) * D("0.005")
