"""Every malformed file in malformed/ gives a message naming its line or field, and stores nothing.

Each file is imported three ways: planned (the message is checked), applied
through ``apply_plan`` (refused) and through ``tiklive import`` without
``--dry-run`` (exit 1); the database's full SQL dump is the same before and after.
"""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tiklive_desktop import cli
from tiklive_desktop.core.entities import Account, Session
from tiklive_desktop.exchange.csv_import import plan_csv_import
from tiklive_desktop.exchange.import_plan import (
    ImportPlan,
    ImportRefusedError,
    apply_plan,
    detect_format,
)
from tiklive_desktop.exchange.tiktok_import import plan_tiktok_import
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository

MALFORMED = Path(__file__).parent / "malformed"
TODAY = date(2026, 6, 1)
FILE = 0

# file, line, field (as the file names it), words the message must contain
CASES: list[tuple[str, int, str | None, str]] = [
    ("missing_start_column.csv", 1, None, "No start column"),
    ("missing_duration_column.csv", 1, None, "No duration_minutes (or end) column"),
    ("bad_date.csv", 3, "start", "2024-13-45 20:00 is not a real date"),
    ("date_without_time.csv", 2, "start", "has a date but no time of day"),
    ("words_for_date.csv", 3, "start", "'yesterday evening' is not a date and time"),
    ("negative_likes.csv", 3, "likes", "Likes cannot be negative"),
    ("negative_duration.csv", 3, "duration_minutes", "Duration cannot be negative"),
    ("huge_number.csv", 3, "diamonds", "too large: the most this app accepts is 1,000,000,000,000"),
    ("not_a_number.csv", 3, "likes", "Likes must be a whole number"),
    ("empty.csv", FILE, None, "The file is empty"),
    ("blank_lines_only.csv", FILE, None, "The file is empty"),
    ("header_only.csv", 1, None, "a header but no sessions"),
    ("bom_semicolons_bad_row.csv", 3, "peak_viewers", "Peak viewers cannot be more than total"),
    ("end_before_start.csv", 3, "end", "End must be after the start"),
    ("duplicate_rows.csv", 4, "diamonds", "Reported Diamonds cannot be negative"),
    ("unknown_account.csv", 3, "account", "No account @nobody in this database"),
    ("ambiguous_dates.csv", 2, "start", "03/04/2024 could be day/month/year or month/day/year"),
    ("mixed_date_orders.csv", 3, "start", "mix day/month/year (line 2: 25/03/2024"),
    ("unquoted_comma.csv", 3, None, "has 9 values but the header has 8 columns"),
    ("future_date.csv", 3, "start", "Start is in the future"),
    ("before_tiktok_live.csv", 2, "start", "before 1 September 2016"),
    ("too_long_live.csv", 2, "duration_minutes", "more than 24 hours"),
    ("peak_above_total.csv", 2, "peak_viewers", "Peak viewers cannot be more than total"),
    ("bad_duration_text.csv", 2, "duration_minutes", "'an hour' is not a duration"),
    ("latin1.csv", 2, None, "Line 2 is not UTF-8 text (byte 0xE9 at column 39)"),
    ("utf16_no_bom.csv", FILE, None, "UTF-16 text without a byte-order mark"),
    ("png_renamed.csv", FILE, None, "This is a PNG image, not a CSV text file"),
    ("xlsx_renamed.csv", FILE, None, "an Excel workbook (.xlsx)"),
    ("truncated.json", 8, None, "not valid JSON: Expecting value at line 8, column 21"),
    ("wrong_shape.json", FILE, None, "JSON of another shape (a list)"),
    ("no_live_history.json", FILE, None, 'No LIVE history in this file: expected "Tiktok Live"'),
    ("empty_live_list.json", FILE, "GoLiveList", "The LIVE history in this file is empty"),
    ("tiktok_negative_like.json", 15, "TotalLike", "LIVE #2: Likes cannot be negative"),
    ("tiktok_end_before_start.json", 15, "LiveEndTime", "LIVE #2: End must be after the start"),
    ("tiktok_unreadable_time.json", 15, "LiveStartTime", "LIVE #2: 'next friday' is not a date"),
]


def test_every_malformed_file_has_a_case() -> None:
    assert len(CASES) >= 20
    assert sorted(p.name for p in MALFORMED.iterdir()) == sorted(name for name, *_ in CASES)


def _seed(repo: Repository) -> Account:
    account = repo.add_account(Account("jo"))
    assert account.id is not None
    start = datetime(2024, 2, 1, 20, 0)
    repo.add_session(Session(account.id, start, timedelta(hours=1), reported_diamonds=50))
    return account


def _plan(repo: Repository, path: Path, account_id: int) -> ImportPlan:
    if detect_format(path) == "json":
        return plan_tiktok_import(repo, path, account_id=account_id, today=TODAY)
    return plan_csv_import(repo, path, today=TODAY)


def _dump(conn: sqlite3.Connection) -> str:
    return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


@pytest.mark.parametrize(("name", "line", "field", "words"), CASES)
def test_message_names_the_line_or_field_and_nothing_is_stored(
    repo: Repository, name: str, line: int, field: str | None, words: str
) -> None:
    account = _seed(repo)
    assert account.id is not None
    before = _dump(repo.conn)
    plan = _plan(repo, MALFORMED / name, account.id)
    assert not plan.ok
    found = [p for p in plan.problems if words in p.message]
    assert found, f"{name}: {[str(p) for p in plan.problems]}"
    assert (found[0].line, found[0].field) == (line, field)
    where = "file" if line == FILE else f"line {line}"
    assert str(found[0]).startswith(where)
    with pytest.raises(ImportRefusedError):
        apply_plan(repo, plan)
    assert _dump(repo.conn) == before


@pytest.mark.parametrize("name", [name for name, *_ in CASES])
def test_the_command_line_stores_nothing_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    db_path = tmp_path / "t.db"
    db = open_database(db_path)
    _seed(Repository(db))
    before = _dump(db.conn)
    db.close()
    code = cli.main(["import", str(MALFORMED / name), "--db", str(db_path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "nothing was imported" in err
    assert "bad rows:" in out
    with sqlite3.connect(db_path) as conn:
        assert _dump(conn) == before


def test_duplicate_rows_are_listed_with_their_line(repo: Repository) -> None:
    account = _seed(repo)
    assert account.id is not None
    plan = _plan(repo, MALFORMED / "duplicate_rows.csv", account.id)
    assert [line for line, _ in plan.duplicates] == [3]
    assert plan.add_lines == [2]


def test_a_bad_row_can_be_skipped_on_request(repo: Repository) -> None:
    """--skip-bad: the good rows of a file with a bad one go in; the bad one does not."""
    account = _seed(repo)
    assert account.id is not None
    plan = _plan(repo, MALFORMED / "tiktok_negative_like.json", account.id)
    assert apply_plan(repo, plan, skip_bad=True) == 1
    starts = [s.start for s in repo.load_sessions()]
    assert sorted(starts) == [datetime(2024, 2, 1, 20, 0), datetime(2024, 3, 1, 20, 15)]
