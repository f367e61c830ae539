"""What validation accepts at its limits survives SQLite; past them is where it would break.

SQLite's INTEGER is 64-bit (2**63 - 1 = 9,223,372,036,854,775,807) while a
Python int is unbounded, so an unchecked 2**63 fails deep in the database with
OverflowError. Validation caps counts at 10**12 (below 2**53, so spreadsheets
and JSON readers keep every digit), a LIVE's gifts at 10**12 coins and the
rates so that one LIVE is at most 10**16 Diamonds: those values, with 100,000
characters of right-to-left notes and emoji, store, sum and read back exactly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from tiklive_desktop.core.entities import Account, Session
from tiklive_desktop.core.fields import MAX_COUNT
from tiklive_desktop.core.validation import (
    NOTES_MAX,
    parse_account,
    parse_rate_period,
    parse_session,
)
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository, SessionQuery

TODAY = date(2026, 10, 26)
NOTE = ("مرحبا بكم 👋🏽 שלום\u200f\n" * NOTES_MAX)[:NOTES_MAX]


@pytest.fixture
def repo() -> Iterator[Repository]:
    db = open_database(None)
    yield Repository(db)
    db.close()


@pytest.fixture
def account(repo: Repository) -> Account:
    raw = {"handle": "@luna.sings", "display_name": "لونا 🎤 Luna", "region": "US"}
    parsed = parse_account(raw, known_regions=["US"]).value
    assert parsed is not None
    return repo.add_account(parsed)


def largest_session(account_id: int) -> Session:
    raw = {
        "start": "2026-10-01 20:00",
        "duration": "24:00",
        "reported_diamonds": str(MAX_COUNT),
        "likes": str(MAX_COUNT),
        "total_viewers": str(MAX_COUNT),
        "peak_viewers": str(MAX_COUNT),
        "title": "😀" * 200,
        "notes": NOTE,
        "tags": "رقص, 🎤, שירה",
        "gift_lines": [{"gift": "Big", "count": "1000000", "coins_each": "1000000"}],
    }
    report = parse_session(raw, account_id=account_id, catalog={}, today=TODAY)
    assert report.value is not None, report.problems
    return report.value


def plain(session: Session) -> Session:
    lines = tuple(dataclasses.replace(g, id=None, gift_id=None) for g in session.gift_lines)
    return dataclasses.replace(session, id=None, gift_lines=lines)


def test_an_account_with_a_right_to_left_name_round_trips(repo: Repository, account) -> None:
    assert account.id is not None
    stored = repo.get_account(account.id)
    assert stored is not None
    assert (stored.handle, stored.display_name) == ("luna.sings", "لونا 🎤 Luna")


def test_the_largest_session_validation_allows_stores_and_reads_back(
    repo: Repository, account: Account
) -> None:
    assert account.id is not None
    session = largest_session(account.id)
    stored = repo.add_session(session)
    assert stored.id is not None
    again = repo.get_session(stored.id)
    assert again is not None and plain(again) == plain(session)
    assert again.notes == NOTE and len(again.notes) == NOTES_MAX
    assert again.tags == ("رقص", "🎤", "שירה")
    assert again.gift_coins == 10**12


def test_the_most_diamonds_a_session_can_hold_still_sum_in_sql(
    repo: Repository, account: Account
) -> None:
    """At the extreme rates (10,000 Diamonds a coin), 10 maximal LIVEs: 10**17 Diamonds."""
    assert account.id is not None
    raw = {
        "effective": "2016-09-01",
        "coin_value_usd": "1",
        "commission": "0",
        "diamond_value_usd": "0.0001",
    }
    period = parse_rate_period(raw).value
    assert period is not None
    repo.add_rate_period(period)
    session = dataclasses.replace(largest_session(account.id), reported_diamonds=None)
    for day in range(1, 11):
        repo.add_session(dataclasses.replace(session, start=session.start.replace(day=day)))
    [month] = repo.totals_by_period("month", account.id)
    assert month.sessions == 10
    assert month.diamonds == 10 * 10**12 * 10_000 == 10**17 < 2**63
    assert repo.count_sessions(SessionQuery(text="مرحبا")) == 10  # right-to-left search works


def test_past_the_limits_sqlite_itself_refuses_and_nothing_is_stored(
    repo: Repository, account: Account
) -> None:
    """Why the caps exist: 2**63 does not fit SQLite's INTEGER (validation says so first)."""
    assert account.id is not None
    huge = dataclasses.replace(largest_session(account.id), reported_diamonds=2**63)
    with pytest.raises(OverflowError):
        repo.add_session(huge)
    assert repo.count_sessions(SessionQuery()) == 0
    report = parse_session(
        {"start": "2026-10-01 20:00", "duration": "60", "reported_diamonds": str(2**63)},
        account_id=account.id,
        catalog={},
        today=TODAY,
    )
    assert [p.message for p in report.problems] == [
        "Reported Diamonds is too large: the most this app accepts is 1,000,000,000,000."
    ]
    assert Decimal(MAX_COUNT) < 2**53
