"""Backup and restore: same totals after a round trip; a bad backup never touches the database."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from tiklive_desktop.core.entities import Account, GiftLine, Session, Withdrawal
from tiklive_desktop.exchange.backup import (
    BackupError,
    backup_database,
    restore_backup,
)
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.migrations import APPLICATION_ID
from tiklive_desktop.storage.queries import SessionQuery
from tiklive_desktop.storage.repository import Repository

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def fill(repo: Repository) -> None:
    """Three sessions and a withdrawal: 500 + 1,000 reported + 2 Lions (59,998) Diamonds."""
    account = repo.add_account(Account("jo"))
    assert account.id is not None
    start = datetime(2024, 3, 1, 20, 0)
    repo.add_sessions(
        [
            Session(account.id, start, timedelta(hours=1), reported_diamonds=500, likes=10),
            Session(account.id, start + timedelta(days=1), timedelta(hours=2), 1000, likes=20),
            Session(
                account.id,
                start + timedelta(days=2),
                timedelta(minutes=30),
                gift_lines=(GiftLine("Lion", 2, 29_999),),
            ),
        ]
    )
    repo.add_withdrawal(Withdrawal(account.id, date(2024, 3, 10), 20_000, Decimal("100.00")))


def totals(path: Path) -> tuple[int, int, int, int, int]:
    db = open_database(path)
    try:
        t = Repository(db).session_totals(SessionQuery())
        withdrawals = db.conn.execute("SELECT count(*) FROM withdrawals").fetchone()[0]
        return t.count, t.seconds, t.diamonds, t.likes, withdrawals
    finally:
        db.close()


EXPECTED = (3, (60 + 120 + 30) * 60, 500 + 1000 + 59_998, 30, 1)


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Path]:
    """A database file in WAL mode with the sample data, closed."""
    path = tmp_path / "tiklive.db"
    db = open_database(path)
    fill(Repository(db))
    db.close()
    yield path


def test_round_trip_gives_the_same_totals(live: Path, tmp_path: Path) -> None:
    assert totals(live) == EXPECTED
    backup = backup_database(live, tmp_path / "backups" / "b.tiklive-backup")
    assert sorted(p.name for p in backup.parent.iterdir()) == ["b.tiklive-backup"]  # one file
    db = open_database(live)
    Repository(db).add_account(Account("later"))  # changed after the backup
    db.close()
    kept = restore_backup(backup, live)
    assert kept == tmp_path / "tiklive.db.before-restore"
    assert totals(live) == EXPECTED
    db = open_database(live)
    assert [a.handle for a in Repository(db).list_accounts()] == ["jo"]
    db.close()
    db = open_database(kept)  # the state just before the restore is still there
    assert sorted(a.handle for a in Repository(db).list_accounts()) == ["jo", "later"]
    db.close()


def test_backup_of_an_open_connection_includes_unflushed_writes(tmp_path: Path) -> None:
    """The window's own connection, mid-session (its writes still in the -wal file)."""
    db = open_database(tmp_path / "open.db")
    fill(Repository(db))
    backup_database(db, tmp_path / "a.bak")
    backup_database(db.conn, tmp_path / "b.bak")
    db.close()
    assert totals(tmp_path / "a.bak") == totals(tmp_path / "b.bak") == EXPECTED


def test_in_memory_database_backs_up(repo: Repository, tmp_path: Path) -> None:
    fill(repo)
    backup_database(repo.db, tmp_path / "m.bak")
    restore_backup(tmp_path / "m.bak", tmp_path / "new.db")  # nothing there yet
    assert totals(tmp_path / "new.db") == EXPECTED
    assert not (tmp_path / "new.db.before-restore").exists()


def _truncated(good: bytes) -> bytes:
    return good[: len(good) // 2]


def _scribbled(good: bytes) -> bytes:
    return good[:4096] + b"\xa5" * 4096 + good[8192:]  # page 2 overwritten


def _foreign(tmp_path: Path) -> bytes:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    conn.close()
    return path.read_bytes()


def _newer(good: bytes, tmp_path: Path) -> bytes:
    path = tmp_path / "newer.db"
    path.write_bytes(good)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 999")
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("truncated", "is damaged"),
        ("scribbled", "is damaged"),
        ("empty", "not an SQLite database"),
        ("png", "not an SQLite database"),
        ("foreign", "an SQLite database of another program"),
        ("newer", "written by a newer version"),
    ],
)
def test_a_bad_backup_is_refused_and_the_database_is_untouched(
    live: Path, tmp_path: Path, kind: str, words: str
) -> None:
    good = backup_database(live, tmp_path / "good.bak").read_bytes()
    data = {
        "truncated": lambda: _truncated(good),
        "scribbled": lambda: _scribbled(good),
        "empty": lambda: b"",
        "png": lambda: PNG,
        "foreign": lambda: _foreign(tmp_path),
        "newer": lambda: _newer(good, tmp_path),
    }[kind]()
    bad = tmp_path / "bad.bak"
    bad.write_bytes(data)
    before = live.read_bytes()
    listing = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(BackupError, match=words) as refused:
        restore_backup(bad, live)
    assert "bad.bak" in str(refused.value)
    assert live.read_bytes() == before  # byte for byte
    assert bad.read_bytes() == data  # the backup itself is not "repaired" or migrated
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # no temp files left


def test_restore_is_refused_while_the_database_is_open(live: Path, tmp_path: Path) -> None:
    backup = backup_database(live, tmp_path / "b.bak")
    db = open_database(live)
    try:
        Repository(db).add_account(Account("unsaved"))
        with pytest.raises(BackupError, match="open in another window or program"):
            restore_backup(backup, live)
        assert [a.handle for a in Repository(db).list_accounts()] == ["jo", "unsaved"]
    finally:
        db.close()
    assert not (tmp_path / "tiklive.db.before-restore").exists()


def test_backup_refuses_a_file_that_is_not_ours_and_keeps_an_old_backup(
    live: Path, tmp_path: Path
) -> None:
    target = backup_database(live, tmp_path / "b.bak")
    old = target.read_bytes()
    other = tmp_path / "other.sqlite"
    other.write_bytes(_foreign(tmp_path))
    with pytest.raises(BackupError, match="is not a TikLive Desktop database"):
        backup_database(other, target)
    with pytest.raises(BackupError, match="cannot replace the database it copies"):
        backup_database(live, live)
    with pytest.raises(BackupError, match="no such database file"):
        backup_database(tmp_path / "missing.db", tmp_path / "x.bak")
    assert target.read_bytes() == old


def test_the_backup_is_marked_as_ours_and_self_contained(live: Path, tmp_path: Path) -> None:
    backup = backup_database(live, tmp_path / "b.bak")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
