"""Cash-out status: hand-computed cases for the US defaults, then properties for any input."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiklive_desktop.core.cashout import (
    CashoutInputs,
    CashoutStatus,
    cashout_status,
    minimum_diamonds,
)
from tiklive_desktop.core.entities import DEFAULT_RATE, RatePeriod, RegionRule

TODAY = date(2025, 3, 10)
US = RegionRule("US", "United States", Decimal(100), Decimal(1000), date(2026, 11, 1))
AGENCY = RatePeriod(effective=date(2016, 1, 1), agency_share=Decimal("0.10"))


def status(
    earned: int,
    withdrawn: int = 0,
    *,
    today_usd: str = "0",
    last_30: int = 0,
    month: int = 0,
    goal: int | None = None,
    rate: RatePeriod = DEFAULT_RATE,
    rule: RegionRule = US,
) -> CashoutStatus:
    inputs = CashoutInputs(earned, withdrawn, Decimal(today_usd), last_30, month)
    return cashout_status(inputs, rate, rule, TODAY, goal)


def test_eligible_wallet() -> None:
    # 30,000 Diamonds x $0.005 = $150 >= $100 minimum.
    s = status(30_000)
    assert s.balance_diamonds == 30_000
    assert s.balance_usd == Decimal("150.000")
    assert s.balance_net_usd == Decimal("150.000")
    assert (s.minimum_usd, s.daily_max_usd) == (Decimal(100), Decimal(1000))
    assert s.eligible
    assert s.max_today_usd == Decimal("150.000")
    assert s.diamonds_needed == 0
    assert (s.days_to_minimum, s.date_minimum_reached) == (0, TODAY)
    assert not s.overdrawn


def test_exactly_the_minimum_is_enough_and_one_diamond_less_is_not() -> None:
    assert status(20_000).eligible
    below = status(19_999)
    assert not below.eligible
    assert below.diamonds_needed == 1
    assert below.max_today_usd == 0


def test_forecast_from_the_last_30_days() -> None:
    # 15,000 Diamonds = $75: 5,000 missing; 3,000 in 30 days = 100 a day -> 50 days.
    s = status(15_000, last_30=3_000)
    assert not s.eligible
    assert s.max_today_usd == 0
    assert s.diamonds_needed == 5_000
    assert s.pace_per_day == Decimal(100)
    assert s.days_to_minimum == 50
    assert s.date_minimum_reached == date(2025, 4, 29)


def test_days_round_up() -> None:
    # 7 Diamonds in 30 days: one missing Diamond takes 30 / 7 = 4.3 -> 5 days.
    s = status(19_999, last_30=7)
    assert s.days_to_minimum == 5
    assert s.date_minimum_reached == date(2025, 3, 15)
    assert s.pace_per_day.quantize(Decimal("0.0001")) == Decimal("0.2333")


def test_no_recent_diamonds_means_no_forecast() -> None:
    s = status(10_000, last_30=0)
    assert (s.pace_per_day, s.days_to_minimum, s.date_minimum_reached) == (0, None, None)


def test_a_forecast_beyond_the_calendar_has_days_but_no_date() -> None:
    s = status(0, 10**12, last_30=1)
    assert s.days_to_minimum == (10**12 + 20_000) * 30
    assert s.date_minimum_reached is None


@pytest.mark.parametrize(
    ("balance", "today_usd", "expected"),
    [
        (400_000, "0", Decimal(1000)),  # $2,000 in the wallet: capped at the daily $1,000
        (400_000, "600", Decimal(400)),  # $600 already withdrawn today
        (400_000, "1000", Decimal(0)),  # the day's maximum is used up
        (400_000, "1200", Decimal(0)),  # more than the maximum recorded: never negative
        (30_000, "900", Decimal(100)),  # $150 wallet, $100 left today
        (30_000, "0", Decimal("150.000")),  # the wallet is the limit
    ],
)
def test_max_today_respects_the_daily_maximum(
    balance: int, today_usd: str, expected: Decimal
) -> None:
    assert status(balance + 120_000, 120_000, today_usd=today_usd).max_today_usd == expected


def test_negative_balance_does_not_crash() -> None:
    # 5,000 withdrawn but only 1,000 recorded: treated as an empty wallet.
    s = status(1_000, 5_000, last_30=600)
    assert s.balance_diamonds == -4_000
    assert s.overdrawn
    assert (s.balance_usd, s.balance_net_usd, s.max_today_usd) == (0, 0, 0)
    assert not s.eligible
    assert s.diamonds_needed == 24_000  # from -4,000 up to 20,000
    assert s.days_to_minimum == 1_200  # 24,000 / 20 a day


def test_the_minimum_is_checked_on_the_gross_value() -> None:
    # 21,000 Diamonds = $105 gross, $94.50 after a 10% agency share.
    s = status(21_000, rate=AGENCY)
    assert s.balance_usd == Decimal("105.000")
    assert s.balance_net_usd == Decimal("94.5000")
    assert s.eligible
    assert s.max_today_usd == Decimal("105.000")


@pytest.mark.parametrize(
    ("month", "goal", "progress"),
    [
        (25_000, 100_000, Decimal("0.25")),
        (150_000, 100_000, Decimal("1.5")),  # not capped at 100%
        (0, 100_000, Decimal(0)),
        (25_000, None, None),
        (25_000, 0, None),
        (25_000, -5, None),
    ],
)
def test_monthly_goal(month: int, goal: int | None, progress: Decimal | None) -> None:
    s = status(0, month=month, goal=goal)
    assert s.goal == goal
    assert s.goal_progress == progress


def test_minimum_that_is_not_a_whole_number_of_diamonds() -> None:
    # At $0.003 a Diamond, $100 needs 33,333.33 -> 33,334 Diamonds.
    rate = RatePeriod(effective=date(2016, 1, 1), diamond_value_usd=Decimal("0.003"))
    assert minimum_diamonds(US, rate) == 33_334
    assert not status(33_333, rate=rate).eligible  # $99.999
    assert status(33_334, rate=rate).eligible  # $100.002


def test_a_zero_minimum_still_needs_a_diamond() -> None:
    free = RegionRule("XX", "Anywhere", Decimal(0), Decimal(1000), date(2026, 11, 1))
    assert not status(0, rule=free).eligible
    assert status(0, rule=free).diamonds_needed == 1
    assert status(1, rule=free).eligible


money = st.decimals(min_value=0, max_value=5000, places=2)
big = st.integers(min_value=0, max_value=10**9)


@given(
    big,
    big,
    money,
    big,
    st.decimals(min_value=0, max_value=500, places=2),
    st.decimals(min_value=1, max_value=2000, places=2),
    st.decimals(min_value=Decimal("0.001"), max_value=Decimal("0.02"), places=3),
)
def test_status_invariants(
    earned: int,
    withdrawn: int,
    today_usd: Decimal,
    last_30: int,
    minimum: Decimal,
    daily_max: Decimal,
    value: Decimal,
) -> None:
    rule = RegionRule("XX", "Test", minimum, daily_max, date(2026, 11, 1))
    rate = RatePeriod(effective=date(2016, 1, 1), diamond_value_usd=value)
    inputs = CashoutInputs(earned, withdrawn, today_usd, last_30, 0)
    s = cashout_status(inputs, rate, rule, TODAY, None)
    assert 0 <= s.max_today_usd <= s.balance_usd
    assert s.max_today_usd <= daily_max
    assert s.diamonds_needed >= 0
    assert s.eligible == (s.diamonds_needed == 0)
    assert s.eligible == (s.balance_diamonds > 0 and s.balance_usd >= minimum)
    if not s.eligible:
        # diamonds_needed is the fewest that reach the minimum
        reached = s.balance_diamonds + s.diamonds_needed
        assert reached * value >= minimum
        assert (reached - 1) * value < minimum or reached == 1
        assert s.max_today_usd == 0
    if s.days_to_minimum is not None and not s.eligible:
        # by then the pace has earned the missing Diamonds, the day before not yet
        assert s.days_to_minimum * last_30 >= s.diamonds_needed * 30
        assert (s.days_to_minimum - 1) * last_30 < s.diamonds_needed * 30
