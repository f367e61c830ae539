"""Checks on a database file that read it and never write: before anything may write to it.

Split from :mod:`.database` (which opens, configures and migrates): everything
here takes a path or a read-only connection. See database.py for why the order
(bytes, then identity, then ``quick_check``) matters and what it costs.

Skipping ``quick_check`` for a file exactly as this app left it (issue 7, P1)
-------------------------------------------------------------------------------
``quick_check`` reads every page: 0.23 s at 100,000 sessions, ~2 s at a
million, on every start. So the app remembers, per database, how the file
looked when it last closed it cleanly (:func:`remember_clean`: size,
``st_mtime_ns``, inode and device, taken after the connection was closed, so
the ``-wal`` is folded in, and while the window still held the file's lock)
together with when the file last passed a full check. :func:`clean_check_time`
gives that time back only when the file is *exactly* as left: the same four
numbers, no ``-wal``/``-journal`` with content beside it, and a full check less
than :data:`RECHECK_AFTER` ago. Anything else gets the full check before any
write: a file new to this app, one changed by another program, a restored or
copied one (new inode), one left by a crash (its ``-wal`` is still there, or its
mtime moved when the next open checkpointed it).

Why this and not ``quick_check`` on a worker after the first paint: the check
would then race the window, and nothing may write before it passes; every
write path (editors, imports, the welcome dialog, migrations, the WAL switch
itself) would have to wait for it, and a failure found after the window is
up would have to take a live window away. Remembering the clean close keeps
the promise of issue 8 unchanged for every file that could have been damaged
by anyone but the disk itself, and keeps the check where it was: before the
file is opened for writing.

The trade-off: damage that leaves size, mtime, inode and device as they were
(bit rot on the medium, or a tool that writes and then restores the mtime)
is not seen at open for up to :data:`RECHECK_AFTER`; SQLite still reports such
a page as "malformed" when it is read, the daily backup on close verifies its
copy (so a damaged file does not rotate good backups away), and the full check
runs again at the first open after :data:`RECHECK_AFTER`. Filesystems with a
coarse mtime (FAT: 2 s) could in theory miss a same-size change by another
program within the same tick right after our close; the lock is held until
the record is written, so no other instance of this app can do that.
The record is a small JSON file in the data folder (:data:`CLEAN_RECORD`); if
it cannot be read or written, every open simply runs the full check.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import stat
import time
from pathlib import Path

from tiklive_desktop import APP_NAME
from tiklive_desktop.storage import errors
from tiklive_desktop.storage.errors import (
    DamagedDatabaseError,
    FileRefusedError,
    ReadOnlyDatabaseError,
    SchemaError,
    StorageError,
)
from tiklive_desktop.storage.location import data_folder, ensure_private_folder, make_private
from tiklive_desktop.storage.migrations import APPLICATION_ID, LATEST_VERSION

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
_KNOWN_KINDS = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Excel/Word file)"),
    (b"\x1f\x8b", "a gzip archive"),
)


def check_file(file: Path, *, quick_check: bool = True) -> None:
    """Refuse ``file`` (raise :class:`FileRefusedError`) unless it is an intact database of ours.

    Reads only: the header as bytes, then a read-only probe connection
    (``immutable`` when no ``-wal``/``-journal`` is beside it, so not even a
    ``-shm`` appears) for identity, version and ``PRAGMA quick_check``.
    """
    if file.is_dir():
        raise FileRefusedError(
            f"cannot open {file}: it is a folder, not a database file", file, errors.FOLDER
        )
    try:
        size = file.stat().st_size
        with file.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except PermissionError as error:
        raise FileRefusedError(
            f"cannot open {file}: you are not allowed to read it (permission denied)",
            file,
            errors.UNREADABLE,
        ) from error
    except OSError as error:
        raise FileRefusedError(
            f"cannot open {file}: {error.strerror or error}", file, errors.UNREADABLE
        ) from error
    if size == 0:
        raise SchemaError(
            f"{file} is empty (0 bytes), so it holds no {APP_NAME} data; it was left as it "
            "is. Open a backup, or start a new database under another name.",
            file,
            errors.EMPTY,
        )
    _check_header(file, header, size)
    _probe(file, quick_check=quick_check)


def _check_header(file: Path, header: bytes, size: int) -> None:
    if not header.startswith(SQLITE_MAGIC):
        kind = next((name for magic, name in _KNOWN_KINDS if header.startswith(magic)), None)
        what = f"it is {kind}" if kind else "it is not an SQLite database file"
        raise SchemaError(
            f"{file} is not a {APP_NAME} database: {what}. The file was not changed.",
            file,
            errors.NOT_SQLITE,
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if len(header) < HEADER_SIZE or page_size < 512 or page_size & (page_size - 1):
        raise SchemaError(
            f"{file} is not a {APP_NAME} database: its SQLite header is damaged. The file "
            "was not changed.",
            file,
            errors.NOT_SQLITE,
        )
    if has_side_file(file, "-wal"):
        return  # the newest pages may live in the -wal: the main file may be shorter
    pages = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96] and pages > 0  # SQLite's own rule
    expected = pages * page_size if header_valid else 0
    if size % page_size or size < expected:
        raise DamagedDatabaseError(
            f"{file} is damaged: it is cut short ({size:,} of {max(expected, size):,} bytes; "
            "perhaps an interrupted copy). The file was not changed; open a backup instead.",
            file,
            errors.DAMAGED,
        )


def has_side_file(file: Path, suffix: str) -> bool:
    side = Path(f"{file}{suffix}")
    try:
        return side.stat().st_size > 0
    except OSError:
        return False


def _probe(file: Path, *, quick_check: bool = True) -> None:
    quiet = not (has_side_file(file, "-wal") or has_side_file(file, "-journal"))
    uri = f"{file.resolve().as_uri()}?mode=ro" + ("&immutable=1" if quiet else "")
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        raise open_error(file, error) from error
    try:
        check_identity(conn, str(file))
        rows = run_quick_check(conn) if quick_check else ["ok"]
    except sqlite3.DatabaseError as error:
        raise open_error(file, error) from error
    finally:
        conn.close()
    if rows != ["ok"]:
        raise DamagedDatabaseError(
            f"{file} is damaged (SQLite's check: {_problems(rows)}). "
            "The file was not changed; open a backup instead.",
            file,
            errors.DAMAGED,
        )


def run_quick_check(conn: sqlite3.Connection) -> list[str]:
    """``PRAGMA quick_check``'s rows (``["ok"]`` for a sound file): the O(size) part of opening."""
    return [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]


def _problems(rows: list[str]) -> str:
    """quick_check's answer as one short line: the first problem and how many there are."""
    lines = [
        line.strip()
        for row in rows
        for line in str(row).splitlines()
        if line.strip() and not line.startswith("***")
    ]
    if not lines:
        return "no answer"
    first = lines[0] if len(lines[0]) <= 80 else lines[0][:79] + "…"
    return first if len(lines) == 1 else f"{first}, and {len(lines) - 1} more problems"


def check_identity(conn: sqlite3.Connection, where: str) -> None:
    file = None if where == ":memory:" else Path(where)
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
        raise open_error(Path(where), error) from error
    ours = application_id == APPLICATION_ID
    empty = application_id == 0 and version == 0 and not has_tables
    if not (ours or empty):
        raise SchemaError(
            f"{where} is an SQLite database of another program, not a {APP_NAME} database; "
            "the file was not changed.",
            file,
            errors.FOREIGN,
        )
    if version > LATEST_VERSION:
        raise SchemaError(
            f"{where} was written by a newer version of {APP_NAME} (schema {version}; this "
            f"version knows up to {LATEST_VERSION}). Update the app to open it; the file "
            "was not changed.",
            file,
            errors.NEWER,
        )


def is_read_only(file: Path) -> str | None:
    """ "file" or "folder" when that cannot be written (so the database cannot be), else None.

    The permission bits are read as well as ``os.access``: root may write
    anything, but a file its owner marked read-only is meant to stay as it is.
    """
    folder = file.parent
    for what, path in (("file", file), ("folder", folder)):
        try:
            mode = path.stat().st_mode
        except OSError:
            continue
        if not os.access(path, os.W_OK) or not mode & stat.S_IWUSR:
            return what
    return None


def check_writable(file: Path) -> None:
    what = is_read_only(file)
    if what is None:
        return
    where = "the file is" if what == "file" else "its folder is"
    raise ReadOnlyDatabaseError(
        f"{file} cannot be changed ({where} read-only), so {APP_NAME} could not save to it. "
        "Open it read-only, or copy it to a folder you can write to; the file was not changed.",
        file,
        errors.READ_ONLY,
    )


def open_error(file: Path, error: sqlite3.Error) -> StorageError:
    text = str(error)
    if isinstance(error, sqlite3.OperationalError) and "malformed" not in text:
        # a folder, no permission, locked, a full disk
        return FileRefusedError(f"cannot open {file}: {text}", file, errors.UNREADABLE)
    if "not a database" in text:  # SQLITE_NOTADB: not SQLite, or an encrypted one
        return SchemaError(
            f"{file} is not a {APP_NAME} database ({text}); the file was not changed.",
            file,
            errors.NOT_SQLITE,
        )
    return DamagedDatabaseError(
        f"{file} is damaged ({text}). The file was not changed; open a backup instead.",
        file,
        errors.DAMAGED,
    )


# -- the record of clean closes (see the module docstring) ---------------------------------

CLEAN_RECORD = "checked-files.json"
RECHECK_AFTER = 7 * 24 * 3600.0
"""Seconds after which a file that looks untouched is fully checked again all the same."""
_MAX_RECORDS = 64  # the most recently closed files; the others are simply checked again


def _record_path() -> Path:
    return data_folder() / CLEAN_RECORD


def _stamp(file: Path) -> list[int] | None:
    """(size, mtime_ns, inode, device) of a file at rest; None while SQLite keeps side files."""
    if has_side_file(file, "-wal") or has_side_file(file, "-journal"):
        return None
    try:
        info = file.stat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev]


def _key(file: Path) -> str:
    return str(file.expanduser().resolve())


def _read_records() -> dict[str, dict[str, object]]:
    try:
        found = json.loads(_record_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def clean_check_time(file: Path, now: float | None = None) -> float | None:
    """When ``file`` last passed a full check, if it is exactly as this app last closed it.

    None (so: check it now) when there is no record of it, when it differs in
    size, mtime, inode or device from the record, when a ``-wal`` or
    ``-journal`` with content is beside it, or when the check is older than
    :data:`RECHECK_AFTER` (or in the future: a clock that was wrong).
    """
    try:
        record = _read_records().get(_key(file))
    except OSError:
        return None
    if not isinstance(record, dict):
        return None
    stamp, checked = record.get("stamp"), record.get("checked")
    if not isinstance(checked, (int, float)) or stamp is None or stamp != _stamp(file):
        return None
    age = (time.time() if now is None else now) - checked
    return float(checked) if 0 <= age < RECHECK_AFTER else None


def remember_clean(file: Path, checked: float) -> bool:
    """Record ``file`` as closed cleanly now, last fully checked at ``checked`` (Unix time).

    Call it after the last connection to the file was closed and before its
    lock is given back. Returns False (and records nothing for it) when the
    file is not at rest (a ``-wal`` is left: another connection is still
    open) or the record cannot be written; the next open then checks it.
    """
    key, stamp = _key(file), _stamp(file)
    records = _read_records()
    records.pop(key, None)
    if stamp is not None:
        records[key] = {"stamp": stamp, "checked": checked}
    while len(records) > _MAX_RECORDS:
        records.pop(next(iter(records)))  # oldest first: dicts keep insertion order
    target = _record_path()
    part = target.with_name(f"{target.name}.part")
    try:
        ensure_private_folder(target.parent)
        part.write_text(json.dumps(records), encoding="utf-8")
        make_private(part)
        part.replace(target)
    except OSError as error:
        log.warning("cannot record the clean close of %s: %s", file, error)
        return False
    return stamp is not None
