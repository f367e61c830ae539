"""The income editor: money from outside LIVE gifts (brand deals, merchandise, donations...)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from tiklive_desktop.core.entities import IncomeKind, OtherIncome
from tiklive_desktop.core.fields import Problem, Report
from tiklive_desktop.core.validation import parse_income
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.record_dialog import (
    RecordDialog,
    currency_combo,
    date_edit,
    date_of,
    has_fraction_of_cent,
    money_text,
)
from tiklive_desktop.gui.models.income_model import kind_label


class IncomeEditor(RecordDialog):
    """New (``income`` None) or edit. ``account_id`` None asks which account."""

    def __init__(
        self,
        ctx: Context,
        income: OtherIncome | None = None,
        account_id: int | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        editing = income is not None
        super().__init__(ctx, self.tr("Edit Income") if editing else self.tr("New Income"), parent)
        self.original = income
        self.today = today or date.today()
        repo = ctx.store.repo
        accounts = repo.list_accounts()
        fixed = income.account_id if income is not None else account_id
        tr = self.tr
        form = self.form

        self.account = QComboBox()
        for acc in accounts:
            self.account.addItem(f"@{acc.handle}", acc.id)
        if fixed is not None:
            self.account.setCurrentIndex(max(self.account.findData(fixed), 0))
        if fixed is None and len(accounts) > 1:
            form.add_field("account_id", tr("A&ccount:"), self.account)
        found = repo.get_account(self.account_id())
        currency = income.currency if income else (found.currency if found else "USD")

        self.date = form.add_field(
            "date", tr("&Date:"), date_edit(ctx.fmt.locale, income.date if income else self.today)
        )
        self.kind = QComboBox()
        for kind in IncomeKind:
            self.kind.addItem(kind_label(kind), kind.value)
        if income is not None:
            self.kind.setCurrentIndex(max(self.kind.findData(IncomeKind(income.kind).value), 0))
        form.add_field("kind", tr("&Kind:"), self.kind, tr("Where the money came from"))
        self.amount = QLineEdit(money_text(income.amount) if income else "")
        self.amount.setPlaceholderText("250.00")
        form.add_field("amount", tr("&Amount:"), self.amount, tr("What you received"))
        codes = [r.currency for r in repo.list_exchange_rates()]
        self.currency = form.add_field(
            "currency", tr("C&urrency:"), currency_combo(["USD", *codes], currency)
        )
        self.note = QLineEdit(income.note if income else "")
        self.note.setPlaceholderText(tr("Brand, product or platform"))
        form.add_field("note", tr("&Note:"), self.note)

        for key, widget in (
            ("date", self.date),
            ("kind", self.kind),
            ("amount", self.amount),
            ("currency", self.currency),
            ("note", self.note),
        ):
            self.watch(key, widget)
        self.account.currentIndexChanged.connect(lambda _i: self.validate())
        self.setMinimumWidth(400)
        if editing:
            self.touch_all()
        else:
            self.validate()

    def account_id(self) -> int:
        data = self.account.currentData()
        return int(data) if data is not None else 0

    def raw(self) -> Mapping[str, object]:
        return {
            "date": date_of(self.date),
            "kind": self.kind.currentData(),
            "amount": self.amount.text(),
            "currency": self.currency.currentText(),
            "note": self.note.text(),
            "id": self.original.id if self.original is not None else None,
        }

    def parse(self, raw: Mapping[str, object]) -> Report[OtherIncome]:
        return parse_income(raw, account_id=self.account_id(), today=self.today)

    def extra_problems(self, report: Report[OtherIncome]) -> list[Problem]:
        problems = []
        if not self.account_id():
            problems.append(Problem("account_id", self.tr("Add an account first.")))
        if report.value is not None and has_fraction_of_cent(report.value.amount):
            problems.append(
                Problem("amount", self.tr("The amount can have at most 2 decimal places."))
            )
        return problems
