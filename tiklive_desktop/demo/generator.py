"""The demo history as core entities, reproducible from a seed.

Everything is drawn from one ``random.Random(seed)`` (never the global
generator), so the same arguments always give the same data: screenshots,
benchmarks and bug reports can name a seed instead of shipping a database.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tiklive_desktop.core.entities import Account, Gift, OtherIncome, Session, Withdrawal
from tiklive_desktop.demo.gifts import GiftDrawer, shipped_gifts
from tiklive_desktop.demo.payouts import missing_kinds, other_income, withdrawals
from tiklive_desktop.demo.profiles import DAYS_PER_MONTH, make_profiles, plan_size
from tiklive_desktop.demo.sessions import Window, creator_sessions

log = logging.getLogger(__name__)

DEMO_END = date(2026, 11, 20)
"""The last day of the default demo: fixed, so that the default demo never changes."""
MAX_SESSIONS = 1_000_000


@dataclass(frozen=True, slots=True)
class DemoData:
    """A generated history. Ids are unset; ``account_id`` is the account's 1-based
    position in ``accounts`` (what a fresh database assigns; the writer maps it)."""

    seed: int
    first_day: date
    end: date
    accounts: tuple[Account, ...]
    sessions: tuple[Session, ...]
    withdrawals: tuple[Withdrawal, ...]
    other_income: tuple[OtherIncome, ...]

    @property
    def gift_line_count(self) -> int:
        return sum(len(session.gift_lines) for session in self.sessions)


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` exactly (largest remainders get the rest)."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - shares[i], i))
    for index in by_remainder[: total - sum(counts)]:
        counts[index] += 1
    return counts


def generate(
    seed: int = 1,
    sessions: int = 600,
    accounts: int = 3,
    months: int = 18,
    end: date = DEMO_END,
    gifts: Sequence[Gift] | None = None,
) -> DemoData:
    """A plausible history of exactly ``sessions`` LIVEs ending on ``end``.

    Large requests get more accounts and/or months than asked (see
    :func:`~tiklive_desktop.demo.profiles.plan_size`); ``len(data.accounts)``
    and ``data.first_day`` say what was used. ``gifts`` defaults to the
    shipped catalog.
    """
    if not 0 <= sessions <= MAX_SESSIONS:
        raise ValueError(f"sessions must be between 0 and {MAX_SESSIONS:,}, not {sessions:,}")
    if accounts < 1 or months < 1:
        raise ValueError("a demo needs at least one account and one month")
    rng = random.Random(seed)
    drawer = GiftDrawer(tuple(gifts) if gifts is not None else shipped_gifts())
    n_accounts, n_months = plan_size(sessions, accounts, months)
    total_days = max(1, round(n_months * DAYS_PER_MONTH))
    first_day = end - timedelta(days=total_days - 1)
    profiles = make_profiles(rng, n_accounts)
    windows = [
        Window(first_day + timedelta(days=int(p.start_fraction * (total_days - 1))), end)
        for p in profiles
    ]
    counts = apportion(
        sessions, [p.lives_per_week * w.days for p, w in zip(profiles, windows, strict=True)]
    )
    all_sessions: list[Session] = []
    all_withdrawals: list[Withdrawal] = []
    all_income: list[OtherIncome] = []
    for index, (profile, window, count) in enumerate(zip(profiles, windows, counts, strict=True)):
        account_id = index + 1
        own = creator_sessions(rng, profile, account_id, window, count, drawer)
        all_sessions.extend(own)
        all_withdrawals.extend(withdrawals(rng, profile, account_id, own, end))
        all_income.extend(other_income(rng, profile, account_id, window.first, end))
    all_income.extend(missing_kinds(rng, all_income, 1, windows[0].first, end))
    all_sessions.sort(key=lambda s: (s.start, s.account_id))
    all_withdrawals.sort(key=lambda w: (w.date, w.account_id))
    all_income.sort(key=lambda i: (i.date, i.account_id))
    accounts_out = tuple(
        Account(
            handle=p.handle,
            display_name=p.display_name,
            region=p.region,
            monthly_goal_diamonds=p.monthly_goal,
        )
        for p in profiles
    )
    data = DemoData(
        seed=seed,
        first_day=first_day,
        end=end,
        accounts=accounts_out,
        sessions=tuple(all_sessions),
        withdrawals=tuple(all_withdrawals),
        other_income=tuple(all_income),
    )
    log.info(
        "demo seed %s: %d accounts, %d sessions, %d gift lines, %s..%s",
        seed, n_accounts, len(all_sessions), data.gift_line_count, first_day, end,
    )  # fmt: skip
    return data
