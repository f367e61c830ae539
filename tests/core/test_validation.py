"""Validation: every bad input named in the brief gives a problem on the right field, good input
gives the entity, and no input at all (hypothesis) makes a parser raise."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiklive_desktop.core.entities import GiftLine, IncomeKind, WithdrawalStatus
from tiklive_desktop.core.validation import (
    MAX_COUNT,
    Problem,
    Report,
    parse_account,
    parse_exchange_rate,
    parse_gift,
    parse_income,
    parse_rate_period,
    parse_region_rule,
    parse_session,
    parse_withdrawal,
)

TODAY = date(2025, 3, 10)
CATALOG = {"Rose": 1, "Lion": 29_999, "Galaxy": 1_000}
REGIONS = ("US", "GB", "DE")

Parser = Callable[[Mapping[str, object]], Report[Any]]


def session(raw: Mapping[str, object]) -> Report[Any]:
    return parse_session(raw, account_id=1, catalog=CATALOG, today=TODAY)


def account(raw: Mapping[str, object]) -> Report[Any]:
    return parse_account(raw, known_regions=REGIONS)


def withdrawal(raw: Mapping[str, object]) -> Report[Any]:
    return parse_withdrawal(raw, account_id=1, today=TODAY)


def income(raw: Mapping[str, object]) -> Report[Any]:
    return parse_income(raw, account_id=1, today=TODAY)


VALID: dict[str, tuple[Parser, dict[str, object]]] = {
    "session": (
        session,
        {
            "start": "2025-03-01 20:30",
            "duration": "1:30",
            "reported_diamonds": "30,200",
            "likes": "12,000",
            "peak_viewers": "90",
            "total_viewers": "800",
            "new_followers": "25",
            "title": "Friday LIVE",
            "tags": "dance, Q&A",
            "gift_lines": [{"gift": "Rose", "count": "100"}, {"gift": "Lion", "count": 1}],
        },
    ),
    "account": (account, {"handle": "@creator", "region": "US", "currency": "USD"}),
    "withdrawal": (
        withdrawal,
        {"date": "2025-03-01", "diamonds": "20,000", "amount": "100.00", "fee": "1.50"},
    ),
    "income": (income, {"date": "2025-03-01", "kind": "merchandise", "amount": "1,234.50"}),
    "gift": (parse_gift, {"name": "Rose", "coins": "1", "streakable": "yes"}),
    "rate": (
        parse_rate_period,
        {
            "effective": "2025-02-10",
            "coin_value_usd": "0.01",
            "commission": "47%",
            "diamond_value_usd": "0.005",
            "agency_share": "",
        },
    ),
    "region": (
        parse_region_rule,
        {
            "region": "US",
            "name": "United States",
            "minimum_usd": "100",
            "daily_max_usd": "1000",
            "as_of": "2026-11-01",
        },
    ),
    "exchange": (
        parse_exchange_rate,
        {"currency": "EUR", "effective": "2025-01-01", "per_usd": "0.92"},
    ),
}


def parse(kind: str, /, **changes: object) -> Report[Any]:
    """The valid example of ``kind`` with ``changes`` (``_DROP`` removes a key)."""
    parser, base = VALID[kind]
    raw = {**base, **changes}
    return parser({k: v for k, v in raw.items() if v is not _DROP})


_DROP = object()  # a change that removes the key


@pytest.mark.parametrize("kind", VALID)
def test_the_valid_examples_parse(kind: str) -> None:
    report = parse(kind)
    assert report.ok, report.problems
    assert report.problems == ()


def test_a_session_parses_to_the_expected_entity() -> None:
    s = parse("session").value
    assert s.start == datetime(2025, 3, 1, 20, 30)
    assert s.duration == timedelta(minutes=90)
    assert (s.reported_diamonds, s.likes, s.total_viewers) == (30_200, 12_000, 800)
    assert s.tags == ("dance", "Q&A")
    assert s.gift_lines == (GiftLine("Rose", 100, 1), GiftLine("Lion", 1, 29_999))
    assert (s.account_id, s.comments, s.notes) == (1, 0, "")


# --- every bad input, on its field -------------------------------------------------

LONG_AGO = "2016-08-31 23:59"
TWO_DAYS_AHEAD = "2025-03-12 00:00"

BAD: list[tuple[str, dict[str, object], str]] = [
    # numbers: text, fractions, negatives, absurd sizes
    ("session", {"likes": "lots"}, "likes"),
    ("session", {"likes": "1.5"}, "likes"),
    ("session", {"likes": "12,00"}, "likes"),
    ("session", {"likes": "-3"}, "likes"),
    ("session", {"likes": -3}, "likes"),
    ("session", {"likes": MAX_COUNT + 1}, "likes"),
    ("session", {"likes": 2**53}, "likes"),
    ("session", {"likes": "9" * 5000}, "likes"),  # beyond int()'s digit limit: no crash
    ("session", {"likes": True}, "likes"),
    ("session", {"likes": float("nan")}, "likes"),
    ("session", {"comments": "1e3"}, "comments"),
    ("session", {"shares": [1]}, "shares"),
    ("session", {"gifters": "50%"}, "gifters"),
    ("session", {"new_followers": "ten"}, "new_followers"),
    ("session", {"reported_diamonds": "a lot"}, "reported_diamonds"),
    ("session", {"reported_diamonds": "-1"}, "reported_diamonds"),
    # start
    ("session", {"start": _DROP}, "start"),
    ("session", {"start": "yesterday"}, "start"),
    ("session", {"start": "2025-02-30 20:00"}, "start"),
    ("session", {"start": "2025-03-01 25:00"}, "start"),
    ("session", {"start": "2025-03-01"}, "start"),
    ("session", {"start": date(2025, 3, 1)}, "start"),
    ("session", {"start": LONG_AGO}, "start"),
    ("session", {"start": TWO_DAYS_AHEAD}, "start"),
    # duration and end
    ("session", {"duration": _DROP}, "duration"),
    ("session", {"duration": "soon"}, "duration"),
    ("session", {"duration": "1:75"}, "duration"),
    ("session", {"duration": "0"}, "duration"),
    ("session", {"duration": 0}, "duration"),
    ("session", {"duration": timedelta(0)}, "duration"),
    ("session", {"duration": "0:00"}, "duration"),
    ("session", {"duration": "-30"}, "duration"),
    ("session", {"duration": "25:00"}, "duration"),
    ("session", {"duration": timedelta(hours=24, seconds=1)}, "duration"),
    ("session", {"duration": 10**30}, "duration"),
    ("session", {"duration": _DROP, "end": "2025-03-01 20:00"}, "end"),  # before the start
    ("session", {"duration": _DROP, "end": "2025-03-01 20:30"}, "end"),  # zero
    ("session", {"duration": _DROP, "end": "2025-03-02 21:00"}, "end"),  # 24.5 h
    ("session", {"duration": _DROP, "end": "later"}, "end"),
    ("session", {"end": "2025-03-01 23:00"}, "end"),  # disagrees with 1:30
    # viewers, text
    ("session", {"peak_viewers": "900", "total_viewers": "800"}, "peak_viewers"),
    ("session", {"title": "x" * 201}, "title"),
    ("session", {"title": 42}, "title"),
    ("session", {"title": "broken \ud800 text"}, "title"),
    ("session", {"notes": "n" * 100_001}, "notes"),
    ("session", {"tags": 5}, "tags"),
    ("session", {"tags": "x" * 51}, "tags"),
    ("session", {"tags": ",".join(f"t{i}" for i in range(51))}, "tags"),
    # gift lines
    ("session", {"gift_lines": [{"gift": "Unicorn Pony", "count": 1}]}, "gift_lines[0].gift"),
    ("session", {"gift_lines": [{"gift": "", "count": 1}]}, "gift_lines[0].gift"),
    ("session", {"gift_lines": [{"gift": "Rose", "count": 0}]}, "gift_lines[0].count"),
    ("session", {"gift_lines": [{"gift": "Rose", "count": "-2"}]}, "gift_lines[0].count"),
    ("session", {"gift_lines": [{"gift": "Rose", "count": "two"}]}, "gift_lines[0].count"),
    ("session", {"gift_lines": [{"gift": "Rose"}]}, "gift_lines[0].count"),
    ("session", {"gift_lines": [{"gift": "Rose", "count": MAX_COUNT + 1}]}, "gift_lines[0].count"),
    (
        "session",
        {"gift_lines": [{"gift": "Rose", "count": 1}, {"gift": "X", "count": 1, "coins_each": 0}]},
        "gift_lines[1].coins_each",
    ),
    (
        "session",
        {"gift_lines": [{"gift": "X", "count": 1, "coins_each": "2,000,000"}]},
        "gift_lines[0].coins_each",
    ),
    ("session", {"gift_lines": "Rose x 5"}, "gift_lines"),
    ("session", {"gift_lines": [42]}, "gift_lines[0]"),
    # accounts
    ("account", {"handle": ""}, "handle"),
    ("account", {"handle": _DROP}, "handle"),
    ("account", {"handle": "@"}, "handle"),
    ("account", {"handle": "my name"}, "handle"),
    ("account", {"handle": "a" * 25}, "handle"),
    ("account", {"handle": "bad!name"}, "handle"),
    ("account", {"handle": 12}, "handle"),
    ("account", {"region": "XX"}, "region"),
    ("account", {"region": 1}, "region"),
    ("account", {"currency": "US"}, "currency"),
    ("account", {"currency": "dollars"}, "currency"),
    ("account", {"currency": "U$D"}, "currency"),
    ("account", {"monthly_goal_diamonds": "-5"}, "monthly_goal_diamonds"),
    ("account", {"monthly_goal_diamonds": "many"}, "monthly_goal_diamonds"),
    ("account", {"display_name": "d" * 201}, "display_name"),
    # withdrawals
    ("withdrawal", {"date": _DROP}, "date"),
    ("withdrawal", {"date": "soon"}, "date"),
    ("withdrawal", {"date": "2025-13-01"}, "date"),
    ("withdrawal", {"date": "2025-03-12"}, "date"),  # two days ahead
    ("withdrawal", {"date": "2016-08-31"}, "date"),
    ("withdrawal", {"diamonds": "0"}, "diamonds"),
    ("withdrawal", {"diamonds": _DROP}, "diamonds"),
    ("withdrawal", {"amount": "0"}, "amount"),
    ("withdrawal", {"amount": "-5"}, "amount"),
    ("withdrawal", {"amount": "abc"}, "amount"),
    ("withdrawal", {"amount": "12,50"}, "amount"),  # a decimal comma is not guessed at
    ("withdrawal", {"amount": "1.23456"}, "amount"),
    ("withdrawal", {"amount": "1e3"}, "amount"),
    ("withdrawal", {"amount": "10%"}, "amount"),
    ("withdrawal", {"amount": Decimal("Infinity")}, "amount"),
    ("withdrawal", {"amount": "10000000000000"}, "amount"),
    ("withdrawal", {"fee": "-1"}, "fee"),
    ("withdrawal", {"fee": "100"}, "fee"),  # equal to the amount
    ("withdrawal", {"fee": "150"}, "fee"),
    ("withdrawal", {"status": "sent"}, "status"),
    ("withdrawal", {"currency": "EURO"}, "currency"),
    # other income
    ("income", {"kind": "bribe"}, "kind"),
    ("income", {"kind": _DROP}, "kind"),
    ("income", {"amount": "0"}, "amount"),
    ("income", {"amount": "-1"}, "amount"),
    ("income", {"date": "2025-03-12"}, "date"),
    ("income", {"date": "1.3.2025"}, "date"),
    # gifts
    ("gift", {"name": ""}, "name"),
    ("gift", {"coins": "0"}, "coins"),
    ("gift", {"coins": "1,000,001"}, "coins"),
    ("gift", {"coins": "1.5"}, "coins"),
    ("gift", {"coins": _DROP}, "coins"),
    ("gift", {"streakable": "maybe"}, "streakable"),
    ("gift", {"tiktok_id": "-1"}, "tiktok_id"),
    # rate periods
    ("rate", {"commission": "150%"}, "commission"),
    ("rate", {"commission": "1.5"}, "commission"),
    ("rate", {"commission": "50"}, "commission"),  # 50 what? "50%" or "0.5"
    ("rate", {"commission": "-5%"}, "commission"),
    ("rate", {"commission": ""}, "commission"),
    ("rate", {"agency_share": "101%"}, "agency_share"),
    ("rate", {"coin_value_usd": "0"}, "coin_value_usd"),
    ("rate", {"diamond_value_usd": "-0.005"}, "diamond_value_usd"),
    ("rate", {"diamond_value_usd": "half a cent"}, "diamond_value_usd"),
    ("rate", {"effective": _DROP}, "effective"),
    # region rules
    ("region", {"minimum_usd": "-1"}, "minimum_usd"),
    ("region", {"minimum_usd": "2000"}, "minimum_usd"),  # above the daily maximum
    ("region", {"daily_max_usd": "0"}, "daily_max_usd"),
    ("region", {"region": ""}, "region"),
    ("region", {"region": "U S"}, "region"),
    ("region", {"name": ""}, "name"),
    ("region", {"as_of": _DROP}, "as_of"),
    # exchange rates
    ("exchange", {"per_usd": "0"}, "per_usd"),
    ("exchange", {"per_usd": "-1"}, "per_usd"),
    ("exchange", {"currency": ""}, "currency"),
    ("exchange", {"currency": "EURO"}, "currency"),
    ("exchange", {"effective": "never"}, "effective"),
]


def _id(case: tuple[str, dict[str, object], str]) -> str:
    kind, changes, field = case
    shown = ",".join(f"{k}={str(v)[:12]!r}" for k, v in changes.items())
    return f"{kind}:{field}:{shown}"


@pytest.mark.parametrize(("kind", "changes", "field"), BAD, ids=[_id(c) for c in BAD])
def test_bad_input_is_a_problem_on_its_field(
    kind: str, changes: dict[str, object], field: str
) -> None:
    report = parse(kind, **changes)
    assert not report.ok
    assert report.value is None
    assert field in {p.field for p in report.problems}, report.problems
    message = report.message_for(field)
    assert message is not None
    assert message[0].isupper() and message.endswith("."), message


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"likes": "lots"}, "Likes must be a whole number, like 1200."),
        ({"likes": "-3"}, "Likes cannot be negative."),
        ({"likes": 2**53}, "Likes is too large: the most this app accepts is 1,000,000,000,000."),
        (
            {"start": LONG_AGO},
            "Start cannot be before 1 September 2016: TikTok LIVE did not exist yet.",
        ),
        (
            {"duration": "25:00"},
            "A LIVE cannot last more than 24 hours; check the duration and end.",
        ),
        ({"duration": "0"}, "Duration cannot be zero."),
        ({"peak_viewers": 900}, "Peak viewers cannot be more than total viewers."),
        (
            {"gift_lines": [{"gift": "Unicorn Pony", "count": 1}]},
            'The gift "Unicorn Pony" on line 1 is not in the catalog; enter its price.',
        ),
    ],
)
def test_messages_are_friendly_sentences(changes: dict[str, object], message: str) -> None:
    report = parse("session", **changes)
    assert message in [p.message for p in report.problems]


def test_all_problems_are_reported_at_once() -> None:
    report = parse("session", likes="x", shares="-1", title="t" * 300)
    assert [p.field for p in report.problems] == ["likes", "shares", "title"]


# --- good input in its many shapes ----------------------------------------------------

NINETY = timedelta(minutes=90)


@pytest.mark.parametrize(
    "changes",
    [
        {"duration": "1:30"},
        {"duration": "90"},
        {"duration": 90},
        {"duration": NINETY},
        {"duration": "1h 30m"},
        {"duration": "1H30M"},
        {"duration": "90 min"},
        {"duration": "1 hour 30 minutes"},
        {"duration": "1:30:00"},
        {"duration": _DROP, "end": "2025-03-01 22:00"},
        {"duration": _DROP, "end": datetime(2025, 3, 1, 22, 0)},
        {"duration": " 1:30 ", "end": "2025-03-01T22:00"},  # both, agreeing
        {"start": datetime(2025, 3, 1, 20, 30), "end": ""},
        {"start": "2025-03-01T20:30"},
        {"start": "2025-03-01 20:30:00"},
    ],
)
def test_duration_and_start_shapes(changes: dict[str, object]) -> None:
    s = parse("session", **changes).value
    assert s is not None
    assert (s.start, s.duration) == (datetime(2025, 3, 1, 20, 30), NINETY)


@pytest.mark.parametrize(
    "changes",
    [
        {"title": "t" * 200},
        {"title": "🔥 Friday LIVE 🎉 with 👩‍👩‍👧"},
        {"title": "بث مباشر مع الأصدقاء"},  # right-to-left
        {"title": "שידור חי", "notes": "הערות\nשורה שנייה"},
        {"notes": "n" * 100_000},
        {"start": "2016-09-01 00:00"},  # the first day of TikTok LIVE
        {"start": "2025-03-11 23:59"},  # tomorrow: time zones
        {"duration": "24:00"},
        {"duration": "45s"},
        {"peak_viewers": "800", "total_viewers": "800"},
        {"peak_viewers": "50", "total_viewers": "0"},  # total unknown: no comparison
        {"likes": MAX_COUNT},
        {"likes": "1 200"},
        {"likes": " 1200 "},
        {"likes": Decimal("1200")},
        {"likes": 1200.0},
        {"likes": "١٢٠٠"},  # Arabic-Indic digits
        {"likes": ""},
        {"reported_diamonds": ""},
        {"tags": ["dance", "Q&A"]},
        {"tags": ()},
        {"gift_lines": []},
        {"gift_lines": [{"gift": "Fan-made gift", "count": "3", "coins_each": "15"}]},
        {"gift_lines": [GiftLine("Galaxy", 2, 1_000)]},
    ],
)
def test_valid_edge_cases(changes: dict[str, object]) -> None:
    report = parse("session", **changes)
    assert report.ok, report.problems


def test_typed_text_is_normalised() -> None:
    s = parse(
        "session",
        title="  Friday  ",
        notes="  keep my layout\n",
        likes="1,200",
        reported_diamonds="",
        tags="  dance ,Q&A,, DANCE ,  late   night ",
        gift_lines=[{"gift": "rose", "count": "10"}, {"gift": "Mine", "count": 2, "coins_each": 7}],
    ).value
    assert s.title == "Friday"
    assert s.notes == "  keep my layout\n"
    assert (s.likes, s.reported_diamonds) == (1_200, None)
    assert s.tags == ("dance", "Q&A", "late night")
    assert s.gift_lines == (GiftLine("Rose", 10, 1), GiftLine("Mine", 2, 7))


def test_account_handle_and_codes_are_normalised() -> None:
    a = parse("account", handle="  @Creator.Name_1 ", region="gb", currency="eur").value
    assert (a.handle, a.region, a.currency) == ("Creator.Name_1", "GB", "EUR")
    assert a.monthly_goal_diamonds is None
    assert parse("account", handle="h" * 24, monthly_goal_diamonds="100,000").value.handle
    assert parse("account", monthly_goal_diamonds="100,000").value.monthly_goal_diamonds == 100_000
    assert parse("account", monthly_goal_diamonds=0).value.monthly_goal_diamonds == 0
    defaults = parse("account", region=_DROP, currency=_DROP).value
    assert (defaults.region, defaults.currency) == ("US", "USD")


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("1,234.50", Decimal("1234.50")),
        ("$1,234.50", Decimal("1234.50")),
        ("1 234.50 €", Decimal("1234.50")),
        ("0.5", Decimal("0.5")),
        (".5", Decimal("0.5")),
        (12, Decimal(12)),
        (Decimal("99.99"), Decimal("99.99")),
        (19.99, Decimal("19.99")),  # a float through its repr, not 19.989999...
    ],
)
def test_amounts(amount: object, expected: Decimal) -> None:
    w = parse("withdrawal", amount=amount, fee="").value
    assert w.amount == expected
    assert type(w.amount) is Decimal
    assert w.fee == 0


def test_withdrawal_and_income_entities() -> None:
    w = parse("withdrawal", status="PAID", method="").value
    assert (w.date, w.diamonds, w.amount, w.fee) == (
        date(2025, 3, 1),
        20_000,
        Decimal("100.00"),
        Decimal("1.50"),
    )
    assert (w.status, w.method, w.currency) == (WithdrawalStatus.PAID, "PayPal", "USD")
    assert parse("withdrawal", status=_DROP).value.status is WithdrawalStatus.PENDING
    assert parse("withdrawal", date=datetime(2025, 3, 1, 9, 0)).value.date == date(2025, 3, 1)
    for kind in ("Brand Partnership", "BRAND", IncomeKind.BRAND):
        assert parse("income", kind=kind).value.kind is IncomeKind.BRAND
    # income may predate TikTok LIVE (a brand deal from 2015 is real)
    assert parse("income", date="2015-06-01").ok


@pytest.mark.parametrize(
    ("typed", "share"),
    [
        ("50%", Decimal("0.5")),
        ("0.5", Decimal("0.5")),
        ("53 %", Decimal("0.53")),
        ("0%", Decimal(0)),
        ("100%", Decimal(1)),
        (Decimal("0.47"), Decimal("0.47")),
        (0.5, Decimal("0.5")),
        (1, Decimal(1)),
    ],
)
def test_shares_as_percent_or_fraction(typed: object, share: Decimal) -> None:
    r = parse("rate", commission=typed, agency_share=typed).value
    assert (r.commission, r.agency_share) == (share, share)


def test_rate_region_exchange_and_gift_entities() -> None:
    r = parse("rate", account_id="7").value
    assert (r.effective, r.coin_value_usd, r.diamond_value_usd) == (
        date(2025, 2, 10),
        Decimal("0.01"),
        Decimal("0.005"),
    )
    assert (r.agency_share, r.account_id) == (0, 7)
    rule = parse("region", region="us", minimum_usd="0").value
    assert (rule.region, rule.minimum_usd, rule.note) == ("US", 0, "check your TikTok wallet")
    assert parse("exchange", currency="eur").value.per_usd == Decimal("0.92")
    gift = parse("gift", coins="1,000,000", tiktok_id="5655", retired="0").value
    assert (gift.coins, gift.streakable, gift.tiktok_id, gift.retired) == (
        1_000_000,
        True,
        5655,
        False,
    )


# --- Report ----------------------------------------------------------------------------


def test_report_message_for() -> None:
    report: Report[int] = Report(
        None,
        (
            Problem("likes", "Likes must be a whole number, like 1200."),
            Problem("gift_lines[0].count", "A."),
            Problem("gift_lines[1].gift", "B."),
            Problem("gift_lines_extra", "C."),
        ),
    )
    assert not report.ok
    assert report.message_for("likes") == "Likes must be a whole number, like 1200."
    assert report.message_for("gift_lines") == "A. B."
    assert report.message_for("gift_lines[1].gift") == "B."
    assert report.message_for("title") is None
    assert Report(5).ok
    assert not Report(None).ok


# --- nothing raises ---------------------------------------------------------------------

PARSERS: dict[str, tuple[Parser, tuple[str, ...]]] = {
    kind: (parser, (*base, "end", "duration", "notes", "id", "fee", "currency", "status"))
    for kind, (parser, base) in VALID.items()
}

# Lone surrogates too (a broken JSON file can hold them; SQLite cannot store them).
any_text = st.text(st.characters(exclude_categories=()))
anything = st.one_of(
    any_text,
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.dates(),
    st.datetimes(timezones=st.none() | st.just(UTC) | st.just(timezone(timedelta(hours=-12)))),
    st.timedeltas(),
    st.lists(st.text(max_size=5), max_size=3),
    st.lists(st.dictionaries(st.sampled_from(["gift", "count", "coins_each"]), st.text())),
)


def _check(report: Report[Any]) -> None:
    assert isinstance(report, Report)
    assert report.ok == (not report.problems)
    for problem in report.problems:
        assert problem.message[0].isupper() and problem.message.endswith(".")


@pytest.mark.parametrize("kind", PARSERS)
@given(data=st.data())
def test_arbitrary_text_in_any_field_never_raises(kind: str, data: st.DataObject) -> None:
    parser, keys = PARSERS[kind]
    raw = dict(VALID[kind][1])
    raw[data.draw(st.sampled_from(keys))] = data.draw(any_text)
    _check(parser(raw))


@pytest.mark.parametrize("kind", PARSERS)
@given(data=st.data())
def test_arbitrary_values_never_raise(kind: str, data: st.DataObject) -> None:
    parser, keys = PARSERS[kind]
    raw = data.draw(st.dictionaries(st.sampled_from(keys), anything, max_size=len(keys)))
    _check(parser(raw))


@given(st.integers(min_value=0, max_value=MAX_COUNT))
def test_formatted_counts_read_back(n: int) -> None:
    assert parse("session", likes=f"{n:,}").value.likes == n
    assert parse("session", likes=str(n)).value.likes == n


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**9), places=2))
def test_formatted_amounts_read_back(amount: Decimal) -> None:
    assert parse("withdrawal", amount=f"{amount:,.2f}", fee="0").value.amount == amount


@given(st.datetimes(min_value=datetime(2016, 9, 1), max_value=datetime(2025, 3, 11, 23, 59)))
def test_start_text_reads_back(start: datetime) -> None:
    start = start.replace(second=0, microsecond=0)
    s = parse("session", start=start.strftime("%Y-%m-%d %H:%M")).value
    assert s.start == start
