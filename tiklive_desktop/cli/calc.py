"""``tiklive calc Rose=100 Lion=1``: what gifts are worth, link by link, and for cash-out."""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_CEILING, ROUND_DOWN, Decimal
from typing import TextIO

from tiklive_desktop.cli.args import GiftSpec, parse_gift_spec
from tiklive_desktop.cli.common import EXIT_OK, UsageError, open_existing
from tiklive_desktop.cli.text import exact_money_text, money_text, percent_text, table
from tiklive_desktop.core.cashout import minimum_diamonds
from tiklive_desktop.core.entities import RatePeriod, RegionRule
from tiklive_desktop.core.money import breakdown, diamonds_value_usd, rate_on, round_money
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.repository import Repository


def resolve_gifts(specs: Sequence[GiftSpec], catalog: dict[str, int]) -> list[tuple[str, int, int]]:
    """(catalog name, count, coins each) per gift, case-insensitive; repeats are added up."""
    by_key = {name.casefold(): name for name in catalog}
    counts: dict[str, int] = {}
    for spec in specs:
        name = by_key.get(spec.name.casefold())
        if name is None:
            close = difflib.get_close_matches(spec.name.casefold(), list(by_key), n=3, cutoff=0.6)
            close += [k for k in by_key if spec.name.casefold() in k and k not in close]
            hint = f" (did you mean {', '.join(by_key[k] for k in close[:3])}?)" if close else ""
            raise UsageError(f"{spec.text}: no gift called '{spec.name}' in the catalog{hint}")
        counts[name] = counts.get(name, 0) + spec.count
    return [(name, count, catalog[name]) for name, count in counts.items()]


def calc_report(
    lines: Sequence[tuple[str, int, int]], rate: RatePeriod, rule: RegionRule, source: str
) -> list[str]:
    """The calc output: a row per gift, the total (Diamonds rounded once, on the total
    coins; money rounded once, at the edge), and what the total means for cash-out."""
    agency = rate.agency_share > 0
    headers = ["Gift", "Count", "Coins each", "Coins", "Diamonds", "Gift value", "Creator share"]
    headers += ["Agency", "Net"] if agency else ["Net"]

    def row(label: str, count: int, each: str, coins: int) -> list[str]:
        b = breakdown(coins, rate)
        cells = [label, f"{count:,}", each, f"{coins:,}", f"{b.diamonds:,}"]
        cells += [money_text(b.gift_value_usd), money_text(b.creator_share_usd)]
        return [*cells, *([money_text(b.agency_usd)] if agency else []), money_text(b.net_usd)]

    rows = [row(name, count, f"{each:,}", count * each) for name, count, each in lines]
    coins = sum(count * each for _, count, each in lines)
    rows.append(row("Total", sum(count for _, count, _ in lines), "", coins))
    total = breakdown(coins, rate)
    result = table(headers, rows)
    net = f"Net to you: {money_text(total.net_usd)}"
    if round_money(total.net_usd) != total.net_usd:
        net += f" (exactly {exact_money_text(total.net_usd)} before rounding)"
    result += ["", net, *cashout_lines(total.diamonds, rate, rule)]
    result.append(
        f"Rates ({source}): 1 coin = {exact_money_text(rate.coin_value_usd)} of gifts,"
        f" TikTok keeps {percent_text(rate.commission)},"
        f" 1 Diamond = {exact_money_text(rate.diamond_value_usd)},"
        f" agency share {percent_text(rate.agency_share)}."
    )
    return result


def cashout_lines(diamonds: int, rate: RatePeriod, rule: RegionRule) -> list[str]:
    """What ``diamonds`` in the wallet mean against the region's minimum and daily maximum.

    Compared in whole Diamonds (``minimum_diamonds``), never in rounded money;
    the share shown is rounded down, so it never claims 100% before it is.
    """
    value = diamonds_value_usd(diamonds, rate)
    needed = minimum_diamonds(rule, rate)
    minimum = money_text(rule.minimum_usd)
    head = f"Cash-out in {rule.name}: "
    if diamonds >= needed:
        text = f"enough to cash out ({money_text(value)}; the minimum is {minimum})"
        if rule.daily_max_usd > 0 and value > rule.daily_max_usd:
            days = int((value / rule.daily_max_usd).to_integral_value(rounding=ROUND_CEILING))
            most = money_text(rule.daily_max_usd)
            text += f"; at most {most} a day, so {days:,} days to withdraw it all"
    else:
        share = (value / rule.minimum_usd).quantize(Decimal("0.001"), rounding=ROUND_DOWN)
        part = "less than 0.1%" if share == 0 and diamonds > 0 else percent_text(share)
        text = f"{part} of the {minimum} minimum; {needed - diamonds:,} more Diamonds needed"
    note = f" ({rule.note})" if rule.note else ""
    return [f"{head}{text}.", f"Minimum as of {rule.as_of.isoformat()}{note}."]


def run(args: argparse.Namespace, out: TextIO) -> int:
    specs = [parse_gift_spec(text) for text in args.gifts]
    region = args.region.strip()
    repo = open_existing(args.db) if args.db is not None else Repository(open_database(None))
    today = date.today()
    try:
        lines = resolve_gifts(specs, repo.catalog_on(today, include_retired=True))
        rule = repo.get_region_rule(region)
        if rule is None:
            known = ", ".join(sorted(r.region for r in repo.list_region_rules()))
            raise UsageError(f"--region {region}: unknown region (known: {known})")
        rate = rate_on(repo.list_rate_periods(), today)
    finally:
        repo.db.close()
    source = f"from {args.db}" if args.db is not None else "shipped defaults"
    print("\n".join(calc_report(lines, rate, rule, source)), file=out)
    return EXIT_OK
