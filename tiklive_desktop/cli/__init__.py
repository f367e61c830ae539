"""The command line: ``tiklive calc``, ``tiklive summary``, ``tiklive demo-data``.

The same core and storage as the window, so a number printed here is the
number the app shows. Every failure ends in one line on stderr that names what
is wrong, never a traceback: exit status 2 for bad input (usage), 1 when the
input was fine but the work could not be done (a missing or foreign database,
an unwritable file). This package is the only place that prints.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import NoReturn, TextIO

from tiklive_desktop import APP_NAME, __version__
from tiklive_desktop.cli.args import PERIOD_HELP
from tiklive_desktop.cli.common import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    CommandError,
    UsageError,
)
from tiklive_desktop.storage.errors import StorageError

log = logging.getLogger(__name__)

SUBCOMMANDS: frozenset[str] = frozenset({"calc", "summary", "demo-data", "report", "import"})

__all__ = ["SUBCOMMANDS", "CommandError", "UsageError", "build_parser", "main"]


class _Parser(argparse.ArgumentParser):
    """argparse, but its complaints become one line via :class:`UsageError` instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description=f"{APP_NAME} {__version__}: command-line tools. "
        f"Run '{PROG}' without a command to open the window.",
    )
    parser.add_argument("-V", "--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    calc = commands.add_parser(
        "calc",
        help="what gifts are worth: coins, Diamonds, money, cash-out",
        description="Work out coins, Diamonds and money for some gifts, e.g. "
        f"'{PROG} calc Rose=100 Lion=1 \"Hand Hearts=3\"'.",
    )
    calc.add_argument("gifts", nargs="+", metavar="GIFT[=COUNT]", help="gift name and count")
    calc.add_argument("--region", default="US", help="cash-out region code (default: US)")
    calc.add_argument(
        "--db", type=Path, help="use this database's gift catalog and rates (default: shipped ones)"
    )

    summary = commands.add_parser(
        "summary",
        help="a period's totals and today's cash-out status",
        description="Totals of a period (default: this month) and the cash-out status today.",
    )
    summary.add_argument("--db", type=Path, help="database file (default: the app's own)")
    summary.add_argument("--period", help=f"which days ({PERIOD_HELP}; default: this month)")
    summary.add_argument("--account", metavar="HANDLE", help="one account (default: all)")
    summary.add_argument(
        "--today", help="report as of this day: its month is the default period (default: today)"
    )

    demo = commands.add_parser(
        "demo-data",
        help="write a demo database of generated sessions",
        description="Write a new database with a realistic, reproducible demo history.",
    )
    demo.add_argument("--out", type=Path, required=True, help="the database file to write")
    demo.add_argument("--sessions", default="600", help="number of LIVE sessions (default: 600)")
    demo.add_argument("--seed", default="1", help="random seed: same seed, same data (default: 1)")
    demo.add_argument("--accounts", default="3", help="accounts, at least (default: 3)")
    demo.add_argument("--months", default="18", help="months of history, at least (default: 18)")
    demo.add_argument("--end", help="last day of the history (default: a fixed day; or 'today')")
    demo.add_argument("--force", action="store_true", help="replace FILE if it exists")

    # Their modules import nothing heavy at module level, so this stays cheap.
    from tiklive_desktop.cli import import_cmd, report_cmd

    report_cmd.add_parser(commands)
    import_cmd.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; returns the exit status (0 ok, 1 failed, 2 bad usage)."""
    args_list = sys.argv[1:] if argv is None else list(argv)
    out, err = sys.stdout, sys.stderr
    try:
        args = build_parser().parse_args(args_list)
        return _dispatch(args, out)
    except SystemExit as stop:  # --help and --version
        return stop.code if isinstance(stop.code, int) else EXIT_OK
    except UsageError as error:
        _complain(err, str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _complain(err, "interrupted")
        return 130
    except BrokenPipeError:
        # `tiklive summary | head`: the reader left; say nothing more (Python's documented
        # recipe: point stdout at devnull so the interpreter's final flush cannot fail).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILURE
    except Exception as error:  # the promise: one line, never a traceback
        log.debug("command failed", exc_info=True)
        _complain(err, _failure_text(error))
        return EXIT_FAILURE


def _complain(err: TextIO, message: str) -> None:
    text = " ".join(message.split())
    print(text if text.startswith(PROG) else f"{PROG}: {text}", file=err)


def _failure_text(error: Exception) -> str:
    if isinstance(error, CommandError | StorageError):
        return str(error)
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror or error}"
    return f"unexpected error ({type(error).__name__}: {error})"


def _dispatch(args: argparse.Namespace, out: TextIO) -> int:
    # Imported here so that `tiklive --version` and the window's start stay light.
    from tiklive_desktop.cli import calc, demo_data, import_cmd, report_cmd, summary

    handlers = {
        "calc": calc.run,
        "summary": summary.run,
        "demo-data": demo_data.run,
        "report": report_cmd.run,
        "import": import_cmd.run,
    }
    return handlers[args.command](args, out)
