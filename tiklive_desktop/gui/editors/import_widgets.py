"""The import dialog's parts: the column mapping, the file's first rows, what the dry run found.

A TikTok history or a spreadsheet of several years holds thousands of rows,
so the lists are ``gui.models.rows_model.RowsModel`` over the plan's own lists,
which formats a cell only when the view asks for it (nothing is copied into items).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QTableView,
    QTabWidget,
    QWidget,
)

from tiklive_desktop.core.entities import Session
from tiklive_desktop.exchange.csv_columns import FIELDS
from tiklive_desktop.exchange.import_plan import FILE_LEVEL, ImportPlan, RowProblem
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.models.rows_model import RowsModel, compact_table

MAPPING_COLUMNS = 3
"""Label/combo pairs side by side in the mapping box (18 fields in 6 rows)."""


def field_labels() -> dict[str, str]:
    """Our fields as the mapping box names them."""
    tr = QCoreApplication.translate
    return {
        "start": tr("ImportDialog", "Start"),
        "duration_minutes": tr("ImportDialog", "Duration (minutes)"),
        "diamonds": tr("ImportDialog", "Diamonds"),
        "account": tr("ImportDialog", "Account"),
        "time": tr("ImportDialog", "Start time (own column)"),
        "end": tr("ImportDialog", "End"),
        "duration_hours": tr("ImportDialog", "Duration (hours)"),
        "duration_seconds": tr("ImportDialog", "Duration (seconds)"),
        "likes": tr("ImportDialog", "Likes"),
        "peak_viewers": tr("ImportDialog", "Peak viewers"),
        "total_viewers": tr("ImportDialog", "Total viewers"),
        "new_followers": tr("ImportDialog", "New followers"),
        "comments": tr("ImportDialog", "Comments"),
        "shares": tr("ImportDialog", "Shares"),
        "gifters": tr("ImportDialog", "Gifters"),
        "title": tr("ImportDialog", "Title"),
        "notes": tr("ImportDialog", "Notes"),
        "tags": tr("ImportDialog", "Tags"),
    }


class MappingBox(QGroupBox):
    """One combo per field of ours listing the file's columns, plus date order and encoding.

    Signals ``column_chosen(field, header or None)`` when the user picks a column
    and ``options_changed(reread)`` when the date order (False) or the encoding
    (True: the file must be read again) changes; never while being filled.
    """

    column_chosen = Signal(str, object)
    options_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        tr = self.tr
        self._filling = False
        self.setTitle(tr("Columns: where each field is read from"))
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        self.field_combos: dict[str, QComboBox] = {}
        labels = field_labels()
        order = [f for f in labels if f in FIELDS] + [f for f in FIELDS if f not in labels]
        rows = -(-len(order) // MAPPING_COLUMNS)
        for position, field in enumerate(order):
            combo = QComboBox()
            combo.setMinimumContentsLength(12)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setAccessibleName(labels.get(field, field))
            combo.currentIndexChanged.connect(lambda _i, f=field: self._chosen(f))
            label = QLabel(labels.get(field, field) + ":")
            label.setBuddy(combo)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row, column = position % rows, position // rows
            grid.addWidget(label, row, column * 2)
            grid.addWidget(combo, row, column * 2 + 1)
            grid.setColumnStretch(column * 2 + 1, 1)
            self.field_combos[field] = combo
        self.date_order = QComboBox()
        self.date_order.addItem(tr("Decide from the file"), None)
        self.date_order.addItem(tr("Day/month/year"), "dmy")
        self.date_order.addItem(tr("Month/day/year"), "mdy")
        self.date_order.setAccessibleName(tr("Dates are written"))
        self.date_order.setToolTip(tr("How to read dates like 03/04/2025"))
        self.date_order.currentIndexChanged.connect(lambda _i: self._option(False))
        self.encoding = QComboBox()
        for text, value in (
            (tr("UTF-8 (usual)"), None),
            (tr("Windows Western (cp1252)"), "cp1252"),
            (tr("Central European (cp1250)"), "cp1250"),
            (tr("Latin-1 (ISO 8859-1)"), "latin-1"),
            (tr("Mac Roman"), "mac_roman"),
            (tr("Japanese (Shift JIS)"), "shift_jis"),
        ):
            self.encoding.addItem(text, value)
        self.encoding.setAccessibleName(tr("Text encoding"))
        self.encoding.setToolTip(tr("How the file's text is stored; UTF-8 unless it looks garbled"))
        self.encoding.currentIndexChanged.connect(lambda _i: self._option(True))
        for column, (text, widget) in enumerate(
            ((tr("Dates:"), self.date_order), (tr("Encoding:"), self.encoding))
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, rows, column * 2)
            grid.addWidget(widget, rows, column * 2 + 1)

    def show_mapping(self, mapping: Mapping[str, str | None], headers: Sequence[str]) -> None:
        """List ``headers`` in every combo and select the column each field is read from."""
        self._filling = True
        for field, combo in self.field_combos.items():
            combo.clear()
            combo.addItem(self.tr("(not in file)"), None)
            for header in headers:
                combo.addItem(header, header)
            combo.setCurrentIndex(max(combo.findData(mapping.get(field)), 0))
        self._filling = False

    def reset_options(self) -> None:
        self._filling = True
        self.date_order.setCurrentIndex(0)
        self.encoding.setCurrentIndex(0)
        self._filling = False

    def _chosen(self, field: str) -> None:
        if not self._filling:
            self.column_chosen.emit(field, self.field_combos[field].currentData())

    def _option(self, reread: bool) -> None:
        if not self._filling:
            self.options_changed.emit(reread)


class PlanTabs(QTabWidget):
    """Four tabs: sessions to add, already recorded, problems, skipped rows."""

    def __init__(self, fmt: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fmt = fmt
        tr = self.tr
        self.handles: dict[int, str] = {}
        self.to_add = RowsModel(
            [tr("Start"), tr("Duration"), tr("Diamonds"), tr("Account"), tr("Title")],
            self._session_cells,
            frozenset({1, 2}),
            self,
        )
        self.duplicates = RowsModel(
            [tr("Line"), tr("Start"), tr("Account"), tr("Title")],
            self._duplicate_cells,
            frozenset({0}),
            self,
        )
        self.problems = RowsModel(
            [tr("Line"), tr("Column"), tr("Reason")], self._problem_cells, frozenset({0}), self
        )
        self.skipped = RowsModel(
            [tr("Line"), tr("Column"), tr("Reason")], self._problem_cells, frozenset({0}), self
        )
        self.views: dict[str, QTableView] = {}
        for key, model, name in (
            ("to_add", self.to_add, tr("Sessions to add")),
            ("duplicates", self.duplicates, tr("Already recorded")),
            ("problems", self.problems, tr("Problems")),
            ("skipped", self.skipped, tr("Skipped rows")),
        ):
            view = compact_table(model, name)
            self.views[key] = view
            self.addTab(view, name)
        widths = {"to_add": (150, 90, 90, 120), "duplicates": (60, 150, 120)}
        for key, columns in widths.items():
            for column, width in enumerate(columns):
                self.views[key].setColumnWidth(column, width)
        for key in ("problems", "skipped"):
            self.views[key].setColumnWidth(0, 60)
            self.views[key].setColumnWidth(1, 130)

    def show_plan(self, plan: ImportPlan | None, handles: dict[int, str]) -> None:
        self.handles = handles
        tr, fmt = self.tr, self.fmt
        self.to_add.set_rows(plan.to_add if plan else [])
        self.duplicates.set_rows(plan.duplicates if plan else [])
        # A CSV names columns; TikTok's JSON names keys ("TotalEarning").
        where = tr("Column") if plan is None or plan.kind == "csv" else tr("Key")
        self.problems.set_rows(plan.problems if plan else [], [tr("Line"), where, tr("Reason")])
        self.skipped.set_rows(plan.skipped if plan else [], [tr("Line"), where, tr("Reason")])
        counts = [
            (tr("To add ({count})"), plan.add_count if plan else 0),
            (tr("Already recorded ({count})"), plan.duplicate_count if plan else 0),
            (tr("Problems ({count})"), plan.problem_count if plan else 0),
            (tr("Skipped ({count})"), plan.skipped_count if plan else 0),
        ]
        for tab, (text, count) in enumerate(counts):
            self.setTabText(tab, text.format(count=fmt.integer(count)))
        if plan is not None and plan.problems:
            self.setCurrentIndex(2)  # what must be fixed first
        elif plan is not None:
            self.setCurrentIndex(0)

    def _session_cells(self, session: Session) -> list[str]:
        fmt = self.fmt
        start: datetime = session.start
        return [
            fmt.datetime(start),
            fmt.duration(session.duration),
            fmt.integer(session.reported_diamonds),
            self.handles.get(session.account_id, ""),
            session.title,
        ]

    def _duplicate_cells(self, item: tuple[int, Session]) -> list[str]:
        line, session = item
        return [
            self.fmt.integer(line),
            self.fmt.datetime(session.start),
            self.handles.get(session.account_id, ""),
            session.title,
        ]

    def _problem_cells(self, problem: RowProblem) -> list[str]:
        line = self.tr("File") if problem.line == FILE_LEVEL else self.fmt.integer(problem.line)
        return [line, problem.field or "", problem.message]
