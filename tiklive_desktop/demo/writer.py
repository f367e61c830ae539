"""Storing a generated demo as a TikLive database file.

The file is built beside its destination under a temporary name and moved
into place only when complete, in one transaction, so an interrupted run
never leaves a half-written demo that the app would then open.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tiklive_desktop.demo.generator import DEMO_END, DemoData, generate
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository

log = logging.getLogger(__name__)

_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What was written, and how long generating and storing took (seconds)."""

    path: Path
    seed: int
    accounts: int
    sessions: int
    gift_lines: int
    withdrawals: int
    other_income: int
    first_day: date
    end: date
    generate_seconds: float
    write_seconds: float


def store(repo: Repository, data: DemoData) -> None:
    """Add ``data`` to the database behind ``repo`` in one transaction."""
    with repo.transaction():
        ids = {
            position: repo.add_account(account).id
            for position, account in enumerate(data.accounts, start=1)
        }
        if any(ids[position] != position for position in ids):
            # Only in a database that already had accounts: renumber to the stored ids.
            sessions = [dataclasses.replace(s, account_id=ids[s.account_id]) for s in data.sessions]
            withdrawals = [
                dataclasses.replace(w, account_id=ids[w.account_id]) for w in data.withdrawals
            ]
            income = [
                dataclasses.replace(i, account_id=ids[i.account_id]) for i in data.other_income
            ]
        else:
            sessions, withdrawals, income = list(data.sessions), data.withdrawals, data.other_income
        repo.add_sessions(sessions)
        for withdrawal in withdrawals:
            repo.add_withdrawal(withdrawal)
        for entry in income:
            repo.add_income(entry)


def _remove(path: Path) -> None:
    for name in (path.name, *(path.name + side for side in _SQLITE_SIDE_FILES)):
        (path.parent / name).unlink(missing_ok=True)


def write_demo_database(
    path: str | Path,
    seed: int = 1,
    sessions: int = 600,
    accounts: int = 3,
    months: int = 18,
    end: date = DEMO_END,
    *,
    overwrite: bool = False,
) -> DemoSummary:
    """Generate a demo (see :func:`generate`) and write it as a new database at ``path``.

    Raises ``FileExistsError`` when ``path`` exists, unless ``overwrite``.
    """
    target = Path(path).expanduser()
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} already exists")
    began = time.perf_counter()
    data = generate(seed=seed, sessions=sessions, accounts=accounts, months=months, end=end)
    generated = time.perf_counter()
    partial = target.with_name(target.name + ".part")
    _remove(partial)
    db = open_database(partial)
    try:
        store(Repository(db), data)
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except BaseException:
        db.close()
        _remove(partial)
        raise
    db.close()
    _remove(target)
    partial.replace(target)
    _remove(partial)  # the side files of the temporary name, if SQLite left any
    written = time.perf_counter()
    summary = DemoSummary(
        path=target,
        seed=seed,
        accounts=len(data.accounts),
        sessions=len(data.sessions),
        gift_lines=data.gift_line_count,
        withdrawals=len(data.withdrawals),
        other_income=len(data.other_income),
        first_day=data.first_day,
        end=data.end,
        generate_seconds=generated - began,
        write_seconds=written - generated,
    )
    log.info("demo database %s written in %.1f s", target, written - began)
    return summary
