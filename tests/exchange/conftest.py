"""Fixtures for the import/export tests: a fresh in-memory database per test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tiklive_desktop.core.entities import (
    Account,
    GiftLine,
    IncomeKind,
    OtherIncome,
    RatePeriod,
    Session,
    Withdrawal,
    WithdrawalStatus,
)
from tiklive_desktop.core.report import Period
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository


@pytest.fixture
def repo() -> Iterator[Repository]:
    db = open_database(None)
    yield Repository(db)
    db.close()


# --- the report tests' data set (hand-computed totals in test_export_*.py) ---------------
#
# Rates: the seeded default (1 coin -> 1 Diamond, 1 Diamond = $0.005, no agency
# share), and alice's own period from 2026-08-01 with a 10% agency share.
#
#  # account start               min  Diamonds            likes viewers follows gifters net USD
#  1 alice   2026-06-30 23:59     60  2000 reported       100   50      1       1       (before Q3)
#  2 alice   2026-07-04 20:00    120  30099 gift lines    1000  300     10      6       150.495
#  3 alice   2026-08-15 21:30     90  10000 reported      2000  500     20      8       45.000 (*)
#  4 bob     2026-09-30 23:30     30  3000 reported       500   100     5       2       15.000
#  5 bob     2026-10-01 00:00     60  4000 reported       0     0       0       0       (after Q3)
#  (*) 10000 x $0.005 = $50.00 creator share, $5.00 to the agency.
#  Gift lines of #2: Rose x100 @1 + Lion x1 @29999 = 30099 coins.
#
# Other income: alice 2026-07-20 brand $300.00 ("+1 sponsor"); bob 2026-09-05
# merchandise $45.50; alice 2026-12-01 donation $10.00 (after Q3).
# Withdrawals: alice 2026-07-25 20000 Diamonds $100.00 fee $1.00 paid; bob
# 2026-09-20 2000 Diamonds $10.00 fee $22.50 pending (net -$12.50); alice
# 2026-10-05 5000 Diamonds $25.00 (after Q3).


@dataclass(frozen=True)
class ReportSample:
    repo: Repository
    alice: int
    bob: int
    q3: Period


def _session(account_id: int, start: str, minutes: int, **fields: Any) -> Session:
    return Session(
        account_id=account_id,
        start=datetime.fromisoformat(start),
        duration=timedelta(minutes=minutes),
        **fields,
    )


def build_report_sample(repo: Repository) -> ReportSample:
    """Fill ``repo`` (empty) with the data set above."""
    alice = repo.add_account(Account("alice", "Alice A.")).id
    bob = repo.add_account(Account("bob")).id
    assert alice is not None and bob is not None
    repo.add_rate_period(
        RatePeriod(date(2026, 8, 1), agency_share=Decimal("0.10"), account_id=alice)
    )
    repo.add_sessions(
        [
            _session(alice, "2026-06-30T23:59:00", 60, reported_diamonds=2000, likes=100,
                     total_viewers=50, new_followers=1, gifters=1, title="June finale"),
            _session(alice, "2026-07-04T20:00:00", 120, likes=1000, peak_viewers=80,
                     total_viewers=300, new_followers=10, comments=50, shares=5, gifters=6,
                     title="Summer kick-off", notes='=HYPERLINK("http://x","y")',
                     tags=("dance", "q&a"),
                     gift_lines=(GiftLine("Rose", 100, 1), GiftLine("Lion", 1, 29999))),
            _session(alice, "2026-08-15T21:30:00", 90, reported_diamonds=10000, likes=2000,
                     peak_viewers=120, total_viewers=500, new_followers=20, gifters=8,
                     title="-5 degrees challenge", notes="Ünïcode ✓ 🎉"),
            _session(bob, "2026-09-30T23:30:00", 30, reported_diamonds=3000, likes=500,
                     total_viewers=100, new_followers=5, gifters=2, title="Late coffee"),
            _session(bob, "2026-10-01T00:00:00", 60, reported_diamonds=4000, title="October"),
        ]
    )  # fmt: skip
    for income in (
        OtherIncome(
            alice, date(2026, 7, 20), IncomeKind.BRAND, Decimal("300.00"), note="+1 sponsor"
        ),
        OtherIncome(bob, date(2026, 9, 5), IncomeKind.MERCHANDISE, Decimal("45.50")),
        OtherIncome(alice, date(2026, 12, 1), IncomeKind.DONATION, Decimal("10.00")),
    ):
        repo.add_income(income)
    for withdrawal in (
        Withdrawal(alice, date(2026, 7, 25), 20000, Decimal("100.00"), fee=Decimal("1.00"),
                   status=WithdrawalStatus.PAID),
        Withdrawal(bob, date(2026, 9, 20), 2000, Decimal("10.00"), fee=Decimal("22.50"),
                   note="@bank fee"),
        Withdrawal(alice, date(2026, 10, 5), 5000, Decimal("25.00")),
    ):  # fmt: skip
        repo.add_withdrawal(withdrawal)
    q3 = Period(date(2026, 7, 1), date(2026, 9, 30), "Q3 2026")
    return ReportSample(repo, alice, bob, q3)


@pytest.fixture
def report_repo(repo: Repository) -> ReportSample:
    return build_report_sample(repo)


@pytest.fixture
def report_db(tmp_path: Path) -> Path:
    """The same data set in a database file (for the command line)."""
    path = tmp_path / "report.db"
    db = open_database(path)
    build_report_sample(Repository(db))
    db.close()
    return path
