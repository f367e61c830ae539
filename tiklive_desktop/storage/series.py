"""The data behind the earnings-over-time and balance-over-time charts.

Plain functions over the :class:`Repository` (no Qt), so the charts, the CLI
and tests read the same numbers. SQLite does the adding up: earnings come from
the per-day totals the triggers of schema v3 keep (``session_days``; the same
figures as ``Repository.totals_by_period``, at most one row per account, day
and rate period), rolled up into periods; the balance from two ``GROUP BY day``
queries plus two sums for the opening balance. Python then only walks the
periods or days of the range (at most a few thousand for ten years), never the
sessions.

Why whole periods: a week or month that the date range cuts in two would show
as a bar that looks like a slump. The series covers every period that touches
the range, each one whole, and a period without sessions is a zero (a moving
average over "the last 7 days" must count the days without a LIVE).

Money stays exact ``Decimal`` USD; the charts convert and round at the edge.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from tiklive_desktop.core.cashout import minimum_diamonds
from tiklive_desktop.core.entities import RatePeriod
from tiklive_desktop.storage.aggregates import Granularity, PeriodTotal
from tiklive_desktop.storage.codec import date_text, next_day_text
from tiklive_desktop.storage.overview import rate_today, region_rule
from tiklive_desktop.storage.queries import net_of, rates_by_id
from tiklive_desktop.storage.repository import Repository

GRANULARITIES: tuple[Granularity, ...] = ("day", "week", "month", "year")
AVERAGE_WINDOWS: dict[str, int] = {"day": 7, "week": 4, "month": 3, "year": 2}
"""Moving-average window per granularity: a week of days, a month of weeks, a
quarter of months, two years."""

Measure = Literal["diamonds", "net_usd"]


@dataclass(frozen=True, slots=True)
class EarningsPeriod:
    """One whole day, ISO week (Monday first), month or year.

    The averages are trailing means over ``AVERAGE_WINDOWS`` periods ending with
    this one; periods before the first LIVE count as zero (nothing was earned
    then). None only where the calendar itself is too short (the year 1).
    """

    label: str
    first_day: date
    last_day: date
    sessions: int
    seconds: int
    diamonds: int
    net_usd: Decimal
    diamonds_average: Decimal | None = None
    net_usd_average: Decimal | None = None

    @property
    def hours(self) -> Decimal:
        return Decimal(self.seconds) / 3600


# --- periods -------------------------------------------------------------------------


def period_start(granularity: str, day: date) -> date:
    """The first day of the period that contains ``day``."""
    if granularity == "day":
        return day
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    if granularity == "year":
        return date(day.year, 1, 1)
    raise ValueError(f"unknown granularity {granularity!r}; one of {', '.join(GRANULARITIES)}")


def next_period(granularity: str, first: date) -> date:
    """The first day of the period after the one starting on ``first``."""
    if granularity == "day":
        return first + timedelta(days=1)
    if granularity == "week":
        return first + timedelta(days=7)
    if granularity == "month":
        return date(first.year + first.month // 12, first.month % 12 + 1, 1)
    if granularity == "year":
        return date(first.year + 1, 1, 1)
    raise ValueError(f"unknown granularity {granularity!r}; one of {', '.join(GRANULARITIES)}")


def previous_period(granularity: str, first: date) -> date:
    """The first day of the period before the one starting on ``first``."""
    return period_start(granularity, first - timedelta(days=1))


def period_end(granularity: str, first: date) -> date:
    """The last day of the period starting on ``first``."""
    if granularity == "month":
        return first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return next_period(granularity, first) - timedelta(days=1)


def period_label(granularity: str, first: date) -> str:
    """The label ``Repository.totals_by_period`` gives the period (``2026-W41``, ``2026-10``)."""
    if granularity == "day":
        return first.isoformat()
    if granularity == "week":
        iso = first.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if granularity == "month":
        return first.isoformat()[:7]
    return str(first.year)


def _bounds(repo: Repository, account_id: int | None) -> tuple[date, date] | None:
    """First and last day with a session (None without sessions): two index lookups.

    Two subqueries, because SQLite looks ``min()`` or ``max()`` up in an index only
    when it is the query's one aggregate; together they scanned every session.
    """
    account = "" if account_id is None else " WHERE account_id = ?"
    params = [] if account_id is None else [account_id, account_id]
    first, last = repo.conn.execute(
        f"SELECT (SELECT min(start) FROM sessions{account}),"
        f" (SELECT max(start) FROM sessions{account})",
        params,
    ).fetchone()
    if first is None:
        return None
    return date.fromisoformat(first[:10]), date.fromisoformat(last[:10])


# --- earnings ------------------------------------------------------------------------


def day_totals_by_period(
    repo: Repository, granularity: str, account_id: int | None, start: date, end: date
) -> dict[date, PeriodTotal]:
    """``Repository.totals_by_period`` from the per-day totals (``session_days``, schema v3).

    The same figures (tests compare them), read from at most one row per account,
    day and rate period instead of every session. Money is worked out per day and
    rate period summed over the accounts, exactly as the sessions query does.
    """
    account = "" if account_id is None else " AND account_id = ?"
    params: list[object] = [date_text(start), date_text(end)]
    if account_id is not None:
        params.append(account_id)
    rows = repo.conn.execute(
        "SELECT day, rate_key, sum(sessions), sum(seconds), sum(diamonds), sum(likes),"
        " sum(viewers), sum(new_followers) FROM session_days"
        f" WHERE day >= ? AND day <= ?{account} GROUP BY day, rate_key ORDER BY day, rate_key",
        params,
    ).fetchall()
    rates = rates_by_id(repo.conn)
    sums: dict[date, list] = {}
    labels: dict[date, str] = {}
    last_text, first = "", date.min
    for day, rate_key, count, seconds, diamonds, likes, viewers, followers in rows:
        if day != last_text:  # a day's rows (one per rate period) come together
            first = period_start(granularity, date.fromisoformat(day))
            if first not in labels:
                labels[first] = day if granularity == "day" else period_label(granularity, first)
            last_text = day
        money = net_of(diamonds, rate_key or None, rates)
        total = sums.get(first)
        if total is None:
            sums[first] = [count, seconds, diamonds, likes, viewers, followers, money]
        else:
            for i, value in enumerate((count, seconds, diamonds, likes, viewers, followers)):
                total[i] += value
            total[6] += money
    return {first: PeriodTotal(labels[first], first, *values) for first, values in sums.items()}


def trailing_mean(values: list[Decimal], window: int, lead: int) -> list[Decimal | None]:
    """Mean of each value and the ``window - 1`` before it, for the values after ``lead``.

    ``lead`` values precede the range (read for the average only). Where fewer
    than ``window`` values exist, the mean is None.
    """
    if window < 1:
        raise ValueError("window must be at least 1")
    means: list[Decimal | None] = []
    running = Decimal(0)
    for i, value in enumerate(values):
        running += value
        if i >= window:
            running -= values[i - window]
        if i >= lead:
            means.append(running / window if i >= window - 1 else None)
    return means


def earnings_series(
    repo: Repository,
    account_id: int | None,
    granularity: Granularity,
    start: date | None = None,
    end: date | None = None,
) -> list[EarningsPeriod]:
    """Every whole period touching ``start``..``end`` (inclusive), oldest first.

    ``start``/``end`` None: from the first / to the last session's period. The
    moving averages also read the ``window - 1`` periods before the range, so
    the first bars of "the last 30 days" have an average too.
    """
    window = AVERAGE_WINDOWS.get(granularity)
    if window is None:
        raise ValueError(f"unknown granularity {granularity!r}; one of {', '.join(GRANULARITIES)}")
    if start is None or end is None:
        bounds = _bounds(repo, account_id)
        if bounds is None:
            return []
        start = start or bounds[0]
        end = end or bounds[1]
    if end < start:
        return []
    first = period_start(granularity, start)
    last = period_start(granularity, end)
    lead_first = first
    lead = 0
    for _ in range(window - 1):
        if lead_first.year <= 1:
            break
        lead_first = previous_period(granularity, lead_first)
        lead += 1
    totals = day_totals_by_period(
        repo, granularity, account_id, lead_first, period_end(granularity, last)
    )
    rows: list[tuple[date, PeriodTotal | None]] = []
    day = lead_first
    while day <= last:
        rows.append((day, totals.get(day)))
        day = next_period(granularity, day)
    diamonds = [Decimal(t.diamonds if t else 0) for _, t in rows]
    money = [t.net_usd if t else Decimal(0) for _, t in rows]
    diamonds_avg = trailing_mean(diamonds, window, lead)
    money_avg = trailing_mean(money, window, lead)
    periods = []
    for (day, total), d_avg, m_avg in zip(rows[lead:], diamonds_avg, money_avg, strict=True):
        periods.append(
            EarningsPeriod(
                label=total.period if total else period_label(granularity, day),
                first_day=day,
                last_day=period_end(granularity, day),
                sessions=total.sessions if total else 0,
                seconds=total.seconds if total else 0,
                diamonds=total.diamonds if total else 0,
                net_usd=total.net_usd if total else Decimal(0),
                diamonds_average=d_avg,
                net_usd_average=m_avg,
            )
        )
    return periods


# --- balance -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BalanceSeries:
    """The Diamond balance at the end of each day from ``start`` to ``end``.

    ``opening`` is the balance before ``start``; ``withdrawals`` are (day,
    Diamonds) of the days with withdrawals in the range, pending or paid (a
    pending withdrawal has left the wallet already, as in ``core.cashout``).
    """

    start: date
    end: date
    opening: int
    days: tuple[date, ...]
    balance: tuple[int, ...]
    withdrawals: tuple[tuple[date, int], ...]

    def balance_on(self, day: date) -> int:
        if day < self.start:
            raise ValueError(f"{day} is before the series starts ({self.start})")
        index = min((day - self.start).days, len(self.balance) - 1)
        return self.balance[index]


def _account_filter(account_id: int | None) -> tuple[str, list[int]]:
    return ("", []) if account_id is None else (" AND account_id = ?", [account_id])


def _record_bounds(repo: Repository, account_id: int | None) -> tuple[date, date] | None:
    """First and last day with a session or a withdrawal."""
    sessions = _bounds(repo, account_id)
    account, params = _account_filter(account_id)
    first, last = repo.conn.execute(
        f"SELECT min(date), max(date) FROM withdrawals WHERE 1{account}", params
    ).fetchone()
    days = list(sessions or ())
    if first is not None:
        days += [date.fromisoformat(first), date.fromisoformat(last)]
    return (min(days), max(days)) if days else None


def balance_series(
    repo: Repository,
    account_id: int | None,
    start: date | None = None,
    end: date | None = None,
) -> BalanceSeries | None:
    """Daily balance (credited Diamonds minus withdrawals) over ``start``..``end`` inclusive.

    None bounds: from the first / to the last day with a record. None when there
    is nothing to show (no records and no bounds given, or ``end`` < ``start``).
    """
    if start is None or end is None:
        bounds = _record_bounds(repo, account_id)
        if bounds is None:
            return None
        start = start or bounds[0]
        end = end or bounds[1]
    if end < start:
        return None
    account, params = _account_filter(account_id)
    earned_before = repo.conn.execute(
        f"SELECT ifnull(sum(diamonds), 0) FROM sessions WHERE start < ?{account}",
        [date_text(start), *params],
    ).fetchone()[0]
    withdrawn_before = repo.conn.execute(
        f"SELECT ifnull(sum(diamonds), 0) FROM withdrawals WHERE date < ?{account}",
        [date_text(start), *params],
    ).fetchone()[0]
    earned = dict(
        repo.conn.execute(
            "SELECT substr(start, 1, 10) AS day, sum(diamonds) FROM sessions"
            f" WHERE start >= ? AND start < ?{account} GROUP BY day",
            [date_text(start), next_day_text(end), *params],
        ).fetchall()
    )
    withdrawn = dict(
        repo.conn.execute(
            "SELECT date, sum(diamonds) FROM withdrawals"
            f" WHERE date >= ? AND date <= ?{account} GROUP BY date",
            [date_text(start), date_text(end), *params],
        ).fetchall()
    )
    opening = earned_before - withdrawn_before
    running = opening
    days: list[date] = []
    balance: list[int] = []
    day = start
    while day <= end:
        text = day.isoformat()
        running += earned.get(text, 0) - withdrawn.get(text, 0)
        days.append(day)
        balance.append(running)
        day += timedelta(days=1)
    marks = tuple(
        (date.fromisoformat(text), diamonds) for text, diamonds in sorted(withdrawn.items())
    )
    return BalanceSeries(start, end, opening, tuple(days), tuple(balance), marks)


def cashout_minimum(
    repo: Repository, account_id: int | None, today: date, rate: RatePeriod | None = None
) -> int:
    """The region's cash-out minimum in whole Diamonds at today's Diamond value.

    ``rate``: today's rate when the caller has read it already (one lookup, not two).
    """
    rate = rate or rate_today(repo, account_id, today)
    return minimum_diamonds(region_rule(repo, account_id), rate)
