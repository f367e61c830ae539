"""The cash-out card: the wallet balance and when the creator can withdraw it.

It answers the question a creator asks after every LIVE ("can I cash out
yet?"), so it sits on top of the Payouts section and on the dashboard. The
rules live in ``core.cashout``; this widget only displays a
:class:`~tiklive_desktop.core.cashout.CashoutStatus` (:meth:`CashoutCard.show_status`)
and fetches one for the selected account (:meth:`CashoutCard.refresh`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QVBoxLayout, QWidget

from tiklive_desktop.core.cashout import CashoutStatus
from tiklive_desktop.core.entities import ExchangeRate
from tiklive_desktop.core.money import to_currency
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.theme import ACCENT
from tiklive_desktop.gui.widgets.freshness import Freshness
from tiklive_desktop.storage.overview import cashout_status, display_currency

# What the wallet depends on: a change to any of these can change the card.
WATCHED_TABLES = frozenset(
    {"sessions", "withdrawals", "rate_periods", "region_rules", "accounts", "exchange_rates"}
)


def progress_percent(status: CashoutStatus) -> int:
    """Whole percent of the way to the minimum, rounded down so it never shows 100% early.

    Counted in whole Diamonds (balance against balance + Diamonds still needed),
    not in rounded money, like ``core.cashout.minimum_diamonds``.
    """
    if status.eligible:
        return 100
    balance = max(status.balance_diamonds, 0)
    return balance * 100 // (balance + status.diamonds_needed)


class CashoutCard(QFrame):
    """Balance in Diamonds and money, progress to the minimum, and what to expect."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today: Callable[[], date] = date.today  # tests pin the day
        self.status: CashoutStatus | None = None
        """What is shown (None until the first refresh)."""
        self.fresh = Freshness(self, self.refresh)
        self.setObjectName("cashoutCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Cash-out"))

        self.title = QLabel(self.tr("Cash-out"))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.balance = QLabel()
        big = self.balance.font()
        big.setPointSizeF(big.pointSizeF() * 1.5)
        big.setBold(True)
        self.balance.setFont(big)
        self.balance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.balance.setToolTip(
            self.tr(
                "Diamonds are your share of the gifts you received. TikTok pays them out in "
                "money once their value reaches your region's minimum."
            )
        )
        self.balance_money = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName(self.tr("Progress to the cash-out minimum"))
        self.progress.setMinimumWidth(220)
        self.progress.setMaximumWidth(520)
        bar = self.progress.palette()  # the app's accent, as the dashboard's other bars
        bar.setColor(QPalette.ColorRole.Highlight, ACCENT)
        bar.setColor(QPalette.ColorRole.HighlightedText, Qt.GlobalColor.white)
        self.progress.setPalette(bar)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        muted = self.rules.palette()
        muted.setColor(
            QPalette.ColorRole.WindowText, muted.color(QPalette.ColorRole.PlaceholderText)
        )
        self.rules.setPalette(muted)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(4)
        for widget in (
            self.title,
            self.balance,
            self.balance_money,
            self.progress,
            self.message,
            self.warning,
            self.rules,
        ):
            layout.addWidget(widget)

        ctx.store.changed.connect(self._data_changed)
        ctx.account.changed.connect(lambda _account: self._data_changed("accounts"))

    # -- display -------------------------------------------------------------------
    def show_status(
        self,
        status: CashoutStatus | None,
        currency: str = "USD",
        exchange: ExchangeRate | None = None,
    ) -> None:
        """Show ``status`` (amounts in USD, as TikTok's wallet keeps them).

        With ``currency`` other than USD and its ``exchange`` rate, the balance
        is also given in that currency; everything compared with TikTok's
        minimum stays in USD because that is what the minimum is set in.
        """
        self.status = status
        fmt = self.ctx.fmt
        self.balance.setText(
            self.tr("{diamonds} Diamonds").format(diamonds=fmt.integer(status.balance_diamonds))
        )
        money = fmt.money(status.balance_usd, "USD")
        if currency != "USD" and exchange is not None:
            local = fmt.money(to_currency(status.balance_usd, exchange), currency)
            money = self.tr("{usd} (about {local})").format(usd=money, local=local)
        self.balance_money.setText(self.tr("Worth {money}").format(money=money))
        minimum = fmt.money(status.minimum_usd, "USD")
        percent = progress_percent(status)
        self.progress.setValue(percent)
        self.progress.setFormat(
            self.tr("{percent}% of {minimum}").format(percent=percent, minimum=minimum)
        )
        self.progress.setToolTip(
            self.tr("Your balance against the {minimum} minimum for cashing out").format(
                minimum=minimum
            )
        )
        self.message.setText(self._message(status))
        self.rules.setText(
            self.tr("Minimum {minimum}, at most {daily} a day (check your TikTok wallet)").format(
                minimum=minimum, daily=fmt.money(status.daily_max_usd, "USD")
            )
        )
        self.warning.setVisible(status.overdrawn)
        if status.overdrawn:
            self.warning.setText(
                self.tr(
                    "Your withdrawals add up to {diamonds} Diamonds more than your recorded "
                    "sessions earned: some sessions may be missing."
                ).format(diamonds=fmt.integer(-status.balance_diamonds))
            )

    def _message(self, status: CashoutStatus) -> str:
        fmt = self.ctx.fmt
        if status.eligible:
            if status.max_today_usd > 0:
                return self.tr("You can withdraw up to {money} today").format(
                    money=fmt.money(status.max_today_usd, "USD")
                )
            return self.tr(
                "You have reached today's limit of {money}; you can withdraw again tomorrow"
            ).format(money=fmt.money(status.daily_max_usd, "USD"))
        to_go = self.tr("{diamonds} Diamonds to go").format(
            diamonds=fmt.integer(status.diamonds_needed)
        )
        if status.days_to_minimum is None:
            return self.tr(
                "{to_go} — no LIVE earnings in the last 30 days to forecast from"
            ).format(to_go=to_go)
        days = (
            self.tr("about 1 day")
            if status.days_to_minimum == 1
            else self.tr("about {days} days").format(days=fmt.integer(status.days_to_minimum))
        )
        if status.date_minimum_reached is None:
            return self.tr("{to_go} — {days} at your current pace").format(to_go=to_go, days=days)
        return self.tr("{to_go} — {days} at your current pace ({date})").format(
            to_go=to_go, days=days, date=fmt.day(status.date_minimum_reached)
        )

    # -- data ----------------------------------------------------------------------
    def refresh(self) -> None:
        """Fetch the status of the selected account for today and show it."""
        self.fresh.done()
        repo = self.ctx.store.repo
        account_id = self.ctx.account.account_id
        today = self.today()
        shown_in = display_currency(repo, account_id, today)
        self.show_status(cashout_status(repo, account_id, today), shown_in.currency, shown_in.rate)

    def _data_changed(self, table: str) -> None:
        if table not in WATCHED_TABLES:
            return
        self.fresh.changed()
