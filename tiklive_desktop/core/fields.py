"""Readers for one field of raw input, and the Problem/Report results they produce.

The entity parsers in :mod:`tiklive_desktop.core.validation` are lists of calls
to these readers, so every number, date and piece of text is read one way
everywhere. Each reader takes a :class:`Form` (the raw mapping plus the
problems found so far), records a friendly sentence when the value is wrong and
returns a placeholder then; :meth:`Form.report` never builds an entity from
placeholders.

What is accepted: text as typed (surrounding spaces ignored; "1,234.50", "$20",
"1 200" and, for shares, "50%" understood; "12,50" refused rather than guessed)
or already-typed values (int, Decimal, finite float via its repr, date,
datetime, enum members). Nothing here raises on bad input.

Generic limits (entity-specific ones live in validation.py):

- ``MAX_COUNT`` = 10**12 for counts (likes, viewers, Diamonds, gifts on a line):
  far beyond any LIVE, below 2**53 so the numbers survive spreadsheets and JSON
  readers that use floats, and count x coins (<= 10**18) still fits SQLite's
  64-bit INTEGER.
- ``MAX_AMOUNT`` = 10**12 units of money, any currency (a typo guard, not a cap
  on success); money has at most ``MONEY_PLACES`` = 4 decimal places (some
  currencies have 3), rates at most ``RATE_PLACES`` = 10.
- Days: from 2016-09-01 (TikTok LIVE did not exist before) to one day after
  ``today`` (slack for time zones).
"""

from __future__ import annotations

import enum
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Generic, TypeVar

from tiklive_desktop.core.text import CONTROL, ascii_digits, one_line

T = TypeVar("T")
X = TypeVar("X")
E = TypeVar("E", bound=enum.StrEnum)

MAX_COUNT = 10**12
MAX_ID = 2**63 - 1
MAX_AMOUNT = Decimal(10**12)
MONEY_PLACES = 4
RATE_PLACES = 10
TIKTOK_LIVE_START = date(2016, 9, 1)
FUTURE_SLACK = timedelta(days=1)
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one field, as a full sentence a person can act on."""

    field: str
    message: str


@dataclass(frozen=True, slots=True)
class Report(Generic[T]):
    """The parsed value (None when there are problems) and the problems found."""

    value: T | None
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems and self.value is not None

    def message_for(self, field: str) -> str | None:
        """The messages for ``field`` and its parts, joined; None when it is fine.

        "gift_lines" also collects "gift_lines[2].count", so a table editor can
        show one summary under the table.
        """
        parts = (field + "[", field + ".")
        found = [p.message for p in self.problems if p.field == field or p.field.startswith(parts)]
        return " ".join(found) or None


class Form:
    """One raw mapping being read, and the problems found so far (shared with sub-forms)."""

    def __init__(
        self, raw: Mapping[str, object], prefix: str = "", problems: list[Problem] | None = None
    ) -> None:
        self.raw = raw
        self.prefix = prefix
        self.problems: list[Problem] = [] if problems is None else problems

    def value(self, key: str) -> object:
        """The raw value, None when it is missing or blank text (both mean "not given")."""
        value = self.raw.get(key)
        if type(value) is str:  # the common case first: "not strip()" is "empty or all spaces"
            return None if not value or value.isspace() else value
        return None if isinstance(value, str) and not value.strip() else value

    def add(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.prefix + key, message))

    def report(self, build: Callable[[], T]) -> Report[T]:
        """Build the entity only when nothing is wrong (placeholders never escape)."""
        if self.problems:
            return Report(None, tuple(self.problems))
        return Report(build(), ())


def must(value: X | None) -> X:
    """For builders: a value that cannot be None once the form has no problems."""
    if value is None:
        raise AssertionError("validated value missing")
    return value


# --- numbers ---------------------------------------------------------------

# "1,234.50" groups by thousands; a comma anywhere else ("12,50") is refused
# rather than guessed, because reading it as 1250 would be silently wrong.
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
_PLAIN = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_GROUP_SPACES = str.maketrans(dict.fromkeys(" \u00a0\u202f\u2009_", ","))


def _number(value: object) -> tuple[Decimal | None, bool]:
    """A finite Decimal from typed or typed-in input (None if it is not one), and "had a %".

    Plain ASCII digits ("1200", most of an imported file) are read at once: the
    general path below would give the same Decimal (nothing to strip, no sign,
    grouping, currency or %), at a fraction of the cost.
    """
    if type(value) is str and value.isascii() and value.isdigit():
        return Decimal(value), False
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int):
        return Decimal(value), False
    if isinstance(value, Decimal):
        return (value if value.is_finite() else None), False
    if isinstance(value, float):  # a spin box's value: through its repr, never binary
        return (Decimal(repr(value)) if math.isfinite(value) else None), False
    if not isinstance(value, str):
        return None, False
    text = value.strip()
    percent = text.endswith("%")
    text = text.removesuffix("%").strip()
    if text and unicodedata.category(text[0]) == "Sc":  # "$20", "€5"
        text = text[1:].lstrip()
    if text and unicodedata.category(text[-1]) == "Sc":  # "20 €"
        text = text[:-1].rstrip()
    text = ascii_digits(text.translate(_GROUP_SPACES))
    if text is None or not (_GROUPED.fullmatch(text) if "," in text else _PLAIN.fullmatch(text)):
        return None, percent
    number = Decimal(text.replace(",", ""))
    return (number.copy_abs() if number.is_zero() else number), percent  # no "-0"


def _places(number: Decimal) -> int:
    """Decimal places that carry a digit ("1.50" has 1); exact, unlike normalize()."""
    if number == 0:
        return 0
    _, digits, exponent = number.as_tuple()
    text = "".join(map(str, digits))
    return max(0, -int(exponent) - (len(text) - len(text.rstrip("0"))))


def _plain_int(raw: object) -> int | None:
    """An int, or plain ASCII digits as the int they spell (None for anything else).

    The fast path of :func:`int_field` (most of a 100,000-row import): such a value in
    range is returned as the general path would; out of range it takes the general
    path for its sentence. Over 18 digits is left to it too (``int()`` refuses more
    than 4,300 digits; the general path says "too large").
    """
    if type(raw) is int:
        return raw
    if type(raw) is str and len(raw) < 19 and raw.isascii() and raw.isdigit():
        return int(raw)
    return None


def int_field(
    form: Form,
    key: str,
    label: str,
    *,
    lo: int = 0,
    hi: int = MAX_COUNT,
    default: int | None = 0,
    example: str = "1200",
) -> int:
    """A whole number in lo..hi; ``default`` None means required. 0 stands in on a problem."""
    whole = _plain_int(form.raw.get(key))
    if whole is not None and lo <= whole <= hi:  # what the general path below would return
        return whole
    raw = form.value(key)
    if raw is None:
        if default is not None:
            return default
        form.add(key, f"{label} is required.")
        return 0
    number, percent = _number(raw)
    if number is None or percent or number != number.to_integral_value():
        form.add(key, f"{label} must be a whole number, like {example}.")
    elif number < lo:
        form.add(
            key, f"{label} cannot be negative." if lo == 0 else f"{label} must be at least {lo:,}."
        )
    elif number > hi:
        form.add(key, f"{label} is too large: the most this app accepts is {hi:,}.")
    else:
        return int(number)
    return 0


def optional_int(
    form: Form, key: str, label: str, *, lo: int = 0, hi: int = MAX_COUNT, example: str = "1200"
) -> int | None:
    """Like :func:`int_field`, but blank means None (not given) instead of a default."""
    if _plain_int(form.raw.get(key)) is None and form.value(key) is None:
        return None
    return int_field(form, key, label, lo=lo, hi=hi, default=None, example=example)


def decimal_field(
    form: Form,
    key: str,
    label: str,
    *,
    positive: bool = True,
    share: bool = False,
    hi: Decimal = MAX_AMOUNT,
    places: int = MONEY_PLACES,
    default: Decimal | None = None,
    example: str = "1,234.50",
) -> Decimal:
    """A Decimal: > 0 (``positive``) or >= 0, at most ``hi`` and ``places`` decimals.

    ``share`` is a fraction 0..1 that may be typed as a percentage ("53%").
    ``default`` None means required. 0 stands in on a problem.
    """
    raw = form.value(key)
    if raw is None:
        if default is not None:
            return default
        form.add(key, f"{label} is required.")
        return ZERO
    number, percent = _number(raw)
    if number is None or (percent and not share):
        comma = isinstance(raw, str) and "," in raw
        hint = " (use a dot for decimals)" if comma else ""
        form.add(key, f"{label} must be a number{hint}, like {example}.")
        return ZERO
    if percent:
        number = number.scaleb(-2)
    if share and not ZERO <= number <= 1:
        form.add(key, f"{label} must be between 0% and 100%, like 50% or 0.5.")
    elif number < 0:
        form.add(key, f"{label} cannot be negative.")
    elif positive and number == 0:
        form.add(key, f"{label} must be more than 0.")
    elif number > hi:
        form.add(key, f"{label} is too large: the most this app accepts is {hi:,}.")
    elif _places(number) > places:
        form.add(key, f"{label} can have at most {places} decimal places.")
    else:
        return number
    return ZERO


# --- text, choices, dates -----------------------------------------------------


def text_problem(label: str, text: str, max_len: int) -> str | None:
    """Why ``text`` cannot be stored as it is (None: it can).

    Emoji, right-to-left text and invisible joiners are text; control
    characters other than tabs and line breaks (NUL, escape, DEL, C1 codes)
    are not, and many programs cut a text at a NUL, so they are refused.
    """
    if len(text) > max_len:
        return f"{label} is too long: {len(text):,} characters, the most is {max_len:,}."
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, e.g. from a broken JSON file
        return f"{label} contains characters that cannot be saved."
    control = CONTROL.search(text)
    if control is not None:
        return f"{label} contains a control character (U+{ord(control[0]):04X}); remove it."
    return None


def text_field(
    form: Form,
    key: str,
    label: str,
    *,
    max_len: int,
    default: str = "",
    required: bool = False,
    strip: bool = True,
) -> str:
    """Text up to ``max_len`` characters (emoji and right-to-left text welcome).

    ``strip`` False keeps notes exactly as typed (their layout is the user's);
    otherwise the text is one line: stripped, tabs and line breaks made spaces.
    """
    raw = form.raw.get(key)
    if raw is not None and not isinstance(raw, str):
        form.add(key, f"{label} must be text.")
        return default
    if raw is None or not raw.strip():
        if required:
            form.add(key, f"{label} is required.")
        return default
    # One-line text keeps its spaces, but a pasted tab or line break becomes a space.
    text = one_line(raw.strip()) if strip else raw
    problem = text_problem(label, text, max_len)
    if problem:
        form.add(key, problem)
        return default
    return text


def currency_field(form: Form, key: str = "currency", default: str | None = "USD") -> str:
    raw = form.value(key)
    if raw is None and default is not None:
        return default
    code = raw.strip().upper() if isinstance(raw, str) else ""
    if re.fullmatch(r"[A-Z]{3}", code):
        return code
    form.add(key, "The currency must be a 3-letter ISO code, like USD or EUR.")
    return "USD"


def enum_field(form: Form, key: str, label: str, kind: type[E], default: E | None) -> E | None:
    """An enum member, its value ("paid") or its name ("PAID"), any case."""
    raw = form.value(key)
    if raw is None and default is not None:
        return default
    if isinstance(raw, kind):
        return raw
    if isinstance(raw, str):
        text = raw.strip().casefold()
        for member in kind:
            if text in (member.value.casefold(), member.name.casefold()):
                return member
    form.add(key, f"{label} must be one of: {', '.join(m.value for m in kind)}.")
    return None


_TRUE = frozenset({"1", "true", "yes", "y"})
_FALSE = frozenset({"0", "false", "no", "n"})


def bool_field(form: Form, key: str, label: str) -> bool:
    raw = form.value(key)
    if raw is None or isinstance(raw, bool):
        return bool(raw)
    text = str(raw).strip().casefold() if isinstance(raw, str | int) else ""
    if text in _TRUE | _FALSE:
        return text in _TRUE
    form.add(key, f"{label} must be yes or no.")
    return False


_DATE = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})")
_DATETIME = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:T|\s+)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?"
)


def date_field(form: Form, key: str, label: str) -> date | None:
    """A required day: a date, a datetime (its day) or "YYYY-MM-DD"."""
    raw = form.value(key)
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    match = _DATE.fullmatch(raw.strip()) if isinstance(raw, str) else None
    try:
        if match:
            return date(*map(int, match.groups()))
    except ValueError:
        form.add(key, f"{label} is not a real date; use the form 2025-03-01.")
        return None
    form.add(
        key,
        f"{label} is required, like 2025-03-01."
        if raw is None
        else f"{label} must be a date, like 2025-03-01.",
    )
    return None


def datetime_field(form: Form, key: str, label: str) -> datetime | None:
    """A required naive local datetime, or "YYYY-MM-DD HH:MM[:SS]" (a "T" may replace the space)."""
    raw = form.value(key)
    example = "like 2025-03-01 20:30"
    try:
        if isinstance(raw, datetime):  # an aware one becomes this computer's wall clock
            return raw.astimezone().replace(tzinfo=None) if raw.tzinfo else raw
        match = _DATETIME.fullmatch(raw.strip()) if isinstance(raw, str) else None
        if match:
            return datetime(*(int(g) for g in match.groups() if g is not None))
    except (ValueError, OverflowError, OSError):
        form.add(key, f"{label} is not a real date and time, {example}.")
        return None
    form.add(
        key,
        f"{label} is required, {example}."
        if raw is None
        else f"{label} must be a date and time, {example}.",
    )
    return None


def check_day(
    form: Form, key: str, label: str, day: date | None, today: date, *, tiktok: bool = True
) -> None:
    """No records from the future (one day of slack for time zones) or from before TikTok LIVE."""
    if day is None:
        return
    if tiktok and day < TIKTOK_LIVE_START:
        form.add(key, f"{label} cannot be before 1 September 2016: TikTok LIVE did not exist yet.")
    elif day > today + FUTURE_SLACK:
        form.add(key, f"{label} is in the future; record things once they have happened.")


def record_id(form: Form) -> int | None:
    return optional_int(form, "id", "The record id", lo=1, hi=MAX_ID)
