"""Properties over random data: the caches agree with core.money, pages and totals agree."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiklive_desktop.core.entities import Account, GiftLine, RatePeriod, Session
from tiklive_desktop.core.money import rate_on, session_diamonds
from tiklive_desktop.storage.codec import cents, decimal_text, from_cents, tags_text, text_tags
from tiklive_desktop.storage.database import open_database
from tiklive_desktop.storage.queries import SORT_KEYS, SessionQuery
from tiklive_desktop.storage.repository import Repository

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

lines = st.lists(
    st.builds(
        GiftLine,
        gift=st.sampled_from(["Rose", "Lion", "Galaxy", "Homemade"]),
        count=st.integers(0, 500),
        coins_each=st.integers(0, 30000),
    ),
    max_size=3,
).map(tuple)
sessions = st.builds(
    Session,
    account_id=st.integers(1, 2),
    start=st.datetimes(datetime(2025, 1, 1), datetime(2027, 1, 1)).map(
        lambda moment: moment.replace(microsecond=0)
    ),
    duration=st.integers(0, 6 * 3600).map(lambda s: timedelta(seconds=s)),
    reported_diamonds=st.none() | st.integers(0, 100_000),
    likes=st.integers(0, 10_000),
    total_viewers=st.integers(0, 1_000),
    gifters=st.integers(0, 100),
    title=st.sampled_from(["", "dance", "Q&A", "cooking"]),
    gift_lines=lines,
)
periods = st.lists(
    st.builds(
        RatePeriod,
        effective=st.dates(date(2024, 6, 1), date(2027, 6, 1)),
        commission=st.sampled_from([Decimal("0.5"), Decimal("0.47"), Decimal("0.3")]),
        agency_share=st.sampled_from([Decimal(0), Decimal("0.2"), Decimal("0.125")]),
        account_id=st.sampled_from([None, 1, 2]),
    ),
    max_size=4,
    unique_by=lambda p: (p.account_id, p.effective),
)


def new_repo() -> Repository:
    repo = Repository(open_database(None))
    repo.add_account(Account("alice"))
    repo.add_account(Account("bob"))
    return repo


@FAST
@given(st.lists(sessions, max_size=12), periods)
def test_cached_diamonds_follow_the_money_engine(
    batch: list[Session], extra: list[RatePeriod]
) -> None:
    repo = new_repo()
    repo.add_sessions(batch[: len(batch) // 2])
    for period in extra:  # periods added after some sessions: those are recomputed
        repo.add_rate_period(period)
    for session in batch[len(batch) // 2 :]:
        repo.add_session(session)
    stored_periods = repo.list_rate_periods()
    rows = repo.conn.execute("SELECT id, diamonds, rate_period_id FROM sessions ORDER BY id")
    for (session_id, diamonds, rate_id), session in zip(rows, batch, strict=True):
        rate = rate_on(stored_periods, session.day, session.account_id)
        expected = session_diamonds(session.reported_diamonds, session.gift_lines, rate)
        assert (session_id, diamonds, rate_id) == (session_id, expected.credited, rate.id)


@FAST
@given(
    st.lists(sessions, max_size=15),
    st.sampled_from(sorted(SORT_KEYS)),
    st.booleans(),
    st.integers(1, 4),
    st.none() | st.sampled_from(["a", "Q&A", "DANCE"]),
)
def test_pages_and_totals_agree_with_the_whole(
    batch: list[Session], sort: str, descending: bool, page: int, text: str | None
) -> None:
    repo = new_repo()
    repo.add_sessions(batch)
    q = SessionQuery(text=text, sort=sort, descending=descending)
    everything = repo.query_sessions(q, 1000)
    pages = [repo.query_sessions(q, page, offset) for offset in range(0, len(everything), page)]
    assert [row for chunk in pages for row in chunk] == everything
    assert len({row.id for row in everything}) == len(everything) == repo.count_sessions(q)
    totals = repo.session_totals(q)
    assert totals.count == len(everything)
    assert totals.diamonds == sum(row.diamonds for row in everything)
    assert totals.net_usd == sum((row.net_usd for row in everything), Decimal(0))
    by_month = repo.totals_by_period("month")
    assert sum(p.diamonds for p in by_month) == repo.session_totals(SessionQuery()).diamonds


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2, max_value=10**9, min_value=0))
def test_cents_round_trip(amount: Decimal) -> None:
    assert from_cents(cents(amount)) == amount


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**6), max_value=10**6))
def test_decimal_text_round_trips_without_exponents(value: Decimal) -> None:
    text = decimal_text(value)
    assert "E" not in text.upper()
    assert Decimal(text) == value


@given(st.lists(st.text(max_size=10), max_size=4).map(tuple))
def test_tags_round_trip(tags: tuple[str, ...]) -> None:
    assert text_tags(tags_text(tags)) == tags
