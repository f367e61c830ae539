"""Schema version 2: what a history of a million sessions needs (issue 7). Frozen, like v1.

- ``sessions_diamonds``: the sessions table sorted by Diamonds (all accounts)
  is an index walk instead of sorting every row (180 ms at a million rows).
  Ties are broken by id, which every index carries, so the whole ORDER BY is served.
- ``account_totals``: per account and rate period (``rate_key`` 0 = none), the
  sums the sessions table's footer, its row count and the wallet need, kept by
  triggers in the same transaction as every insert, delete and update of a
  session, whoever writes it. Unfiltered, those figures are then a few rows to
  read instead of every session (``count(*)`` over a million rows is ~10 ms;
  the wallet's all-time sum grew with the years).
  Cost: a trigger makes each INSERT keep a statement journal; with SQLite's
  default ``temp_store`` (a file) that adds ~20 us a row to a bulk import,
  ~7 us with ``PRAGMA temp_store = MEMORY`` (see bench/RESULTS.md).
"""

from __future__ import annotations

_SUMS = ("sessions", "seconds", "diamonds", "likes", "viewers", "new_followers", "gifters")
_OF = ("1", "duration_s", "diamonds", "likes", "total_viewers", "new_followers", "gifters")


def _change(row: str, sign: str) -> str:
    """The statement adding (``+``) or taking (``-``) session ``row`` (NEW/OLD) to its totals."""
    values = ", ".join(f"{row}.{c}" if c != "1" else "1" for c in _OF)
    updates = ", ".join(f"{s} = {s} {sign} excluded.{s}" for s in _SUMS)
    if sign == "-":  # the totals row exists: the session was counted when it came in
        sets = ", ".join(
            f"{s} = {s} - {row}.{c}" if c != "1" else f"{s} = {s} - 1"
            for s, c in zip(_SUMS, _OF, strict=True)
        )
        return (
            f"UPDATE account_totals SET {sets} WHERE account_id = {row}.account_id"
            f" AND rate_key = ifnull({row}.rate_period_id, 0);"
        )
    return (
        f"INSERT INTO account_totals (account_id, rate_key, {', '.join(_SUMS)})"
        f" VALUES ({row}.account_id, ifnull({row}.rate_period_id, 0), {values})"
        f" ON CONFLICT (account_id, rate_key) DO UPDATE SET {updates};"
    )


STATEMENTS: tuple[str, ...] = (
    "CREATE INDEX sessions_diamonds ON sessions (diamonds)",
    """CREATE TABLE account_totals (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        rate_key INTEGER NOT NULL,
        sessions INTEGER NOT NULL DEFAULT 0,
        seconds INTEGER NOT NULL DEFAULT 0,
        diamonds INTEGER NOT NULL DEFAULT 0,
        likes INTEGER NOT NULL DEFAULT 0,
        viewers INTEGER NOT NULL DEFAULT 0,
        new_followers INTEGER NOT NULL DEFAULT 0,
        gifters INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (account_id, rate_key)
    ) WITHOUT ROWID""",
    f"INSERT INTO account_totals (account_id, rate_key, {', '.join(_SUMS)})"
    " SELECT account_id, ifnull(rate_period_id, 0), count(*), sum(duration_s), sum(diamonds),"
    " sum(likes), sum(total_viewers), sum(new_followers), sum(gifters)"
    " FROM sessions GROUP BY account_id, ifnull(rate_period_id, 0)",
    f"CREATE TRIGGER sessions_totals_insert AFTER INSERT ON sessions"
    f" BEGIN {_change('NEW', '+')} END",
    f"CREATE TRIGGER sessions_totals_delete AFTER DELETE ON sessions"
    f" BEGIN {_change('OLD', '-')} END",
    "CREATE TRIGGER sessions_totals_update AFTER UPDATE OF account_id, rate_period_id,"
    " duration_s, diamonds, likes, total_viewers, new_followers, gifters ON sessions"
    f" BEGIN {_change('OLD', '-')} {_change('NEW', '+')} END",
)
