"""What every command shares: its errors (and their exit codes) and opening a database."""

from __future__ import annotations

from pathlib import Path

from tiklive_desktop import APP_NAME
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository

PROG = "tiklive"
EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """The command line itself is wrong (exit 2)."""


class CommandError(Exception):
    """The input was understood but the work could not be done (exit 1)."""


def open_existing(path: Path) -> Repository:
    """The repository of a database that must already exist: read commands never create one."""
    file = path.expanduser()
    if not file.exists():
        raise CommandError(
            f"no database at {file} (record something in the app first, or name one with --db)"
        )
    if not file.is_file():
        raise CommandError(f"{file} is not a file")
    if file.stat().st_size == 0:
        raise CommandError(f"{file} is empty, not a {APP_NAME} database")
    return Repository(open_database(file))
