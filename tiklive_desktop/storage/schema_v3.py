"""Schema version 3: totals per account, day and rate period (issue 7, P5). Frozen, like v1/v2.

``session_days``: per account, day of the session's start (``YYYY-MM-DD``, the
start's own local day, as ``substr(start, 1, 10)`` groups it) and rate period
(``rate_key`` 0 = none), the sums a series over time needs, kept by triggers in
the same transaction as every insert, delete and update of a session, whoever
writes it (like ``account_totals`` of v2). Ten years of earnings per day are then
at most a few thousand rows to read instead of every session (~35 ms for
100,000 sessions, ~0.35 s for a million). A row whose last session goes is
deleted, so every row has ``sessions > 0``.
"""

from __future__ import annotations

_SUMS = ("sessions", "seconds", "diamonds", "likes", "viewers", "new_followers")
_OF = ("1", "duration_s", "diamonds", "likes", "total_viewers", "new_followers")


def _key(row: str) -> str:
    return (
        f"account_id = {row}.account_id AND day = substr({row}.start, 1, 10)"
        f" AND rate_key = ifnull({row}.rate_period_id, 0)"
    )


def _change(row: str, sign: str) -> str:
    """The statements adding (``+``) or taking (``-``) session ``row`` (NEW/OLD) to its day."""
    if sign == "-":  # the day row exists: the session was counted when it came in
        sets = ", ".join(
            f"{s} = {s} - {row}.{c}" if c != "1" else f"{s} = {s} - 1"
            for s, c in zip(_SUMS, _OF, strict=True)
        )
        return (
            f"UPDATE session_days SET {sets} WHERE {_key(row)};"
            f" DELETE FROM session_days WHERE {_key(row)} AND sessions <= 0;"
        )
    values = ", ".join(f"{row}.{c}" if c != "1" else "1" for c in _OF)
    updates = ", ".join(f"{s} = {s} + excluded.{s}" for s in _SUMS)
    return (
        f"INSERT INTO session_days (account_id, day, rate_key, {', '.join(_SUMS)})"
        f" VALUES ({row}.account_id, substr({row}.start, 1, 10),"
        f" ifnull({row}.rate_period_id, 0), {values})"
        f" ON CONFLICT (account_id, day, rate_key) DO UPDATE SET {updates};"
    )


STATEMENTS: tuple[str, ...] = (
    """CREATE TABLE session_days (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        rate_key INTEGER NOT NULL,
        sessions INTEGER NOT NULL DEFAULT 0,
        seconds INTEGER NOT NULL DEFAULT 0,
        diamonds INTEGER NOT NULL DEFAULT 0,
        likes INTEGER NOT NULL DEFAULT 0,
        viewers INTEGER NOT NULL DEFAULT 0,
        new_followers INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (account_id, day, rate_key)
    ) WITHOUT ROWID""",
    "CREATE INDEX session_days_day ON session_days (day)",
    f"INSERT INTO session_days (account_id, day, rate_key, {', '.join(_SUMS)})"
    " SELECT account_id, substr(start, 1, 10), ifnull(rate_period_id, 0), count(*),"
    " sum(duration_s), sum(diamonds), sum(likes), sum(total_viewers), sum(new_followers)"
    " FROM sessions GROUP BY account_id, substr(start, 1, 10), ifnull(rate_period_id, 0)",
    f"CREATE TRIGGER sessions_days_insert AFTER INSERT ON sessions BEGIN {_change('NEW', '+')} END",
    f"CREATE TRIGGER sessions_days_delete AFTER DELETE ON sessions BEGIN {_change('OLD', '-')} END",
    "CREATE TRIGGER sessions_days_update AFTER UPDATE OF account_id, start, rate_period_id,"
    " duration_s, diamonds, likes, total_viewers, new_followers ON sessions"
    f" BEGIN {_change('OLD', '-')} {_change('NEW', '+')} END",
)
