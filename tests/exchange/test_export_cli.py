"""``tiklive report``: files written, one-line messages, exit 2 for bad input, 1 for no database."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from tiklive_desktop import cli


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_report_is_a_subcommand() -> None:
    assert "report" in cli.SUBCOMMANDS


def test_xlsx(capsys: pytest.CaptureFixture[str], report_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "q3.xlsx"
    code, stdout, err = run(capsys, "report", "--db", str(report_db), "--period", "2026-Q3",
                            "-o", str(out))  # fmt: skip
    assert (code, err) == (0, "")
    assert (
        stdout == f"wrote {out}: XLSX report (Q3 2026 (2026-07-01 to 2026-09-30), all accounts)\n"
    )
    summary = openpyxl.load_workbook(out)["Summary"]
    values = {r[0]: r[1] for r in summary.iter_rows(values_only=True) if r[0]}
    assert (values["Diamonds"], values["Total income"]) == (43099, 556)


def test_csv_of_one_table_and_account(
    capsys: pytest.CaptureFixture[str], report_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "w.csv"
    code, stdout, _ = run(capsys, "report", "--db", str(report_db), "--period", "2026-Q3",
                          "--format", "csv", "--table", "withdrawals", "--account", "@BOB",
                          "--bom", "-o", str(out))  # fmt: skip
    assert code == 0
    assert "1 withdrawals rows" in stdout and "@bob" in stdout
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["account"], r["net"], r["note"]) for r in rows] == [("bob", "-12.50", "'@bank fee")]
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_csv_without_a_period_has_every_row(
    capsys: pytest.CaptureFixture[str], report_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "all.csv"
    code, stdout, _ = run(capsys, "report", "--db", str(report_db), "-o", str(out))
    assert code == 0
    assert "5 sessions rows (all dates, all accounts)" in stdout


@pytest.mark.usefixtures("qapp")
def test_pdf_with_a_tax_year(
    capsys: pytest.CaptureFixture[str], report_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "tax.pdf"
    code, stdout, err = run(capsys, "report", "--db", str(report_db), "--period", "tax-2026",
                            "--tax-year-start", "7", "-o", str(out))  # fmt: skip
    assert (code, err) == (0, "")
    assert "Tax year 2026/27 (2026-07-01 to 2027-06-30)" in stdout
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--period", "2026-13", "-o", "x.pdf"], "period '2026-13': there is no month 13"),
        (["--period", "Q3", "-o", "x.pdf"], "--period: period 'Q3' is not a period (use 2026-10"),
        (["-o", "x.xlsx"], "--period is needed for a report as XLSX (use 2026-10"),
        (["--period", "2026", "-o", "x.txt"], "say --format pdf, xlsx or csv"),
        (["--period", "2026", "-o", "x.pdf", "--table", "income"], "for --format csv only"),
        (["--period", "2026", "-o", "x.xlsx", "--bom"], "for --format csv only"),
        (["--period", "tax-2026", "--tax-year-start", "13", "-o", "x.pdf"],
         "--tax-year-start 13: use a month number, 1 to 12"),
        (["--period", "2026", "-o", "x.csv", "--account", "zed"],
         "--account zed: no such account (accounts: @alice, @bob)"),
        (["--period", "2026", "-o", "x.csv", "--table", "accounts"], "invalid choice: 'accounts'"),
        (["--period", "2026"], "the following arguments are required: -o/--out"),
        (["--period", "2026", "-o", "x.doc", "--format", "doc"], "invalid choice: 'doc'"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
    report_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    says: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, stdout, err = run(capsys, "report", "--db", str(report_db), *args)
    assert (code, stdout) == (2, "")
    assert err.count("\n") == 1 and err.startswith("tiklive")
    assert says in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.db"]  # nothing written


def test_a_missing_database_is_exit_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "report", "--db", str(tmp_path / "none.db"), "--period", "2026",
                       "-o", str(tmp_path / "x.xlsx"))  # fmt: skip
    assert code == 1
    assert err.startswith("tiklive: no database at") and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_a_missing_output_folder_is_exit_1(
    capsys: pytest.CaptureFixture[str], report_db: Path, tmp_path: Path
) -> None:
    target = tmp_path / "nowhere" / "q3.xlsx"
    code, _, err = run(capsys, "report", "--db", str(report_db), "--period", "2026-Q3",
                       "-o", str(target))  # fmt: skip
    assert code == 1
    assert err == f"tiklive: {target}: the folder {target.parent} does not exist\n"
