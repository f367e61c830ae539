"""The withdrawal editor: one cash-out from the TikTok wallet (date, Diamonds, amount, fee...)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from tiklive_desktop.core.entities import Withdrawal, WithdrawalStatus
from tiklive_desktop.core.fields import Form, Problem, Report, int_field
from tiklive_desktop.core.money import diamonds_value_usd, rate_on, to_currency
from tiklive_desktop.core.validation import parse_withdrawal
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.record_dialog import (
    RecordDialog,
    currency_combo,
    date_edit,
    date_of,
    has_fraction_of_cent,
    money_text,
)


def typed_count(text: str) -> int | None:
    """A whole number > 0 as core reads it, or None (for live hints, not for saving)."""
    form = Form({"n": text})
    value = int_field(form, "n", "n", lo=1, default=None)
    return None if form.problems else value


class WithdrawalEditor(RecordDialog):
    """New (``withdrawal`` None) or edit. ``account_id`` None asks which account."""

    def __init__(
        self,
        ctx: Context,
        withdrawal: Withdrawal | None = None,
        account_id: int | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        editing = withdrawal is not None
        super().__init__(
            ctx, self.tr("Edit Withdrawal") if editing else self.tr("New Withdrawal"), parent
        )
        self.original = withdrawal
        self.today = today or date.today()
        repo = ctx.store.repo
        self._periods = repo.list_rate_periods()
        accounts = repo.list_accounts()
        fixed = withdrawal.account_id if withdrawal is not None else account_id
        tr = self.tr
        form = self.form

        self.account = QComboBox()
        for acc in accounts:
            self.account.addItem(f"@{acc.handle}", acc.id)
        if fixed is not None:
            self.account.setCurrentIndex(max(self.account.findData(fixed), 0))
        if fixed is None and len(accounts) > 1:
            form.add_field("account_id", tr("A&ccount:"), self.account)
        start = withdrawal or Withdrawal(
            account_id=fixed or 0,
            date=self.today,
            diamonds=0,
            amount=Decimal(0),
            currency=self._account_currency(),
        )

        self.date = form.add_field("date", tr("&Date:"), date_edit(ctx.fmt.locale, start.date))
        self.diamonds = QLineEdit(str(start.diamonds) if editing else "")
        self.diamonds.setPlaceholderText("20000")
        form.add_field(
            "diamonds",
            tr("Dia&monds:"),
            self.diamonds,
            tr("How many Diamonds this withdrawal took out of your wallet"),
        )
        self.diamonds_hint = QLabel()
        self.diamonds_hint.setObjectName("hint")
        form.addRow("", self.diamonds_hint)

        self.amount = QLineEdit(money_text(start.amount) if editing else "")
        self.amount.setPlaceholderText("100.00")
        self.fill = QPushButton(tr("&Fill from Diamonds"))
        self.fill.setAutoDefault(False)
        self.fill.setToolTip(
            tr("Set the amount to what the Diamonds are worth at the Diamond value on that date")
        )
        self.fill.clicked.connect(self.fill_from_diamonds)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.amount, 1)
        row.addWidget(self.fill)
        form.add_field("amount", tr("&Amount:"), box, tr("What TikTok paid out, before any fee"))
        form.fields["amount"] = self.amount
        self.amount.setAccessibleName(tr("Amount"))

        codes = [r.currency for r in repo.list_exchange_rates()]
        self.currency = form.add_field(
            "currency", tr("C&urrency:"), currency_combo(["USD", *codes], start.currency)
        )
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems([tr("PayPal"), tr("Bank transfer")])
        self.method.setCurrentText(start.method if editing else tr("PayPal"))
        form.add_field("method", tr("&Method:"), self.method, tr("Choose one or type your own"))
        self.fee = QLineEdit(money_text(start.fee) if editing and start.fee else "")
        self.fee.setPlaceholderText("0.00")
        form.add_field(
            "fee", tr("F&ee:"), self.fee, tr("What PayPal or your bank kept; TikTok charges none")
        )
        self.status = QComboBox()
        self.status.addItem(tr("Pending"), WithdrawalStatus.PENDING.value)
        self.status.addItem(tr("Paid"), WithdrawalStatus.PAID.value)
        self.status.setCurrentIndex(max(self.status.findData(str(start.status)), 0))
        form.add_field(
            "status",
            tr("&Status:"),
            self.status,
            tr("Pending until the money reaches you (TikTok takes up to 15 days)"),
        )
        self.note = QLineEdit(start.note)
        form.add_field("note", tr("&Note:"), self.note)

        for key, widget in (
            ("date", self.date),
            ("diamonds", self.diamonds),
            ("amount", self.amount),
            ("currency", self.currency),
            ("method", self.method),
            ("fee", self.fee),
            ("status", self.status),
            ("note", self.note),
        ):
            self.watch(key, widget)
        self.account.currentIndexChanged.connect(lambda _i: self.validate())
        self.diamonds.textChanged.connect(lambda _t: self._update_hint())
        self.date.dateChanged.connect(lambda _d: self._update_hint())
        self.setMinimumWidth(440)
        if editing:
            self.touch_all()
        else:
            self.validate()
        self._update_hint()

    def _account_currency(self) -> str:
        found = self.ctx.store.repo.get_account(self.account_id())
        return found.currency if found is not None else "USD"

    def account_id(self) -> int:
        data = self.account.currentData()
        return int(data) if data is not None else 0

    # -- the Diamond value ------------------------------------------------------------
    def _worth_usd(self) -> tuple[int, Decimal] | None:
        diamonds = typed_count(self.diamonds.text())
        if diamonds is None:
            return None
        rate = rate_on(self._periods, date_of(self.date), self.account_id() or None)
        return diamonds, diamonds_value_usd(diamonds, rate)

    def _update_hint(self) -> None:
        worth = self._worth_usd()
        self.fill.setEnabled(worth is not None)
        self.form.setRowVisible(self.diamonds_hint, worth is not None)
        if worth is None:
            self.diamonds_hint.setText("")
            return
        diamonds, usd = worth
        self.diamonds_hint.setText(
            self.tr("{diamonds} Diamonds were worth {money} on {date}").format(
                diamonds=self.ctx.fmt.integer(diamonds),
                money=self.ctx.fmt.money(usd, "USD"),
                date=self.ctx.fmt.day(date_of(self.date)),
            )
        )

    def fill_from_diamonds(self) -> None:
        """Amount = Diamonds x the Diamond value on the date, in the chosen currency."""
        worth = self._worth_usd()
        if worth is None:
            return
        usd = worth[1]
        currency = self.currency.currentText().strip().upper() or "USD"
        exchange = None
        if currency != "USD":
            exchange = self.ctx.store.repo.exchange_rate_on(currency, date_of(self.date))
            if exchange is None:
                self.ctx.dialogs.inform(
                    self.tr("No exchange rate"),
                    self.tr(
                        "There is no exchange rate for {currency} yet: add one in Settings, "
                        "or type the amount you received."
                    ).format(currency=currency),
                )
                return
        self.amount.setText(money_text(to_currency(usd, exchange)))
        self.touch("amount")

    # -- validation ----------------------------------------------------------------------
    def raw(self) -> Mapping[str, object]:
        return {
            "date": date_of(self.date),
            "diamonds": self.diamonds.text(),
            "amount": self.amount.text(),
            "currency": self.currency.currentText(),
            "method": self.method.currentText(),
            "fee": self.fee.text(),
            "status": self.status.currentData(),
            "note": self.note.text(),
            "id": self.original.id if self.original is not None else None,
        }

    def parse(self, raw: Mapping[str, object]) -> Report[Withdrawal]:
        return parse_withdrawal(raw, account_id=self.account_id(), today=self.today)

    def extra_problems(self, report: Report[Withdrawal]) -> list[Problem]:
        problems = []
        if not self.account_id():
            problems.append(Problem("account_id", self.tr("Add an account first.")))
        for key, label in (("amount", self.tr("The amount")), ("fee", self.tr("The fee"))):
            if report.value is not None and has_fraction_of_cent(getattr(report.value, key)):
                problems.append(
                    Problem(
                        key,
                        self.tr("{label} can have at most 2 decimal places.").format(label=label),
                    )
                )
        return problems
