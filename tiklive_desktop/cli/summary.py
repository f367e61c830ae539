"""``tiklive summary``: a period's totals and each wallet's cash-out status today."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import TextIO

from tiklive_desktop.cli.args import Period, month_of, parse_day, parse_period
from tiklive_desktop.cli.common import EXIT_OK, UsageError, open_existing
from tiklive_desktop.cli.text import money_text, percent_text, table
from tiklive_desktop.core.cashout import cashout_status
from tiklive_desktop.core.entities import DEFAULT_RATE, Account, RatePeriod, WithdrawalStatus
from tiklive_desktop.core.metrics import engagement_metrics, round_metric
from tiklive_desktop.core.money import diamonds_value_usd, rate_on
from tiklive_desktop.storage.location import default_database_path
from tiklive_desktop.storage.queries import SessionQuery, rates_by_id, where_clause
from tiklive_desktop.storage.repository import Repository


def find_account(accounts: Sequence[Account], handle: str) -> Account:
    """The account called ``handle`` (the @ optional, case-insensitive)."""
    wanted = handle.strip().lstrip("@").casefold()
    for account in accounts:
        if account.handle.lstrip("@").casefold() == wanted:
            return account
    known = ", ".join(f"@{a.handle}" for a in accounts) or "none yet"
    raise UsageError(f"--account {handle}: no such account (accounts: {known})")


@dataclass(frozen=True, slots=True)
class MoneySplit:
    """Where the value of some Diamonds goes (exact): gifts -> creator share -> agency, net."""

    gift_value: Decimal
    creator_share: Decimal
    agency: Decimal
    net: Decimal


def money_split(repo: Repository, query: SessionQuery) -> MoneySplit:
    """Diamonds summed per rate period in SQL, each sum valued at its own rate.

    The gift value is what the Diamonds imply before TikTok's commission, so
    sessions recorded from a LIVE summary (no gift list) count too.
    """
    where, params = where_clause(query)
    rows = repo.conn.execute(
        f"SELECT s.rate_period_id, sum(s.diamonds) FROM sessions s {where}"
        " GROUP BY s.rate_period_id",
        params,
    ).fetchall()
    rates = rates_by_id(repo.conn)
    gift = share = agency = Decimal(0)
    for rate_id, diamonds in rows:
        rate = rates.get(rate_id, DEFAULT_RATE)
        value = diamonds_value_usd(diamonds, rate)
        share += value
        agency += value * rate.agency_share
        if rate.commission < 1:
            gift += value / (1 - rate.commission)
    return MoneySplit(gift, share, agency, share - agency)


def _metric(value: Decimal | None) -> str:
    rounded = round_metric(value)
    return "-" if rounded is None else f"{rounded:,f}"


def summary_report(
    repo: Repository, period: Period, account: Account | None, today: date
) -> list[str]:
    account_id = account.id if account else None
    query = SessionQuery(account_id=account_id, start=period.first, end=period.last)
    totals = repo.session_totals(query)
    split = money_split(repo, query)
    metrics = engagement_metrics(
        totals.diamonds, totals.seconds, totals.likes, totals.viewers, totals.new_followers
    )
    hours = (Decimal(totals.seconds) / 3600).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    who = f"@{account.handle}" if account else "all accounts"
    span = "" if period.label == "all time" else f" ({period.first} to {period.last})"
    rows = [
        ["Sessions", f"{totals.count:,}"],
        ["Hours live", f"{hours:,f}"],
        ["Diamonds", f"{totals.diamonds:,}"],
        ["Gift value", money_text(split.gift_value)],
        ["Creator share", money_text(split.creator_share)],
        ["Agency share", money_text(split.agency)],
        ["Net", money_text(split.net)],
        ["Likes", f"{totals.likes:,}"],
        ["Viewers", f"{totals.viewers:,}"],
        ["New followers", f"{totals.new_followers:,}"],
        ["Diamonds per hour", _metric(metrics.diamonds_per_hour)],
        ["Diamonds per 1,000 likes", _metric(metrics.diamonds_per_1000_likes)],
        ["Diamonds per viewer", _metric(metrics.diamonds_per_viewer)],
        ["Diamonds per new follower", _metric(metrics.diamonds_per_new_follower)],
    ]
    lines = [f"{period.label}{span}, {who}", "", *table(["LIVE totals", ""], rows)]
    income = repo.income_by_kind(account_id, period.first, period.last)
    lines += ["", "Other income" + ("" if income else ": none")]
    if income:
        rows = [[f"  {kind.value}", money_text(amount)] for kind, amount in income.items()]
        rows.append(["  Total", money_text(sum(income.values(), Decimal(0)))])
        lines += table(["", ""], rows)[1:]
    taken = [w for w in repo.list_withdrawals(account_id) if period.first <= w.date <= period.last]
    amount = sum((w.amount for w in taken), Decimal(0))
    fees = sum((w.fee for w in taken), Decimal(0))
    pending = sum(1 for w in taken if w.status == WithdrawalStatus.PENDING)
    lines += [
        "",
        f"Withdrawals: {len(taken):,} totalling {money_text(amount)}"
        f" (fees {money_text(fees)}; {pending:,} pending)"
        if taken
        else "Withdrawals: none",
        "",
        f"Cash-out today ({today.isoformat()}):",
    ]
    accounts = [account] if account else repo.list_accounts()
    periods = repo.list_rate_periods()
    for each in accounts:
        lines.append(f"  @{each.handle}: {wallet_sentence(repo, each, periods, today)}")
    if not accounts:
        lines.append("  no accounts yet")
    return lines


def wallet_sentence(
    repo: Repository, account: Account, periods: Sequence[RatePeriod], today: date
) -> str:
    rule = repo.get_region_rule(account.region)
    if rule is None:
        return f"no cash-out rule for region {account.region} (add one in the app)"
    rate = rate_on(periods, today, account.id)
    status = cashout_status(
        repo.cashout_inputs(account.id, today), rate, rule, today, account.monthly_goal_diamonds
    )
    text = f"{status.balance_diamonds:,} Diamonds = {money_text(status.balance_usd)}; "
    if status.eligible:
        text += f"can cash out up to {money_text(status.max_today_usd)} today"
    else:
        share = status.balance_usd / status.minimum_usd if status.minimum_usd else Decimal(0)
        share = share.quantize(Decimal("0.001"), rounding=ROUND_DOWN)
        text += (
            f"{percent_text(share)} of the {money_text(status.minimum_usd)} minimum,"
            f" {status.diamonds_needed:,} Diamonds to go"
        )
        if status.date_minimum_reached is not None:
            text += f" (about {status.date_minimum_reached.isoformat()} at the recent pace)"
    if status.goal_progress is not None and status.goal:
        text += f"; monthly goal {percent_text(status.goal_progress)} of {status.goal:,}"
    return text


def run(args: argparse.Namespace, out: TextIO) -> int:
    today = parse_day(args.today, "--today") if args.today else date.today()
    period = parse_period(args.period) if args.period else month_of(today)
    path = args.db if args.db is not None else default_database_path()
    repo = open_existing(path)
    try:
        account = find_account(repo.list_accounts(), args.account) if args.account else None
        lines = summary_report(repo, period, account, today)
    finally:
        repo.db.close()
    print("\n".join(lines), file=out)
    return EXIT_OK
