"""P6: XLSX and CSV export of sessions beside the libraries writing the same cells directly.

Ours: ``export_xlsx`` (the report workbook: Summary sheet plus one sheet per
table) and ``export_csv`` of the sessions table, from the database. Anchor:
XlsxWriter (``constant_memory``, one format per column, as ours) / the ``csv``
module writing the very cells our export wrote, read beforehand (not timed).
The database is the demo with its gift lines removed, so the workbook holds
the sessions (not a million gift-line rows) as the target says.
"""

from __future__ import annotations

import csv
import tempfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter

from bench.common import Cache, Outcome, Row, median_pair
from tiklive_desktop.core.report import Period
from tiklive_desktop.exchange.csv_export import cell, export_csv
from tiklive_desktop.exchange.report_data import COLUMNS, TABLES, iter_pages
from tiklive_desktop.exchange.xlsx_export import export_xlsx
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository

EVERYTHING = Period(date(2000, 1, 1), date(2100, 12, 31), "all")


def _xlsx_directly(path: Path, tables: dict[str, list[tuple[Any, ...]]]) -> None:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    kinds = {
        "money": book.add_format({"num_format": "#,##0.00"}),
        "decimal": book.add_format({"num_format": "0.####"}),
        "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
    }
    for table, rows in tables.items():
        sheet = book.add_worksheet(table)
        columns = COLUMNS[table]  # type: ignore[index]
        formats = [kinds.get(c.kind) for c in columns]
        sheet.write_row(0, 0, [c.name for c in columns])
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    sheet.write_string(r, c, value, formats[c])
                elif isinstance(value, datetime | date):
                    sheet.write_datetime(r, c, value, formats[c])
                else:
                    number = value if isinstance(value, int) else float(value)
                    sheet.write_number(r, c, number, formats[c])
    book.close()


def _csv_directly(path: Path, header: list[str], cells: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(cells)


def run(cache: Cache, sessions: int, repeat: int) -> Outcome:
    db = open_database(cache.without_gift_lines(sessions))
    repo = Repository(db)
    try:
        tables = {t: [row for page in iter_pages(repo, t) for row in page] for t in TABLES}
        cells = [[cell(v) for v in row] for row in tables["sessions"]]
        header = [c.name for c in COLUMNS["sessions"]]
        _ = Decimal  # (values are Decimal where money; the anchor writes them as floats)
        with tempfile.TemporaryDirectory(prefix="tiklive-bench-p6-") as folder:
            out = Path(folder)
            facts: dict[str, object] = {}

            def ours_xlsx() -> None:
                export_xlsx(repo, out / "ours.xlsx", account_id=None, period=EVERYTHING)

            def ours_csv() -> None:
                facts["csv_rows"] = export_csv(repo, out / "ours.csv", "sessions")

            xlsx = median_pair(ours_xlsx, lambda: _xlsx_directly(out / "direct.xlsx", tables),
                               repeat)  # fmt: skip
            csv_ = median_pair(ours_csv, lambda: _csv_directly(out / "direct.csv", header, cells),
                               repeat)  # fmt: skip
            facts["csv_same"] = (out / "ours.csv").read_bytes() == (out / "direct.csv").read_bytes()
            facts["xlsx_bytes"] = (out / "ours.xlsx").stat().st_size
            facts["sessions"] = len(tables["sessions"])
            facts["xlsx_path_rows"] = _xlsx_rows(out / "ours.xlsx") if sessions <= 1000 else None
    finally:
        db.close()
    rows = [
        Row("P6.xlsx", f"XLSX export of {sessions:,} sessions", *xlsx, 1.5),
        Row("P6.csv", f"CSV export of {sessions:,} sessions", *csv_, 1.3),
    ]
    return Outcome(rows, facts)


def _xlsx_rows(path: Path) -> int:
    """Rows on the workbook's sessions sheet, header included (small files only: openpyxl)."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        sheet = next(s for s in book.worksheets if s.title.lower().startswith("session"))
        return sum(1 for _ in sheet.iter_rows())
    finally:
        book.close()
