"""TikTok's "Download your data" JSON: variants of keys and values, skips, re-imports.

Sample files in data/ were written by hand from the field names in
shared/DOMAIN.md. Times with a zone or epoch numbers are read in UTC here
(``tz=UTC``) so the expected wall-clock times do not depend on the machine.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tiklive_desktop.core.entities import Account
from tiklive_desktop.exchange.import_plan import apply_plan, detect_format
from tiklive_desktop.exchange.tiktok_import import ROOM_NOTE, plan_tiktok_import
from tiklive_desktop.storage.repository import Repository

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 6, 1)


@pytest.fixture
def jo(repo: Repository) -> int:
    account = repo.add_account(Account("jo"))
    assert account.id is not None
    return account.id


def test_basic_file_becomes_sessions(repo: Repository, jo: int) -> None:
    plan = plan_tiktok_import(repo, DATA / "tiktok_basic.json", account_id=jo, today=TODAY)
    assert plan.ok and plan.kind == "tiktok-json"
    first, second = plan.to_add
    assert first.start == datetime(2024, 3, 1, 20, 15)
    assert first.duration == timedelta(hours=1, minutes=30, seconds=30)  # 21:45:30 - 20:15:00
    assert (first.reported_diamonds, first.likes, first.total_viewers, first.gifters) == (
        1234,
        48210,
        2875,
        37,
    )
    assert first.title == "Friday dance party"
    assert first.notes == ROOM_NOTE + "7341234567890123456"
    assert (second.start, second.duration) == (datetime(2024, 3, 3, 19), timedelta(hours=1))
    assert (second.reported_diamonds, second.likes, second.total_viewers) == (0, 9120, 640)
    assert plan.add_lines == [13, 25]  # where each record's "{" is in the file
    assert [(p.line, p.message) for p in plan.skipped] == [
        (35, "LIVE #3 is not a record (null)."),
        (36, "LIVE #4 lasted 0 seconds and has no viewers, likes or earnings."),
    ]
    assert plan.ignored_columns == ["LiveType"]
    assert plan.mapping["diamonds"] == "TotalEarning"
    assert plan.mapping["start"] == "LiveStartTime"


def test_variants_of_keys_numbers_times_and_durations(repo: Repository, jo: int) -> None:
    plan = plan_tiktok_import(
        repo, DATA / "tiktok_variants.json", account_id=jo, today=TODAY, tz=UTC
    )
    assert plan.ok, plan.problems
    got = [(s.title, s.start, s.duration, s.reported_diamonds) for s in plan.to_add]
    assert got == [
        # 1709409600 s = 2024-03-02 20:00 UTC; "01:30:00" is H:MM:SS
        ("Epoch seconds", datetime(2024, 3, 2, 20), timedelta(hours=1, minutes=30), 2500),
        # 1709501400000 ms = 2024-03-03 21:30 UTC; "1h 2m"; 300.0 is a whole number
        ("Epoch milliseconds", datetime(2024, 3, 3, 21, 30), timedelta(minutes=62), 300),
        ("ISO with Z", datetime(2024, 3, 5, 18), timedelta(hours=1, minutes=45, seconds=30), 0),
        # 21:00 at +02:00 is 19:00 UTC; 3600 seconds; no earnings given -> none reported
        ("ISO with an offset", datetime(2024, 3, 6, 19), timedelta(hours=1), None),
    ]
    first = plan.to_add[0]
    assert (first.likes, first.total_viewers, first.gifters) == (12000, 1024, 17)
    assert first.notes == ROOM_NOTE + "7341234567890999999"  # an int above 2**53, kept exact
    assert [p.message for p in plan.skipped] == [
        "LIVE #5 has no end time or duration (was it still running?)."
    ]


def test_the_same_file_twice_adds_nothing(repo: Repository, jo: int) -> None:
    path = DATA / "tiktok_basic.json"
    first = plan_tiktok_import(repo, path, account_id=jo, today=TODAY)
    assert apply_plan(repo, first) == 2
    again = plan_tiktok_import(repo, path, account_id=jo, today=TODAY)
    assert again.add_count == 0
    assert [line for line, _ in again.duplicates] == [13, 25]
    assert apply_plan(repo, again) == 0
    assert len(repo.load_sessions()) == 2


def test_room_id_recognises_a_live_whose_start_was_edited(repo: Repository, jo: int) -> None:
    path = DATA / "tiktok_basic.json"
    apply_plan(repo, plan_tiktok_import(repo, path, account_id=jo, today=TODAY))
    stored = next(s for s in repo.load_sessions() if s.title == "Friday dance party")
    repo.update_session(replace(stored, start=stored.start + timedelta(hours=1)))
    again = plan_tiktok_import(repo, path, account_id=jo, today=TODAY)
    assert again.add_count == 0 and again.duplicate_count == 2


def test_apply_rechecks_duplicates_recorded_after_the_dry_run(repo: Repository, jo: int) -> None:
    path = DATA / "tiktok_basic.json"
    plan = plan_tiktok_import(repo, path, account_id=jo, today=TODAY)
    repo.add_session(plan.to_add[0])  # e.g. another window imported the first LIVE meanwhile
    assert apply_plan(repo, plan) == 1
    assert len(repo.load_sessions()) == 2


def test_the_files_owner_is_mentioned_when_it_is_not_the_target(repo: Repository) -> None:
    kim = repo.add_account(Account("kim"))
    assert kim.id is not None
    plan = plan_tiktok_import(repo, DATA / "tiktok_basic.json", account_id=kim.id, today=TODAY)
    assert "This file is @jo's data; it goes into @kim." in plan.notices


def test_a_bare_list_of_lives_is_accepted(repo: Repository, jo: int, tmp_path: Path) -> None:
    records = [{"LiveStartTime": "2024-04-01 20:00:00", "LiveDuration": 600, "TotalLike": 3}]
    path = tmp_path / "lives.txt"
    path.write_text(json.dumps(records), encoding="utf-8")
    assert detect_format(path) == "json"
    plan = plan_tiktok_import(repo, path, account_id=jo, today=TODAY)
    assert [(s.start, s.duration, s.likes) for s in plan.to_add] == [
        (datetime(2024, 4, 1, 20), timedelta(minutes=10), 3)
    ]
    assert plan.add_lines == [1]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-01 20:15:00", datetime(2024, 3, 1, 20, 15)),
        ("2024-03-01T20:15:00", datetime(2024, 3, 1, 20, 15)),
        ("2024-03-01T20:15:00.250Z", datetime(2024, 3, 1, 20, 15)),
        ("2024-03-01T22:15:00+0200", datetime(2024, 3, 1, 20, 15)),
        (1709324100, datetime(2024, 3, 1, 20, 15)),
        ("1709324100", datetime(2024, 3, 1, 20, 15)),
        (1709324100000, datetime(2024, 3, 1, 20, 15)),
        (1709324100.5, datetime(2024, 3, 1, 20, 15)),
    ],
)
def test_start_time_forms(
    repo: Repository, jo: int, tmp_path: Path, value: object, expected: datetime
) -> None:
    entry = {"LiveStartTime": value, "LiveDuration": 60}
    doc = {"Tiktok Live": {"Go Live History": {"GoLiveList": [entry]}}}
    path = tmp_path / "user_data_tiktok.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    plan = plan_tiktok_import(repo, path, account_id=jo, today=TODAY, tz=UTC)
    assert [s.start for s in plan.to_add] == [expected]


def test_utf16_with_bom_and_an_unknown_account(repo: Repository, jo: int, tmp_path: Path) -> None:
    doc = {"Tiktok Live": {"Go Live History": {"GoLiveList": [{"LiveStartTime": "x"}]}}}
    path = tmp_path / "u.json"
    path.write_text(json.dumps(doc), encoding="utf-16")
    plan = plan_tiktok_import(repo, path, account_id=jo, today=TODAY)
    assert [p.field for p in plan.problems] == ["LiveStartTime"]
    missing = plan_tiktok_import(repo, path, account_id=jo + 99, today=TODAY)
    assert [p.message for p in missing.problems] == [f"There is no account {jo + 99}."]
