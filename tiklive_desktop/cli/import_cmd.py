"""``tiklive import FILE``: sessions from a CSV file or TikTok's data download.

All or nothing by default: if any row is bad, nothing is stored and every bad
row is listed with its line and reason, so the user fixes the file and runs
the same command again (re-running is safe: rows already imported are
recognised as duplicates). ``--skip-bad`` stores the good rows anyway, for a
TikTok file the user cannot edit. Exit status: 0 imported (or a clean dry
run), 1 problems in the file or the database, 2 a wrong command line.

The file's kind is decided by its content (JSON or not), not its extension.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tiklive_desktop.cli.common import EXIT_OK, CommandError, UsageError, open_existing

if TYPE_CHECKING:
    from tiklive_desktop.core.entities import Account, Session
    from tiklive_desktop.exchange.import_plan import ImportPlan
    from tiklive_desktop.storage.repository import Repository

_KINDS = {"csv": "CSV", "tiktok-json": "TikTok data download"}


def add_parser(commands: Any) -> None:
    """Register ``import`` on the CLI's sub-parsers (called from ``cli.build_parser``)."""
    parser = commands.add_parser(
        "import",
        help="add sessions from a CSV file or TikTok's data download (JSON)",
        description="Add LIVE sessions from a CSV file (see the template the app saves) or "
        "from user_data_tiktok.json. Nothing is stored if any row is bad, unless --skip-bad.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the .csv or .json file")
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be added; store nothing"
    )
    parser.add_argument(
        "--account",
        metavar="HANDLE",
        help="the account to import into (needed for TikTok data and for a CSV file "
        "without an account column, unless the database has one account)",
    )
    parser.add_argument("--db", type=Path, help="database file (default: the app's own)")
    parser.add_argument(
        "--date-order",
        choices=("dmy", "mdy"),
        help="how to read dates like 03/04/2025 in a CSV file: day first or month first",
    )
    parser.add_argument(
        "--encoding", help="a CSV file's encoding when it is not UTF-8 (e.g. cp1252)"
    )
    parser.add_argument(
        "--skip-bad",
        action="store_true",
        help="store the good rows even if some are bad (default: all or nothing)",
    )


def _when(session: Session) -> str:
    minutes = int(session.duration.total_seconds()) // 60
    return f"{session.start:%Y-%m-%d %H:%M}, {minutes // 60}:{minutes % 60:02d}"


def _plan_lines(plan: ImportPlan, handles: dict[int | None, str], dry_run: bool) -> list[str]:
    target = f"@{handles[plan.account_id]}" if plan.account_id in handles else "each row's account"
    name = Path(plan.source).name
    lines = [
        f"{name} ({_KINDS.get(plan.kind, plan.kind)}) into {target}",
        f"  to add:      {plan.add_count:,}",
        f"  duplicates:  {plan.duplicate_count:,} (same account and start: already recorded)",
        f"  skipped:     {plan.skipped_count:,}",
        f"  bad rows:    {plan.problem_count:,}",
    ]
    lines += [f"  note: {notice}" for notice in plan.notices]

    def section(title: str, rows: list[str]) -> None:
        if rows:
            lines.extend(["", title, *(f"  {row}" for row in rows)])

    if dry_run:
        section(
            "Would add:",
            [
                f"line {line}: @{handles.get(s.account_id, '?')} {_when(s)}"
                for line, s in zip(plan.add_lines, plan.to_add, strict=True)
            ],
        )
    section(
        "Duplicates (not added again):",
        [
            f"line {line}: @{handles.get(s.account_id, '?')} {_when(s)}"
            for line, s in plan.duplicates
        ],
    )
    section("Skipped:", [str(p) for p in plan.skipped])
    section("Bad rows:", [str(p) for p in plan.problems])
    return lines


def _account(repo: Repository, handle: str | None, needed: bool) -> Account | None:
    from tiklive_desktop.cli.summary import find_account

    accounts = repo.list_accounts()
    if handle is not None:
        return find_account(accounts, handle)
    if needed and len(accounts) == 1:
        return accounts[0]
    if needed:
        known = ", ".join(f"@{a.handle}" for a in accounts) or "none yet: add one in the app"
        raise UsageError(f"import: name the account with --account HANDLE (accounts: {known})")
    return None


def _plan(repo: Repository, args: argparse.Namespace, file: Path) -> ImportPlan:
    from tiklive_desktop.exchange.csv_import import plan_csv_import
    from tiklive_desktop.exchange.import_plan import detect_format
    from tiklive_desktop.exchange.tiktok_import import plan_tiktok_import

    today = date.today()
    if detect_format(file) == "json":
        for option, value in (("--date-order", args.date_order), ("--encoding", args.encoding)):
            if value:
                raise UsageError(f"import: {option} is for CSV files; {file.name} is JSON")
        account = _account(repo, args.account, needed=True)
        if account is None or account.id is None:  # _account raised already; for the type
            raise UsageError("import: name the account with --account HANDLE")
        return plan_tiktok_import(repo, file, account_id=account.id, today=today)
    account = _account(repo, args.account, needed=False)
    mapping = {"date_order": args.date_order, "encoding": args.encoding}
    account_id = account.id if account else None
    return plan_csv_import(repo, file, account_id=account_id, mapping=mapping, today=today)


def run(args: argparse.Namespace, out: TextIO) -> int:
    from tiklive_desktop.exchange.import_plan import apply_plan
    from tiklive_desktop.storage.location import default_database_path

    file = args.file.expanduser()
    if not file.is_file():
        raise CommandError(f"{file}: no such file")
    repo = open_existing(args.db or default_database_path())
    try:
        plan = _plan(repo, args, file)
        handles = {a.id: a.handle for a in repo.list_accounts()}
        print("\n".join(_plan_lines(plan, handles, args.dry_run)), file=out)
        if plan.problems and (not args.skip_bad or not plan.to_add):
            hint = (
                f", or add --skip-bad to import only the {plan.add_count:,} good ones"
                if plan.to_add
                else ""
            )
            raise CommandError(
                f"{plan.problem_count:,} problem(s) in {file.name}: nothing was imported. "
                f"Fix the lines listed above and run the same command again{hint}."
            )
        if args.dry_run:
            print("\nDry run: nothing was stored.", file=out)
            return EXIT_OK
        added = apply_plan(repo, plan, skip_bad=args.skip_bad)
        print(f"\nImported {added:,} session(s).", file=out)
        return EXIT_OK
    finally:
        repo.db.close()
