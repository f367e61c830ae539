"""The command line, run in-process: output, exit codes and one-line messages."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiklive_desktop import __version__, cli
from tiklive_desktop.cli.args import parse_gift_spec, parse_period
from tiklive_desktop.cli.common import UsageError
from tiklive_desktop.cli.text import exact_money_text, money_text, percent_text
from tiklive_desktop.core.entities import (
    Account,
    Gift,
    GiftLine,
    IncomeKind,
    OtherIncome,
    RatePeriod,
    Session,
    Withdrawal,
    WithdrawalStatus,
)
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.location import default_database_path
from tiklive_desktop.storage.repository import Repository

ROOT = Path(__file__).resolve().parents[1]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def row_of(out: str, label: str) -> list[str]:
    """The cells of the table row starting with ``label`` (cells are 2+ spaces apart)."""
    for line in out.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if cells[0] == label:
            return cells
    raise AssertionError(f"no row {label!r} in:\n{out}")


def test_subcommands_are_announced() -> None:
    assert {"calc", "summary", "demo-data", "report", "import"} == cli.SUBCOMMANDS


# --- calc -----------------------------------------------------------------------------


def test_calc_lion(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "calc", "Lion=1")
    assert (code, err) == (0, "")
    # Gift, Count, Coins each, Coins, Diamonds, Gift value, Creator share, Net
    assert row_of(out, "Lion") == [
        "Lion", "1", "29,999", "29,999", "29,999", "$299.99", "$150.00", "$150.00"
    ]  # fmt: skip
    assert "Net to you: $150.00 (exactly $149.995 before rounding)" in out
    assert "enough to cash out" in out
    assert "$100.00" in out


def test_calc_without_db_touches_no_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIKLIVE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "calc", "Rose")[0] == 0
    assert not default_database_path().exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_calc_below_the_minimum(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calc", "Rose=100")
    assert code == 0
    assert row_of(out, "Total")[1:] == ["100", "100", "100", "$1.00", "$0.50", "$0.50"]
    assert "0.5% of the $100.00 minimum; 19,900 more Diamonds needed" in out
    assert "before rounding" not in out  # $0.50 is exact


def test_calc_adds_gifts_case_insensitively(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calc", "rose=2", "Hand  Hearts=3", "LION", "Rose=1,000")
    assert code == 0
    assert row_of(out, "Rose")[1:4] == ["1,002", "1", "1,002"]
    assert row_of(out, "Hand Hearts")[1:4] == ["3", "100", "300"]
    # 1,002 + 300 + 29,999 coins; $313.01 of gifts; 31,301 Diamonds = $156.505
    assert row_of(out, "Total") == [
        "Total", "1,006", "31,301", "31,301", "$313.01", "$156.51", "$156.51"
    ]  # fmt: skip
    assert "exactly $156.505 before rounding" in out


def test_calc_over_the_daily_maximum(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calc", "TikTok Universe=5")  # 224,995 Diamonds = $1,124.975
    assert code == 0
    assert "at most $1,000.00 a day, so 2 days to withdraw it all" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["calc", "Rose=-1"], "Rose=-1: the count must be a whole number of at least 1"),
        (["calc", "Rose=abc"], "Rose=abc: the count must be a whole number of at least 1"),
        (["calc", "Rose=0"], "Rose=0: the count must be a whole number of at least 1"),
        (["calc", "Rose=1.5"], "Rose=1.5: the count must be a whole number"),
        (["calc", "Unicorn=1"], "Unicorn=1: no gift called 'Unicorn' in the catalog"),
        (["calc", "=3"], "=3: a gift name is missing"),
        (["calc"], "the following arguments are required"),
        (["calc", "Rose", "--region", "XX"], "--region XX: unknown region"),
        (["summary", "--period", "2026-13"], "--period 2026-13: not a period"),
        (["summary", "--period", "2026-10-15..2026-10-01"], "the range ends before it begins"),
        (["summary", "--today", "tomorrow"], "--today tomorrow: not a date"),
        (["demo-data", "--out", "x.db", "--sessions", "abc"], "--sessions abc: must be a whole"),
        (["demo-data", "--sessions", "5"], "the following arguments are required: --out"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert message in err
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err


def test_a_near_miss_suggests_the_gift(capsys: pytest.CaptureFixture[str]) -> None:
    assert "did you mean Unicorn Fantasy?" in run(capsys, "calc", "Unicorn=1")[2]


def test_calc_uses_the_databases_catalog_and_rates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "own.db"
    db = open_database(path)
    repo = Repository(db)
    repo.add_gift(Gift("Mega Rose", 7), effective=date(2020, 1, 1))
    repo.add_rate_period(RatePeriod(effective=date(2020, 1, 1), agency_share=Decimal("0.2")))
    db.close()
    code, out, _ = run(capsys, "calc", "Mega Rose=10", "--db", str(path))
    assert code == 0
    # 70 coins -> $0.70 of gifts -> 70 Diamonds = $0.35 -> agency 20% = $0.07 -> net $0.28
    assert row_of(out, "Mega Rose") == [
        "Mega Rose", "10", "7", "70", "70", "$0.70", "$0.35", "$0.07", "$0.28"
    ]  # fmt: skip
    assert "agency share 20%" in out
    assert run(capsys, "calc", "Mega Rose=10")[0] == 2  # not in the shipped catalog


# --- summary ----------------------------------------------------------------------------


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    """Two accounts, four sessions, some income and one withdrawal; totals worked out by hand."""
    path = tmp_path / "small.db"
    db = open_database(path)
    repo = Repository(db)
    alpha = repo.add_account(Account("alpha", monthly_goal_diamonds=10_000))
    beta = repo.add_account(Account("beta", region="GB"))
    assert alpha.id is not None and beta.id is not None

    def live(account: int, start: str, minutes: int, **fields: object) -> Session:
        return Session(account, datetime.fromisoformat(start), timedelta(minutes=minutes), **fields)

    lion_and_rose = (GiftLine("Lion", 1, 29_999), GiftLine("Rose", 1, 1))
    repo.add_sessions(
        [
            live(alpha.id, "2026-09-30T20:00", 60, reported_diamonds=5_000),  # before October
            live(alpha.id, "2026-10-03T20:00", 120, reported_diamonds=10_000, likes=5_000,
                 total_viewers=400, new_followers=20),
            live(alpha.id, "2026-10-10T19:00", 90, likes=10_000, total_viewers=600,
                 new_followers=30, gift_lines=lion_and_rose),
            live(beta.id, "2026-10-20T21:00", 30, reported_diamonds=2_000, likes=1_000,
                 total_viewers=100, new_followers=10),
        ]
    )  # fmt: skip
    repo.add_income(OtherIncome(alpha.id, date(2026, 10, 5), IncomeKind.BRAND, Decimal(500)))
    repo.add_income(
        OtherIncome(alpha.id, date(2026, 10, 12), IncomeKind.MERCHANDISE, Decimal("25.5"))
    )
    repo.add_income(OtherIncome(beta.id, date(2026, 11, 2), IncomeKind.DONATION, Decimal(10)))
    repo.add_withdrawal(
        Withdrawal(alpha.id, date(2026, 10, 15), 20_000, Decimal(100), fee=Decimal(2),
                   status=WithdrawalStatus.PAID)
    )  # fmt: skip
    db.close()
    return path


def test_summary_of_a_month(capsys: pytest.CaptureFixture[str], small_db: Path) -> None:
    code, out, err = run(
        capsys, "summary", "--db", str(small_db), "--period", "2026-10", "--today", "2026-10-31"
    )
    assert (code, err) == (0, "")
    assert out.startswith("October 2026 (2026-10-01 to 2026-10-31), all accounts")
    expected = {
        "Sessions": "3",
        "Hours live": "4.0",  # 2 h + 1.5 h + 0.5 h
        "Diamonds": "42,000",  # 10,000 + 30,000 + 2,000
        "Gift value": "$420.00",  # 42,000 x $0.005 / (1 - 50%)
        "Creator share": "$210.00",
        "Agency share": "$0.00",
        "Net": "$210.00",
        "Likes": "16,000",
        "Viewers": "1,100",
        "New followers": "60",
        "Diamonds per hour": "10,500.0",  # 42,000 / 4 h
        "Diamonds per 1,000 likes": "2,625.0",
        "Diamonds per viewer": "38.2",  # 38.18...
        "Diamonds per new follower": "700.0",
    }
    for label, value in expected.items():
        assert row_of(out, label) == [label, value]
    assert row_of(out, "brand partnership") == ["brand partnership", "$500.00"]
    assert row_of(out, "merchandise") == ["merchandise", "$25.50"]
    assert row_of(out, "Total") == ["Total", "$525.50"]  # November's donation is not in it
    assert "Withdrawals: 1 totalling $100.00 (fees $2.00; 0 pending)" in out
    # @alpha: 5,000 + 10,000 + 30,000 earned - 20,000 withdrawn = 25,000 Diamonds = $125.00
    assert "@alpha: 25,000 Diamonds = $125.00; can cash out up to $125.00 today" in out
    assert "monthly goal 400% of 10,000" in out  # 40,000 in October
    # @beta: 2,000 Diamonds in the last 30 days -> 18,000 to go at 66.7 a day = 270 days
    assert (
        "@beta: 2,000 Diamonds = $10.00; 10% of the $100.00 minimum, 18,000 Diamonds to go"
        " (about 2027-07-28 at the recent pace)" in out
    )


def test_summary_of_one_account_and_a_range(
    capsys: pytest.CaptureFixture[str], small_db: Path
) -> None:
    code, out, _ = run(
        capsys, "summary", "--db", str(small_db), "--account", "ALPHA",
        "--period", "2026-09-30..2026-10-05", "--today", "2026-10-31",
    )  # fmt: skip
    assert code == 0
    assert out.startswith("2026-09-30 to 2026-10-05 (2026-09-30 to 2026-10-05), @alpha")
    assert row_of(out, "Sessions") == ["Sessions", "2"]
    assert row_of(out, "Diamonds") == ["Diamonds", "15,000"]
    assert row_of(out, "Net") == ["Net", "$75.00"]
    assert row_of(out, "brand partnership") == ["brand partnership", "$500.00"]
    assert "Withdrawals: none" in out
    assert "@beta" not in out


def test_summary_of_an_empty_period(capsys: pytest.CaptureFixture[str], small_db: Path) -> None:
    code, out, _ = run(capsys, "summary", "--db", str(small_db), "--period", "2025")
    assert code == 0
    assert row_of(out, "Sessions") == ["Sessions", "0"]
    assert row_of(out, "Diamonds per hour") == ["Diamonds per hour", "-"]
    assert "Other income: none" in out


def test_summary_of_an_unknown_account(capsys: pytest.CaptureFixture[str], small_db: Path) -> None:
    code, _, err = run(capsys, "summary", "--db", str(small_db), "--account", "@gamma")
    assert code == 2
    assert "--account @gamma: no such account (accounts: @alpha, @beta)" in err


def test_summary_without_a_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIKLIVE_DATA_DIR", str(tmp_path / "data"))
    code, out, err = run(capsys, "summary")
    assert (code, out) == (1, "")
    assert f"no database at {default_database_path()}" in err
    assert not (tmp_path / "data").exists()  # a read command creates nothing
    code, _, err = run(capsys, "summary", "--db", str(tmp_path / "missing.db"))
    assert code == 1
    assert "missing.db" in err
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.parametrize("content", [b"", b"just some notes\n" * 100])
def test_summary_of_a_file_that_is_not_a_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    code, out, err = run(capsys, "summary", "--db", str(path))
    assert (code, out) == (1, "")
    assert "not a TikLive Desktop database" in err
    assert len(err.splitlines()) == 1
    assert path.read_bytes() == content  # left exactly as it was


def test_an_unexpected_failure_is_still_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiklive_desktop.cli import calc

    def broken(*_: object) -> list[str]:
        raise RuntimeError("boom")

    monkeypatch.setattr(calc, "calc_report", broken)
    code, _, err = run(capsys, "calc", "Rose")
    assert code == 1
    assert err == "tiklive: unexpected error (RuntimeError: boom)\n"


# --- demo-data --------------------------------------------------------------------------


def test_demo_data_writes_and_refuses_to_overwrite(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "demo.db"
    code, out, _ = run(capsys, "demo-data", "--sessions", "30", "--out", str(path))
    assert code == 0
    assert "30 sessions" in out and str(path) in out
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM sessions").fetchone() == (30,)
    conn.close()
    before = path.read_bytes()
    code, out, err = run(capsys, "demo-data", "--sessions", "5", "--out", str(path))
    assert (code, out) == (1, "")
    assert "already exists (add --force to replace it)" in err
    assert path.read_bytes() == before
    code, _, _ = run(capsys, "demo-data", "--sessions", "5", "--out", str(path), "--force")
    assert code == 0
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM sessions").fetchone() == (5,)
    conn.close()


def test_demo_data_into_a_missing_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "demo-data", "--out", str(tmp_path / "no" / "demo.db"))
    assert code == 1
    assert "the folder" in err and "does not exist" in err


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"tiklive {__version__}\n", "")
    code, out, _ = run(capsys, "calc", "--help")
    assert code == 0
    assert "GIFT[=COUNT]" in out


# --- the pieces ---------------------------------------------------------------------------


@given(st.integers(1, 10**12))
def test_counts_read_with_or_without_separators(count: int) -> None:
    assert parse_gift_spec(f"Rose={count:,}").count == count
    assert parse_gift_spec(f"Rose={count}").count == count


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2026-10", date(2026, 10, 1), date(2026, 10, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("2026-q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-10-01..2026-10-15", date(2026, 10, 1), date(2026, 10, 15)),
    ],
)
def test_periods(text: str, first: date, last: date) -> None:
    period = parse_period(text)
    assert (period.first, period.last) == (first, last)


@pytest.mark.parametrize("text", ["2026-00", "2026-Q5", "26", "2026-10-01..", "last month"])
def test_not_periods(text: str) -> None:
    with pytest.raises(UsageError, match="not a period"):
        parse_period(text)


@pytest.mark.parametrize(
    ("amount", "text", "exact"),
    [
        (Decimal("149.995"), "$150.00", "$149.995"),
        (Decimal("1234567.5"), "$1,234,567.50", "$1,234,567.50"),
        (Decimal("0.005"), "$0.01", "$0.005"),
        (Decimal(0), "$0.00", "$0.00"),
    ],
)
def test_money_text(amount: Decimal, text: str, exact: str) -> None:
    assert money_text(amount) == text
    assert exact_money_text(amount) == exact


@pytest.mark.parametrize(
    ("fraction", "text"),
    [(Decimal("0.5"), "50%"), (Decimal("0.005"), "0.5%"), (Decimal("0.1234"), "12.34%")],
)
def test_percent_text(fraction: Decimal, text: str) -> None:
    assert percent_text(fraction) == text


# --- the real command -------------------------------------------------------------------------


def test_python_dash_m_runs_calc(tmp_path: Path) -> None:
    if not (ROOT / "tiklive_desktop" / "__main__.py").exists():
        pytest.skip("tiklive_desktop/__main__.py is not there yet")
    env = {**os.environ, "TIKLIVE_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "tiklive_desktop", "calc", "Lion=1"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "29,999" in done.stdout and "$150.00" in done.stdout
