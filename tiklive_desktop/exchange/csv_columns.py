"""The columns of a sessions CSV: our field names, and which headers people use for them.

Why synonyms: a creator's own spreadsheet says "Date", "Duration (min)" or
"💎", not ``start``/``duration_minutes``/``diamonds``. Headers are compared with
case, spaces and punctuation folded, so "Start Time", "start_time" and
"StartTime" are one name; the dialog shows the suggestion and the user can
change any of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

TEMPLATE_COLUMNS = (
    "account",
    "start",
    "duration_minutes",
    "diamonds",
    "likes",
    "peak_viewers",
    "total_viewers",
    "new_followers",
    "comments",
    "shares",
    "gifters",
    "title",
    "notes",
    "tags",
)
COMPUTED_COLUMNS = ("credited_diamonds", "net_usd")
FIELDS = (*TEMPLATE_COLUMNS, "time", "end", "duration_hours", "duration_seconds")
"""What a mapping can name: the template's columns plus other ways to give start and length."""
OPTIONS = ("date_order", "encoding")
"""Mapping keys that are choices rather than columns: ``date_order`` "dmy"/"mdy", ``encoding``."""

DURATIONS = {"duration_minutes": 60, "duration_hours": 3600, "duration_seconds": 1}
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "account": ("handle", "account handle", "tiktok handle", "username", "user", "creator"),
    "start": (
        "date", "start time", "start date", "started", "started at", "date time", "datetime",
        "date and time", "live start", "live start time", "begin", "when", "day", "live date",
    ),
    "time": ("time of day", "start hour"),
    "end": ("end time", "ended", "ended at", "live end", "live end time", "finish"),
    "duration_minutes": (
        "duration", "duration min", "duration mins", "duration minutes", "minutes", "mins",
        "length", "live duration", "duration h mm", "duration hh mm", "duration h mm ss",
        "duration hh mm ss",
    ),
    "duration_hours": ("duration h", "duration hours", "duration hrs", "hours", "hours live"),
    "duration_seconds": ("duration s", "duration sec", "duration seconds", "seconds"),
    "diamonds": (
        "diamond", "💎", "diamonds reported", "reported diamonds", "total diamonds", "earnings",
        "total earning", "diamonds earned",
    ),
    "likes": ("like", "hearts", "total likes", "total like", "❤"),
    "peak_viewers": ("peak", "peak viewer", "max viewers", "top viewers", "highest viewers"),
    "total_viewers": ("viewers", "views", "total views", "total view", "unique viewers"),
    "new_followers": ("followers", "new follows", "follows", "followers gained"),
    "comments": ("comment count", "chat messages", "chats"),
    "shares": ("share count",),
    "gifters": ("gift givers", "supporters", "total gifter", "total gifters"),
    "title": ("live title", "room title", "stream title"),
    "notes": ("note", "memo", "remarks", "description"),
    "tags": ("tag", "labels", "label", "categories", "category"),
    "credited_diamonds": ("credited diamonds",),
    "net_usd": ("net usd", "net", "net $"),
}  # fmt: skip


def _norm(text: str) -> str:
    """Case, spaces and punctuation folded: "Duration (min)" -> "duration min"."""
    text = text.replace("\ufeff", "").replace("\ufe0f", "").casefold()
    return " ".join(re.sub(r"[_\-./()\[\]:#@,]+", " ", text).split())


def _keys(header: str) -> list[str]:
    norm = _norm(header)
    words = re.sub(r"\W+", "", norm)
    return [k for k in (norm, norm.replace(" ", ""), words) if k]


_LOOKUP: dict[str, str] = {}
for _field, _names in _SYNONYMS.items():
    for _name in (_field, *_names):
        for _key in _keys(_name):
            _LOOKUP.setdefault(_key, _field)


def match_column(header: str) -> str | None:
    """Our field (or a computed column's name) for a header, or None if unknown."""
    return next((_LOOKUP[k] for k in _keys(header) if k in _LOOKUP), None)


_DATE_ONLY = frozenset(
    k for name in ("date", "start date", "day", "live date") for k in _keys(name)
)
_TIME_ONLY = frozenset(
    k
    for name in ("time", "start time", "time of day", "start hour", "live start time")
    for k in _keys(name)
)


def _is(header: str, names: frozenset[str]) -> bool:
    return any(k in names for k in _keys(header))


def suggest_mapping(headers: Sequence[str]) -> dict[str, str | None]:
    """Our field -> the first header that means it (None when the file has no such column).

    A sheet with a "Date" column and a separate "Start time" column (a common
    layout) gets the date as ``start`` and the clock time as ``time``, in
    whichever order the two columns come.
    """
    mapping: dict[str, str | None] = dict.fromkeys(FIELDS)
    for header in headers:
        field = match_column(header)
        if field in mapping and mapping[field] is None:
            mapping[field] = header
    if mapping["time"] is None:
        day = next((h for h in headers if _is(h, _DATE_ONLY)), None)
        clock = next((h for h in headers if _is(h, _TIME_ONLY)), None)
        if day is not None and clock is not None:
            mapping["start"], mapping["time"] = day, clock
    return mapping


__all__ = [
    "COMPUTED_COLUMNS",
    "DURATIONS",
    "FIELDS",
    "OPTIONS",
    "TEMPLATE_COLUMNS",
    "match_column",
    "suggest_mapping",
]
