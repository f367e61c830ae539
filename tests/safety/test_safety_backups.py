"""Automatic backups: daily, rotating to exactly N, listed with sessions, restored alike."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from safety_helpers import file_hash
from sqlite_utils import Database

from tiklive_desktop.core.entities import Account, Session
from tiklive_desktop.storage import backups
from tiklive_desktop.storage.backups import BackupError
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.queries import SessionQuery
from tiklive_desktop.storage.repository import Repository
from tiklive_desktop.storage.safety_corpus import png_bytes

DAY = datetime(2026, 11, 1, 21, 30, 5)


def add_sessions(path: Path, count: int, diamonds: int = 1_000) -> None:
    db = open_database(path)
    repo = Repository(db)
    accounts = repo.list_accounts()
    account = accounts[0] if accounts else repo.add_account(Account("jo"))
    assert account.id is not None
    already = repo.count_sessions(SessionQuery())
    start = datetime(2025, 1, 1, 20, 0)
    repo.add_sessions(
        Session(account.id, start + timedelta(days=already + i), timedelta(hours=1), diamonds)
        for i in range(count)
    )
    db.close()


def totals(path: Path) -> tuple[int, int, int]:
    db = open_database(path)
    t = Repository(db).session_totals(SessionQuery())
    db.close()
    return t.count, t.seconds, t.diamonds


@pytest.fixture
def live(data_dir: Path) -> Path:
    """The default database in the data folder with 3 sessions of 1,000 Diamonds each."""
    path = data_dir / "tiklive.db"
    add_sessions(path, 3)
    return path


def test_a_backup_is_named_after_the_database_and_the_time(live: Path, data_dir: Path) -> None:
    made = backups.make_backup(live, live, now=DAY)
    assert made == data_dir / "backups" / "tiklive-20261101-213005.tiklive-backup"
    again = backups.make_backup(live, live, now=DAY)  # the same second: a second name
    assert again.name == "tiklive-20261101-213005-2.tiklive-backup"
    assert [b.path for b in backups.list_backups(live)] == [again, made]  # newest first


def test_a_database_elsewhere_gets_a_path_tag_so_namesakes_never_mix(
    live: Path, tmp_path: Path
) -> None:
    other = tmp_path / "elsewhere" / "tiklive.db"
    add_sessions(other, 1)
    key = backups.database_key(other)
    assert key.startswith("tiklive-") and len(key) == len("tiklive-") + 6
    backups.make_backup(live, live, now=DAY)
    backups.make_backup(other, other, now=DAY)
    assert [b.sessions for b in backups.list_backups(live)] == [3]
    assert [b.sessions for b in backups.list_backups(other)] == [1]


def test_listing_reads_date_and_sessions_without_changing_the_backup(live: Path) -> None:
    made = backups.make_backup(live, live, now=DAY)
    before = file_hash(made)
    neighbours = sorted(p.name for p in made.parent.iterdir())
    [info] = backups.list_backups(live)
    assert (info.path, info.taken, info.sessions, info.problem) == (made, DAY, 3, "")
    assert info.size == made.stat().st_size
    assert file_hash(made) == before
    assert sorted(p.name for p in made.parent.iterdir()) == neighbours  # no -wal/-shm appeared


def test_a_damaged_backup_is_listed_with_its_problem(live: Path, data_dir: Path) -> None:
    bad = data_dir / "backups" / "tiklive-20261030-120000.tiklive-backup"
    backups.make_backup(live, live, now=DAY)
    bad.write_bytes(png_bytes())
    found = backups.list_backups(live)
    assert [(b.path.name, b.sessions) for b in found] == [
        ("tiklive-20261101-213005.tiklive-backup", 3),
        (bad.name, None),
    ]
    assert "unreadable" in found[1].problem
    assert backups.latest_backup(live) == found[0]


def test_the_latest_readable_backup_skips_a_newer_damaged_one(live: Path, data_dir: Path) -> None:
    good = backups.make_backup(live, live, now=DAY)
    bad = data_dir / "backups" / "tiklive-20261102-080000.tiklive-backup"  # the day after
    bad.write_bytes(png_bytes())
    latest = backups.latest_backup(live)
    assert latest is not None
    assert (latest.path, latest.taken, latest.sessions, latest.problem) == (good, DAY, 3, "")


def test_automatic_backups_are_at_most_one_per_calendar_day(live: Path) -> None:
    assert backups.auto_backup(live, live, now=DAY) is not None  # 21:30
    assert backups.auto_backup(live, live, now=DAY + timedelta(hours=1)) is None  # 22:30
    assert backups.auto_backup(live, live, now=DAY + timedelta(hours=2)) is None  # 23:30
    assert backups.auto_backup(live, live, now=DAY + timedelta(hours=3)) is not None  # 00:30
    assert len(backups.list_backups(live)) == 2


@pytest.mark.parametrize("keep", [1, 3, 7])
def test_rotation_keeps_exactly_n_the_newest(live: Path, keep: int) -> None:
    days = [DAY + timedelta(days=i) for i in range(10)]
    for day in days:
        backups.auto_backup(live, live, keep=keep, now=day)
    kept = backups.list_backups(live)
    assert len(kept) == keep
    assert [b.taken for b in kept] == sorted(days, reverse=True)[:keep]


def test_keep_zero_turns_automatic_backups_off(live: Path) -> None:
    assert backups.auto_backup(live, live, keep=0, now=DAY) is None
    assert backups.list_backups(live) == []


def test_restore_round_trips_with_the_same_totals(live: Path) -> None:
    assert totals(live) == (3, 3 * 3600, 3_000)
    taken = backups.auto_backup(live, live, now=DAY)
    assert taken is not None
    add_sessions(live, 2, diamonds=500)  # later work, then regretted
    assert totals(live) == (5, 5 * 3600, 4_000)
    done = backups.restore(taken, live, now=DAY + timedelta(days=1))
    assert totals(live) == (3, 3 * 3600, 3_000)
    # What was there is itself a backup now: restoring it undoes the restore.
    assert done.backup_of_current is not None and done.set_aside is None
    assert done.backup_of_current.name == "tiklive-20261102-213005-before-restore.tiklive-backup"
    listed = {b.path: b for b in backups.list_backups(live)}
    assert listed[done.backup_of_current].sessions == 5
    assert listed[done.backup_of_current].label == "before-restore"
    backups.restore(done.backup_of_current, live)
    assert totals(live) == (5, 5 * 3600, 4_000)


def test_restore_over_a_damaged_file_sets_it_aside_instead_of_overwriting(live: Path) -> None:
    taken = backups.make_backup(live, live, now=DAY)
    live.write_bytes(png_bytes())  # the database became something else
    before = file_hash(live)
    done = backups.restore(taken, live, now=DAY)
    assert done.backup_of_current is None
    assert done.set_aside == live.with_name("tiklive.db.damaged-20261101-213005")
    assert file_hash(done.set_aside) == before
    assert totals(live) == (3, 3 * 3600, 3_000)


def test_restore_is_refused_while_the_database_is_open_elsewhere(live: Path) -> None:
    taken = backups.make_backup(live, live, now=DAY)
    add_sessions(live, 1)
    other = open_database(live)  # another window
    try:
        with pytest.raises(BackupError, match="open in another window"):
            backups.restore(taken, live, now=DAY)
    finally:
        other.close()
    assert totals(live) == (4, 4 * 3600, 4_000)


def test_a_bad_backup_is_refused_and_the_database_kept(live: Path, data_dir: Path) -> None:
    bad = data_dir / "backups" / "tiklive-20261101-000000.tiklive-backup"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes(b"SQLite format 3\x00" + bytes(4000))
    with pytest.raises(BackupError):
        backups.restore(bad, live, now=DAY)
    assert totals(live) == (3, 3 * 3600, 3_000)


def test_a_backup_of_the_open_connection_is_consistent(live: Path) -> None:
    """The window backs up its own open connection on close (online backup API)."""
    db = open_database(live)
    Repository(db).add_account(Account("second"))
    made = backups.auto_backup(db.conn, live, now=DAY)
    db.close()
    assert made is not None
    [info] = backups.list_backups(live)
    assert info.sessions == 3


def test_an_older_file_is_backed_up_before_it_is_upgraded(
    live: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiklive_desktop.storage import database, file_check, migrations

    next_version = migrations.LATEST_VERSION + 1

    def add_column(db: Database) -> None:
        db.conn.execute("ALTER TABLE accounts ADD COLUMN color TEXT")

    upgrade = migrations.Migration(next_version, "colors", add_column)
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, upgrade))
    monkeypatch.setattr(database, "LATEST_VERSION", next_version)
    monkeypatch.setattr(file_check, "LATEST_VERSION", next_version)
    db = open_database(live)
    assert db.execute("PRAGMA user_version").fetchone()[0] == next_version
    db.close()
    [info] = backups.list_backups(live)
    assert (info.label, info.sessions) == ("before-upgrade", 3)
    copy = sqlite3.connect(info.path)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == next_version - 1  # as it was
    copy.close()
    open_database(live).close()  # up to date now: no second copy
    assert len(backups.list_backups(live)) == 1


def test_restoring_an_older_versions_backup_migrates_only_the_copy(
    live: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiklive_desktop.storage import database, file_check, migrations

    with monkeypatch.context() as older_app:  # the app as it was at schema 1
        older_app.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        older_app.setattr(database, "LATEST_VERSION", 1)
        older_app.setattr(file_check, "LATEST_VERSION", 1)
        old = data_dir / "elsewhere" / "old.db"
        db = open_database(old)
        repo = Repository(db)
        account = repo.add_account(Account("jo"))
        assert account.id is not None
        start = datetime(2025, 1, 1, 20, 0)
        repo.add_sessions(
            Session(account.id, start + timedelta(days=i), timedelta(hours=1), 1_000)
            for i in range(2)
        )
        db.close()
        old_backup = backups.make_backup(old, old, now=DAY)
    before = file_hash(old_backup)
    backups.restore(old_backup, live, now=DAY + timedelta(days=1))
    assert totals(live) == (2, 2 * 3600, 2_000)
    assert file_hash(old_backup) == before  # the backup itself was not migrated
    labels = [b.label for b in backups.list_backups(live)]
    assert labels == ["before-restore"]  # and no stray copy of the temporary file
    assert sorted(p.name for p in (data_dir / "backups").iterdir()) == sorted(
        [old_backup.name, backups.list_backups(live)[0].path.name]
    )
