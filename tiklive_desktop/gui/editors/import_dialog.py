"""Importing sessions from a CSV file or TikTok's "Download your data" file.

Most creators arrive with months of history in a spreadsheet or in TikTok's
data download, and will not type it in again. The dialog shows, before
anything is stored, what the import would do: the file's first rows with the
column each of our fields is read from (changeable), and a dry run listing the
sessions to add, the ones already recorded and every bad row with its line
and reason. Reading and planning run on a worker thread (a long history takes
a moment); "Import N Sessions" is offered only when there is something to add
and nothing wrong, and then stores everything in one transaction, as one
undoable command (Edit > Undo takes the whole import out again).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tiklive_desktop.exchange.csv_import import plan_csv_import, read_csv_preview, write_template
from tiklive_desktop.exchange.csv_source import ImportFileError
from tiklive_desktop.exchange.import_plan import (
    FILE_LEVEL,
    FileKind,
    ImportPlan,
    RowProblem,
    apply_plan,
    detect_format,
)
from tiklive_desktop.exchange.tiktok_import import plan_tiktok_import
from tiklive_desktop.gui import commands
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.export_dialog import ask_open_path, ask_save_path
from tiklive_desktop.gui.editors.import_widgets import MappingBox, PlanTabs
from tiklive_desktop.gui.models.rows_model import RowsModel, compact_table
from tiklive_desktop.gui.workers import run_blocking
from tiklive_desktop.storage.errors import StorageError
from tiklive_desktop.storage.imported import session_ids_at
from tiklive_desktop.storage.repository import Repository

log = logging.getLogger(__name__)

IMPORT_ERRORS = (OSError, StorageError, ValueError, sqlite3.Error, UnicodeError)
PREVIEW_ROWS = 20
_SPLITTER_KEY = "import/splitter"


@dataclass
class Reading:
    """What the worker read: the kind of file, the CSV preview (if any) and the dry run."""

    kind: FileKind
    plan: ImportPlan
    headers: list[str] | None = None
    rows: list[list[str]] | None = None


def import_undoably(ctx: Context, plan: ImportPlan, text: str) -> int:
    """Store ``plan`` (one transaction, on the worker) as one undoable command.

    Returns how many sessions were added. The ids of the added sessions are
    read in the same transaction (those whose account and start were not
    stored before), so undo deletes exactly them and nothing recorded earlier.
    """
    keys = [(s.account_id, s.start) for s in plan.to_add]
    added: list[int] = []
    label = QCoreApplication.translate("ImportDialog", "Importing sessions…")

    def forward(repo: Repository) -> list[int]:
        with repo.transaction():
            before = session_ids_at(repo, keys)
            apply_plan(repo, plan)
            return sorted(session_ids_at(repo, keys) - before)

    def apply() -> None:
        added[:] = run_blocking(ctx, label, forward)

    def revert() -> None:
        run_blocking(ctx, label, lambda repo: repo.delete_sessions(list(added)))

    commands.run(ctx.undo, text, apply, revert)
    return len(added)


class ImportDialog(QDialog):
    """Choose a file, check the mapping and the dry run, then import (or cancel: nothing stored)."""

    def __init__(
        self, ctx: Context, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        self.path: Path | None = None
        self.reading: Reading | None = None
        self.mapping: dict[str, str | None] = {}
        self.imported = 0
        self._filling = False
        self.handles: dict[int, str] = {}  # account id -> "@handle", read with the account list
        tr = self.tr
        self.setWindowTitle(tr("Import Sessions"))
        self.resize(980, 760)

        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(tr("A CSV file or TikTok's user_data_tiktok.json"))
        self.file_edit.setAccessibleName(tr("File to import"))
        self.choose_button = QPushButton(tr("&Choose File…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.template_button = QPushButton(tr("Save &Template…"))
        self.template_button.setToolTip(
            tr("A CSV file with the columns this import reads and two example rows")
        )
        self.template_button.clicked.connect(self.save_template)
        self.kind_label = QLabel()
        self.account = QComboBox()
        self.account.setAccessibleName(tr("Import into account"))
        self.account.setMinimumContentsLength(20)
        self.account.currentIndexChanged.connect(lambda _i: self._options_changed(False))

        file_row = QHBoxLayout()
        file_label = QLabel(tr("&File:"))
        file_label.setBuddy(self.choose_button)
        file_row.addWidget(file_label)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.template_button)
        account_row = QHBoxLayout()
        account_label = QLabel(tr("Into &account:"))
        account_label.setBuddy(self.account)
        account_row.addWidget(account_label)
        account_row.addWidget(self.account)
        account_row.addSpacing(12)
        account_row.addWidget(self.kind_label, 1)

        self.columns_box = MappingBox()
        self.columns_box.column_chosen.connect(self._column_chosen)
        self.columns_box.options_changed.connect(self._options_changed)
        self.field_combos = self.columns_box.field_combos
        self.date_order = self.columns_box.date_order
        self.encoding = self.columns_box.encoding
        self.preview = RowsModel([], lambda row: row, parent=self)
        self.preview_view = compact_table(self.preview, tr("First rows of the file"))
        self.preview_view.horizontalHeader().setStretchLastSection(False)
        preview_box = QGroupBox(tr("First rows of the file"))
        QVBoxLayout(preview_box).addWidget(self.preview_view)
        self.preview_box = preview_box

        self.summary = QLabel(tr("Choose a file to see what it holds. Nothing is stored yet."))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.notices = QLabel()
        self.notices.setWordWrap(True)
        self.notices.setTextFormat(Qt.TextFormat.PlainText)
        self.notices.hide()
        self.tabs = PlanTabs(ctx.fmt)
        results = QWidget()
        results_column = QVBoxLayout(results)
        results_column.setContentsMargins(0, 0, 0, 0)
        results_column.addWidget(self.summary)
        results_column.addWidget(self.notices)
        results_column.addWidget(self.tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(preview_box)
        self.splitter.addWidget(results)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([240, 300])
        if state := ctx.settings.state(_SPLITTER_KEY):
            self.splitter.restoreState(state)
        self.splitter.splitterMoved.connect(
            lambda *_: ctx.settings.set_state(_SPLITTER_KEY, self.splitter.saveState())
        )

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.import_now)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addLayout(account_row)
        layout.addWidget(self.columns_box)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.buttons)
        self._fill_accounts(None)
        self._show(None)

    # -- construction --------------------------------------------------------------
    def _fill_accounts(self, kind: FileKind | None) -> None:
        """Accounts to import into; a CSV may also name each row's account itself."""
        current = (
            self.account.currentData() if self.account.count() else self.ctx.account.account_id
        )
        accounts = self.ctx.store.repo.list_accounts()
        self.handles = {a.id or 0: f"@{a.handle}" for a in accounts}
        self._filling = True
        self.account.clear()
        if kind != "json":
            self.account.addItem(self.tr("As each row's account column says"), None)
        for account in accounts:
            self.account.addItem(f"@{account.handle}", account.id)
        if current is None and len(accounts) == 1:
            current = accounts[0].id
        index = self.account.findData(current)
        self.account.setCurrentIndex(max(index, 0))
        self._filling = False

    # -- choosing and reading --------------------------------------------------------
    def choose_file(self) -> None:
        path = ask_open_path(
            self.ctx,
            self.tr("Import sessions from"),
            self.tr(
                "Sessions (*.csv *.json *.txt);;CSV files (*.csv);;"
                "TikTok data download (*.json);;All files (*)"
            ),
        )
        if path is not None:
            self.load_file(path)

    def load_file(self, path: Path) -> None:
        """Read ``path`` afresh: its kind, its preview and the suggested mapping, then plan."""
        self.path = path
        self.mapping = {}
        self.columns_box.reset_options()
        self.file_edit.setText(str(path))
        self.file_edit.setToolTip(str(path))
        self._read(with_preview=True)

    def save_template(self) -> None:
        path = ask_save_path(
            self.ctx,
            self.tr("Save import template"),
            "tiklive-import-template.csv",
            self.tr("CSV files (*.csv);;All files (*)"),
        )
        if path is None:
            return
        try:
            write_template(path)
        except OSError as error:
            self.ctx.dialogs.error(self.tr("Template not saved"), str(error))
            return
        self.ctx.dialogs.inform(
            self.tr("Template saved"),
            self.tr("Fill in {file}, one row per LIVE, then import it here.").format(file=path),
        )

    def _column_chosen(self, field: str, header: object) -> None:
        self.mapping[field] = header if isinstance(header, str) else None
        self._read(with_preview=False)

    def _options_changed(self, with_preview: bool) -> None:
        if not self._filling and self.path is not None:
            self._read(with_preview=with_preview)

    def _read(self, *, with_preview: bool) -> None:
        path = self.path
        if path is None:
            return
        account_id = self.account.currentData()
        mapping = {**self.mapping, "date_order": self.date_order.currentData()}
        encoding = self.encoding.currentData()
        if encoding:
            mapping["encoding"] = encoding
        previous = self.reading
        today = self.today
        no_account = (
            self.tr("Choose the account these LIVEs are from.")
            if self.handles
            else self.tr("Add your TikTok account first (Settings), then import its LIVEs.")
        )

        def work(repo: Repository) -> Reading:
            kind = detect_format(path)
            if kind == "json":
                if account_id is None:
                    problem = RowProblem(FILE_LEVEL, None, no_account)
                    return Reading(kind, ImportPlan(str(path), None, problems=[problem]))
                return Reading(
                    kind, plan_tiktok_import(repo, path, account_id=account_id, today=today)
                )
            headers = rows = None
            if with_preview or previous is None:
                # An unreadable file: the plan reports the same problem, with its line.
                with contextlib.suppress(ImportFileError):
                    headers, rows, _ = read_csv_preview(path, PREVIEW_ROWS, encoding=encoding)
            else:
                headers, rows = previous.headers, previous.rows
            plan = plan_csv_import(repo, path, account_id=account_id, mapping=mapping, today=today)
            return Reading(kind, plan, headers, rows)

        try:
            reading = run_blocking(
                self.ctx, self.tr("Reading {file}…").format(file=path.name), work
            )
        except IMPORT_ERRORS as error:
            log.warning("could not read %s: %s", path, error)
            problem = RowProblem(FILE_LEVEL, None, str(error))
            reading = Reading("csv", ImportPlan(str(path), account_id, problems=[problem]))
        if previous is None or previous.kind != reading.kind:
            self._fill_accounts(reading.kind)
        self._show(reading)

    # -- showing ----------------------------------------------------------------------
    def _show(self, reading: Reading | None) -> None:
        self.reading = reading
        tr, fmt = self.tr, self.ctx.fmt
        is_csv = reading is None or reading.kind == "csv"
        self.columns_box.setVisible(is_csv)
        self.preview_box.setVisible(is_csv)
        self.kind_label.setText(
            ""
            if reading is None
            else tr("A CSV file: check which column each field is read from.")
            if is_csv
            else tr("TikTok's data download: each LIVE of your LIVE history becomes a session.")
        )
        plan = reading.plan if reading else None
        if reading is not None and is_csv:
            self.preview.set_rows(reading.rows or [], reading.headers or [])
            self._fit_preview_columns()
            self.columns_box.show_mapping(plan.mapping if plan else {}, reading.headers or [])
        self.tabs.show_plan(plan, self.handles)
        self.notices.setText("\n".join(plan.notices) if plan else "")
        self.notices.setVisible(bool(plan and plan.notices))
        count = plan.add_count if plan else 0
        can_import = plan is not None and plan.ok and count > 0
        self.import_button.setEnabled(can_import)
        self.import_button.setText(
            tr("&Import {count} Sessions").format(count=fmt.integer(count))
            if count != 1
            else tr("&Import 1 Session")
        )
        if plan is None:
            return
        parts = [
            tr("{count} to add").format(count=fmt.integer(count)),
            tr("{count} already recorded").format(count=fmt.integer(plan.duplicate_count)),
        ]
        if plan.skipped:
            parts.append(tr("{count} skipped").format(count=fmt.integer(plan.skipped_count)))
        if plan.problems:
            parts.append(tr("{count} with problems").format(count=fmt.integer(plan.problem_count)))
        text = " · ".join(parts) + ". "
        if plan.problems:
            text += (
                tr("Fix the problems listed (in the file or the columns above) to import.")
                if is_csv
                else tr("Fix the problems listed to import; nothing is stored until then.")
            )
        elif count:
            text += tr("Nothing is stored until you click Import.")
        else:
            text += tr("There is nothing new to import.")
        self.summary.setText(text)

    def _fit_preview_columns(self) -> None:
        """Widths from the header and the first rows (at most PREVIEW_ROWS: cheap), capped."""
        view = self.preview_view
        metrics = view.fontMetrics()
        for column, header in enumerate(self.preview.headers):
            texts = [header, *(row[column] for row in self.preview.rows if column < len(row))]
            width = max(metrics.horizontalAdvance(text) for text in texts) + 16
            view.setColumnWidth(column, min(max(width, 60), 260))

    # -- importing ----------------------------------------------------------------------
    def import_now(self) -> None:
        reading = self.reading
        if reading is None or not reading.plan.ok or not reading.plan.to_add:
            return
        plan = reading.plan
        name = Path(plan.source).name
        text = self.tr("Import {count} sessions from {file}").format(
            count=plan.add_count, file=name
        )
        try:
            self.imported = import_undoably(self.ctx, plan, text)
        except IMPORT_ERRORS as error:
            log.warning("import of %s failed: %s", plan.source, error)
            self.ctx.dialogs.error(
                self.tr("Nothing imported"),
                self.tr("The import was refused and nothing was stored: {error}").format(
                    error=error
                ),
            )
            return
        self.ctx.dialogs.inform(
            self.tr("Import finished"),
            self.tr("{count} sessions added from {file}. Edit > Undo takes them out again.").format(
                count=self.ctx.fmt.integer(self.imported), file=name
            ),
        )
        self.accept()
