"""Reading the values typed on the command line; each mistake is one :class:`UsageError`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tiklive_desktop.cli.common import UsageError
from tiklive_desktop.core.fields import MAX_COUNT
from tiklive_desktop.core.report import month_end
from tiklive_desktop.core.text import ascii_digits

# ASCII digits only: other scripts' digits are turned into these first (``ascii_digits``).
_COUNT = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+")


@dataclass(frozen=True, slots=True)
class GiftSpec:
    """One ``NAME=COUNT`` argument as typed (``text`` is kept for messages)."""

    text: str
    name: str
    count: int


def parse_gift_spec(text: str) -> GiftSpec:
    """``Rose=100``, ``"Hand Hearts=3"``, ``Lion`` (= 1); thousands separators allowed."""
    name, sep, raw_count = text.rpartition("=") if "=" in text else (text, "", "1")
    name = " ".join(name.split())
    if not name:
        raise UsageError(f"{text}: a gift name is missing (write NAME=COUNT, e.g. Rose=100)")
    raw_count = ascii_digits(raw_count.strip().replace("_", "")) or ""
    if not _COUNT.fullmatch(raw_count) or int(raw_count.replace(",", "")) < 1:
        raise UsageError(f"{text}: the count must be a whole number of at least 1")
    count = int(raw_count.replace(",", ""))
    if count > MAX_COUNT:
        raise UsageError(f"{text}: the count is too large (at most {MAX_COUNT:,})")
    return GiftSpec(text=text if sep else f"{text}=1", name=name, count=count)


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive range of days and how to name it."""

    first: date
    last: date
    label: str


PERIOD_HELP = "use 2026-10, 2026-Q3, 2026, 2026-10-01..2026-10-15 or all"


def parse_period(text: str) -> Period:
    """A month (2026-10), quarter (2026-Q3), year (2026), range (a..b) or ``all``."""
    raw = ascii_digits(text.strip()) or "?"  # "?": digits of two scripts, refused below
    try:
        if raw.lower() == "all":
            return Period(date(2016, 9, 1), date(9999, 12, 31), "all time")
        if ".." in raw:
            left, right = (part.strip() for part in raw.split("..", 1))
            first, last = date.fromisoformat(left), date.fromisoformat(right)
            if first > last:
                raise UsageError(f"--period {text}: the range ends before it begins")
            return Period(first, last, f"{first.isoformat()} to {last.isoformat()}")
        if match := re.fullmatch(r"(\d{4})-[Qq]([1-4])", raw):
            year, quarter = int(match[1]), int(match[2])
            first = date(year, 3 * quarter - 2, 1)
            return Period(first, month_end(year, 3 * quarter), f"{year} Q{quarter}")
        if match := re.fullmatch(r"(\d{4})-(\d{1,2})", raw):
            year, month = int(match[1]), int(match[2])
            first = date(year, month, 1)
            return Period(first, month_end(year, month), first.strftime("%B %Y"))
        if re.fullmatch(r"\d{4}", raw):
            year = int(raw)
            return Period(date(year, 1, 1), date(year, 12, 31), str(year))
    except ValueError:
        pass
    raise UsageError(f"--period {text}: not a period ({PERIOD_HELP})")


def month_of(day: date) -> Period:
    return parse_period(f"{day.year:04d}-{day.month:02d}")


FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2999, 12, 31)
"""The days ``--today`` and ``--end`` accept: month ends, "tomorrow" and histories
are computed around them, and Python's dates end at 9999-12-31."""


def parse_day(text: str, option: str) -> date:
    if text.strip().lower() == "today":
        return date.today()
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option} {text}: not a date (use YYYY-MM-DD or today)") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UsageError(
            f"{option} {text}: must be a day from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"
        )
    return day


def parse_whole(text: str, option: str, lo: int, hi: int) -> int:
    raw = ascii_digits(text.strip().replace("_", "")) or ""
    if not _COUNT.fullmatch(raw):
        raise UsageError(f"{option} {text}: must be a whole number from {lo:,} to {hi:,}")
    value = int(raw.replace(",", ""))
    if not lo <= value <= hi:
        raise UsageError(f"{option} {text}: must be a whole number from {lo:,} to {hi:,}")
    return value
