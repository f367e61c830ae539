"""Engagement metrics: Diamonds per hour, per 1,000 likes, per viewer, per new follower.

Likes, viewers and followers are not paid (DOMAIN.md, point 7); relating them to
the Diamonds earned is what shows a creator which LIVEs work.

Precision: each metric is one division of two integers, done in a private
decimal context (:data:`METRIC_CONTEXT`, 28 significant digits, half-even), so
the answer does not depend on whatever context the caller has set. A result
that terminates within 28 digits is exact (1,000 Diamonds in 30 minutes is
exactly ``Decimal('2000')``); a repeating one (100 / 3) is correct to 28
significant digits. Nothing is quantized here: a screen or a report rounds
with :func:`round_metric` when it shows the number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

from tiklive_desktop.core.entities import Session

METRIC_CONTEXT = Context(prec=28, rounding="ROUND_HALF_EVEN")
SECONDS_PER_HOUR = 3600
LIKES_PER_UNIT = 1000
_ONE_SECOND = timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class Metrics:
    """Each metric is None when its divisor is zero (or negative): "no data", not 0."""

    diamonds_per_hour: Decimal | None
    diamonds_per_1000_likes: Decimal | None
    diamonds_per_viewer: Decimal | None
    diamonds_per_new_follower: Decimal | None


def _ratio(numerator: int, denominator: int) -> Decimal | None:
    if denominator <= 0:
        return None
    with localcontext(METRIC_CONTEXT):
        return Decimal(numerator) / Decimal(denominator)


def engagement_metrics(
    diamonds: int, seconds: int, likes: int, viewers: int, new_followers: int
) -> Metrics:
    """The four metrics for ``diamonds`` earned over ``seconds`` of LIVE.

    Multiplying before dividing keeps each metric to a single rounding.
    """
    return Metrics(
        diamonds_per_hour=_ratio(diamonds * SECONDS_PER_HOUR, seconds),
        diamonds_per_1000_likes=_ratio(diamonds * LIKES_PER_UNIT, likes),
        diamonds_per_viewer=_ratio(diamonds, viewers),
        diamonds_per_new_follower=_ratio(diamonds, new_followers),
    )


def session_metrics(session: Session, diamonds: int) -> Metrics:
    """Metrics of one session; ``diamonds`` is its credited figure (``session_diamonds``).

    Viewers are the session's total viewers, the number TikTok's summary shows.
    """
    return engagement_metrics(
        diamonds,
        session.duration // _ONE_SECOND,
        session.likes,
        session.total_viewers,
        session.new_followers,
    )


def round_metric(value: Decimal | None, places: int = 1) -> Decimal | None:
    """Round a metric for display (half up, ``places`` decimals); None stays None."""
    if value is None:
        return None
    # Enough digits for the whole part too, so quantize never fails on a big value.
    digits = max(value.adjusted(), 0) + places + 2
    with localcontext(Context(prec=max(digits, METRIC_CONTEXT.prec))):
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
