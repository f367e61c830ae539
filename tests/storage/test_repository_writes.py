"""Writes: one transaction each, constraints enforced, subscribers told after commit."""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from storage_sample import Sample, make_session

from tiklive_desktop.core.entities import (
    Account,
    ExchangeRate,
    GiftLine,
    IncomeKind,
    OtherIncome,
    RegionRule,
    Session,
    Withdrawal,
    WithdrawalStatus,
)
from tiklive_desktop.storage.errors import InUseError, MissingExchangeRateError, NotFoundError
from tiklive_desktop.storage.repository import Repository


def counts(repo: Repository) -> tuple[int, int]:
    return (
        repo.conn.execute("SELECT count(*) FROM sessions").fetchone()[0],
        repo.conn.execute("SELECT count(*) FROM gift_lines").fetchone()[0],
    )


@pytest.fixture
def alice(repo: Repository) -> int:
    account_id = repo.add_account(Account("alice")).id
    assert account_id is not None
    return account_id


# -- accounts ------------------------------------------------------------------------


def test_account_round_trip_and_update(repo: Repository) -> None:
    stored = repo.add_account(Account(" alice ", "Alice", "DE", "EUR", 50_000))
    assert stored == Account("alice", "Alice", "DE", "EUR", 50_000, id=stored.id)
    changed = repo.update_account(Account("alice_live", "Alice", "DE", "EUR", None, id=stored.id))
    assert repo.get_account(stored.id or 0) == changed
    assert [a.handle for a in repo.list_accounts()] == ["alice_live"]


def test_handles_are_unique_regardless_of_case(repo: Repository) -> None:
    repo.add_account(Account("Alice"))
    with pytest.raises(sqlite3.IntegrityError):
        repo.add_account(Account("aLICE"))


def test_session_for_a_missing_account_is_refused(repo: Repository) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        repo.add_session(make_session(999, "2026-10-05T20:00:00", 60))
    assert counts(repo) == (0, 0)


def test_account_with_records_cannot_be_deleted(sample: Sample) -> None:
    """Policy: refuse rather than cascade; years of history never go in one click."""
    with pytest.raises(InUseError, match="4 sessions"):
        sample.repo.delete_account(sample.alice)
    assert sample.repo.get_account(sample.alice) is not None
    assert counts(sample.repo) == (6, 4)


def test_deleting_an_unused_account_takes_its_own_rate_periods(sample: Sample) -> None:
    repo = sample.repo
    repo.delete_sessions([1, 2, 3, 6])
    repo.delete_account(sample.alice)
    assert repo.get_account(sample.alice) is None
    assert [p.id for p in repo.list_rate_periods()] == [sample.default_rate]
    with pytest.raises(NotFoundError):
        repo.delete_account(sample.alice)


# -- sessions ------------------------------------------------------------------------


def test_session_round_trip_links_gift_lines_to_the_catalog(repo: Repository, alice: int) -> None:
    session = make_session(
        alice,
        "2026-10-05T20:00:00",
        95,
        reported_diamonds=None,
        likes=7,
        peak_viewers=3,
        total_viewers=9,
        new_followers=1,
        comments=4,
        shares=2,
        gifters=1,
        title="Title",
        notes="Notes",
        tags=("a, b", 'quote"d', "café"),
        gift_lines=(GiftLine("rose", 3, 1), GiftLine("Mystery gift", 1, 77)),
    )
    stored = repo.add_session(session)
    rose = repo.find_gift("Rose")
    assert rose is not None
    # The typed name is replaced by the catalog's spelling and id; unknown names stay unlinked.
    assert stored.gift_lines == (
        GiftLine("Rose", 3, 1, gift_id=rose.id, id=stored.gift_lines[0].id),
        GiftLine("Mystery gift", 1, 77, gift_id=None, id=stored.gift_lines[1].id),
    )
    expected = Session(
        **{f: getattr(session, f) for f in Session.__slots__ if f not in ("gift_lines", "id")},
        gift_lines=stored.gift_lines,
        id=stored.id,
    )
    assert stored == expected
    assert repo.get_session(stored.id or 0) == stored


def test_start_is_stored_to_the_second_and_must_be_naive(repo: Repository, alice: int) -> None:
    stored = repo.add_session(
        Session(alice, datetime(2026, 10, 5, 20, 0, 5, 999_999), timedelta(seconds=61.9))
    )
    assert stored.start == datetime(2026, 10, 5, 20, 0, 5)
    assert stored.duration == timedelta(seconds=61)
    aware = datetime(2026, 10, 5, 20, 0, tzinfo=UTC)
    with pytest.raises(ValueError, match="naive"):
        repo.add_session(Session(alice, aware, timedelta(hours=1)))


def test_a_write_that_fails_halfway_leaves_nothing_behind(repo: Repository, alice: int) -> None:
    events: list[str] = []
    repo.subscribe(events.append)
    repo.add_session(make_session(alice, "2026-10-01T20:00:00", 60))
    events.clear()
    bad = make_session(
        alice,
        "2026-10-05T20:00:00",
        60,
        gift_lines=(GiftLine("Rose", 1, 1), GiftLine("Lion", 1, 29999), GiftLine("", 1, 5)),
    )
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        repo.add_session(bad)
    # The session row and the first two lines were written, then rolled back.
    assert counts(repo) == (1, 0)
    assert events == []
    assert not repo.conn.in_transaction


def test_bulk_insert_is_all_or_nothing(repo: Repository, alice: int) -> None:
    good = [make_session(alice, f"2026-10-{day:02d}T20:00:00", 60) for day in range(1, 6)]
    with pytest.raises(sqlite3.IntegrityError):
        repo.add_sessions([*good, make_session(alice, "2026-10-09T20:00:00", 60, likes=-1)])
    assert counts(repo) == (0, 0)
    ids = repo.add_sessions(
        [
            *good,
            make_session(alice, "2026-10-09T20:00:00", 60, gift_lines=(GiftLine("Rose", 5, 1),)),
        ]
    )
    assert ids == [1, 2, 3, 4, 5, 6]
    assert counts(repo) == (6, 1)
    assert repo.get_session(6) == repo.get_sessions([6])[0]
    assert repo.get_sessions([6, 99, 1])[0].gift_lines[0].coins == 5


def test_bulk_insert_keeps_given_ids_and_continues_after_them(repo: Repository, alice: int) -> None:
    first = make_session(alice, "2026-10-01T20:00:00", 60)
    ids = repo.add_sessions([first, Session(alice, first.start, first.duration, id=40), first])
    assert ids == [1, 40, 41]


def test_update_replaces_gift_lines_and_caches(sample: Sample) -> None:
    repo = sample.repo
    session = repo.get_session(4)
    assert session is not None
    updated = repo.update_session(
        Session(
            session.account_id,
            session.start,
            session.duration,
            gift_lines=(GiftLine("Galaxy", 1, 1000),),
            id=4,
        )
    )
    assert [(line.gift, line.coins) for line in updated.gift_lines] == [("Galaxy", 1000)]
    row = repo.conn.execute("SELECT gift_coins, diamonds FROM sessions WHERE id = 4").fetchone()
    assert row == (1000, 1000)
    assert repo.conn.execute("SELECT count(*) FROM gift_lines WHERE session_id = 4").fetchone() == (
        1,
    )
    with pytest.raises(NotFoundError):
        repo.update_session(Session(sample.bob, session.start, session.duration, id=99))


def test_deleting_sessions_cascades_to_gift_lines(sample: Sample) -> None:
    repo = sample.repo
    repo.delete_session(1)
    assert counts(repo) == (5, 2)
    assert repo.delete_sessions([2, 4, 99]) == 2
    assert counts(repo) == (3, 0)
    with pytest.raises(NotFoundError):
        repo.delete_session(1)


def test_undoing_a_delete_restores_the_same_id(sample: Sample) -> None:
    repo = sample.repo
    before = repo.get_session(1)
    assert before is not None
    repo.delete_session(1)
    again = repo.add_session(before)
    assert again.id == 1
    assert [(g.gift, g.count, g.coins_each) for g in again.gift_lines] == [
        ("Rose", 100, 1),
        ("Lion", 1, 29999),
    ]


# -- transactions and subscribers -----------------------------------------------------


def test_subscribers_hear_each_table_once_after_commit(repo: Repository, alice: int) -> None:
    events: list[str] = []
    unsubscribe = repo.subscribe(events.append)
    with repo.transaction():
        repo.add_session(make_session(alice, "2026-10-01T20:00:00", 60))
        repo.add_session(make_session(alice, "2026-10-02T20:00:00", 60))
        repo.set_setting("theme", "dark")
        assert events == []  # nothing is committed yet
    assert events == ["gift_lines", "sessions", "settings"]
    unsubscribe()
    repo.set_setting("theme", "light")
    assert events == ["gift_lines", "sessions", "settings"]


def test_a_failed_group_rolls_back_every_write_in_it(repo: Repository, alice: int) -> None:
    events: list[str] = []
    repo.subscribe(events.append)
    with pytest.raises(RuntimeError), repo.transaction():
        repo.add_session(make_session(alice, "2026-10-01T20:00:00", 60))
        raise RuntimeError("user cancelled the import")
    assert counts(repo) == (0, 0)
    assert events == []


def test_a_caught_failure_inside_a_group_undoes_only_that_write(
    repo: Repository, alice: int
) -> None:
    with repo.transaction():
        repo.add_session(make_session(alice, "2026-10-01T20:00:00", 60))
        with pytest.raises(sqlite3.IntegrityError):
            repo.add_session(
                make_session(alice, "2026-10-02T20:00:00", 60, gift_lines=(GiftLine("x", -1, 1),))
            )
    assert counts(repo) == (1, 0)


def test_a_broken_subscriber_does_not_turn_a_commit_into_an_error(
    repo: Repository, caplog: pytest.LogCaptureFixture
) -> None:
    heard: list[str] = []

    def broken(table: str) -> None:
        raise ValueError(table)

    repo.subscribe(broken)
    repo.subscribe(heard.append)
    with caplog.at_level(logging.ERROR, logger="tiklive_desktop.storage.base"):
        repo.set_setting("k", "v")
    assert repo.get_setting("k") == "v"
    assert heard == ["settings"]
    assert "subscriber" in caplog.text


# -- withdrawals, income, settings, reference data ------------------------------------


def test_withdrawal_round_trip_in_cents(repo: Repository, alice: int) -> None:
    w = Withdrawal(alice, date(2026, 10, 10), 20_000, Decimal("99.99"), fee=Decimal("2.5"))
    stored = repo.add_withdrawal(w)
    assert stored == Withdrawal(
        alice, date(2026, 10, 10), 20_000, Decimal("99.99"), fee=Decimal("2.50"), id=stored.id
    )
    assert repo.conn.execute("SELECT amount_cents, fee_cents FROM withdrawals").fetchone() == (
        9999,
        250,
    )
    paid = repo.update_withdrawal(
        Withdrawal(**{**_fields(stored), "status": WithdrawalStatus.PAID})
    )
    assert repo.list_withdrawals(alice) == [paid]
    assert paid.net == Decimal("97.49")
    repo.delete_withdrawal(paid.id or 0)
    assert repo.list_withdrawals() == []


def _fields(entity: object) -> dict[str, object]:
    return {name: getattr(entity, name) for name in entity.__slots__}  # type: ignore[attr-defined]


def test_fractions_of_a_cent_are_refused_not_rounded(repo: Repository, alice: int) -> None:
    with pytest.raises(ValueError, match="fraction of a cent"):
        repo.add_withdrawal(Withdrawal(alice, date(2026, 10, 10), 1, Decimal("0.005")))
    assert repo.list_withdrawals() == []


def test_withdrawal_status_is_checked_by_the_database(repo: Repository, alice: int) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        repo.conn.execute(
            "INSERT INTO withdrawals (account_id, date, diamonds, amount_cents, status)"
            " VALUES (?, '2026-10-10', 1, 1, 'lost')",
            (alice,),
        )


def test_other_income_round_trip(repo: Repository, alice: int) -> None:
    stored = repo.add_income(
        OtherIncome(alice, date(2026, 10, 12), IncomeKind.BRAND, Decimal("250"), note="deal")
    )
    assert repo.get_income(stored.id or 0) == stored
    assert stored.amount == Decimal("250.00")
    changed = repo.update_income(
        OtherIncome(
            alice, date(2026, 10, 13), IncomeKind.MERCHANDISE, Decimal("1.10"), id=stored.id
        )
    )
    assert repo.list_income(alice) == [changed]
    repo.delete_income(changed.id or 0)
    assert repo.list_income() == []
    with pytest.raises(NotFoundError):
        repo.delete_income(changed.id or 0)


def test_settings_get_set_and_remove(repo: Repository) -> None:
    assert repo.get_setting("theme", "system") == "system"
    repo.set_setting("theme", "dark")
    repo.set_setting("theme", "light")
    assert repo.get_setting("theme") == "light"
    assert repo.all_settings() == {"theme": "light"}
    repo.set_setting("theme", None)
    assert repo.get_setting("theme") is None


def test_region_rules_upsert_and_delete(repo: Repository) -> None:
    us = repo.get_region_rule("us")  # region codes match case-insensitively
    assert us == RegionRule("US", "United States", Decimal(100), Decimal(1000), date(2026, 11, 1))
    edited = RegionRule("US", "United States", Decimal("50"), Decimal(1000), date(2026, 12, 1), "")
    assert repo.save_region_rule(edited) == edited
    repo.save_region_rule(RegionRule("XX", "Test", Decimal(1), Decimal(2), date(2026, 1, 1)))
    assert len(repo.list_region_rules()) == 31
    repo.delete_region_rule("XX")
    assert repo.get_region_rule("XX") is None


def test_exchange_rates_in_force(repo: Repository) -> None:
    first = repo.add_exchange_rate(ExchangeRate("EUR", date(2026, 1, 1), Decimal("0.92")))
    second = repo.add_exchange_rate(ExchangeRate("EUR", date(2026, 7, 1), Decimal("0.86")))
    assert repo.exchange_rate_on("EUR", date(2025, 6, 1)) == first  # before the first: first
    assert repo.exchange_rate_on("EUR", date(2026, 6, 30)) == first
    assert repo.exchange_rate_on("EUR", date(2026, 7, 1)) == second
    assert repo.exchange_rate_on("GBP", date(2026, 7, 1)) is None
    updated = repo.update_exchange_rate(
        ExchangeRate("EUR", date(2026, 7, 1), Decimal("0.9"), id=second.id)
    )
    assert repo.list_exchange_rates("EUR") == [first, updated]
    repo.delete_exchange_rate(first.id or 0)
    assert repo.list_exchange_rates() == [updated]
    with pytest.raises(ValueError, match="positive"):
        repo.add_exchange_rate(ExchangeRate("EUR", date(2027, 1, 1), Decimal(0)))


def test_per_usd_lookup_reads_each_currency_once(repo: Repository) -> None:
    repo.add_exchange_rate(ExchangeRate("EUR", date(2026, 1, 1), Decimal("0.92")))
    repo.add_exchange_rate(ExchangeRate("EUR", date(2026, 7, 1), Decimal("0.86")))
    per_usd = repo.per_usd_lookup("total other income")
    statements: list[str] = []
    repo.conn.set_trace_callback(statements.append)
    try:
        assert per_usd("EUR", date(2025, 6, 1)) == Decimal("0.92")  # before the first: first
        assert per_usd("EUR", date(2026, 6, 30)) == Decimal("0.92")
        assert per_usd("EUR", date(2026, 7, 1)) == Decimal("0.86")
    finally:
        repo.conn.set_trace_callback(None)
    assert len(statements) == 1
    with pytest.raises(
        MissingExchangeRateError,
        match=r"^no exchange rate for GBP: add one to total other income in USD$",
    ):
        per_usd("GBP", date(2026, 7, 1))
