"""Scale sanity check, run by hand (not collected by pytest):

    .venv/bin/python tests/storage/scale_check.py [sessions] [--file]

Stores N sessions (default 100,000) over ~27 years for 3 accounts with
add_sessions, then times the queries the window runs on every refresh and prints
the query plans of the hot ones, which must use the indexes.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from tiklive_desktop.core.entities import Account, GiftLine, RatePeriod, Session
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.queries import SORT_KEYS, SessionQuery, where_clause
from tiklive_desktop.storage.repository import Repository

GIFTS = [("Rose", 1), ("Finger Heart", 5), ("Doughnut", 30), ("Galaxy", 1000), ("Lion", 29999)]


def sessions(account_ids: list[int], count: int) -> Iterator[Session]:
    rng = random.Random(7)
    first = datetime(2000, 1, 1, 18, 0)
    for i in range(count):
        lines = tuple(
            GiftLine(name, rng.randint(1, 50), coins)
            for name, coins in rng.sample(GIFTS, rng.randint(0, 3))
        )
        yield Session(
            account_id=account_ids[i % len(account_ids)],
            start=first + timedelta(hours=2.3 * i),
            duration=timedelta(minutes=rng.randint(10, 240)),
            reported_diamonds=rng.randint(0, 5000) if i % 3 == 0 else None,
            likes=rng.randint(0, 50_000),
            total_viewers=rng.randint(0, 3000),
            new_followers=rng.randint(0, 200),
            gifters=rng.randint(0, 80),
            title=f"LIVE {i}",
            notes="giveaway" if i % 50 == 0 else "",
            tags=("dance",) if i % 7 == 0 else (),
            gift_lines=lines,
        )


def timed(label: str, action: Callable[[], Any], runs: int = 3) -> Any:
    best = float("inf")
    result = None
    for _ in range(runs):
        began = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - began)
    print(f"{label:<46} {best * 1000:8.1f} ms")
    return result


def plan(repo: Repository, label: str, sql: str, params: list[Any]) -> None:
    rows = repo.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    print(f"  plan {label}: " + " | ".join(row[-1] for row in rows))


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 100_000
    folder = tempfile.mkdtemp(prefix="tiklive-scale-")
    path = Path(folder) / "scale.db" if "--file" in sys.argv else None
    repo = Repository(open_database(path))
    accounts = [repo.add_account(Account(handle)).id for handle in ("alice", "bob", "cara")]
    assert all(accounts)
    ids = [a for a in accounts if a is not None]
    began = time.perf_counter()
    repo.add_sessions(sessions(ids, count))
    print(f"{f'add_sessions({count:,})':<46} {time.perf_counter() - began:8.2f} s")
    # No ANALYZE: the app never runs it, so the plans timed here are the app's plans.

    everything = SessionQuery()
    one = SessionQuery(account_id=ids[0])
    total = timed("count_sessions (all)", lambda: repo.count_sessions(everything))
    timed("count_sessions (account)", lambda: repo.count_sessions(one))
    timed("query first page (start desc)", lambda: repo.query_sessions(everything, 100))
    timed("query first page, one account", lambda: repo.query_sessions(one, 100))
    timed("query last page (start desc)", lambda: repo.query_sessions(everything, 100, total - 100))
    for sort in SORT_KEYS:
        q = SessionQuery(sort=sort)
        timed(f"first page sorted by {sort}", lambda q=q: repo.query_sessions(q, 100))
    by_diamonds = SessionQuery(account_id=ids[0], sort="diamonds")
    timed("first page, account, by diamonds", lambda: repo.query_sessions(by_diamonds, 100))
    month = SessionQuery(start=date(2020, 10, 1), end=date(2020, 10, 31))
    timed("one month, first page", lambda: repo.query_sessions(month, 100))
    timed(
        "text filter 'giveaway', first page",
        lambda: repo.query_sessions(SessionQuery(text="giveaway"), 100),
    )
    timed("session_totals (all)", lambda: repo.session_totals(everything))
    timed("session_totals (one month)", lambda: repo.session_totals(month))
    for granularity in ("day", "week", "month", "year"):
        timed(f"totals_by_period({granularity})", lambda g=granularity: repo.totals_by_period(g))
    timed(
        "totals_by_period(month, one year)",
        lambda: repo.totals_by_period("month", None, date(2020, 1, 1), date(2020, 12, 31)),
    )
    timed("cashout_inputs (all accounts)", lambda: repo.cashout_inputs(None, date(2026, 11, 1)))
    timed("cashout_inputs (one account)", lambda: repo.cashout_inputs(ids[0], date(2026, 11, 1)))
    timed(
        "totals_by_gift (one year)",
        lambda: repo.totals_by_gift(None, date(2020, 1, 1), date(2020, 12, 31)),
    )
    timed("earnings_by_weekday_hour (all)", lambda: repo.earnings_by_weekday_hour())
    scaled = RatePeriod(date(2015, 2, 10), commission=Decimal("0.47"))
    timed("add_rate_period (recomputes all)", lambda: repo.add_rate_period(scaled), runs=1)

    where, params = where_clause(one)
    plan(
        repo,
        "page/account",
        f"SELECT * FROM sessions s {where} ORDER BY s.start DESC, s.id DESC LIMIT 100",
        params,
    )
    plan(
        repo, "page/all", "SELECT * FROM sessions s ORDER BY s.start DESC, s.id DESC LIMIT 100", []
    )
    where, params = where_clause(by_diamonds)
    plan(
        repo,
        "account/diamonds",
        f"SELECT * FROM sessions s {where} ORDER BY s.diamonds DESC, s.id DESC LIMIT 100",
        params,
    )
    where, params = where_clause(month)
    plan(repo, "month range", f"SELECT count(*) FROM sessions s {where}", params)
    plan(
        repo,
        "cashout",
        "SELECT sum(diamonds) FROM sessions WHERE start < ? AND account_id = ?",
        ["2026-11-02", ids[0]],
    )
    plan(
        repo,
        "withdrawals",
        "SELECT sum(diamonds) FROM withdrawals WHERE date <= ? AND account_id = ?",
        ["2026-11-01", ids[0]],
    )
    plan(
        repo,
        "by gift",
        "SELECT gl.gift, sum(gl.count) FROM gift_lines gl JOIN sessions s"
        " ON s.id = gl.session_id WHERE s.start >= ? AND s.start < ? GROUP BY gl.gift",
        ["2020-01-01", "2021-01-01"],
    )
    one_year = SessionQuery(start=date(2020, 1, 1), end=date(2020, 12, 31))
    for label, q in (("all", everything), ("account", one), ("one year", one_year)):
        where, params = where_clause(q, scan_accounts=True)
        plan(
            repo,
            f"totals_by_period {label}",
            "SELECT substr(s.start, 1, 10) AS day, s.rate_period_id, count(*), sum(s.diamonds)"
            f" FROM sessions s {where} GROUP BY day, s.rate_period_id",
            params,
        )


if __name__ == "__main__":
    main()
