"""Backups: a restore gives back the same data (same totals), and rotation keeps exactly N.

The round trip and rotation go through ``storage.backups`` (the automatic
backups and File > Restore from backup), which copies with SQLite's online
backup API (``exchange.backup``). Were that module missing, the round trip
falls back to ``exchange.backup`` and the rotation row says it was skipped.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import ModuleType

from fault_common import HANDLE, copy_database, table, write_base_database, write_csv


@dataclass(frozen=True)
class Check:
    name: str
    expected: str
    got: str
    ok: bool | None  # None: not run (and why is in ``got``)


def totals(path: Path) -> str:
    """Sessions, Diamonds and gift lines, and a digest of every session row."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        count, diamonds = conn.execute(
            "SELECT count(*), ifnull(sum(diamonds), 0) FROM sessions"
        ).fetchone()
        lines = conn.execute("SELECT count(*) FROM gift_lines").fetchone()[0]
        digest = hashlib.sha256()
        for row in conn.execute("SELECT * FROM sessions ORDER BY id"):
            digest.update(repr(row).encode())
    summary = f"{count:,} sessions, {diamonds:,} Diamonds, {lines:,} gift lines"
    return f"{summary}, #{digest.hexdigest()[:8]}"


def _import(db: Path, csv_path: Path) -> None:
    from datetime import date

    from tiklive_desktop.exchange.csv_import import plan_csv_import
    from tiklive_desktop.exchange.import_plan import apply_plan
    from tiklive_desktop.storage.database import open_database
    from tiklive_desktop.storage.repository import Repository

    repo = Repository(open_database(db))
    try:
        account = next(a for a in repo.list_accounts() if a.handle == HANDLE)
        plan = plan_csv_import(repo, csv_path, account_id=account.id, today=date.today())
        apply_plan(repo, plan)
    finally:
        repo.db.close()


def _backups() -> ModuleType | None:
    try:
        return importlib.import_module("tiklive_desktop.storage.backups")
    except ImportError:
        return None


def round_trip(work: Path, rows: int) -> list[Check]:
    """Back up, change the database (delete half), restore: the totals are those backed up.

    Through ``storage.backups`` (File > Restore from backup: it backs the
    current file up first) when it is there, else ``exchange.backup``.
    """
    from tiklive_desktop.exchange.backup import backup_database, restore_backup

    base = work / "backup-base.db"
    write_base_database(base)
    db = copy_database(base, work / "live.db")
    _import(db, write_csv(work / "backup.csv", rows, seed=2))
    expected = totals(db)
    backups = _backups()
    folder = work / "backups"
    if backups is None:
        backup = backup_database(db, folder / "manual.db")
    else:
        backup = backups.make_backup(db, db, folder=folder, now=datetime(2026, 1, 1, 12, 0))
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("DELETE FROM sessions WHERE id % 2 = 0")
        conn.commit()
    changed = totals(db)
    checks = []
    if backups is None:
        restore_backup(backup, db)
    else:
        done = backups.restore(backup, db, folder=folder, now=datetime(2026, 1, 2, 12, 0))
        kept = done.backup_of_current
        got = totals(kept) if kept is not None else "no backup of the current file"
        checks.append(
            Check("restore first backs up the current file", changed, got, got == changed)
        )
    got = totals(db)
    ok = got == expected and changed != expected
    checks.insert(0, Check("backup -> change -> restore", expected, got, ok))
    return checks


def rotation(work: Path, keep: int = 3, made: int = 5) -> Check:
    """``made`` daily automatic backups with keep = ``keep``: exactly ``keep`` files stay."""
    name = f"rotation keeps {keep} of {made} daily backups"
    backups = _backups()
    if backups is None:
        return Check(name, f"{keep} files", "skipped: storage/backups.py not there yet", None)
    db = copy_database(work / "backup-base.db", work / "rotating.db")
    folder = work / "auto-backups"
    for day in range(1, made + 1):
        backups.auto_backup(db, db, keep=keep, folder=folder, now=datetime(2026, 1, day, 9, 0))
    kept = backups.list_backups(db, folder)
    newest = sorted(info.taken.day for info in kept)
    got = f"{len(kept)} files (days {', '.join(map(str, newest))})"
    files = sorted(folder.iterdir())
    ok = len(kept) == keep == len(files) and newest == list(range(made - keep + 1, made + 1))
    return Check(
        name,
        f"{keep} files (days {', '.join(map(str, range(made - keep + 1, made + 1)))})",
        got,
        ok,
    )


def run_backups(work: Path, rows: int) -> tuple[list[Check], str]:
    work.mkdir(parents=True, exist_ok=True)
    checks = [*round_trip(work, rows), rotation(work)]

    def verdict(check: Check) -> str:
        return "skipped" if check.ok is None else ("ok" if check.ok else "FAIL")

    text = table(
        ["check", "expected", "got", "verdict"],
        [[c.name, c.expected, c.got, verdict(c)] for c in checks],
    )
    return checks, "Backups\n\n" + text
