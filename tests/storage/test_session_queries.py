"""The sessions table: paging, every sort both ways, filters and the totals footer.

Expected orders come from the table in storage_sample.py; ties are broken by id
in the sort's direction, so a descending order is exactly the ascending one reversed.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from storage_sample import Sample

from tiklive_desktop.storage.queries import SORT_KEYS, SessionQuery, SessionTotals, dated_where

ASCENDING = {
    # 2025-12-31, 10-05, 10-06, 10-07, 10-20, 11-02
    "start": [6, 1, 4, 2, 3, 5],
    # 1800 s, 3600 (#2, #5), 5400, 7200 (#1, #6)
    "duration": [4, 2, 5, 3, 1, 6],
    # 50, 800, 1000, 5000, 6000, 30099
    "diamonds": [4, 5, 6, 2, 3, 1],
    # $0.25, $4, $5, $24 (#3: 6000 at the 20% agency share), $25, $150.495
    "money": [4, 5, 6, 3, 2, 1],
    # 50, 100, 300, 500, 1000, 2000
    "likes": [6, 4, 5, 2, 1, 3],
    # total viewers 20, 40, 200, 250, 300, 600
    "viewers": [6, 4, 2, 5, 1, 3],
    # 0, 1, 4, 10, 12, 25
    "new_followers": [6, 4, 2, 1, 5, 3],
    # 1, 2, 3, 4, 5, 9
    "gifters": [6, 4, 2, 5, 1, 3],
    # per hour: 50/0.5h = 100, 1000/2h = 500, 800, 6000/1.5h = 4000, 5000, 30099/2h = 15049.5
    "diamonds_per_hour": [4, 6, 5, 3, 2, 1],
    # "" (#4, #6), "Agency month", "battle vs @cara", "Big Lion!", "giveaway" (no case)
    "notes": [4, 6, 3, 5, 1, 2],
}


def ids(sample: Sample, q: SessionQuery, limit: int = 100, offset: int = 0) -> list[int]:
    return [row.id for row in sample.repo.query_sessions(q, limit, offset)]


def test_every_sort_key_is_covered() -> None:
    assert set(ASCENDING) == set(SORT_KEYS)


@pytest.mark.parametrize("sort", sorted(ASCENDING))
@pytest.mark.parametrize("descending", [False, True])
def test_sorts(sample: Sample, sort: str, descending: bool) -> None:
    expected = ASCENDING[sort][::-1] if descending else ASCENDING[sort]
    assert ids(sample, SessionQuery(sort=sort, descending=descending)) == expected


@pytest.mark.parametrize("sort", sorted(ASCENDING))
def test_pages_join_up_to_the_whole_order(sample: Sample, sort: str) -> None:
    q = SessionQuery(sort=sort, descending=False)
    pages = [ids(sample, q, 4, 0), ids(sample, q, 4, 4), ids(sample, q, 4, 8)]
    assert pages == [ASCENDING[sort][:4], ASCENDING[sort][4:], []]


def test_default_query_is_newest_first(sample: Sample) -> None:
    assert ids(sample, SessionQuery()) == [5, 3, 2, 4, 1, 6]
    assert ids(sample, SessionQuery(), limit=2, offset=2) == [2, 4]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        (SessionQuery(account_id=2), [5, 4]),
        (SessionQuery(account_id=1, descending=False), [6, 1, 2, 3]),
        # end is inclusive: 2026-10-20 20:15 is in; 2026-10-05 is before the start.
        (SessionQuery(start=date(2026, 10, 6), end=date(2026, 10, 20)), [3, 2, 4]),
        (SessionQuery(start=date(2026, 11, 1)), [5]),
        (SessionQuery(end=date(2025, 12, 31)), [6]),
        # Title "Monday dance" and tag; title "Dance battle": case does not matter.
        (SessionQuery(text="DANCE"), [5, 1]),
        # Title "Q&A night"; tag "q&a".
        (SessionQuery(text="q&a"), [3, 2]),
        (SessionQuery(text="giveaway"), [2]),
        (SessionQuery(text="food"), [3]),
        # LIKE wildcards typed by the user are literal characters.
        (SessionQuery(text="%"), []),
        (SessionQuery(text="_"), []),
        (SessionQuery(account_id=1, start=date(2026, 10, 1), text="a", sort="diamonds"), [1, 3, 2]),
    ],
)
def test_filters(sample: Sample, q: SessionQuery, expected: list[int]) -> None:
    assert ids(sample, q) == expected
    assert sample.repo.count_sessions(q) == len(expected)


def test_rows_carry_display_values(sample: Sample) -> None:
    rows = {row.id: row for row in sample.repo.query_sessions(SessionQuery(), 10)}
    first = rows[1]
    assert (first.start, first.duration_s, first.diamonds, first.gift_coins) == (
        datetime(2026, 10, 5, 20, 0),
        7200,
        30099,
        30099,
    )
    assert first.reported_diamonds is None
    assert first.tags == ("dance",)
    assert first.net_usd == Decimal("150.495")  # exact: rounding is for display only
    assert first.diamonds_per_hour == Decimal("15049.5")
    # 2000 coins of gift lines, but the LIVE summary's 5000 Diamonds are credited.
    assert (rows[2].gift_coins, rows[2].diamonds, rows[2].reported_diamonds) == (2000, 5000, 5000)
    assert rows[3].net_usd == Decimal("24.000")  # 6000 x 0.005 x 0.8
    assert rows[4].diamonds_per_hour == Decimal(100)


def test_zero_duration_has_no_rate_per_hour(sample: Sample) -> None:
    from storage_sample import make_session

    sample.repo.add_session(make_session(sample.bob, "2026-10-08T10:00:00", 0, reported_diamonds=3))
    row = sample.repo.query_sessions(
        SessionQuery(start=date(2026, 10, 8), end=date(2026, 10, 8)), 1
    )
    assert row[0].diamonds_per_hour is None


def test_totals_for_everything(sample: Sample) -> None:
    assert sample.repo.session_totals(SessionQuery()) == SessionTotals(
        count=6,
        seconds=28800,  # 7200 + 3600 + 5400 + 1800 + 3600 + 7200
        diamonds=42949,  # 30099 + 5000 + 6000 + 50 + 800 + 1000
        likes=3950,  # 1000 + 500 + 2000 + 100 + 300 + 50
        viewers=1410,  # 300 + 200 + 600 + 40 + 250 + 20
        new_followers=52,  # 10 + 4 + 25 + 1 + 12 + 0
        gifters=24,  # 5 + 3 + 9 + 2 + 4 + 1
        net_usd=Decimal("208.745"),  # 150.495 + 25 + 24 + 0.25 + 4 + 5
    )


def test_totals_for_a_filter(sample: Sample) -> None:
    q = SessionQuery(account_id=1, start=date(2026, 10, 1), end=date(2026, 10, 31))
    assert sample.repo.session_totals(q) == SessionTotals(
        count=3,  # 1, 2, 3
        seconds=16200,  # 7200 + 3600 + 5400
        diamonds=41099,  # 30099 + 5000 + 6000
        likes=3500,
        viewers=1100,
        new_followers=39,
        gifters=17,
        net_usd=Decimal("199.495"),  # 150.495 + 25 + 24
    )


def test_totals_by_rate_come_with_the_same_totals(sample: Sample) -> None:
    q = SessionQuery(account_id=1, start=date(2026, 10, 1), end=date(2026, 10, 31))
    totals, by_rate = sample.repo.session_totals_by_rate(q)
    assert totals == sample.repo.session_totals(q)
    rates = {p.id: p for p in sample.repo.list_rate_periods()}
    # #1 and #2 (before 2026-10-15) at the default rate, #3 at alice's 20% agency share
    assert sorted((d, r.id) for d, r in by_rate) == sorted(
        [(35099, sample.default_rate), (6000, sample.alice_rate)]
    )
    assert all(r == rates[r.id] for _, r in by_rate)


def test_totals_of_nothing_are_zero(sample: Sample) -> None:
    totals = sample.repo.session_totals(SessionQuery(text="no such words"))
    assert totals == SessionTotals(0, 0, 0, 0, 0, 0, 0, Decimal(0))


def test_unknown_sort_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown sort"):
        SessionQuery(sort="title")


def test_load_sessions_returns_full_entities_in_query_order(sample: Sample) -> None:
    loaded = sample.repo.load_sessions(SessionQuery(account_id=2, descending=False))
    assert [s.id for s in loaded] == [4, 5]
    assert [(g.gift, g.count) for g in loaded[0].gift_lines] == [("Rose", 50)]
    assert [s.id for s in sample.repo.load_sessions()] == [6, 1, 4, 2, 3, 5]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((None, None, None), ("", [])),
        ((2, None, None), ("WHERE account_id = ?", [2])),
        (
            (None, date(2026, 10, 1), date(2026, 10, 31), "w"),
            ("WHERE w.date >= ? AND w.date <= ?", ["2026-10-01", "2026-10-31"]),
        ),
        (
            (3, None, date(2026, 1, 5), "o"),
            ("WHERE o.account_id = ? AND o.date <= ?", [3, "2026-01-05"]),
        ),
    ],
)
def test_dated_where(args: tuple, expected: tuple[str, list]) -> None:
    assert dated_where(*args) == expected
