"""P2: CSV import of sessions through the app's importer (validation included).

The file is the app's own sessions export of a demo database (the documented
import template). Ours: ``plan_csv_import`` (read, map, validate every row
with ``core.validation.parse_session``, find duplicates) then ``apply_plan``
into a database holding only the accounts. Anchor: the ``csv`` module reads
the same file and ``sqlite3.executemany`` stores the same rows in the same
``sessions`` table of an identical database, in one transaction, with just
the conversions the table's CHECKs need (ISO start, seconds, integers).
"""

from __future__ import annotations

import csv
import json
import sqlite3
import tempfile
from decimal import Decimal
from pathlib import Path

from bench.common import TODAY, Cache, Outcome, Row, fresh_copy, median_pair
from tiklive_desktop.exchange.csv_export import export_csv
from tiklive_desktop.exchange.csv_import import plan_csv_import
from tiklive_desktop.exchange.import_plan import apply_plan
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository


def exported_csv(cache: Cache, sessions: int) -> Path:
    """The sessions of the demo of ``sessions`` LIVEs, as the app exports them (cached)."""
    target = cache.path(f"sessions-{sessions}", ".csv")
    if not target.exists():
        db = open_database(cache.demo(sessions))
        try:
            export_csv(Repository(db), target, "sessions")
        finally:
            db.close()
    return target


def accounts_only(cache: Cache, sessions: int) -> Path:
    """A new database with the demo's accounts and nothing else: where the file goes."""
    target = cache.path(f"accounts-{sessions}")
    if not target.exists():
        source = open_database(cache.demo(sessions))
        partial = target.with_suffix(".part")
        partial.unlink(missing_ok=True)
        db = open_database(partial)
        try:
            repo = Repository(db)
            with repo.transaction():
                for account in Repository(source).list_accounts():
                    repo.add_account(account.__class__(**{**_fields(account), "id": None}))
            db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
            source.close()
        partial.replace(target)
    return target


def _fields(account: object) -> dict[str, object]:
    return {name: getattr(account, name) for name in account.__slots__}  # type: ignore[attr-defined]


def import_with_app(csv_path: Path, db_path: Path) -> int:
    db = open_database(db_path)
    try:
        repo = Repository(db)
        plan = plan_csv_import(repo, csv_path, today=TODAY)
        if plan.problems:
            raise RuntimeError(f"the import found problems: {plan.problems[:3]}")
        return apply_plan(repo, plan)
    finally:
        db.close()


_INSERT = (
    "INSERT INTO sessions (account_id, start, duration_s, reported_diamonds, diamonds, likes,"
    " peak_viewers, total_viewers, new_followers, comments, shares, gifters, title, notes, tags)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def import_directly(csv_path: Path, db_path: Path) -> int:
    """The anchor: csv + executemany in one transaction, only the conversions the table needs."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        ids = {h.casefold(): i for i, h in conn.execute("SELECT id, handle FROM accounts")}
        rows = []
        with csv_path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            next(reader)
            for cells in reader:
                start = cells[1].replace(" ", "T")
                reported = int(cells[3]) if cells[3] else None
                rows.append(
                    (
                        ids[cells[0].casefold()],
                        start if len(start) == 19 else start + ":00",
                        int(Decimal(cells[2]) * 60),
                        reported,
                        reported or 0,
                        *(int(c) for c in cells[4:11]),
                        cells[11],
                        cells[12],
                        json.dumps([t.strip() for t in cells[13].split(",") if t.strip()]),
                    )
                )
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(_INSERT, rows)
        conn.execute("COMMIT")
        return len(rows)
    finally:
        conn.close()


def stored_sessions(db_path: Path) -> int:
    conn = sqlite3.connect(db_path)
    try:
        return int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])
    finally:
        conn.close()


def run(cache: Cache, sessions: int, repeat: int) -> Outcome:
    source = exported_csv(cache, sessions)
    empty = accounts_only(cache, sessions)
    with tempfile.TemporaryDirectory(prefix="tiklive-bench-p2-") as folder:
        target = Path(folder) / "import.sqlite"
        ours, anchor = median_pair(
            lambda: import_with_app(source, target),
            lambda: import_directly(source, target),
            repeat,
            prepare=lambda: fresh_copy(empty, target),
        )
        fresh_copy(empty, target)
        added = import_with_app(source, target)
        stored = stored_sessions(target)
    row = Row("P2", f"CSV import of {sessions:,} sessions", ours, anchor, 2.0)
    return Outcome([row], {"added": added, "stored": stored})
