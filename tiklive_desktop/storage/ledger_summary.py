"""Totals of other income for the Income section, so the window does no money arithmetic."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tiklive_desktop.core.entities import IncomeKind
from tiklive_desktop.storage.aggregates import AggregatesMixin
from tiklive_desktop.storage.errors import MissingExchangeRateError


@dataclass(frozen=True, slots=True)
class IncomeSummary:
    """Other income per kind and in all, in USD (exact; round when shown).

    ``missing_rate`` holds the storage layer's explanation when an amount in
    another currency has no exchange rate: then no totals are given at all,
    because a total that silently leaves some income out would be wrong.
    """

    by_kind: dict[IncomeKind, Decimal] = field(default_factory=dict)
    total_usd: Decimal = Decimal(0)
    missing_rate: str | None = None


def income_summary(
    repo: AggregatesMixin,
    account_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> IncomeSummary:
    """Totals of ``repo.income_by_kind`` plus their sum, or why they cannot be given."""
    try:
        by_kind = repo.income_by_kind(account_id, start, end)
    except MissingExchangeRateError as error:
        return IncomeSummary(missing_rate=str(error))
    return IncomeSummary(by_kind, sum(by_kind.values(), Decimal(0)))
