"""A date-and-time field for a session's start and end, typed as digits in the locale's order.

A session's start is a naive wall-clock ``datetime`` (core/entities.py). The
widget works in UTC internally so that no local time-zone rule can move or
refuse a time (02:30 on a daylight-saving night is a real LIVE start).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimeZone
from PySide6.QtWidgets import QDateTimeEdit, QSizePolicy, QWidget

_UTC = QTimeZone(QTimeZone.Initialization.UTC)


def rounded_now(step_minutes: int = 5) -> datetime:
    """Now, to the nearest ``step_minutes`` (a new session starts there by default)."""
    now = datetime.now().replace(second=0, microsecond=0)
    step = timedelta(minutes=step_minutes)
    return datetime.min + round((now - datetime.min) / step) * step


def date_time_format(locale: QLocale) -> str:
    """The locale's numeric date with padded day and month and a 4-digit year, then 24-hour time.

    Padded sections let a person type the digits straight through
    ("100520262000" in the US); a 2-digit year would make 2016 and 1916 look alike.
    """
    day = locale.dateFormat(QLocale.FormatType.ShortFormat)
    day = re.sub(r"y+", "yyyy", day)
    day = re.sub(r"(?<!M)M{1,2}(?!M)", "MM", day)
    day = re.sub(r"(?<!d)d{1,2}(?!d)", "dd", day)
    return f"{day} HH:mm"


class DateTimeEdit(QDateTimeEdit):
    """Calendar popup, locale order; Tab leaves the field instead of walking its sections.

    Typing digits already moves from section to section (so do the separator
    keys), so a keyboard user needs Tab for the next field, as everywhere else.
    """

    def __init__(self, locale: QLocale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTimeZone(_UTC)
        self.setLocale(locale)
        self.setDisplayFormat(date_time_format(locale))
        self.setCalendarPopup(True)
        # As wide as the form's other fields, so a message under it has room.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)

    def value(self) -> datetime:
        qdate, qtime = self.date(), self.time()
        return datetime(
            qdate.year(), qdate.month(), qdate.day(), qtime.hour(), qtime.minute(), qtime.second()
        )

    def set_value(self, value: datetime) -> None:
        day = QDate(value.year, value.month, value.day)
        self.setDateTime(QDateTime(day, QTime(value.hour, value.minute, value.second), _UTC))
