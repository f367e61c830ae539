"""The changes made for speed (issue 7) give exactly what the slow paths gave."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiklive_desktop.core.entities import Account, Session
from tiklive_desktop.exchange.csv_export import cell, column_cells
from tiklive_desktop.exchange.report_data import COLUMNS, _tag_line, start_text
from tiklive_desktop.storage.codec import tags_text, text_tags
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.queries import SORT_KEYS, SessionQuery
from tiklive_desktop.storage.repository import Repository
from tiklive_desktop.storage.sessions import _tags

tag_lists = st.lists(st.text(max_size=8), max_size=4).map(tuple)


@given(tag_lists)
def test_stored_tags_are_the_json_they_were(tags: tuple[str, ...]) -> None:
    assert _tags(tags) == tags_text(tags)
    assert _tag_line(tags_text(tags)) == ", ".join(text_tags(tags_text(tags)))


@given(st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31)))
def test_start_text_is_what_strftime_wrote(value: datetime) -> None:
    value = value.replace(microsecond=0)
    expected = value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    assert start_text(value) == expected


@given(st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=6), st.decimals(
    allow_nan=False, allow_infinity=False, places=2)), min_size=16, max_size=16))  # fmt: skip
def test_column_converters_write_what_cell_wrote(values: list[object]) -> None:
    converters = column_cells(COLUMNS["sessions"])
    assert [f(v) for f, v in zip(converters, values, strict=True)] == [cell(v) for v in values]


@pytest.fixture
def repo() -> Repository:
    return Repository(open_database(None))


def _sessions(account_id: int, count: int) -> list[Session]:
    first = datetime(2025, 1, 1, 20, 0)
    return [
        Session(account_id, first + timedelta(hours=7 * i), timedelta(minutes=30 + i % 50),
                (i * 37) % 11 * 100 if i % 5 else None, likes=i % 7)
        for i in range(count)
    ]  # fmt: skip


def _totals(repo: Repository) -> list[tuple[int, ...]]:
    return repo.conn.execute(
        "SELECT account_id, rate_key, sessions, seconds, diamonds, likes, viewers,"
        " new_followers, gifters FROM account_totals WHERE sessions > 0"
        " ORDER BY account_id, rate_key"
    ).fetchall()


def _counted(repo: Repository) -> list[tuple[int, ...]]:
    return repo.conn.execute(
        "SELECT account_id, ifnull(rate_period_id, 0) AS k, count(*), sum(duration_s),"
        " sum(diamonds), sum(likes), sum(total_viewers), sum(new_followers), sum(gifters)"
        " FROM sessions GROUP BY account_id, k ORDER BY account_id, k"
    ).fetchall()


def test_account_totals_follow_every_write(repo: Repository) -> None:
    one = repo.add_account(Account(handle="one"))
    two = repo.add_account(Account(handle="two"))
    assert one.id is not None and two.id is not None
    ids = repo.add_sessions(_sessions(one.id, 30) + _sessions(two.id, 12))
    assert _totals(repo) == _counted(repo)
    moved = repo.get_session(ids[0])
    assert moved is not None
    repo.update_session(replace(moved, account_id=two.id, reported_diamonds=12345))
    repo.delete_sessions(ids[5:9])
    repo.delete_session(ids[10])
    assert _totals(repo) == _counted(repo)
    repo.add_session(_sessions(one.id, 1)[0])
    assert _totals(repo) == _counted(repo)
    assert repo.count_sessions(SessionQuery()) == 42 - 5 + 1
    assert repo.count_sessions(SessionQuery(account_id=two.id)) == 13
    # what a filter needs is still counted row by row, and agrees
    assert repo.count_sessions(SessionQuery(start=date(2000, 1, 1))) == 38
    for account_id in (None, one.id):
        summed = repo.session_totals(SessionQuery(account_id=account_id))
        scanned = repo.session_totals(SessionQuery(account_id=account_id, start=date(2000, 1, 1)))
        assert summed == scanned and summed.count > 0
    # new rates recompute the sessions' Diamonds and rate periods: the totals follow
    period = repo.add_rate_period(
        replace(repo.list_rate_periods()[0], id=None, effective=date(2025, 1, 3),
                diamond_value_usd=Decimal("0.004"), account_id=one.id)
    )  # fmt: skip
    assert period.id is not None
    assert _totals(repo) == _counted(repo)
    assert {row[1] for row in _totals(repo)} == {1, period.id}
    repo.delete_rate_period(period.id)
    assert _totals(repo) == _counted(repo)


@settings(max_examples=25, deadline=None)
@given(
    sort=st.sampled_from(sorted(SORT_KEYS)),
    descending=st.booleans(),
    limit=st.integers(1, 9),
    from_end=st.integers(0, 30),
)
def test_pages_read_from_the_end_are_the_pages_at_their_offset(
    sort: str, descending: bool, limit: int, from_end: int
) -> None:
    repo = Repository(open_database(None))
    account = repo.add_account(Account(handle="pages"))
    assert account.id is not None
    repo.add_sessions(_sessions(account.id, 25))
    query = SessionQuery(sort=sort, descending=descending)
    count = repo.count_sessions(query)
    offset = max(0, count - from_end - limit)
    size = min(limit, count - from_end) if from_end < count else 0
    expected = repo.query_sessions(query, size, offset) if size else []
    got = repo.query_sessions_from_end(query, size, from_end) if size else []
    assert [r.id for r in got] == [r.id for r in expected]
    repo.conn.close()


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789٣ ,.-+%$", max_size=25))
def test_plain_int_cells_validate_as_their_text(text: str) -> None:
    from tiklive_desktop.core.validation import parse_session
    from tiklive_desktop.exchange.csv_import import _plain_int

    def report(value: object) -> object:
        raw = {"start": datetime(2025, 1, 1, 20, 0), "duration": timedelta(hours=1),
               "likes": value, "reported_diamonds": value}  # fmt: skip
        return parse_session(raw, account_id=1, catalog={}, today=date(2026, 1, 1))

    assert report(_plain_int(text)) == report(text)
