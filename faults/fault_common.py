"""What the fault scripts share: test data, a fresh database, tables, file hashes."""

from __future__ import annotations

import csv
import hashlib
import random
import shutil
import sqlite3
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

HANDLE = "luna.sings"
BASE_SESSIONS = 5
"""Sessions already in the database before an import: "none of it" must still leave these."""


def write_csv(path: Path, rows: int, seed: int = 1) -> Path:
    """A sessions CSV of ``rows`` LIVEs, 3 hours apart from 2019 on (so none is in the future).

    Titles, notes and tags carry emoji and right-to-left text, so the import
    being killed writes the same kind of text a real one does.
    """
    rng = random.Random(seed)
    first = datetime(2019, 1, 1, 20, 0)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["start", "duration_minutes", "diamonds", "likes", "title", "notes", "tags"]
        )
        for i in range(rows):
            start = first + timedelta(hours=3 * i)
            writer.writerow(
                [
                    start.strftime("%Y-%m-%d %H:%M"),
                    rng.randint(20, 240),
                    rng.randint(0, 50_000),
                    rng.randint(0, 100_000),
                    f"LIVE {i} ✨",
                    "ملاحظة 🎤",
                    "dance, q&a",
                ]
            )
    return path


def write_base_database(path: Path) -> int:
    """A database with one account and ``BASE_SESSIONS`` sessions in 2018 (with gift lines).

    Returns the number of sessions.

    Folded back to one file (no ``-wal``) so copying it copies all of it.
    """
    from tiklive_desktop.core.entities import Account, GiftLine, Session
    from tiklive_desktop.storage.database import open_database
    from tiklive_desktop.storage.repository import Repository

    remove_database(path)
    db = open_database(path)
    repo = Repository(db)
    account = repo.add_account(Account(HANDLE, "Luna", "US"))
    assert account.id is not None
    for day in range(BASE_SESSIONS):
        start = datetime(2018, 6, 1 + day, 20, 0)
        lines = (GiftLine("Rose", 10 * (day + 1), 1), GiftLine("Lion", 1, 29_999))
        repo.add_session(Session(account.id, start, timedelta(hours=1), gift_lines=lines))
    db.conn.execute("PRAGMA journal_mode = DELETE")
    db.close()
    return BASE_SESSIONS


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def copy_database(source: Path, target: Path) -> Path:
    remove_database(target)
    shutil.copyfile(source, target)
    return target


def check_database(path: Path) -> tuple[str, int]:
    """``PRAGMA integrity_check``'s answer and the number of sessions, from a fresh connection.

    A plain sqlite3 connection does what the app's next start would do: roll a
    hot journal back, or replay the committed frames of a ``-wal``.
    """
    conn = sqlite3.connect(path)
    try:
        rows = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
        count = conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
    finally:
        conn.close()
    return ("ok" if rows == ["ok"] else "; ".join(rows)[:60]), count


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes; of a folder, of its sorted listing (nothing inside may appear)."""
    digest = hashlib.sha256()
    if path.is_dir():
        for child in sorted(path.iterdir()):
            digest.update(child.name.encode() + b"\0")
    elif path.exists():
        digest.update(path.read_bytes())
    else:
        digest.update(b"<missing>")
    return digest.hexdigest()


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table, numbers right-aligned."""
    cells = [[str(c) for c in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        parts = []
        for i, cell in enumerate(row):
            numeric = cell.replace(".", "", 1).replace(",", "").lstrip("-").isdigit()
            parts.append(cell.rjust(widths[i]) if numeric else cell.ljust(widths[i]))
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])
