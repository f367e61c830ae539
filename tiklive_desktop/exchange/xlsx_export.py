"""An Excel workbook: a formatted Summary sheet plus one sheet per table.

Written with XlsxWriter in ``constant_memory`` mode: each row goes to disk
as soon as the next one starts, so a workbook of 100,000 sessions costs the
memory of one page of rows. The price of that mode is that every sheet is
written top to bottom, once; the layout below is planned in that order.

Cells are typed: numbers are numbers (with ``#,##0`` and money formats),
dates are dates, text is always written as text (never parsed as a formula,
so a note like ``=HYPERLINK(...)`` stays inert here without any quoting).
Excel holds at most 32,767 characters in a cell: a longer note is cut there
(the CSV export keeps it whole).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from tiklive_desktop import APP_NAME
from tiklive_desktop.core.metrics import round_metric
from tiklive_desktop.core.report import Period, ReportFigures
from tiklive_desktop.exchange.atomic import atomic_write
from tiklive_desktop.exchange.report_data import (
    COLUMNS,
    TABLES,
    Column,
    Progress,
    count_rows,
    iter_pages,
    load_report,
    period_text,
    summary_lines,
)
from tiklive_desktop.storage.repository import Repository

log = logging.getLogger(__name__)

MAX_ROWS = 1_048_576
"""Excel's rows per sheet; a longer table goes on in "Sessions (2)" and so on."""
SHEET_NAMES = {
    "sessions": "Sessions",
    "gift_lines": "Gift lines",
    "withdrawals": "Withdrawals",
    "income": "Income",
}
_WIDTHS = {"text": 18, "datetime": 17, "date": 11, "int": 12, "decimal": 10, "money": 13}
_WIDE = {"notes": 40, "title": 30, "note": 30, "tags": 20, "kind": 20}
MONTH_HEADERS = (
    "Month",
    "Sessions",
    "Hours live",
    "Diamonds",
    "Net from LIVE",
    "Other income",
    "Total income",
    "Withdrawn",
)


def money_format(currency: str) -> str:
    """``$#,##0.00`` for dollars; other currencies by their code (unambiguous for an accountant)."""
    if currency == "USD":
        return '"$"#,##0.00;-"$"#,##0.00'
    return f'#,##0.00 "{currency}";-#,##0.00 "{currency}"'


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook, currency: str) -> None:
        add = book.add_format
        self.title = add({"bold": True, "font_size": 16})
        self.heading = add({"bold": True, "font_size": 12, "font_color": "#fe2c55"})
        self.label = add({"bold": True})
        self.header = add(
            {"bold": True, "bg_color": "#eeeeee", "bottom": 1, "text_wrap": True, "valign": "top"}
        )
        self.int = add({"num_format": "#,##0"})
        self.one = add({"num_format": "#,##0.0"})
        self.money = add({"num_format": money_format(currency)})
        self.usd = add({"num_format": money_format("USD")})
        self.plain_money = add({"num_format": "#,##0.00"})
        self.datetime = add({"num_format": "yyyy-mm-dd hh:mm", "align": "left"})
        self.date = add({"num_format": "yyyy-mm-dd", "align": "left"})
        self.total_int = add({"num_format": "#,##0", "bold": True, "top": 1})
        self.total_one = add({"num_format": "#,##0.0", "bold": True, "top": 1})
        self.total_money = add({"num_format": money_format(currency), "bold": True, "top": 1})
        self.total_label = add({"bold": True, "top": 1})


def _number(value: int | Decimal) -> float | int:
    return value if isinstance(value, int) else float(value)


# --- the Summary sheet ------------------------------------------------------------------


class _Rows:
    """The next free row of a sheet written top to bottom (constant_memory)."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet, self.row = sheet, 0

    def write(self, cells: Sequence[tuple[Any, Format | None]]) -> None:
        for col, (value, fmt) in enumerate(cells):
            if value is None:
                continue
            if isinstance(value, str):
                self.sheet.write_string(self.row, col, value, fmt)
            elif isinstance(value, datetime | date):
                self.sheet.write_datetime(self.row, col, value, fmt)
            else:
                self.sheet.write_number(self.row, col, _number(value), fmt)
        self.row += 1

    def skip(self) -> None:
        self.row += 1


def _summary(book: xlsxwriter.Workbook, f: _Formats, figures: ReportFigures) -> None:
    sheet = book.add_worksheet("Summary")
    sheet.set_column(0, 0, 32)
    sheet.set_column(1, 1, 22)
    sheet.set_column(2, 7, 14)
    out = _Rows(sheet)
    out.write([(f"{APP_NAME} report", f.title)])
    out.write([("Account", f.label), (figures.account, None)])
    out.write([("Period", f.label), (period_text(figures.period), None)])
    money_in = figures.currency
    if figures.per_usd is not None:
        money_in += f" (1 USD = {figures.per_usd:f} {figures.currency})"
    out.write([("Money in", f.label), (money_in, None)])
    out.write([("Created", f.label), (date.today(), f.date)])
    section = ""
    for line in summary_lines(figures):
        if line.section != section:
            section = line.section
            out.skip()
            out.write([(section, f.heading)])
        if line.kind == "money":
            out.write([(line.label, None), (figures.shown(Decimal(line.value or 0)), f.money)])
        elif line.kind in ("hours", "metric"):
            value = round_metric(None if line.value is None else Decimal(line.value))
            out.write([(line.label, None), (value if value is not None else "-", f.one)])
        else:
            out.write([(line.label, None), (line.value, f.int)])
    out.skip()
    _month_table(out, f, figures)
    _tops(out, f, figures)


def _month_table(out: _Rows, f: _Formats, figures: ReportFigures) -> None:
    out.write([("Month by month", f.heading)])
    out.write([(header, f.header) for header in MONTH_HEADERS])
    shown = figures.shown
    for m in figures.months:
        out.write(
            [
                (m.month, None),
                (m.sessions, f.int),
                (m.hours, f.one),
                (m.diamonds, f.int),
                (shown(m.net_usd), f.money),
                (shown(m.other_income_usd), f.money),
                (shown(m.total_income_usd), f.money),
                (shown(m.withdrawn_usd), f.money),
            ]
        )
    out.write(
        [
            ("Total", f.total_label),
            (figures.sessions, f.total_int),
            (figures.hours, f.total_one),
            (figures.diamonds, f.total_int),
            (shown(figures.net_usd), f.total_money),
            (shown(figures.other_income_usd), f.total_money),
            (shown(figures.total_income_usd), f.total_money),
            (shown(figures.withdrawals.amount_usd), f.total_money),
        ]
    )


def _tops(out: _Rows, f: _Formats, figures: ReportFigures) -> None:
    if figures.top_gifts:
        out.skip()
        out.write([("Top gifts", f.heading)])
        out.write([(h, f.header) for h in ("Gift", "Count", "Coins")])
        for gift in figures.top_gifts:
            out.write([(gift.gift, None), (gift.count, f.int), (gift.coins, f.int)])
    if figures.best_sessions:
        out.skip()
        out.write([("Best sessions", f.heading)])
        headers = ("Start", "Account", "Title", "Hours", "Diamonds", "Net")
        out.write([(h, f.header) for h in headers])
        for s in figures.best_sessions:
            out.write(
                [
                    (s.start, f.datetime),
                    (f"@{s.account}", None),
                    (s.title, None),
                    (Decimal(s.seconds) / 3600, f.one),
                    (s.diamonds, f.int),
                    (figures.shown(s.net_usd), f.money),
                ]
            )


# --- one sheet per table -------------------------------------------------------------------


def _cell_format(f: _Formats, column: Column) -> Format | None:
    if column.kind == "money":
        return f.usd if column.name.endswith("_usd") else f.plain_money
    return {"int": f.int, "datetime": f.datetime, "date": f.date}.get(column.kind)


class _TableSheet:
    """A table's sheet(s): header, frozen first row, widths, autofilter; continues past Excel's
    row limit on a new sheet."""

    def __init__(self, book: xlsxwriter.Workbook, f: _Formats, table: str) -> None:
        self.book, self.f, self.table = book, f, table
        self.columns = COLUMNS[table]  # type: ignore[index]
        self.formats = [_cell_format(f, c) for c in self.columns]
        self.parts = 0
        self._open()

    def _open(self) -> None:
        self.parts += 1
        name = SHEET_NAMES[self.table]
        self.sheet = self.book.add_worksheet(name if self.parts == 1 else f"{name} ({self.parts})")
        for col, column in enumerate(self.columns):
            width = _WIDE.get(column.name, max(_WIDTHS[column.kind], len(column.name) + 2))
            self.sheet.set_column(col, col, width)
        self.sheet.freeze_panes(1, 0)
        self.out = _Rows(self.sheet)
        self.out.write([(c.name, self.f.header) for c in self.columns])

    def add(self, row: Sequence[Any]) -> None:
        if self.out.row >= MAX_ROWS:
            self.close()
            self._open()
        self.out.write(list(zip(row, self.formats, strict=True)))

    def close(self) -> None:
        self.sheet.autofilter(0, 0, max(self.out.row - 1, 0), len(self.columns) - 1)


def export_xlsx(
    repo: Repository,
    path: str | os.PathLike[str],
    *,
    account_id: int | None,
    period: Period,
    progress: Progress | None = None,
) -> ReportFigures:
    """Write the report workbook; returns the figures its Summary shows.

    ``progress(done, total)`` counts table rows; raise from it to cancel (no
    file is then written, and an existing one is left as it was).
    """
    figures = load_report(repo, account_id, period)
    total = sum(count_rows(repo, table, account_id, period) for table in TABLES)
    done = 0
    if progress is not None:
        progress(0, total)
    options = {
        "constant_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    with atomic_write(path) as temp:
        book = xlsxwriter.Workbook(str(temp), options)
        try:
            book.set_properties({"title": f"{APP_NAME} report", "subject": period_text(period)})
            formats = _Formats(book, figures.currency)
            _summary(book, formats, figures)
            for table in TABLES:
                sheet = _TableSheet(book, formats, table)
                for page in iter_pages(repo, table, account_id, period):
                    for row in page:
                        sheet.add(row)
                    done += len(page)
                    if progress is not None:
                        progress(done, max(total, done))
                sheet.close()
        except BaseException:
            # Close (it removes its own temporary files); the half-written
            # result is thrown away with the temporary file by atomic_write.
            with contextlib.suppress(Exception):
                book.close()
            raise
        book.close()
    log.info("exported the %s report (%d table rows) to %s", period.label, done, path)
    return figures
