"""Opening the database: connection settings, identity and version checks, migrations.

The order matters: the file is identified and its version checked *before*
anything can write to it (switching to WAL rewrites the header), so a file that
is not ours, or that a newer version of the app wrote, is refused untouched.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from tiklive_desktop import APP_NAME
from tiklive_desktop.storage.errors import SchemaError, StorageError
from tiklive_desktop.storage.migrations import APPLICATION_ID, LATEST_VERSION, migrate

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
"""How long a connection waits for another one's write lock (a worker thread's import)."""

__all__ = ["SchemaError", "StorageError", "open_database"]


def open_database(path: str | Path | None) -> Database:
    """Open (creating and migrating as needed) the database at ``path``; None = in memory.

    Raises :class:`SchemaError` for a file that is not a TikLive Desktop
    database or whose schema is newer than this version of the app knows, and
    :class:`StorageError` (its base class) for a file that cannot be opened.
    """
    if path is None:
        db = Database(memory=True, execute_plugins=False)
        where = ":memory:"
    else:
        file = Path(path).expanduser()
        file.parent.mkdir(parents=True, exist_ok=True)
        where = str(file)
        try:
            db = Database(file, execute_plugins=False)
        except sqlite3.DatabaseError as error:
            raise _open_error(where, error) from error
    try:
        _configure_and_migrate(db, where, in_memory=path is None)
    except BaseException:
        db.close()
        raise
    return db


def _configure_and_migrate(db: Database, where: str, *, in_memory: bool) -> None:
    conn = db.conn
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    _check_identity(conn, where)
    # foreign_keys is per connection and off by default in SQLite.
    conn.execute("PRAGMA foreign_keys = ON")
    if not in_memory:
        # WAL lets the window read while a worker thread writes; NORMAL is the
        # documented safe pairing with WAL (durable except on power loss).
        db.enable_wal()
        conn.execute("PRAGMA synchronous = NORMAL")
    applied = migrate(db)
    if applied:
        log.info("%s: applied migrations %s", where, applied)


def _check_identity(conn: sqlite3.Connection, where: str) -> None:
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_tables = (
            conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchone()
            is not None
        )
    except sqlite3.DatabaseError as error:
        raise _open_error(where, error) from error
    ours = application_id == APPLICATION_ID
    empty = application_id == 0 and version == 0 and not has_tables
    if not (ours or empty):
        raise SchemaError(
            f"{where} is an SQLite database of another program, not a {APP_NAME} database."
        )
    if version > LATEST_VERSION:
        raise SchemaError(
            f"{where} was written by a newer version of {APP_NAME} (schema {version}; this "
            f"version knows up to {LATEST_VERSION}). Update the app to open it; the file "
            "was not changed."
        )


def _open_error(where: str, error: sqlite3.DatabaseError) -> StorageError:
    if isinstance(error, sqlite3.OperationalError):  # a folder, no permission, locked
        return StorageError(f"cannot open {where}: {error}")
    # SQLITE_NOTADB: not an SQLite file at all, or an encrypted one.
    return SchemaError(f"{where} is not a {APP_NAME} database ({error}).")
