"""Schema version 1, as SQL. Frozen: later changes are new migrations, never edits here.

Design notes (the why):
- Money is integer cents and counts are integers, so ``SUM`` in SQL is exact;
  rates are ``Decimal`` stored as TEXT and multiplied in Python.
- ``sessions.gift_coins``, ``diamonds`` and ``rate_period_id`` are caches kept by
  the repository in the same transaction as the data they derive from: the
  dashboard, cash-out and period totals read one narrow table and never touch
  ``gift_lines``, so their cost does not grow with the number of gifts recorded.
- ``start`` is text in ISO order, so day/week/month ranges are index range scans.
- An account with sessions, withdrawals or other income cannot be deleted
  (``ON DELETE RESTRICT``): one click must never wipe years of history. Its own
  rate periods go with it (``CASCADE``); they mean nothing without it.
"""

from __future__ import annotations

_DAY = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
_START = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]'"

STATEMENTS: tuple[str, ...] = (
    """CREATE TABLE migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at TEXT NOT NULL
    )""",
    """CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        handle TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (handle <> ''),
        display_name TEXT NOT NULL DEFAULT '',
        region TEXT NOT NULL DEFAULT 'US',
        currency TEXT NOT NULL DEFAULT 'USD',
        monthly_goal_diamonds INTEGER
            CHECK (monthly_goal_diamonds IS NULL OR monthly_goal_diamonds >= 0)
    )""",
    f"""CREATE TABLE rate_periods (
        id INTEGER PRIMARY KEY,
        account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
        effective TEXT NOT NULL CHECK (effective GLOB {_DAY}),
        coin_value TEXT NOT NULL,
        commission TEXT NOT NULL,
        diamond_value TEXT NOT NULL,
        agency_share TEXT NOT NULL
    )""",
    # NULLs are distinct in a UNIQUE constraint: index the default periods as account 0.
    "CREATE UNIQUE INDEX rate_periods_account_effective"
    " ON rate_periods (ifnull(account_id, 0), effective)",
    "CREATE INDEX rate_periods_account ON rate_periods (account_id)",
    f"""CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE RESTRICT,
        start TEXT NOT NULL CHECK (start GLOB {_START}),
        duration_s INTEGER NOT NULL CHECK (duration_s >= 0),
        reported_diamonds INTEGER CHECK (reported_diamonds IS NULL OR reported_diamonds >= 0),
        gift_coins INTEGER NOT NULL DEFAULT 0 CHECK (gift_coins >= 0),
        diamonds INTEGER NOT NULL DEFAULT 0 CHECK (diamonds >= 0),
        rate_period_id INTEGER REFERENCES rate_periods(id) ON DELETE SET NULL,
        likes INTEGER NOT NULL DEFAULT 0 CHECK (likes >= 0),
        peak_viewers INTEGER NOT NULL DEFAULT 0 CHECK (peak_viewers >= 0),
        total_viewers INTEGER NOT NULL DEFAULT 0 CHECK (total_viewers >= 0),
        new_followers INTEGER NOT NULL DEFAULT 0 CHECK (new_followers >= 0),
        comments INTEGER NOT NULL DEFAULT 0 CHECK (comments >= 0),
        shares INTEGER NOT NULL DEFAULT 0 CHECK (shares >= 0),
        gifters INTEGER NOT NULL DEFAULT 0 CHECK (gifters >= 0),
        title TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]'
    )""",
    "CREATE INDEX sessions_account_start ON sessions (account_id, start)",
    "CREATE INDEX sessions_start ON sessions (start)",
    # Lets totals per day (rolled up to weeks, months, years) stream in index
    # order instead of sorting every session: half the time on a long history.
    "CREATE INDEX sessions_day_rate ON sessions (substr(start, 1, 10), rate_period_id)",
    "CREATE INDEX sessions_account_diamonds ON sessions (account_id, diamonds)",
    "CREATE INDEX sessions_rate_period ON sessions (rate_period_id)",
    """CREATE TABLE gifts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (name <> ''),
        coins INTEGER NOT NULL CHECK (coins >= 0),
        streakable INTEGER NOT NULL DEFAULT 0 CHECK (streakable IN (0, 1)),
        tiktok_id INTEGER,
        retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
    )""",
    f"""CREATE TABLE gift_prices (
        id INTEGER PRIMARY KEY,
        gift_id INTEGER NOT NULL REFERENCES gifts(id) ON DELETE CASCADE,
        effective TEXT NOT NULL CHECK (effective GLOB {_DAY}),
        coins INTEGER NOT NULL CHECK (coins >= 0),
        UNIQUE (gift_id, effective)
    )""",
    """CREATE TABLE gift_lines (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        gift_id INTEGER REFERENCES gifts(id) ON DELETE SET NULL,
        gift TEXT NOT NULL COLLATE NOCASE CHECK (gift <> ''),
        count INTEGER NOT NULL CHECK (count >= 0),
        coins_each INTEGER NOT NULL CHECK (coins_each >= 0)
    )""",
    "CREATE INDEX gift_lines_session ON gift_lines (session_id)",
    "CREATE INDEX gift_lines_gift ON gift_lines (gift)",
    "CREATE INDEX gift_lines_gift_id ON gift_lines (gift_id)",
    f"""CREATE TABLE withdrawals (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE RESTRICT,
        date TEXT NOT NULL CHECK (date GLOB {_DAY}),
        diamonds INTEGER NOT NULL CHECK (diamonds >= 0),
        amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
        currency TEXT NOT NULL DEFAULT 'USD',
        method TEXT NOT NULL DEFAULT '',
        fee_cents INTEGER NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid')),
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX withdrawals_account_date ON withdrawals (account_id, date)",
    f"""CREATE TABLE other_income (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE RESTRICT,
        date TEXT NOT NULL CHECK (date GLOB {_DAY}),
        kind TEXT NOT NULL,
        amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
        currency TEXT NOT NULL DEFAULT 'USD',
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX other_income_account_date ON other_income (account_id, date)",
    f"""CREATE TABLE region_rules (
        region TEXT PRIMARY KEY COLLATE NOCASE,
        name TEXT NOT NULL,
        minimum_usd TEXT NOT NULL,
        daily_max_usd TEXT NOT NULL,
        as_of TEXT NOT NULL CHECK (as_of GLOB {_DAY}),
        note TEXT NOT NULL DEFAULT ''
    )""",
    f"""CREATE TABLE exchange_rates (
        id INTEGER PRIMARY KEY,
        currency TEXT NOT NULL,
        effective TEXT NOT NULL CHECK (effective GLOB {_DAY}),
        per_usd TEXT NOT NULL,
        UNIQUE (currency, effective)
    )""",
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
)
