"""The Reports section's export box: CSV, Excel and PDF files of the report on screen.

Widgets only: the files are written by ``exchange.*`` (atomically: a failed
export leaves no half file), on a worker thread with its own connection and a
progress bar (``gui.workers.run_with_progress``), so a ten-year export does not
freeze the window. The file dialogs start in the folder used last, remembered
in the UI settings, because creators file their reports in one place month
after month.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tiklive_desktop.core.report import Period
from tiklive_desktop.exchange.csv_export import export_csv
from tiklive_desktop.exchange.report_data import Table
from tiklive_desktop.gui import settings as options
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.workers import Progress, run_with_progress
from tiklive_desktop.storage.errors import StorageError
from tiklive_desktop.storage.repository import Repository

log = logging.getLogger(__name__)

EXPORT_ERRORS = (OSError, StorageError, ValueError, sqlite3.Error, RuntimeError)
"""What a failed export raises (a full disk, a folder without write access, a missing
exchange rate); the user is told and the window carries on."""


# -- the file dialogs, starting in the last folder ----------------------------------


def last_folder(ctx: Context) -> Path:
    """The folder of the last file saved or opened, or the home folder (first time, or gone)."""
    folder = Path(ctx.settings.get(options.LAST_FOLDER) or Path.home())
    return folder if folder.is_dir() else Path.home()


def remember_folder(ctx: Context, path: Path) -> None:
    ctx.settings.set(options.LAST_FOLDER, str(path.parent))


def ask_save_path(ctx: Context, title: str, name: str, filter_text: str) -> Path | None:
    """A file to write, offered as ``name`` in the last folder; its suffix added if left off."""
    answer = ctx.dialogs.save_path(title, str(last_folder(ctx) / name), filter_text)
    if not answer:
        return None
    path = Path(answer)
    suffix = Path(name).suffix
    if suffix and path.suffix.lower() != suffix.lower():
        path = path.with_name(path.name + suffix)
    remember_folder(ctx, path)
    return path


def ask_open_path(ctx: Context, title: str, filter_text: str) -> Path | None:
    answer = ctx.dialogs.open_path(title, str(last_folder(ctx)), filter_text)
    if not answer:
        return None
    path = Path(answer)
    remember_folder(ctx, path)
    return path


def file_stem(period: Period, what: str = "report") -> str:
    """``tiklive-report-Q3-2026``: the period's label, safe in a file name on every system."""
    label = re.sub(r"[^0-9A-Za-z]+", "-", period.label).strip("-")
    return f"tiklive-{what}-{label}" if label else f"tiklive-{what}"


# -- the panel ---------------------------------------------------------------------------


def table_names() -> list[tuple[Table, str]]:
    tr = QCoreApplication.translate
    return [
        ("sessions", tr("ExportPanel", "Sessions")),
        ("gift_lines", tr("ExportPanel", "Gift lines")),
        ("withdrawals", tr("ExportPanel", "Withdrawals")),
        ("income", tr("ExportPanel", "Other income")),
    ]


class ExportPanel(QGroupBox):
    """Three export buttons for the section's period and account.

    ``chart_png`` gives the PNG bytes of the month chart for the PDF (None: no
    chart). Signals ``exported(Path)`` after a file is written.
    """

    exported = Signal(object)

    def __init__(
        self,
        ctx: Context,
        chart_png: Callable[[], bytes | None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Export this report"))
        self.ctx = ctx
        self.chart_png = chart_png
        self.period: Period | None = None

        self.table = QComboBox()
        for key, label in table_names():
            self.table.addItem(label, key)
        self.table.setAccessibleName(self.tr("Table to export"))
        self.table.setToolTip(self.tr("Which records of the period the CSV file holds"))
        self.bom = QCheckBox(self.tr("BOM for &Excel"))
        self.bom.setToolTip(
            self.tr(
                "Starts the file with a byte-order mark so that Excel on Windows reads "
                "accented and emoji titles correctly. Leave it off for other programs."
            )
        )
        self.csv_button = QPushButton(self.tr("Export &CSV…"))
        self.csv_button.setToolTip(self.tr("One table as a CSV file (numbers stay numbers)"))
        self.csv_button.clicked.connect(self.export_csv)
        self.xlsx_button = QPushButton(self.tr("Export E&xcel…"))
        self.xlsx_button.setToolTip(
            self.tr("An .xlsx workbook: a summary sheet and one sheet per table")
        )
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.pdf_button = QPushButton(self.tr("Export &PDF…"))
        self.pdf_button.setToolTip(self.tr("A printable report: summary, month table and chart"))
        self.pdf_button.clicked.connect(self.export_pdf)
        self.last = QLabel()
        self.last.setWordWrap(True)
        self.last.setTextFormat(Qt.TextFormat.PlainText)
        self.last.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last.hide()

        csv_form = QFormLayout()
        csv_form.setContentsMargins(0, 0, 0, 0)
        table_label = QLabel(self.tr("&Table:"))
        table_label.setBuddy(self.table)
        csv_form.addRow(table_label, self.table)
        csv_form.addRow("", self.bom)
        layout = QVBoxLayout(self)
        layout.addLayout(csv_form)
        layout.addWidget(self.csv_button)
        layout.addSpacing(10)
        layout.addWidget(self.xlsx_button)
        layout.addWidget(self.pdf_button)
        layout.addSpacing(6)
        layout.addWidget(self.last)
        self.set_period(None)

    def set_period(self, period: Period | None) -> None:
        """The period to export (None: none valid yet; the buttons are disabled)."""
        self.period = period
        for button in (self.csv_button, self.xlsx_button, self.pdf_button):
            button.setEnabled(period is not None)

    # -- the three exports -------------------------------------------------------
    def export_csv(self) -> Path | None:
        period = self.period
        if period is None:
            return None
        table: Table = self.table.currentData()
        path = ask_save_path(
            self.ctx,
            self.tr("Export CSV"),
            file_stem(period, table.replace("_", "-")) + ".csv",
            self.tr("CSV files (*.csv);;All files (*)"),
        )
        if path is None:
            return None
        account_id, bom = self.ctx.account.account_id, self.bom.isChecked()

        def work(repo: Repository, progress: Progress) -> int:
            return export_csv(
                repo, path, table, account_id=account_id, period=period, bom=bom, progress=progress
            )

        return self._run(path, work, self.tr("{rows} rows written to {file}."))

    def export_xlsx(self) -> Path | None:
        period = self.period
        if period is None:
            return None
        path = ask_save_path(
            self.ctx,
            self.tr("Export Excel workbook"),
            file_stem(period) + ".xlsx",
            self.tr("Excel workbooks (*.xlsx);;All files (*)"),
        )
        if path is None:
            return None
        account_id = self.ctx.account.account_id

        def work(repo: Repository, progress: Progress) -> object:
            from tiklive_desktop.exchange.xlsx_export import export_xlsx  # XlsxWriter: on use

            return export_xlsx(repo, path, account_id=account_id, period=period, progress=progress)

        return self._run(path, work, self.tr("Workbook written to {file}."))

    def export_pdf(self) -> Path | None:
        period = self.period
        if period is None:
            return None
        path = ask_save_path(
            self.ctx,
            self.tr("Export PDF report"),
            file_stem(period) + ".pdf",
            self.tr("PDF files (*.pdf);;All files (*)"),
        )
        if path is None:
            return None
        account_id = self.ctx.account.account_id
        chart = self.chart_png()  # painted here: widgets and pixmaps belong to this thread

        def work(repo: Repository, progress: Progress) -> object:
            progress(0, 1)
            from tiklive_desktop.exchange.pdf_report import export_pdf  # on use, not at start-up

            result = export_pdf(repo, path, account_id=account_id, period=period, chart_png=chart)
            progress(1, 1)
            return result

        return self._run(path, work, self.tr("Report written to {file}."))

    def _run(
        self, path: Path, work: Callable[[Repository, Progress], object], done_text: str
    ) -> Path | None:
        label = self.tr("Writing {file}…").format(file=path.name)
        try:
            result = run_with_progress(self.ctx, label, work)
        except EXPORT_ERRORS as error:
            log.warning("export to %s failed: %s", path, error)
            self.last.setText(self.tr("Export failed: nothing was written."))
            self.last.show()
            self.ctx.dialogs.error(
                self.tr("Export failed"),
                self.tr("{file} was not written: {error}").format(file=path.name, error=error),
            )
            return None
        rows = result if isinstance(result, int) else 0
        text = done_text.format(rows=self.ctx.fmt.integer(rows), file=path)
        self.last.setText(text)
        self.last.setToolTip(str(path))
        self.last.show()
        self.ctx.dialogs.inform(self.tr("Export finished"), text)
        self.exported.emit(path)
        return path
