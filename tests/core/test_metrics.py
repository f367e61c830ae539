"""Engagement metrics: exact Decimals, None (not 0, not an exception) when nothing to divide by."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiklive_desktop.core.entities import Session
from tiklive_desktop.core.metrics import (
    Metrics,
    engagement_metrics,
    round_metric,
    session_metrics,
)


def test_a_typical_live() -> None:
    # 3,000 Diamonds in 1 h 30 min, 12,000 likes, 600 viewers, 40 new followers.
    m = engagement_metrics(3_000, 5_400, 12_000, 600, 40)
    assert m == Metrics(Decimal(2000), Decimal(250), Decimal(5), Decimal(75))


def test_zero_divisors_give_none() -> None:
    assert engagement_metrics(500, 0, 0, 0, 0) == Metrics(None, None, None, None)


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((100, 0, 10, 10, 10), "diamonds_per_hour"),
        ((100, 60, 0, 10, 10), "diamonds_per_1000_likes"),
        ((100, 60, 10, 0, 10), "diamonds_per_viewer"),
        ((100, 60, 10, 10, 0), "diamonds_per_new_follower"),
        ((100, -60, 10, 10, 10), "diamonds_per_hour"),  # nonsense in, "no data" out
    ],
)
def test_each_metric_is_none_on_its_own_zero(args: tuple[int, ...], field: str) -> None:
    m = engagement_metrics(*args)
    values = {name: getattr(m, name) for name in Metrics.__dataclass_fields__}
    assert values.pop(field) is None
    assert all(isinstance(v, Decimal) for v in values.values())


def test_no_diamonds_is_zero_not_none() -> None:
    assert engagement_metrics(0, 3600, 100, 10, 1) == Metrics(
        Decimal(0), Decimal(0), Decimal(0), Decimal(0)
    )


def test_exact_where_the_result_terminates() -> None:
    # 1 Diamond a viewer for 1,024 viewers = 0.0009765625 exactly; 7 Diamonds in 7 min = 60/h.
    m = engagement_metrics(1, 420, 3, 1_024, 8)
    assert m.diamonds_per_viewer == Decimal("0.0009765625")
    assert m.diamonds_per_hour == Decimal("8.571428571428571428571428571")  # 3600/420
    assert m.diamonds_per_new_follower == Decimal("0.125")
    assert engagement_metrics(7, 420, 0, 0, 0).diamonds_per_hour == Decimal(60)


def test_repeating_results_have_28_significant_digits_whatever_the_callers_context() -> None:
    expected = Decimal("33.33333333333333333333333333")
    with localcontext() as context:
        context.prec = 3
        assert engagement_metrics(100, 1, 1, 3, 1).diamonds_per_viewer == expected
    assert engagement_metrics(100, 1, 1, 3, 1).diamonds_per_viewer == expected


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (Decimal("33.33333333333333333333333333"), 1, Decimal("33.3")),
        (Decimal("2.25"), 1, Decimal("2.3")),  # half up, as money is
        (Decimal("2000"), 0, Decimal("2000")),
        (Decimal("0.0009765625"), 4, Decimal("0.0010")),
        (Decimal(10) ** 40 / 3, 2, Decimal("3333333333333333333333333333000000000000.00")),
        (None, 1, None),
    ],
)
def test_round_metric_for_display(
    value: Decimal | None, places: int, shown: Decimal | None
) -> None:
    assert round_metric(value, places) == shown


def test_session_metrics_use_total_viewers_and_whole_seconds() -> None:
    session = Session(
        account_id=1,
        start=datetime(2025, 3, 1, 20, 0),
        duration=timedelta(hours=2, microseconds=500),
        likes=40_000,
        peak_viewers=90,
        total_viewers=800,
        new_followers=25,
    )
    m = session_metrics(session, 10_000)
    assert m == Metrics(Decimal(5000), Decimal(250), Decimal("12.5"), Decimal(400))
    assert session.day == date(2025, 3, 1)


counts = st.integers(min_value=0, max_value=10**12)
divisors = st.integers(min_value=1, max_value=10**12)


@given(counts, divisors, divisors, divisors, divisors)
def test_metrics_are_decimals_within_one_rounding(
    diamonds: int, seconds: int, likes: int, viewers: int, followers: int
) -> None:
    m = engagement_metrics(diamonds, seconds, likes, viewers, followers)
    pairs = [
        (m.diamonds_per_hour, diamonds * 3600, seconds),
        (m.diamonds_per_1000_likes, diamonds * 1000, likes),
        (m.diamonds_per_viewer, diamonds, viewers),
        (m.diamonds_per_new_follower, diamonds, followers),
    ]
    for value, numerator, divisor in pairs:
        assert type(value) is Decimal
        if numerator % divisor == 0:
            assert value == numerator // divisor
        else:
            # one rounding at 28 significant digits (checked with exact multiplication)
            with localcontext() as context:
                context.prec = 80
                assert abs(value * divisor - numerator) <= numerator * Decimal("1e-27")
