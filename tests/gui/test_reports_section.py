"""The Reports section driven like a person: pick a period, read the figures, export files.

The sample (tests/gui/conftest.py) has three October 2026 LIVEs: 30,000 reported
Diamonds (2 h), 100 Roses + 1 Lion = 30,099 coins -> 30,099 Diamonds (1 h 30),
and 500 Diamonds (1 h): 60,599 Diamonds in 4.5 hours. At the default rates that is
60,599 x $0.01 = $605.99 of gifts, 60,599 x $0.005 = $302.995 -> $303.00 net.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
import subprocess
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from tiklive_desktop.core.entities import Account, IncomeKind, OtherIncome, Session, Withdrawal
from tiklive_desktop.gui import settings as options
from tiklive_desktop.gui.context import AccountSelection, Context
from tiklive_desktop.gui.editors.import_dialog import ImportDialog
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.sections.reports import ReportsSection
from tiklive_desktop.gui.store import DataStore
from tiklive_desktop.gui.widgets.period_picker import TAX_YEAR_FIRST_MONTH
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository

TODAY = date(2026, 11, 26)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def section(qtbot, ctx: Context) -> ReportsSection:
    widget = ReportsSection(ctx, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitUntil(lambda: not widget.fresh.stale)
    return widget


@pytest.fixture
def october(qtbot, section: ReportsSection, sample_sessions) -> ReportsSection:
    """The section on October 2026: one click back from this month (November)."""
    qtbot.mouseClick(section.picker.previous, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.figures is not None and section.figures.sessions == 3)
    return section


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def month_rows(section: ReportsSection) -> list[list[str]]:
    model = section.months
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_an_empty_database_says_what_to_do(qtbot, section: ReportsSection) -> None:
    assert section.stack.currentWidget() is section.empty
    assert "Import it" in section.empty.text.text()
    assert section.empty.button is not None
    click(qtbot, section.empty.button)
    assert isinstance(section.import_dialog, ImportDialog)
    section.import_dialog.reject()


def test_the_month_shows_the_money_chain_and_the_months(
    qtmodeltester, october: ReportsSection
) -> None:
    view = october.figures_view
    assert october.picker.days.text() == "10/1/26 – 10/31/26"
    assert october.account_text.text() == "All accounts"
    assert [view.value(k) for k in ("sessions", "hours", "diamonds")] == ["3", "4.5", "60,599"]
    assert view.value("gift_value") == "$605.99"
    assert view.value("creator_share") == "$303.00"  # 302.995 rounded once, half up
    assert view.value("agency_share") == "$0.00"
    assert view.value("net") == "$303.00"
    assert view.value("total_income") == "$303.00"
    assert view.value("balance_start") == "0"
    assert view.value("balance_end") == "60,599"
    qtmodeltester.check(october.months)
    assert month_rows(october) == [
        ["Oct 2026", "3", "4.5", "60,599", "$303.00", "$0.00", "$303.00", "$0.00"],
        ["Total", "3", "4.5", "60,599", "$303.00", "$0.00", "$303.00", "$0.00"],
    ]
    assert not october.chart.image.isNull()  # the chart the PDF embeds


def test_income_withdrawals_and_new_sessions_show_at_once(
    qtbot, october: ReportsSection, repo, account: Account
) -> None:
    """$400 brand deal + $303.00 net = $703.00; 20,000 Diamonds withdrawn for $100 ($2.50 fee)."""
    assert account.id is not None
    repo.add_income(OtherIncome(account.id, date(2026, 10, 9), IncomeKind.BRAND, Decimal(400)))
    repo.add_withdrawal(
        Withdrawal(account.id, date(2026, 10, 20), 20_000, Decimal(100), fee=Decimal("2.50"))
    )
    qtbot.waitUntil(lambda: october.figures_view.value("total_income") == "$703.00")
    view = october.figures_view
    assert view.value("income:brand partnership") == "$400.00"
    assert view.value("withdrawals") == "1 (1 pending)"
    assert view.value("withdrawn") == "$100.00"
    assert view.value("fees") == "$2.50"
    assert view.value("balance_end") == "40,599"
    repo.add_session(Session(account.id, datetime(2026, 10, 30, 18), timedelta(hours=1), 1_000))
    qtbot.waitUntil(lambda: october.figures_view.value("sessions") == "4")
    assert october.figures_view.value("diamonds") == "61,599"


def test_the_selected_account_is_reported(qtbot, october: ReportsSection, ctx, repo) -> None:
    other = repo.add_account(Account(handle="chef.marco"))
    ctx.account.set(other.id)
    qtbot.waitUntil(lambda: october.account_text.text() == "@chef.marco")
    assert october.figures_view.value("sessions") == "0"
    assert month_rows(october)[0][1:4] == ["0", "0.0", "0"]


def test_quarters_tax_years_and_ranges(qtbot, section: ReportsSection, sample_sessions) -> None:
    picker = section.picker
    picker.kind.setFocus()
    qtbot.keyClick(picker.kind, Qt.Key.Key_Down)  # Month -> Quarter
    assert picker.days.text() == "10/1/26 – 12/31/26"
    qtbot.waitUntil(
        lambda: section.figures is not None and section.figures.period.label == "Q4 2026"
    )

    picker.set_kind("tax")
    picker.first_month.setCurrentIndex(3)  # April, as in the UK
    assert picker.days.text() == "4/1/26 – 3/31/27"
    assert section.ctx.settings.get(TAX_YEAR_FIRST_MONTH) == 4
    click(qtbot, picker.previous)
    assert picker.days.text() == "4/1/25 – 3/31/26"
    qtbot.waitUntil(lambda: section.figures is not None and section.figures.sessions == 0)

    picker.set_kind("custom")
    picker.start_day.setDate(QDate(2026, 12, 1))  # after the last day (today, Nov 26)
    assert picker.days.text() == "The last day is before the first day."
    qtbot.waitUntil(lambda: not section.export.csv_button.isEnabled())
    assert section.problem.isVisible()


def test_stepping_a_month_crosses_the_new_year(qtbot, section: ReportsSection) -> None:
    picker = section.picker
    picker.month.setCurrentIndex(0)  # January 2026
    click(qtbot, picker.previous)
    assert (picker.month.currentData(), picker.year.value()) == (12, 2025)
    click(qtbot, picker.next)
    click(qtbot, picker.next)
    assert (picker.month.currentData(), picker.year.value()) == (2, 2026)


class RecordingDialogs:
    """Wraps the scripted dialogs to note which folder each file dialog opened in."""

    def __init__(self, dialogs) -> None:
        self.folders: list[str] = []
        original = dialogs.save_path

        def save_path(title: str, folder: str, filter_text: str) -> str:
            self.folders.append(folder)
            return original(title, folder, filter_text)

        dialogs.save_path = save_path


def test_csv_export_writes_the_table_and_remembers_the_folder(
    qtbot, october: ReportsSection, dialogs, tmp_path: Path
) -> None:
    recorder = RecordingDialogs(dialogs)
    target = tmp_path / "accounts" / "october"  # typed without ".csv": it is added
    target.parent.mkdir()
    dialogs.paths = [str(target)]
    click(qtbot, october.export.bom)
    click(qtbot, october.export.csv_button)
    written = target.with_suffix(".csv")
    data = written.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel wants
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0][:4] == ["account", "start", "duration_minutes", "diamonds"]
    assert [row[1] for row in rows[1:]] == [
        "2026-10-05 20:00",
        "2026-10-07 20:00",
        "2026-10-25 20:00",
    ]
    assert dialogs.told[-1] == f"3 rows written to {written}."
    assert october.ctx.settings.get(options.LAST_FOLDER) == str(target.parent)
    assert Path(recorder.folders[0]).name == "tiklive-sessions-October-2026.csv"

    october.export.table.setCurrentIndex(october.export.table.findData("withdrawals"))
    click(qtbot, october.export.bom)  # off again: plain UTF-8
    dialogs.paths = [str(target.parent / "w.csv")]
    click(qtbot, october.export.csv_button)
    assert Path(recorder.folders[1]).parent == target.parent  # starts in the last folder
    assert (target.parent / "w.csv").read_bytes().startswith(b"account,date,diamonds")
    assert dialogs.told[-1] == f"0 rows written to {target.parent / 'w.csv'}."


def test_excel_export_holds_the_databases_totals(
    qtbot, october: ReportsSection, dialogs, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    dialogs.paths = [str(tmp_path / "october.xlsx")]
    click(qtbot, october.export.xlsx_button)
    book = openpyxl.load_workbook(tmp_path / "october.xlsx", read_only=True)
    assert "Summary" in book.sheetnames
    summary = {
        row[0]: row[1]
        for row in book["Summary"].iter_rows(values_only=True)
        if row and isinstance(row[0], str) and len(row) > 1
    }
    assert summary["Sessions"] == 3
    assert summary["Diamonds"] == 60_599
    assert Decimal(str(summary["Net from LIVE"])) == Decimal("303.00")
    header, *sessions = book["Sessions"].iter_rows(values_only=True)
    credited, net = header.index("credited_diamonds"), header.index("net_usd")
    assert [r[credited] for r in sessions] == [30_000, 30_099, 500]
    assert sum(Decimal(str(r[net])) for r in sessions) == Decimal("303.0")  # 150 + 150.5 + 2.5
    book.close()
    assert dialogs.told[-1] == f"Workbook written to {tmp_path / 'october.xlsx'}."


def test_pdf_export_writes_a_report(qtbot, october: ReportsSection, dialogs, tmp_path) -> None:
    dialogs.paths = [str(tmp_path / "october.pdf")]
    click(qtbot, october.export.pdf_button)
    data = (tmp_path / "october.pdf").read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2_000
    if shutil.which("pdftotext"):  # poppler: read the page as a person would
        text = subprocess.run(
            ["pdftotext", "-layout", str(tmp_path / "october.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "October 2026" in text and "All accounts" in text
        assert "60,599" in text and "$303.00" in text
    assert october.export.last.text() == f"Report written to {tmp_path / 'october.pdf'}."


def test_a_failed_export_is_reported_and_writes_nothing(
    qtbot, october: ReportsSection, dialogs, tmp_path: Path
) -> None:
    dialogs.paths = [str(tmp_path / "no such folder" / "october.pdf")]
    click(qtbot, october.export.pdf_button)
    assert dialogs.told[-1].startswith("october.pdf was not written:")
    assert not (tmp_path / "no such folder").exists()
    assert october.export.last.text() == "Export failed: nothing was written."


def test_cancelling_the_file_dialog_writes_nothing(
    qtbot, october: ReportsSection, dialogs, tmp_path: Path
) -> None:
    dialogs.paths = []  # the file dialog answers "" (cancelled)
    for button in (october.export.csv_button, october.export.pdf_button, october.backup_button):
        click(qtbot, button)
    assert list(tmp_path.glob("*.*")) == []
    assert dialogs.told == []
    assert october.ctx.settings.get(options.LAST_FOLDER) == ""


def test_backup_copies_every_session(qtbot, october: ReportsSection, dialogs, tmp_path) -> None:
    dialogs.paths = [str(tmp_path / "safe.db")]
    click(qtbot, october.backup_button)
    with sqlite3.connect(tmp_path / "safe.db") as copy:
        assert copy.execute("SELECT count(*), sum(diamonds) FROM sessions").fetchone() == (
            3,
            60_599,
        )
    assert dialogs.told[-1] == f"Everything you recorded is in {tmp_path / 'safe.db'}."


@pytest.fixture
def file_section(qtbot, tmp_path: Path, dialogs, settings) -> ReportsSection:
    """The section on a database file: exports and backups run on a worker thread."""
    path = tmp_path / "luna.db"
    repo = Repository(open_database(path))
    account = repo.add_account(Account(handle="luna.sings")).id or 0
    start = datetime(2026, 10, 1, 20, 0)
    repo.add_sessions(
        Session(account, start + timedelta(days=i), timedelta(hours=1), reported_diamonds=1_000)
        for i in range(31)
    )
    ctx = Context(
        DataStore(repo, path), QUndoStack(), dialogs, Formatter(), settings, AccountSelection()
    )
    widget = ReportsSection(ctx, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.show()
    widget.picker.step(-1)
    qtbot.waitUntil(lambda: widget.figures is not None and widget.figures.sessions == 31)
    return widget


def test_files_are_written_off_the_gui_thread(
    qtbot, file_section: ReportsSection, dialogs, tmp_path: Path
) -> None:
    """31 LIVEs of 1,000 Diamonds: 31,000 Diamonds, $155.00, in every file."""
    out = tmp_path / "out"
    out.mkdir()
    dialogs.paths = [str(out / f"october.{ext}") for ext in ("csv", "xlsx", "pdf")]
    dialogs.paths.append(str(out / "backup.db"))
    export = file_section.export
    for button in (export.csv_button, export.xlsx_button, export.pdf_button):
        click(qtbot, button)
    click(qtbot, file_section.backup_button)
    assert len((out / "october.csv").read_text().splitlines()) == 32
    assert (out / "october.pdf").read_bytes().startswith(b"%PDF")
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(out / "october.xlsx", read_only=True)
    values = {r[0]: r[1] for r in book["Summary"].iter_rows(values_only=True) if r and r[0]}
    book.close()
    assert (values["Diamonds"], Decimal(str(values["Net from LIVE"]))) == (31_000, Decimal(155))
    with sqlite3.connect(out / "backup.db") as copy:
        assert copy.execute("SELECT sum(diamonds) FROM sessions").fetchone() == (31_000,)
    assert len(dialogs.told) == 4 and not any("not written" in t for t in dialogs.told)


def test_a_screenshot_of_the_section(qtbot, october: ReportsSection, tmp_path: Path) -> None:
    """Rendered for a person to look at (/tmp/reports_section.png); here: it renders whole."""
    QApplication.processEvents()
    image = october.grab()
    assert image.width() >= 1000
    assert image.save(str(tmp_path / "reports_section.png"))


def test_importing_from_the_section_updates_the_report(
    qtbot, section: ReportsSection, dialogs, account: Account, tmp_path: Path
) -> None:
    """From the empty state to figures: import two October LIVEs (1,000 + 2,000 Diamonds)."""
    section.ctx.account.set(account.id)
    path = tmp_path / "history.csv"
    path.write_text(
        "start,duration_minutes,diamonds\n2026-10-01 20:00,60,1000\n2026-10-02 20:00,30,2000\n"
    )
    click(qtbot, section.empty.button)
    dialog = section.import_dialog
    assert isinstance(dialog, ImportDialog)
    dialogs.paths = [str(path)]
    click(qtbot, dialog.choose_button)
    click(qtbot, dialog.import_button)
    click(qtbot, section.picker.previous)  # October
    qtbot.waitUntil(lambda: section.figures_view.value("diamonds") == "3,000")
    assert section.stack.currentIndex() == 1
    assert section.figures_view.value("hours") == "1.5"
    assert section.figures_view.value("net") == "$15.00"
    section.ctx.undo.undo()
    qtbot.waitUntil(lambda: section.stack.currentWidget() is section.empty)
