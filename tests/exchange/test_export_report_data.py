"""load_report and the table pages against the hand-computed data set (conftest.py)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from tiklive_desktop.core.entities import Account, ExchangeRate, IncomeKind, Withdrawal
from tiklive_desktop.core.report import Period
from tiklive_desktop.exchange.report_data import (
    COLUMNS,
    TABLES,
    count_rows,
    iter_pages,
    load_report,
    minutes,
    period_text,
    summary_lines,
)
from tiklive_desktop.storage.errors import MissingExchangeRateError
from tiklive_desktop.storage.repository import Repository

if TYPE_CHECKING:  # conftest is not importable by name when every test folder has one
    from conftest import ReportSample


def test_q3_for_all_accounts(report_repo: ReportSample) -> None:
    f = load_report(report_repo.repo, None, report_repo.q3)
    assert f.account == "All accounts"
    # Sessions 2, 3, 4 (1 is the day before, 5 the minute after).
    assert (f.sessions, f.seconds, f.hours, f.diamonds) == (3, 14400, Decimal(4), 43099)
    # 33,099 Diamonds at $0.005 = $165.495; 10,000 at alice's rate: $50, $5 to the agency.
    assert f.money.gift_value_usd == Decimal("430.99")
    assert f.money.creator_share_usd == Decimal("215.495")
    assert f.money.agency_usd == Decimal("5")
    assert f.net_usd == Decimal("210.495")
    assert f.other_income == (
        (IncomeKind.BRAND, Decimal("300")), (IncomeKind.MERCHANDISE, Decimal("45.5")),
    )  # fmt: skip
    assert f.total_income_usd == Decimal("555.995")
    w = f.withdrawals
    assert (w.count, w.diamonds, w.amount_usd, w.fees_usd, w.pending) == (
        2, 22000, Decimal(110), Decimal("23.5"), 1,
    )  # fmt: skip
    # Start: session 1's 2,000. End: 2,000 + 43,099 earned - 22,000 withdrawn.
    assert (f.balance_start_diamonds, f.balance_end_diamonds) == (2000, 23099)
    assert (f.live.likes, f.live.viewers, f.live.new_followers, f.live.gifters) == (
        3500, 900, 35, 16,
    )  # fmt: skip
    assert f.metrics.diamonds_per_hour == Decimal("10774.75")
    assert f.metrics.diamonds_per_1000_likes == Decimal("12314")
    assert [(g.gift, g.count, g.coins) for g in f.top_gifts] == [
        ("Lion", 1, 29999), ("Rose", 100, 100),
    ]  # fmt: skip
    assert [(s.account, s.diamonds) for s in f.best_sessions] == [
        ("alice", 30099), ("alice", 10000), ("bob", 3000),
    ]  # fmt: skip
    assert [
        (m.month, m.sessions, m.diamonds, m.net_usd, m.other_income_usd, m.withdrawn_usd)
        for m in f.months
    ] == [
        ("2026-07", 1, 30099, Decimal("150.495"), Decimal(300), Decimal(100)),
        ("2026-08", 1, 10000, Decimal(45), Decimal(0), Decimal(0)),
        ("2026-09", 1, 3000, Decimal(15), Decimal("45.5"), Decimal(10)),
    ]
    assert (f.currency, f.per_usd) == ("USD", None)


def test_one_account(report_repo: ReportSample) -> None:
    f = load_report(report_repo.repo, report_repo.alice, report_repo.q3)
    assert f.account == "@alice (Alice A.)"
    assert (f.sessions, f.hours, f.diamonds) == (2, Decimal("3.5"), 40099)
    assert f.net_usd == Decimal("195.495")  # 150.495 + 45
    assert f.total_income_usd == Decimal("495.495")
    assert (f.withdrawals.count, f.withdrawals.amount_usd) == (1, Decimal(100))
    assert (f.balance_start_diamonds, f.balance_end_diamonds) == (2000, 22099)


def test_an_empty_period_is_all_zeros(report_repo: ReportSample) -> None:
    f = load_report(report_repo.repo, None, Period(date(2020, 1, 1), date(2020, 2, 29), "old"))
    assert (f.sessions, f.diamonds, f.net_usd, f.total_income_usd) == (0, 0, 0, 0)
    assert f.metrics.diamonds_per_hour is None
    assert [m.month for m in f.months] == ["2020-01", "2020-02"]
    assert f.top_gifts == () and f.best_sessions == ()
    assert (f.balance_start_diamonds, f.balance_end_diamonds) == (0, 0)


def test_other_currencies_are_converted_and_shown_in_the_accounts(repo: Repository) -> None:
    eve = repo.add_account(Account("eve", currency="GBP")).id
    assert eve is not None
    repo.add_exchange_rate(ExchangeRate("GBP", date(2026, 1, 1), Decimal("0.8")))
    repo.add_withdrawal(Withdrawal(eve, date(2026, 3, 2), 1000, Decimal("4.00"), currency="GBP"))
    f = load_report(repo, eve, Period(date(2026, 3, 1), date(2026, 3, 31), "March 2026"))
    assert f.withdrawals.amount_usd == Decimal(5)  # 4 GBP at 0.8 GBP per USD
    assert (f.currency, f.per_usd) == ("GBP", Decimal("0.8"))
    assert f.shown(f.withdrawals.amount_usd) == Decimal("4.00")


def test_a_missing_exchange_rate_is_named(repo: Repository) -> None:
    eve = repo.add_account(Account("eve")).id
    assert eve is not None
    repo.add_withdrawal(Withdrawal(eve, date(2026, 3, 2), 1000, Decimal(4), currency="EUR"))
    with pytest.raises(MissingExchangeRateError, match="EUR"):
        load_report(repo, eve, Period(date(2026, 3, 1), date(2026, 3, 31), "March 2026"))


def test_summary_lines_label_every_figure_once(report_repo: ReportSample) -> None:
    lines = summary_lines(load_report(report_repo.repo, None, report_repo.q3))
    by_label = {line.label: line for line in lines}
    assert len(by_label) == len(lines)
    assert by_label["Net from LIVE"].value == Decimal("210.495")
    assert by_label["Total income"].kind == "money"
    assert by_label["Balance at end (Diamonds)"].value == 23099
    assert by_label["Brand partnership"].section == "Other income"


@pytest.mark.parametrize(
    ("period", "text"),
    [
        (Period(date(2026, 7, 1), date(2026, 9, 30), "Q3 2026"),
         "Q3 2026 (2026-07-01 to 2026-09-30)"),
        (Period(date(2026, 7, 1), date(2026, 7, 2), "2026-07-01 to 2026-07-02"),
         "2026-07-01 to 2026-07-02"),
    ],
)  # fmt: skip
def test_period_text(period: Period, text: str) -> None:
    assert period_text(period) == text


@pytest.mark.parametrize(
    ("seconds", "shown"), [(5400, "90"), (90, "1.5"), (100, "1.6667"), (59, "0.9833"), (0, "0")]
)
def test_minutes_read_back_to_the_second(seconds: int, shown: str) -> None:
    value = minutes(seconds)
    assert format(value, "f") == shown
    assert round(value * 60) == seconds


@pytest.mark.parametrize("table", TABLES)
def test_pages_match_the_columns_and_the_count(report_repo: ReportSample, table: str) -> None:
    pages = list(iter_pages(report_repo.repo, table, None, report_repo.q3, page_size=1))
    assert all(len(page) == 1 for page in pages)
    assert len(pages) == count_rows(report_repo.repo, table, None, report_repo.q3)
    assert all(len(page[0]) == len(COLUMNS[table]) for page in pages)  # type: ignore[index]


def test_session_rows(report_repo: ReportSample) -> None:
    rows = [row for page in iter_pages(report_repo.repo, "sessions") for row in page]
    assert [row[1] for row in rows] == [
        datetime(2026, 6, 30, 23, 59), datetime(2026, 7, 4, 20), datetime(2026, 8, 15, 21, 30),
        datetime(2026, 9, 30, 23, 30), datetime(2026, 10, 1),
    ]  # fmt: skip
    kick_off = dict(zip((c.name for c in COLUMNS["sessions"]), rows[1], strict=True))
    # Recorded as gift lines only: the Diamonds they credit stand in "diamonds".
    assert kick_off["diamonds"] == kick_off["credited_diamonds"] == 30099
    assert kick_off["net_usd"] == Decimal("150.50")  # $150.495 rounded once, half up
    assert kick_off["tags"] == "dance, q&a"
    assert kick_off["duration_minutes"] == 120
