"""``tiklive demo-data``: write a demo database (never over an existing file without --force)."""

from __future__ import annotations

import argparse
from typing import TextIO

from tiklive_desktop.cli.args import parse_day, parse_whole
from tiklive_desktop.cli.common import EXIT_OK, CommandError, UsageError
from tiklive_desktop.demo import DEMO_END, MAX_SESSIONS, write_demo_database


def run(args: argparse.Namespace, out: TextIO) -> int:
    sessions = parse_whole(args.sessions, "--sessions", 0, MAX_SESSIONS)
    seed = parse_whole(args.seed, "--seed", 0, 2**63 - 1)
    accounts = parse_whole(args.accounts, "--accounts", 1, 1000)
    months = parse_whole(args.months, "--months", 1, 120)
    end = parse_day(args.end, "--end") if args.end else DEMO_END
    target = args.out.expanduser()
    if target.is_dir():
        raise UsageError(f"--out {args.out}: is a folder; name the database file to write")
    if target.exists() and not args.force:
        raise CommandError(f"{target} already exists (add --force to replace it)")
    if not target.parent.is_dir():
        raise CommandError(f"cannot write {target}: the folder {target.parent} does not exist")
    summary = write_demo_database(
        target, seed, sessions, accounts, months, end, overwrite=args.force
    )
    print(
        f"Wrote {summary.path}: {summary.accounts:,} accounts, {summary.sessions:,} sessions,"
        f" {summary.gift_lines:,} gift lines, {summary.withdrawals:,} withdrawals,"
        f" {summary.other_income:,} other income entries ({summary.first_day} to {summary.end},"
        f" seed {summary.seed}) in {summary.generate_seconds + summary.write_seconds:.1f} s.",
        file=out,
    )
    return EXIT_OK
