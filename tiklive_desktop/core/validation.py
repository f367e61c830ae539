"""Validation as pure results: raw input in, an entity or a list of problems out.

Why: dialogs (STYLE.md principle 7), importers and the CLI all take what a
person typed. Sharing these parsers means a value is rejected everywhere with
the same sentence; a dialog puts ``report.message_for(field)`` beside each
field and keeps OK disabled until ``report.ok``. The readers for single fields
(numbers, dates, text) and the generic limits are in
:mod:`tiklive_desktop.core.fields`; this module says which fields each entity
has and the rules that tie fields together.

``raw`` keys are the entity's field names. A missing or blank optional field
means the entity's default. Entity limits, and why:

- a LIVE lasts more than 0 and at most 24 hours (``MAX_LIVE``);
- a gift costs 1 to ``MAX_GIFT_COINS`` = 1,000,000 coins (the dearest in the
  catalog is 44,999), and a session's gifts add up to at most
  ``MAX_SESSION_COINS`` = 10**12 coins ($10 billion);
- a LIVE's gifts at 10**12 coins and the rates' bounds
  (:mod:`tiklive_desktop.core.validation_rates`) keep a session at most 10**16
  Diamonds, so a realistic history sums far below SQLite's 2**63;
- a TikTok handle is ASCII letters, digits, ``_`` and ``.`` (TikTok's rule),
  while display names, titles, tags and notes take any text, emoji and
  right-to-left scripts included (control characters other than tabs and
  line breaks are refused, see ``fields.text_problem``);
- a title has at most 200 characters, notes at most 100,000, a TikTok handle
  at most 24 (TikTok's own limit), a tag at most 50 and a session 50 tags.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime, timedelta

from tiklive_desktop.core.entities import (
    Account,
    Gift,
    GiftLine,
    IncomeKind,
    OtherIncome,
    Session,
    Withdrawal,
    WithdrawalStatus,
)
from tiklive_desktop.core.fields import (
    FUTURE_SLACK,
    MAX_AMOUNT,
    MAX_COUNT,
    MAX_ID,
    TIKTOK_LIVE_START,
    ZERO,
    Form,
    Problem,
    Report,
    bool_field,
    check_day,
    currency_field,
    date_field,
    datetime_field,
    decimal_field,
    enum_field,
    int_field,
    must,
    optional_int,
    record_id,
    text_field,
    text_problem,
)
from tiklive_desktop.core.text import ascii_digits

# Rates and rules live in their own module; re-exported so callers keep one place.
from tiklive_desktop.core.validation_rates import (
    MAX_UNIT_USD,
    MIN_UNIT_USD,
    NAME_MAX,
    parse_exchange_rate,
    parse_rate_period,
    parse_region_rule,
)

MAX_GIFT_COINS = 1_000_000
MAX_SESSION_COINS = MAX_COUNT
MAX_LIVE = timedelta(hours=24)
TITLE_MAX = 200
NOTES_MAX = 100_000
HANDLE_MAX = 24
TAG_MAX = 50
TAGS_MAX = 50

_SESSION_COUNTS = {
    "likes": "Likes",
    "peak_viewers": "Peak viewers",
    "total_viewers": "Total viewers",
    "new_followers": "New followers",
    "comments": "Comments",
    "shares": "Shares",
    "gifters": "Gifters",
}


# --- sessions -------------------------------------------------------------------

# Capped at 7 digits so a typo cannot overflow timedelta; it still reads as "too long".
_CLOCK = re.compile(r"([0-9]{1,7}):([0-5]?[0-9])(?::([0-5]?[0-9]))?")
_UNITS = re.compile(
    r"(?:([0-9]{1,7})\s*h(?:ours?|rs?)?)?\s*(?:([0-9]{1,7})\s*m(?:in(?:utes?|s)?)?)?"
    r"\s*(?:([0-9]{1,7})\s*s(?:ec(?:onds?|s)?)?)?",
    re.IGNORECASE,
)
_LIMIT_MINUTES = 10**7


def _duration(raw: object) -> timedelta | None:
    """A timedelta, minutes (int or "90"), "1:30", "1:30:15" or "1h 30m"; None if unreadable."""
    if isinstance(raw, timedelta):
        return raw
    if isinstance(raw, int) and not isinstance(raw, bool):
        return timedelta(minutes=max(min(raw, _LIMIT_MINUTES), -_LIMIT_MINUTES))
    if not isinstance(raw, str):
        return None
    text = ascii_digits(raw.strip())
    if text is None:
        return None
    if re.fullmatch(r"[+-]?[0-9]{1,7}", text):
        return timedelta(minutes=int(text))
    match = _CLOCK.fullmatch(text) or _UNITS.fullmatch(text)
    if match is None or not any(match.groups()):
        return None
    hours, minutes, seconds = (int(p) if p else 0 for p in match.groups())
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def _session_duration(form: Form, start: datetime | None) -> timedelta | None:
    """The duration, given as "duration" or as an "end"; both given must agree."""
    given, end_raw = form.value("duration"), form.value("end")
    duration = None if given is None else _duration(given)
    if given is not None and duration is None:
        form.add("duration", "Duration must be minutes like 90, or hours like 1:30 or 1h 30m.")
        return None
    if given is None and end_raw is None:
        form.add("duration", "Enter how long the LIVE lasted, like 1:30, or when it ended.")
        return None
    field = "duration"
    if end_raw is not None:
        end = datetime_field(form, "end", "End")
        if end is None or start is None:
            return None
        if duration is None:
            duration, field = end - start, "end"
        elif end - start != duration:
            form.add("end", "End does not match the start plus the duration; change one of them.")
            return None
    duration = must(duration)
    if duration <= timedelta(0):
        if field == "end":
            form.add(field, "End must be after the start.")
        else:
            form.add(field, f"Duration cannot be {'negative' if duration else 'zero'}.")
    elif duration > MAX_LIVE:
        form.add(field, "A LIVE cannot last more than 24 hours; check the duration and end.")
    else:
        return duration
    return None


def unique_tags(parts: Iterable[str]) -> list[str]:
    """Each tag's spaces tidied; blanks and repeats (any case) dropped, the first spelling kept.

    Shared with :mod:`.validation_plain`, so both readers tidy tags the same way.
    """
    tags: list[str] = []
    seen: set[str] = set()
    for part in parts:
        tag = " ".join(part.split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags


def _tags(form: Form) -> tuple[str, ...]:
    """Comma-separated text or a sequence; spaces tidied, duplicates (any case) dropped."""
    raw = form.raw.get("tags")
    if raw is None:
        return ()
    if isinstance(raw, str):
        parts = raw.split(",")
    elif isinstance(raw, list | tuple | set | frozenset) and all(isinstance(t, str) for t in raw):
        parts = [part for tag in raw for part in tag.split(",")]
    else:
        form.add("tags", "Tags must be words separated by commas, like dance, Q&A.")
        return ()
    tags = unique_tags(parts)
    for tag in tags:
        if problem := text_problem(f"The tag {tag[:20]!r}", tag, TAG_MAX):
            form.add("tags", problem)
    if len(tags) > TAGS_MAX:
        form.add("tags", f"A session can have at most {TAGS_MAX} tags.")
    return tuple(tags)


def _gift_lines(form: Form, catalog: Mapping[str, int]) -> tuple[GiftLine, ...]:
    """Each line: a gift, a count >= 1 and the price (from the catalog when not given)."""
    raw = form.raw.get("gift_lines")
    if raw is None:
        return ()
    if not isinstance(raw, list | tuple):
        form.add("gift_lines", "Gift lines must be a list of gifts with their counts.")
        return ()
    # A typed "rose" finds "Rose" and is stored under the catalog's spelling.
    known = {name.casefold(): (name, coins) for name, coins in catalog.items()}
    lines: list[GiftLine] = []
    for i, item in enumerate(raw):
        n = i + 1
        if isinstance(item, GiftLine):
            item = {
                "gift": item.gift,
                "count": item.count,
                "coins_each": item.coins_each,
                "gift_id": item.gift_id,
                "id": item.id,
            }
        if not isinstance(item, Mapping):
            form.add(f"gift_lines[{i}]", f"Gift line {n} must name a gift and a count.")
            continue
        line = Form(item, prefix=f"gift_lines[{i}].", problems=form.problems)
        name = text_field(line, "gift", f"The gift on line {n}", max_len=NAME_MAX, required=True)
        count = int_field(
            line, "count", f"The count on gift line {n}", lo=1, default=None, example="5"
        )
        coins = optional_int(
            line, "coins_each", f"The price on gift line {n}", lo=1, hi=MAX_GIFT_COINS, example="99"
        )
        if coins is None and name:
            name, coins = known.get(name.casefold(), (name, None))
            if coins is None:
                line.add(
                    "gift", f'The gift "{name}" on line {n} is not in the catalog; enter its price.'
                )
        gift_id = optional_int(line, "gift_id", f"The gift id on line {n}", hi=MAX_ID)
        lines.append(GiftLine(name, count, coins or 0, gift_id, record_id(line)))
    total = sum(line.count * line.coins_each for line in lines)
    if total > MAX_SESSION_COINS:
        form.add(
            "gift_lines",
            f"The gifts add up to {total:,} coins; the most one LIVE can hold is "
            f"{MAX_SESSION_COINS:,}. Check the counts and prices.",
        )
    return tuple(lines)


def parse_session(
    raw: Mapping[str, object], *, account_id: int, catalog: Mapping[str, int], today: date
) -> Report[Session]:
    """A LIVE session from a form; ``catalog`` maps gift names to their coins today."""
    form = Form(raw)
    start = datetime_field(form, "start", "Start")
    if start is not None:
        check_day(form, "start", "Start", start.date(), today)
    duration = _session_duration(form, start)
    reported = optional_int(form, "reported_diamonds", "Reported Diamonds", example="5000")
    counts = {key: int_field(form, key, label) for key, label in _SESSION_COUNTS.items()}
    if counts["peak_viewers"] > counts["total_viewers"] > 0:
        form.add("peak_viewers", "Peak viewers cannot be more than total viewers.")
    title = text_field(form, "title", "The title", max_len=TITLE_MAX)
    notes = text_field(form, "notes", "The notes", max_len=NOTES_MAX, strip=False)
    tags = _tags(form)
    lines = _gift_lines(form, catalog)
    session_id = record_id(form)
    return form.report(
        lambda: Session(
            account_id=account_id,
            start=must(start),
            duration=must(duration),
            reported_diamonds=reported,
            title=title,
            notes=notes,
            tags=tags,
            gift_lines=lines,
            id=session_id,
            **counts,
        )
    )


# --- accounts, gifts --------------------------------------------------------------

# TikTok's rule: letters, numbers, underscores and periods (ASCII: TikTok refuses "é" or "٣").
_HANDLE = re.compile(r"[A-Za-z0-9_.]+")


def _handle(form: Form) -> str:
    raw = form.value("handle")
    handle = raw.strip().removeprefix("@") if isinstance(raw, str) else ""
    if not handle:
        form.add("handle", "Enter the account's TikTok handle, like @yourname.")
    elif any(ch.isspace() for ch in handle):
        form.add("handle", "A TikTok handle cannot contain spaces.")
    elif len(handle) > HANDLE_MAX:
        form.add("handle", f"A TikTok handle has at most {HANDLE_MAX} characters.")
    elif not _HANDLE.fullmatch(handle):
        form.add("handle", "A TikTok handle can only have letters, numbers, _ and periods.")
    return handle


def parse_account(raw: Mapping[str, object], *, known_regions: Collection[str]) -> Report[Account]:
    """An account; the region must be one of ``known_regions`` (the region rules' codes)."""
    form = Form(raw)
    handle = _handle(form)
    display_name = text_field(form, "display_name", "The display name", max_len=NAME_MAX)
    region_raw = form.value("region")
    if region_raw is None:
        region_raw = "US"  # the entity's default
    region = region_raw.strip().upper() if isinstance(region_raw, str) else ""
    if region not in {r.upper() for r in known_regions}:
        form.add("region", "Choose the region of your TikTok wallet from the list.")
    currency = currency_field(form)
    goal = optional_int(form, "monthly_goal_diamonds", "The monthly goal", example="100000")
    account_id = record_id(form)
    return form.report(lambda: Account(handle, display_name, region, currency, goal, id=account_id))


def parse_gift(raw: Mapping[str, object]) -> Report[Gift]:
    form = Form(raw)
    name = text_field(form, "name", "The gift name", max_len=NAME_MAX, required=True)
    coins = int_field(
        form, "coins", "The price in coins", lo=1, hi=MAX_GIFT_COINS, default=None, example="99"
    )
    streakable = bool_field(form, "streakable", "Streakable")
    tiktok_id = optional_int(form, "tiktok_id", "The TikTok gift id", hi=MAX_ID, example="5655")
    retired = bool_field(form, "retired", "Retired")
    gift_id = record_id(form)
    return form.report(lambda: Gift(name, coins, streakable, tiktok_id, retired, id=gift_id))


# --- money in and out ---------------------------------------------------------------


def parse_withdrawal(
    raw: Mapping[str, object], *, account_id: int, today: date
) -> Report[Withdrawal]:
    """A cash-out; the fee (PayPal's or the bank's) must be less than the amount."""
    form = Form(raw)
    day = date_field(form, "date", "The date")
    check_day(form, "date", "The date", day, today)
    diamonds = int_field(form, "diamonds", "Diamonds", lo=1, default=None, example="20000")
    amount = decimal_field(form, "amount", "The amount", default=None)
    fee = decimal_field(form, "fee", "The fee", positive=False, default=ZERO, example="1.50")
    if ZERO < amount <= fee:
        form.add("fee", "The fee must be less than the amount.")
    currency = currency_field(form)
    method = text_field(form, "method", "The payout method", max_len=NAME_MAX, default="PayPal")
    status = enum_field(form, "status", "Status", WithdrawalStatus, WithdrawalStatus.PENDING)
    note = text_field(form, "note", "The note", max_len=NOTES_MAX, strip=False)
    withdrawal_id = record_id(form)
    return form.report(
        lambda: Withdrawal(
            account_id,
            must(day),
            diamonds,
            amount,
            currency,
            method,
            fee,
            must(status),
            note,
            id=withdrawal_id,
        )
    )


def parse_income(raw: Mapping[str, object], *, account_id: int, today: date) -> Report[OtherIncome]:
    """Income beside LIVE gifts; it may predate TikTok LIVE (a brand deal from 2015 is real)."""
    form = Form(raw)
    day = date_field(form, "date", "The date")
    check_day(form, "date", "The date", day, today, tiktok=False)
    kind = enum_field(form, "kind", "The kind of income", IncomeKind, None)
    amount = decimal_field(form, "amount", "The amount", default=None)
    currency = currency_field(form)
    note = text_field(form, "note", "The note", max_len=NOTES_MAX, strip=False)
    income_id = record_id(form)
    return form.report(
        lambda: OtherIncome(account_id, must(day), must(kind), amount, currency, note, id=income_id)
    )


__all__ = [
    "FUTURE_SLACK",
    "HANDLE_MAX",
    "MAX_AMOUNT",
    "MAX_COUNT",
    "MAX_GIFT_COINS",
    "MAX_LIVE",
    "MAX_SESSION_COINS",
    "MAX_UNIT_USD",
    "MIN_UNIT_USD",
    "NOTES_MAX",
    "TIKTOK_LIVE_START",
    "TITLE_MAX",
    "Problem",
    "Report",
    "parse_account",
    "parse_exchange_rate",
    "parse_gift",
    "parse_income",
    "parse_rate_period",
    "parse_region_rule",
    "parse_session",
    "parse_withdrawal",
    "unique_tags",
]
