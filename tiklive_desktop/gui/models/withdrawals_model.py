"""The withdrawals table: one row per cash-out from the TikTok wallet, newest first."""

from __future__ import annotations

from PySide6.QtCore import QObject

from tiklive_desktop.core.entities import Withdrawal, WithdrawalStatus
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.models.entity_table import Column, EntityTableModel
from tiklive_desktop.storage.repository import Repository


class WithdrawalsModel(EntityTableModel):
    """Date, account, Diamonds, amount, fee, net, method, status of each withdrawal."""

    account_column = 1

    def __init__(self, repo: Repository, fmt: Formatter, parent: QObject | None = None) -> None:
        self.repo = repo
        self.fmt = fmt
        tr = self.tr
        super().__init__(
            [
                Column(tr("Date"), lambda w: fmt.day(w.date), lambda w: w.date.isoformat()),
                Column(tr("Account"), self.handle, lambda w: self.handle(w).casefold()),
                Column(
                    tr("Diamonds"),
                    lambda w: fmt.integer(w.diamonds),
                    lambda w: w.diamonds,
                    numeric=True,
                    tooltip=tr("Diamonds taken out of the wallet by this withdrawal"),
                ),
                Column(
                    tr("Amount"),
                    lambda w: fmt.money(w.amount, w.currency),
                    lambda w: float(w.amount),
                    numeric=True,
                    tooltip=tr("What TikTok paid out, before the PayPal or bank fee"),
                ),
                Column(
                    tr("Fee"),
                    lambda w: fmt.money(w.fee, w.currency),
                    lambda w: float(w.fee),
                    numeric=True,
                    tooltip=tr("What PayPal or the bank kept (TikTok charges no fee)"),
                ),
                Column(
                    tr("Net"),
                    lambda w: fmt.money(w.net, w.currency),
                    lambda w: float(w.net),
                    numeric=True,
                    tooltip=tr("What reached you: the amount less the fee"),
                ),
                Column(tr("Method"), lambda w: w.method, lambda w: w.method.casefold()),
                Column(tr("Status"), self.status_text, lambda w: str(w.status)),
            ],
            parent,
        )

    def status_text(self, withdrawal: Withdrawal) -> str:
        return self.tr("Paid") if withdrawal.status == WithdrawalStatus.PAID else self.tr("Pending")

    def row_tooltip(self, entity: Withdrawal) -> str:
        return entity.note

    def reload(self, account_id: int | None) -> None:
        self.set_handles({a.id: f"@{a.handle}" for a in self.repo.list_accounts()})
        self.set_rows(self.repo.list_withdrawals(account_id))
