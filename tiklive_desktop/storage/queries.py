"""The sessions table as the window shows it: filtered, sorted and paged in SQL.

Only the requested page is read (the Qt model fetches rows on demand), and
sorting is done by SQLite over the cached per-session columns, never in Python.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tiklive_desktop.core.entities import DEFAULT_RATE, RatePeriod, Session
from tiklive_desktop.core.money import net_usd
from tiklive_desktop.storage.codec import (
    date_text,
    decimal_text,
    like_pattern,
    next_day_text,
    text_start,
    text_tags,
)
from tiklive_desktop.storage.rates import load_rate_periods
from tiklive_desktop.storage.sessions import SessionsMixin

# The displayed money comes from Decimal arithmetic; this REAL expression only orders rows.
_MONEY = (
    f"s.diamonds * CAST(ifnull(rp.diamond_value, '{decimal_text(DEFAULT_RATE.diamond_value_usd)}')"
    f" AS REAL) * (1 - CAST(ifnull(rp.agency_share, '{decimal_text(DEFAULT_RATE.agency_share)}')"
    " AS REAL))"
)
SORT_KEYS: Mapping[str, str] = {
    "start": "s.start",
    "duration": "s.duration_s",
    "diamonds": "s.diamonds",
    "money": _MONEY,
    "likes": "s.likes",
    "viewers": "s.total_viewers",
    "new_followers": "s.new_followers",
    "gifters": "s.gifters",
    "diamonds_per_hour": "s.diamonds * 3600.0 / nullif(s.duration_s, 0)",
    "notes": "s.notes COLLATE NOCASE",
}
_ROW_COLUMNS = (
    "s.id, s.account_id, s.start, s.duration_s, s.diamonds, s.reported_diamonds, s.gift_coins,"
    " s.rate_period_id, s.likes, s.peak_viewers, s.total_viewers, s.new_followers, s.comments,"
    " s.shares, s.gifters, s.title, s.notes, s.tags"
)


@dataclass(frozen=True, slots=True)
class SessionQuery:
    """Which sessions, in which order. ``end`` is inclusive; ``text`` searches title,
    notes and tags (case-insensitive for ASCII letters, like SQLite's LIKE).
    ``viewers`` means total viewers; ties are broken by id, in the same direction."""

    account_id: int | None = None
    start: date | None = None
    end: date | None = None
    text: str | None = None
    sort: str = "start"
    descending: bool = True

    def __post_init__(self) -> None:
        if self.sort not in SORT_KEYS:
            raise ValueError(f"unknown sort {self.sort!r}; one of {', '.join(SORT_KEYS)}")


@dataclass(frozen=True, slots=True)
class SessionRow:
    """One line of the sessions table; ``net_usd`` is exact (round only to show it)."""

    id: int
    account_id: int
    start: datetime
    duration_s: int
    diamonds: int
    reported_diamonds: int | None
    gift_coins: int
    likes: int
    peak_viewers: int
    total_viewers: int
    new_followers: int
    comments: int
    shares: int
    gifters: int
    title: str
    notes: str
    tags: tuple[str, ...]
    net_usd: Decimal
    diamonds_per_hour: Decimal | None


@dataclass(frozen=True, slots=True)
class SessionTotals:
    """The footer of the sessions table for the same filter (``viewers``: total viewers)."""

    count: int
    seconds: int
    diamonds: int
    likes: int
    viewers: int
    new_followers: int
    gifters: int
    net_usd: Decimal


def where_clause(
    q: SessionQuery, alias: str = "s", *, scan_accounts: bool = False
) -> tuple[str, list[Any]]:
    """``WHERE ...`` (or empty) and its parameters; date bounds are index range bounds.

    ``scan_accounts`` (for sums over many rows) keeps SQLite from reaching an
    account's sessions through an index in an order unrelated to the table,
    which costs a random lookup per row: a filtered scan is several times faster.
    It applies to whole-history sums only (no ``start``).
    """
    clauses: list[str] = []
    params: list[Any] = []
    # With a start day the (account_id, start) index reads only that account's
    # range, however many creators share the file: better than scanning the range.
    scan_accounts = scan_accounts and q.start is None
    if q.account_id is not None:
        clauses.append(f"{'+' if scan_accounts else ''}{alias}.account_id = ?")
        params.append(q.account_id)
    if q.start is not None:
        clauses.append(f"{alias}.start >= ?")
        params.append(date_text(q.start))
    if q.end is not None and q.end < date.max:
        clauses.append(f"{alias}.start < ?")
        params.append(next_day_text(q.end))
    if q.text:
        pattern = like_pattern(q.text)
        clauses.append(
            f"({alias}.title LIKE ? ESCAPE '\\' OR {alias}.notes LIKE ? ESCAPE '\\'"
            f" OR {alias}.tags LIKE ? ESCAPE '\\')"
        )
        params.extend([pattern] * 3)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def dated_where(
    account_id: int | None, start: date | None, end: date | None, alias: str = ""
) -> tuple[str, list[Any]]:
    """``WHERE ...`` (or empty) for a table with a ``date`` day column (withdrawals,
    other income): one account or all, ``start`` to ``end`` inclusive."""
    column = f"{alias}." if alias else ""
    clauses: list[str] = []
    params: list[Any] = []
    if account_id is not None:
        clauses.append(f"{column}account_id = ?")
        params.append(account_id)
    if start is not None:
        clauses.append(f"{column}date >= ?")
        params.append(date_text(start))
    if end is not None:
        clauses.append(f"{column}date <= ?")
        params.append(date_text(end))
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def rates_by_id(conn: sqlite3.Connection) -> dict[int | None, RatePeriod]:
    """Rate periods by id; None (no period stored at all) means the documented defaults."""
    rates: dict[int | None, RatePeriod] = {p.id: p for p in load_rate_periods(conn)}
    rates[None] = DEFAULT_RATE
    return rates


def net_of(
    diamonds: int, rate_period_id: int | None, rates: Mapping[int | None, RatePeriod]
) -> Decimal:
    return net_usd(diamonds, rates.get(rate_period_id, DEFAULT_RATE))


def _row(row: sqlite3.Row, rates: Mapping[int | None, RatePeriod]) -> SessionRow:
    diamonds, seconds = row["diamonds"], row["duration_s"]
    return SessionRow(
        id=row["id"],
        account_id=row["account_id"],
        start=text_start(row["start"]),
        duration_s=seconds,
        diamonds=diamonds,
        reported_diamonds=row["reported_diamonds"],
        gift_coins=row["gift_coins"],
        likes=row["likes"],
        peak_viewers=row["peak_viewers"],
        total_viewers=row["total_viewers"],
        new_followers=row["new_followers"],
        comments=row["comments"],
        shares=row["shares"],
        gifters=row["gifters"],
        title=row["title"],
        notes=row["notes"],
        tags=text_tags(row["tags"]),
        net_usd=net_of(diamonds, row["rate_period_id"], rates),
        diamonds_per_hour=Decimal(diamonds * 3600) / Decimal(seconds) if seconds else None,
    )


def _unfiltered(q: SessionQuery) -> bool:
    """Every session (of one account or all): what ``account_totals`` already sums."""
    return q.start is None and (q.end is None or q.end >= date.max) and not q.text


class QueriesMixin(SessionsMixin):
    def query_sessions(self, q: SessionQuery, limit: int, offset: int = 0) -> list[SessionRow]:
        """One page of sessions matching ``q`` in its order.

        ``OFFSET`` costs SQLite a step per skipped row: a page near the end of a
        long history is better read backwards (see :meth:`query_sessions_from_end`).
        """
        where, params = where_clause(q)
        direction = "DESC" if q.descending else "ASC"
        join = "LEFT JOIN rate_periods rp ON rp.id = s.rate_period_id" if q.sort == "money" else ""
        rows = self._rows(
            f"SELECT {_ROW_COLUMNS} FROM sessions s {join} {where}"
            f" ORDER BY {SORT_KEYS[q.sort]} {direction}, s.id {direction} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        rates = rates_by_id(self.conn)
        return [_row(row, rates) for row in rows]

    def query_sessions_from_end(
        self, q: SessionQuery, limit: int, from_end: int = 0
    ) -> list[SessionRow]:
        """The page that ends ``from_end`` rows before the last match, in ``q``'s order.

        The same rows as ``query_sessions(q, limit, count - from_end - limit)``, read in
        the opposite order and turned round: every sort key breaks ties by id in the
        same direction, so the reversed order is exactly the reverse.
        """
        flipped = replace(q, descending=not q.descending)
        return self.query_sessions(flipped, limit, from_end)[::-1]

    def count_sessions(self, q: SessionQuery) -> int:
        """How many sessions match; unfiltered, from ``account_totals`` (no row is counted)."""
        if _unfiltered(q):
            account = "" if q.account_id is None else " WHERE account_id = ?"
            extra = [] if q.account_id is None else [q.account_id]
            sql = f"SELECT ifnull(sum(sessions), 0) FROM account_totals{account}"
            return int(self._scalar(sql, extra))
        where, params = where_clause(q)
        return int(self._scalar(f"SELECT count(*) FROM sessions s {where}", params))

    def session_totals(self, q: SessionQuery) -> SessionTotals:
        """Sums for the filter; money is summed per rate period, so it stays exact."""
        return self.session_totals_by_rate(q)[0]

    def session_totals_by_rate(
        self, q: SessionQuery
    ) -> tuple[SessionTotals, list[tuple[int, RatePeriod]]]:
        """:meth:`session_totals` and the Diamonds per rate period behind them, from
        the one grouped query (a report values each period's Diamonds itself)."""
        if _unfiltered(q):  # from the totals kept by triggers (schema_v2): no session read
            account = "" if q.account_id is None else " WHERE account_id = ?"
            rows = self.conn.execute(
                "SELECT nullif(rate_key, 0), sum(sessions), sum(seconds), sum(diamonds),"
                " sum(likes), sum(viewers), sum(new_followers), sum(gifters)"
                f" FROM account_totals{account} GROUP BY rate_key",
                [] if q.account_id is None else [q.account_id],
            ).fetchall()
        else:
            where, params = where_clause(q, scan_accounts=True)
            rows = self.conn.execute(
                "SELECT s.rate_period_id, count(*), sum(s.duration_s), sum(s.diamonds),"
                " sum(s.likes), sum(s.total_viewers), sum(s.new_followers), sum(s.gifters)"
                f" FROM sessions s {where} GROUP BY s.rate_period_id",
                params,
            ).fetchall()
        rates = rates_by_id(self.conn)
        sums = [sum(row[i] for row in rows) for i in range(1, 8)]
        money = sum((net_of(row[3], row[0], rates) for row in rows), Decimal(0))
        by_rate = [(row[3], rates.get(row[0], DEFAULT_RATE)) for row in rows]
        return SessionTotals(*sums, net_usd=money), by_rate

    def load_sessions(self, q: SessionQuery | None = None) -> list[Session]:
        """Full sessions with gift lines for ``q`` (all by default), in its order: for export."""
        q = q or SessionQuery(descending=False)
        where, params = where_clause(q)
        direction = "DESC" if q.descending else "ASC"
        join = "LEFT JOIN rate_periods rp ON rp.id = s.rate_period_id" if q.sort == "money" else ""
        ids = [
            row[0]
            for row in self.conn.execute(
                f"SELECT s.id FROM sessions s {join} {where}"
                f" ORDER BY {SORT_KEYS[q.sort]} {direction}, s.id {direction}",
                params,
            )
        ]
        return self.get_sessions(ids)
