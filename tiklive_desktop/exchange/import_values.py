"""Reading dates, times and durations as spreadsheets and TikTok's data download write them.

Why here and not in core.fields: the app's own forms accept one unambiguous
form (``2025-03-01 20:30``); files people already have use many, some of them
ambiguous (``03/04/2025`` is 3 April in Europe and March 4 in the US). These
readers turn those forms into ``datetime``/``timedelta`` values that
``core.validation.parse_session`` then checks like anything typed.

Time zones: a session start is the creator's wall clock (naive). A value that
names its zone (``...Z``, ``+02:00``, epoch seconds) is converted to ``tz``
(None = this computer's zone) and made naive; a value without a zone is taken
as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Literal

DateOrder = Literal["dmy", "mdy"]
DATE_ORDERS: tuple[DateOrder, ...] = ("dmy", "mdy")
ORDER_NAMES = {"dmy": "day/month/year", "mdy": "month/day/year"}

_TIME = r"(?:[T\s,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([aApP]\.?[mM]\.?)?)?"
_ZONE = r"\s*(Z|[+-]\d{2}:?\d{2})?"
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME + _ZONE)
_XYZ = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})" + _TIME + _ZONE)
_EPOCH = re.compile(r"\d{9,13}(?:\.\d+)?")
_MS_FROM = 10**11  # epoch values above this are milliseconds (10**11 s is the year 5138)

EXAMPLES = "like 2025-03-01 20:30, 2025-03-01T20:30:00 or 01/03/2025 20:30"


class BadValueError(ValueError):
    """A value that cannot be read; the message is a sentence for the user."""


@dataclass(frozen=True, slots=True)
class SlashDate:
    """The first two numbers of a ``NN/NN/YYYY`` date, to settle which is the day."""

    first: int
    second: int

    @property
    def ambiguous(self) -> bool:
        return self.first <= 12 and self.second <= 12 and self.first != self.second


def slash_date(text: str) -> SlashDate | None:
    match = _XYZ.fullmatch(text.strip())
    return SlashDate(int(match[1]), int(match[2])) if match else None


@dataclass(frozen=True, slots=True)
class OrderDecision:
    """The date order for a whole file: chosen, inferred from a row, or still open."""

    order: DateOrder | None
    notice: str | None = None
    problem: str | None = None
    problem_line: int = 0


def decide_date_order(
    values: Iterable[tuple[int, str]], given: DateOrder | None, label: str = "the dates"
) -> OrderDecision:
    """One order for the file: ``given``, or the one a day above 12 proves, or none needed.

    A file uses one format, so a single ``25/03/2024`` settles every
    ``03/04/2024`` in it; the notice says which row decided. Rows proving both
    orders, or only ambiguous rows and no choice, are a problem for the file.
    """
    if given is not None:
        return OrderDecision(given, f"Dates read as {ORDER_NAMES[given]} (as chosen).")
    dmy = mdy = ambiguous = None
    for line, text in values:
        found = slash_date(text)
        if found is None:
            continue
        if found.first > 12 and dmy is None:
            dmy = (line, text.strip())
        elif found.second > 12 and mdy is None:
            mdy = (line, text.strip())
        elif found.ambiguous and ambiguous is None:
            ambiguous = (line, text.strip())
    if dmy and mdy:
        return OrderDecision(
            None,
            problem=f"{label.capitalize()} mix day/month/year (line {dmy[0]}: {dmy[1]}) and "
            f"month/day/year (line {mdy[0]}: {mdy[1]}); use one format in the whole file.",
            problem_line=mdy[0],
        )
    proofs: tuple[tuple[tuple[int, str] | None, DateOrder], ...] = ((dmy, "dmy"), (mdy, "mdy"))
    for proof, order in proofs:
        if proof:
            return OrderDecision(
                order, f"Dates read as {ORDER_NAMES[order]}: line {proof[0]} has {proof[1]}."
            )
    if ambiguous:
        line, text = ambiguous
        return OrderDecision(
            None,
            problem=f"Dates like {text.split()[0]} could be day/month/year or month/day/year; "
            "choose the date order (dmy or mdy) and try again.",
            problem_line=line,
        )
    return OrderDecision(None)


def _hour(hour: int, meridiem: str | None) -> int:
    if not meridiem:
        return hour
    if not 1 <= hour <= 12:
        raise BadValueError(f"{hour} is not an hour on a 12-hour clock (with AM/PM).")
    pm = meridiem[0] in "pP"
    return (hour % 12) + (12 if pm else 0)


def _zoned(moment: datetime, zone: str | None, tz: tzinfo | None) -> datetime:
    if not zone:
        return moment
    offset = timedelta(0)
    if zone != "Z":
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        offset = -offset if zone[0] == "-" else offset
    aware = moment.replace(tzinfo=timezone(offset))
    return aware.astimezone(tz).replace(tzinfo=None)


def parse_datetime(
    text: str, order: DateOrder | None, *, tz: tzinfo | None = None, time: str | None = None
) -> datetime:
    """A naive local datetime from the usual spreadsheet forms (see the module docstring).

    ``time`` is a separate time-of-day column ("20:30"), used when ``text`` is
    a date only. Raises :class:`BadValueError` with a sentence naming the form.
    """
    raw = " ".join(text.split())
    if time and time.strip():
        raw = f"{raw} {time.strip()}"
    if match := _YMD.fullmatch(raw):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _XYZ.fullmatch(raw):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        if order is None and SlashDate(first, second).ambiguous:
            raise BadValueError(f"{text.strip()} could be day/month/year or month/day/year.")
        if order == "mdy" or (order is None and second > 12):
            month, day = first, second
        else:
            day, month = first, second
    else:
        raise BadValueError(f"{text.strip()!r} is not a date and time, {EXAMPLES}.")
    if match[4] is None:
        raise BadValueError(f"{text.strip()} has a date but no time of day, {EXAMPLES}.")
    try:
        hour = _hour(int(match[4]), match[7])
        moment = datetime(year, month, day, hour, int(match[5]), int(match[6] or 0))
        return _zoned(moment, match[8], tz)
    except (ValueError, OverflowError) as error:
        if isinstance(error, BadValueError):
            raise
        named = f" (read as {ORDER_NAMES[order]})" if order and match.re is _XYZ else ""
        raise BadValueError(f"{text.strip()} is not a real date and time{named}.") from None


def parse_moment(value: object, *, tz: tzinfo | None = None) -> datetime:
    """A TikTok time: "2024-03-01 20:15:00", ISO with a zone, or epoch seconds/milliseconds."""
    if isinstance(value, bool):
        raise BadValueError(f"{value} is not a time.")
    if isinstance(value, int | float) or (isinstance(value, str) and _EPOCH.fullmatch(value)):
        try:
            number = Decimal(str(value))
            seconds = number / 1000 if number >= _MS_FROM else number
            moment = datetime.fromtimestamp(float(seconds), UTC)
        except (InvalidOperation, ValueError, OverflowError, OSError):
            raise BadValueError(f"{value} is not a time TikTok could have written.") from None
        return moment.astimezone(tz).replace(tzinfo=None, microsecond=0)
    if not isinstance(value, str):
        raise BadValueError(f"{value!r} is not a time.")
    return parse_datetime(value, None, tz=tz).replace(microsecond=0)


_CLOCK = re.compile(r"(\d{1,7}):([0-5]?\d)(?::([0-5]?\d)(?:\.\d+)?)?")
_UNITS = re.compile(
    r"(?:(\d{1,7})\s*h(?:ours?|rs?)?)?\s*(?:(\d{1,7})\s*m(?:in(?:utes?|s)?)?)?"
    r"\s*(?:(\d{1,7})\s*s(?:ec(?:onds?|s)?)?)?",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_MAX_SECONDS = 10**8  # far beyond the 24-hour limit; keeps timedelta from overflowing


def parse_duration(value: object, unit_seconds: int) -> timedelta:
    """A plain number counts ``unit_seconds`` each; "1:30" is H:MM, "1:02:03" H:MM:SS, "1h 2m".

    Decimals are fine ("90.5" minutes); negative numbers come through so the
    session validator can say that a duration cannot be negative.
    """
    if isinstance(value, bool):
        raise BadValueError(f"{value} is not a duration.")
    text = str(value).strip().replace(",", "") if isinstance(value, int | float | str) else None
    if text is None:
        raise BadValueError(f"{value!r} is not a duration.")
    if _NUMBER.fullmatch(text):
        seconds = Decimal(text) * unit_seconds
        seconds = max(min(seconds, Decimal(_MAX_SECONDS)), Decimal(-_MAX_SECONDS))
        return timedelta(seconds=round(seconds))
    match = _CLOCK.fullmatch(text) or _UNITS.fullmatch(text)
    if match is None or not any(match.groups()):
        raise BadValueError(f"{text!r} is not a duration, like 90 (minutes), 1:30 or 1h 30m.")
    hours, minutes, seconds = (int(part) if part else 0 for part in match.groups())
    return timedelta(seconds=min(hours * 3600 + minutes * 60 + seconds, _MAX_SECONDS))


__all__ = [
    "DATE_ORDERS",
    "ORDER_NAMES",
    "BadValueError",
    "DateOrder",
    "OrderDecision",
    "decide_date_order",
    "parse_datetime",
    "parse_duration",
    "parse_moment",
]
