"""Other-income totals for the Income section: per kind, in all, or why they cannot be given."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tiklive_desktop.core.entities import Account, ExchangeRate, IncomeKind, OtherIncome
from tiklive_desktop.storage.ledger_summary import IncomeSummary, income_summary


def _income(account_id: int, kind: IncomeKind, amount: str, currency: str = "USD") -> OtherIncome:
    return OtherIncome(account_id, date(2026, 3, 1), kind, Decimal(amount), currency)


def test_totals_per_kind_and_in_all(repo) -> None:
    a = repo.add_account(Account("a")).id
    b = repo.add_account(Account("b")).id
    repo.add_income(_income(a, IncomeKind.BRAND, "400.00"))
    repo.add_income(_income(a, IncomeKind.BRAND, "100.10"))
    repo.add_income(_income(a, IncomeKind.MERCHANDISE, "25.05"))
    repo.add_income(_income(b, IncomeKind.DONATION, "9.99"))

    assert income_summary(repo, a) == IncomeSummary(
        {IncomeKind.BRAND: Decimal("500.10"), IncomeKind.MERCHANDISE: Decimal("25.05")},
        Decimal("525.15"),
    )
    assert income_summary(repo).total_usd == Decimal("535.14")
    assert income_summary(repo, b, start=date(2026, 4, 1)) == IncomeSummary({}, Decimal(0))


def test_a_currency_without_a_rate_gives_no_totals_and_says_why(repo) -> None:
    a = repo.add_account(Account("a")).id
    repo.add_income(_income(a, IncomeKind.BRAND, "400.00"))
    repo.add_income(_income(a, IncomeKind.DONATION, "46.00", "EUR"))
    missing = income_summary(repo, a)
    assert (missing.by_kind, missing.total_usd) == ({}, Decimal(0))
    assert missing.missing_rate is not None and "EUR" in missing.missing_rate

    # 46.00 EUR at 0.92 EUR per USD = $50.00.
    repo.add_exchange_rate(ExchangeRate("EUR", date(2026, 1, 1), Decimal("0.92")))
    assert income_summary(repo, a).total_usd == Decimal("450.00")
