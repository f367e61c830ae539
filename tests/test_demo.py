"""The demo generator: reproducible, sized as asked, plausible, and consistent with the rules."""

from __future__ import annotations

import itertools
import math
import random
import sqlite3
import statistics
from collections import Counter, defaultdict
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiklive_desktop.core.entities import IncomeKind, WithdrawalStatus
from tiklive_desktop.demo import DEMO_END, DemoData, generate, write_demo_database
from tiklive_desktop.demo.generator import apportion
from tiklive_desktop.demo.gifts import GiftDrawer, shipped_gifts
from tiklive_desktop.demo.profiles import DAYS_PER_MONTH, plan_size

CATALOG = {gift.name: gift.coins for gift in shipped_gifts()}
DIAMOND_USD = Decimal("0.005")


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return generate()


def check_invariants(data: DemoData) -> None:
    """Rules every demo must keep, whatever its size or seed."""
    for session in data.sessions:
        assert 1 <= session.account_id <= len(data.accounts)
        assert data.first_day <= session.day <= data.end
        assert timedelta(minutes=30) <= session.duration <= timedelta(hours=4, minutes=1)
        for line in session.gift_lines:
            assert CATALOG[line.gift] == line.coins_each  # KeyError: not in the catalog
            assert line.count >= 1
        assert session.reported_diamonds is not None
        assert session.reported_diamonds >= session.gift_coins  # summary >= itemised
        assert 0 < session.peak_viewers <= session.total_viewers
        assert session.gifters <= session.total_viewers
    by_account = defaultdict(list)
    for session in data.sessions:
        by_account[session.account_id].append(session)
    for sessions in by_account.values():  # one creator never runs two LIVEs at once
        for before, after in itertools.pairwise(sessions):
            assert before.end <= after.start
    check_withdrawals(data)
    for entry in data.other_income:
        assert data.first_day <= entry.date <= data.end
        assert entry.amount > 0


def check_withdrawals(data: DemoData) -> None:
    """Never more than the balance at the date (Diamonds of earlier days less earlier
    withdrawals), at least the $100 minimum, at most $1,000 a day, pending only if recent."""
    earned = defaultdict(list)
    for session in data.sessions:
        earned[session.account_id].append((session.day, session.reported_diamonds or 0))
    withdrawn_on = Counter()
    for w in data.withdrawals:
        balance = sum(d for day, d in earned[w.account_id] if day < w.date) - sum(
            x.diamonds for x in data.withdrawals if x.account_id == w.account_id and x.date < w.date
        )
        assert 0 < w.diamonds <= balance
        assert w.amount == w.diamonds * DIAMOND_USD >= 100
        withdrawn_on[w.account_id, w.date] += w.amount
        assert (w.status == WithdrawalStatus.PENDING) == ((data.end - w.date).days < 15)
        assert w.fee > 0 if w.method == "PayPal" else w.fee == 0
    assert all(amount <= 1000 for amount in withdrawn_on.values())


def test_same_seed_gives_identical_data() -> None:
    assert generate(seed=7, sessions=150) == generate(seed=7, sessions=150)


def test_a_different_seed_gives_different_data() -> None:
    one, two = generate(seed=1, sessions=150), generate(seed=2, sessions=150)
    assert one.sessions != two.sessions
    assert one.accounts == two.accounts  # the featured creators stay


def test_generation_does_not_touch_the_global_random() -> None:
    random.seed(123)
    expected = random.random()
    random.seed(123)
    generate(sessions=50)
    assert random.random() == expected


@pytest.mark.parametrize("sessions", [0, 1, 7, 600])
def test_the_number_of_sessions_is_exact(sessions: int) -> None:
    data = generate(sessions=sessions)
    assert len(data.sessions) == sessions
    check_invariants(data)


@given(
    seed=st.integers(0, 2**32),
    sessions=st.integers(0, 300),
    accounts=st.integers(1, 6),
    months=st.integers(1, 30),
)
@settings(max_examples=20, deadline=None)
def test_any_size_keeps_the_rules(seed: int, sessions: int, accounts: int, months: int) -> None:
    data = generate(seed=seed, sessions=sessions, accounts=accounts, months=months)
    assert len(data.sessions) == sessions
    assert len(data.accounts) >= accounts
    assert data.end == DEMO_END
    check_invariants(data)


def test_the_default_demo_keeps_the_rules(demo: DemoData) -> None:
    assert [a.handle for a in demo.accounts] == ["luna.sings", "chef.marco", "pixelpaws"]
    assert len(demo.sessions) == 600
    assert (demo.end - demo.first_day).days + 1 == round(18 * DAYS_PER_MONTH)
    check_invariants(demo)


def test_lives_are_mostly_in_the_evening_and_better_at_weekends(demo: DemoData) -> None:
    evening = sum(1 for s in demo.sessions if s.start.hour >= 16)
    assert evening / len(demo.sessions) > 0.75

    def mean_diamonds(weekdays: set[int]) -> float:
        return statistics.mean(
            s.reported_diamonds for s in demo.sessions if s.day.weekday() in weekdays
        )

    assert mean_diamonds({4, 5, 6}) > mean_diamonds({0, 1, 2, 3})


def test_creators_grow_over_the_months(demo: DemoData) -> None:
    luna = [s for s in demo.sessions if s.account_id == 1]

    def per_hour(sessions: list) -> float:
        return sum(s.reported_diamonds for s in sessions) / sum(float(s.hours) for s in sessions)

    assert per_hour(luna[-60:]) > 2 * per_hour(luna[:60])


def test_gifts_look_like_real_lives(demo: DemoData) -> None:
    sent = Counter()
    for session in demo.sessions:
        for line in session.gift_lines:
            sent[line.gift] += line.count
    assert sent.most_common(1)[0][0] == "Rose"
    big = sum(n for gift, n in sent.items() if CATALOG[gift] >= 10_000)
    assert 0 <= big < sum(sent.values()) / 1000  # rare
    equal = sum(1 for s in demo.sessions if s.gift_lines and s.reported_diamonds == s.gift_coins)
    more = sum(1 for s in demo.sessions if s.gift_lines and s.reported_diamonds > s.gift_coins)
    summary_only = sum(1 for s in demo.sessions if not s.gift_lines)
    assert equal / 600 > 0.7
    assert 0.05 < more / 600 < 0.3
    assert 0 < summary_only / 600 < 0.08


def test_about_ten_gift_lines_per_session() -> None:
    """So that 100,000 sessions give about 1,000,000 gift lines."""
    data = generate(seed=5, sessions=3000)
    assert 9.0 <= data.gift_line_count / 3000 <= 11.0


def test_engagement_moves_with_the_diamonds(demo: DemoData) -> None:
    diamonds = [math.log(s.reported_diamonds + 1) for s in demo.sessions]
    for figure in ("total_viewers", "likes", "gifters"):
        values = [math.log(getattr(s, figure) + 1) for s in demo.sessions]
        assert statistics.correlation(diamonds, values) > 0.5, figure


def test_money_of_every_kind(demo: DemoData) -> None:
    assert {entry.kind for entry in demo.other_income} == set(IncomeKind)
    assert any(w.status == WithdrawalStatus.PENDING for w in demo.withdrawals)
    assert any(w.status == WithdrawalStatus.PAID for w in demo.withdrawals)
    assert {w.method for w in demo.withdrawals} == {"PayPal", "Bank transfer"}


def test_big_requests_get_more_creators_and_years() -> None:
    accounts, months = plan_size(100_000, 3, 18)
    assert months == 48
    assert 24 <= accounts <= 80  # an agency with dozens of creators
    assert 100_000 / (accounts * months * DAYS_PER_MONTH) <= 1.0
    assert plan_size(600, 3, 18) == (3, 18)  # small requests are kept as asked


def test_a_crowded_request_is_spread_out() -> None:
    data = generate(seed=3, sessions=2000, accounts=1, months=1)
    assert len(data.sessions) == 2000
    assert len(data.accounts) > 1 and (data.end - data.first_day).days > 365
    per_day = Counter((s.account_id, s.day) for s in data.sessions)
    assert max(per_day.values()) <= 3
    check_invariants(data)


def test_a_big_night_brings_a_big_gift() -> None:
    drawer = GiftDrawer(shipped_gifts())
    lines = drawer.draw(random.Random(1), 100_000, 10, big_night=True)
    assert max(line.coins_each for line in lines) >= 10_000
    small = drawer.draw(random.Random(1), 50, 10)
    assert all(line.coins_each <= 35 for line in small)  # a small LIVE gets no Lion


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [(10, [1, 1, 1], [4, 3, 3]), (7, [3, 1], [5, 2]), (0, [1, 2], [0, 0]), (5, [0, 2], [0, 5])],
)
def test_apportion_by_hand(total: int, weights: list[float], expected: list[int]) -> None:
    assert apportion(total, weights) == expected


@given(st.integers(0, 10_000), st.lists(st.floats(0.1, 100), min_size=1, max_size=20))
def test_apportion_is_exact(total: int, weights: list[float]) -> None:
    counts = apportion(total, weights)
    assert sum(counts) == total
    assert all(c >= 0 for c in counts)


def test_a_written_demo_database_holds_the_data(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    summary = write_demo_database(path, seed=3, sessions=80)
    data = generate(seed=3, sessions=80)
    assert (summary.sessions, summary.gift_lines) == (80, data.gift_line_count)
    conn = sqlite3.connect(path)
    try:
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("accounts", "sessions", "gift_lines", "withdrawals", "other_income")
        }
        diamonds = conn.execute("SELECT sum(diamonds) FROM sessions").fetchone()[0]
        unlinked = conn.execute("SELECT count(*) FROM gift_lines WHERE gift_id IS NULL").fetchone()
    finally:
        conn.close()
    assert counts == {
        "accounts": 3,
        "sessions": 80,
        "gift_lines": data.gift_line_count,
        "withdrawals": len(data.withdrawals),
        "other_income": len(data.other_income),
    }
    assert diamonds == sum(s.reported_diamonds for s in data.sessions)
    assert unlinked == (0,)  # every line is linked to its catalog gift
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]  # no leftovers


def test_an_existing_file_is_replaced_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    path.write_text("precious")
    with pytest.raises(FileExistsError):
        write_demo_database(path, sessions=5)
    assert path.read_text() == "precious"
    write_demo_database(path, sessions=5, overwrite=True)
    assert path.read_bytes().startswith(b"SQLite format 3")
