"""The data behind the engagement, best-time, gift and income-mix charts.

Plain functions over the :class:`Repository` (no Qt) so that charts, the CLI
and tests read the same numbers. Each one is a single grouped SELECT: a chart
of ten years must not cost a Python loop per session. The scatter comes back as
numpy arrays because that is what pyqtgraph draws without copying; the trend
line and correlation are computed here, not in the widget, so they are tested
on their own against hand-worked values.

Money stays exact ``Decimal`` USD (the charts convert and round at the edge);
Diamonds and counts are integers.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np

from tiklive_desktop.core.entities import DEFAULT_RATE, IncomeKind
from tiklive_desktop.core.money import diamonds_exact
from tiklive_desktop.storage.aggregates import WeekHourTotals
from tiklive_desktop.storage.codec import from_cents, text_date
from tiklive_desktop.storage.queries import SessionQuery, dated_where, rates_by_id, where_clause
from tiklive_desktop.storage.repository import Repository
from tiklive_desktop.storage.series import next_period

METRICS: Mapping[str, str] = {
    "likes": "s.likes",
    "viewers": "s.total_viewers",
    "new_followers": "s.new_followers",
}
"""What a session's Diamonds can be set against; "viewers" means total viewers."""


# --- engagement scatter ----------------------------------------------------------------


def session_span(repo: Repository, account_id: int | None) -> tuple[date, date] | None:
    """The days of the first and the last session (None without any): what "all time" covers.

    Two index lookups (min and max of an indexed column), not a scan.
    """
    account = "" if account_id is None else " WHERE account_id = ?"
    params = [] if account_id is None else [account_id]
    first, last = repo.conn.execute(
        f"SELECT min(start), max(start) FROM sessions{account}", params
    ).fetchone()
    if first is None:
        return None
    return text_date(first[:10]), text_date(last[:10])


def engagement_points(
    repo: Repository,
    account_id: int | None,
    metric: str,
    start: date | None = None,
    end: date | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(metric, Diamonds) of every session in range, as two int64 arrays (pairs in any order).

    One SELECT; the rows stream straight into one flat array (no tuple per
    session is kept), which is then split into its two columns.
    """
    column = METRICS.get(metric)
    if column is None:
        raise ValueError(f"unknown metric {metric!r}; one of {', '.join(METRICS)}")
    where, params = where_clause(
        SessionQuery(account_id=account_id, start=start, end=end), scan_accounts=True
    )
    cursor = repo.conn.execute(f"SELECT {column}, s.diamonds FROM sessions s {where}", params)
    flat = np.fromiter(itertools.chain.from_iterable(cursor), dtype=np.int64)
    pairs = flat.reshape(-1, 2)
    return pairs[:, 0].copy(), pairs[:, 1].copy()


@dataclass(frozen=True, slots=True)
class Trend:
    """The least-squares line ``y = slope * x + intercept`` and Pearson's r over n points.

    ``r`` is None when every y is the same: the line is then flat and a
    correlation is undefined (0/0), which is not the same as "no relation".
    """

    slope: float
    intercept: float
    r: float | None
    n: int

    def at(self, x: np.ndarray) -> np.ndarray:
        return self.slope * np.asarray(x, dtype=np.float64) + self.intercept


def linear_trend(x: np.ndarray, y: np.ndarray) -> Trend | None:
    """Fit y on x by least squares; None with fewer than two points or a constant x.

    Sums are taken about the means (not the textbook ``n*sum(xy) - sum(x)*sum(y)``),
    which loses no precision to cancellation when likes run into the millions.
    """
    xs = np.asarray(x, dtype=np.float64)
    ys = np.asarray(y, dtype=np.float64)
    if xs.shape != ys.shape:
        raise ValueError(f"x and y differ in length: {xs.shape} and {ys.shape}")
    n = int(xs.size)
    if n < 2:
        return None
    dx = xs - xs.mean()
    dy = ys - ys.mean()
    sxx = float(dx @ dx)
    if sxx == 0.0:
        return None
    sxy = float(dx @ dy)
    syy = float(dy @ dy)
    slope = sxy / sxx
    intercept = float(ys.mean()) - slope * float(xs.mean())
    r = None if syy == 0.0 else max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))
    return Trend(slope, intercept, r, n)


# --- best time to go LIVE ----------------------------------------------------------------


def week_hour_rates(totals: WeekHourTotals) -> tuple[np.ndarray, np.ndarray]:
    """(Diamonds per hour LIVE, sessions) as 7 x 24 arrays, Monday first.

    A cell without LIVE seconds is NaN, not 0: "never tried" must look
    different from "tried and earned nothing".
    """
    diamonds = np.array(totals.diamonds, dtype=np.float64).reshape(7, 24)
    seconds = np.array(totals.seconds, dtype=np.float64).reshape(7, 24)
    sessions = np.array(totals.sessions, dtype=np.int64).reshape(7, 24)
    rates = np.full((7, 24), np.nan)
    np.divide(diamonds * 3600.0, seconds, out=rates, where=seconds > 0)
    return rates, sessions


# --- gifts --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GiftContribution:
    """A gift's total over the range: how many, their coins, and the Diamonds they made.

    ``diamonds`` is exact (before the per-session rounding down to whole
    Diamonds), valued at the rates of the sessions the gifts came in.
    """

    gift: str
    count: int
    coins: int
    diamonds: Decimal


GIFT_RANKINGS = ("diamonds", "count")


def gift_contributions(
    repo: Repository,
    account_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
    by: str = "diamonds",
) -> list[GiftContribution]:
    """Gifts received, most Diamonds (``by="diamonds"``) or most gifts (``"count"``) first.

    Ties go to the other measure, then to the name, so the order is stable.

    Grouped by gift and rate period in SQL so that a change of commission
    values each coin at the rate it was earned under.
    """
    if by not in GIFT_RANKINGS:
        raise ValueError(f"unknown ranking {by!r}; one of {', '.join(GIFT_RANKINGS)}")
    where, params = where_clause(
        SessionQuery(account_id=account_id, start=start, end=end), scan_accounts=True
    )
    rows = repo.conn.execute(
        "SELECT gl.gift, s.rate_period_id, sum(gl.count), sum(gl.count * gl.coins_each)"
        f" FROM gift_lines gl JOIN sessions s ON s.id = gl.session_id {where}"
        " GROUP BY gl.gift, s.rate_period_id",
        params,
    ).fetchall()
    rates = rates_by_id(repo.conn)
    totals: dict[str, list[Any]] = {}
    for gift, rate_id, count, coins in rows:
        diamonds = diamonds_exact(coins, rates.get(rate_id, DEFAULT_RATE))
        total = totals.setdefault(gift, [0, 0, Decimal(0)])
        total[0] += count
        total[1] += coins
        total[2] += diamonds
    found = [GiftContribution(gift, *values) for gift, values in totals.items()]
    if by == "count":
        return sorted(found, key=lambda g: (-g.count, -g.diamonds, g.gift))
    return sorted(found, key=lambda g: (-g.diamonds, -g.count, g.gift))


# --- income mix -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MonthIncome:
    """One calendar month: LIVE gifts (net to the creator) and each other income stream, USD."""

    month: str
    first_day: date
    live_usd: Decimal = Decimal(0)
    other_usd: Mapping[IncomeKind, Decimal] = field(default_factory=dict)

    @property
    def total_usd(self) -> Decimal:
        return self.live_usd + sum(self.other_usd.values(), Decimal(0))


def _kind(text: str) -> IncomeKind:
    """A stored kind; text no release knows (hand-edited files) counts as "other"."""
    try:
        return IncomeKind(text)
    except ValueError:
        return IncomeKind.OTHER


def _months(first: date, last: date) -> list[date]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = next_period("month", month)
    return months


def total_income_usd(months: Iterable[MonthIncome]) -> Decimal:
    """Everything earned over ``months`` (LIVE net plus every other stream), USD."""
    return sum((month.total_usd for month in months), start=Decimal(0))


def other_income_by_month(
    repo: Repository,
    account_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> dict[str, dict[IncomeKind, Decimal]]:
    """Other income per month ('YYYY-MM') and kind, in USD, exact; one GROUP BY query.

    Amounts in another currency are grouped per day (the exchange rate can
    change daily) and converted at the rate in force that day; a currency with
    no stored rate raises :class:`MissingExchangeRateError` (as
    ``Repository.income_by_kind`` does) rather than vanishing from the chart.
    """
    where, params = dated_where(account_id, start, end)
    rows = repo.conn.execute(
        "SELECT substr(date, 1, 7) AS month, kind, currency,"
        " CASE WHEN currency = 'USD' THEN NULL ELSE date END AS day, sum(amount_cents)"
        f" FROM other_income {where} GROUP BY month, kind, currency, day",
        params,
    ).fetchall()
    months: dict[str, dict[IncomeKind, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    per_usd = repo.per_usd_lookup("chart other income")
    for month, kind, currency, day, amount_cents in rows:
        amount = from_cents(amount_cents)
        if day is not None:
            amount = amount / per_usd(currency, text_date(day))
        months[month][_kind(kind)] += amount
    return {month: dict(kinds) for month, kinds in months.items()}


def income_by_month(
    repo: Repository,
    account_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[MonthIncome]:
    """Every month from the first to the last with any income, oldest first.

    Months without income in between are included (as zeros) so that a gap
    in the bars is a gap in time, not two neighbouring bars.
    """
    live = {t.period: t.net_usd for t in repo.totals_by_period("month", account_id, start, end)}
    other = other_income_by_month(repo, account_id, start, end)
    labels = sorted(set(live) | set(other))
    if not labels:
        return []
    first, last = (date(int(m[:4]), int(m[5:7]), 1) for m in (labels[0], labels[-1]))
    result = []
    for month in _months(first, last):
        label = f"{month.year:04d}-{month.month:02d}"
        kinds = other.get(label, {})
        ordered = {kind: kinds[kind] for kind in IncomeKind if kind in kinds}
        result.append(MonthIncome(label, month, live.get(label, Decimal(0)), ordered))
    return result
