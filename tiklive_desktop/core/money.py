"""The money engine: gifts -> coins -> Diamonds -> money (DOMAIN.md, "The money chain").

    gift value (USD)   = coins x coin_value_usd
    creator share      = gift value x (1 - commission)
    Diamonds           = creator share / diamond_value_usd   (whole Diamonds, rounded down)
    net to the creator = Diamonds x diamond_value_usd x (1 - agency_share) - fees

The rounding rule, in one place:
- Coins and Diamonds are integers. Diamonds are credited whole: a fractional
  Diamond (possible only with non-default rates, e.g. a 53% share) is dropped,
  because TikTok never credits part of one. This is the only rounding of
  Diamonds, done once per session on its total coins.
- Money is an exact ``Decimal`` through every product and sum (a Lion is
  $149.995, not $150.00, while it is being added up). It is rounded once, to
  cents with ROUND_HALF_UP, by :func:`round_money` at the edge: when shown,
  printed or written to a file. Never round and then add.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext
from typing import Protocol, TypeVar

from tiklive_desktop.core.entities import DEFAULT_RATE, ExchangeRate, GiftLine, RatePeriod

CENT = Decimal("0.01")

# What a viewer pays for one coin, in USD (DOMAIN.md, "The money chain", step 1):
# the web shop is cheapest (70 coins = $0.74, about $0.0106 a coin); in the app the
# stores take their cut ($0.99 for 70 up to $249.99 for 17,500, about $0.0143 a coin).
# Shown beside a gift's value only; nothing the creator earns depends on them.
VIEWER_COIN_USD_WEB = Decimal("0.0106")
VIEWER_COIN_USD_IN_APP = Decimal("0.0143")
ONE = Decimal(1)


class _Dated(Protocol):
    @property
    def effective(self) -> date: ...


D = TypeVar("D", bound=_Dated)


def in_force(items: Iterable[D], day: date) -> D | None:
    """The item with the latest ``effective`` on or before ``day``.

    Before the first item, the first item applies (history typed in from before
    the earliest known rate is valued at that rate rather than not at all).
    """
    ordered = sorted(items, key=lambda item: item.effective)
    if not ordered:
        return None
    chosen = ordered[0]
    for item in ordered:
        if item.effective > day:
            break
        chosen = item
    return chosen


def rate_on(periods: Sequence[RatePeriod], day: date, account_id: int | None = None) -> RatePeriod:
    """The rate period in force on ``day`` for ``account_id``.

    Of the periods that have started by ``day`` (the account's own and the
    defaults, ``account_id`` None), the latest wins; on the same date the
    account's own wins (entities.RatePeriod). So a default that takes effect
    later (TikTok changed its rates for everyone) replaces an older own period.
    Before any period has started, the earliest default (or own) period
    applies; with no periods at all the documented defaults apply.
    """
    own = [p for p in periods if account_id is not None and p.account_id == account_id]
    defaults = [p for p in periods if p.account_id is None]
    started = [p for p in [*own, *defaults] if p.effective <= day]
    if started:
        return max(started, key=lambda p: (p.effective, p.account_id is not None))
    return in_force(defaults, day) or in_force(own, day) or DEFAULT_RATE


def round_money(amount: Decimal) -> Decimal:
    """Round to cents, half up: the one rounding of money, applied at the edge.

    The context gets enough digits for the whole part, so a huge amount is
    rounded too instead of raising InvalidOperation (quantize needs room).
    """
    with localcontext() as context:
        context.prec = max(context.prec, amount.adjusted() + 3)
        return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def viewer_cost_usd(coins: int) -> tuple[Decimal, Decimal]:
    """What viewers paid for ``coins``: at web-shop prices and at in-app prices."""
    return coins * VIEWER_COIN_USD_WEB, coins * VIEWER_COIN_USD_IN_APP


def gift_value_usd(coins: int, rate: RatePeriod) -> Decimal:
    """What the gifts are worth at the coin value (before TikTok's commission)."""
    return coins * rate.coin_value_usd


def diamonds_exact(coins: int, rate: RatePeriod) -> Decimal:
    return gift_value_usd(coins, rate) * (ONE - rate.commission) / rate.diamond_value_usd


def diamonds_from_coins(coins: int, rate: RatePeriod) -> int:
    """Whole Diamonds credited for ``coins`` of gifts (fractions dropped, see module doc)."""
    return int(diamonds_exact(coins, rate).to_integral_value(rounding=ROUND_FLOOR))


def diamonds_value_usd(diamonds: int, rate: RatePeriod) -> Decimal:
    """The creator's gross share: what the Diamonds are worth before any agency share."""
    return diamonds * rate.diamond_value_usd


def agency_cut_usd(diamonds: int, rate: RatePeriod) -> Decimal:
    return diamonds_value_usd(diamonds, rate) * rate.agency_share


def net_usd(diamonds: int, rate: RatePeriod, fees_usd: Decimal = Decimal(0)) -> Decimal:
    """What reaches the creator: Diamonds' value less the agency share and payout fees."""
    return diamonds_value_usd(diamonds, rate) * (ONE - rate.agency_share) - fees_usd


def to_currency(amount_usd: Decimal, rate: ExchangeRate | None) -> Decimal:
    """Convert USD into the account's currency (None: the amount is already USD)."""
    return amount_usd if rate is None else amount_usd * rate.per_usd


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Every link of the chain for some coins, exact (round with :func:`round_money`)."""

    coins: int
    gift_value_usd: Decimal
    diamonds: int
    creator_share_usd: Decimal
    agency_usd: Decimal
    net_usd: Decimal


def breakdown(coins: int, rate: RatePeriod) -> Breakdown:
    diamonds = diamonds_from_coins(coins, rate)
    return Breakdown(
        coins=coins,
        gift_value_usd=gift_value_usd(coins, rate),
        diamonds=diamonds,
        creator_share_usd=diamonds_value_usd(diamonds, rate),
        agency_usd=agency_cut_usd(diamonds, rate),
        net_usd=net_usd(diamonds, rate),
    )


@dataclass(frozen=True, slots=True)
class SessionDiamonds:
    """A session's Diamonds: the LIVE summary's figure wins over the gift lines.

    ``difference`` is reported minus gift lines when both exist (positive: the
    summary shows more than was itemised), else None.
    """

    reported: int | None
    from_gifts: int | None
    credited: int
    difference: int | None


def session_diamonds(
    reported: int | None, gift_lines: Sequence[GiftLine], rate: RatePeriod
) -> SessionDiamonds:
    coins = sum(line.coins for line in gift_lines)
    from_gifts = diamonds_from_coins(coins, rate) if gift_lines else None
    credited = reported if reported is not None else (from_gifts or 0)
    difference = reported - from_gifts if reported is not None and from_gifts is not None else None
    return SessionDiamonds(reported, from_gifts, credited, difference)
