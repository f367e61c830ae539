"""The Payouts section: the cash-out card and the withdrawals the creator recorded.

A withdrawal takes Diamonds out of the wallet (pending ones too: they have
left it), so recording one moves the card at once.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tiklive_desktop.core.entities import Withdrawal
from tiklive_desktop.gui import commands
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.withdrawal_editor import WithdrawalEditor
from tiklive_desktop.gui.models.withdrawals_model import WithdrawalsModel
from tiklive_desktop.gui.sections.record_section import RecordSection, Texts
from tiklive_desktop.gui.widgets.cashout_card import CashoutCard


class PayoutsSection(RecordSection):
    """Cash-out card on top, withdrawals below; New/Edit/Delete act on them (undoable)."""

    kind = commands.WITHDRAWAL
    watched = frozenset({"withdrawals", "accounts"})

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        tr = self.tr
        texts = Texts(
            heading=tr("Withdrawals"),
            new_button=tr("&New Withdrawal…"),
            new_tip=tr("Record a cash-out from your TikTok wallet"),
            empty_title=tr("No withdrawals yet"),
            empty_text=tr(
                "Record a withdrawal when you cash out: its Diamonds are taken off your "
                "balance, and the fee shows what really reached you."
            ),
            empty_action=tr("Record a Withdrawal…"),
            added=tr("Add withdrawal"),
            edited=tr("Edit withdrawal"),
            deleted_one=tr("Delete withdrawal"),
            deleted_many=tr("Delete {count} withdrawals"),
            ask_many=tr("Delete {count} withdrawals?"),
            delete_note=tr("Their Diamonds go back to your balance. You can undo this."),
            not_saved=tr("Withdrawal not saved"),
        )
        super().__init__(
            ctx, WithdrawalsModel(ctx.store.repo, ctx.fmt), "payouts/withdrawals", texts, parent
        )
        self.model.setParent(self)
        self.card = CashoutCard(ctx)
        self.card.today = lambda: self.today()
        self.body.addWidget(self.card)
        self.body.addSpacing(6)
        self.body.addLayout(self.bar)
        self.body.addWidget(self.stack, 1)

    def load(self) -> None:
        assert isinstance(self.model, WithdrawalsModel)
        self.model.reload(self.ctx.account.account_id)

    def make_editor(self, record: Withdrawal | None) -> WithdrawalEditor:
        return WithdrawalEditor(self.ctx, record, self.ctx.account.account_id, self.today(), self)

    def describe(self, record: Withdrawal) -> str:
        fmt = self.ctx.fmt
        return self.tr("Delete the withdrawal of {money} on {date}?").format(
            money=fmt.money(record.amount, record.currency), date=fmt.day(record.date)
        )
