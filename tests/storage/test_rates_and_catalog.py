"""Rate periods re-value cached sessions; gift prices change the catalog, never history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from storage_sample import Sample, make_session

from tiklive_desktop.core.entities import Gift, GiftLine, RatePeriod
from tiklive_desktop.storage.errors import InUseError, NotFoundError
from tiklive_desktop.storage.queries import SessionQuery
from tiklive_desktop.storage.rates import RateIndex, load_rate_periods


def cached(sample: Sample, session_id: int) -> tuple[int, int | None]:
    """(diamonds, rate_period_id) as cached on the session row."""
    return sample.repo.conn.execute(
        "SELECT diamonds, rate_period_id FROM sessions WHERE id = ?", (session_id,)
    ).fetchone()


def test_sessions_cache_the_period_in_force(sample: Sample) -> None:
    assert cached(sample, 1) == (30099, sample.default_rate)  # before alice's period
    assert cached(sample, 3) == (6000, sample.alice_rate)  # 10-20, after 10-15
    assert cached(sample, 5) == (800, sample.default_rate)  # bob never has alice's


def test_adding_editing_and_deleting_a_period_recomputes_sessions(sample: Sample) -> None:
    repo = sample.repo
    # 1,000 Roses on 10-25 (alice's period) and 17 Roses on 10-01 (default).
    late = repo.add_session(
        make_session(
            sample.alice, "2026-10-25T20:00:00", 60, gift_lines=(GiftLine("Rose", 1000, 1),)
        )
    )
    early = repo.add_session(
        make_session(sample.alice, "2026-10-01T20:00:00", 60, gift_lines=(GiftLine("Rose", 17, 1),))
    )
    assert cached(sample, late.id or 0) == (1000, sample.alice_rate)
    events: list[str] = []
    repo.subscribe(events.append)

    # "Scaled LIVE rewards": commission 47% -> 1000 x 0.01 x 0.53 / 0.005 = 1060 Diamonds.
    period = repo.get_rate_period(sample.alice_rate)
    assert period is not None
    repo.update_rate_period(
        RatePeriod(
            period.effective, commission=Decimal("0.47"), account_id=sample.alice, id=period.id
        )
    )
    assert cached(sample, late.id or 0) == (1060, sample.alice_rate)
    assert cached(sample, 3) == (6000, sample.alice_rate)  # reported Diamonds stay the truth
    assert cached(sample, early.id or 0) == (17, sample.default_rate)  # before the period
    assert events == ["rate_periods", "sessions"]

    # Moving the period back to 10-01 catches the 17 Roses: 17 x 1.06 = 18.02 -> 18 Diamonds.
    repo.update_rate_period(
        RatePeriod(
            date(2026, 10, 1), commission=Decimal("0.47"), account_id=sample.alice, id=period.id
        )
    )
    assert cached(sample, early.id or 0) == (18, sample.alice_rate)

    # A new default from 2026-10-20 (TikTok changed rates for everyone) replaces alice's
    # older own period from that day on (core.money.rate_on: the latest started wins).
    # 10-25: 1000 x 0.01 x 0.6 / 0.005 = 1200. Reported Diamonds only change period.
    new_default = repo.add_rate_period(RatePeriod(date(2026, 10, 20), commission=Decimal("0.4")))
    assert cached(sample, late.id or 0) == (1200, new_default.id)
    assert cached(sample, 3) == (6000, new_default.id)
    assert cached(sample, 5) == (800, new_default.id)
    assert cached(sample, early.id or 0) == (18, sample.alice_rate)

    # Deleting alice's period: her sessions fall back to the defaults in force.
    repo.delete_rate_period(sample.alice_rate)
    assert cached(sample, early.id or 0) == (17, sample.default_rate)
    assert cached(sample, late.id or 0) == (1200, new_default.id)
    assert cached(sample, 1) == (30099, sample.default_rate)
    with pytest.raises(NotFoundError):
        repo.delete_rate_period(sample.alice_rate)


def test_a_session_before_every_period_takes_the_first(sample: Sample) -> None:
    """money.rate_on: history older than the first rate is valued at the first rate."""
    repo = sample.repo
    old = repo.add_session(
        make_session(sample.alice, "2010-05-01T20:00:00", 60, gift_lines=(GiftLine("Rose", 9, 1),))
    )
    assert cached(sample, old.id or 0) == (9, sample.default_rate)


def test_net_money_follows_an_edited_agency_share(sample: Sample) -> None:
    repo = sample.repo
    period = repo.get_rate_period(sample.alice_rate)
    assert period is not None
    repo.update_rate_period(
        RatePeriod(
            period.effective, agency_share=Decimal("0.5"), account_id=sample.alice, id=period.id
        )
    )
    (row,) = [r for r in repo.query_sessions(SessionQuery(), 10) if r.id == 3]
    assert row.net_usd == Decimal("15.000")  # 6000 x 0.005 x 0.5


def test_invalid_rates_are_refused(sample: Sample) -> None:
    with pytest.raises(ValueError, match="positive"):
        sample.repo.add_rate_period(RatePeriod(date(2027, 1, 1), diamond_value_usd=Decimal(0)))
    with pytest.raises(ValueError, match="between 0 and 1"):
        sample.repo.add_rate_period(RatePeriod(date(2027, 1, 1), commission=Decimal("1.5")))
    assert len(sample.repo.list_rate_periods()) == 2


def test_rate_index_matches_core_rule_for_every_day(sample: Sample) -> None:
    from datetime import timedelta

    from tiklive_desktop.core.money import rate_on

    repo = sample.repo
    repo.add_rate_period(RatePeriod(date(2026, 10, 20), commission=Decimal("0.4")))
    repo.add_rate_period(RatePeriod(date(2026, 10, 10), agency_share=Decimal("0.1"), account_id=2))
    periods = load_rate_periods(repo.conn)
    index = RateIndex(periods)
    day = date(2015, 12, 25)
    while day < date(2026, 11, 10):
        for account in (1, 2, 3):
            assert index.rate_for(account, day) == rate_on(periods, day, account), (account, day)
        day += timedelta(days=1 if day.year == 2026 else 30)


# -- gifts -----------------------------------------------------------------------------


def test_reprice_keeps_old_sessions_prices(sample: Sample) -> None:
    repo = sample.repo
    rose = repo.find_gift("rose")
    assert rose is not None and rose.id is not None
    repriced = repo.reprice_gift(rose.id, date(2026, 11, 1), 2)
    assert repriced.coins == 2
    assert repo.gift_price_on(rose.id, date(2010, 1, 1)) == 1  # before the first price
    assert repo.gift_price_on(rose.id, date(2026, 10, 31)) == 1
    assert repo.gift_price_on(rose.id, date(2026, 11, 1)) == 2
    assert repo.catalog_on(date(2026, 10, 31))["Rose"] == 1
    assert repo.catalog_on(date(2026, 11, 1))["Rose"] == 2
    session = repo.get_session(1)
    assert session is not None
    assert session.gift_lines[0].coins_each == 1
    assert cached(sample, 1) == (30099, sample.default_rate)
    # A price on the same day replaces it rather than adding a second one.
    repo.reprice_gift(rose.id, date(2026, 11, 1), 3)
    assert [(p.effective, p.coins) for p in repo.gift_prices(rose.id)] == [
        (date(2016, 9, 1), 1),
        (date(2026, 11, 1), 3),
    ]
    # A mistaken price can go; the last one cannot.
    repo.delete_gift_price(repo.gift_prices(rose.id)[1].id or 0)
    assert repo.get_gift(rose.id) == rose
    with pytest.raises(InUseError):
        repo.delete_gift_price(repo.gift_prices(rose.id)[0].id or 0)


def test_catalog_on_a_day_is_in_price_order_and_skips_retired_gifts(sample: Sample) -> None:
    repo = sample.repo
    catalog = repo.catalog_on(date(2026, 10, 1))
    assert len(catalog) == 54
    assert list(catalog)[:5] == ["GG", "Heart Me", "Ice Cream Cone", "Rose", "TikTok"]
    assert list(catalog.items())[-1] == ("TikTok Universe", 44999)
    lion = repo.find_gift("Lion")
    assert lion is not None and lion.id is not None
    assert repo.retire_gift(lion.id).retired
    assert "Lion" not in repo.catalog_on(date(2026, 10, 1))
    assert "Lion" in repo.catalog_on(date(2026, 10, 1), include_retired=True)
    assert len(repo.list_gifts(include_retired=False)) == 53
    assert not repo.unretire_gift(lion.id).retired


def test_renaming_a_gift_renames_its_recorded_lines(sample: Sample) -> None:
    repo = sample.repo
    rose = repo.find_gift("Rose")
    assert rose is not None and rose.id is not None
    events: list[str] = []
    repo.subscribe(events.append)
    assert repo.rename_gift(rose.id, "Red Rose").name == "Red Rose"
    assert repo.totals_by_gift(sample.bob)[0].gift == "Red Rose"
    assert events == ["gift_lines", "gifts"]
    updated = repo.update_gift(Gift("Rosie", 1, streakable=False, tiktok_id=5655, id=rose.id))
    assert (updated.name, updated.streakable) == ("Rosie", False)
    bobs = repo.get_session(4)
    assert bobs is not None
    assert [line.gift for line in bobs.gift_lines] == ["Rosie"]


def test_adding_and_deleting_a_gift(sample: Sample) -> None:
    repo = sample.repo
    gift = repo.add_gift(Gift("Star Throne", 7999, tiktok_id=8888), effective=date(2026, 11, 1))
    assert gift == Gift("Star Throne", 7999, tiktok_id=8888, id=gift.id)
    assert gift.id is not None
    assert repo.gift_price_on(gift.id, date(2026, 1, 1)) == 7999
    session = repo.add_session(
        make_session(
            sample.bob, "2026-11-03T20:00:00", 60, gift_lines=(GiftLine("star throne", 1, 7999),)
        )
    )
    assert session.gift_lines[0].gift_id == gift.id
    repo.delete_gift(gift.id)
    # The recorded line keeps its name and price, unlinked from the catalog.
    kept = repo.get_session(session.id or 0)
    assert kept is not None
    assert (kept.gift_lines[0].gift, kept.gift_lines[0].gift_id) == ("Star Throne", None)
    assert repo.gift_prices(gift.id) == []
    with pytest.raises(NotFoundError):
        repo.delete_gift(gift.id)


def test_gift_names_are_unique_regardless_of_case(sample: Sample) -> None:
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError):
        sample.repo.add_gift(Gift("LION", 1))
