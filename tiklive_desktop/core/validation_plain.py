"""Sessions whose every field is plain, built at once; the rules are parse_session's.

Why a second reader: an import of 100,000 rows spent most of its time in the
general field readers (:mod:`tiklive_desktop.core.fields`) on fields that were
all plain. :func:`plain_session` accepts only what cannot be a problem and
gives exactly the session :func:`.validation.parse_session` would build
(tests/bench/test_fast_paths.py checks both on generated input); anything
else returns None and goes through ``parse_session``, which words the problems.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta

from tiklive_desktop.core.entities import Session
from tiklive_desktop.core.fields import FUTURE_SLACK, MAX_COUNT, TIKTOK_LIVE_START, _plain_int
from tiklive_desktop.core.validation import (
    _SESSION_COUNTS,
    MAX_LIVE,
    NOTES_MAX,
    TAG_MAX,
    TAGS_MAX,
    TITLE_MAX,
    unique_tags,
)

_PLAIN_KEYS = frozenset({"start", "end", "duration", "reported_diamonds", "title", "notes", "tags",
                         "gift_lines", "id", *_SESSION_COUNTS})  # fmt: skip


def _plain_count(raw: object) -> int | None:
    """A count as :func:`fields.int_field` reads it when that cannot fail (else None).

    Blank is 0; otherwise int_field's own fast reader, within 0..``MAX_COUNT``.
    """
    if raw == "" or raw is None:
        return 0
    whole = _plain_int(raw)
    return whole if whole is not None and 0 <= whole <= MAX_COUNT else None


def plain_session(raw: Mapping[str, object], *, account_id: int, today: date) -> Session | None:
    """The session :func:`parse_session` builds from ``raw``, when every field is plain;
    None otherwise (then ask :func:`parse_session`, which also says what is wrong).

    Why: an import of 100,000 rows spent most of its time reading fields that are
    all plain: a naive datetime and a timedelta, counts as ASCII digits, printable
    one-line text. Those are checked here against the same rules (days, 24 hours,
    ``MAX_COUNT``, peak <= total, lengths); anything else, or anything that would
    be a problem, takes the full path (tests/bench/test_fast_paths.py: equal results).
    """
    start, duration = raw.get("start"), raw.get("duration")
    if (
        type(start) is not datetime
        or start.tzinfo is not None
        or type(duration) is not timedelta
        or not timedelta(0) < duration <= MAX_LIVE
        or not TIKTOK_LIVE_START <= start.date() <= today + FUTURE_SLACK
        or any(raw.get(key) is not None for key in ("end", "gift_lines", "id"))
        or not _PLAIN_KEYS.issuperset(raw)
    ):
        return None
    reported_raw = raw.get("reported_diamonds")
    reported = None if reported_raw is None or reported_raw == "" else _plain_count(reported_raw)
    if reported is None and not (reported_raw is None or reported_raw == ""):
        return None
    counts = {key: _plain_count(raw.get(key)) for key in _SESSION_COUNTS}
    if None in counts.values():
        return None
    if counts["peak_viewers"] > counts["total_viewers"] > 0:  # type: ignore[operator]
        return None
    title, notes, tags = raw.get("title"), raw.get("notes"), raw.get("tags")
    title = "" if title is None else title
    notes = "" if notes is None else notes
    tags = "" if tags is None else tags
    if type(title) is not str or type(notes) is not str or type(tags) is not str:
        return None
    title = title.strip()
    if len(title) > TITLE_MAX or not title.isprintable():
        return None
    if not notes.strip():
        notes = ""
    elif len(notes) > NOTES_MAX or not notes.isprintable():
        return None
    found = unique_tags(tags.split(","))
    if len(found) > TAGS_MAX or any(len(t) > TAG_MAX or not t.isprintable() for t in found):
        return None
    return Session(
        account_id=account_id,
        start=start,
        duration=duration,
        reported_diamonds=reported,
        title=title,
        notes=notes,
        tags=tuple(found),
        **counts,  # type: ignore[arg-type]
    )


__all__ = ["plain_session"]
