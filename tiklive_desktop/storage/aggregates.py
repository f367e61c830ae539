"""Totals for charts, reports and the dashboard, added up by SQLite.

They read the cached per-session columns (``diamonds``, ``rate_period_id``), so
none of them scans gift lines except :meth:`AggregatesMixin.totals_by_gift`.
Money is never summed in SQL: Diamonds are summed per rate period and each sum
is valued with exact ``Decimal`` arithmetic (the value is linear in Diamonds,
so this equals adding up every session's value).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from tiklive_desktop.core.cashout import CashoutInputs
from tiklive_desktop.core.entities import IncomeKind
from tiklive_desktop.core.money import diamonds_value_usd
from tiklive_desktop.storage.codec import date_text, from_cents, next_day_text, text_date
from tiklive_desktop.storage.queries import (
    SessionQuery,
    dated_where,
    net_of,
    rates_by_id,
    where_clause,
)
from tiklive_desktop.storage.rates import RateIndex, load_rate_periods
from tiklive_desktop.storage.reference import ReferenceMixin

Granularity = Literal["day", "week", "month", "year"]

# Sessions are grouped per day in SQL, by the very expression of the index
# sessions_day_rate (so no sort), and days are rolled up into periods here.
_DAY = "substr(s.start, 1, 10)"


def _day_range(start: date | None, end: date | None) -> tuple[str, list[str]]:
    """The same days as ``where_clause``'s start bounds, said on ``_DAY``: the
    ``sessions_day_rate`` index then both limits the range and yields the rows in
    GROUP BY order (bounds on ``start`` made SQLite sort them again: twice the time)."""
    clauses, params = [], []
    if start is not None:
        clauses.append(f"{_DAY} >= ?")
        params.append(date_text(start))
    if end is not None and end < date.max:
        clauses.append(f"{_DAY} <= ?")
        params.append(date_text(end))
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


_GRANULARITIES = ("day", "week", "month", "year")
WEEKDAYS, HOURS = 7, 24


@dataclass(frozen=True, slots=True)
class PeriodTotal:
    """One day, ISO week (Monday first), month or year; ``viewers`` = total viewers."""

    period: str
    first_day: date
    sessions: int
    seconds: int
    diamonds: int
    likes: int
    viewers: int
    new_followers: int
    net_usd: Decimal


@dataclass(frozen=True, slots=True)
class GiftTotal:
    gift: str
    count: int
    coins: int


@dataclass(frozen=True, slots=True)
class WeekHourTotals:
    """Per weekday (0 = Monday) and starting hour (0-23): sessions, Diamonds and seconds.

    A session counts wholly in the hour it started: the LIVE summary gives no
    finer split, and "when to start" is the question being answered.
    """

    sessions: tuple[tuple[int, ...], ...]
    diamonds: tuple[tuple[int, ...], ...]
    seconds: tuple[tuple[int, ...], ...]

    def diamonds_per_hour(self, weekday: int, hour: int) -> Decimal | None:
        seconds = self.seconds[weekday][hour]
        return Decimal(self.diamonds[weekday][hour] * 3600) / seconds if seconds else None


def _period(granularity: str, day: str) -> tuple[str, date]:
    """(label, first day) of the period containing ``day`` ('YYYY-MM-DD')."""
    if granularity == "day":
        return day, date.fromisoformat(day)
    if granularity == "month":
        return day[:7], date(int(day[:4]), int(day[5:7]), 1)
    if granularity == "year":
        return day[:4], date(int(day[:4]), 1, 1)
    first = date.fromisoformat(day)
    monday = first - timedelta(days=first.weekday())
    iso = monday.isocalendar()
    return f"{iso.year}-W{iso.week:02d}", monday


class AggregatesMixin(ReferenceMixin):
    def totals_by_period(
        self,
        granularity: Granularity,
        account_id: int | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> list[PeriodTotal]:
        """Totals per period with at least one session, oldest first; ``end`` inclusive."""
        if granularity not in _GRANULARITIES:
            raise ValueError(f"unknown granularity {granularity!r}")
        if account_id is None and (start is not None or end is not None):
            where, params = _day_range(start, end)
        else:
            where, params = where_clause(
                SessionQuery(account_id=account_id, start=start, end=end), scan_accounts=True
            )
        rows = self.conn.execute(
            f"SELECT {_DAY} AS day, s.rate_period_id, count(*), sum(s.duration_s),"
            " sum(s.diamonds), sum(s.likes), sum(s.total_viewers), sum(s.new_followers)"
            f" FROM sessions s {where} GROUP BY day, s.rate_period_id",
            params,
        ).fetchall()
        rates = rates_by_id(self.conn)
        totals: dict[str, list] = {}
        first_days: dict[str, date] = {}
        label, last_day = "", ""
        for day, rate_id, count, seconds, diamonds, likes, viewers, followers in rows:
            if day != last_day:  # a day's rows (one per rate period) come together
                label, first_day = _period(granularity, day)
                first_days.setdefault(label, first_day)
                last_day = day
            money = net_of(diamonds, rate_id, rates)
            total = totals.get(label)
            if total is None:
                totals[label] = [count, seconds, diamonds, likes, viewers, followers, money]
            else:
                for i, value in enumerate((count, seconds, diamonds, likes, viewers, followers)):
                    total[i] += value
                total[6] += money
        # Sorted here, not by an ORDER BY that would cost SQLite a second sort.
        return sorted(
            (PeriodTotal(label, first_days[label], *values) for label, values in totals.items()),
            key=lambda total: total.first_day,
        )

    def totals_by_gift(
        self, account_id: int | None = None, start: date | None = None, end: date | None = None
    ) -> list[GiftTotal]:
        """Gifts received, most coins first (ties by name)."""
        where, params = where_clause(
            SessionQuery(account_id=account_id, start=start, end=end), scan_accounts=True
        )
        rows = self.conn.execute(
            "SELECT gl.gift, sum(gl.count), sum(gl.count * gl.coins_each)"
            f" FROM gift_lines gl JOIN sessions s ON s.id = gl.session_id {where}"
            " GROUP BY gl.gift ORDER BY 3 DESC, 1",
            params,
        ).fetchall()
        return [GiftTotal(gift, count, coins) for gift, count, coins in rows]

    def income_by_kind(
        self, account_id: int | None = None, start: date | None = None, end: date | None = None
    ) -> dict[IncomeKind, Decimal]:
        """Other income per kind in USD, exact, in the order of :class:`IncomeKind`.

        Other currencies are converted at the exchange rate in force on the
        income's date; a currency without any stored rate raises
        :class:`MissingExchangeRateError` rather than being left out silently.
        """
        where, params = dated_where(account_id, start, end)
        rows = self.conn.execute(
            "SELECT kind, currency, CASE WHEN currency = 'USD' THEN NULL ELSE date END AS day,"
            f" sum(amount_cents) FROM other_income {where} GROUP BY kind, currency, day",
            params,
        ).fetchall()
        totals: dict[IncomeKind, Decimal] = defaultdict(Decimal)
        per_usd = self.per_usd_lookup("total other income")
        for kind, currency, day, amount_cents in rows:
            amount = from_cents(amount_cents)
            if day is not None:
                amount = amount / per_usd(currency, text_date(day))
            totals[IncomeKind(kind)] += amount
        return {kind: totals[kind] for kind in IncomeKind if kind in totals}

    def cashout_inputs(self, account_id: int | None, today: date) -> CashoutInputs:
        """The wallet figures as of ``today`` (inclusive) for one account or all (None).

        The last 30 days include today. A withdrawal counts whether pending or
        paid. Today's withdrawals in USD count at their amount; in another
        currency, at the USD value of their Diamonds (what TikTok's daily limit
        is measured in).
        """
        account = "" if account_id is None else " AND account_id = ?"
        extra = [] if account_id is None else [account_id]
        tomorrow = next_day_text(today)
        # All-time Diamonds come from account_totals (kept by triggers) less any
        # sessions dated after today; only the last 30 days / this month are read
        # row by row, through the (account_id, start) index: the cost does not grow
        # with the years of history.
        where_totals = "" if account_id is None else " WHERE account_id = ?"
        recorded = self._scalar(
            f"SELECT ifnull(sum(diamonds), 0) FROM account_totals{where_totals}", extra
        )
        later = self._scalar(
            f"SELECT ifnull(sum(diamonds), 0) FROM sessions WHERE start >= ?{account}",
            [tomorrow, *extra],
        )
        since_30, since_month = (
            date_text(today - timedelta(days=29)),
            date_text(today.replace(day=1)),
        )
        last_30, this_month = self.conn.execute(
            "SELECT ifnull(sum(CASE WHEN start >= ? THEN diamonds END), 0),"
            " ifnull(sum(CASE WHEN start >= ? THEN diamonds END), 0)"
            f" FROM sessions WHERE start >= ? AND start < ?{account}",
            [since_30, since_month, min(since_30, since_month), tomorrow, *extra],
        ).fetchone()
        earned = int(recorded) - int(later)
        withdrawn = self._scalar(
            f"SELECT ifnull(sum(diamonds), 0) FROM withdrawals WHERE date <= ?{account}",
            [date_text(today), *extra],
        )
        today_rows = self.conn.execute(
            "SELECT account_id, currency, diamonds, amount_cents FROM withdrawals"
            f" WHERE date = ?{account}",
            [date_text(today), *extra],
        ).fetchall()
        withdrawn_today = Decimal(0)
        if today_rows:
            index = RateIndex(load_rate_periods(self.conn))
            for row_account, currency, diamonds, amount_cents in today_rows:
                if currency == "USD":
                    withdrawn_today += from_cents(amount_cents)
                else:
                    rate = index.rate_for(row_account, today)
                    withdrawn_today += diamonds_value_usd(diamonds, rate)
        return CashoutInputs(
            earned_diamonds=earned,
            withdrawn_diamonds=withdrawn,
            withdrawn_today_usd=withdrawn_today,
            diamonds_last_30_days=last_30,
            diamonds_this_month=this_month,
        )

    def earnings_by_weekday_hour(
        self, account_id: int | None = None, start: date | None = None, end: date | None = None
    ) -> WeekHourTotals:
        """Sessions, Diamonds and seconds per weekday x start hour ("best time to go LIVE")."""
        where, params = where_clause(
            SessionQuery(account_id=account_id, start=start, end=end), scan_accounts=True
        )
        rows = self.conn.execute(
            "SELECT (CAST(strftime('%w', s.start) AS INTEGER) + 6) % 7 AS weekday,"
            " CAST(substr(s.start, 12, 2) AS INTEGER) AS hour,"
            f" count(*), sum(s.diamonds), sum(s.duration_s) FROM sessions s {where}"
            " GROUP BY weekday, hour",
            params,
        ).fetchall()
        grids = [[[0] * HOURS for _ in range(WEEKDAYS)] for _ in range(3)]
        for weekday, hour, *values in rows:
            for grid, value in zip(grids, values, strict=True):
                grid[weekday][hour] = value
        sessions, diamonds, seconds = (tuple(tuple(r) for r in grid) for grid in grids)
        return WeekHourTotals(sessions, diamonds, seconds)
