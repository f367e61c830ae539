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
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal, localcontext
from typing import Any

from tiklive_desktop.core.report import Period
from tiklive_desktop.exchange.atomic import atomic_write
from tiklive_desktop.exchange.report_data import (
    COLUMNS,
    PAGE_SIZE,
    Column,
    Progress,
    Table,
    count_rows,
    iter_pages,
    session_where,
    start_text,
)
from tiklive_desktop.storage.queries import rates_by_id
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


# --- the sessions table as final cells, from SQL ----------------------------------------
#
# A sessions export is most of what people export, and converting 100,000 rows
# in Python (Decimal money, datetimes, tags) cost eight times what writing them
# did. SQLite produces the very text ``iter_pages`` + ``column_cells`` write, so
# the writer gets rows it can write as they are. Byte-identical to that path
# (tests/bench/test_fast_paths.py) for every database the app writes: the
# table's CHECKs keep starts as ``YYYY-MM-DDTHH:MM:SS`` and counts >= 0.

_FORMULA_FIRST = "('=', '+', '-', '@', char(9), char(13))"
_INT64 = 2**63


def _inert(expr: str) -> str:
    """SQL for :func:`neutralise` of a text expression (NULL stays NULL: an empty cell)."""
    return f"CASE WHEN substr({expr}, 1, 1) IN {_FORMULA_FIRST} THEN '''' || {expr} ELSE {expr} END"


# ``report_data.start_text``: seconds only when there are any.
_START = (
    "replace(CASE WHEN substr(s.start, 17) = ':00' THEN substr(s.start, 1, 16)"
    " ELSE s.start END, 'T', ' ')"
)
# ``report_data.minutes``: whole minutes as an integer, else 4 decimals without trailing
# zeros. seconds/60 to 4 places is seconds*500/3, whose remainder is never a half, so
# (seconds*500 + 1) / 3 is the nearest (Decimal's quantize), and never ends in .0000.
_MINUTES = (
    "CASE WHEN s.duration_s % 60 = 0 THEN s.duration_s / 60 ELSE"
    " (((s.duration_s * 500 + 1) / 3) / 10000) || '.'"
    " || rtrim(printf('%04d', ((s.duration_s * 500 + 1) / 3) % 10000), '0') END"
)
# ``report_data._tag_line`` made inert. Plain tags (no backslash, and no quote left once
# the '","' separators are removed: the same test as ``_tag_line``'s count) are split
# as text, the first tag's first character deciding the neutralisation (the JSON is
# read once per row, not once per use); anything else is read as JSON.
_INNER = "substr(s.tags, 3, length(s.tags) - 4)"
_JSON_LINE = "(SELECT ifnull(group_concat(value, ', '), '') FROM json_each(s.tags))"
_TAG_CELL = (
    "CASE WHEN s.tags IN ('', '[]') THEN ''"
    """ WHEN substr(s.tags, 1, 2) = '["' AND substr(s.tags, -2) = '"]'"""
    f""" AND instr(s.tags, '\\') = 0 AND instr(replace({_INNER}, '","', ''), '"') = 0"""
    f" THEN CASE WHEN substr(s.tags, 3, 1) IN {_FORMULA_FIRST} THEN '''' ELSE '' END"
    f""" || replace({_INNER}, '","', ', ')"""
    f" ELSE {_inert(_JSON_LINE)} END"
)
_COUNTS = ("likes", "peak_viewers", "total_viewers", "new_followers", "comments", "shares")
_COUNTS += ("gifters",)


def _scaled(factor: Decimal) -> tuple[int, int]:
    """(F, e) with ``factor`` == F / 10**e exactly and e >= 0."""
    sign, digits, exponent = factor.as_tuple()
    whole = int("".join(map(str, digits)) or "0") * (-1 if sign else 1)
    if not isinstance(exponent, int):
        raise ValueError(f"not a finite rate: {factor}")
    if exponent >= 0:
        return whole * 10**exponent, 0
    return whole, -exponent


def _net_cents_sql(repo: Repository) -> str | None:
    """SQL for each session's net USD in whole cents, rounded once, half up (core.money).

    net = Diamonds x diamond value x (1 - agency share), all exact decimals: scaled
    to integers per rate period, it stays exact in SQLite's 64-bit integers while the
    largest stored Diamonds times the scaled factor fits (and Python's Decimal, with
    28 digits, is exact too). Otherwise, or for a negative factor (where half up and
    "-0.00" need Decimal), None: the caller converts in Python.
    """
    rates = rates_by_id(repo.conn)
    most = int(repo.conn.execute("SELECT ifnull(max(diamonds), 0) FROM sessions").fetchone()[0])
    if most < 0:
        return None
    by_expr: dict[str, list[int]] = {}
    default = ""
    for rate_id, rate in rates.items():
        with localcontext() as context:
            context.prec = 200
            factor = rate.diamond_value_usd * (1 - rate.agency_share)
        whole, places = _scaled(factor)
        value, _ = _scaled(rate.diamond_value_usd)
        if whole < 0 or value < 0 or max(whole, value) * most + 10**places >= _INT64:
            return None
        if places <= 2:
            expr = f"s.diamonds * {whole * 10 ** (2 - places)}"
        else:
            divisor = 10 ** (places - 2)
            expr = f"(s.diamonds * {whole} + {divisor // 2}) / {divisor}"
        if rate_id is None:
            default = expr
        else:
            by_expr.setdefault(expr, []).append(rate_id)
    branches = " ".join(
        f"WHEN s.rate_period_id IN ({', '.join(map(str, ids))}) THEN {expr}"
        for expr, ids in by_expr.items()
        if expr != default
    )
    return f"(CASE {branches} ELSE {default} END)" if branches else f"({default})"


def session_cells_sql(
    repo: Repository, account_id: int | None = None, period: Period | None = None
) -> tuple[str, list[Any]] | None:
    """(SQL, parameters) whose rows are the sessions table's CSV cells as the export writes
    them: text, an int where :func:`cell` writes its digits, None for an empty cell.
    None when the money cannot be done exactly in SQL (see :func:`_net_cents_sql`)."""
    cents = _net_cents_sql(repo)
    if cents is None:
        return None
    where, params = session_where(account_id, period)
    counts = ", ".join(f"s.{name}" for name in _COUNTS)
    sql = (
        f"SELECT {_inert('a.handle')}, {_START}, {_MINUTES},"
        f" coalesce(s.reported_diamonds, nullif(s.diamonds, 0)), {counts},"
        f" {_inert('s.title')}, {_inert('s.notes')}, {_TAG_CELL}, s.diamonds,"
        f" printf('%d.%02d', {cents} / 100, {cents} % 100)"
        f" FROM sessions s JOIN accounts a ON a.id = s.account_id {where}"
        " ORDER BY s.start, s.id"
    )
    return sql, params


def _pages(repo: Repository, query: tuple[str, list[Any]]) -> Iterator[list[tuple[Any, ...]]]:
    cursor = repo.conn.execute(*query)
    try:
        while page := cursor.fetchmany(PAGE_SIZE):
            yield page
    finally:
        cursor.close()


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
            fast = session_cells_sql(repo, account_id, period) if table == "sessions" else None
            pages = _pages(repo, fast) if fast else iter_pages(repo, table, account_id, period)
            converters = column_cells(columns)
            for page in pages:
                if fast:
                    writer.writerows(page)
                else:
                    write_rows(writer, page, converters)
                done += len(page)
                if progress is not None:
                    progress(done, max(total, done))
    log.info("exported %d %s rows to %s", done, table, path)
    return done
