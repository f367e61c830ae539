"""Checks on a database file that read it and never write: before anything may write to it.

Split from :mod:`.database` (which opens, configures and migrates): everything
here takes a path or a read-only connection. See database.py for why the order
(bytes, then identity, then ``quick_check``) matters and what it costs.
"""

from __future__ import annotations

import os
import sqlite3
import stat
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
from tiklive_desktop.storage.migrations import APPLICATION_ID, LATEST_VERSION

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
        rows = ["ok"]
        if quick_check:
            rows = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
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
