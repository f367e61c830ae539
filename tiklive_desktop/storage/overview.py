"""The dashboard's figures, from SQL aggregates over bounded date ranges.

Plain functions over the :class:`Repository` (no Qt), so the window, the CLI
and tests get the same numbers. Why they stay fast with years of history:
every figure except the wallet balance is read through a date-bounded range of
the ``sessions_start`` index (a month, the last 90 days) or a ``LIMIT`` in
index order, so its cost follows the sessions in that range, not the whole
history. The balance needs every session ever earned; that sum is
``Repository.cashout_inputs``' own (one aggregate, no rows come back).

Money is exact ``Decimal`` USD here; the window rounds it when it shows it and
converts it with :func:`display_currency` and ``core.money.to_currency``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tiklive_desktop.core.cashout import CashoutStatus
from tiklive_desktop.core.cashout import cashout_status as apply_cashout_rules
from tiklive_desktop.core.entities import Account, ExchangeRate, RatePeriod, RegionRule
from tiklive_desktop.core.money import rate_on
from tiklive_desktop.storage.aggregates import GiftTotal
from tiklive_desktop.storage.queries import SessionQuery, SessionRow
from tiklive_desktop.storage.repository import Repository

FALLBACK_REGION = "US"
FALLBACK_RULE = RegionRule(
    region=FALLBACK_REGION,
    name="United States",
    minimum_usd=Decimal(100),
    daily_max_usd=Decimal(1000),
    as_of=date(2019, 1, 1),
)
"""Used only when a database has lost its region rules: TikTok's published $100
minimum and $1,000 daily limit (DOMAIN.md), rather than no cash-out card at all."""

MIN_SESSIONS_FOR_BEST = 2
"""A weekday or hour needs this many LIVEs to be called "best" when any slot has
them: one lucky LIVE at 4 a.m. is not a pattern."""

FIGURES = ("diamonds", "net_usd", "hours", "sessions", "diamonds_per_hour", "likes")
"""The figures :meth:`MonthComparison.change` compares, in the order the dashboard shows them."""


# --- this month against last month ----------------------------------------------


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    """Totals of the sessions that started from ``start`` to ``end`` (both inclusive)."""

    start: date
    end: date
    sessions: int
    seconds: int
    diamonds: int
    net_usd: Decimal
    likes: int
    new_followers: int

    @property
    def hours(self) -> Decimal:
        return Decimal(self.seconds) / 3600

    @property
    def diamonds_per_hour(self) -> Decimal | None:
        return Decimal(self.diamonds * 3600) / self.seconds if self.seconds else None


@dataclass(frozen=True, slots=True)
class MonthComparison:
    """This month so far against last month.

    Why ``last_month_to_date``: on the 10th, ten days of this month against all
    thirty of last month always looks like a fall. The change compares the same
    days (the 1st to today's day number, or the end of a shorter month); the
    whole of last month is there too, to show beside it.
    """

    this_month: PeriodFigures
    last_month: PeriodFigures
    last_month_to_date: PeriodFigures

    def change(self, figure: str) -> Decimal | None:
        """Relative change of ``figure`` (one of FIGURES), 0.12 = +12%; None without a base."""
        if figure not in FIGURES:
            raise ValueError(f"unknown figure {figure!r}; one of {', '.join(FIGURES)}")
        now = getattr(self.this_month, figure)
        before = getattr(self.last_month_to_date, figure)
        if now is None or before is None or before == 0:
            return None
        return (Decimal(now) - Decimal(before)) / Decimal(before)


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_figures(
    repo: Repository, account_id: int | None, start: date, end: date
) -> PeriodFigures:
    """Totals of one date range, summed by SQLite (money per rate period, exact)."""
    totals = repo.session_totals(SessionQuery(account_id=account_id, start=start, end=end))
    return PeriodFigures(
        start=start,
        end=end,
        sessions=totals.count,
        seconds=totals.seconds or 0,
        diamonds=totals.diamonds or 0,
        net_usd=totals.net_usd,
        likes=totals.likes or 0,
        new_followers=totals.new_followers or 0,
    )


def month_comparison(repo: Repository, account_id: int | None, today: date) -> MonthComparison:
    first = month_start(today)
    last_end = first - timedelta(days=1)
    last_first = month_start(last_end)
    same_day = last_first.replace(day=min(today.day, last_end.day))
    return MonthComparison(
        this_month=period_figures(repo, account_id, first, today),
        last_month=period_figures(repo, account_id, last_first, last_end),
        last_month_to_date=period_figures(repo, account_id, last_first, same_day),
    )


# --- goal, cash-out ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoalProgress:
    """How far this month's Diamonds are toward the monthly goal."""

    goal: int
    diamonds: int
    days_left: int
    """Days of the month after today."""

    @property
    def fraction(self) -> Decimal:
        return Decimal(self.diamonds) / self.goal if self.goal else Decimal(1)

    @property
    def remaining(self) -> int:
        return max(self.goal - self.diamonds, 0)

    @property
    def reached(self) -> bool:
        return self.remaining == 0

    @property
    def per_day_needed(self) -> int | None:
        """Whole Diamonds a day (rounded up) to reach the goal; None when no day is left."""
        if self.reached:
            return 0
        return -(-self.remaining // self.days_left) if self.days_left else None


def _accounts(repo: Repository, account_id: int | None) -> list[Account]:
    if account_id is None:
        return repo.list_accounts()
    found = repo.get_account(account_id)
    return [found] if found else []


def monthly_goal(repo: Repository, account_id: int | None) -> int | None:
    """The account's goal; for all accounts the sum of the goals set (None when none is)."""
    goals = [a.monthly_goal_diamonds for a in _accounts(repo, account_id)]
    set_goals = [g for g in goals if g is not None]
    return sum(set_goals) if set_goals else None


def goal_progress(
    repo: Repository, account_id: int | None, today: date, diamonds_this_month: int
) -> GoalProgress | None:
    """Progress to the goal (None without one); the caller passes this month's Diamonds."""
    goal = monthly_goal(repo, account_id)
    if goal is None:
        return None
    return GoalProgress(goal, diamonds_this_month, (month_end(today) - today).days)


def region_rule(repo: Repository, account_id: int | None) -> RegionRule:
    """The rule of the account's region; all accounts: the first account's; none: the US."""
    accounts = _accounts(repo, account_id)
    region = accounts[0].region if accounts else FALLBACK_REGION
    return repo.get_region_rule(region) or repo.get_region_rule(FALLBACK_REGION) or FALLBACK_RULE


def rate_today(repo: Repository, account_id: int | None, today: date) -> RatePeriod:
    """The rates in force today: what a Diamond in the wallet is worth now."""
    return rate_on(repo.list_rate_periods(), today, account_id)


def cashout_status(repo: Repository, account_id: int | None, today: date) -> CashoutStatus:
    """The wallet on ``today``: balance, whether and how much can be withdrawn, pace, goal."""
    return apply_cashout_rules(
        repo.cashout_inputs(account_id, today),
        rate_today(repo, account_id, today),
        region_rule(repo, account_id),
        today,
        monthly_goal(repo, account_id),
    )


# --- gifts, best times, recent sessions ---------------------------------------------


def top_gifts(
    repo: Repository, account_id: int | None, start: date, end: date, limit: int = 5
) -> list[GiftTotal]:
    """The gifts that brought the most coins from ``start`` to ``end``, most first."""
    return repo.totals_by_gift(account_id, start, end)[:limit]


@dataclass(frozen=True, slots=True)
class Slot:
    """A weekday (0 = Monday) or a starting hour (0-23) and how LIVEs then went."""

    index: int
    sessions: int
    diamonds: int
    seconds: int

    @property
    def diamonds_per_hour(self) -> Decimal:
        return Decimal(self.diamonds * 3600) / self.seconds


@dataclass(frozen=True, slots=True)
class BestTimes:
    weekday: Slot
    hour: Slot
    sessions: int
    """LIVEs the answer is based on."""


def _best(slots: list[Slot]) -> Slot:
    """Most Diamonds per hour among slots with enough LIVEs; ties: more LIVEs, then earlier."""
    timed = [s for s in slots if s.seconds > 0]
    proven = [s for s in timed if s.sessions >= MIN_SESSIONS_FOR_BEST]
    return max(proven or timed, key=lambda s: (s.diamonds_per_hour, s.sessions, -s.index))


def best_times(
    repo: Repository, account_id: int | None, start: date, end: date
) -> BestTimes | None:
    """The weekday and starting hour with the most Diamonds per hour live; None without data."""
    grid = repo.earnings_by_weekday_hour(account_id, start, end)

    def slot(index: int, cells: list[tuple[int, int]]) -> Slot:
        return Slot(
            index,
            sum(grid.sessions[d][h] for d, h in cells),
            sum(grid.diamonds[d][h] for d, h in cells),
            sum(grid.seconds[d][h] for d, h in cells),
        )

    days = [slot(d, [(d, h) for h in range(24)]) for d in range(7)]
    hours = [slot(h, [(d, h) for d in range(7)]) for h in range(24)]
    if not any(s.seconds for s in days):
        return None
    return BestTimes(_best(days), _best(hours), sum(s.sessions for s in days))


def recent_sessions(repo: Repository, account_id: int | None, limit: int = 5) -> list[SessionRow]:
    """The latest sessions, newest first (read in index order, ``limit`` rows)."""
    return repo.query_sessions(SessionQuery(account_id=account_id), limit)


# --- money display ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DisplayCurrency:
    """The currency money is shown in, and the rate that converts USD into it.

    ``missing_rate`` names the account currency when it has no exchange rate
    yet: money is then shown in USD instead of being converted at a guess.
    """

    currency: str
    rate: ExchangeRate | None
    missing_rate: str | None = None


def display_currency(repo: Repository, account_id: int | None, today: date) -> DisplayCurrency:
    """The account's currency (all accounts: theirs when they share one, else USD)."""
    if account_id is None:  # an agency file may hold hundreds of accounts: ask for two
        rows = repo.conn.execute("SELECT DISTINCT currency FROM accounts LIMIT 2").fetchall()
        currencies = {row[0] for row in rows}
    else:
        currencies = {a.currency for a in _accounts(repo, account_id)}
    currency = currencies.pop() if len(currencies) == 1 else "USD"
    if currency == "USD":
        return DisplayCurrency("USD", None)
    rate = repo.exchange_rate_on(currency, today)
    if rate is None:
        return DisplayCurrency("USD", None, missing_rate=currency)
    return DisplayCurrency(currency, rate)


# --- everything the dashboard shows, in one call ----------------------------------------

BEST_TIMES_DAYS = 90
"""Best times look at the last 90 days: recent habits and audience, not years-old ones."""


@dataclass(frozen=True, slots=True)
class Overview:
    today: date
    months: MonthComparison
    goal: GoalProgress | None
    top_gifts: list[GiftTotal]
    best_times: BestTimes | None
    recent: list[SessionRow]
    currency: DisplayCurrency
    rate: RatePeriod

    @property
    def has_sessions(self) -> bool:
        return bool(self.recent)


def overview(repo: Repository, account_id: int | None, today: date) -> Overview:
    """The dashboard's data (the cash-out card reads :func:`cashout_status` itself)."""
    months = month_comparison(repo, account_id, today)
    return Overview(
        today=today,
        months=months,
        goal=goal_progress(repo, account_id, today, months.this_month.diamonds),
        top_gifts=top_gifts(repo, account_id, month_start(today), today),
        best_times=best_times(repo, account_id, today - timedelta(days=BEST_TIMES_DAYS - 1), today),
        recent=recent_sessions(repo, account_id),
        currency=display_currency(repo, account_id, today),
        rate=rate_today(repo, account_id, today),
    )
