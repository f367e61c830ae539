"""``tiklive import``: dry run, all or nothing, --skip-bad, accounts, exit codes 0/1/2."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tiklive_desktop import cli
from tiklive_desktop.__main__ import main as entry_point
from tiklive_desktop.core.entities import Account
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository

DATA = Path(__file__).parent / "data"
GOOD = (
    "account,start,duration_minutes,diamonds\njo,2024-03-01 20:00,60,100\njo,2024-03-02 20:00,90,\n"
)


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "t.db"
    db = open_database(path)
    Repository(db).add_account(Account("jo"))
    db.close()
    yield path


def count(db_path: Path) -> int:
    db = open_database(db_path)
    try:
        return len(Repository(db).load_sessions())
    finally:
        db.close()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_is_a_subcommand_of_the_entry_point(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "import" in cli.SUBCOMMANDS
    path = tmp_path / "s.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert entry_point(["import", str(path), "--db", str(db_path), "--dry-run"]) == 0
    assert "Dry run: nothing was stored." in capsys.readouterr().out


def test_dry_run_lists_what_would_be_added_and_stores_nothing(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.csv"
    path.write_text(GOOD, encoding="utf-8")
    code, out, err = run(capsys, "import", str(path), "--db", str(db_path), "--dry-run")
    assert (code, err) == (0, "")
    assert "  to add:      2" in out
    assert "line 2: @jo 2024-03-01 20:00, 1:00" in out
    assert "line 3: @jo 2024-03-02 20:00, 1:30" in out
    assert count(db_path) == 0


def test_import_then_again_adds_nothing(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.csv"
    path.write_text(GOOD, encoding="utf-8")
    code, out, _ = run(capsys, "import", str(path), "--db", str(db_path))
    assert code == 0 and "Imported 2 session(s)." in out
    code, out, _ = run(capsys, "import", str(path), "--db", str(db_path))
    assert code == 0 and "Imported 0 session(s)." in out
    assert "line 2: @jo 2024-03-01 20:00, 1:00" in out.split("Duplicates (not added again):")[1]
    assert count(db_path) == 2


def test_tiktok_json_is_detected_by_content_not_extension(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes((DATA / "tiktok_basic.json").read_bytes())
    code, out, _ = run(capsys, "import", str(path), "--db", str(db_path), "--account", "@JO")
    assert code == 0
    assert "export.csv (TikTok data download) into @jo" in out
    assert "line 35: LIVE #3 is not a record (null)." in out
    assert count(db_path) == 2


def test_bad_rows_store_nothing_unless_skip_bad(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.csv"
    path.write_text(GOOD + "jo,2024-03-03 20:00,60,-5\n", encoding="utf-8")
    code, out, err = run(capsys, "import", str(path), "--db", str(db_path))
    assert code == 1
    assert "line 4, diamonds: Reported Diamonds cannot be negative." in out
    assert err.strip() == (
        "tiklive: 1 problem(s) in s.csv: nothing was imported. Fix the lines listed above "
        "and run the same command again, or add --skip-bad to import only the 2 good ones."
    )
    assert count(db_path) == 0
    code, out, _ = run(capsys, "import", str(path), "--db", str(db_path), "--skip-bad")
    assert code == 0 and "Imported 2 session(s)." in out
    assert count(db_path) == 2


def test_date_order_option(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.csv"
    path.write_text("start,duration_minutes\n03/04/2024 20:00,60\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", str(path), "--db", str(db_path))
    assert code == 1 and "could be day/month/year or month/day/year" in out
    code, out, _ = run(capsys, "import", str(path), "--db", str(db_path), "--date-order", "mdy")
    assert code == 0 and "Imported 1 session(s)." in out
    db = open_database(db_path)
    assert [s.start.month for s in Repository(db).load_sessions()] == [3]
    db.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--account", "nobody"], "--account nobody: no such account (accounts: @jo)"),
        (["--date-order", "ymd"], "invalid choice: 'ymd'"),
        (["--encoding", "cp1252"], "--encoding is for CSV files"),
    ],
)
def test_usage_errors_exit_2(
    db_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    path = DATA / "tiktok_basic.json"
    code, _, err = run(capsys, "import", str(path), "--db", str(db_path), *args)
    assert code == 2 and message in err


def test_json_needs_an_account_when_there_are_several(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(db_path)
    Repository(db).add_account(Account("kim"))
    db.close()
    code, _, err = run(capsys, "import", str(DATA / "tiktok_basic.json"), "--db", str(db_path))
    assert code == 2 and "name the account with --account HANDLE (accounts: @jo, @kim)" in err


def test_missing_file_or_database_exits_1(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "import", str(tmp_path / "nope.csv"), "--db", str(db_path))
    assert code == 1 and "nope.csv: no such file" in err
    path = tmp_path / "s.json"
    path.write_text(json.dumps([]), encoding="utf-8")
    code, _, err = run(capsys, "import", str(path), "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no database at" in err
