"""Opening, migrating and refusing database files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from tiklive_desktop.storage import migrations
from tiklive_desktop.storage.database import SchemaError, open_database
from tiklive_desktop.storage.location import default_database_path
from tiklive_desktop.storage.migrations import (
    APPLICATION_ID,
    LATEST_VERSION,
    Migration,
    migrate,
)

TABLES = {
    "account_totals",
    "accounts",
    "exchange_rates",
    "gift_lines",
    "gift_prices",
    "gifts",
    "migrations",
    "other_income",
    "rate_periods",
    "region_rules",
    "session_days",
    "sessions",
    "settings",
    "withdrawals",
}


def scalar(db: Database, sql: str) -> object:
    return db.execute(sql).fetchone()[0]


def raw_execute(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_new_file_gets_schema_seed_and_settings(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "tiklive.db"
    db = open_database(path)
    assert path.exists()
    assert set(db.table_names()) == TABLES
    assert scalar(db, "PRAGMA user_version") == LATEST_VERSION
    assert scalar(db, "PRAGMA application_id") == APPLICATION_ID
    assert scalar(db, "PRAGMA foreign_keys") == 1
    assert scalar(db, "PRAGMA journal_mode") == "wal"
    assert scalar(db, "PRAGMA synchronous") == 1  # NORMAL
    assert scalar(db, "PRAGMA busy_timeout") == 5000
    # resources/gifts.csv has 54 gifts, each with one price from TikTok's launch.
    assert scalar(db, "SELECT count(*) FROM gifts") == 54
    assert list(db.execute("SELECT DISTINCT effective FROM gift_prices")) == [("2016-09-01",)]
    assert scalar(db, "SELECT count(*) FROM gift_prices") == 54
    assert db.execute(
        "SELECT coins, streakable, tiktok_id FROM gifts WHERE name = 'Lion'"
    ).fetchone() == (
        29999,
        0,
        6369,
    )
    assert scalar(db, "SELECT count(*) FROM region_rules") == 30
    assert db.execute(
        "SELECT minimum_usd, daily_max_usd, as_of FROM region_rules WHERE region = 'US'"
    ).fetchone() == ("100", "1000", "2026-11-01")
    assert db.execute(
        "SELECT account_id, effective, coin_value, commission, diamond_value, agency_share"
        " FROM rate_periods"
    ).fetchall() == [(None, "2016-01-01", "0.01", "0.50", "0.005", "0")]
    assert db.execute("SELECT version, name FROM migrations").fetchall() == [
        (m.version, m.name) for m in migrations.MIGRATIONS
    ]
    db.close()


def test_reopening_migrates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "tiklive.db"
    first = open_database(path)
    rows = first.execute("SELECT * FROM migrations").fetchall()
    first.close()
    again = open_database(path)
    assert scalar(again, "PRAGMA user_version") == LATEST_VERSION
    assert again.execute("SELECT * FROM migrations").fetchall() == rows
    assert scalar(again, "SELECT count(*) FROM gifts") == 54  # not seeded twice
    assert migrate(again) == []
    again.close()


def test_newer_schema_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "tiklive.db"
    open_database(path).close()
    raw_execute(path, "PRAGMA user_version = 99")
    before = path.read_bytes()
    with pytest.raises(SchemaError, match="newer version"):
        open_database(path)
    assert path.read_bytes() == before


def test_newer_schema_in_rollback_journal_mode_is_not_switched_to_wal(
    tmp_path: Path,
) -> None:
    """Switching to WAL rewrites the header, so the version check must come first."""
    path = tmp_path / "tiklive.db"
    open_database(path).close()
    raw_execute(path, "PRAGMA journal_mode = DELETE")
    raw_execute(path, f"PRAGMA user_version = {LATEST_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(SchemaError):
        open_database(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [b"just some notes, not a database\n" * 20, b"SQLite format 3\x00" + b"\xff" * 200],
)
def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(SchemaError, match="not a TikLive Desktop database"):
        open_database(path)
    assert path.read_bytes() == content


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    raw_execute(path, "CREATE TABLE contacts (name TEXT)")
    before = path.read_bytes()
    with pytest.raises(SchemaError, match="another program"):
        open_database(path)
    assert path.read_bytes() == before


def test_an_empty_file_is_refused_not_turned_into_a_new_database(
    tmp_path: Path,
) -> None:
    """A 0-byte file is a lost database (failed copy, full disk), never a new one (issue 8)."""
    path = tmp_path / "tiklive.db"
    path.touch()
    with pytest.raises(SchemaError, match="is empty") as caught:
        open_database(path)
    assert caught.value.reason == "empty"
    assert path.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiklive.db"]


def test_in_memory_database_is_migrated_without_wal() -> None:
    db = open_database(None)
    assert scalar(db, "PRAGMA user_version") == LATEST_VERSION
    assert scalar(db, "PRAGMA journal_mode") == "memory"
    assert scalar(db, "PRAGMA foreign_keys") == 1


def test_a_later_migration_runs_once_and_is_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tiklive.db"
    open_database(path).close()

    def add_column(db: Database) -> None:
        db.conn.execute("ALTER TABLE accounts ADD COLUMN color TEXT")

    monkeypatch.setattr(
        migrations,
        "MIGRATIONS",
        (*migrations.MIGRATIONS, Migration(LATEST_VERSION + 1, "colors", add_column)),
    )
    db = Database(path)
    assert migrate(db) == [LATEST_VERSION + 1]
    assert migrate(db) == []
    assert scalar(db, "PRAGMA user_version") == LATEST_VERSION + 1
    assert [row[0] for row in db.execute("SELECT version FROM migrations ORDER BY version")] == [
        *range(1, LATEST_VERSION + 2)
    ]
    assert "color" in db["accounts"].columns_dict
    db.close()


def test_a_failing_migration_leaves_the_previous_version_intact(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = open_database(None)

    def half_done(db: Database) -> None:
        db.conn.execute("CREATE TABLE half (x INTEGER)")
        db.conn.execute("INSERT INTO gifts (name, coins) VALUES ('Half', -1)")  # CHECK fails

    monkeypatch.setattr(
        migrations,
        "MIGRATIONS",
        (*migrations.MIGRATIONS, Migration(LATEST_VERSION + 1, "broken", half_done)),
    )
    with pytest.raises(sqlite3.IntegrityError):
        migrate(db)
    assert scalar(db, "PRAGMA user_version") == LATEST_VERSION
    assert "half" not in db.table_names()
    assert scalar(db, "SELECT count(*) FROM migrations") == LATEST_VERSION
    assert not db.conn.in_transaction


def test_default_path_honours_the_data_dir_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIKLIVE_DATA_DIR", str(tmp_path / "portable"))
    assert default_database_path() == tmp_path / "portable" / "tiklive.db"
    monkeypatch.delenv("TIKLIVE_DATA_DIR")
    path = default_database_path()
    assert path.name == "tiklive.db"
    assert path.parent.name == "TikLive Desktop"


def test_a_path_that_cannot_be_opened_is_a_storage_error(tmp_path: Path) -> None:
    from tiklive_desktop.storage.errors import StorageError

    folder = tmp_path / "a folder.db"
    folder.mkdir()
    with pytest.raises(StorageError, match="cannot open") as caught:
        open_database(folder)
    assert not isinstance(caught.value, SchemaError)


def test_a_connection_that_lost_the_race_does_not_migrate_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes open a new file at once: the second re-reads the version under the lock."""
    path = tmp_path / "tiklive.db"
    winner, loser = Database(path), Database(path)
    real = migrations.schema_version
    seen: list[int] = []

    def stale_then_real(db: Database) -> int:
        version = 0 if db is loser and not seen else real(db)
        seen.append(version)
        return version

    assert migrate(winner) == [m.version for m in migrations.MIGRATIONS]
    monkeypatch.setattr(migrations, "schema_version", stale_then_real)
    assert migrate(loser) == []
    # saw the stale 0, then the real version inside BEGIN IMMEDIATE (then skips the rest)
    assert seen[:2] == [0, LATEST_VERSION]
    assert scalar(loser, "SELECT count(*) FROM migrations") == LATEST_VERSION
    assert scalar(loser, "SELECT count(*) FROM gifts") == 54
    winner.close()
    loser.close()
