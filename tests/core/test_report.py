"""core.report: periods as creators type them, and report figures worked out by hand."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiklive_desktop.core.entities import IncomeKind, RatePeriod
from tiklive_desktop.core.report import (
    GiftFigure,
    LiveTotals,
    MonthLive,
    Period,
    SessionFigure,
    WithdrawalFigure,
    build_report,
    money_split,
    month_rows,
    parse_period,
    tax_year,
    withdrawal_totals,
)

TODAY = date(2026, 11, 27)
DEFAULT = RatePeriod(date(2016, 1, 1))
AGENCY_20 = RatePeriod(date(2026, 1, 1), agency_share=Decimal("0.20"))


# --- periods -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first_month", "start", "end", "label"),
    [
        ("2026-10", 1, date(2026, 10, 1), date(2026, 10, 31), "October 2026"),
        ("2024-2", 1, date(2024, 2, 1), date(2024, 2, 29), "February 2024"),  # leap year
        ("2026-Q3", 1, date(2026, 7, 1), date(2026, 9, 30), "Q3 2026"),
        (" 2026-q1 ", 1, date(2026, 1, 1), date(2026, 3, 31), "Q1 2026"),
        ("2026-Q4", 1, date(2026, 10, 1), date(2026, 12, 31), "Q4 2026"),
        ("2026", 1, date(2026, 1, 1), date(2026, 12, 31), "2026"),
        (
            "2026-01-01..2026-03-31", 1, date(2026, 1, 1), date(2026, 3, 31),
            "2026-01-01 to 2026-03-31",
        ),
        ("2026-02-03 .. 2026-02-03", 1, date(2026, 2, 3), date(2026, 2, 3),
         "2026-02-03 to 2026-02-03"),
        ("tax-2026", 1, date(2026, 1, 1), date(2026, 12, 31), "Tax year 2026"),
        ("tax-2026", 4, date(2026, 4, 1), date(2027, 3, 31), "Tax year 2026/27"),
        ("TAX-2099", 7, date(2099, 7, 1), date(2100, 6, 30), "Tax year 2099/00"),
        ("this-month", 1, date(2026, 11, 1), date(2026, 11, 30), "November 2026"),
        ("last-month", 1, date(2026, 10, 1), date(2026, 10, 31), "October 2026"),
        ("9999-12", 1, date(9999, 12, 1), date(9999, 12, 31), "December 9999"),
    ],
)  # fmt: skip
def test_parse_period(text: str, first_month: int, start: date, end: date, label: str) -> None:
    period = parse_period(text, today=TODAY, tax_year_first_month=first_month)
    assert period == Period(start, end, label)


def test_last_month_in_january_is_last_december() -> None:
    period = parse_period("last-month", today=date(2027, 1, 15))
    assert (period.start, period.end) == (date(2026, 12, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "is not a period"),
        ("October", "is not a period"),
        ("2026-13", "there is no month 13"),
        ("2026-0", "there is no month 0"),
        ("2026-Q5", "is not a period"),
        ("2026-03-31..2026-01-01", "ends before it begins"),
        ("2026-02-30..2026-03-01", "day is out of range"),
        ("2026-01-01..", "2026-01-01.."),
        ("tax-26", "is not a period"),
        ("0000", "year 0 is out of range"),
        ("tax-9999", "out of range"),  # its end would be in the year 10000
        ("next-month", "is not a period"),
    ],
)
def test_parse_period_refuses_with_a_clear_message(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=r"^period ") as error:
        parse_period(text, today=TODAY, tax_year_first_month=4)
    assert says in str(error.value)
    assert repr(text.strip()) in str(error.value)


@pytest.mark.parametrize("month", [0, 13, -1])
def test_tax_year_needs_a_real_first_month(month: int) -> None:
    with pytest.raises(ValueError, match="first month must be 1 to 12"):
        tax_year(2026, month)


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="ends"):
        Period(date(2026, 2, 1), date(2026, 1, 31), "backwards")


def test_months_of_a_period() -> None:
    period = Period(date(2026, 11, 15), date(2027, 2, 3), "winter")
    assert period.months() == [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1),
                               date(2027, 2, 1)]  # fmt: skip
    assert Period(date(9999, 12, 1), date(9999, 12, 31), "last").months() == [date(9999, 12, 1)]


@given(st.dates(max_value=date(9998, 1, 1)), st.integers(0, 800))
def test_months_cover_the_period_without_gaps(start: date, days: int) -> None:
    end = date.fromordinal(start.toordinal() + days)
    months = Period(start, end, "x").months()
    assert months[0] == start.replace(day=1)
    assert months[-1] == end.replace(day=1)
    for before, after in itertools.pairwise(months):
        assert (after.year * 12 + after.month) - (before.year * 12 + before.month) == 1


# --- figures -------------------------------------------------------------------------------


def test_money_split_values_each_rate_at_its_own_rate() -> None:
    # 30,099 Diamonds at the default: $150.495 share, gift value $300.99.
    # 10,000 at a 20% agency share: $50 share, $10 to the agency, gift value $100.
    split = money_split([(30099, DEFAULT), (10000, AGENCY_20)])
    assert split.gift_value_usd == Decimal("400.99")
    assert split.creator_share_usd == Decimal("200.495")
    assert split.agency_usd == Decimal("10")
    assert split.net_usd == Decimal("190.495")
    assert money_split([]).net_usd == 0


def test_money_split_with_all_commission_has_no_gift_value_to_divide() -> None:
    everything = RatePeriod(date(2026, 1, 1), commission=Decimal(1))
    assert money_split([(100, everything)]).gift_value_usd == 0


def test_withdrawal_totals() -> None:
    totals = withdrawal_totals(
        [
            WithdrawalFigure(date(2026, 7, 25), 20000, Decimal("100"), Decimal("1"), False),
            WithdrawalFigure(date(2026, 9, 20), 2000, Decimal("10"), Decimal("22.5"), True),
        ]
    )
    assert (totals.count, totals.diamonds, totals.pending) == (2, 22000, 1)
    assert (totals.amount_usd, totals.fees_usd, totals.net_usd) == (
        Decimal("110"), Decimal("23.5"), Decimal("86.5"),
    )  # fmt: skip


def test_month_rows_include_quiet_months() -> None:
    period = Period(date(2026, 7, 10), date(2026, 9, 5), "summer")
    rows = month_rows(
        period,
        [MonthLive(date(2026, 8, 1), 2, 5400, 1000, Decimal("5"))],
        {date(2026, 9, 1): Decimal("45.5")},
        {date(2026, 7, 1): Decimal("100")},
    )
    assert [r.month for r in rows] == ["2026-07", "2026-08", "2026-09"]
    assert [(r.sessions, r.diamonds) for r in rows] == [(0, 0), (2, 1000), (0, 0)]
    assert rows[1].hours == Decimal("1.5")
    assert [r.total_income_usd for r in rows] == [0, Decimal("5"), Decimal("45.5")]
    assert [r.withdrawn_usd for r in rows] == [Decimal("100"), 0, 0]


def _report(per_usd: Decimal | None = None) -> object:
    q3 = Period(date(2026, 7, 1), date(2026, 9, 30), "Q3 2026")
    return build_report(
        account="@alice",
        period=q3,
        live=LiveTotals(
            sessions=2,
            seconds=12600,
            diamonds=40099,
            likes=3000,
            viewers=800,
            new_followers=30,
            gifters=14,
        ),
        diamonds_by_rate=[(30099, DEFAULT), (10000, AGENCY_20)],
        withdrawals=[
            WithdrawalFigure(date(2026, 7, 25), 20000, Decimal("100"), Decimal("1"), False)
        ],
        other_income={IncomeKind.MERCHANDISE: Decimal("45.5"), IncomeKind.BRAND: Decimal(300)},
        balance_start_diamonds=2000,
        balance_end_diamonds=22099,
        top_gifts=[GiftFigure("Lion", 1, 29999)],
        best_sessions=[
            SessionFigure(
                datetime(2026, 7, 4, 20), "alice", "Kick-off", 7200, 30099, Decimal("150.495")
            )
        ],
        months_live=[
            MonthLive(date(2026, 7, 1), 1, 7200, 30099, Decimal("150.495")),
            MonthLive(date(2026, 8, 1), 1, 5400, 10000, Decimal("40")),
        ],
        months_other_income={date(2026, 7, 1): Decimal(300), date(2026, 9, 1): Decimal("45.5")},
        currency="USD" if per_usd is None else "GBP",
        per_usd=per_usd,
    )


def test_build_report_by_hand() -> None:
    report = _report()
    assert (report.sessions, report.seconds, report.hours, report.diamonds) == (
        2, 12600, Decimal("3.5"), 40099,
    )  # fmt: skip
    assert report.money.gift_value_usd == Decimal("400.99")
    assert report.money.creator_share_usd == Decimal("200.495")
    assert report.money.agency_usd == Decimal("10")
    assert report.net_usd == Decimal("190.495")
    # Other income in IncomeKind's order, whatever order it came in.
    assert report.other_income == (
        (IncomeKind.BRAND, Decimal(300)), (IncomeKind.MERCHANDISE, Decimal("45.5")),
    )  # fmt: skip
    assert report.other_income_usd == Decimal("345.5")
    assert report.total_income_usd == Decimal("535.995")  # 190.495 + 345.5
    assert (report.withdrawals.count, report.withdrawals.fees_usd) == (1, Decimal("1"))
    assert (report.balance_start_diamonds, report.balance_end_diamonds) == (2000, 22099)
    # 40,099 Diamonds in 3.5 h; per 1,000 of 3,000 likes; per 800 viewers; per 30 followers.
    assert report.metrics.diamonds_per_hour == Decimal(40099 * 3600) / 12600
    assert report.metrics.diamonds_per_1000_likes == Decimal("13366") + Decimal(1) / 3
    assert report.metrics.diamonds_per_viewer == Decimal("50.12375")
    assert report.metrics.diamonds_per_new_follower == Decimal(40099) / 30
    assert [m.month for m in report.months] == ["2026-07", "2026-08", "2026-09"]
    assert [m.withdrawn_usd for m in report.months] == [Decimal(100), 0, 0]
    assert [m.total_income_usd for m in report.months] == [
        Decimal("450.495"), Decimal("40"), Decimal("45.5"),
    ]  # fmt: skip


def test_shown_rounds_once_in_the_report_currency() -> None:
    assert _report().shown(Decimal("535.995")) == Decimal("536.00")
    gbp = _report(per_usd=Decimal("1.5"))
    assert gbp.currency == "GBP"
    assert gbp.shown(Decimal("535.995")) == Decimal("803.99")  # 803.9925
    # Converted, then rounded: $0.005 x 1.5 = 0.0075 -> 0.01 (rounding first: 0.01 x 1.5 -> 0.02).
    assert gbp.shown(Decimal("0.005")) == Decimal("0.01")
