"""CSV export: inert formulas, numbers as numbers, BOM, filters, streaming, round trip."""

from __future__ import annotations

import csv
import io
import tracemalloc
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tiklive_desktop.core.entities import Account, RatePeriod, Session
from tiklive_desktop.core.report import Period
from tiklive_desktop.exchange.csv_export import cell, export_csv, neutralise
from tiklive_desktop.exchange.csv_import import plan_csv_import
from tiklive_desktop.exchange.import_plan import apply_plan
from tiklive_desktop.exchange.report_data import COLUMNS, PAGE_SIZE
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.queries import SessionQuery
from tiklive_desktop.storage.repository import Repository

if TYPE_CHECKING:  # conftest is not importable by name when every test folder has one
    from conftest import ReportSample


def read(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1 sponsor", "'+1 sponsor"),
        ("-5 degrees", "'-5 degrees"),
        ("-12.5", "'-12.5"),  # text that looks like a number is still text
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("a=1", "a=1"),
        ("1-2", "1-2"),
        ("", ""),
        (" =not first", " =not first"),
    ],
)
def test_neutralise(text: str, written: str) -> None:
    assert neutralise(text) == written


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (Decimal("-12.50"), "-12.50"),
        (Decimal("150.50"), "150.50"),
        (Decimal("1E+3"), "1000"),
        (-7, "-7"),
        (1234567, "1234567"),  # no thousands separators
        (None, ""),
        (datetime(2026, 7, 4, 20, 0), "2026-07-04 20:00"),
        (datetime(2026, 7, 4, 20, 0, 5), "2026-07-04 20:00:05"),
        (date(2026, 7, 25), "2026-07-25"),
        ("=1+1", "'=1+1"),
    ],
)
def test_cell(value: object, written: str) -> None:
    assert cell(value) == written


def test_a_formula_in_a_note_is_inert_and_a_negative_amount_a_number(
    report_repo: ReportSample, tmp_path: Path
) -> None:
    sessions = tmp_path / "sessions.csv"
    withdrawals = tmp_path / "withdrawals.csv"
    export_csv(report_repo.repo, sessions, "sessions")
    export_csv(report_repo.repo, withdrawals, "withdrawals")
    rows = read(sessions)
    assert rows[1]["notes"] == '\'=HYPERLINK("http://x","y")'
    assert rows[2]["title"] == "'-5 degrees challenge"
    assert rows[2]["notes"] == "Ünïcode ✓ 🎉"
    bob = read(withdrawals)[1]
    assert bob["net"] == "-12.50" and float(bob["net"]) == -12.5
    assert bob["note"] == "'@bank fee"
    assert (bob["amount"], bob["fee"], bob["status"]) == ("10.00", "22.50", "pending")


def test_sessions_file_is_the_import_template(report_repo: ReportSample, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    assert export_csv(report_repo.repo, path, "sessions", period=report_repo.q3) == 3
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == (
        "account,start,duration_minutes,diamonds,likes,peak_viewers,total_viewers,new_followers,"
        "comments,shares,gifters,title,notes,tags,credited_diamonds,net_usd"
    )
    first = read(path)[0]
    assert first == {
        "account": "alice", "start": "2026-07-04 20:00", "duration_minutes": "120",
        "diamonds": "30099", "likes": "1000", "peak_viewers": "80", "total_viewers": "300",
        "new_followers": "10", "comments": "50", "shares": "5", "gifters": "6",
        "title": "Summer kick-off", "notes": '\'=HYPERLINK("http://x","y")',
        "tags": "dance, q&a", "credited_diamonds": "30099", "net_usd": "150.50",
    }  # fmt: skip
    assert not text.startswith("\ufeff")


def test_bom_option(report_repo: ReportSample, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    export_csv(report_repo.repo, path, "income", bom=True)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfaccount,date,kind,")
    assert read(path, "utf-8-sig")[0]["note"] == "'+1 sponsor"
    assert b"\r\n" in raw  # Excel's line ends


@pytest.mark.parametrize(
    ("table", "account", "expected"),
    [
        ("sessions", None, 3),
        ("sessions", "alice", 2),
        ("gift_lines", None, 2),
        ("gift_lines", "bob", 0),
        ("withdrawals", None, 2),
        ("income", "bob", 1),
    ],
)
def test_period_and_account_filters(
    report_repo: ReportSample, tmp_path: Path, table: str, account: str | None, expected: int
) -> None:
    account_id = getattr(report_repo, account) if account else None
    path = tmp_path / "t.csv"
    count = export_csv(report_repo.repo, path, table, account_id=account_id, period=report_repo.q3)  # type: ignore[arg-type]
    assert count == expected == len(read(path))
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(c.name for c in COLUMNS[table])  # type: ignore[index]


def test_round_trip_through_the_importer(report_repo: ReportSample, tmp_path: Path) -> None:
    """Export every session, import them into an empty database: the same totals."""
    path = tmp_path / "all.csv"
    export_csv(report_repo.repo, path, "sessions")
    other = Repository(open_database(None))
    alice = other.add_account(Account("alice")).id
    other.add_account(Account("bob"))
    # Rates are the database's, not the file's: give alice her agency period again.
    other.add_rate_period(
        RatePeriod(date(2026, 8, 1), agency_share=Decimal("0.10"), account_id=alice)
    )
    plan = plan_csv_import(other, path, today=date(2026, 11, 27))
    assert plan.problems == [], plan.problems
    assert apply_plan(other, plan) == 5
    before = report_repo.repo.session_totals(SessionQuery())
    after = other.session_totals(SessionQuery())
    assert after == before
    other.db.close()


def test_a_big_export_streams_in_pages_and_reports_progress(
    repo: Repository, tmp_path: Path
) -> None:
    account = repo.add_account(Account("big")).id
    assert account is not None
    start = datetime(2020, 1, 1, 20, 0)
    repo.add_sessions(
        Session(account, start + timedelta(hours=7 * i), timedelta(minutes=61),
                reported_diamonds=i % 997, likes=i, notes=f"note {i}")
        for i in range(20_000)
    )  # fmt: skip
    calls: list[tuple[int, int]] = []
    path = tmp_path / "big.csv"
    tracemalloc.start()
    try:
        count = export_csv(repo, path, "sessions", progress=lambda d, t: calls.append((d, t)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20_000
    pages = 20_000 // PAGE_SIZE
    assert calls == [(0, 20_000)] + [(PAGE_SIZE * (i + 1), 20_000) for i in range(pages)]
    # All 20,000 rows at once take ~19 MB here; a page of 1,000 about 2 MB.
    assert peak < 5_000_000, peak
    with path.open(encoding="utf-8", newline="") as handle:
        rows = sum(1 for _ in csv.reader(handle))
    assert rows == 20_001
    assert io.StringIO(path.read_text(encoding="utf-8")).readline().startswith("account,")


def test_raising_from_progress_cancels_and_writes_nothing(
    report_repo: ReportSample, tmp_path: Path
) -> None:
    path = tmp_path / "s.csv"
    path.write_text("the previous export")

    def cancel(done: int, total: int) -> None:
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_csv(report_repo.repo, path, "sessions", progress=cancel)
    assert path.read_text() == "the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["s.csv"]


def test_an_unknown_table_is_refused(report_repo: ReportSample, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown table 'accounts'"):
        export_csv(report_repo.repo, tmp_path / "x.csv", "accounts")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_a_whole_period_of_nothing_is_a_header_only_file(
    report_repo: ReportSample, tmp_path: Path
) -> None:
    path = tmp_path / "empty.csv"
    period = Period(date(2020, 1, 1), date(2020, 12, 31), "2020")
    assert export_csv(report_repo.repo, path, "gift_lines", period=period) == 0
    assert path.read_bytes() == b"account,session_start,gift,count,coins_each,coins\r\n"
