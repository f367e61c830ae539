"""Schema migrations: an ordered list, recorded in the database itself.

``PRAGMA user_version`` is the schema version (1 = the first migration applied);
the ``migrations`` table keeps when each one ran, for support questions. Each
migration runs in one ``BEGIN IMMEDIATE`` transaction together with its
bookkeeping, so a crash leaves the previous version intact, and the version is
read again inside the lock so two processes opening a new file at once cannot
both migrate it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlite_utils import Database

from tiklive_desktop.storage import schema_v1, schema_v2, schema_v3
from tiklive_desktop.storage.seed import seed

log = logging.getLogger(__name__)

APPLICATION_ID = 0x544B4C56
"""``PRAGMA application_id`` ("TKLV"): marks the file as ours, so another program's
SQLite file is recognised and refused instead of being migrated."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Database], None]


def _initial_schema(db: Database) -> None:
    for statement in schema_v1.STATEMENTS:
        db.conn.execute(statement)
    db.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    seed(db)


def _large_history(db: Database) -> None:
    for statement in schema_v2.STATEMENTS:
        db.conn.execute(statement)


def _day_totals(db: Database) -> None:
    for statement in schema_v3.STATEMENTS:
        db.conn.execute(statement)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema and default data", _initial_schema),
    Migration(2, "index and totals for large histories", _large_history),
    Migration(3, "totals per account, day and rate period", _day_totals),
)
LATEST_VERSION = MIGRATIONS[-1].version


def schema_version(db: Database) -> int:
    return int(db.conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: Database) -> list[int]:
    """Apply the migrations the database lacks; returns the versions applied (often none)."""
    applied: list[int] = []
    for migration in MIGRATIONS:
        if schema_version(db) >= migration.version:
            continue
        conn = db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another connection may have migrated while we waited for the lock.
            if schema_version(db) >= migration.version:
                conn.execute("COMMIT")
                continue
            migration.apply(db)
            conn.execute(
                "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (
                    migration.version,
                    migration.name,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
            conn.execute(f"PRAGMA user_version = {migration.version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        log.info("database migrated to version %d: %s", migration.version, migration.name)
        applied.append(migration.version)
    return applied
