"""CSV of sessions, gift lines, withdrawals or other income, safe to open in a spreadsheet.

- UTF-8, optionally with a byte-order mark: Excel on Windows reads a CSV
  without one in the legacy code page and garbles every accented title.
- Numbers are written as numbers: no thousands separators, "." as the decimal
  point, money rounded once to cents (core.money's rule), so any program
  reads them back as the same value.
- Formula injection (OWASP "CSV injection"): a *text* cell that starts with
  ``= + - @``, a tab or a carriage return would be run as a formula by
  Excel or LibreOffice (``=HYPERLINK(...)`` in a session note could send data
  away). Such text gets a leading ``'``, which spreadsheets show as text.
  Numbers are never touched: ``-12.5`` is a number, not a formula, and must
  stay one.
- The sessions file is the documented import template (report_data.COLUMNS),
  so an export can be imported into another database.
"""

from __future__ import annotations

import csv
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tiklive_desktop.core.report import Period
from tiklive_desktop.exchange.atomic import atomic_write
from tiklive_desktop.exchange.report_data import (
    COLUMNS,
    Column,
    Progress,
    Table,
    count_rows,
    iter_pages,
    start_text,
)
from tiklive_desktop.storage.repository import Repository

log = logging.getLogger(__name__)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text that a spreadsheet would take for a formula, made inert with a leading quote."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def cell(value: Any) -> str:
    """One value as CSV text: numbers plain, dates ISO, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: True is an int too
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return start_text(value)
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value))


def _text_cell(value: Any) -> str:
    if type(value) is str:
        return f"'{value}" if value.startswith(FORMULA_STARTS) else value
    return cell(value)


def _int_cell(value: Any) -> str:
    return str(value) if type(value) is int else cell(value)


def _decimal_cell(value: Any) -> str:
    return format(value, "f") if type(value) is Decimal else cell(value)


_BY_KIND: dict[str, Callable[[Any], str]] = {
    "text": _text_cell,
    "int": _int_cell,
    "decimal": _decimal_cell,
    "money": _decimal_cell,
}


def column_cells(columns: Sequence[Column]) -> list[Callable[[Any], str]]:
    """One converter per column, chosen once by its kind: the same text as :func:`cell`
    (which they fall back on for any other type), without testing every value's type
    in turn (a third of a 100,000-row export went there)."""
    return [_BY_KIND.get(column.kind, cell) for column in columns]


def write_rows(
    writer: Any, rows: Iterable[tuple[Any, ...]], converters: Sequence[Callable[[Any], str]]
) -> None:
    writer.writerows([f(v) for f, v in zip(converters, row, strict=True)] for row in rows)


def export_csv(
    repo: Repository,
    path: str | os.PathLike[str],
    table: Table,
    *,
    account_id: int | None = None,
    period: Period | None = None,
    bom: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write ``table`` for one account or all (None) and a period (None: every row).

    Returns the number of rows written (the header not counted). ``progress``
    is called with (rows done, rows in all) after each page; to cancel, raise
    from it: the file is then not written at all (nor an existing one changed).
    """
    total = count_rows(repo, table, account_id, period)  # refuses an unknown table
    columns = COLUMNS[table]
    done = 0
    if progress is not None:
        progress(0, total)
    with atomic_write(path) as temp:
        encoding = "utf-8-sig" if bom else "utf-8"
        with temp.open("w", encoding=encoding, newline="") as out:
            writer = csv.writer(out)  # Excel's dialect: quotes when needed, CRLF
            writer.writerow([column.name for column in columns])
            converters = column_cells(columns)
            for page in iter_pages(repo, table, account_id, period):
                write_rows(writer, page, converters)
                done += len(page)
                if progress is not None:
                    progress(done, max(total, done))
    log.info("exported %d %s rows to %s", done, table, path)
    return done
