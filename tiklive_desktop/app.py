"""Builds the application: arguments, logging, settings, the database, the main window."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import date
from pathlib import Path

from tiklive_desktop import APP_NAME, __version__

log = logging.getLogger(__name__)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="tiklive", description=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--db", type=Path, help="database file (default: tiklive.db in your data folder)"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a generated demo database (demo.db in the data folder); your data is untouched",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start the window, wait for its first paint and exit 0 (checks an installed build)",
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="open the database without changing anything in it (no edits, no migration)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


def ensure_demo_database() -> Path:
    """demo.db in the data folder, generated up to today on first use (never the user's file)."""
    from tiklive_desktop.demo import write_demo_database
    from tiklive_desktop.storage.location import data_folder

    path = data_folder() / "demo.db"
    if not path.exists():
        log.info("writing demo database %s", path)
        write_demo_database(path, end=date.today())  # so "this month" has data
    return path


def resolve_database(args: argparse.Namespace) -> Path:
    """The file to open: --db, else the demo database, else the user's."""
    from tiklive_desktop.storage.location import default_database_path

    if args.db is not None:
        return args.db.expanduser()
    if args.demo:
        return ensure_demo_database()
    return default_database_path()


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    from tiklive_desktop.logs import setup_logging

    setup_logging()  # a rotating file in the data folder, and stderr
    from tiklive_desktop.gui.application import run

    return run(resolve_database(args), smoke=args.smoke, read_only=args.read_only)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
