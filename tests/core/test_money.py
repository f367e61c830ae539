"""The money engine against DOMAIN.md's worked examples, plus properties that hold for any rates."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiklive_desktop.core.entities import DEFAULT_RATE, ExchangeRate, GiftLine, RatePeriod
from tiklive_desktop.core.money import (
    agency_cut_usd,
    breakdown,
    diamonds_exact,
    diamonds_from_coins,
    diamonds_value_usd,
    gift_value_usd,
    in_force,
    net_usd,
    rate_on,
    round_money,
    session_diamonds,
    to_currency,
)

LION = 29_999
SCALED = RatePeriod(effective=date(2025, 2, 10), commission=Decimal("0.47"))  # the 53% share
AGENCY = RatePeriod(effective=date(2016, 1, 1), agency_share=Decimal("0.10"))


# --- worked examples -----------------------------------------------------------


def test_a_rose_is_one_diamond_worth_half_a_cent() -> None:
    b = breakdown(1, DEFAULT_RATE)
    assert b.gift_value_usd == Decimal("0.01")
    assert b.diamonds == 1
    assert b.creator_share_usd == Decimal("0.005")
    assert b.net_usd == Decimal("0.005")
    assert round_money(b.net_usd) == Decimal("0.01")  # half up


def test_a_lion_is_29999_diamonds_and_149_995_dollars() -> None:
    b = breakdown(LION, DEFAULT_RATE)
    assert b.gift_value_usd == Decimal("299.99")
    assert b.diamonds == 29_999
    assert b.creator_share_usd == Decimal("149.995")
    assert b.agency_usd == 0
    assert b.net_usd == Decimal("149.995")
    assert round_money(b.creator_share_usd) == Decimal("150.00")
    assert str(round_money(b.creator_share_usd)) == "150.00"


def test_commission_50_vs_47_percent_on_a_lion() -> None:
    # 29,999 x 0.01 x 0.53 / 0.005 = 31,798.94 -> 31,798 whole Diamonds.
    assert diamonds_exact(LION, SCALED) == Decimal("31798.94")
    assert diamonds_from_coins(LION, SCALED) == 31_798
    assert diamonds_value_usd(31_798, SCALED) == Decimal("158.990")
    assert diamonds_from_coins(LION, DEFAULT_RATE) == 29_999


def test_a_ten_percent_agency_share() -> None:
    # 149.995 x 0.10 = 14.9995 to the agency, 134.9955 to the creator.
    assert agency_cut_usd(LION, AGENCY) == Decimal("14.9995")
    assert net_usd(LION, AGENCY) == Decimal("134.9955")
    assert round_money(net_usd(LION, AGENCY)) == Decimal("135.00")
    assert net_usd(LION, AGENCY, Decimal("2.50")) == Decimal("132.4955")


def test_round_once_at_the_end_not_per_gift() -> None:
    # Two Lions: 299.990 exactly; rounding each first would give 300.00.
    per_gift = round_money(diamonds_value_usd(LION, DEFAULT_RATE)) * 2
    assert per_gift == Decimal("300.00")
    assert round_money(diamonds_value_usd(2 * LION, DEFAULT_RATE)) == Decimal("299.99")


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("0.005", "0.01"),
        ("0.004999", "0.00"),
        ("149.995", "150.00"),
        ("-0.005", "-0.01"),
        ("12", "12.00"),
        ("2.675", "2.68"),  # the float trap: round(2.675, 2) == 2.67
        ("1000000000000000000000000000000.005", "1000000000000000000000000000000.01"),
    ],
)
def test_round_money_is_half_up_to_cents(amount: str, expected: str) -> None:
    assert round_money(Decimal(amount)) == Decimal(expected)
    assert round_money(Decimal(amount)).as_tuple().exponent == -2


def test_to_currency() -> None:
    assert to_currency(
        Decimal("150.00"), ExchangeRate("EUR", date(2025, 1, 1), Decimal("0.92"))
    ) == (Decimal("138.0000"))
    assert to_currency(Decimal("150.00"), None) == Decimal("150.00")


# --- rates by date and by account -------------------------------------------------

BASE = RatePeriod(effective=date(2016, 1, 1))
MID_MONTH = RatePeriod(effective=date(2025, 3, 15), commission=Decimal("0.47"))


@pytest.mark.parametrize(
    ("day", "commission"),
    [
        (date(2025, 3, 1), Decimal("0.50")),
        (date(2025, 3, 14), Decimal("0.50")),
        (date(2025, 3, 15), Decimal("0.47")),
        (date(2025, 3, 31), Decimal("0.47")),
    ],
)
def test_a_rate_change_mid_month_applies_by_date(day: date, commission: Decimal) -> None:
    # Periods in any order: the effective date decides, not the list position.
    assert rate_on([MID_MONTH, BASE], day).commission == commission


def test_sessions_either_side_of_a_rate_change_get_their_own_rate() -> None:
    periods = [BASE, MID_MONTH]
    before = diamonds_from_coins(LION, rate_on(periods, date(2025, 3, 14)))
    after = diamonds_from_coins(LION, rate_on(periods, date(2025, 3, 15)))
    assert (before, after) == (29_999, 31_798)


OWN = RatePeriod(effective=date(2025, 2, 10), commission=Decimal("0.47"), account_id=7)
OWN_AGENCY = RatePeriod(effective=date(2024, 1, 1), agency_share=Decimal("0.1"), account_id=7)
SAME_DAY_DEFAULT = RatePeriod(effective=date(2025, 2, 10), diamond_value_usd=Decimal("0.004"))
LATER_DEFAULT = RatePeriod(effective=date(2026, 1, 1), coin_value_usd=Decimal("0.02"))


@pytest.mark.parametrize(
    ("periods", "day", "account_id", "expected"),
    [
        ([BASE, OWN], date(2025, 3, 1), 7, OWN),  # the account's own period
        ([BASE, OWN], date(2025, 3, 1), 8, BASE),  # another account: defaults
        ([BASE, OWN], date(2025, 3, 1), None, BASE),  # no account: defaults
        ([BASE, OWN], date(2025, 2, 9), 7, BASE),  # before its own period started
        ([BASE, OWN, SAME_DAY_DEFAULT], date(2025, 2, 10), 7, OWN),  # own wins a tie
        ([BASE, OWN, SAME_DAY_DEFAULT], date(2025, 2, 10), 8, SAME_DAY_DEFAULT),
        ([BASE, OWN, LATER_DEFAULT], date(2026, 1, 1), 7, LATER_DEFAULT),  # later default wins
        ([BASE, OWN_AGENCY, OWN], date(2025, 3, 1), 7, OWN),  # latest own period
        ([OWN], date(2020, 1, 1), 7, OWN),  # before everything: the earliest applies
        ([MID_MONTH, BASE], date(2010, 1, 1), None, BASE),
        ([], date(2025, 1, 1), 7, DEFAULT_RATE),
    ],
)
def test_rate_on_account_specific_periods(
    periods: list[RatePeriod], day: date, account_id: int | None, expected: RatePeriod
) -> None:
    assert rate_on(periods, day, account_id) == expected


def test_in_force() -> None:
    assert in_force([], date(2025, 1, 1)) is None
    assert in_force([MID_MONTH, BASE], date(2020, 1, 1)) == BASE
    assert in_force([MID_MONTH, BASE], date(2015, 1, 1)) == BASE


# --- a session's Diamonds ----------------------------------------------------------

LINES = (GiftLine("Rose", 100, 1), GiftLine("Lion", 1, LION))  # 30,099 coins


@pytest.mark.parametrize(
    ("reported", "lines", "credited", "from_gifts", "difference"),
    [
        (30_200, LINES, 30_200, 30_099, 101),  # the summary shows more than itemised
        (30_000, LINES, 30_000, 30_099, -99),
        (None, LINES, 30_099, 30_099, None),  # no summary: the gift lines count
        (5_000, (), 5_000, None, None),  # no gift lines: the summary counts
        (None, (), 0, None, None),
        (0, LINES, 0, 30_099, -30_099),  # a reported 0 is a figure, not "missing"
    ],
)
def test_session_diamonds_reported_vs_gift_lines(
    reported: int | None,
    lines: tuple[GiftLine, ...],
    credited: int,
    from_gifts: int | None,
    difference: int | None,
) -> None:
    result = session_diamonds(reported, lines, DEFAULT_RATE)
    assert (result.reported, result.from_gifts) == (reported, from_gifts)
    assert (result.credited, result.difference) == (credited, difference)


def test_session_diamonds_are_rounded_once_on_the_total() -> None:
    # 3 x 1 coin at 53%: 1.06 each (1 each if floored per line), 3.18 -> 3 on the total.
    lines = (GiftLine("Rose", 1, 1), GiftLine("TikTok", 1, 1), GiftLine("GG", 1, 1))
    assert session_diamonds(None, lines, SCALED).credited == 3
    # 100 Roses at 53%: 106 Diamonds, not 100 x floor(1.06) = 100.
    assert session_diamonds(None, (GiftLine("Rose", 100, 1),), SCALED).credited == 106


# --- properties ---------------------------------------------------------------------

coins = st.integers(min_value=0, max_value=10**12)
shares = st.decimals(min_value=0, max_value=1, places=2)
rates = st.builds(
    RatePeriod,
    effective=st.just(date(2020, 1, 1)),
    coin_value_usd=st.decimals(min_value=Decimal("0.0001"), max_value=1, places=4),
    commission=shares,
    diamond_value_usd=st.decimals(min_value=Decimal("0.0001"), max_value=1, places=4),
    agency_share=shares,
)
default_like = st.builds(RatePeriod, effective=st.just(date(2020, 1, 1)), agency_share=shares)


@given(coins, coins, rates)
def test_gift_value_of_a_total_is_the_sum_of_its_parts(a: int, b: int, rate: RatePeriod) -> None:
    assert gift_value_usd(a + b, rate) == gift_value_usd(a, rate) + gift_value_usd(b, rate)


@given(coins, coins, rates)
def test_creator_share_of_a_total_is_the_sum_of_its_parts(a: int, b: int, rate: RatePeriod) -> None:
    assert diamonds_value_usd(a + b, rate) == diamonds_value_usd(a, rate) + diamonds_value_usd(
        b, rate
    )
    assert net_usd(a + b, rate) == net_usd(a, rate) + net_usd(b, rate)


@given(coins, coins, default_like)
def test_with_the_default_ratio_diamonds_add_up_too(a: int, b: int, rate: RatePeriod) -> None:
    assert diamonds_from_coins(a + b, rate) == (
        diamonds_from_coins(a, rate) + diamonds_from_coins(b, rate)
    )


@given(coins, rates)
def test_net_plus_agency_is_the_creator_share(amount: int, rate: RatePeriod) -> None:
    b = breakdown(amount, rate)
    assert b.net_usd + b.agency_usd == b.creator_share_usd
    assert net_usd(b.diamonds, rate, Decimal("1.5")) == b.net_usd - Decimal("1.5")


@given(st.integers(min_value=0, max_value=10**30), rates)
def test_no_float_anywhere_even_for_huge_numbers(amount: int, rate: RatePeriod) -> None:
    b = breakdown(amount, rate)
    money = [
        b.gift_value_usd,
        b.creator_share_usd,
        b.agency_usd,
        b.net_usd,
        diamonds_exact(amount, rate),
        round_money(b.net_usd),
        to_currency(b.net_usd, ExchangeRate("EUR", date(2025, 1, 1), Decimal("0.92"))),
    ]
    assert all(type(value) is Decimal for value in money)
    assert type(b.diamonds) is int
    assert type(session_diamonds(None, [GiftLine("x", amount, 1)], rate).credited) is int


@given(coins, coins, rates)
def test_monotonic_in_coins(a: int, b: int, rate: RatePeriod) -> None:
    low, high = sorted((a, b))
    assert gift_value_usd(low, rate) <= gift_value_usd(high, rate)
    assert diamonds_from_coins(low, rate) <= diamonds_from_coins(high, rate)
    assert breakdown(low, rate).net_usd <= breakdown(high, rate).net_usd


@given(coins, rates)
def test_diamonds_are_the_exact_value_rounded_down(amount: int, rate: RatePeriod) -> None:
    # Checked against exact rational arithmetic, independent of decimal contexts.
    exact = (
        Fraction(amount)
        * Fraction(rate.coin_value_usd)
        * (1 - Fraction(rate.commission))
        / Fraction(rate.diamond_value_usd)
    )
    diamonds = diamonds_from_coins(amount, rate)
    assert diamonds == math.floor(exact)
    assert diamonds <= exact < diamonds + 1
