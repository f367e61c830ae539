"""Hostile input at core validation: settings out of range, huge numbers, odd digits, odd text.

Every refusal is a sentence naming the field; every acceptance is exact. What
validation lets through must also survive the database (64-bit INTEGER, text
with emoji and right-to-left scripts): see test_bad_input_storage.py.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiklive_desktop.core.entities import Session
from tiklive_desktop.core.fields import MAX_COUNT, Form, int_field
from tiklive_desktop.core.text import ascii_digits, glimpse
from tiklive_desktop.core.validation import (
    MAX_SESSION_COINS,
    NOTES_MAX,
    parse_account,
    parse_exchange_rate,
    parse_rate_period,
    parse_region_rule,
    parse_session,
)

TODAY = date(2026, 10, 26)
CATALOG = {"Rose": 1, "Lion": 29_999, "Universe": 44_999}
RATE = {
    "effective": "2026-01-01",
    "coin_value_usd": "0.01",
    "commission": "50%",
    "diamond_value_usd": "0.005",
    "agency_share": "0",
}
RULE = {"region": "US", "name": "United States", "minimum_usd": "100", "daily_max_usd": "1000"}
RULE |= {"as_of": "2026-11-01"}


def session(**raw: object):
    base: dict[str, object] = {"start": "2026-10-01 20:00", "duration": "1:00"}
    return parse_session(base | raw, account_id=1, catalog=CATALOG, today=TODAY)


def only_problem(report) -> tuple[str, str]:
    assert not report.ok and len(report.problems) == 1, report.problems
    return report.problems[0].field, report.problems[0].message


# --- settings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("commission", "150%", "TikTok's commission must be between 0% and 100%, like 50% or 0.5."),
        ("commission", "-5%", "TikTok's commission must be between 0% and 100%, like 50% or 0.5."),
        ("commission", "1.5", "TikTok's commission must be between 0% and 100%, like 50% or 0.5."),
        ("agency_share", "101%", "The agency share must be between 0% and 100%, like 50% or 0.5."),
        ("diamond_value_usd", "0", "The Diamond value must be more than 0."),
        ("diamond_value_usd", "-0.005", "The Diamond value cannot be negative."),
        (
            "diamond_value_usd",
            "0.0000000005",
            "The Diamond value is too small: at least 0.0001 US dollars, like 0.005.",
        ),
        ("coin_value_usd", "-0.01", "The coin value cannot be negative."),
        ("coin_value_usd", "5", "The coin value is too large: the most this app accepts is 1."),
        ("coin_value_usd", "1e309", "The coin value must be a number, like 0.01."),
        ("coin_value_usd", "NaN", "The coin value must be a number, like 0.01."),
        ("commission", "", "TikTok's commission is required."),
    ],
)
def test_rate_periods_out_of_range_are_refused(field: str, typed: str, message: str) -> None:
    assert only_problem(parse_rate_period(RATE | {field: typed})) == (field, message)


def test_the_extreme_rates_allowed_keep_diamonds_within_64_bits() -> None:
    """$1 coins, 0% commission, $0.0001 Diamonds: 10,000 Diamonds a coin, at most."""
    extreme = RATE | {"coin_value_usd": "1", "commission": "0", "diamond_value_usd": "0.0001"}
    period = parse_rate_period(extreme).value
    assert period is not None
    per_coin = period.coin_value_usd * (1 - period.commission) / period.diamond_value_usd
    assert per_coin == 10_000
    assert MAX_SESSION_COINS * per_coin == 10**16 < 2**63 // 900  # 900 such LIVEs still sum


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("minimum_usd", "-10", "The minimum cannot be negative."),
        ("daily_max_usd", "50", "The minimum cannot be more than the daily maximum."),
        ("daily_max_usd", "-1", "The daily maximum cannot be negative."),
        (
            "daily_max_usd",
            str(2**63),
            "The daily maximum is too large: the most this app accepts is 1,000,000,000,000.",
        ),
    ],
)
def test_region_rules_out_of_range_are_refused(field: str, typed: str, message: str) -> None:
    problem = only_problem(parse_region_rule(RULE | {field: typed}))
    assert problem[1] == message


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-0.9", "Units per US dollar cannot be negative."),
        ("0", "Units per US dollar must be more than 0."),
        ("abc", "Units per US dollar must be a number, like 0.92."),
    ],
)
def test_a_negative_or_zero_exchange_rate_is_refused(typed: str, message: str) -> None:
    raw = {"currency": "EUR", "effective": "2026-01-01", "per_usd": typed}
    assert only_problem(parse_exchange_rate(raw)) == ("per_usd", message)


# --- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("٣", 3),  # Arabic-Indic digits, as an Arabic keyboard types them
        ("١٢٣٤", 1234),
        ("۱۲", 12),  # Persian digits
        ("１２", 12),  # full-width
        ("-0", 0),
        (" 5 ", 5),
        ("1,200", 1200),
        ("1.0", 1),
        (str(MAX_COUNT), MAX_COUNT),
    ],
)
def test_numbers_people_type_are_read_exactly(typed: str, expected: int) -> None:
    report = session(likes=typed)
    assert report.ok and report.value is not None and report.value.likes == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (str(2**53 + 1), "Likes is too large: the most this app accepts is 1,000,000,000,000."),
        (str(2**63), "Likes is too large: the most this app accepts is 1,000,000,000,000."),
        ("9" * 400, "Likes is too large: the most this app accepts is 1,000,000,000,000."),
        ("1e309", "Likes must be a whole number, like 1200."),
        ("1٣", "Likes must be a whole number, like 1200."),  # two digit scripts: a slip
        ("²", "Likes must be a whole number, like 1200."),
        ("NaN", "Likes must be a whole number, like 1200."),
        ("Infinity", "Likes must be a whole number, like 1200."),
        ("0x10", "Likes must be a whole number, like 1200."),
        ("12,50", "Likes must be a whole number, like 1200."),
        ("5\x00", "Likes must be a whole number, like 1200."),
        ("-1", "Likes cannot be negative."),
    ],
)
def test_numbers_beyond_the_limits_or_unreadable_are_refused(typed: str, message: str) -> None:
    assert only_problem(session(likes=typed)) == ("likes", message)


def test_huge_python_ints_are_refused_not_overflowed() -> None:
    form = Form({"n": 2**64, "m": -(2**64), "k": 10**4000})
    assert int_field(form, "n", "N") == 0 and int_field(form, "m", "M") == 0
    assert int_field(form, "k", "K") == 0
    assert [p.message for p in form.problems] == [
        "N is too large: the most this app accepts is 1,000,000,000,000.",
        "M cannot be negative.",
        "K is too large: the most this app accepts is 1,000,000,000,000.",
    ]


def test_a_session_whose_gifts_add_up_past_the_limit_is_refused() -> None:
    # 1,000,001 x 1,000,000 coins = 1,000,001,000,000 > 10**12 (each line alone is fine).
    lines = [{"gift": "Big", "count": "1000001", "coins_each": "1000000"}]
    assert only_problem(session(gift_lines=lines)) == (
        "gift_lines",
        "The gifts add up to 1,000,001,000,000 coins; the most one LIVE can hold is "
        "1,000,000,000,000. Check the counts and prices.",
    )
    at_limit = [{"gift": "Big", "count": "1000000", "coins_each": "1000000"}]
    assert session(gift_lines=at_limit).ok


@pytest.mark.parametrize(
    ("typed", "minutes"), [("٩٠", 90), ("١:٣٠", 90), ("1:30", 90), ("١h ٣٠m", 90)]
)
def test_durations_take_arabic_indic_digits_too(typed: str, minutes: int) -> None:
    report = session(duration=typed)
    assert report.value is not None and report.value.duration == timedelta(minutes=minutes)


def test_ascii_digits_refuses_a_mix_of_scripts() -> None:
    assert ascii_digits("٣,٠٠٠.٥") == "3,000.5"
    assert ascii_digits("12") == "12"
    assert ascii_digits("1٣") is None
    assert ascii_digits("²") == "²"  # not a decimal digit: left for the reader to refuse


# --- text --------------------------------------------------------------------------------


@pytest.mark.parametrize("handle", ["luna.sings", "Luna_2026", "@luna", "a" * 24, " @luna.sings "])
def test_handles_take_letters_digits_underscores_and_periods(handle: str) -> None:
    report = parse_account({"handle": handle}, known_regions=["US"])
    assert report.ok and report.value is not None
    assert report.value.handle == handle.strip().removeprefix("@")


@pytest.mark.parametrize(
    ("handle", "message"),
    [
        ("luna😀", "A TikTok handle can only have letters, numbers, _ and periods."),
        ("لونا", "A TikTok handle can only have letters, numbers, _ and periods."),
        ("luna\u202e", "A TikTok handle can only have letters, numbers, _ and periods."),
        ("lüna", "A TikTok handle can only have letters, numbers, _ and periods."),
        ("l٣", "A TikTok handle can only have letters, numbers, _ and periods."),
        ("luna sings", "A TikTok handle cannot contain spaces."),
        ("a" * 25, "A TikTok handle has at most 24 characters."),
    ],
)
def test_handles_with_emoji_or_other_scripts_are_refused(handle: str, message: str) -> None:
    assert only_problem(parse_account({"handle": handle}, known_regions=["US"])) == (
        "handle",
        message,
    )


@pytest.mark.parametrize(
    "name", ["لونا تغني", "שלום", "Luna 🎤✨", "👨‍👩‍👧 family", "\u200fمرحبا\u200f", "<b>Luna</b>"]
)
def test_display_names_take_any_script_and_emoji(name: str) -> None:
    report = parse_account({"handle": "luna", "display_name": name}, known_regions=["US"])
    assert report.value is not None and report.value.display_name == name


def test_notes_up_to_the_limit_are_kept_exactly_and_one_more_is_refused() -> None:
    note = ("  ملاحظة 😀\tline\r\n" * NOTES_MAX)[:NOTES_MAX]
    report = session(notes=note)
    assert report.value is not None and report.value.notes == note  # spaces, tabs, CRLF kept
    assert only_problem(session(notes=note + "x")) == (
        "notes",
        "The notes is too long: 100,001 characters, the most is 100,000.",
    )


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("title", "a\x00b", "The title contains a control character (U+0000); remove it."),
        ("title", "\x1b[31mred", "The title contains a control character (U+001B); remove it."),
        ("notes", "ok\x7f", "The notes contains a control character (U+007F); remove it."),
        ("notes", "lone \ud800", "The notes contains characters that cannot be saved."),
        ("tags", "a\x00", "The tag 'a\\x00' contains a control character (U+0000); remove it."),
    ],
)
def test_control_characters_are_refused(field: str, text: str, message: str) -> None:
    assert only_problem(session(**{field: text})) == (field, message)


def test_a_pasted_line_break_in_a_title_becomes_a_space() -> None:
    report = session(title=" Sunday\tsongs\nand more ", tags="q&a,\tdance")
    assert report.value is not None
    assert report.value.title == "Sunday songs and more"
    assert report.value.tags == ("q&a", "dance")


def test_glimpse_keeps_short_text_and_says_how_much_it_left_out() -> None:
    assert glimpse("rainy") == "rainy"
    assert glimpse("x" * 1_000) == "x" * 1_000
    assert glimpse("x" * 1_500) == "x" * 1_000 + "… (+500 more characters)"
    assert (
        glimpse("line\n" * 20) == "\n".join(["line"] * 12) + "… (+41 more characters)"
    )  # 100 - 59


# --- what validation accepts, it accepts again (round trip) ----------------------------

hostile = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    st.sampled_from(["٣", "1٣", "1e309", "-0", str(2**53 + 1), "\u202eabc", "😀", "\x00"]),
)


def as_raw(s: Session) -> dict[str, object]:
    return {
        "start": s.start,
        "duration": s.duration,
        "reported_diamonds": s.reported_diamonds,
        "likes": s.likes,
        "title": s.title,
        "notes": s.notes,
        "tags": list(s.tags),
        "gift_lines": list(s.gift_lines),
    }


@settings(max_examples=150, deadline=None)
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "reported_diamonds": hostile,
            "likes": hostile,
            "title": hostile,
            "notes": hostile,
            "tags": hostile,
            "duration": hostile,
        },
    ),
    st.lists(st.fixed_dictionaries({"gift": hostile, "count": hostile}), max_size=2),
)
def test_parse_session_never_raises_and_what_it_accepts_round_trips(
    raw: dict[str, object], lines: list[dict[str, object]]
) -> None:
    report = session(**raw, gift_lines=lines)
    assert report.ok == (report.value is not None)
    if report.value is None:
        assert report.problems and all(p.message.endswith((".", ")")) for p in report.problems)
        return
    again = parse_session(as_raw(report.value), account_id=1, catalog=CATALOG, today=TODAY)
    assert again.value == report.value
    assert report.value.start == datetime(2026, 10, 1, 20, 0)
    assert all(0 <= getattr(report.value, key) <= MAX_COUNT for key in ("likes", "shares"))
    assert Decimal(report.value.gift_coins) <= MAX_SESSION_COINS
