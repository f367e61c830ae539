"""Sessions from a CSV file: a preview with a suggested column mapping, then a dry-run plan.

The template (``resources/import_template.csv``, saved by :func:`write_template`)
has one row per LIVE and these columns, the same as the sessions CSV export:

- ``account``: the TikTok handle (``@`` optional); may be left out when the
  import goes into one chosen account;
- ``start``: when the LIVE began, ``YYYY-MM-DD HH:MM`` (also accepted: ISO with
  ``T``/seconds/zone, ``DD/MM/YYYY HH:MM`` or ``MM/DD/YYYY HH:MM``, 12-hour
  times with AM/PM, a separate ``time`` column);
- ``duration_minutes``: minutes (``95``) or ``H:MM`` (``1:35``); a column of
  hours, seconds or an ``end`` time works instead;
- ``diamonds``: the Diamonds the LIVE summary reported (empty if not noted);
- ``likes``, ``peak_viewers``, ``total_viewers``, ``new_followers``,
  ``comments``, ``shares``, ``gifters``: whole numbers, empty = 0;
- ``title``, ``notes``; ``tags`` separated by commas.

``credited_diamonds`` and ``net_usd`` (written by the export) are worked out
by the app, so they are accepted and not read. Other columns are reported as
ignored. Every row is held to ``core.validation.parse_session``'s rules, like a
session typed in the app (a row of plain fields is built at once by
``core.validation_plain.plain_session``, which gives the same session).
Planning never writes: see :func:`.import_plan.apply_plan`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, tzinfo
from importlib import resources
from pathlib import Path

from tiklive_desktop.core.entities import Account
from tiklive_desktop.core.validation import parse_session
from tiklive_desktop.core.validation_plain import plain_session
from tiklive_desktop.exchange.atomic import atomic_write
from tiklive_desktop.exchange.csv_columns import (
    COMPUTED_COLUMNS,
    DURATIONS,
    FIELDS,
    OPTIONS,
    TEMPLATE_COLUMNS,
    match_column,
    suggest_mapping,
)
from tiklive_desktop.exchange.csv_source import CsvRow, CsvTable, ImportFileError, read_path
from tiklive_desktop.exchange.import_plan import (
    FILE_LEVEL,
    ImportPlan,
    RowProblem,
    StartIndex,
    accounts_by_handle,
    handle_key,
)
from tiklive_desktop.exchange.import_values import (
    DATE_ORDERS,
    BadValueError,
    DateOrder,
    decide_date_order,
    parse_datetime,
    parse_duration,
    slash_date,
)
from tiklive_desktop.storage.repository import Repository

TEMPLATE_NAME = "import_template.csv"
_COUNTS = (
    "likes",
    "peak_viewers",
    "total_viewers",
    "new_followers",
    "comments",
    "shares",
    "gifters",
)


def read_csv_preview(
    path: str | Path, rows: int = 20, *, encoding: str | None = None
) -> tuple[list[str], list[list[str]], dict[str, str | None]]:
    """(headers, the first ``rows`` rows, suggested mapping) for the import dialog.

    The suggestion also holds ``date_order`` when the sample proves one (a day
    above 12). Raises :class:`.csv_source.ImportFileError` (a ``StorageError``)
    when the file cannot be read as CSV; its message names the line.
    """
    table = read_path(path, encoding)
    sample = [row.cells for row in table.rows[:rows]]
    mapping = suggest_mapping(table.headers)
    start = mapping["start"]
    if start is not None:
        index = table.headers.index(start)
        values = [(r.line, r.cells[index]) for r in table.rows[:rows] if index < len(r.cells)]
        mapping["date_order"] = decide_date_order(values, None).order
    return table.headers, sample, mapping


def write_template(path: str | Path) -> Path:
    """Save the documented template (header and two example rows) at ``path``, atomically."""
    data = resources.files("tiklive_desktop.resources").joinpath(TEMPLATE_NAME).read_bytes()
    with atomic_write(path) as temp:
        temp.write_bytes(data)
    return Path(path)


class _Columns:
    """The effective mapping and the index of each mapped column."""

    def __init__(self, table: CsvTable, mapping: dict[str, str | None]) -> None:
        self.mapping = mapping
        self.index = {f: table.headers.index(h) for f, h in mapping.items() if h is not None}
        self._pairs = tuple(self.index.items())

    def stripped(self, row: CsvRow) -> dict[str, str]:
        """Every mapped field's stripped cell of ``row`` at once (missing: absent): one
        pass instead of a lookup per field (a 100,000-row import asked 1.8 million times)."""
        cells = row.cells
        n = len(cells)
        return {f: cells[i].strip() for f, i in self._pairs if i < n}

    def header(self, field: str) -> str:
        return self.mapping.get(field) or field

    def cell(self, row: CsvRow, field: str, *, strip: bool = True) -> str:
        i = self.index.get(field)
        cells = row.cells
        if i is None or i >= len(cells):
            return ""
        return cells[i].strip() if strip else cells[i]


def _effective_mapping(
    table: CsvTable, given: Mapping[str, str | None] | None, plan: ImportPlan
) -> dict[str, str | None]:
    """The suggestion, overridden by the caller's choices (None unmaps a field)."""
    mapping = suggest_mapping(table.headers)
    by_fold = {h.casefold(): h for h in reversed(table.headers)}
    for field, header in (given or {}).items():
        if field in OPTIONS:
            continue
        if field not in FIELDS:
            plan.problems.append(RowProblem(FILE_LEVEL, None, f"{field!r} is not a field."))
        elif header is None:
            mapping[field] = None
        elif header.casefold() in by_fold:
            mapping[field] = by_fold[header.casefold()]
        else:
            message = f'The column "{header}" chosen for {field} is not in the file.'
            plan.problems.append(RowProblem(table.header_line, header, message))
    return mapping


def _check_columns(table: CsvTable, mapping: dict[str, str | None], plan: ImportPlan) -> bool:
    """Report missing required columns and the ignored ones; False if rows cannot be read."""
    found = ", ".join(h for h in table.headers if h) or "none"
    ok = True
    if mapping["start"] is None:
        message = f"No start column: each LIVE needs its start date and time (columns: {found})."
        plan.problems.append(RowProblem(table.header_line, None, message))
        ok = False
    if all(mapping[f] is None for f in (*DURATIONS, "end")):
        message = (
            f"No duration_minutes (or end) column: how long each LIVE lasted (columns: {found})."
        )
        plan.problems.append(RowProblem(table.header_line, None, message))
        ok = False
    used = {h for h in mapping.values() if h is not None}
    computed = [h for h in table.headers if h not in used and match_column(h) in COMPUTED_COLUMNS]
    plan.ignored_columns = [h for h in table.headers if h and h not in used and h not in computed]
    if plan.ignored_columns:
        plan.notices.append(f"Columns not imported: {', '.join(plan.ignored_columns)}.")
    if computed:
        plan.notices.append(f"{', '.join(computed)}: worked out by the app, not read.")
    return ok


def _target(
    repo: Repository, account_id: int | None, has_column: bool, plan: ImportPlan
) -> Account | None:
    """The account for rows that name none; adds a file problem when one is needed and unknown."""
    if account_id is not None:
        account = repo.get_account(account_id)
        if account is None:
            plan.problems.append(RowProblem(FILE_LEVEL, None, f"There is no account {account_id}."))
        return account
    if has_column:
        return None
    accounts = repo.list_accounts()
    if len(accounts) == 1:
        plan.account_id = accounts[0].id
        plan.notices.append(f"No account column: every row goes to @{accounts[0].handle}.")
        return accounts[0]
    message = (
        "This database has no account yet: add your TikTok account in the app first."
        if not accounts
        else "The file has no account column: choose the account to import into."
    )
    plan.problems.append(RowProblem(FILE_LEVEL, "account", message))
    return None


def plan_csv_import(
    repo: Repository,
    path: str | Path,
    *,
    account_id: int | None = None,
    mapping: Mapping[str, str | None] | None = None,
    today: date,
    tz: tzinfo | None = None,
) -> ImportPlan:
    """The dry run: what importing ``path`` would add, skip, and refuse (line by line).

    ``account_id`` is the account for rows without an account cell (and a row
    naming another account is a problem). ``mapping`` overrides the suggested
    one; its ``date_order`` ("dmy"/"mdy") settles dates like 03/04/2025 and
    ``encoding`` reads a file that is not UTF-8. Never writes.
    """
    plan = ImportPlan(source=str(path), account_id=account_id, kind="csv")
    options = dict(mapping or {})
    given_order = options.get("date_order") or None
    order = next((o for o in DATE_ORDERS if o == given_order), None)
    if given_order is not None and order is None:
        message = f"date_order must be dmy or mdy, not {given_order!r}."
        plan.problems.append(RowProblem(FILE_LEVEL, None, message))
        return plan
    try:
        table = read_path(path, options.get("encoding") or None)
    except ImportFileError as error:
        plan.problems.append(error.problem)
        return plan
    cols = _Columns(table, _effective_mapping(table, mapping, plan))
    plan.mapping = dict(cols.mapping)
    if not _check_columns(table, cols.mapping, plan):
        return plan
    if not table.rows:
        message = "The file has a header but no sessions below it."
        plan.problems.append(RowProblem(table.header_line, None, message))
        return plan
    target = _target(repo, account_id, cols.mapping["account"] is not None, plan)
    dates = [(r.line, cols.cell(r, f)) for f in ("start", "end") for r in table.rows]
    decision = decide_date_order(dates, order)
    plan.mapping["date_order"] = decision.order
    if decision.problem:
        problem = RowProblem(decision.problem_line, cols.header("start"), decision.problem)
        plan.problems.append(problem)
    elif decision.notice and any(slash_date(text) for _, text in dates):
        plan.notices.append(decision.notice)
    _plan_rows(repo, table, cols, target, decision.order, plan, today, tz)
    plan.problems.sort(key=lambda problem: problem.line)  # file order (stable within a line)
    return plan


def _plan_rows(
    repo: Repository,
    table: CsvTable,
    cols: _Columns,
    target: Account | None,
    order: DateOrder | None,
    plan: ImportPlan,
    today: date,
    tz: tzinfo | None,
) -> None:
    accounts = accounts_by_handle(repo.list_accounts())
    known = StartIndex(repo)
    width = len(table.headers)
    for row in table.rows:
        if len(row.cells) > width and any(c.strip() for c in row.cells[width:]):
            message = (
                f"This row has {len(row.cells)} values but the header has {width} columns; "
                f'a value containing "{table.delimiter}" must be in double quotes.'
            )
            plan.problems.append(RowProblem(row.line, None, message))
            continue
        if not any(c.strip() for c in row.cells):
            plan.skipped.append(RowProblem(row.line, None, "The row is empty."))
            continue
        problems: list[RowProblem] = []
        account = _row_account(row, cols, accounts, target, problems)
        read = _row_raw(row, cols, order, tz, problems)
        if read is None:  # an ambiguous date: the file-level problem already explains it
            continue
        raw, duration_field = read
        account_id = account.id if account and account.id else 0
        # A row whose fields are all plain is built at once; any other goes through the
        # full validator, which also words its problems (see plain_session).
        plain = (
            None
            if problems or account is None
            else plain_session(raw, account_id=account_id, today=today)
        )
        if plain is not None:
            if known.seen(plain):
                plan.duplicates.append((row.line, plain))
            else:
                plan.to_add.append(plain)
                plan.add_lines.append(row.line)
            continue
        report = parse_session(raw, account_id=account_id, catalog={}, today=today)
        named = {p.field for p in problems}
        sources = {"reported_diamonds": "diamonds", "duration": duration_field}
        for problem in report.problems:
            header = cols.header(sources.get(problem.field, problem.field))
            if header not in named:
                problems.append(RowProblem(row.line, header, problem.message))
        if problems or report.value is None or account is None:
            plan.problems.extend(problems)
            continue
        if known.seen(report.value):
            plan.duplicates.append((row.line, report.value))
        else:
            plan.to_add.append(report.value)
            plan.add_lines.append(row.line)


def _row_account(
    row: CsvRow,
    cols: _Columns,
    accounts: Mapping[str, Account],
    target: Account | None,
    problems: list[RowProblem],
) -> Account | None:
    handle = cols.cell(row, "account")
    if not handle:
        if target is None and cols.mapping["account"] is not None:
            problems.append(RowProblem(row.line, cols.header("account"), "No account on this row."))
        return target
    account = accounts.get(handle_key(handle))
    if account is None:
        message = (
            f"No account @{handle.removeprefix('@')} in this database; "
            "add it first or fix the handle."
        )
        problems.append(RowProblem(row.line, cols.header("account"), message))
    elif target is not None and account.id != target.id:
        message = (
            f"This row is for @{account.handle}, but the import goes into @{target.handle}; "
            "import without choosing an account, or leave the account column out."
        )
        problems.append(RowProblem(row.line, cols.header("account"), message))
    return account


def _row_raw(
    row: CsvRow,
    cols: _Columns,
    order: DateOrder | None,
    tz: tzinfo | None,
    problems: list[RowProblem],
) -> tuple[dict[str, object], str] | None:
    """(parse_session's raw input, the duration column used); None for an ambiguous date."""
    raw: dict[str, object] = {}
    duration_field = "duration_minutes"
    cell = cols.stripped(row).get
    for field, key in (("start", "start"), ("end", "end")):
        text = cell(field, "")
        time = cell("time", "") if field == "start" else None
        if not text:
            continue
        if order is None and (found := slash_date(text)) and found.ambiguous:
            return None
        try:
            raw[key] = parse_datetime(text, order, tz=tz, time=time)
        except BadValueError as error:
            message = f"{field.capitalize()}: {error}"
            problems.append(RowProblem(row.line, cols.header(field), message))
    for field, unit in DURATIONS.items():
        text = cell(field, "")
        if text:
            duration_field = field
            try:
                raw["duration"] = parse_duration(text, unit)
            except BadValueError as error:
                problems.append(RowProblem(row.line, cols.header(field), f"Duration: {error}"))
            break
    raw["reported_diamonds"] = cell("diamonds", "")
    for field in _COUNTS:
        raw[field] = cell(field, "")
    for field in ("title", "tags"):
        raw[field] = cell(field, "")
    raw["notes"] = cols.cell(row, "notes", strip=False)
    return raw, duration_field


__all__ = [
    "COMPUTED_COLUMNS",
    "FIELDS",
    "OPTIONS",
    "TEMPLATE_COLUMNS",
    "ImportFileError",
    "match_column",
    "plan_csv_import",
    "read_csv_preview",
    "suggest_mapping",
    "write_template",
]
