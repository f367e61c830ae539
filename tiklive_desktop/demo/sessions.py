"""One creator's LIVEs: when they happen, how long, what they earn, who watched.

The shape a creator would recognise: mostly evening LIVEs of 30 minutes to
4 hours, more of them and better ones at the weekend, breaks for holidays,
earnings that grow over the months (with a December bump and a summer dip),
and likes, viewers, followers, comments, shares and gifters that move with
the Diamonds. Each session's Diamonds come from its gift lines, so the two
agree except where the demo means them not to.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from tiklive_desktop.core.entities import DEFAULT_RATE, Session
from tiklive_desktop.core.money import diamonds_from_coins
from tiklive_desktop.demo.gifts import GiftDrawer
from tiklive_desktop.demo.profiles import CreatorProfile

MAX_PER_DAY = 3
_WEEKDAY_CHANCE = (0.8, 0.75, 0.85, 0.9, 1.15, 1.35, 1.2)  # Monday .. Sunday
_WEEKDAY_EARNING = (0.85, 0.85, 0.9, 0.95, 1.15, 1.35, 1.25)
_MONTH_EARNING = (0.95, 0.9, 1.0, 1.0, 1.0, 0.95, 0.85, 0.85, 1.0, 1.05, 1.1, 1.3)
_NO_LINES = 0.03
"""Share of sessions recorded from the LIVE summary alone (Diamonds, no gift list)."""
_UNITEMISED = 0.15
"""Share of sessions whose summary shows a little more than the itemised gifts."""

_TITLES = {
    "music": ("Acoustic night", "Song requests", "Late-night covers", "Piano & chill", "Karaoke"),
    "cooking": ("Pasta from scratch", "Sunday sauce", "Q&A while it bakes", "Street food", "Pizza"),
    "gaming": ("Ranked grind", "Speedrun attempts", "Viewers' games", "New release", "Co-op night"),
    "fitness": ("Morning workout", "HIIT with chat", "Stretch & talk", "Leg day", "Yoga flow"),
    "art": ("Draw with me", "Portrait requests", "Painting live", "Sketchbook tour", "Lettering"),
    "comedy": ("Roast the chat", "Improv night", "Storytime", "Open mic", "Prank calls"),
    "beauty": ("Get ready with me", "Makeup Q&A", "Skincare night", "Trying new looks", "Hair"),
    "talk": ("Ask me anything", "Late talk", "Daily chat", "Hot takes", "Stories"),
    "dance": ("Dance challenges", "Learn the moves", "Requests", "Freestyle", "Battle night"),
}
_TAGS = ("collab", "battle", "q&a", "new setup", "requests", "milestone")
_NOTES = (
    "mic cut out for a few minutes",
    "raid from a bigger creator",
    "won the LIVE battle",
    "tried a new time slot",
    "new lights, chat loved it",
    "short one, bad connection",
    "top gifter asked for a shout-out",
)


@dataclass(frozen=True, slots=True)
class Window:
    """The days (inclusive) on which one creator streams."""

    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def day_weights(rng: random.Random, profile: CreatorProfile, window: Window) -> list[float]:
    """How likely a LIVE is on each day: weekly rhythm, more LIVEs as they grow, holidays off."""
    weights = []
    for offset in range(window.days):
        day = window.first + timedelta(days=offset)
        progress = offset / max(1, window.days - 1)
        weights.append(_WEEKDAY_CHANCE[day.weekday()] * (0.7 + 0.6 * progress))
    for _ in range(max(1, window.days // 180)):  # a break of one or two weeks twice a year
        length = rng.randint(5, 14)
        begin = rng.randrange(max(1, window.days - length))
        for offset in range(begin, min(window.days, begin + length)):
            weights[offset] = 0.0
    if not any(weights):
        weights = [1.0] * window.days
    return weights


def sessions_per_day(rng: random.Random, weights: list[float], count: int) -> dict[int, int]:
    """Spread ``count`` LIVEs over the days (by weight), at most ``MAX_PER_DAY`` a day."""
    cumulative = []
    total = 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)
    open_days = sum(1 for w in weights if w > 0)
    if count > open_days * MAX_PER_DAY:  # only for absurd requests: open every day
        cumulative = [float(i + 1) for i in range(len(weights))]
        open_days = len(weights)
    count = min(count, open_days * MAX_PER_DAY)
    # A creator who streams every other day rarely does two LIVEs in one day.
    cap = 1 if count <= open_days * 0.5 else 2 if count <= open_days * 1.6 else MAX_PER_DAY
    per_day: Counter[int] = Counter()
    left = count
    while left:
        for day in rng.choices(range(len(weights)), cum_weights=cumulative, k=left):
            if per_day[day] < cap:
                per_day[day] += 1
                left -= 1
    return dict(per_day)


def _duration_hours(rng: random.Random, typical: float, longest: float) -> float:
    return min(longest, 4.0, max(0.5, rng.lognormvariate(math.log(typical), 0.35)))


def start_times(
    rng: random.Random, profile: CreatorProfile, day: date, count: int
) -> list[tuple[datetime, timedelta]]:
    """Start and length of ``count`` LIVEs on one day, never overlapping.

    One LIVE starts near the creator's usual evening hour; two or three split
    the day (09:00-24:00) into slots. Only the last may run past midnight, and
    no LIVE starts before 08:00, so LIVEs of neighbouring days never overlap.
    """
    result = []
    if count == 1:
        hour = min(23.75, max(8.0, rng.gauss(profile.evening_hour, 1.4)))
        slots = [(hour, 24.0 + 4.0)]
    else:
        size = 14.0 / count
        slots = []
        for index in range(count):
            begin = 10.0 + index * size
            end = begin + size if index < count - 1 else 28.0
            slots.append((begin + rng.uniform(0.0, size * 0.5), end))
    for hour, latest_end in slots:
        minute = int(hour * 60)
        hours = _duration_hours(rng, profile.typical_hours, latest_end - minute / 60 - 0.1)
        start = datetime.combine(day, time(minute // 60, minute % 60))
        result.append((start, timedelta(seconds=int(hours * 3600) + rng.randrange(60))))
    return result


def _lines_wanted(rng: random.Random, target_coins: int) -> int:
    """About ten gift lines on average; bigger LIVEs get more kinds of gift."""
    mean = 3.2 + 2.4 * math.log10(max(10, target_coins))
    return max(1, round(rng.gauss(mean, 2.5)))


def _engagement(
    rng: random.Random,
    profile: CreatorProfile,
    diamonds: int,
    hours: float,
    level: float,
) -> dict[str, int]:
    """Audience figures that move with the Diamonds (correlated, with noise)."""
    viewers = max(3, int(6 * profile.audience * level**0.3 * (diamonds + 60) ** 0.62
                         * hours**0.25 * rng.lognormvariate(0, 0.3)))  # fmt: skip
    likes = int(viewers * rng.lognormvariate(math.log(22), 0.5))
    peak = max(1, min(viewers, int(viewers / (2.5 + 1.5 * hours) * rng.uniform(0.8, 1.25))))
    followers = int(viewers * 0.025 * rng.lognormvariate(0, 0.5))
    comments = int(viewers * 0.35 * rng.lognormvariate(0, 0.4))
    shares = int(viewers * 0.012 * rng.lognormvariate(0, 0.6))
    gifters = max(1, round(math.sqrt(diamonds) * 0.5 * rng.lognormvariate(0, 0.3)))
    gifters = min(viewers, gifters if diamonds else 0)
    return {
        "likes": likes,
        "peak_viewers": peak,
        "total_viewers": viewers,
        "new_followers": followers,
        "comments": comments,
        "shares": shares,
        "gifters": gifters,
    }


def creator_sessions(
    rng: random.Random,
    profile: CreatorProfile,
    account_id: int,
    window: Window,
    count: int,
    drawer: GiftDrawer,
) -> list[Session]:
    """``count`` sessions of one creator within ``window``, in time order."""
    if count <= 0:
        return []
    weights = day_weights(rng, profile, window)
    titles = _TITLES.get(profile.category, _TITLES["talk"])
    sessions = []
    for offset, per_day in sorted(sessions_per_day(rng, weights, count).items()):
        day = window.first + timedelta(days=offset)
        level = profile.growth ** min(1.0, offset / max(1, window.days - 1))
        for start, duration in start_times(rng, profile, day, per_day):
            hours = duration.total_seconds() / 3600
            rate = (profile.diamonds_per_hour * level * _WEEKDAY_EARNING[day.weekday()]
                    * _MONTH_EARNING[day.month - 1])  # fmt: skip
            target = rate * hours**0.85 * rng.lognormvariate(0, 0.65)
            big_night = rng.random() < 0.03  # a battle won, a whale in the room
            if big_night:
                target *= rng.uniform(4, 15)
            target_coins = max(1, int(target))
            roll = rng.random()
            if roll < _NO_LINES:
                lines = ()
                reported = target_coins
            else:
                lines = drawer.draw(rng, target_coins, _lines_wanted(rng, target_coins), big_night)
                reported = diamonds_from_coins(sum(line.coins for line in lines), DEFAULT_RATE)
                if roll < _NO_LINES + _UNITEMISED:
                    reported += max(1, round(reported * rng.uniform(0.005, 0.05)))
            figures = _engagement(rng, profile, reported, hours, level)
            tags = (profile.category,) + ((rng.choice(_TAGS),) if rng.random() < 0.15 else ())
            sessions.append(
                Session(
                    account_id=account_id,
                    start=start,
                    duration=duration,
                    reported_diamonds=reported,
                    title=f"{rng.choice(titles)} #{len(sessions) + 1}",
                    notes=rng.choice(_NOTES) if rng.random() < 0.08 else "",
                    tags=tags,
                    gift_lines=lines,
                    **figures,
                )
            )
    return sessions
