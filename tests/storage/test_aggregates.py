"""Aggregates over the hand-checked data set (storage_sample.py); every number derived below."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from storage_sample import Sample

from tiklive_desktop.core.cashout import CashoutInputs
from tiklive_desktop.core.entities import (
    ExchangeRate,
    IncomeKind,
    OtherIncome,
    Withdrawal,
    WithdrawalStatus,
)
from tiklive_desktop.storage.aggregates import GiftTotal, PeriodTotal
from tiklive_desktop.storage.errors import MissingExchangeRateError

D = Decimal


def test_totals_by_month(sample: Sample) -> None:
    assert sample.repo.totals_by_period("month") == [
        PeriodTotal("2025-12", date(2025, 12, 1), 1, 7200, 1000, 50, 20, 0, D("5.000")),
        # #1 #2 #3 #4: 7200+3600+5400+1800 s; 30099+5000+6000+50 Diamonds;
        # 1000+500+2000+100 likes; 300+200+600+40 viewers; 10+4+25+1 follows;
        # $150.495 + $25 + $24 (alice's agency period) + $0.25
        PeriodTotal("2026-10", date(2026, 10, 1), 4, 18000, 41149, 3600, 1140, 40, D("199.745")),
        PeriodTotal("2026-11", date(2026, 11, 1), 1, 3600, 800, 300, 250, 12, D("4.000")),
    ]


def test_totals_by_iso_week(sample: Sample) -> None:
    assert sample.repo.totals_by_period("week") == [
        # Wednesday 2025-12-31 is in ISO week 1 of 2026 (Thursday 1 January is), Monday 12-29.
        PeriodTotal("2026-W01", date(2025, 12, 29), 1, 7200, 1000, 50, 20, 0, D("5.000")),
        # #1 Mon 10-05, #4 Tue 10-06, #2 Wed 10-07: 7200+1800+3600 s, 30099+50+5000 Diamonds,
        # 1000+100+500 likes, 300+40+200 viewers, 10+1+4 follows, $150.495+$0.25+$25
        PeriodTotal("2026-W41", date(2026, 10, 5), 3, 12600, 35149, 1600, 540, 15, D("175.745")),
        PeriodTotal("2026-W43", date(2026, 10, 19), 1, 5400, 6000, 2000, 600, 25, D("24.000")),
        PeriodTotal("2026-W45", date(2026, 11, 2), 1, 3600, 800, 300, 250, 12, D("4.000")),
    ]


def test_totals_by_year(sample: Sample) -> None:
    assert sample.repo.totals_by_period("year") == [
        PeriodTotal("2025", date(2025, 1, 1), 1, 7200, 1000, 50, 20, 0, D("5.000")),
        # everything else: 28800-7200 s, 42949-1000 Diamonds, 3950-50 likes,
        # 1410-20 viewers, 52 follows, $208.745 - $5
        PeriodTotal("2026", date(2026, 1, 1), 5, 21600, 41949, 3900, 1390, 52, D("203.745")),
    ]


def test_totals_by_day_for_one_account_and_range(sample: Sample) -> None:
    totals = sample.repo.totals_by_period(
        "day", sample.alice, date(2026, 10, 6), date(2026, 10, 20)
    )
    assert totals == [
        PeriodTotal("2026-10-07", date(2026, 10, 7), 1, 3600, 5000, 500, 200, 4, D("25.000")),
        PeriodTotal("2026-10-20", date(2026, 10, 20), 1, 5400, 6000, 2000, 600, 25, D("24.000")),
    ]


def test_a_period_spanning_two_rate_periods_adds_exact_money(sample: Sample) -> None:
    """October holds alice's sessions at the default and at her own (agency) period."""
    (october,) = sample.repo.totals_by_period(
        "month", sample.alice, date(2026, 10, 1), date(2026, 10, 31)
    )
    assert october.net_usd == D("199.495")  # 150.495 + 25 at $0.005, 24 at $0.004
    assert october.diamonds == 41099


def test_totals_by_period_rejects_unknown_granularity(sample: Sample) -> None:
    with pytest.raises(ValueError, match="granularity"):
        sample.repo.totals_by_period("quarter")  # type: ignore[arg-type]


def test_totals_by_gift(sample: Sample) -> None:
    repo = sample.repo
    assert repo.totals_by_gift() == [
        GiftTotal("Lion", 1, 29999),
        GiftTotal("Galaxy", 2, 2000),
        GiftTotal("Rose", 150, 150),  # 100 from #1 (alice) + 50 from #4 (bob)
    ]
    assert repo.totals_by_gift(sample.bob) == [GiftTotal("Rose", 50, 50)]
    assert repo.totals_by_gift(None, date(2026, 10, 6), date(2026, 10, 7)) == [
        GiftTotal("Galaxy", 2, 2000),
        GiftTotal("Rose", 50, 50),
    ]


def test_earnings_by_weekday_and_hour(sample: Sample) -> None:
    grid = sample.repo.earnings_by_weekday_hour()
    # Monday 20h: #1 (30099, 7200 s) and #5 (800, 3600 s)
    assert (grid.sessions[0][20], grid.diamonds[0][20], grid.seconds[0][20]) == (2, 30899, 10800)
    # Tuesday 20h: #3; Tuesday 9h: #4; Wednesday 21h: #2; Wednesday 23h: #6
    assert (grid.diamonds[1][20], grid.diamonds[1][9]) == (6000, 50)
    assert (grid.diamonds[2][21], grid.diamonds[2][23]) == (5000, 1000)
    assert sum(map(sum, grid.sessions)) == 6
    assert sum(map(sum, grid.diamonds)) == 42949
    assert grid.diamonds_per_hour(1, 9) == D(100)  # 50 Diamonds in half an hour
    assert grid.diamonds_per_hour(6, 12) is None
    only_bob = sample.repo.earnings_by_weekday_hour(sample.bob)
    assert sum(map(sum, only_bob.diamonds)) == 850


@pytest.fixture
def wallet(sample: Sample) -> Sample:
    repo, alice, bob = sample.repo, sample.alice, sample.bob
    repo.add_withdrawal(
        Withdrawal(alice, date(2026, 10, 10), 20000, D("100.00"), status=WithdrawalStatus.PAID)
    )
    repo.add_withdrawal(Withdrawal(bob, date(2026, 11, 2), 800, D("4.00")))
    # In euros: today's USD figure is the Diamonds' value, 10000 x $0.005.
    repo.add_withdrawal(Withdrawal(alice, date(2026, 11, 2), 10000, D("46.00"), currency="EUR"))
    # Dated after "today": not counted yet.
    repo.add_withdrawal(Withdrawal(alice, date(2026, 11, 5), 1000, D("5.00")))
    return sample


def test_cashout_inputs_all_accounts(wallet: Sample) -> None:
    assert wallet.repo.cashout_inputs(None, date(2026, 11, 2)) == CashoutInputs(
        earned_diamonds=42949,  # every session is on or before today
        withdrawn_diamonds=30800,  # 20000 + 800 + 10000
        withdrawn_today_usd=D("54.000"),  # $4.00 + 10000 x $0.005
        diamonds_last_30_days=41949,  # since 10-04: all but #6
        diamonds_this_month=800,  # #5
    )


def test_cashout_inputs_one_account(wallet: Sample) -> None:
    assert wallet.repo.cashout_inputs(wallet.alice, date(2026, 11, 2)) == CashoutInputs(
        earned_diamonds=42099,  # 30099 + 5000 + 6000 + 1000
        withdrawn_diamonds=30000,
        withdrawn_today_usd=D("50.000"),
        diamonds_last_30_days=41099,  # #1 #2 #3
        diamonds_this_month=0,
    )


def test_cashout_inputs_window_edges(wallet: Sample) -> None:
    # Today 2026-11-03: the 30 days start on 10-05, so #1 (10-05 20:00) is still in.
    inputs = wallet.repo.cashout_inputs(None, date(2026, 11, 3))
    assert inputs.diamonds_last_30_days == 41949
    assert inputs.withdrawn_today_usd == 0
    # Today 2026-11-04: 10-05 has left the window.
    assert wallet.repo.cashout_inputs(None, date(2026, 11, 4)).diamonds_last_30_days == 11850
    # Today 2026-10-06 (morning session #4 counts: a whole day is "today").
    early = wallet.repo.cashout_inputs(None, date(2026, 10, 6))
    assert (early.earned_diamonds, early.withdrawn_diamonds) == (30099 + 50 + 1000, 0)


@pytest.fixture
def income(sample: Sample) -> Sample:
    repo, alice, bob = sample.repo, sample.alice, sample.bob
    repo.add_income(OtherIncome(alice, date(2026, 10, 12), IncomeKind.BRAND, D("250.00")))
    repo.add_income(OtherIncome(alice, date(2026, 10, 20), IncomeKind.MERCHANDISE, D("40.50")))
    repo.add_income(
        OtherIncome(alice, date(2026, 10, 25), IncomeKind.DONATION, D("20.00"), currency="EUR")
    )
    repo.add_income(OtherIncome(bob, date(2026, 11, 1), IncomeKind.BRAND, D("100.00")))
    repo.add_exchange_rate(ExchangeRate("EUR", date(2026, 1, 1), D("0.80")))
    return sample


def test_income_by_kind(income: Sample) -> None:
    repo = income.repo
    assert repo.income_by_kind() == {
        IncomeKind.BRAND: D("350.00"),
        IncomeKind.MERCHANDISE: D("40.50"),
        IncomeKind.DONATION: D("25"),  # EUR 20 / 0.80 per USD
    }
    assert repo.income_by_kind(income.bob) == {IncomeKind.BRAND: D("100.00")}
    assert repo.income_by_kind(None, date(2026, 10, 20), date(2026, 10, 20)) == {
        IncomeKind.MERCHANDISE: D("40.50")
    }


def test_income_in_a_currency_without_rate_is_an_error_not_a_gap(income: Sample) -> None:
    income.repo.add_income(
        OtherIncome(income.bob, date(2026, 11, 1), IncomeKind.OTHER, D("5"), currency="GBP")
    )
    with pytest.raises(MissingExchangeRateError, match="GBP"):
        income.repo.income_by_kind()


def test_overview_cashout_status_uses_the_accounts_rule_and_rate(wallet: Sample) -> None:
    from tiklive_desktop.storage.overview import cashout_status

    repo = wallet.repo
    status = cashout_status(repo, wallet.alice, date(2026, 11, 2))
    # alice: 42099 earned - 30000 withdrawn = 12099 Diamonds x $0.005 = $60.495; US minimum $100.
    assert (status.balance_diamonds, status.balance_usd) == (12099, D("60.495"))
    assert (status.minimum_usd, status.eligible) == (D(100), False)
    # bob is in GB; deleting that rule falls back to the US rule rather than failing.
    repo.delete_region_rule("GB")
    assert cashout_status(repo, wallet.bob, date(2026, 11, 2)).minimum_usd == D(100)
    assert cashout_status(repo, None, date(2026, 11, 2)).balance_diamonds == 42949 - 30800
