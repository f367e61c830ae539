"""Conversions between Python values and what the database stores.

The database keeps only integers and text so that SQL sums are exact and no
float ever touches money:
- dates are ``YYYY-MM-DD``; session starts are naive local ``YYYY-MM-DDTHH:MM:SS``
  (string order is time order, so range filters use the indexes);
- money is integer cents; rates are ``Decimal`` written as plain text;
- tags are a JSON array (unambiguous whatever the tag contains, and still
  searchable with ``LIKE``).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal

CENTS = Decimal(100)


def date_text(day: date) -> str:
    return day.isoformat()


def text_date(text: str) -> date:
    return date.fromisoformat(text)


def next_day_text(day: date) -> str:
    """The exclusive upper bound for an inclusive ``end`` day."""
    return (day + timedelta(days=1)).isoformat()


def start_text(start: datetime) -> str:
    """A session start as stored; seconds precision, naive (the creator's wall clock)."""
    if start.tzinfo is not None:
        raise ValueError(f"session start must be a naive local time, got {start!r}")
    return start.isoformat(sep="T", timespec="seconds")


def text_start(text: str) -> datetime:
    return datetime.fromisoformat(text)


def duration_seconds(duration: timedelta) -> int:
    return int(duration.total_seconds())


def decimal_text(value: Decimal) -> str:
    """Plain notation (never ``5E-3``) so SQL's CAST reads it too, for sorting."""
    value = Decimal(value)
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    return format(value, "f")


def text_decimal(text: str) -> Decimal:
    return Decimal(text)


def cents(amount: Decimal) -> int:
    """Money to integer cents; refuses fractions of a cent instead of rounding them away."""
    scaled = Decimal(amount) * CENTS
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{amount} has a fraction of a cent; round it before storing")
    return int(scaled)


def from_cents(value: int) -> Decimal:
    return Decimal(value) / CENTS


def tags_text(tags: tuple[str, ...]) -> str:
    return json.dumps(list(tags), ensure_ascii=False, separators=(",", ":"))


def text_tags(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text)) if text else ()


def like_pattern(text: str) -> str:
    """``%text%`` for ``LIKE ... ESCAPE '\\'`` with the user's % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def nocase(text: str) -> str:
    """SQLite's ``COLLATE NOCASE`` key in Python: folds ASCII letters only, exactly like SQLite."""
    return text.translate(_ASCII_LOWER)
