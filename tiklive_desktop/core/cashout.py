"""Cash-out status: can the creator withdraw today, how much, and when will they be able to.

DOMAIN.md, "Cash-out rules": the wallet holds Diamonds, worth ``diamond_value_usd``
each; a withdrawal needs at least the region's minimum and at most the daily
maximum per calendar day. The storage layer adds the numbers up in SQL
(:class:`CashoutInputs`); this module only applies the rules, so the same
answer shows in the window, the CLI and the reports.

Why the gross value: an agency/manager share is settled between the creator and
the manager outside TikTok, so TikTok's wallet (and its minimum) sees the whole
value of the Diamonds. The net value is given beside it for the creator's own
planning.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from tiklive_desktop.core.entities import RatePeriod, RegionRule
from tiklive_desktop.core.money import diamonds_value_usd, net_usd

log = logging.getLogger(__name__)

ZERO = Decimal(0)
PACE_WINDOW_DAYS = 30
"""The pace is the daily average of the last 30 days (today included)."""


@dataclass(frozen=True, slots=True)
class CashoutInputs:
    """The account totals the rules need, summed by the storage layer.

    ``withdrawn_diamonds`` and ``withdrawn_today_usd`` count pending and paid
    withdrawals alike: a pending withdrawal has already left the wallet.
    """

    earned_diamonds: int
    withdrawn_diamonds: int
    withdrawn_today_usd: Decimal
    diamonds_last_30_days: int
    diamonds_this_month: int


@dataclass(frozen=True, slots=True)
class CashoutStatus:
    """Everything the cash-out panel shows; money is exact (round with ``round_money``).

    ``balance_diamonds`` is the signed balance as recorded: negative means more
    was withdrawn than the recorded sessions earned (sessions are missing), and
    the money fields then treat the wallet as empty instead of negative.
    """

    balance_diamonds: int
    balance_usd: Decimal
    balance_net_usd: Decimal
    minimum_usd: Decimal
    daily_max_usd: Decimal
    eligible: bool
    max_today_usd: Decimal
    diamonds_needed: int
    pace_per_day: Decimal
    days_to_minimum: int | None
    date_minimum_reached: date | None
    goal: int | None
    goal_progress: Decimal | None

    @property
    def overdrawn(self) -> bool:
        """True when the records show more withdrawn than earned."""
        return self.balance_diamonds < 0


def minimum_diamonds(rule: RegionRule, rate: RatePeriod) -> int:
    """The fewest whole Diamonds worth at least the region's minimum (never fewer than 1).

    Comparing whole Diamonds avoids comparing rounded money: ``balance * value >=
    minimum`` holds exactly when ``balance >= ceil(minimum / value)``. At least
    one Diamond, because a $0 minimum does not make an empty wallet withdrawable.
    """
    exact = rule.minimum_usd / rate.diamond_value_usd
    return max(int(exact.to_integral_value(rounding=ROUND_CEILING)), 1)


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def cashout_status(
    inputs: CashoutInputs,
    rate: RatePeriod,
    rule: RegionRule,
    today: date,
    monthly_goal: int | None,
) -> CashoutStatus:
    """Apply the region's cash-out rules to the account's totals on ``today``.

    ``rate`` is the rate in force today (it prices the Diamonds in the wallet).
    """
    balance = inputs.earned_diamonds - inputs.withdrawn_diamonds
    if balance < 0:
        log.debug("withdrawals exceed recorded Diamonds by %d", -balance)
    available = max(balance, 0)
    balance_usd = diamonds_value_usd(available, rate)
    needed_total = minimum_diamonds(rule, rate)
    eligible = balance >= needed_total
    diamonds_needed = 0 if eligible else needed_total - balance

    room_today = max(rule.daily_max_usd - inputs.withdrawn_today_usd, ZERO)
    max_today = min(balance_usd, room_today) if eligible else ZERO

    recent = max(inputs.diamonds_last_30_days, 0)
    pace = Decimal(recent) / PACE_WINDOW_DAYS
    days: int | None
    reached: date | None
    if eligible:
        days, reached = 0, today
    elif recent == 0:
        days, reached = None, None
    else:
        # Integer arithmetic: needed / (recent / 30), rounded up to whole days.
        days = _ceil_div(diamonds_needed * PACE_WINDOW_DAYS, recent)
        # A trickle of Diamonds can put the date past year 9999: no date then.
        reached = today + timedelta(days=days) if days <= (date.max - today).days else None

    goal_progress = (
        Decimal(inputs.diamonds_this_month) / monthly_goal
        if monthly_goal is not None and monthly_goal > 0
        else None
    )
    return CashoutStatus(
        balance_diamonds=balance,
        balance_usd=balance_usd,
        balance_net_usd=net_usd(available, rate),
        minimum_usd=rule.minimum_usd,
        daily_max_usd=rule.daily_max_usd,
        eligible=eligible,
        max_today_usd=max_today,
        diamonds_needed=diamonds_needed,
        pace_per_day=pace,
        days_to_minimum=days,
        date_minimum_reached=reached,
        goal=monthly_goal,
        goal_progress=goal_progress,
    )
