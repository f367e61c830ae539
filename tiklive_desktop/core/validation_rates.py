"""Validation of the money settings: rate periods, region cash-out rules, exchange rates.

Split from :mod:`tiklive_desktop.core.validation` (which re-exports these) to
keep each module small. Limits, and why:

- a share (TikTok's commission, an agency's share) is 0% to 100%;
- a coin and a Diamond are worth ``MIN_UNIT_USD`` to ``MAX_UNIT_USD`` each
  ($0.0001 to $1; today $0.01 and $0.005). Diamonds are coins x coin value x
  (1 - commission) / Diamond value, so a typo such as a Diamond value of
  0.0000000005 would turn one LIVE into more Diamonds than SQLite's 64-bit
  INTEGER holds; within the bounds a coin gives at most 10,000 Diamonds;
- a minimum withdrawal is not negative and not above the daily maximum;
- an exchange rate is more than 0 and at most ``MAX_AMOUNT`` units per dollar.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from tiklive_desktop.core.entities import ExchangeRate, RatePeriod, RegionRule
from tiklive_desktop.core.fields import (
    MAX_AMOUNT,
    MAX_ID,
    RATE_PLACES,
    ZERO,
    Form,
    Report,
    currency_field,
    date_field,
    decimal_field,
    must,
    optional_int,
    record_id,
    text_field,
)

MIN_UNIT_USD = Decimal("0.0001")
MAX_UNIT_USD = Decimal(1)
NAME_MAX = 200
"""Names of anything (regions, gifts, display names, payout methods), here and in validation."""


def parse_rate_period(raw: Mapping[str, object]) -> Report[RatePeriod]:
    """Rates from a date on; shares are fractions 0..1 typed as "0.5" or "50%".

    Only the agency share may be left blank (0): a blank commission or value is
    more likely a slip than a wish to use a default silently.
    """
    form = Form(raw)
    effective = date_field(form, "effective", "The start date")

    def usd(key: str, label: str, example: str) -> Decimal:
        value = decimal_field(
            form, key, label, places=RATE_PLACES, hi=MAX_UNIT_USD, example=example
        )
        if ZERO < value < MIN_UNIT_USD:
            form.add(
                key, f"{label} is too small: at least {MIN_UNIT_USD} US dollars, like {example}."
            )
        return value

    def share(key: str, label: str, default: Decimal | None) -> Decimal:
        return decimal_field(
            form, key, label, share=True, positive=False, places=RATE_PLACES, default=default
        )

    coin_value = usd("coin_value_usd", "The coin value", "0.01")
    commission = share("commission", "TikTok's commission", None)
    diamond_value = usd("diamond_value_usd", "The Diamond value", "0.005")
    agency = share("agency_share", "The agency share", ZERO)
    account_id = optional_int(form, "account_id", "The account", lo=1, hi=MAX_ID)
    period_id = record_id(form)
    return form.report(
        lambda: RatePeriod(
            must(effective), coin_value, commission, diamond_value, agency, account_id, period_id
        )
    )


def parse_region_rule(raw: Mapping[str, object]) -> Report[RegionRule]:
    form = Form(raw)
    region_raw = form.value("region")
    region = region_raw.strip().upper() if isinstance(region_raw, str) else ""
    if not re.fullmatch(r"[A-Z][A-Z0-9_-]{0,9}", region):
        form.add("region", "The region code must be a short code of letters, like US.")
    name = text_field(form, "name", "The region name", max_len=NAME_MAX, required=True)
    minimum = decimal_field(form, "minimum_usd", "The minimum", positive=False, example="100")
    daily_max = decimal_field(form, "daily_max_usd", "The daily maximum", example="1000")
    if ZERO < daily_max < minimum:
        form.add("minimum_usd", "The minimum cannot be more than the daily maximum.")
    as_of = date_field(form, "as_of", "The as-of date")
    note = text_field(
        form, "note", "The note", max_len=NAME_MAX, default="check your TikTok wallet"
    )
    return form.report(lambda: RegionRule(region, name, minimum, daily_max, must(as_of), note))


def parse_exchange_rate(raw: Mapping[str, object]) -> Report[ExchangeRate]:
    form = Form(raw)
    currency = currency_field(form, default=None)
    effective = date_field(form, "effective", "The start date")
    per_usd = decimal_field(
        form, "per_usd", "Units per US dollar", places=RATE_PLACES, hi=MAX_AMOUNT, example="0.92"
    )
    rate_id = record_id(form)
    return form.report(lambda: ExchangeRate(currency, must(effective), per_usd, rate_id))


__all__ = [
    "MAX_UNIT_USD",
    "MIN_UNIT_USD",
    "parse_exchange_rate",
    "parse_rate_period",
    "parse_region_rule",
]
