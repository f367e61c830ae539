"""The session editor's live preview: what is valid so far, and coins -> Diamonds -> money.

While some fields are still wrong, :func:`valid_parts` re-reads the gift
lines and the reported Diamonds that core found nothing wrong with, so the
table's coins and the preview follow the typing instead of going blank. The
figures come from ``core.money`` with the rate period in force on the
session's day for its account (``money.rate_on``) and, for an account that is
not paid in US dollars, the exchange rate of that day; this module only picks
the sentence and formats the numbers through the window's Formatter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from tiklive_desktop.core.entities import GiftLine, RatePeriod, Session
from tiklive_desktop.core.fields import TIKTOK_LIVE_START, Report
from tiklive_desktop.core.money import breakdown, net_usd, rate_on, session_diamonds, to_currency
from tiklive_desktop.core.validation import parse_session
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.storage.repository import Repository

DIAMOND = "◆"
_LINE_FIELD = re.compile(r"gift_lines\[(\d+)\](?:\.(\w+))?")
# A start that is always valid, so that only the lines and the figure are judged.
_PROBE_START = datetime.combine(TIKTOK_LIVE_START, time(12))


@dataclass(frozen=True)
class ValidParts:
    """The valid lines and reported figure (``probe``, on a placeholder day) and, by table row,
    each valid line and the problems of the others: (row, core field) -> message."""

    probe: Session | None
    lines: dict[int, GiftLine] = field(default_factory=dict)
    problems: dict[tuple[int, str], str] = field(default_factory=dict)


def valid_parts(
    report: Report[Session],
    raw: Mapping[str, object],
    rows: Sequence[int],
    *,
    account_id: int,
    catalog: Mapping[str, int],
) -> ValidParts:
    """Re-read what ``report`` found nothing wrong with; ``rows[i]`` is the row of raw line i."""
    bad: set[int] = set()
    problems: dict[tuple[int, str], str] = {}
    for problem in report.problems:
        match = _LINE_FIELD.fullmatch(problem.field)
        if match:
            i = int(match.group(1))
            bad.add(i)
            key = (rows[i], match.group(2) or "gift")
            problems[key] = (
                f"{problems[key]} {problem.message}" if key in problems else problem.message
            )
    raw_lines = raw.get("gift_lines")
    lines = list(raw_lines) if isinstance(raw_lines, list | tuple) else []
    good = [i for i in range(len(lines)) if i not in bad]
    reported_ok = report.message_for("reported_diamonds") is None
    probe = parse_session(
        {
            "start": _PROBE_START,
            "duration": 60,
            "reported_diamonds": raw.get("reported_diamonds") if reported_ok else None,
            "gift_lines": [lines[i] for i in good],
        },
        account_id=account_id,
        catalog=catalog,
        today=_PROBE_START.date(),
    ).value
    parsed = probe.gift_lines if probe else ()
    by_row = {rows[i]: line for i, line in zip(good, parsed, strict=False)}
    return ValidParts(probe, by_row, problems)


@dataclass(frozen=True)
class PreviewTexts:
    preview: str
    difference: str
    rate: str
    tooltip: str


def _tr(text: str) -> str:
    return QCoreApplication.translate("SessionEditor", text)


def _plain(fmt: Formatter, value: Decimal) -> str:
    """A rate with the decimals it has (0.005 stays 0.005, 0.50 reads 0.5)."""
    exponent = value.normalize().as_tuple().exponent
    return fmt.decimal(value, max(0, -exponent) if isinstance(exponent, int) else 2)


def rate_text(fmt: Formatter, rate: RatePeriod) -> str:
    text = _tr("1 {diamond} = {value} USD · TikTok keeps {commission}% · rates from {day}").format(
        diamond=DIAMOND,
        value=_plain(fmt, rate.diamond_value_usd),
        commission=_plain(fmt, rate.commission * 100),
        day=fmt.day(rate.effective),
    )
    if rate.agency_share:
        text += _tr(" · agency {share}%").format(share=_plain(fmt, rate.agency_share * 100))
    return text


def difference_text(fmt: Formatter, reported: int, from_gifts: int, difference: int) -> str:
    """ "Summary 31,000 ◆ · gift lines 30,099 ◆ · 901 more in the summary"."""
    if difference > 0:
        tail = _tr("{n} more in the summary").format(n=fmt.integer(difference))
    elif difference < 0:
        tail = _tr("{n} more in the gift lines").format(n=fmt.integer(-difference))
    else:
        tail = _tr("they agree")
    return _tr("Summary {reported} {d} · gift lines {lines} {d} · {tail}").format(
        reported=fmt.integer(reported), lines=fmt.integer(from_gifts), d=DIAMOND, tail=tail
    )


def preview_texts(
    repo: Repository,
    fmt: Formatter,
    *,
    account_id: int,
    day: date,
    rates: Sequence[RatePeriod],
    probe: Session | None,
) -> PreviewTexts:
    """The sentences for what is valid so far (``probe``: the valid lines and reported figure)."""
    rate = rate_on(rates, day, account_id)
    account = repo.get_account(account_id)
    currency = account.currency if account else "USD"
    exchange = repo.exchange_rate_on(currency, day) if currency != "USD" else None
    note = ""
    if currency != "USD" and exchange is None:
        note = _tr(" · no {currency} exchange rate for this day: shown in USD").format(
            currency=currency
        )
        currency = "USD"
    reported = probe.reported_diamonds if probe else None
    lines = probe.gift_lines if probe else ()
    diamonds = session_diamonds(reported, lines, rate)
    money = fmt.money(to_currency(net_usd(diamonds.credited, rate), exchange), currency)
    credited = fmt.integer(diamonds.credited)
    difference = ""
    if reported is None and lines and probe is not None:
        chain = breakdown(probe.gift_coins, rate)
        preview = _tr("{coins} coins → {diamonds} {d} → {money}").format(
            coins=fmt.integer(chain.coins),
            diamonds=fmt.integer(chain.diamonds),
            d=DIAMOND,
            money=money,
        )
    else:
        preview = _tr("{diamonds} {d} → {money}").format(diamonds=credited, d=DIAMOND, money=money)
        if reported is None:
            difference = _tr("Type the Diamonds from the LIVE summary, or add gift lines.")
    if diamonds.difference is not None and diamonds.from_gifts is not None and reported is not None:
        difference = difference_text(fmt, reported, diamonds.from_gifts, diamonds.difference)
    tooltip = _tr(
        "Coins are what viewers spent on gifts. TikTok keeps its commission and credits your "
        "share as Diamonds; the money is what reaches you after any agency share, before "
        "payout fees. The Diamonds of the LIVE summary count when you typed them."
    )
    return PreviewTexts(preview, difference, rate_text(fmt, rate) + note, tooltip)


class PreviewBox(QGroupBox):
    """The figures in large type, the summary-versus-lines comparison, the rates used."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("What this LIVE earned"), parent)
        self.preview_label, self.difference_label, self.rate_label = QLabel(), QLabel(), QLabel()
        font = self.preview_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.preview_label.setFont(font)
        self.preview_label.setAccessibleName(_tr("What this LIVE earned"))
        self.difference_label.setAccessibleName(_tr("Summary and gift lines compared"))
        self.rate_label.setAccessibleName(_tr("Rates used"))
        self.rate_label.setToolTip(
            _tr("The rates in force on the session's day; they are changed in Settings.")
        )
        self.rate_label.setEnabled(False)  # drawn muted: context, not a figure
        column = QVBoxLayout(self)
        for label in (self.preview_label, self.difference_label, self.rate_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            column.addWidget(label)

    def show_texts(self, texts: PreviewTexts) -> None:
        self.preview_label.setText(texts.preview)
        self.preview_label.setToolTip(texts.tooltip)
        self.difference_label.setText(texts.difference)
        self.difference_label.setVisible(bool(texts.difference))
        self.rate_label.setText(texts.rate)
