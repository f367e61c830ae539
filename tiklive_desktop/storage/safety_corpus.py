"""Damaged and foreign files, for the file-safety tests and the ``make faults`` script.

Each file is named ``<kind>.db``, so a report can say which kind did what.
Every one of them must be refused by :func:`storage.database.open_database`
with a clear one-line message and left byte for byte as it was; a good
database that is merely read-only (``read-only.db``) may instead open read-only.
"""

from __future__ import annotations

import contextlib
import random
import sqlite3
import stat
import struct
import zlib
from datetime import datetime, timedelta
from pathlib import Path

KINDS = (
    "truncated",
    "random-bytes",
    "zero-length",
    "png-renamed",
    "newer-version",
    "foreign-sqlite",
    "damaged-page",
    "read-only",
    "directory",
)
SESSIONS = 40
"""Sessions in the good database the damaged ones are cut from (enough for several pages)."""


def png_bytes() -> bytes:
    """A real 1x1 PNG image: what a user might rename to ``.db`` by mistake."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x80")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def write_good_database(path: Path, sessions: int = SESSIONS) -> Path:
    """A small database of ours in one file (no ``-wal``), so copying its bytes copies it all."""
    from tiklive_desktop.core.entities import Account, Session
    from tiklive_desktop.storage.database import open_database
    from tiklive_desktop.storage.repository import Repository

    db = open_database(path)
    try:
        repo = Repository(db)
        account = repo.add_account(Account("corpus.creator", "Corpus", "US"))
        assert account.id is not None
        first = datetime(2024, 1, 1, 20, 0)
        repo.add_sessions(
            Session(
                account.id,
                first + timedelta(days=i),
                timedelta(hours=1),
                reported_diamonds=100 + i,
                title=f"LIVE {i}",
                notes="x" * 200,
            )
            for i in range(sessions)
        )
        db.conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        db.close()
    return path


def _damage_a_page(data: bytes) -> bytes:
    """Scribble over the last page (a table's b-tree page) but leave the header intact."""
    page_size = int.from_bytes(data[16:18], "big")
    pages = len(data) // page_size
    start = (pages - 1) * page_size
    garbage = random.Random(7).randbytes(page_size - 8)
    return data[:start] + data[start : start + 8] + garbage


def make_corpus(folder: Path) -> list[Path]:
    """Write every kind into ``folder`` (created) as ``<kind>.db``; the paths in KINDS order.

    ``read-only.db`` is a good database with its write permission bits removed
    (under root those bits do not stop writes, so the app reads the bits too);
    ``directory.db`` is a folder.
    """
    from tiklive_desktop.storage.migrations import LATEST_VERSION

    folder.mkdir(parents=True, exist_ok=True)
    good = write_good_database(folder / ".good.db")
    data = good.read_bytes()
    made: dict[str, Path] = {}

    def put(kind: str, content: bytes) -> Path:
        path = folder / f"{kind}.db"
        path.write_bytes(content)
        made[kind] = path
        return path

    put("truncated", data[: len(data) // 2 + 100])
    put("random-bytes", random.Random(8).randbytes(8192))
    put("zero-length", b"")
    put("png-renamed", png_bytes())
    newer = put("newer-version", data)
    with contextlib.closing(sqlite3.connect(newer)) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
        conn.commit()
    foreign = folder / "foreign-sqlite.db"
    with contextlib.closing(sqlite3.connect(foreign)) as conn:
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
        conn.commit()
    made["foreign-sqlite"] = foreign
    put("damaged-page", _damage_a_page(data))
    read_only = put("read-only", data)
    read_only.chmod(stat.S_IRUSR)
    directory = folder / "directory.db"
    directory.mkdir(exist_ok=True)
    made["directory"] = directory
    good.unlink()
    return [made[kind] for kind in KINDS]


def kind_of(path: Path) -> str:
    return path.name.removesuffix(".db")
