"""Opening the database: file checks, connection settings, identity and version checks, migrations.

The order matters. Everything that can be learnt about an existing file is
learnt *before* anything can write to it (switching to WAL rewrites the
header; a migration rewrites tables): the file's header is read as bytes, then
a read-only probe connection checks the identity, the schema version and
``PRAGMA quick_check``. A file that is a folder, empty, not SQLite, cut short,
damaged, another program's, from a newer version of the app, or read-only is
refused with a one-line message (:class:`FileRefusedError` and its ``reason``)
and stays byte for byte as it was.

Why a 0-byte file is refused instead of becoming a new database: nothing the
app writes is ever 0 bytes, so an empty file where the creator's database
should be is the remains of a failed copy, a full disk or a sync client's
placeholder. Quietly starting a new database there would hide that loss, and
the daily automatic backups would then rotate the last good copies away. A new
database is only ever created where no file exists.

Cost: ``quick_check`` reads every page (O(size), not O(size log size) like
``integrity_check``): 0.23 s for a 92 MB database of 100,000 sessions with a
warm cache (``integrity_check``: 1.6 s). It only runs once the cheap header
and identity checks have passed. The window skips it (``quick_check=False``)
only for a file exactly as the app last closed it after a passing check, and
not longer than a week: storage/file_check.py (``clean_check_time``) says how
and what that trades; the header and identity are read on every open.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from tiklive_desktop import APP_NAME
from tiklive_desktop.storage import errors
from tiklive_desktop.storage.errors import (
    DamagedDatabaseError,
    FileRefusedError,
    ReadOnlyDatabaseError,
    SchemaError,
    StorageError,
)
from tiklive_desktop.storage.file_check import (
    check_file,
    check_identity,
    check_writable,
    is_read_only,
    open_error,
)
from tiklive_desktop.storage.location import ensure_private_folder, make_private
from tiklive_desktop.storage.migrations import APPLICATION_ID, LATEST_VERSION, migrate

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
"""How long a connection waits for another one's write lock (a worker thread's import)."""

__all__ = [
    "DamagedDatabaseError",
    "FileRefusedError",
    "ReadOnlyDatabaseError",
    "SchemaError",
    "StorageError",
    "check_file",
    "is_read_only",
    "open_database",
]


def open_database(
    path: str | Path | None,
    *,
    read_only: bool = False,
    quick_check: bool = True,
    backup_before_upgrade: bool = True,
) -> Database:
    """Open (creating and migrating as needed) the database at ``path``; None = in memory.

    ``read_only`` opens an existing file with a ``mode=ro`` connection and
    ``PRAGMA query_only``: nothing can write through it (a second window on a
    file another one is editing). ``quick_check=False`` skips that check (only
    the header and identity are read): for a second connection to a file this
    process has just checked, such as a worker thread's. An older file is
    copied to the backups folder before it is migrated, unless
    ``backup_before_upgrade`` is False (a temporary copy being checked).

    Raises :class:`FileRefusedError` (with a ``reason``) for a file refused
    untouched, :class:`SchemaError` among them for one that is not a usable
    TikLive Desktop database, and :class:`StorageError` (their base class) for
    a file that cannot be opened.
    """
    if path is None:
        db = Database(memory=True, execute_plugins=False)
        return _configured(db, ":memory:", in_memory=True)
    file = Path(path).expanduser()
    existed = file.exists() or file.is_symlink()
    if existed:
        check_file(file, quick_check=quick_check)
    elif read_only:
        raise StorageError(f"cannot open {file} read-only: there is no such file")
    if read_only:
        return _open_read_only(file)
    if existed:
        check_writable(file)
        ensure_private_folder(file.parent)  # the data folder made 0700 if an older app left it open
    else:
        if file.parent.is_dir() and is_read_only(file) == "folder":
            raise StorageError(f"cannot create {file}: its folder is read-only")
        try:
            ensure_private_folder(file.parent)
        except OSError as error:
            raise StorageError(f"cannot create {file}: {error.strerror or error}") from error
    try:
        db = Database(file, execute_plugins=False)
    except sqlite3.DatabaseError as error:
        raise open_error(file, error) from error
    make_private(file)  # before the first byte is written
    try:
        if existed and backup_before_upgrade:
            _backup_before_upgrade(db.conn, file)
        return _configured(db, str(file), in_memory=False)
    except BaseException:
        db.close()
        if not existed:  # a half-made new file would be refused as empty next time
            _remove_new(file)
        raise


def _configured(db: Database, where: str, *, in_memory: bool) -> Database:
    try:
        conn = db.conn
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        check_identity(conn, where)
        # foreign_keys is per connection and off by default in SQLite.
        conn.execute("PRAGMA foreign_keys = ON")
        # Statement journals (every insert into sessions runs the totals triggers of
        # migration 2) stay in memory instead of temporary files: ~1.4 s per 100k
        # imported rows (bench P2).
        conn.execute("PRAGMA temp_store = MEMORY")
        if not in_memory:
            try:
                # WAL lets the window read while a worker thread writes; NORMAL is the
                # documented safe pairing with WAL (durable except on power loss).
                db.enable_wal()
                conn.execute("PRAGMA synchronous = NORMAL")
            except sqlite3.OperationalError as error:  # locked, a full disk
                raise open_error(Path(where), error) from error
            make_private(Path(where))  # the -wal and -shm just made
        applied = migrate(db)
        if applied:
            log.info("%s: applied migrations %s", where, applied)
    except BaseException:
        db.close()
        raise
    return db


def _backup_before_upgrade(conn: sqlite3.Connection, file: Path) -> None:
    """An older file is about to be migrated: keep a copy of it as it was, first.

    A migration is one transaction, so a failed one changes nothing; this is
    for one that succeeds but that the creator regrets (or a bug in it): the
    copy is listed in File > Restore from Backup ("before-upgrade").
    """
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError:
        return  # _configured says what is wrong with it
    if not (0 < version < LATEST_VERSION and application_id == APPLICATION_ID):
        return
    from tiklive_desktop.storage.backups import BEFORE_UPGRADE, make_backup  # (imports us)

    try:
        made = make_backup(conn, file, label=BEFORE_UPGRADE)
    except (StorageError, OSError) as error:
        log.warning("no backup of %s before upgrading it: %s", file, error)
        return
    log.info("%s: schema %s backed up to %s before upgrading", file, version, made)


def _remove_new(file: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            Path(f"{file}{suffix}").unlink(missing_ok=True)
        except OSError as error:
            log.warning("cannot remove the unfinished %s: %s", file, error)


def _open_read_only(file: Path) -> Database:
    """A connection that cannot write (``mode=ro``, ``query_only``): no WAL switch, no migration."""
    base = file.resolve().as_uri()
    conn: sqlite3.Connection | None = None
    for uri in (f"{base}?mode=ro", f"{base}?mode=ro&immutable=1"):
        candidate = sqlite3.connect(uri, uri=True)
        try:
            candidate.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as error:  # a read-only folder without its -shm
            log.info("read-only open of %s with %s failed: %s", file, uri, error)
            candidate.close()
            continue
        conn = candidate
        break
    if conn is None:
        raise StorageError(f"cannot open {file} read-only")
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        check_identity(conn, str(file))
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except BaseException:
        conn.close()
        raise
    if version < LATEST_VERSION:
        conn.close()
        raise FileRefusedError(
            f"{file} was made by an older version of {APP_NAME} and must be upgraded first, "
            "which needs writing: open it normally once, then read-only.",
            file,
            errors.NEEDS_UPGRADE,
        )
    conn.execute("PRAGMA foreign_keys = ON")
    return Database(conn, execute_plugins=False)
