"""Who streams in the demo: creator profiles and how the history is sized.

Three hand-written creators make the default demo recognisable (a singer who
grows fast, a steady cook, a gamer who started later). Larger demos add
generated creators, as an agency with dozens of accounts would have, and
stretch the history, so that 100,000 sessions still read as a plausible
record rather than sixty LIVEs a day on one account.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

DAYS_PER_MONTH = 30.4375
PLAUSIBLE_PER_DAY = 0.8
"""Above this many LIVEs per account per day the history is stretched first..."""
AGENCY_PER_DAY = 1.0
"""...then accounts are added until each averages at most this many (2 on busy days)."""
MAX_MONTHS = 48


@dataclass(frozen=True, slots=True)
class CreatorProfile:
    """How one demo creator streams and earns (floats: these only shape random draws)."""

    handle: str
    display_name: str
    category: str
    region: str
    diamonds_per_hour: float
    """Typical Diamonds per hour when the creator starts."""
    growth: float
    """Multiplier of ``diamonds_per_hour`` (and audience) reached by the end of the history."""
    lives_per_week: float
    evening_hour: float
    """Usual start time of a LIVE, in hours after midnight."""
    typical_hours: float
    audience: float
    """Scales viewers for a given amount of Diamonds (gaming draws many viewers per Diamond)."""
    payout_method: str
    cashout_usd: int
    """The balance at which the creator usually cashes out (the minimum is $100)."""
    monthly_goal: int | None
    start_fraction: float
    """Where in the history the creator's first LIVE falls (0 = the first day)."""


FEATURED = (
    CreatorProfile(
        "luna.sings", "Luna Sings", "music", "US", 700.0, 4.0, 4.5, 20.0, 1.7, 1.0,
        "PayPal", 100, 150_000, 0.0,
    ),
    CreatorProfile(
        "chef.marco", "Chef Marco", "cooking", "IT", 420.0, 1.6, 3.0, 18.5, 1.3, 0.8,
        "Bank transfer", 250, None, 0.0,
    ),
    CreatorProfile(
        "pixelpaws", "PixelPaws", "gaming", "GB", 260.0, 2.8, 5.0, 21.5, 2.6, 2.2,
        "PayPal", 150, 60_000, 0.2,
    ),
)  # fmt: skip

CATEGORIES = ("music", "cooking", "gaming", "fitness", "art", "comedy", "beauty", "talk", "dance")
_FIRST = (
    "sunny", "midnight", "cosmic", "velvet", "lucky", "urban", "golden", "wild", "quiet", "neon",
    "happy", "misty", "rocket", "cozy", "electric", "gentle", "brave", "silver", "little", "mega",
)  # fmt: skip
_SECOND = {
    "music": ("beats", "strings", "melody", "vocals", "keys"),
    "cooking": ("kitchen", "bakes", "spoon", "grill", "noodles"),
    "gaming": ("plays", "quest", "pixels", "arena", "speedrun"),
    "fitness": ("fit", "reps", "yoga", "moves", "run"),
    "art": ("sketch", "paints", "ink", "canvas", "studio"),
    "comedy": ("jokes", "laughs", "bits", "improv", "standup"),
    "beauty": ("glow", "looks", "lashes", "style", "skin"),
    "talk": ("talks", "chats", "stories", "hour", "corner"),
    "dance": ("dance", "steps", "groove", "moves", "crew"),
}
_REGIONS = ("US", "US", "US", "GB", "CA", "AU", "DE", "FR", "BR", "MX", "PH", "ID", "ES", "NL")


def plan_size(sessions: int, accounts: int, months: int) -> tuple[int, int]:
    """The (accounts, months) that keep ``sessions`` LIVEs believable.

    Small requests are kept as asked. A large one first stretches the history
    (up to four years), then adds creators until each does at most about one
    or two LIVEs a day.
    """
    accounts, months = max(1, accounts), max(1, months)

    def per_day(n_accounts: int, n_months: int) -> float:
        return sessions / (n_accounts * n_months * DAYS_PER_MONTH)

    if per_day(accounts, months) <= PLAUSIBLE_PER_DAY:
        return accounts, months
    needed = math.ceil(sessions / (accounts * PLAUSIBLE_PER_DAY * DAYS_PER_MONTH))
    months = max(months, min(MAX_MONTHS, needed))
    if per_day(accounts, months) > AGENCY_PER_DAY:
        accounts = math.ceil(sessions / (months * DAYS_PER_MONTH * AGENCY_PER_DAY))
    return accounts, months


def make_profiles(rng: random.Random, count: int) -> list[CreatorProfile]:
    """The featured creators first, then generated ones with unique handles."""
    profiles = list(FEATURED[:count])
    used = {p.handle for p in profiles}
    while len(profiles) < count:
        category = rng.choice(CATEGORIES)
        handle = f"{rng.choice(_FIRST)}.{rng.choice(_SECOND[category])}"
        if handle in used:
            handle = f"{handle}{rng.randint(2, 99)}"
        if handle in used:
            continue
        used.add(handle)
        words = handle[1:].replace(".", " ").split()
        profiles.append(
            CreatorProfile(
                handle=handle,
                display_name=" ".join(w.capitalize() for w in words),
                category=category,
                region=rng.choice(_REGIONS),
                diamonds_per_hour=rng.lognormvariate(math.log(350), 0.7),
                growth=rng.uniform(0.8, 4.0),
                lives_per_week=rng.uniform(2.0, 7.0),
                evening_hour=rng.uniform(17.5, 22.5),
                typical_hours=rng.uniform(1.0, 3.0),
                audience=rng.uniform(0.6, 2.4),
                payout_method=rng.choice(("PayPal", "PayPal", "Bank transfer")),
                cashout_usd=rng.choice((100, 100, 150, 200, 300, 500)),
                monthly_goal=rng.choice((None, None, 50_000, 100_000, 200_000)),
                start_fraction=rng.uniform(0.0, 0.35),
            )
        )
    return profiles
