"""What every benchmark shares: sizes, timing, the result row and the cached databases.

Generated databases are cached by size (and schema version, and the
generator's fingerprint) in ``--cache`` (default ``~/.cache/tiklive-bench``),
so a second run starts measuring at once. Nothing measured ever writes to a
cached file: operations that write get a fresh copy.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tiklive_desktop.demo import write_demo_database
from tiklive_desktop.demo.generator import DEMO_END
from tiklive_desktop.storage.migrations import LATEST_VERSION

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
TODAY = DEMO_END
"""The dashboard's "today": the last day of the demo, so this month has LIVEs."""


@dataclass(frozen=True, slots=True)
class Sizes:
    """How big each benchmark's data is; "full" is what issue 7's table names."""

    startup: int  # P1: sessions in the database the app opens
    imported: int  # P2: sessions in the imported CSV
    dashboard: tuple[int, int]  # P3: (anchor, figure) sessions
    model: tuple[int, int]  # P4: (anchor, figure) sessions
    bars: int  # P5: daily bars
    points: int  # P5: scatter points
    exported: int  # P6: sessions exported


SIZES: dict[str, Sizes] = {
    "full": Sizes(100_000, 100_000, (1_000, 100_000), (1_000, 1_000_000), 3_650, 100_000, 100_000),
    "tiny": Sizes(100, 100, (100, 300), (100, 300), 20, 100, 100),
}


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table: ``figure`` and ``anchor`` in seconds (or bytes for memory)."""

    id: str
    what: str
    figure: float
    anchor: float
    target: float
    unit: str = "s"

    @property
    def ratio(self) -> float:
        return self.figure / self.anchor if self.anchor > 0 else float("inf")

    @property
    def passed(self) -> bool:
        return self.ratio <= self.target


@dataclass
class Outcome:
    """What a benchmark measured plus what its operations produced (the test checks these)."""

    rows: list[Row] = field(default_factory=list)
    facts: dict[str, object] = field(default_factory=dict)


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def median_pair(
    figure: Callable[[], object],
    anchor: Callable[[], object],
    repeat: int,
    prepare: Callable[[], None] | None = None,
) -> tuple[float, float]:
    """Medians (s) of ``figure`` and ``anchor`` run alternately, so noise hits both alike.

    ``prepare`` runs untimed before each of them (e.g. a fresh copy of a database).
    """
    ours, theirs = [], []
    for _ in range(repeat):
        for action, times in ((figure, ours), (anchor, theirs)):
            if prepare is not None:
                prepare()
            times.append(timed(action)[0])
    return statistics.median(ours), statistics.median(theirs)


def median_time(action: Callable[[], object], repeat: int) -> float:
    return statistics.median(timed(action)[0] for _ in range(repeat))


# --- cached data ---------------------------------------------------------------------------


def _fingerprint() -> str:
    """Changes when the generator or the schema changes, so a stale cache is not reused."""
    digest = hashlib.sha256(str(LATEST_VERSION).encode())
    storage = ROOT / "tiklive_desktop" / "storage"
    modules = [*(ROOT / "tiklive_desktop" / "demo").glob("*.py"), *storage.glob("schema_v*.py")]
    for module in sorted(modules):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:10]


class Cache:
    """Databases (and files) built once per size and reused by later runs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.key = _fingerprint()

    def path(self, name: str, suffix: str = ".sqlite") -> Path:
        return self.folder / f"{name}-{self.key}{suffix}"

    def demo(self, sessions: int) -> Path:
        """A demo database of ``sessions`` LIVEs (about ten gift lines each), built by the
        app's own generator and writer (``write_demo_database``)."""
        target = self.path(f"demo-{sessions}")
        if not target.exists():
            if sessions > 100_000:
                return self.scaled(sessions)
            began = time.perf_counter()
            write_demo_database(target, sessions=sessions)
            log.info("built %s in %.1f s", target.name, time.perf_counter() - began)
        return target

    def scaled(self, sessions: int) -> Path:
        """A database of ``sessions`` LIVEs made by copying the 100,000-session demo
        in bulk SQL (``INSERT ... SELECT``) under new accounts: the generator would
        need minutes and gigabytes of Python objects for a million sessions.

        The copies carry no gift lines (the sessions table model never reads them;
        the cached Diamonds columns are copied as they are).
        """
        target = self.path(f"demo-{sessions}")
        base = self.demo(100_000)
        partial = target.with_suffix(".part")
        shutil.copyfile(base, partial)
        began = time.perf_counter()
        conn = sqlite3.connect(partial, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("BEGIN")
            accounts = conn.execute("SELECT max(id) FROM accounts").fetchone()[0]
            per_copy = conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
            columns = (
                "start, duration_s, reported_diamonds, gift_coins, diamonds, rate_period_id,"
                " likes, peak_viewers, total_viewers, new_followers, comments, shares, gifters,"
                " title, notes, tags"
            )
            copy = 1
            while per_copy * (copy + 1) <= sessions:
                conn.execute(
                    "INSERT INTO accounts (id, handle, display_name, region, currency,"
                    " monthly_goal_diamonds) SELECT id + ?, handle || '.' || ?, display_name,"
                    " region, currency, monthly_goal_diamonds FROM accounts WHERE id <= ?",
                    (accounts * copy, copy, accounts),
                )
                conn.execute(
                    f"INSERT INTO sessions (account_id, {columns}) SELECT account_id + ?,"
                    f" {columns} FROM sessions WHERE account_id <= ? ORDER BY id",
                    (accounts * copy, accounts),
                )
                copy += 1
            # The copies bypassed the repository, which keeps account_totals: count again.
            conn.execute("DELETE FROM account_totals")
            conn.execute(
                "INSERT INTO account_totals (account_id, rate_key, sessions, seconds, diamonds,"
                " likes, viewers, new_followers, gifters) SELECT account_id,"
                " ifnull(rate_period_id, 0), count(*), sum(duration_s), sum(diamonds), sum(likes),"
                " sum(total_viewers), sum(new_followers), sum(gifters) FROM sessions"
                " GROUP BY account_id, ifnull(rate_period_id, 0)"
            )
            conn.execute("COMMIT")
        finally:
            conn.close()
        partial.replace(target)
        log.info("built %s in %.1f s", target.name, time.perf_counter() - began)
        return target

    def without_gift_lines(self, sessions: int) -> Path:
        """The demo of ``sessions`` LIVEs with its gift lines removed (exports of sessions)."""
        target = self.path(f"demo-{sessions}-nolines")
        if not target.exists():
            partial = target.with_suffix(".part")
            shutil.copyfile(self.demo(sessions), partial)
            conn = sqlite3.connect(partial, isolation_level=None)
            try:
                conn.execute("DELETE FROM gift_lines")
                conn.execute("VACUUM")
            finally:
                conn.close()
            partial.replace(target)
        return target


def fresh_copy(source: Path, target: Path) -> Path:
    """``source`` copied to ``target`` (side files of an older copy removed first)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target
