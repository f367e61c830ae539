"""What a report says about a period: the periods a creator names, and the figures.

Pure Python (no Qt, no SQL). The storage side adds things up in SQL and hands
the sums to :func:`build_report`, so every figure here can be checked by hand
without a database, and the XLSX, PDF and the window show the same numbers.

Money is exact ``Decimal`` USD in every field; it is converted into the
report's currency and rounded once, by :meth:`ReportFigures.shown`, when an
exporter writes it (core.money's rounding rule).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from tiklive_desktop.core.entities import IncomeKind, RatePeriod
from tiklive_desktop.core.metrics import Metrics, engagement_metrics
from tiklive_desktop.core.money import diamonds_value_usd, round_money

ZERO = Decimal(0)
PERIOD_HELP = (
    "use 2026-10, 2026-Q3, 2026, 2026-01-01..2026-03-31, tax-2026, this-month or last-month"
)
_MONTH_NAMES = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


# --- periods ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive range of days (``start`` to ``end``) and what to call it."""

    start: date
    end: date
    label: str

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"the period ends ({self.end}) before it begins ({self.start})")

    def months(self) -> list[date]:
        """The first day of every calendar month the period touches, oldest first."""
        first, last = self.start.replace(day=1), self.end.replace(day=1)
        result = [first]
        while first < last:  # not "<= end": December 9999 has no next month
            first = add_months(first, 1)
            result.append(first)
        return result


def add_months(first_day: date, months: int) -> date:
    """The first day of the month ``months`` after (or, negative, before) ``first_day``'s."""
    index = first_day.year * 12 + first_day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(year: int, month: int) -> date:
    """The last day of a month (also of December 9999, which has no next month)."""
    return date(year, month, calendar.monthrange(year, month)[1])


def month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), month_end(year, month), f"{_MONTH_NAMES[month - 1]} {year}")


def tax_year(year: int, first_month: int = 1) -> Period:
    """The tax year that starts on the 1st of ``first_month`` in ``year``.

    Calendar tax years are called "Tax year 2026"; others span two calendar
    years and are called the way accountants write them, "Tax year 2026/27".
    """
    if not 1 <= first_month <= 12:
        raise ValueError(f"a tax year's first month must be 1 to 12, not {first_month}")
    start = date(year, first_month, 1)
    end = month_end(year, 12) if first_month == 1 else month_end(year + 1, first_month - 1)
    label = f"Tax year {year}" if first_month == 1 else f"Tax year {year}/{(year + 1) % 100:02d}"
    return Period(start, end, label)


def parse_period(text: str, *, today: date, tax_year_first_month: int = 1) -> Period:
    """A period as a creator types it: month, quarter, year, range, tax year, this/last month.

    Raises ValueError with a message that quotes the text and says what is accepted.
    """
    raw = text.strip()
    key = raw.lower()
    try:
        if key == "this-month":
            return month_period(today.year, today.month)
        if key == "last-month":
            last = today.replace(day=1) - timedelta(days=1)
            return month_period(last.year, last.month)
        if match := re.fullmatch(r"tax-(\d{4})", key):
            return tax_year(int(match[1]), tax_year_first_month)
        if ".." in raw:
            left, right = (part.strip() for part in raw.split("..", 1))
            start, end = date.fromisoformat(left), date.fromisoformat(right)
            if start > end:
                raise ValueError(f"period {raw!r}: the range ends before it begins")
            return Period(start, end, f"{start.isoformat()} to {end.isoformat()}")
        if match := re.fullmatch(r"(\d{4})-q([1-4])", key):
            year, quarter = int(match[1]), int(match[2])
            start, end = date(year, 3 * quarter - 2, 1), month_end(year, 3 * quarter)
            return Period(start, end, f"Q{quarter} {year}")
        if match := re.fullmatch(r"(\d{4})-(\d{1,2})", key):
            year, month = int(match[1]), int(match[2])
            if not 1 <= month <= 12:
                raise ValueError(f"period {raw!r}: there is no month {month} (1 to 12)")
            return month_period(year, month)
        if re.fullmatch(r"\d{4}", key):
            year = int(key)
            return Period(date(year, 1, 1), date(year, 12, 31), str(year))
    except ValueError as error:
        if str(error).startswith("period "):
            raise
        raise ValueError(f"period {raw!r}: {error} ({PERIOD_HELP})") from None
    raise ValueError(f"period {raw!r} is not a period ({PERIOD_HELP})")


# --- the figures -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LiveTotals:
    """Sums over the sessions of the period (``viewers``: total viewers)."""

    sessions: int = 0
    seconds: int = 0
    diamonds: int = 0
    likes: int = 0
    viewers: int = 0
    new_followers: int = 0
    gifters: int = 0

    @property
    def hours(self) -> Decimal:
        return Decimal(self.seconds) / 3600


@dataclass(frozen=True, slots=True)
class MoneySplit:
    """Where the value of the period's Diamonds goes (exact USD)."""

    gift_value_usd: Decimal = ZERO
    creator_share_usd: Decimal = ZERO
    agency_usd: Decimal = ZERO
    net_usd: Decimal = ZERO


def money_split(slices: Iterable[tuple[int, RatePeriod]]) -> MoneySplit:
    """Value ``(Diamonds, rate)`` sums, one per rate period, each at its own rate.

    The gift value is what the Diamonds imply before TikTok's commission, so
    sessions typed from a LIVE summary (no gift list) count as well (the same
    rule as ``tiklive summary``).
    """
    gift = share = agency = ZERO
    for diamonds, rate in slices:
        value = diamonds_value_usd(diamonds, rate)
        share += value
        agency += value * rate.agency_share
        if rate.commission < 1:
            gift += value / (1 - rate.commission)
    return MoneySplit(gift, share, agency, share - agency)


@dataclass(frozen=True, slots=True)
class WithdrawalTotals:
    """Withdrawals dated in the period, pending or paid, in USD."""

    count: int = 0
    diamonds: int = 0
    amount_usd: Decimal = ZERO
    fees_usd: Decimal = ZERO
    pending: int = 0

    @property
    def net_usd(self) -> Decimal:
        return self.amount_usd - self.fees_usd


@dataclass(frozen=True, slots=True)
class WithdrawalFigure:
    """One withdrawal as the report needs it (amounts already in USD)."""

    day: date
    diamonds: int
    amount_usd: Decimal
    fee_usd: Decimal
    pending: bool


def withdrawal_totals(items: Iterable[WithdrawalFigure]) -> WithdrawalTotals:
    count = diamonds = pending = 0
    amount = fees = ZERO
    for item in items:
        count += 1
        diamonds += item.diamonds
        amount += item.amount_usd
        fees += item.fee_usd
        pending += item.pending
    return WithdrawalTotals(count, diamonds, amount, fees, pending)


@dataclass(frozen=True, slots=True)
class MonthLive:
    """One month's session sums, as ``Repository.totals_by_period('month')`` gives them."""

    first_day: date
    sessions: int
    seconds: int
    diamonds: int
    net_usd: Decimal


@dataclass(frozen=True, slots=True)
class MonthRow:
    """One line of the month-by-month table (``month`` is ``YYYY-MM``)."""

    month: str
    first_day: date
    sessions: int
    seconds: int
    diamonds: int
    net_usd: Decimal
    other_income_usd: Decimal
    withdrawn_usd: Decimal

    @property
    def hours(self) -> Decimal:
        return Decimal(self.seconds) / 3600

    @property
    def total_income_usd(self) -> Decimal:
        return self.net_usd + self.other_income_usd


def month_rows(
    period: Period,
    live: Iterable[MonthLive],
    other_income: Mapping[date, Decimal],
    withdrawn: Mapping[date, Decimal],
) -> tuple[MonthRow, ...]:
    """Every month of the period, quiet months included (a gap is information too).

    The mappings are keyed by the month's first day.
    """
    by_month = {item.first_day.replace(day=1): item for item in live}
    rows = []
    for first in period.months():
        item = by_month.get(first)
        rows.append(
            MonthRow(
                month=f"{first.year:04d}-{first.month:02d}",
                first_day=first,
                sessions=item.sessions if item else 0,
                seconds=item.seconds if item else 0,
                diamonds=item.diamonds if item else 0,
                net_usd=item.net_usd if item else ZERO,
                other_income_usd=other_income.get(first, ZERO),
                withdrawn_usd=withdrawn.get(first, ZERO),
            )
        )
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class GiftFigure:
    gift: str
    count: int
    coins: int


@dataclass(frozen=True, slots=True)
class SessionFigure:
    """One of the period's best sessions (most Diamonds)."""

    start: datetime
    account: str
    title: str
    seconds: int
    diamonds: int
    net_usd: Decimal


@dataclass(frozen=True, slots=True)
class ReportFigures:
    """Everything a report shows for one account (or all) and one period.

    ``currency`` and ``per_usd`` say how money is shown: USD amounts times
    ``per_usd`` (None: shown in USD as they are).
    """

    account: str
    period: Period
    live: LiveTotals
    money: MoneySplit
    withdrawals: WithdrawalTotals
    other_income: tuple[tuple[IncomeKind, Decimal], ...]
    balance_start_diamonds: int
    balance_end_diamonds: int
    metrics: Metrics
    top_gifts: tuple[GiftFigure, ...]
    best_sessions: tuple[SessionFigure, ...]
    months: tuple[MonthRow, ...]
    currency: str = "USD"
    per_usd: Decimal | None = None

    @property
    def sessions(self) -> int:
        return self.live.sessions

    @property
    def seconds(self) -> int:
        return self.live.seconds

    @property
    def hours(self) -> Decimal:
        return self.live.hours

    @property
    def diamonds(self) -> int:
        return self.live.diamonds

    @property
    def net_usd(self) -> Decimal:
        """What the LIVEs brought the creator: creator share less the agency share."""
        return self.money.net_usd

    @property
    def other_income_usd(self) -> Decimal:
        return sum((amount for _, amount in self.other_income), ZERO)

    @property
    def total_income_usd(self) -> Decimal:
        """Net LIVE earnings plus other income (payout fees are shown apart, with withdrawals)."""
        return self.net_usd + self.other_income_usd

    def shown(self, amount_usd: Decimal) -> Decimal:
        """``amount_usd`` in the report's currency, rounded to cents (the one rounding)."""
        return round_money(amount_usd if self.per_usd is None else amount_usd * self.per_usd)


def build_report(
    *,
    account: str,
    period: Period,
    live: LiveTotals,
    diamonds_by_rate: Iterable[tuple[int, RatePeriod]],
    withdrawals: Iterable[WithdrawalFigure],
    other_income: Mapping[IncomeKind, Decimal],
    balance_start_diamonds: int,
    balance_end_diamonds: int,
    top_gifts: Sequence[GiftFigure],
    best_sessions: Sequence[SessionFigure],
    months_live: Iterable[MonthLive],
    months_other_income: Mapping[date, Decimal],
    currency: str = "USD",
    per_usd: Decimal | None = None,
) -> ReportFigures:
    """Assemble the figures from sums the storage layer made (or a test wrote by hand)."""
    taken = list(withdrawals)
    withdrawn_by_month: dict[date, Decimal] = {}
    for item in taken:
        first = item.day.replace(day=1)
        withdrawn_by_month[first] = withdrawn_by_month.get(first, ZERO) + item.amount_usd
    income = tuple((kind, other_income[kind]) for kind in IncomeKind if kind in other_income)
    return ReportFigures(
        account=account,
        period=period,
        live=live,
        money=money_split(diamonds_by_rate),
        withdrawals=withdrawal_totals(taken),
        other_income=income,
        balance_start_diamonds=balance_start_diamonds,
        balance_end_diamonds=balance_end_diamonds,
        metrics=engagement_metrics(
            live.diamonds, live.seconds, live.likes, live.viewers, live.new_followers
        ),
        top_gifts=tuple(top_gifts),
        best_sessions=tuple(best_sessions),
        months=month_rows(period, months_live, months_other_income, withdrawn_by_month),
        currency=currency,
        per_usd=per_usd,
    )
