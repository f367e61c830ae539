"""The cash-out card as pure display: hand-built statuses in, the sentences a creator reads out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiklive_desktop.core.cashout import CashoutStatus
from tiklive_desktop.core.entities import ExchangeRate
from tiklive_desktop.gui.widgets.cashout_card import CashoutCard, progress_percent

# 12,400 Diamonds = $62.00 of a $100.00 minimum (20,000 Diamonds): 7,600 to go;
# at 400 a day that is 19 days, so on 2026-12-15.
BELOW = CashoutStatus(
    balance_diamonds=12_400,
    balance_usd=Decimal("62.000"),
    balance_net_usd=Decimal("62.000"),
    minimum_usd=Decimal(100),
    daily_max_usd=Decimal(1000),
    eligible=False,
    max_today_usd=Decimal(0),
    diamonds_needed=7_600,
    pace_per_day=Decimal(400),
    days_to_minimum=19,
    date_minimum_reached=date(2026, 12, 15),
    goal=None,
    goal_progress=None,
)


@pytest.fixture
def card(qtbot, ctx) -> CashoutCard:
    widget = CashoutCard(ctx)
    qtbot.addWidget(widget)
    return widget


def test_below_the_minimum(card: CashoutCard) -> None:
    card.show_status(BELOW)
    assert card.balance.text() == "12,400 Diamonds"
    assert card.balance_money.text() == "Worth $62.00"
    assert card.progress.text() == "62% of $100.00"
    assert card.message.text() == (
        "7,600 Diamonds to go — about 19 days at your current pace (12/15/26)"
    )
    assert card.rules.text() == (
        "Minimum $100.00, at most $1,000.00 a day (check your TikTok wallet)"
    )
    assert card.warning.isHidden()


def test_one_day_to_go_and_a_date_beyond_the_calendar(card: CashoutCard) -> None:
    card.show_status(replace(BELOW, days_to_minimum=1, date_minimum_reached=date(2026, 11, 27)))
    assert (
        card.message.text() == "7,600 Diamonds to go — about 1 day at your current pace (11/27/26)"
    )
    card.show_status(replace(BELOW, days_to_minimum=10**9, date_minimum_reached=None))
    assert card.message.text() == (
        "7,600 Diamonds to go — about 1,000,000,000 days at your current pace"
    )


def test_daily_limit_already_used(card: CashoutCard) -> None:
    spent = replace(BELOW, eligible=True, diamonds_needed=0, max_today_usd=Decimal(0))
    card.show_status(spent)
    assert card.progress.text() == "100% of $100.00"
    assert card.message.text() == (
        "You have reached today's limit of $1,000.00; you can withdraw again tomorrow"
    )


def test_more_withdrawn_than_recorded_is_pointed_out(card: CashoutCard) -> None:
    card.show_status(
        replace(BELOW, balance_diamonds=-500, balance_usd=Decimal(0), diamonds_needed=20_500)
    )
    assert card.progress.text() == "0% of $100.00"
    assert not card.warning.isHidden()
    assert card.warning.text().startswith("Your withdrawals add up to 500 Diamonds more")


def test_balance_also_in_the_account_currency(card: CashoutCard) -> None:
    # $62.00 at 0.92 EUR per USD = 57.04 EUR; the minimum stays in USD.
    card.show_status(BELOW, "EUR", ExchangeRate("EUR", date(2026, 1, 1), Decimal("0.92")))
    assert card.balance_money.text() == "Worth $62.00 (about €57.04)"
    assert card.progress.text() == "62% of $100.00"


@given(balance=st.integers(-(10**6), 10**9), needed_total=st.integers(1, 10**9))
def test_progress_shows_100_only_once_the_minimum_is_reached(
    balance: int, needed_total: int
) -> None:
    eligible = balance >= needed_total
    status = replace(
        BELOW,
        balance_diamonds=balance,
        eligible=eligible,
        diamonds_needed=0 if eligible else needed_total - balance,
    )
    percent = progress_percent(status)
    assert 0 <= percent <= 100
    assert (percent == 100) == eligible
