"""Hostile command lines: one line on stderr naming the problem, the right status, no traceback.

Exit 2 for a wrong command line, 1 when the input was understood but the work
could not be done (a missing, damaged or foreign database).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tiklive_desktop import cli

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "faults"))

from fault_common import write_base_database


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "good.db"
    write_base_database(path)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (
            ["calc", "Rose=99999999999999999999"],
            2,
            "tiklive: Rose=99999999999999999999: the count is too large "
            "(at most 1,000,000,000,000)",
        ),
        (
            ["calc", f"Rose={2**53 + 1}"],
            2,
            f"tiklive: Rose={2**53 + 1}: the count is too large (at most 1,000,000,000,000)",
        ),
        (
            ["calc", "Rose=1e309"],
            2,
            "tiklive: Rose=1e309: the count must be a whole number of at least 1",
        ),
        (
            ["calc", "Rose=-1"],
            2,
            "tiklive: Rose=-1: the count must be a whole number of at least 1",
        ),
        (
            ["calc", "Rose=1٣"],
            2,
            "tiklive: Rose=1٣: the count must be a whole number of at least 1",
        ),
        (["calc", "🌹=5"], 2, "tiklive: 🌹=5: no gift called '🌹' in the catalog"),
        (
            ["summary", "--period", "2026-13"],
            2,
            "tiklive: --period 2026-13: not a period (use 2026-10, 2026-Q3, 2026, "
            "2026-10-01..2026-10-15 or all)",
        ),
        (
            ["summary", "--period", "2026-02-30..2026-03-01"],
            2,
            "tiklive: --period 2026-02-30..2026-03-01: not a period (use 2026-10, 2026-Q3, 2026, "
            "2026-10-01..2026-10-15 or all)",
        ),
        (
            ["summary", "--today", "9999-12-31"],
            2,
            "tiklive: --today 9999-12-31: must be a day from 2000-01-01 to 2999-12-31",
        ),
        (
            ["summary", "--today", "0001-01-01"],
            2,
            "tiklive: --today 0001-01-01: must be a day from 2000-01-01 to 2999-12-31",
        ),
        (
            ["summary", "--account", "@😀"],
            2,
            "tiklive: --account @😀: no such account (accounts: @luna.sings)",
        ),
        (
            ["report", "--period", "9999", "-o", "{tmp}/r.pdf"],
            2,
            "tiklive: --period 9999: must end by 2999-12-31",
        ),
        (
            ["demo-data", "--out", "{tmp}/d.db", "--sessions", "-5"],
            2,
            "tiklive: --sessions -5: must be a whole number from 0 to 1,000,000",
        ),
        (
            ["demo-data", "--out", "{tmp}/d.db", "--end", "9999-12-31"],
            2,
            "tiklive: --end 9999-12-31: must be a day from 2000-01-01 to 2999-12-31",
        ),
    ],
)
def test_bad_arguments_get_one_clear_line(
    capsys, database: Path, tmp_path: Path, args: list[str], status: int, message: str
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if args[0] in ("summary", "report", "calc") and "--db" not in args:
        args += ["--db", str(database)]
    got_status, _, err = run(capsys, *args)
    assert (got_status, err) == (status, message + "\n")
    assert not list(tmp_path.iterdir())  # nothing half-written


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            "missing",
            "tiklive: no database at {path} "
            "(record something in the app first, or name one with --db)",
        ),
        ("folder", "tiklive: {path} is not a file"),
        ("empty", "tiklive: {path} is empty, not a TikLive Desktop database"),
    ],
)
def test_a_bad_db_path_is_named_and_left_alone(
    capsys, tmp_path: Path, make: str, message: str
) -> None:
    path = tmp_path / "x.db"
    if make == "folder":
        path.mkdir()
    elif make == "empty":
        path.touch()
    status, _, err = run(capsys, "summary", "--db", str(path))
    assert (status, err) == (1, message.format(path=path) + "\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ([] if make == "missing" else ["x.db"])
    if make == "empty":
        assert path.stat().st_size == 0


def test_arabic_indic_digits_count_in_calc(capsys) -> None:
    status, out, err = run(capsys, "calc", "Rose=١٠")
    assert (status, err) == (0, "")
    assert "Net to you: $0.05" in out  # 10 Roses = 10 coins = 10 Diamonds x $0.005


def test_the_last_day_allowed_still_works(capsys, database: Path) -> None:
    status, out, err = run(capsys, "summary", "--db", str(database), "--today", "2999-12-31")
    assert (status, err) == (0, "")
    assert "December 2999" in out
