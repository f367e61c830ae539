"""Earnings and balance series against totals worked out by hand from storage_sample.py.

alice: 2025-12-31 1000 D; 2026-10-05 (Mon) 30099 D, 2 h, $150.495; 2026-10-07 5000 D,
1 h, $25; 2026-10-20 (Tue) 6000 D, 1.5 h, $24 (20% agency share from 10-15).
bob: 2026-10-06 50 D, $0.25; 2026-11-02 800 D, $4.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from storage_sample import Sample

from tiklive_desktop.core.entities import Account, RatePeriod, RegionRule, Withdrawal
from tiklive_desktop.storage.series import (
    GRANULARITIES,
    balance_series,
    cashout_minimum,
    earnings_series,
    next_period,
    period_end,
    period_label,
    period_start,
    previous_period,
    trailing_mean,
)

D = Decimal


def test_weeks_of_alice_cover_whole_weeks_with_zero_weeks_and_a_4_week_average(
    sample: Sample,
) -> None:
    series = earnings_series(
        sample.repo, sample.alice, "week", date(2026, 10, 1), date(2026, 10, 25)
    )
    assert [p.first_day for p in series] == [
        date(2026, 9, 28),
        date(2026, 10, 5),
        date(2026, 10, 12),
        date(2026, 10, 19),
    ]
    assert [p.last_day for p in series][-1] == date(2026, 10, 25)
    assert [p.label for p in series] == ["2026-W40", "2026-W41", "2026-W42", "2026-W43"]
    assert [p.diamonds for p in series] == [0, 35099, 0, 6000]
    assert [p.sessions for p in series] == [0, 2, 0, 1]
    assert [p.hours for p in series] == [0, 3, 0, D("1.5")]
    assert [p.net_usd for p in series] == [0, D("175.495"), 0, D("24.000")]
    # The 3 weeks before the range (no sessions) are read for the average.
    assert [p.diamonds_average for p in series] == [
        0,
        D("8774.75"),
        D("8774.75"),
        D("10274.75"),
    ]
    assert series[-1].net_usd_average == D("49.87375")


def test_months_of_all_accounts_without_a_range_run_from_first_to_last_session(
    sample: Sample,
) -> None:
    series = earnings_series(sample.repo, None, "month")
    assert len(series) == 12
    assert (series[0].label, series[-1].label) == ("2025-12", "2026-11")
    assert series[-1].last_day == date(2026, 11, 30)
    diamonds = {p.label: p.diamonds for p in series if p.diamonds}
    assert diamonds == {"2025-12": 1000, "2026-10": 41149, "2026-11": 800}
    averages = [p.diamonds_average for p in series]
    assert averages[:4] == [D(1000) / 3, D(1000) / 3, D(1000) / 3, 0]
    assert averages[-2:] == [D(41149) / 3, D(41949) / 3]
    assert series[-2].net_usd == D("150.495") + 25 + 24 + D("0.25")


def test_days_of_bob_average_the_seven_days_before_each(sample: Sample) -> None:
    series = earnings_series(sample.repo, sample.bob, "day", date(2026, 10, 5), date(2026, 10, 7))
    assert [p.diamonds for p in series] == [0, 50, 0]
    assert [p.first_day for p in series] == [p.last_day for p in series]
    assert [p.diamonds_average for p in series] == [0, D(50) / 7, D(50) / 7]
    assert [p.net_usd for p in series] == [0, D("0.250"), 0]


def test_years_of_alice(sample: Sample) -> None:
    series = earnings_series(sample.repo, sample.alice, "year")
    assert [(p.label, p.diamonds) for p in series] == [("2025", 1000), ("2026", 41099)]
    assert [p.diamonds_average for p in series] == [500, D("21049.5")]  # (1000 + 41099) / 2
    assert series[1].seconds == (2 + 1 + D("1.5")) * 3600


@pytest.mark.parametrize("granularity", GRANULARITIES)
def test_the_periods_add_up_to_the_sessions_in_them(sample: Sample, granularity: str) -> None:
    # From Monday 2026-01-05: no period reaches back to alice's 2025-12-31 LIVE.
    series = earnings_series(sample.repo, None, granularity, date(2026, 1, 5), date(2026, 12, 31))
    assert sum(p.diamonds for p in series) == 30099 + 5000 + 6000 + 50 + 800
    assert sum(p.sessions for p in series) == 5
    assert sum(p.net_usd for p in series) == D("150.495") + 25 + 24 + D("0.25") + 4


def test_a_range_that_cuts_a_week_shows_the_whole_week(sample: Sample) -> None:
    """Thursday 2026-01-01's week began on Monday 2025-12-29: alice's NYE LIVE is in it."""
    series = earnings_series(sample.repo, sample.alice, "week", date(2026, 1, 1), date(2026, 1, 4))
    assert [(p.first_day, p.diamonds) for p in series] == [(date(2025, 12, 29), 1000)]


def test_no_sessions_or_an_empty_range_give_no_periods(sample: Sample) -> None:
    repo = sample.repo
    assert earnings_series(repo, sample.alice, "day", date(2026, 10, 8), date(2026, 10, 1)) == []
    carol = repo.add_account(Account("carol")).id
    assert carol is not None
    assert earnings_series(repo, carol, "month") == []
    assert balance_series(repo, carol) is None
    # A range of an account without sessions: zero periods, zero balance.
    quiet = earnings_series(repo, carol, "day", date(2026, 10, 1), date(2026, 10, 2))
    assert [(p.diamonds, p.diamonds_average) for p in quiet] == [(0, 0), (0, 0)]
    flat = balance_series(repo, carol, date(2026, 10, 1), date(2026, 10, 2))
    assert flat is not None and flat.balance == (0, 0)


def test_an_unknown_granularity_is_refused(sample: Sample) -> None:
    with pytest.raises(ValueError, match="granularity"):
        earnings_series(sample.repo, None, "quarter")  # type: ignore[arg-type]


def test_trailing_mean_by_hand() -> None:
    values = [D(v) for v in (3, 6, 9, 12)]
    assert trailing_mean(values, 2, 0) == [None, D("4.5"), D("7.5"), D("10.5")]
    assert trailing_mean(values, 3, 2) == [D(6), D(9)]
    with pytest.raises(ValueError):
        trailing_mean(values, 0, 0)


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)),
    st.sampled_from(GRANULARITIES),
)
def test_every_day_lies_in_exactly_one_period(day: date, granularity: str) -> None:
    first = period_start(granularity, day)
    last = period_end(granularity, first)
    assert first <= day <= last
    assert next_period(granularity, first) == last + timedelta(days=1)
    assert previous_period(granularity, next_period(granularity, first)) == first
    assert period_start(granularity, last) == first


def test_period_labels_match_the_repository(sample: Sample) -> None:
    for granularity in GRANULARITIES:
        totals = sample.repo.totals_by_period(granularity, None)  # type: ignore[arg-type]
        assert [period_label(granularity, t.first_day) for t in totals] == [
            t.period for t in totals
        ]


# --- balance -------------------------------------------------------------------------


@pytest.fixture
def withdrawals(sample: Sample) -> Sample:
    for day, diamonds in ((date(2026, 10, 10), 20000), (date(2026, 10, 20), 1000)):
        sample.repo.add_withdrawal(Withdrawal(sample.alice, day, diamonds, D(diamonds) / 200))
    return sample


def test_alice_balance_per_day_with_withdrawals(withdrawals: Sample) -> None:
    series = balance_series(
        withdrawals.repo, withdrawals.alice, date(2026, 10, 1), date(2026, 10, 21)
    )
    assert series is not None
    assert series.opening == 1000
    assert len(series.days) == len(series.balance) == 21
    expected = (
        [1000] * 4  # 10-01..10-04
        + [31099, 31099]  # 10-05, 10-06
        + [36099] * 3  # 10-07..10-09
        + [16099] * 10  # 10-10..10-19: 20,000 withdrawn
        + [21099] * 2  # 10-20: +6000 earned, -1000 withdrawn; 10-21
    )
    assert list(series.balance) == expected
    assert series.withdrawals == ((date(2026, 10, 10), 20000), (date(2026, 10, 20), 1000))
    assert series.balance_on(date(2026, 10, 10)) == 16099
    assert series.balance_on(date(2027, 1, 1)) == 21099  # after the end: the last balance


def test_all_accounts_and_an_opening_after_a_withdrawal(withdrawals: Sample) -> None:
    both = balance_series(withdrawals.repo, None, date(2026, 10, 6), date(2026, 10, 6))
    assert both is not None and both.balance == (1000 + 30099 + 50,)
    later = balance_series(
        withdrawals.repo, withdrawals.alice, date(2026, 10, 15), date(2026, 10, 15)
    )
    assert later is not None and later.opening == 1000 + 30099 + 5000 - 20000
    assert later.withdrawals == ()


def test_balance_without_bounds_runs_from_the_first_to_the_last_record(withdrawals: Sample) -> None:
    series = balance_series(withdrawals.repo, withdrawals.alice)
    assert series is not None
    assert (series.start, series.end) == (date(2025, 12, 31), date(2026, 10, 20))
    assert len(series.days) == 294
    assert (series.opening, series.balance[0], series.balance[-1]) == (0, 1000, 21099)
    assert (
        balance_series(withdrawals.repo, withdrawals.alice, date(2026, 2, 1), date(2026, 1, 1))
        is None
    )


def test_cashout_minimum_in_diamonds(sample: Sample) -> None:
    today = date(2026, 11, 26)
    assert cashout_minimum(sample.repo, sample.alice, today) == 20000  # $100 / $0.005
    sample.repo.save_region_rule(
        RegionRule("US", "United States", D(50), D(1000), date(2026, 11, 1))
    )
    sample.repo.add_rate_period(
        RatePeriod(date(2026, 11, 1), diamond_value_usd=D("0.004"), account_id=sample.alice)
    )
    assert cashout_minimum(sample.repo, sample.alice, today) == 12500  # $50 / $0.004
    given = RatePeriod(date(2026, 1, 1), diamond_value_usd=D("0.0025"))
    assert cashout_minimum(sample.repo, sample.alice, today, given) == 20000  # $50 / $0.0025
