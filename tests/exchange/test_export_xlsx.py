"""XLSX export read back with openpyxl: the Summary's totals are the database's."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from tiklive_desktop.core.entities import Account, ExchangeRate, Session
from tiklive_desktop.core.report import Period
from tiklive_desktop.exchange import xlsx_export
from tiklive_desktop.exchange.xlsx_export import export_xlsx, money_format
from tiklive_desktop.storage.repository import Repository

if TYPE_CHECKING:  # conftest is not importable by name when every test folder has one
    from conftest import ReportSample


def labelled(sheet: Worksheet) -> dict[str, Any]:
    """Column A label -> column B value, for the Summary's figure rows."""
    values: dict[str, Any] = {}
    for label, value, *_ in sheet.iter_rows(values_only=True):
        if isinstance(label, str) and value is not None:
            values.setdefault(label, value)
    return values


def money(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


@pytest.fixture
def book(report_repo: ReportSample, tmp_path: Path) -> openpyxl.Workbook:
    path = tmp_path / "q3.xlsx"
    export_xlsx(report_repo.repo, path, account_id=None, period=report_repo.q3)
    return openpyxl.load_workbook(path)


def test_sheets(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == ["Summary", "Sessions", "Gift lines", "Withdrawals", "Income"]


def test_summary_totals_are_the_databases(book: openpyxl.Workbook) -> None:
    summary = labelled(book["Summary"])
    assert summary["Account"] == "All accounts"
    assert summary["Period"] == "Q3 2026 (2026-07-01 to 2026-09-30)"
    assert summary["Money in"] == "USD"
    # Hand-computed in conftest.py: three sessions, 4 hours, 43,099 Diamonds.
    assert (summary["Sessions"], summary["Hours live"], summary["Diamonds"]) == (3, 4, 43099)
    assert money(summary["Gift value"]) == Decimal("430.99")
    assert money(summary["Creator share"]) == Decimal("215.50")  # 215.495, rounded once
    assert money(summary["Agency share"]) == Decimal("5.00")
    assert money(summary["Net from LIVE"]) == Decimal("210.50")
    assert money(summary["Brand partnership"]) == Decimal("300.00")
    assert money(summary["Other income, total"]) == Decimal("345.50")
    assert money(summary["Total income"]) == Decimal("556.00")  # 555.995
    assert (summary["Withdrawals"], summary["Withdrawn Diamonds"]) == (2, 22000)
    assert money(summary["Withdrawn amount"]) == Decimal("110.00")
    assert money(summary["Payout fees"]) == Decimal("23.50")
    assert summary["Balance at start (Diamonds)"] == 2000
    assert summary["Balance at end (Diamonds)"] == 23099
    assert summary["Diamonds per hour"] == pytest.approx(10774.8)


def test_month_table_and_its_total(book: openpyxl.Workbook) -> None:
    rows = list(book["Summary"].iter_rows(values_only=True))
    header = rows.index(xlsx_export.MONTH_HEADERS)
    months = rows[header + 1 : header + 5]
    assert [row[0] for row in months] == ["2026-07", "2026-08", "2026-09", "Total"]
    assert [row[3] for row in months] == [30099, 10000, 3000, 43099]
    assert [money(row[6]) for row in months] == [
        Decimal("450.50"), Decimal("45.00"), Decimal("60.50"), Decimal("556.00"),
    ]  # fmt: skip
    assert [money(row[7]) for row in months] == [
        Decimal("100.00"), Decimal("0.00"), Decimal("10.00"), Decimal("110.00"),
    ]  # fmt: skip


def test_summary_cells_are_formatted(book: openpyxl.Workbook) -> None:
    sheet = book["Summary"]
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_col=1, max_col=2) if row[0].value}
    assert cells["Diamonds"].number_format == "#,##0"
    assert cells["Total income"].number_format == money_format("USD")
    assert cells["Hours live"].number_format == "#,##0.0"
    assert cells["Created"].is_date


def test_table_sheets(book: openpyxl.Workbook, report_repo: ReportSample) -> None:
    sessions = book["Sessions"]
    assert sessions.freeze_panes == "A2"
    assert sessions.auto_filter.ref == "A1:P4"
    header = [c.value for c in sessions[1]]
    assert header[:4] == ["account", "start", "duration_minutes", "diamonds"]
    first = dict(zip(header, sessions[2], strict=True))
    assert first["start"].value == datetime(2026, 7, 4, 20, 0)
    assert first["start"].number_format == "yyyy-mm-dd hh:mm"
    # Text is text: the note is not a formula, and needs no quote in a typed cell.
    assert first["notes"].value == '=HYPERLINK("http://x","y")'
    assert first["notes"].data_type == "s"
    assert first["net_usd"].value == pytest.approx(150.5)
    assert first["net_usd"].number_format == money_format("USD")
    assert sessions.column_dimensions["M"].width == pytest.approx(40, abs=1)  # notes

    withdrawals = book["Withdrawals"]
    bob = [c.value for c in withdrawals[3]]
    assert bob[:6] == ["bob", datetime(2026, 9, 20), 2000, 10, 22.5, -12.5]
    assert withdrawals.cell(3, 2).number_format == "yyyy-mm-dd"
    assert withdrawals.auto_filter.ref == "A1:J3"
    assert [c.value for c in book["Gift lines"]["C"]] == ["gift", "Rose", "Lion"]
    assert book["Income"].max_row == 3


def test_one_account_in_another_currency(report_repo: ReportSample, tmp_path: Path) -> None:
    repo = report_repo.repo
    repo.update_account(Account("bob", currency="EUR", id=report_repo.bob))
    repo.add_exchange_rate(ExchangeRate("EUR", date(2026, 1, 1), Decimal("0.9")))
    path = tmp_path / "bob.xlsx"
    export_xlsx(repo, path, account_id=report_repo.bob, period=report_repo.q3)
    summary_sheet = openpyxl.load_workbook(path)["Summary"]
    summary = labelled(summary_sheet)
    assert summary["Account"] == "@bob"
    assert summary["Money in"] == "EUR (1 USD = 0.9 EUR)"
    assert money(summary["Net from LIVE"]) == Decimal("13.50")  # $15 x 0.9
    assert money(summary["Total income"]) == Decimal("54.45")  # ($15 + $45.50) x 0.9
    net = next(r[1] for r in summary_sheet.iter_rows() if r[0].value == "Net from LIVE")
    assert net.number_format == money_format("EUR")


def test_progress_counts_every_table_row(report_repo: ReportSample, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    export_xlsx(
        report_repo.repo,
        tmp_path / "p.xlsx",
        account_id=None,
        period=report_repo.q3,
        progress=lambda done, total: calls.append((done, total)),
    )
    # 3 sessions, 2 gift lines, 2 withdrawals, 2 income entries: one page each.
    assert calls == [(0, 9), (3, 9), (5, 9), (7, 9), (9, 9)]


def test_a_failed_export_leaves_no_file(report_repo: ReportSample, tmp_path: Path) -> None:
    def fail(done: int, total: int) -> None:
        if done:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        export_xlsx(
            report_repo.repo, tmp_path / "x.xlsx", account_id=None, period=report_repo.q3,
            progress=fail,
        )  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_a_table_longer_than_a_sheet_goes_on(
    report_repo: ReportSample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_export, "MAX_ROWS", 2)  # header + one row per sheet
    path = tmp_path / "split.xlsx"
    export_xlsx(
        report_repo.repo, path, account_id=None,
        period=Period(date(2026, 1, 1), date(2026, 12, 31), "2026"),
    )  # fmt: skip
    book = openpyxl.load_workbook(path)
    parts = [name for name in book.sheetnames if name.startswith("Sessions")]
    assert parts == ["Sessions", "Sessions (2)", "Sessions (3)", "Sessions (4)", "Sessions (5)"]
    assert [book[name]["B2"].value for name in parts] == [
        datetime(2026, 6, 30, 23, 59), datetime(2026, 7, 4, 20), datetime(2026, 8, 15, 21, 30),
        datetime(2026, 9, 30, 23, 30), datetime(2026, 10, 1),
    ]  # fmt: skip
    assert all(book[name]["A1"].value == "account" for name in parts)


def test_a_big_workbook_is_written_in_pages(repo: Repository, tmp_path: Path) -> None:
    account = repo.add_account(Account("big")).id
    assert account is not None
    repo.add_sessions(
        Session(account, datetime(2026, 1, 1, 20) + timedelta(hours=3 * i),
                timedelta(minutes=45), reported_diamonds=i)
        for i in range(2500)
    )  # fmt: skip
    calls: list[tuple[int, int]] = []
    path = tmp_path / "big.xlsx"
    figures = export_xlsx(repo, path, account_id=None,
                          period=Period(date(2026, 1, 1), date(2026, 12, 31), "2026"),
                          progress=lambda done, total: calls.append((done, total)))  # fmt: skip
    assert calls == [(0, 2500), (1000, 2500), (2000, 2500), (2500, 2500)]
    assert figures.diamonds == sum(range(2500))
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        assert sum(1 for _ in book["Sessions"].iter_rows()) == 2501
    finally:
        book.close()  # read-only mode keeps the file open until then
