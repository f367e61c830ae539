"""One small data set whose every total is derived by hand in the tests.

rates: the seeded default (1 coin -> 1 Diamond, 1 Diamond = $0.005, no agency
share) for everyone, and alice's own period from 2026-10-15 with a 20% agency
share (net $0.004 per Diamond).

id account start (weekday)        dur  Diamonds         likes viewers follows gifters net USD
1  alice   2026-10-05 20:00 (Mon) 2h   30099 gift lines 1000  300     10      5       150.495
2  alice   2026-10-07 21:30 (Wed) 1h   5000 reported    500   200     4       3       25.000
3  alice   2026-10-20 20:15 (Tue) 1.5h 6000 reported    2000  600     25      9       24.000 (*)
4  bob     2026-10-06 09:00 (Tue) 0.5h 50 gift lines    100   40      1       2       0.250
5  bob     2026-11-02 20:00 (Mon) 1h   800 reported     300   250     12      4       4.000
6  alice   2025-12-31 23:00 (Wed) 2h   1000 reported    50    20      0       1       5.000
(*) 6000 x $0.005 x (1 - 0.20): alice's own period applies from 2026-10-15.
Net is Diamonds x $0.005 otherwise. "viewers" are total viewers.

Gift lines: #1 Rose x100 @1 + Lion x1 @29999 = 30099 coins; #2 Galaxy x2 @1000 =
2000 coins (the summary's 5000 wins); #4 Rose x50 @1 = 50 coins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from tiklive_desktop.core.entities import Account, GiftLine, RatePeriod, Session
from tiklive_desktop.storage.repository import Repository


@dataclass(frozen=True)
class Sample:
    repo: Repository
    alice: int
    bob: int
    default_rate: int
    alice_rate: int


def make_session(account_id: int, start: str, minutes: int, **fields: object) -> Session:
    return Session(
        account_id=account_id,
        start=datetime.fromisoformat(start),
        duration=timedelta(minutes=minutes),
        **fields,  # type: ignore[arg-type]
    )


def build_sample(repo: Repository) -> Sample:
    alice = repo.add_account(Account("alice", "Alice A.")).id
    bob = repo.add_account(Account("bob", region="GB", currency="GBP")).id
    assert alice is not None and bob is not None
    default_rate = repo.list_rate_periods()[0].id
    alice_rate = repo.add_rate_period(
        RatePeriod(date(2026, 10, 15), agency_share=Decimal("0.20"), account_id=alice)
    ).id
    assert default_rate is not None and alice_rate is not None
    sessions = [
        make_session(
            alice,
            "2026-10-05T20:00:00",
            120,
            likes=1000,
            total_viewers=300,
            peak_viewers=80,
            new_followers=10,
            gifters=5,
            title="Monday dance",
            notes="Big Lion!",
            tags=("dance",),
            gift_lines=(GiftLine("Rose", 100, 1), GiftLine("Lion", 1, 29999)),
        ),
        make_session(
            alice,
            "2026-10-07T21:30:00",
            60,
            reported_diamonds=5000,
            likes=500,
            total_viewers=200,
            new_followers=4,
            gifters=3,
            title="Q&A night",
            notes="giveaway",
            gift_lines=(GiftLine("Galaxy", 2, 1000),),
        ),
        make_session(
            alice,
            "2026-10-20T20:15:00",
            90,
            reported_diamonds=6000,
            likes=2000,
            total_viewers=600,
            new_followers=25,
            gifters=9,
            title="Cooking LIVE",
            notes="Agency month",
            tags=("food", "q&a"),
        ),
        make_session(
            bob,
            "2026-10-06T09:00:00",
            30,
            likes=100,
            total_viewers=40,
            new_followers=1,
            gifters=2,
            title="Morning coffee",
            gift_lines=(GiftLine("Rose", 50, 1),),
        ),
        make_session(
            bob,
            "2026-11-02T20:00:00",
            60,
            reported_diamonds=800,
            likes=300,
            total_viewers=250,
            new_followers=12,
            gifters=4,
            title="Dance battle",
            notes="battle vs @cara",
            tags=("dance",),
        ),
        make_session(
            alice,
            "2025-12-31T23:00:00",
            120,
            reported_diamonds=1000,
            likes=50,
            total_viewers=20,
            gifters=1,
            title="New Year's Eve",
        ),
    ]
    for session in sessions:
        repo.add_session(session)
    return Sample(repo, alice, bob, default_rate, alice_rate)
