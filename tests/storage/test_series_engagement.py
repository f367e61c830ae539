"""Chart series over the hand-checked data set (storage_sample.py); every number derived below."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from storage_sample import Sample

from tiklive_desktop.core.entities import ExchangeRate, IncomeKind, OtherIncome, RatePeriod
from tiklive_desktop.storage.errors import MissingExchangeRateError
from tiklive_desktop.storage.series_engagement import (
    GiftContribution,
    MonthIncome,
    engagement_points,
    gift_contributions,
    income_by_month,
    linear_trend,
    other_income_by_month,
    session_span,
    total_income_usd,
    week_hour_rates,
)

D = Decimal


def pairs(x: np.ndarray, y: np.ndarray) -> list[tuple[int, int]]:
    assert x.dtype == np.int64 and y.dtype == np.int64
    return sorted(zip(x.tolist(), y.tolist(), strict=True))


# --- engagement points ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        # (likes, Diamonds) of sessions #1..#6
        ("likes", [(50, 1000), (100, 50), (300, 800), (500, 5000), (1000, 30099), (2000, 6000)]),
        # total viewers
        ("viewers", [(20, 1000), (40, 50), (200, 5000), (250, 800), (300, 30099), (600, 6000)]),
        ("new_followers", [(0, 1000), (1, 50), (4, 5000), (10, 30099), (12, 800), (25, 6000)]),
    ],
)
def test_engagement_points_per_metric(
    sample: Sample, metric: str, expected: list[tuple[int, int]]
) -> None:
    assert pairs(*engagement_points(sample.repo, None, metric)) == expected


def test_engagement_points_for_one_account_and_range(sample: Sample) -> None:
    # alice from 10-06 to 10-20 inclusive: #2 (10-07) and #3 (10-20 20:15)
    x, y = engagement_points(
        sample.repo, sample.alice, "likes", date(2026, 10, 6), date(2026, 10, 20)
    )
    assert pairs(x, y) == [(500, 5000), (2000, 6000)]


def test_engagement_points_empty(sample: Sample) -> None:
    x, y = engagement_points(sample.repo, sample.bob, "likes", date(2030, 1, 1))
    assert x.shape == (0,) and y.shape == (0,)


def test_engagement_points_rejects_unknown_metric(sample: Sample) -> None:
    with pytest.raises(ValueError, match="unknown metric"):
        engagement_points(sample.repo, None, "diamonds; DROP TABLE sessions")


def test_session_span(sample: Sample) -> None:
    assert session_span(sample.repo, None) == (date(2025, 12, 31), date(2026, 11, 2))
    assert session_span(sample.repo, sample.bob) == (date(2026, 10, 6), date(2026, 11, 2))
    assert session_span(sample.repo, 999) is None


# --- trend line and correlation ---------------------------------------------------------------


def test_linear_trend_hand_values() -> None:
    # x 1..4, y 2 4 5 8: means 2.5 and 4.75; deviations x -1.5 -.5 .5 1.5, y -2.75 -.75 .25 3.25
    # Sxy = 4.125+.375+.125+4.875 = 9.5, Sxx = 5, Syy = 18.75
    # slope 9.5/5 = 1.9, intercept 4.75 - 1.9*2.5 = 0, r = 9.5/sqrt(5*18.75) = 0.981156...
    trend = linear_trend(np.array([1, 2, 3, 4]), np.array([2, 4, 5, 8]))
    assert trend is not None
    assert trend.slope == pytest.approx(1.9)
    assert trend.intercept == pytest.approx(0.0, abs=1e-12)
    assert trend.r == pytest.approx(9.5 / math.sqrt(93.75))
    assert round(trend.r, 4) == 0.9812
    assert trend.n == 4
    assert trend.at(np.array([0, 10])).tolist() == pytest.approx([0.0, 19.0])


def test_linear_trend_on_sample_likes(sample: Sample) -> None:
    # likes 50 100 300 500 1000 2000 (sum 3950, mean 658.333...),
    # Diamonds 1000 50 800 5000 30099 6000 (sum 42949, mean 7158.1666...).
    # Sxx = sum x^2 - (sum x)^2/6 = 5,352,500 - 3950^2/6 = 2,752,083.333...
    # Sxy = sum xy - sum x*sum y/6 = 44,894,000 - 3950*42949/6 = 16,619,241.666...
    # (sum xy = 50,000 + 5,000 + 240,000 + 2,500,000 + 30,099,000 + 12,000,000)
    # Syy = sum y^2 - (sum y)^2/6 = 968,592,301 - 42949^2/6 = 661,156,200.833...
    # slope = Sxy/Sxx = 6.0388, r = Sxy/sqrt(Sxx*Syy) = 0.3896
    trend = linear_trend(*engagement_points(sample.repo, None, "likes"))
    assert trend is not None and trend.n == 6 and trend.r is not None
    assert trend.slope == pytest.approx(16_619_241.666667 / 2_752_083.333333)
    assert round(trend.r, 4) == 0.3896
    assert trend.intercept == pytest.approx(42949 / 6 - trend.slope * 3950 / 6)


def test_perfect_and_inverse_correlation() -> None:
    x = np.array([3, 7, 11, 20])
    rising = linear_trend(x, 3 * x + 2)
    falling = linear_trend(x, 100 - 2 * x)
    assert rising is not None and falling is not None
    assert (rising.slope, rising.intercept, rising.r) == pytest.approx((3.0, 2.0, 1.0))
    assert (falling.slope, falling.intercept, falling.r) == pytest.approx((-2.0, 100.0, -1.0))


def test_linear_trend_undefined_cases() -> None:
    assert linear_trend(np.array([5]), np.array([9])) is None  # one point
    assert linear_trend(np.array([]), np.array([])) is None
    assert linear_trend(np.array([4, 4, 4]), np.array([1, 2, 3])) is None  # vertical: no fit
    flat = linear_trend(np.array([1, 2, 3]), np.array([7, 7, 7]))
    assert flat is not None and flat.slope == 0.0 and flat.intercept == 7.0 and flat.r is None
    with pytest.raises(ValueError, match="differ in length"):
        linear_trend(np.array([1, 2]), np.array([1, 2, 3]))


@given(
    st.lists(
        st.tuples(st.integers(0, 10**7), st.integers(0, 10**7)), min_size=3, max_size=60
    ).filter(lambda ps: len({p[0] for p in ps}) > 1 and len({p[1] for p in ps}) > 1)
)
def test_linear_trend_agrees_with_numpy(points: list[tuple[int, int]]) -> None:
    x = np.array([p[0] for p in points], dtype=np.float64)
    y = np.array([p[1] for p in points], dtype=np.float64)
    trend = linear_trend(x, y)
    assert trend is not None and trend.r is not None
    slope, intercept = np.polyfit(x, y, 1)
    scale = max(1.0, float(np.abs(y).max()))
    assert trend.slope == pytest.approx(slope, rel=1e-6, abs=1e-9)
    assert trend.intercept == pytest.approx(intercept, rel=1e-6, abs=1e-6 * scale)
    assert trend.r == pytest.approx(np.corrcoef(x, y)[0, 1], abs=1e-9)
    assert -1.0 <= trend.r <= 1.0


# --- weekday x hour -------------------------------------------------------------------------


def test_week_hour_rates(sample: Sample) -> None:
    rates, sessions = week_hour_rates(sample.repo.earnings_by_weekday_hour())
    assert rates.shape == sessions.shape == (7, 24)
    # Mon 20h: #1 (2h, 30099) + #5 (1h, 800) -> 30899 / 3 h
    assert rates[0, 20] == pytest.approx(30899 / 3)
    assert sessions[0, 20] == 2
    assert rates[1, 20] == pytest.approx(4000.0)  # Tue 20:15, 6000 in 1.5 h
    assert rates[1, 9] == pytest.approx(100.0)  # Tue 09:00, 50 in 0.5 h
    assert rates[2, 21] == pytest.approx(5000.0)  # Wed 21:30, 5000 in 1 h
    assert rates[2, 23] == pytest.approx(500.0)  # Wed 23:00, 1000 in 2 h
    # every other cell had no LIVE: NaN (not 0), and no sessions
    assert int(np.count_nonzero(~np.isnan(rates))) == 5
    assert int(sessions.sum()) == 6
    assert np.isnan(rates[6, 12])


# --- gifts ----------------------------------------------------------------------------------


def test_gift_contributions_default_rates(sample: Sample) -> None:
    # 1 coin -> 1 Diamond for everyone: Lion 29999 (#1), Galaxy 2x1000 (#2), Rose 100 (#1) + 50 (#4)
    assert gift_contributions(sample.repo) == [
        GiftContribution("Lion", 1, 29999, D(29999)),
        GiftContribution("Galaxy", 2, 2000, D(2000)),
        GiftContribution("Rose", 150, 150, D(150)),
    ]


def test_gift_contributions_by_count(sample: Sample) -> None:
    # Rose 100 + 50 gifts, Galaxy 2, Lion 1
    ranked = gift_contributions(sample.repo, by="count")
    assert [(g.gift, g.count) for g in ranked] == [("Rose", 150), ("Galaxy", 2), ("Lion", 1)]
    with pytest.raises(ValueError, match="unknown ranking"):
        gift_contributions(sample.repo, by="coins")


def test_gift_contributions_value_each_coin_at_its_rate(sample: Sample) -> None:
    # alice keeps 53% from 10-06 (commission 0.47): #2's Galaxy 2000 coins -> 2000*0.01*0.53/0.005
    sample.repo.add_rate_period(
        RatePeriod(date(2026, 10, 6), commission=D("0.47"), account_id=sample.alice)
    )
    by_gift = {g.gift: g for g in gift_contributions(sample.repo)}
    assert by_gift["Galaxy"].diamonds == D(2120)
    assert by_gift["Lion"].diamonds == D(29999)  # #1 on 10-05, before the new period
    assert by_gift["Rose"].diamonds == D(150)  # bob is not alice


def test_gift_contributions_for_one_account(sample: Sample) -> None:
    assert gift_contributions(sample.repo, sample.bob) == [GiftContribution("Rose", 50, 50, D(50))]
    assert gift_contributions(sample.repo, sample.alice, start=date(2026, 10, 6)) == [
        GiftContribution("Galaxy", 2, 2000, D(2000))
    ]


# --- income mix -----------------------------------------------------------------------------


def add_income(sample: Sample) -> None:
    repo = sample.repo
    repo.add_exchange_rate(ExchangeRate("EUR", date(2026, 1, 1), D("0.92")))
    for account, day, kind, amount, currency in [
        (sample.alice, date(2026, 10, 10), IncomeKind.BRAND, D(100), "USD"),
        (sample.alice, date(2026, 10, 20), IncomeKind.BRAND, D("50.50"), "USD"),
        (sample.bob, date(2026, 11, 5), IncomeKind.DONATION, D(20), "USD"),
        (sample.alice, date(2026, 12, 3), IncomeKind.MERCHANDISE, D(92), "EUR"),
    ]:
        repo.add_income(OtherIncome(account, day, kind, amount, currency))


def test_other_income_by_month(sample: Sample) -> None:
    add_income(sample)
    assert other_income_by_month(sample.repo) == {
        "2026-10": {IncomeKind.BRAND: D("150.50")},
        "2026-11": {IncomeKind.DONATION: D(20)},
        "2026-12": {IncomeKind.MERCHANDISE: D(100)},  # 92 EUR at 0.92 per USD
    }
    assert other_income_by_month(sample.repo, sample.alice, end=date(2026, 10, 15)) == {
        "2026-10": {IncomeKind.BRAND: D(100)}
    }


def test_income_by_month_fills_the_gaps(sample: Sample) -> None:
    add_income(sample)
    months = income_by_month(sample.repo)
    # LIVE net: 2025-12 $5, 2026-10 $199.745, 2026-11 $4 (test_aggregates); other income above
    assert [m.month for m in months] == ["2025-12"] + [f"2026-{m:02d}" for m in range(1, 13)]
    assert months[0] == MonthIncome("2025-12", date(2025, 12, 1), D("5.000"), {})
    assert months[1] == MonthIncome("2026-01", date(2026, 1, 1), D(0), {})
    assert months[10] == MonthIncome(
        "2026-10", date(2026, 10, 1), D("199.745"), {IncomeKind.BRAND: D("150.50")}
    )
    assert months[10].total_usd == D("350.245")
    assert months[11].other_usd == {IncomeKind.DONATION: D(20)}
    assert months[12] == MonthIncome(
        "2026-12", date(2026, 12, 1), D(0), {IncomeKind.MERCHANDISE: D(100)}
    )


def test_total_income_is_live_net_plus_every_stream(sample: Sample) -> None:
    add_income(sample)
    # LIVE $5 + $199.745 + $4, other $150.50 + $20 + $100 (92 EUR)
    assert total_income_usd(income_by_month(sample.repo)) == D("479.245")
    assert total_income_usd([]) == D(0)


def test_income_by_month_for_bob(sample: Sample) -> None:
    add_income(sample)
    # bob: #4 $0.25 (10-06), #5 $4 (11-02), donation $20 (11-05)
    assert income_by_month(sample.repo, sample.bob) == [
        MonthIncome("2026-10", date(2026, 10, 1), D("0.250"), {}),
        MonthIncome("2026-11", date(2026, 11, 1), D("4.000"), {IncomeKind.DONATION: D(20)}),
    ]


def test_income_by_month_empty_and_missing_rate(sample: Sample) -> None:
    assert income_by_month(sample.repo, None, date(2030, 1, 1)) == []
    sample.repo.add_income(
        OtherIncome(sample.bob, date(2026, 11, 9), IncomeKind.OTHER, D(5), "JPY")
    )
    with pytest.raises(MissingExchangeRateError, match="JPY"):
        income_by_month(sample.repo)
