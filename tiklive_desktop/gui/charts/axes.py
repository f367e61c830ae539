"""Axes that write numbers and dates the way the user's locale does.

x values of dates are epoch seconds of the day's midnight in UTC (``day_to_x``),
so a bar never shifts by the machine's time zone and tests can compute them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QFont, QFontMetrics

from tiklive_desktop.gui.formatting import Formatter

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def day_to_x(day: date) -> float:
    """Epoch seconds of ``day`` at 00:00 UTC: the x coordinate of a day on a ``DateAxis``.

    Ordinal arithmetic, not ``calendar.timegm``: ten years of days are converted
    on every redraw.
    """
    return float((day.toordinal() - _EPOCH_ORDINAL) * 86400)


def days_to_x(days: Sequence[date]) -> np.ndarray:
    """``day_to_x`` of many days, as one float array."""
    ordinals = np.fromiter((d.toordinal() for d in days), dtype=np.int64, count=len(days))
    return ((ordinals - _EPOCH_ORDINAL) * 86400).astype(float)


def x_to_day(x: float) -> date:
    """The day whose UTC midnight is at or before ``x`` (inverse of ``day_to_x``)."""
    return datetime.fromtimestamp(int(x // 86400) * 86400, UTC).date()


class NumberAxis(pg.AxisItem):
    """Tick labels written by the locale (``12,000``, ``$1,200``), never SI-prefixed (``12 k``).

    ``currency`` set: money ticks (whole units when the spacing allows, else cents).
    """

    def __init__(
        self,
        fmt: Formatter,
        orientation: str = "left",
        currency: str | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(orientation, **kwargs)
        self.fmt = fmt
        self.currency = currency
        self.enableAutoSIPrefix(False)

    def set_currency(self, currency: str | None) -> None:
        self.currency = currency
        self.picture = None
        self.update()

    def setRange(self, mn: float, mx: float) -> None:
        """Also widen a vertical axis for its widest label before painting.

        pyqtgraph measures labels while painting and drops those that do not fit until
        the next repaint; a freshly refreshed chart grabbed at once would miss them.
        """
        super().setRange(mn, mx)
        if self.orientation in ("left", "right") and hasattr(self, "fmt"):
            metrics = QFontMetrics(self.style.get("tickFont") or QFont())
            widest = max(metrics.horizontalAdvance(self.format_value(v)) for v in (mn, mx))
            if widest > self.textWidth:
                self._updateMaxTextSize(widest + 2)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        whole = spacing * scale >= 1
        return [self.format_value(v * scale, whole) for v in values]

    def format_value(self, value: float, whole: bool = True) -> str:
        if self.currency is None:
            if whole:
                return self.fmt.integer(round(value))
            return self.fmt.decimal(Decimal(repr(value)), 2)
        text = self.fmt.money(
            Decimal(round(value)) if whole else Decimal(repr(value)), self.currency
        )
        if whole:
            text = text.replace(self.fmt.locale.decimalPoint() + "00", "", 1)
        return text


_TICK_STEPS: tuple[tuple[str, int], ...] = (
    ("day", 1),
    ("day", 2),
    ("day", 7),
    ("day", 14),
    ("month", 1),
    ("month", 2),
    ("month", 3),
    ("month", 6),
    *(("year", n) for n in (1, 2, 5, 10, 20, 50, 100, 250, 500, 1000, 2500)),
)
_UNIT_DAYS = {"day": 1.0, "month": 30.44, "year": 365.25}
_TICK_FORMATS = {"day": "MMM d", "month": "MMM yyyy", "year": "yyyy"}


def _tick_days(unit: str, step: int, first: date, last: date) -> list[date]:
    """Days from ``first`` to ``last`` on a ``step`` x ``unit`` grid (weeks start on Mondays)."""
    days: list[date] = []
    if unit == "day":
        day = first
        if step >= 7:  # whole weeks, Monday first, like the week bars
            day += timedelta(days=-day.weekday() % 7)
            while (day.toordinal() // 7) % (step // 7):
                day += timedelta(days=7)
        else:
            day += timedelta(days=-day.toordinal() % step)
        while day <= last:
            days.append(day)
            day += timedelta(days=step)
    elif unit == "month":
        month = first.year * 12 + first.month - 1 + (1 if first.day > 1 else 0)
        month += -month % step
        while (day := date(month // 12, month % 12 + 1, 1)) <= last:
            days.append(day)
            month += step
    else:
        year = first.year + (1 if (first.month, first.day) != (1, 1) else 0)
        year += -year % step
        while year <= last.year:
            days.append(date(year, 1, 1))
            year += step
    return days


class DateAxis(pg.AxisItem):
    """Day, month or year ticks in the locale's words ("Oct 5", "Oct 2026", "2026").

    x values are ``day_to_x`` seconds (UTC midnights), so ticks fall on the days
    the bars stand for whatever the machine's time zone. The step is the finest
    one whose labels fit side by side: pyqtgraph's own date axis overlaps a
    month name with the day numbers next to it.
    """

    def __init__(
        self, orientation: str = "bottom", fmt: Formatter | None = None, **kwargs: object
    ) -> None:
        super().__init__(orientation, **kwargs)
        self.locale = fmt.locale if fmt is not None else QLocale()
        self.unit = "day"
        self._widths: dict[tuple[str, str], int] = {}
        self.enableAutoSIPrefix(False)

    def _label_width(self, unit: str) -> int:
        """The width of a wide label of ``unit``, measured once per font (every pan asks)."""
        font = self.style.get("tickFont") or QFont()
        key = (unit, font.key())
        width = self._widths.get(key)
        if width is None:
            metrics = QFontMetrics(font)
            sample = self.locale.toString(QDate(2026, 9, 30), _TICK_FORMATS[unit])
            width = metrics.horizontalAdvance(sample) + metrics.horizontalAdvance("MM")
            self._widths[key] = width
        return width

    def tickValues(self, low: float, high: float, size: float) -> list:
        if not (np.isfinite(low) and np.isfinite(high)) or high <= low or size <= 0:
            return []
        lo = max(low, day_to_x(date(1, 1, 2)))
        hi = min(high, day_to_x(date(9999, 12, 30)))
        if hi <= lo:
            return []
        span_days = (hi - lo) / 86400
        for unit, step in _TICK_STEPS:
            count = span_days / (step * _UNIT_DAYS[unit])
            if count * self._label_width(unit) <= size:
                break
        self.unit = unit
        days = _tick_days(unit, step, x_to_day(lo - 1) + timedelta(days=1), x_to_day(hi))
        return [(step * _UNIT_DAYS[unit] * 86400, [day_to_x(d) for d in days])]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        pattern = _TICK_FORMATS[self.unit]
        labels = []
        for value in values:
            day = x_to_day(value)
            labels.append(self.locale.toString(QDate(day.year, day.month, day.day), pattern))
        return labels
