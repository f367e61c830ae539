"""The things a creator records, as immutable values.

Conventions (used everywhere):
- coins and Diamonds are ``int``; money is ``Decimal`` in the currency named
  beside it; rates are ``Decimal``.
- A session's ``start`` is a naive local ``datetime`` (the creator's wall
  clock, as the LIVE summary shows it); dates are ``date``.
- ``id`` is ``None`` until the entity has been stored.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal


class WithdrawalStatus(enum.StrEnum):
    PENDING = "pending"
    PAID = "paid"


class IncomeKind(enum.StrEnum):
    BRAND = "brand partnership"
    MERCHANDISE = "merchandise"
    DONATION = "donation/crowdfunding"
    CREATOR_REWARDS = "creator rewards"
    SUBSCRIPTION = "subscription"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Account:
    handle: str
    display_name: str = ""
    region: str = "US"
    currency: str = "USD"
    monthly_goal_diamonds: int | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class GiftLine:
    """``count`` gifts of one kind, priced at what the gift cost when it was sent."""

    gift: str
    count: int
    coins_each: int
    gift_id: int | None = None
    id: int | None = None

    @property
    def coins(self) -> int:
        return self.count * self.coins_each


@dataclass(frozen=True, slots=True)
class Session:
    account_id: int
    start: datetime
    duration: timedelta
    reported_diamonds: int | None = None
    likes: int = 0
    peak_viewers: int = 0
    total_viewers: int = 0
    new_followers: int = 0
    comments: int = 0
    shares: int = 0
    gifters: int = 0
    title: str = ""
    notes: str = ""
    tags: tuple[str, ...] = ()
    gift_lines: tuple[GiftLine, ...] = ()
    id: int | None = None

    @property
    def end(self) -> datetime:
        return self.start + self.duration

    @property
    def day(self) -> date:
        return self.start.date()

    @property
    def gift_coins(self) -> int:
        return sum(line.coins for line in self.gift_lines)

    @property
    def hours(self) -> Decimal:
        return Decimal(int(self.duration.total_seconds())) / Decimal(3600)


@dataclass(frozen=True, slots=True)
class Gift:
    """A catalog entry. ``coins`` is the current price; history lives in ``prices``."""

    name: str
    coins: int
    streakable: bool = False
    tiktok_id: int | None = None
    retired: bool = False
    id: int | None = None


@dataclass(frozen=True, slots=True)
class GiftPrice:
    """A gift's price in coins from ``effective`` on (until the next price)."""

    gift_id: int
    effective: date
    coins: int
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Withdrawal:
    account_id: int
    date: date
    diamonds: int
    amount: Decimal
    currency: str = "USD"
    method: str = "PayPal"
    fee: Decimal = Decimal(0)
    status: WithdrawalStatus = WithdrawalStatus.PENDING
    note: str = ""
    id: int | None = None

    @property
    def net(self) -> Decimal:
        return self.amount - self.fee


@dataclass(frozen=True, slots=True)
class OtherIncome:
    account_id: int
    date: date
    kind: IncomeKind
    amount: Decimal
    currency: str = "USD"
    note: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class RatePeriod:
    """The conversion rates in force from ``effective`` until the next period.

    ``account_id`` None means the default for every account. On any day the
    period that started last applies, whether the account's own or a default;
    on the same date the account's own wins (``money.rate_on``).
    """

    effective: date
    coin_value_usd: Decimal = Decimal("0.01")
    commission: Decimal = Decimal("0.50")
    diamond_value_usd: Decimal = Decimal("0.005")
    agency_share: Decimal = Decimal("0")
    account_id: int | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class RegionRule:
    """Cash-out rules of a region, in USD, as TikTok's wallet showed them on ``as_of``."""

    region: str
    name: str
    minimum_usd: Decimal
    daily_max_usd: Decimal
    as_of: date
    note: str = "check your TikTok wallet"


@dataclass(frozen=True, slots=True)
class ExchangeRate:
    """``per_usd`` units of ``currency`` buy one US dollar from ``effective`` on."""

    currency: str
    effective: date
    per_usd: Decimal
    id: int | None = None


DEFAULT_RATE = RatePeriod(effective=date(2016, 1, 1))
"""The rates everyone quotes (DOMAIN.md): 1 coin = $0.01 of gifts, 50% commission,
1 Diamond = $0.005, no agency share. Shipped as data in resources/rates.csv too."""

__all__ = [
    "DEFAULT_RATE",
    "Account",
    "ExchangeRate",
    "Gift",
    "GiftLine",
    "GiftPrice",
    "IncomeKind",
    "OtherIncome",
    "RatePeriod",
    "RegionRule",
    "Session",
    "Withdrawal",
    "WithdrawalStatus",
]
