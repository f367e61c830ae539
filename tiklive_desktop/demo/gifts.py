"""Drawing a session's gift lines from the shipped catalog.

Real LIVEs get many Roses and small gifts and, rarely, a big one (a Lion, a
TikTok Universe). Popularity falls with price; a few gifts everyone knows are
sent more than their price alone suggests. A gift is only drawn for a session
whose target value could carry it, so a Lion shows up on big nights only.
"""

from __future__ import annotations

import csv
import io
import random
from bisect import bisect_left, bisect_right
from importlib.resources import files

from tiklive_desktop.core.entities import Gift, GiftLine

_FAVOURITES = {
    "rose": 5.0,
    "finger heart": 2.5,
    "tiktok": 1.5,
    "heart me": 1.3,
    "hand hearts": 1.8,
    "doughnut": 1.3,
    "corgi": 1.5,
    "money gun": 1.5,
    "galaxy": 1.5,
    "lion": 3.0,
    "tiktok universe": 3.0,
}
_BIG_SHARE = 0.7
"""A gift is eligible when it costs at most this share of the session's target coins."""


def shipped_gifts() -> tuple[Gift, ...]:
    """The gift catalog that ships with the app (resources/gifts.csv), cheapest first."""
    text = files("tiklive_desktop.resources").joinpath("gifts.csv").read_text(encoding="utf-8")
    gifts = [
        Gift(
            name=row["name"].strip(),
            coins=int(row["coins"]),
            streakable=row.get("streakable", "0").strip() == "1",
            tiktok_id=int(row["tiktok_id"]) if (row.get("tiktok_id") or "").strip() else None,
        )
        for row in csv.DictReader(io.StringIO(text))
        if (row.get("name") or "").strip()
    ]
    return tuple(sorted(gifts, key=lambda g: (g.coins, g.name)))


def popularity(gift: Gift) -> float:
    """Relative chance that a gift appears in a session (cheap gifts are sent far more)."""
    return 60.0 / gift.coins**0.55 * _FAVOURITES.get(gift.name.casefold(), 1.0)


class GiftDrawer:
    """Draws gift lines worth about a target number of coins, with a given ``random.Random``."""

    def __init__(self, gifts: tuple[Gift, ...]) -> None:
        if not gifts:
            raise ValueError("the gift catalog is empty")
        self.gifts = tuple(sorted(gifts, key=lambda g: (g.coins, g.name)))
        self.prices = [g.coins for g in self.gifts]
        self.weight_of_share = [
            g.coins**0.5 * _FAVOURITES.get(g.name.casefold(), 1.0) for g in self.gifts
        ]
        self.cumulative: list[float] = []
        total = 0.0
        for gift in self.gifts:
            total += popularity(gift)
            self.cumulative.append(total)
        self.rose = next((i for i, g in enumerate(self.gifts) if g.name.casefold() == "rose"), 0)

    def headline(self, rng: random.Random, target_coins: int) -> int | None:
        """The index of one big gift worth 10-70% of the target (a whale's Lion), if any fits."""
        low = bisect_left(self.prices, target_coins * 0.1)
        high = bisect_right(self.prices, target_coins * _BIG_SHARE)
        if low >= high:
            return None
        base = self.cumulative[low - 1] if low else 0.0
        return bisect_left(
            self.cumulative, base + rng.random() * (self.cumulative[high - 1] - base)
        )

    def draw(
        self, rng: random.Random, target_coins: int, lines: int, big_night: bool = False
    ) -> tuple[GiftLine, ...]:
        """``lines`` distinct gifts (fewer if too few are eligible) worth about ``target_coins``.

        On a ``big_night`` one big gift (sent once) carries a good part of the value.
        """
        affordable = max(int(target_coins * _BIG_SHARE), 30)
        eligible = max(1, bisect_right(self.prices, affordable))
        lines = min(lines, eligible)
        top = self.cumulative[eligible - 1]
        chosen: dict[int, None] = {}
        if rng.random() < 0.9 and self.rose < eligible:
            chosen[self.rose] = None
        big = self.headline(rng, target_coins) if big_night else None
        if big is not None:
            chosen[big] = None
            target_coins = max(1, target_coins - self.prices[big])
        attempts = 0
        while len(chosen) < lines and attempts < lines * 6:
            chosen[bisect_left(self.cumulative, rng.random() * top)] = None
            attempts += 1
        indices = sorted(chosen)
        shares = [
            0.0 if i == big else rng.expovariate(1.0) * self.weight_of_share[i] for i in indices
        ]
        scale = target_coins / (sum(shares) or 1.0)
        result = []
        for index, share in zip(indices, shares, strict=True):
            gift = self.gifts[index]
            count = max(1, round(share * scale / gift.coins))
            result.append(GiftLine(gift=gift.name, count=count, coins_each=gift.coins))
        return tuple(result)
