"""The other-income table: brand deals, merchandise, donations and the rest, newest first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from tiklive_desktop.core.entities import IncomeKind
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.models.entity_table import Column, EntityTableModel
from tiklive_desktop.storage.repository import Repository


def kind_label(kind: IncomeKind) -> str:
    """The kind as shown (translatable); the stored value stays the enum's."""
    tr = QCoreApplication.translate
    labels = {
        IncomeKind.BRAND: tr("IncomeKind", "Brand partnership"),
        IncomeKind.MERCHANDISE: tr("IncomeKind", "Merchandise"),
        IncomeKind.DONATION: tr("IncomeKind", "Donations / crowdfunding"),
        IncomeKind.CREATOR_REWARDS: tr("IncomeKind", "Creator Rewards"),
        IncomeKind.SUBSCRIPTION: tr("IncomeKind", "LIVE subscriptions"),
        IncomeKind.OTHER: tr("IncomeKind", "Other"),
    }
    return labels[IncomeKind(kind)]


class IncomeModel(EntityTableModel):
    """Date, account, kind, amount, currency and note of each entry."""

    account_column = 1

    def __init__(self, repo: Repository, fmt: Formatter, parent: QObject | None = None) -> None:
        self.repo = repo
        self.fmt = fmt
        tr = self.tr
        super().__init__(
            [
                Column(tr("Date"), lambda i: fmt.day(i.date), lambda i: i.date.isoformat()),
                Column(tr("Account"), self.handle, lambda i: self.handle(i).casefold()),
                Column(tr("Kind"), lambda i: kind_label(i.kind), lambda i: kind_label(i.kind)),
                Column(
                    tr("Amount"),
                    lambda i: fmt.money(i.amount, i.currency),
                    lambda i: float(i.amount),
                    numeric=True,
                ),
                Column(tr("Currency"), lambda i: i.currency, lambda i: i.currency),
                Column(
                    tr("Note"), lambda i: i.note.splitlines()[0] if i.note else "", lambda i: i.note
                ),
            ],
            parent,
        )

    def row_tooltip(self, entity: object) -> str:
        return getattr(entity, "note", "")

    def reload(self, account_id: int | None) -> None:
        self.set_handles({a.id: f"@{a.handle}" for a in self.repo.list_accounts()})
        self.set_rows(self.repo.list_income(account_id))
