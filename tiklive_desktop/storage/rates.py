"""Which rate period applies to which session, and keeping the per-session cache right.

``core.money.rate_on`` is the rule; this module only makes it cheap for many
sessions. The rule depends on a day only through which effective dates are on
or before it, so between two consecutive effective dates (of the defaults and of
the account's own periods) the answer is constant: each such interval is asked
once, and whole intervals are updated with one indexed range ``UPDATE``.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from tiklive_desktop.core.entities import RatePeriod
from tiklive_desktop.core.money import diamonds_from_coins, rate_on
from tiklive_desktop.storage.codec import date_text, text_date, text_decimal

log = logging.getLogger(__name__)

RATE_COLUMNS = "id, account_id, effective, coin_value, commission, diamond_value, agency_share"


def rate_from_row(row: sqlite3.Row | tuple[Any, ...]) -> RatePeriod:
    id_, account_id, effective, coin_value, commission, diamond_value, agency_share = row
    return RatePeriod(
        effective=text_date(effective),
        coin_value_usd=text_decimal(coin_value),
        commission=text_decimal(commission),
        diamond_value_usd=text_decimal(diamond_value),
        agency_share=text_decimal(agency_share),
        account_id=account_id,
        id=id_,
    )


def load_rate_periods(conn: sqlite3.Connection) -> list[RatePeriod]:
    rows = conn.execute(
        f"SELECT {RATE_COLUMNS} FROM rate_periods ORDER BY effective, ifnull(account_id, 0)"
    )
    return [rate_from_row(row) for row in rows]


class RateIndex:
    """``rate_on`` for many (account, day) pairs: one evaluation per interval."""

    def __init__(self, periods: Sequence[RatePeriod]) -> None:
        self.periods = list(periods)
        self.by_id = {p.id: p for p in self.periods if p.id is not None}
        self._default_days = {p.effective for p in self.periods if p.account_id is None}
        self._breakpoints: dict[int | None, list[date]] = {}
        self._cache: dict[tuple[int | None, int], RatePeriod] = {}

    def breakpoints(self, account_id: int | None) -> list[date]:
        """Sorted effective dates where the answer for ``account_id`` may change."""
        if account_id not in self._breakpoints:
            own = {p.effective for p in self.periods if p.account_id == account_id}
            self._breakpoints[account_id] = sorted(self._default_days | own)
        return self._breakpoints[account_id]

    def rate_for(self, account_id: int | None, day: date) -> RatePeriod:
        points = self.breakpoints(account_id)
        slot = bisect.bisect_right(points, day)
        key = (account_id, slot)
        if key not in self._cache:
            # Any day of the interval gives the same answer; use its first day.
            probe = points[slot - 1] if slot else day
            self._cache[key] = rate_on(self.periods, probe, account_id)
        return self._cache[key]

    def intervals(self, account_id: int) -> list[tuple[str | None, str | None, RatePeriod]]:
        """``[from, to)`` day bounds (None = open) with the rate in force in each."""
        points = self.breakpoints(account_id)
        bounds: list[date | None] = [None, *points, None]
        result = []
        for low, high in itertools.pairwise(bounds):
            probe = low if low is not None else (high - timedelta(days=1) if high else date.today())
            result.append(
                (
                    date_text(low) if low else None,
                    date_text(high) if high else None,
                    self.rate_for(account_id, probe),
                )
            )
        return result


def recompute_sessions(conn: sqlite3.Connection, account_ids: Iterable[int] | None = None) -> int:
    """Bring every session's cached ``rate_period_id`` and gift-derived ``diamonds`` up to date.

    Runs inside the caller's transaction after any change to rate periods.
    Sessions with reported Diamonds keep them (the LIVE summary is the truth);
    only their rate period changes. Returns the number of sessions whose
    Diamonds changed.
    """
    index = RateIndex(load_rate_periods(conn))
    if account_ids is None:
        account_ids = [row[0] for row in conn.execute("SELECT id FROM accounts")]
    changed = 0
    for account_id in account_ids:
        for low, high, rate in index.intervals(account_id):
            where = "account_id = ?"
            params: list[object] = [account_id]
            if low is not None:
                where += " AND start >= ?"
                params.append(low)
            if high is not None:
                where += " AND start < ?"
                params.append(high)
            conn.execute(
                f"UPDATE sessions SET rate_period_id = ? WHERE {where} AND rate_period_id IS NOT ?",
                [rate.id, *params, rate.id],
            )
            # With no reported figure the credited Diamonds are exactly the gift
            # lines' coins converted (money.session_diamonds), so the cached coin
            # total is enough: gift_lines is not read.
            rows = conn.execute(
                f"SELECT id, gift_coins, diamonds FROM sessions"
                f" WHERE {where} AND reported_diamonds IS NULL",
                params,
            )
            updates = []
            converted: dict[int, int] = {}  # coin totals repeat: convert each once
            for session_id, coins, old in rows:
                new = converted.get(coins)
                if new is None:
                    new = converted[coins] = diamonds_from_coins(coins, rate)
                if new != old:
                    updates.append((new, session_id))
            conn.executemany("UPDATE sessions SET diamonds = ? WHERE id = ?", updates)
            changed += len(updates)
    if changed:
        log.info("rate change: Diamonds recomputed for %d sessions", changed)
    return changed
