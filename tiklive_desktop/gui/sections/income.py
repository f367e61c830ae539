"""The Income section: money beside LIVE gifts, and its totals by kind.

Creators track brand deals, merchandise, donations and the rest next to their
gifts (DOMAIN.md, "Other income streams") to see all they earn in one place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from tiklive_desktop.core.entities import OtherIncome
from tiklive_desktop.gui import commands
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.income_editor import IncomeEditor
from tiklive_desktop.gui.models.income_model import IncomeModel, kind_label
from tiklive_desktop.gui.sections.record_section import RecordSection, Texts, heading
from tiklive_desktop.storage.ledger_summary import income_summary

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_SPLITTER_KEY = "income/splitter"


class IncomeSection(RecordSection):
    """The income table beside its totals by kind (in USD)."""

    kind = commands.INCOME
    watched = frozenset({"other_income", "accounts", "exchange_rates"})

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        tr = self.tr
        texts = Texts(
            heading=tr("Other income"),
            new_button=tr("&New Income…"),
            new_tip=tr("Record money from outside LIVE gifts"),
            empty_title=tr("No other income yet"),
            empty_text=tr(
                "Record brand deals, merchandise sales, donations, Creator Rewards and "
                "subscriptions here to see everything you earn in one place."
            ),
            empty_action=tr("Record Income…"),
            added=tr("Add income"),
            edited=tr("Edit income"),
            deleted_one=tr("Delete income"),
            deleted_many=tr("Delete {count} income entries"),
            ask_many=tr("Delete {count} income entries?"),
            delete_note=tr("You can undo this."),
            not_saved=tr("Income not saved"),
        )
        super().__init__(ctx, IncomeModel(ctx.store.repo, ctx.fmt), "income/table", texts, parent)
        self.model.setParent(self)

        self.totals = QFrame()
        self.totals.setObjectName("incomeTotals")
        self.totals.setFrameShape(QFrame.Shape.StyledPanel)
        self.totals.setAccessibleName(tr("Totals by kind"))
        panel = QVBoxLayout(self.totals)
        panel.addWidget(heading(tr("Totals by kind")))
        self.totals_grid = QGridLayout()
        self.totals_grid.setHorizontalSpacing(16)
        panel.addLayout(self.totals_grid)
        self.totals_note = QLabel()
        self.totals_note.setWordWrap(True)
        panel.addWidget(self.totals_note)
        panel.addStretch(1)
        self.totals.setMinimumWidth(280)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.totals)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        if state := ctx.settings.state(_SPLITTER_KEY):
            self.splitter.restoreState(state)
        self.splitter.splitterMoved.connect(
            lambda *_: ctx.settings.set_state(_SPLITTER_KEY, self.splitter.saveState())
        )
        self.body.addLayout(self.bar)
        self.body.addWidget(self.splitter, 1)

    def load(self) -> None:
        assert isinstance(self.model, IncomeModel)
        account_id = self.ctx.account.account_id
        self.model.reload(account_id)
        self._show_totals(account_id)

    def _show_totals(self, account_id: int | None) -> None:
        while (item := self.totals_grid.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        fmt = self.ctx.fmt
        summary = income_summary(self.ctx.store.repo, account_id)
        self.totals.setVisible(self.model.rowCount() > 0)
        if summary.missing_rate is not None:
            self.totals_note.setText(
                self.tr(
                    "Some income is in a currency without an exchange rate. Add its rate in "
                    "Settings to see totals."
                )
            )
            self.totals_note.setToolTip(summary.missing_rate)
            return
        rows = [(kind_label(kind), amount) for kind, amount in summary.by_kind.items()]
        rows.append((self.tr("Total"), summary.total_usd))
        for row, (label, amount) in enumerate(rows):
            caption = QLabel(label)
            value = QLabel(fmt.money(amount, "USD"))
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(label)
            if row == len(rows) - 1:
                for widget in (caption, value):
                    font = widget.font()
                    font.setBold(True)
                    widget.setFont(font)
            self.totals_grid.addWidget(caption, row, 0)
            self.totals_grid.addWidget(value, row, 1, _RIGHT)
        self.totals_grid.setColumnStretch(2, 1)
        self.totals_note.setText(self.tr("In US dollars; other currencies at the rate of the day."))
        self.totals_note.setToolTip("")

    def make_editor(self, record: OtherIncome | None) -> IncomeEditor:
        return IncomeEditor(self.ctx, record, self.ctx.account.account_id, self.today(), self)

    def describe(self, record: OtherIncome) -> str:
        fmt = self.ctx.fmt
        return self.tr("Delete the income of {money} on {date} ({kind})?").format(
            money=fmt.money(record.amount, record.currency),
            date=fmt.day(record.date),
            kind=kind_label(record.kind),
        )
