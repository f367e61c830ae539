"""``tiklive report``: a period's report as PDF or XLSX, or one table as CSV.

    tiklive report --period 2026-Q3 --format pdf -o q3.pdf [--account HANDLE] [--db PATH]
    tiklive report --format csv --table withdrawals -o w.csv [--period 2026] [--bom]

The format defaults to the output file's extension. A CSV without
``--period`` holds every row; PDF and XLSX reports need a period.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TextIO

from tiklive_desktop.cli.args import LAST_DAY
from tiklive_desktop.cli.common import EXIT_OK, UsageError, open_existing
from tiklive_desktop.cli.summary import find_account
from tiklive_desktop.core.report import PERIOD_HELP, Period, parse_period
from tiklive_desktop.exchange.report_data import TABLES, period_text
from tiklive_desktop.storage.location import default_database_path

FORMATS = ("pdf", "xlsx", "csv")


def add_parser(commands: argparse._SubParsersAction) -> None:
    """The ``report`` subcommand's options (called by cli.build_parser)."""
    report = commands.add_parser(
        "report",
        help="write a report (PDF, XLSX) or a table (CSV) for a period",
        description="Write a period's report as PDF or XLSX, or one table as CSV.",
    )
    report.add_argument(
        "-o", "--out", type=Path, required=True, metavar="FILE", help="file to write"
    )
    report.add_argument("--period", help=f"which days ({PERIOD_HELP}); CSV default: all")
    report.add_argument(
        "--format", choices=FORMATS, help="pdf, xlsx or csv (default: from FILE's extension)"
    )
    report.add_argument("--account", metavar="HANDLE", help="one account (default: all)")
    report.add_argument(
        "--db", type=Path, metavar="PATH", help="database file (default: the app's own)"
    )
    report.add_argument("--table", choices=TABLES, help="CSV only: which table (default: sessions)")
    report.add_argument(
        "--bom", action="store_true", help="CSV only: start with a byte-order mark (for Excel)"
    )
    report.add_argument(
        "--tax-year-start",
        default="1",
        metavar="MONTH",
        help="first month (1-12) of a tax year, for --period tax-YYYY (default: 1)",
    )


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = args.out.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise UsageError(f"-o {args.out}: say --format pdf, xlsx or csv (the extension does not)")


def _period(args: argparse.Namespace, kind: str) -> Period | None:
    try:
        first_month = int(args.tax_year_start)
    except ValueError:
        first_month = 0
    if not 1 <= first_month <= 12:
        raise UsageError(f"--tax-year-start {args.tax_year_start}: use a month number, 1 to 12")
    if args.period is None:
        if kind == "csv":
            return None
        raise UsageError(f"--period is needed for a report as {kind.upper()} ({PERIOD_HELP})")
    try:
        period = parse_period(args.period, today=date.today(), tax_year_first_month=first_month)
    except ValueError as error:
        raise UsageError(f"--period: {error}") from None
    if period.end > LAST_DAY:  # a report looks at the day after its end: 9999 has none
        raise UsageError(f"--period {args.period}: must end by {LAST_DAY.isoformat()}")
    return period


def run(args: argparse.Namespace, out: TextIO) -> int:
    kind = _format(args)
    period = _period(args, kind)
    if kind != "csv" and (args.table or args.bom):
        raise UsageError("--table and --bom are for --format csv only")
    path = args.db if args.db is not None else default_database_path()
    repo = open_existing(path)
    try:
        account = find_account(repo.list_accounts(), args.account) if args.account else None
        account_id = account.id if account else None
        who = f"@{account.handle}" if account else "all accounts"
        when = period_text(period) if period else "all dates"
        if kind == "csv":
            from tiklive_desktop.exchange.csv_export import export_csv

            table = args.table or "sessions"
            rows = export_csv(
                repo, args.out, table, account_id=account_id, period=period, bom=args.bom
            )
            message = f"wrote {args.out}: {rows:,} {table.replace('_', ' ')} rows ({when}, {who})"
        else:
            assert period is not None
            if kind == "xlsx":
                from tiklive_desktop.exchange.xlsx_export import export_xlsx

                export_xlsx(repo, args.out, account_id=account_id, period=period)
            else:  # Qt is loaded only for a PDF
                from tiklive_desktop.exchange.pdf_report import export_pdf

                export_pdf(repo, args.out, account_id=account_id, period=period)
            message = f"wrote {args.out}: {kind.upper()} report ({when}, {who})"
    finally:
        repo.db.close()
    print(message, file=out)
    return EXIT_OK
