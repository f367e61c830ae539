"""The Reports section: a period's figures on screen, exported to CSV, Excel or PDF.

Creators export for their records, their accountant and tax filing, their
agency or brand partners. The section shows what the files will say before
they are written (the same ``exchange.report_data.load_report`` figures the
XLSX and PDF print), exports them off the GUI thread (export_dialog.py), and
offers the two other ways data leaves or enters the app: a backup of the
whole database and importing history from a file (import_dialog.py).

Like the dashboard, the section refreshes at most once per turn of the event
loop and only while visible; a hidden section is refreshed when it is shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tiklive_desktop.core.report import ReportFigures
from tiklive_desktop.exchange.backup import backup_database
from tiklive_desktop.exchange.report_chart import month_chart
from tiklive_desktop.exchange.report_data import account_label, load_report
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.export_dialog import EXPORT_ERRORS, ExportPanel, ask_save_path
from tiklive_desktop.gui.models.rows_model import compact_table
from tiklive_desktop.gui.sections.record_section import heading
from tiklive_desktop.gui.sections.report_preview import ChartImage, FiguresView, MonthsModel
from tiklive_desktop.gui.widgets.empty_state import EmptyState
from tiklive_desktop.gui.widgets.freshness import Freshness
from tiklive_desktop.gui.widgets.period_picker import PeriodPicker
from tiklive_desktop.gui.workers import run_blocking
from tiklive_desktop.storage.errors import StorageError
from tiklive_desktop.storage.queries import SessionQuery
from tiklive_desktop.storage.repository import Repository

if TYPE_CHECKING:
    from tiklive_desktop.gui.editors.import_dialog import ImportDialog

log = logging.getLogger(__name__)

WATCHED_TABLES = frozenset(
    {
        "sessions",
        "gift_lines",
        "accounts",
        "rate_periods",
        "exchange_rates",
        "withdrawals",
        "other_income",
        "settings",
    }
)
_TABLE_KEY = "reports/months"
SIDE_WIDTH = 250


class ReportsSection(QWidget):
    def __init__(
        self,
        ctx: Context,
        parent: QWidget | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today: Callable[[], date] = today or date.today
        self.figures: ReportFigures | None = None
        self.import_dialog: ImportDialog | None = None
        self.fresh = Freshness(self, self.refresh, deferred=True, deferred_on_show=True)
        tr = self.tr

        self.empty = EmptyState(
            tr("Reports of your LIVE earnings"),
            tr(
                "Once you have LIVE sessions, this is where you export a month, a quarter or a "
                "tax year as CSV, Excel or PDF for your records, your accountant or your agency. "
                "Already kept a spreadsheet, or downloaded your TikTok data? Import it."
            ),
            tr("Import Sessions…"),
            self.open_import,
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        ctx.store.changed.connect(self._data_changed)
        ctx.account.changed.connect(lambda _account: self._data_changed("accounts"))
        self.picker.changed.connect(self._schedule)

    # -- construction --------------------------------------------------------------
    def _build_content(self) -> QWidget:
        tr = self.tr
        self.picker = PeriodPicker(self.ctx.fmt, self.ctx.settings, lambda: self.today())
        self.title = heading(tr("Reports"))
        self.account_text = QLabel()
        self.account_text.setAccessibleName(tr("Report for"))
        title_row = QHBoxLayout()
        title_row.addWidget(self.title)
        title_row.addSpacing(12)
        title_row.addWidget(self.account_text, 1)

        self.figures_view = FiguresView(self.ctx.fmt)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        self.months = MonthsModel(self.ctx.fmt, self)
        self.table = compact_table(self.months, tr("Month by month"))
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        # A few columns of figures that must all be seen: share the width (months are few,
        # so there is nothing to save between runs but the order a user dragged them into).
        header.setSectionsMovable(True)
        if state := self.ctx.settings.state(_TABLE_KEY):
            header.restoreState(state)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionMoved.connect(
            lambda *_: self.ctx.settings.set_state(_TABLE_KEY, header.saveState())
        )

        preview = QWidget()
        column = QVBoxLayout(preview)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.problem)
        column.addWidget(self.figures_view)
        column.addSpacing(6)
        column.addWidget(heading(tr("Month by month")))
        column.addWidget(self.table)
        column.addSpacing(6)
        column.addWidget(heading(tr("Income by month")))
        self.chart = ChartImage()
        self.chart.setAccessibleName(tr("Income by month chart, as in the PDF"))
        column.addWidget(self.chart)
        column.addStretch(1)

        self.export = ExportPanel(self.ctx)
        self.import_button = QPushButton(tr("&Import Sessions…"))
        self.import_button.setToolTip(
            tr("Add sessions from a CSV file or from TikTok's “Download your data” file")
        )
        self.import_button.clicked.connect(self.open_import)
        self.backup_button = QPushButton(tr("&Back Up Database…"))
        self.backup_button.setToolTip(tr("Copy everything you recorded into one file"))
        self.backup_button.clicked.connect(self.back_up)
        data_box = QGroupBox(tr("Your data"))
        data_column = QVBoxLayout(data_box)
        data_column.addWidget(self.import_button)
        data_column.addWidget(self.backup_button)
        side = QWidget()
        side.setFixedWidth(SIDE_WIDTH)
        side_column = QVBoxLayout(side)
        side_column.setContentsMargins(0, 0, 0, 0)
        side_column.addWidget(self.export)
        side_column.addWidget(data_box)
        side_column.addStretch(1)

        body = QHBoxLayout()
        body.addWidget(preview, 1)
        body.addSpacing(8)
        body.addWidget(side)

        content = QWidget()
        outer = QVBoxLayout(content)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.addLayout(title_row)
        outer.addWidget(self.picker)
        outer.addSpacing(4)
        outer.addLayout(body, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        content.setMinimumSize(760, 520)
        return scroll

    # -- refreshing ----------------------------------------------------------------
    def _data_changed(self, table: str) -> None:
        if table in WATCHED_TABLES:
            self._schedule()

    def _schedule(self) -> None:
        self.fresh.changed()

    def refresh(self) -> None:
        """Show the chosen period's figures (or the empty state when nothing is recorded)."""
        self.fresh.done()
        repo = self.ctx.store.repo
        if repo.count_sessions(SessionQuery()) == 0:
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentIndex(1)
        account_id = self.ctx.account.account_id
        period = self.picker.period()
        self.export.set_period(period)
        self.account_text.setText(account_label(repo, account_id))
        if period is None:
            self._show_problem(self.tr("Choose a last day on or after the first day."))
            return
        try:
            figures = load_report(repo, account_id, period)
        except StorageError as error:  # a currency without an exchange rate
            self._show_problem(
                self.tr(
                    "This report cannot be added up yet: {error}. Add the rate in Settings."
                ).format(error=error)
            )
            return
        self.figures = figures
        self.problem.hide()
        self.figures_view.setEnabled(True)
        self.figures_view.show_report(figures)
        self.months.set_report(figures)
        self._fit_table()
        self.chart.set_image(month_chart(figures))

    def _fit_table(self) -> None:
        """As tall as its rows (no white expanse under three months), scrolling past ~18."""
        rows = min(self.months.rowCount(), 18)
        height = (
            self.table.horizontalHeader().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
            + 2
        )
        self.table.setFixedHeight(max(height, 60))

    def _show_problem(self, text: str) -> None:
        self.figures = None
        self.problem.setText(text)
        self.problem.show()
        self.figures_view.setEnabled(False)
        self.months.set_report(None)
        self.chart.set_image(QImage())

    # -- backup and import ------------------------------------------------------------
    def back_up(self) -> Path | None:
        """Copy the whole database into a file the user chooses (on the worker thread)."""
        tr = self.tr
        path = ask_save_path(
            self.ctx,
            tr("Back up database"),
            f"tiklive-backup-{self.today().isoformat()}.db",
            tr("TikLive databases (*.db);;All files (*)"),
        )
        if path is None:
            return None

        def work(repo: Repository) -> Path:
            return backup_database(repo.conn, path)  # this thread's own connection

        try:
            run_blocking(self.ctx, tr("Backing up to {file}…").format(file=path.name), work)
        except EXPORT_ERRORS as error:
            log.warning("backup to %s failed: %s", path, error)
            self.ctx.dialogs.error(
                tr("Backup failed"),
                tr("The backup was not written: {error}").format(error=error),
            )
            return None
        self.ctx.dialogs.inform(
            tr("Backup finished"), tr("Everything you recorded is in {file}.").format(file=path)
        )
        return path

    def open_import(self) -> ImportDialog:
        """Open the import dialog (window-modal; it stores nothing until its Import button)."""
        from tiklive_desktop.gui.editors.import_dialog import ImportDialog  # start-up laziness

        dialog = ImportDialog(self.ctx, self, today=self.today())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "import_dialog", None))
        self.import_dialog = dialog
        dialog.open()
        return dialog
