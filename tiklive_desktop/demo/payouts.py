"""Money that leaves the wallet (withdrawals) and money from outside LIVE (other income).

Withdrawals follow the wallet: a creator cashes out once the balance has
passed both the $100 minimum and their own habit, at most $1,000 a day, and
only from Diamonds credited on earlier days, so a withdrawal never exceeds
the balance at its date. Those in the last 15 days (TikTok's processing time)
are still pending. Other income covers every kind a creator tracks, sized to
the creator and growing with them.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from tiklive_desktop.core.entities import (
    DEFAULT_RATE,
    IncomeKind,
    OtherIncome,
    Session,
    Withdrawal,
    WithdrawalStatus,
)
from tiklive_desktop.core.money import round_money
from tiklive_desktop.core.report import month_end
from tiklive_desktop.demo.profiles import CreatorProfile

MINIMUM_USD = Decimal(100)
DAILY_MAX_USD = Decimal(1000)
PROCESSING_DAYS = 15
PAYPAL_FEE = Decimal("0.02")
PAYPAL_FEE_CAP = Decimal(20)

_BRANDS = {
    "music": ("StringCo guitars", "EchoMic", "SoundWave headphones"),
    "cooking": ("Nonna's Olive Oil", "ChefKnife Pro", "FreshBox meal kits"),
    "gaming": ("HyperKeys keyboards", "FragFuel drinks", "NovaChair"),
}
_DEFAULT_BRANDS = ("GlowUp app", "ShopLocal", "FitFuel")
_MERCH = ("T-shirts", "mugs", "stickers", "hoodies", "signed prints")
_OTHER = ("TikTok Shop affiliate", "event appearance", "workshop ticket sales", "licensing")


def withdrawals(
    rng: random.Random,
    profile: CreatorProfile,
    account_id: int,
    sessions: Sequence[Session],
    end: date,
) -> list[Withdrawal]:
    """Cash-outs of one account, from the Diamonds its sessions credited."""
    if not sessions:
        return []
    value = DEFAULT_RATE.diamond_value_usd
    minimum = math.ceil(MINIMUM_USD / value)
    habit = max(minimum, math.ceil(profile.cashout_usd / value))
    daily_max = int(DAILY_MAX_USD / value)
    earned: defaultdict[date, int] = defaultdict(int)
    for session in sessions:
        earned[session.day] += session.reported_diamonds or 0
    result = []
    balance = 0
    day = min(earned)
    while day <= end:
        if balance >= habit and rng.random() < 0.35:
            diamonds = min(balance, daily_max)
            diamonds -= diamonds % 2  # whole cents
            amount = round_money(diamonds * value)  # exact: an even number of Diamonds
            paypal = profile.payout_method == "PayPal"
            fee = round_money(min(amount * PAYPAL_FEE, PAYPAL_FEE_CAP)) if paypal else Decimal(0)
            pending = (end - day).days < PROCESSING_DAYS
            result.append(
                Withdrawal(
                    account_id=account_id,
                    date=day,
                    diamonds=diamonds,
                    amount=amount,
                    method=profile.payout_method,
                    fee=fee,
                    status=WithdrawalStatus.PENDING if pending else WithdrawalStatus.PAID,
                    note="PayPal fee 2% (max $20)" if paypal else "",
                )
            )
            balance -= diamonds
        balance += earned.get(day, 0)  # credited after the day's cash-out decision
        day += timedelta(days=1)
    return result


def _cents(amount: float) -> Decimal:
    return Decimal(f"{max(1.0, amount):.2f}")


def other_income(
    rng: random.Random,
    profile: CreatorProfile,
    account_id: int,
    first: date,
    end: date,
) -> list[OtherIncome]:
    """Monthly-ish income from outside LIVE gifts, for the months the creator is active."""
    result = []
    months = (end.year - first.year) * 12 + end.month - first.month + 1
    fans = profile.category in {"music", "art", "talk", "comedy"}
    sells = profile.category in {"music", "cooking", "gaming"}
    brands = _BRANDS.get(profile.category, _DEFAULT_BRANDS)

    def add(kind: IncomeKind, year: int, month: int, amount: float, note: str) -> None:
        earliest = first if (year, month) == (first.year, first.month) else date(year, month, 1)
        latest = end if (year, month) == (end.year, end.month) else month_end(year, month)
        day = earliest + timedelta(days=rng.randint(0, (latest - earliest).days))
        result.append(OtherIncome(account_id, day, kind, _cents(amount), note=note))

    for index in range(months):
        year, month = (
            first.year + (first.month - 1 + index) // 12,
            (first.month - 1 + index) % 12 + 1,
        )
        progress = index / max(1, months - 1)
        usd_per_hour = profile.diamonds_per_hour * float(DEFAULT_RATE.diamond_value_usd)
        scale = usd_per_hour * profile.growth**progress
        if index >= 2 and rng.random() < 0.85:
            amount = scale * rng.lognormvariate(math.log(4), 0.5)
            add(IncomeKind.CREATOR_REWARDS, year, month, amount, "Creator Rewards Program")
        if progress > 0.25 and rng.random() < 0.9:
            amount = scale * rng.lognormvariate(math.log(6), 0.4)
            add(IncomeKind.SUBSCRIPTION, year, month, amount, "LIVE subscriptions")
        if rng.random() < (0.8 if fans else 0.1):
            amount = scale * rng.lognormvariate(math.log(5), 0.5)
            add(IncomeKind.DONATION, year, month, amount, rng.choice(("Patreon", "Ko-fi")))
        if sells and rng.random() < 0.3:
            amount = scale * rng.lognormvariate(math.log(15), 0.7)
            add(IncomeKind.MERCHANDISE, year, month, amount, f"Merch: {rng.choice(_MERCH)}")
        if rng.random() < 0.12:
            amount = max(100.0, round(scale * rng.lognormvariate(math.log(60), 0.5) / 50) * 50)
            add(IncomeKind.BRAND, year, month, amount, f"Sponsored LIVE: {rng.choice(brands)}")
        if rng.random() < 0.04:
            amount = rng.lognormvariate(math.log(80), 0.6)
            add(IncomeKind.OTHER, year, month, amount, rng.choice(_OTHER))
    return result


def missing_kinds(
    rng: random.Random, income: Sequence[OtherIncome], account_id: int, first: date, end: date
) -> list[OtherIncome]:
    """One entry of each income kind absent from ``income``, so the demo shows every kind."""
    present = {entry.kind for entry in income}
    span = max(0, (end - first).days)
    return [
        OtherIncome(
            account_id,
            first + timedelta(days=rng.randint(0, span)),
            kind,
            _cents(rng.uniform(20, 400)),
            note=f"{kind.value} (demo)",
        )
        for kind in IncomeKind
        if kind not in present
    ]
