"""Numbers, money and tables as the terminal shows them (thousands separators, $ and cents).

Money is exact ``Decimal`` until here and is rounded once, by ``round_money``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from tiklive_desktop.core.money import round_money


def money_text(amount: Decimal) -> str:
    """``$1,234.50``: rounded once, at the edge (core.money.round_money)."""
    rounded = round_money(amount)
    return f"-${-rounded:,.2f}" if rounded < 0 else f"${rounded:,.2f}"


def exact_money_text(amount: Decimal) -> str:
    """``$149.995``: every digit of an exact amount, at least cents."""
    text = f"{amount.normalize():,f}"
    whole, _, fraction = text.partition(".")
    return f"${whole}.{fraction.ljust(2, '0')}"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], left: int = 1) -> list[str]:
    """Plain text columns: the first ``left`` columns left-aligned, numbers right-aligned."""
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    lines = []
    for row in [headers, *rows]:
        cells = [
            cell.ljust(width) if i < left else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def percent_text(fraction: Decimal) -> str:
    """``50%``, ``0.5%``, ``12.34%``: a share as a person writes it."""
    text = f"{(fraction * 100).quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") + "%"
