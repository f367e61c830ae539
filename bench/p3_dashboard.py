"""P3: every figure the dashboard shows, for one creator, on a long history vs a short one.

Each storage call the dashboard makes (``overview`` and ``cashout_status``)
is timed on its own, for account 1 (the demo's featured creator, present in
every demo) at ``today`` = the demo's last day, on the big database and on
the small one in the same run. The creator's recent months look alike in
both; only the length of the history differs, so a ratio above 1 is cost
growing with history.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from bench.common import TODAY, Cache, Outcome, Row
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.overview import (
    BEST_TIMES_DAYS,
    best_times,
    cashout_status,
    display_currency,
    goal_progress,
    month_comparison,
    month_start,
    overview,
    rate_today,
    recent_sessions,
    top_gifts,
)
from tiklive_desktop.storage.repository import Repository

ACCOUNT = 1


def figures(repo: Repository) -> dict[str, Callable[[], object]]:
    """The dashboard's storage calls by name (what ``DashboardSection.refresh`` reads)."""
    a, today = ACCOUNT, TODAY
    return {
        "months": lambda: month_comparison(repo, a, today),
        "goal": lambda: goal_progress(repo, a, today, 0),
        "top gifts": lambda: top_gifts(repo, a, month_start(today), today),
        "best times": lambda: best_times(
            repo, a, today - timedelta(days=BEST_TIMES_DAYS - 1), today
        ),
        "recent": lambda: recent_sessions(repo, a),
        "currency+rate": lambda: (display_currency(repo, a, today), rate_today(repo, a, today)),
        "cash-out": lambda: cashout_status(repo, a, today),
        "all": lambda: (overview(repo, a, today), cashout_status(repo, a, today)),
    }


def _medians(small: Path, big: Path, repeat: int) -> tuple[dict[str, float], dict[str, float]]:
    """Median time of each call on the small and on the big database, run alternately.

    Each repetition times every call on both files back to back (which goes first
    alternates), so a burst of load on the shared machine hits both sides alike:
    these calls take well under a millisecond.
    """
    dbs = [open_database(small), open_database(big)]
    try:
        calls = [figures(Repository(db)) for db in dbs]
        for side in calls:
            for call in side.values():  # warm: page cache and prepared statements
                call()
        times: list[dict[str, list[float]]] = [{name: [] for name in side} for side in calls]
        for round_ in range(repeat):
            for name in calls[0]:
                order = (0, 1) if round_ % 2 == 0 else (1, 0)
                for side in order:
                    started = time.perf_counter()
                    calls[side][name]()
                    times[side][name].append(time.perf_counter() - started)
        anchor, ours = (
            {name: statistics.median(values) for name, values in side.items()} for side in times
        )
        return anchor, ours
    finally:
        for db in dbs:
            db.close()


def independent_this_month(path: Path) -> tuple[int, int]:
    """(sessions, Diamonds) of account 1 this month by plain SQL, to check the dashboard."""
    db = open_database(path)
    try:
        row = db.conn.execute(
            "SELECT count(*), ifnull(sum(diamonds), 0) FROM sessions"
            " WHERE account_id = ? AND start >= ? AND start < ?",
            (ACCOUNT, month_start(TODAY).isoformat(), (TODAY + timedelta(days=1)).isoformat()),
        ).fetchone()
        return int(row[0]), int(row[1])
    finally:
        db.close()


def dashboard_this_month(path: Path) -> tuple[int, int]:
    db = open_database(path)
    try:
        month = overview(Repository(db), ACCOUNT, TODAY).months.this_month
        return month.sessions, month.diamonds
    finally:
        db.close()


def run(cache: Cache, sizes: tuple[int, int], repeat: int) -> Outcome:
    small, big = (cache.demo(n) for n in sizes)
    anchor, ours = _medians(small, big, repeat)
    rows = [
        Row(
            "P3" if name == "all" else f"P3.{name.split()[0]}",
            f"dashboard {'(all figures)' if name == 'all' else name}"
            + (f", {sizes[1]:,} vs {sizes[0]:,} sessions" if name == "all" else ""),
            ours[name],
            anchor[name],
            2.0,
        )
        for name in ours
    ]
    rows.insert(0, rows.pop())  # the total first, then its parts
    facts = {
        "dashboard_this_month": dashboard_this_month(big),
        "sql_this_month": independent_this_month(big),
    }
    return Outcome(rows, facts)
