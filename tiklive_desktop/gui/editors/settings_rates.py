"""The Rates page of the settings: rate periods with their start dates, and their editor.

Why edits wait for OK: a rate period changes what past sessions are worth
(the repository recomputes them), so the page collects additions, edits and
removals and the settings dialog stores them together with its other changes,
in one transaction and one undo step, or not at all on Cancel.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tiklive_desktop.core.entities import Account, RatePeriod
from tiklive_desktop.core.fields import Problem, Report
from tiklive_desktop.core.money import breakdown
from tiklive_desktop.core.validation import parse_rate_period
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.account_fields import Change, plain
from tiklive_desktop.gui.editors.record_dialog import RecordDialog, date_edit, date_of
from tiklive_desktop.gui.formatting import Formatter, currency_symbol
from tiklive_desktop.storage.repository import Repository

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
PREVIEW_COINS = 1000


def percent_text(fmt: Formatter, fraction: Decimal) -> str:
    """0.5 -> "50%", 0.535 -> "53.5%": as many places as the share has."""
    value = fraction.scaleb(2).normalize()
    places = max(0, -value.as_tuple().exponent)  # type: ignore[operator]
    return f"{fmt.decimal(value, places)}%"


def share_input(fraction: Decimal) -> str:
    """A share as core's parser reads it back, whatever the locale: 0.5 -> "50%"."""
    return f"{fraction.scaleb(2).normalize():f}%"


def usd_text(fmt: Formatter, value: Decimal) -> str:
    """$0.005 keeps its third place: a rate, not an amount to round to cents."""
    places = max(2, -value.normalize().as_tuple().exponent)  # type: ignore[operator]
    return currency_symbol("USD") + fmt.decimal(value, places)


class RatePeriodEditor(RecordDialog):
    """One rate period: start date, scope (everyone or this account) and the four rates."""

    def __init__(
        self,
        ctx: Context,
        period: RatePeriod | None,
        account: Account | None,
        taken: set[tuple[int | None, date]],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            self.tr("Edit Rate Period") if period else self.tr("New Rate Period"),
            parent,
        )
        self.taken = taken
        self.setMinimumWidth(480)  # room for a one-line message under each field
        base = period or RatePeriod(effective=today)
        fmt = ctx.fmt
        tr = self.tr
        self.effective = date_edit(fmt.locale, base.effective)
        self.scope = QComboBox()
        self.scope.addItem(tr("All accounts"), 0)
        if account is not None and account.id is not None:
            self.scope.addItem(tr("Only @{handle}").format(handle=account.handle), account.id)
        self.scope.setCurrentIndex(max(self.scope.findData(base.account_id or 0), 0))
        self.coin_value = QLineEdit(plain(base.coin_value_usd))
        self.commission = QLineEdit(share_input(base.commission))
        self.diamond_value = QLineEdit(plain(base.diamond_value_usd))
        self.agency_share = QLineEdit(share_input(base.agency_share))
        form = self.form
        form.add_field(
            "effective",
            tr("&Starts on:"),
            self.effective,
            tr("These rates apply to sessions from this day until the next period starts."),
        )
        form.add_field("account_id", tr("A&pplies to:"), self.scope)
        form.add_field(
            "coin_value_usd",
            tr("&Coin value (USD):"),
            self.coin_value,
            tr("What one coin of gifts is worth in US dollars (usually 0.01)."),
        )
        form.add_field(
            "commission",
            tr("TikTok's co&mmission:"),
            self.commission,
            tr("The share of the gifts' value TikTok keeps, like 50%."),
        )
        form.add_field(
            "diamond_value_usd",
            tr("&Diamond value (USD):"),
            self.diamond_value,
            tr("What one Diamond is worth in US dollars (usually 0.005)."),
        )
        form.add_field(
            "agency_share",
            tr("A&gency share:"),
            self.agency_share,
            tr("What you pass on to an agency or manager, like 10%. Usually 0%."),
        )
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        form.addRow("", self.preview)
        self.original = period
        for key, widget in (
            ("effective", self.effective),
            ("account_id", self.scope),
            ("coin_value_usd", self.coin_value),
            ("commission", self.commission),
            ("diamond_value_usd", self.diamond_value),
            ("agency_share", self.agency_share),
        ):
            self.watch(key, widget)
        if period is not None:
            self.touch_all()
        else:
            self.validate()

    def raw(self) -> Mapping[str, object]:
        scope = self.scope.currentData()
        return {
            "effective": date_of(self.effective),
            "account_id": scope or None,
            "coin_value_usd": self.coin_value.text(),
            "commission": self.commission.text(),
            "diamond_value_usd": self.diamond_value.text(),
            "agency_share": self.agency_share.text(),
            "id": self.original.id if self.original else None,
        }

    def parse(self, raw: Mapping[str, object]) -> Report[RatePeriod]:
        return parse_rate_period(raw)

    def extra_problems(self, report: Report[RatePeriod]) -> list[Problem]:
        period = report.value
        if period is None or (period.account_id, period.effective) not in self.taken:
            return []
        return [
            Problem(
                "effective",
                self.tr("Another rate period for the same accounts starts on this day."),
            )
        ]

    def validate(self) -> bool:
        ok = super().validate()
        period = self.report.value
        if period is None:
            self.preview.setText(self.tr("Fix the fields above to see what gifts are worth."))
            return ok
        fmt = self.ctx.fmt
        chain = breakdown(PREVIEW_COINS, period)
        self.preview.setText(
            self.tr(
                "{coins} coins of gifts ({value}) give {diamonds} Diamonds, {net} to you."
            ).format(
                coins=fmt.integer(chain.coins),
                value=fmt.money(chain.gift_value_usd),
                diamonds=fmt.integer(chain.diamonds),
                net=fmt.money(chain.net_usd),
            )
        )
        return ok


@dataclass
class Entry:
    """A period as stored (``original``) and as it will be (``current``; None: removed)."""

    original: RatePeriod | None
    current: RatePeriod | None


class RatesPanel(QWidget):
    """The table of rate periods with Add, Edit and Remove; stores nothing until asked."""

    def __init__(
        self, ctx: Context, account: Account | None, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.account = account
        self.today = today
        repo = ctx.store.repo
        self.handles = {a.id: a.handle for a in repo.list_accounts()}
        self.entries = [Entry(p, p) for p in repo.list_rate_periods()]
        self.editor: RatePeriodEditor | None = None
        tr = self.tr
        intro = QLabel(
            tr(
                "How gifts become money, from each start date on. Changing a period "
                "recomputes the Diamonds and money of the sessions it covers; sessions keep "
                "the rates of their own day."
            )
        )
        intro.setWordWrap(True)
        headers = [
            tr("Starts on"),
            tr("Applies to"),
            tr("Coin value"),
            tr("Commission"),
            tr("Diamond value"),
            tr("Agency share"),
        ]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setAccessibleName(tr("Rate periods"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(tr("&Add…"))
        self.edit_button = QPushButton(tr("&Edit…"))
        self.remove_button = QPushButton(tr("&Remove"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._fill()

    # -- table -----------------------------------------------------------------------
    def visible(self) -> list[Entry]:
        shown = [e for e in self.entries if e.current is not None]
        return sorted(shown, key=lambda e: (e.current.effective, e.current.account_id or 0))  # type: ignore[union-attr]

    def _fill(self, select: Entry | None = None) -> None:
        fmt = self.ctx.fmt
        shown = self.visible()
        self.table.setRowCount(len(shown))
        for row, entry in enumerate(shown):
            period = entry.current
            assert period is not None
            scope = (
                self.tr("All accounts")
                if period.account_id is None
                else "@" + self.handles.get(period.account_id, str(period.account_id))
            )
            texts = (
                fmt.day(period.effective),
                scope,
                usd_text(fmt, period.coin_value_usd),
                percent_text(fmt, period.commission),
                usd_text(fmt, period.diamond_value_usd),
                percent_text(fmt, period.agency_share),
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, column, item)
        if select is not None and select in shown:
            self.table.selectRow(shown.index(select))
        self._update_buttons()

    def selected(self) -> Entry | None:
        rows = self.table.selectionModel().selectedRows()
        shown = self.visible()
        return shown[rows[0].row()] if rows and rows[0].row() < len(shown) else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen and len(self.visible()) > 1)
        self.remove_button.setToolTip(
            "" if len(self.visible()) > 1 else self.tr("Keep at least one rate period.")
        )

    def _taken(self, besides: Entry | None) -> set[tuple[int | None, date]]:
        return {
            (e.current.account_id, e.current.effective)
            for e in self.entries
            if e.current is not None and e is not besides
        }

    # -- actions -----------------------------------------------------------------------
    def add(self) -> None:
        self._open(None)

    def edit(self) -> None:
        entry = self.selected()
        if entry is not None:
            self._open(entry)

    def _open(self, entry: Entry | None) -> None:
        """Open the editor without blocking (``open``, not ``exec``); OK updates the table."""
        editor = RatePeriodEditor(
            self.ctx,
            entry.current if entry else None,
            self.account,
            self._taken(entry),
            self.today,
            self,
        )
        editor.accepted.connect(lambda: self._edited(entry, editor.value))
        editor.finished.connect(editor.deleteLater)
        self.editor = editor
        editor.open()

    def _edited(self, entry: Entry | None, period: RatePeriod) -> None:
        if entry is None:
            entry = Entry(None, period)
            self.entries.append(entry)
        else:
            entry.current = period
        self._fill(entry)

    def remove(self) -> None:
        entry = self.selected()
        if entry is None or len(self.visible()) <= 1:
            return
        if entry.original is None:
            self.entries.remove(entry)
        else:
            entry.current = None
        self._fill()

    # -- storing -------------------------------------------------------------------------
    def changes(self, repo: Repository) -> list[Change]:
        """Removals, then edits, then additions: a removed period's date is free again."""
        removals, edits, additions = [], [], []
        for entry in self.entries:
            before, after = entry.original, entry.current
            if before is not None and after is None:
                removals.append(_removal(repo, before))
            elif before is not None and after is not None and after != before:
                edits.append(
                    Change(
                        lambda target, a=after: target.update_rate_period(a),
                        lambda target, b=before: target.update_rate_period(b),
                    )
                )
            elif before is None and after is not None:
                additions.append(_addition(repo, after))
        return [*removals, *edits, *additions]


def _removal(repo: Repository, period: RatePeriod) -> Change:
    assert period.id is not None
    return Change(
        lambda target: target.delete_rate_period(period.id or 0),
        lambda target: target.add_rate_period(period),
    )


def _addition(repo: Repository, period: RatePeriod) -> Change:
    stored = [period]

    def apply(target: Repository) -> None:
        stored[0] = target.add_rate_period(stored[0])  # redo puts it back under its first id

    return Change(apply, lambda target: target.delete_rate_period(stored[0].id or 0))
