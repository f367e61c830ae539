"""The gift calculator (Tools menu): what some gifts are worth, link by link.

Pick gifts and counts; see the coins, the Diamonds they credit, the gift value,
the creator's share, the net money (``core.money.breakdown`` at today's rate),
what the viewer paid for the coins, and how far the Diamonds go towards the
cash-out minimum. It stores nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tiklive_desktop.core.cashout import minimum_diamonds
from tiklive_desktop.core.entities import RegionRule
from tiklive_desktop.core.money import (
    Breakdown,
    breakdown,
    rate_on,
    to_currency,
    viewer_cost_usd,
)
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.form import FieldError
from tiklive_desktop.gui.formatting import currency_symbol
from tiklive_desktop.storage.overview import display_currency, region_rule

REFERENCE_TABLES = frozenset(
    {"gifts", "gift_prices", "rate_periods", "region_rules", "accounts", "exchange_rates"}
)
MAX_COUNT = 1_000_000_000
"""Most gifts of one kind on a line here; a typo guard that fits a spin box."""

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass
class _Line:
    name: str
    coins_each: int
    count: QSpinBox

    @property
    def coins(self) -> int:
        return self.count.value() * self.coins_each


class GiftCalculator(QDialog):
    """Non-modal tool window; ``add_gift(name, count)`` is what the Add button does."""

    def __init__(
        self, ctx: Context, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Gift Calculator"))
        self.today = today or date.today()
        self.lines: list[_Line] = []
        self._load_reference()
        self.total: Breakdown = breakdown(0, self.rate)
        tr = self.tr

        # -- picking gifts ---------------------------------------------------------------
        self.gift = QComboBox()
        self.gift.setEditable(True)
        self.gift.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._fill_gifts()
        self.gift.setAccessibleName(tr("Gift"))
        self.gift.setMinimumContentsLength(22)
        completer = QCompleter(self.gift.model(), self.gift)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.gift.setCompleter(completer)
        line_edit = self.gift.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText(tr("Type a gift, e.g. Lion"))
        self.count = QSpinBox()
        self.count.setRange(1, MAX_COUNT)
        self.count.setGroupSeparatorShown(True)
        self.count.setAccessibleName(tr("Count"))
        self.count.setToolTip(tr("How many of this gift"))
        self.add_button = QPushButton(tr("&Add"))
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self._add_typed)
        self.gift_error = FieldError()
        picker = QHBoxLayout()
        gift_label = QLabel(tr("&Gift:"))
        gift_label.setBuddy(self.gift)
        count_label = QLabel(tr("&Count:"))
        count_label.setBuddy(self.count)
        picker.addWidget(gift_label)
        picker.addWidget(self.gift, 1)
        picker.addWidget(count_label)
        picker.addWidget(self.count)
        picker.addWidget(self.add_button)

        # -- the lines -------------------------------------------------------------------
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [tr("Gift"), tr("Count"), tr("Coins each"), tr("Coins")]
        )
        self.table.setAccessibleName(tr("Gifts in the calculation"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            item = self.table.horizontalHeaderItem(column)
            if item is not None:
                item.setTextAlignment(_RIGHT)
        self.table.setMinimumHeight(150)
        self.remove_button = QPushButton(tr("&Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button = QPushButton(tr("C&lear"))
        self.clear_button.clicked.connect(self.clear)
        for button in (self.remove_button, self.clear_button):
            button.setAutoDefault(False)
        line_buttons = QHBoxLayout()
        line_buttons.addStretch(1)
        line_buttons.addWidget(self.remove_button)
        line_buttons.addWidget(self.clear_button)

        # -- the results -------------------------------------------------------------------
        # A grid, not a form: the amounts line up on their right edge, next to their labels.
        results = QGridLayout()
        results.setHorizontalSpacing(16)
        results.setColumnStretch(2, 1)
        self.results: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        rows = [
            ("coins", tr("Coins:"), tr("What the gifts cost the viewers, in coins")),
            ("diamonds", tr("Diamonds:"), tr("Your share, credited to your wallet as Diamonds")),
            ("gift_value", tr("Gift value:"), tr("The coins' value before TikTok's commission")),
            ("creator_share", tr("Creator share:"), tr("What the Diamonds are worth")),
            ("agency", tr("Agency share:"), tr("What your agency or manager gets")),
            ("net", tr("Net to you:"), tr("Your money, before PayPal or bank fees")),
            (
                "viewer_paid",
                tr("Viewers paid:"),
                tr("What the coins cost viewers: web shop prices to in-app prices"),
            ),
            (
                "cashout",
                tr("Cash-out minimum:"),
                tr("How far these Diamonds go towards cashing out"),
            ),
        ]
        for row, (key, label, tip) in enumerate(rows):
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(label.rstrip(":"))
            value.setToolTip(tip)
            caption = QLabel(label)
            caption.setToolTip(tip)
            if key in ("diamonds", "net"):
                for widget in (caption, value):
                    font = widget.font()
                    font.setBold(True)
                    widget.setFont(font)
            results.addWidget(caption, row, 0, _RIGHT)
            results.addWidget(value, row, 1, _RIGHT)
            self.results[key] = value
            self.captions[key] = caption
        self.rates_note = QLabel()
        self.rates_note.setWordWrap(True)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        for button in close.buttons():
            button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addLayout(picker)
        layout.addWidget(self.gift_error)
        layout.addWidget(self.table, 1)
        layout.addLayout(line_buttons)
        layout.addLayout(results)
        layout.addWidget(self.rates_note)
        layout.addWidget(close)
        self.resize(560, 600)
        self._show_reference()
        ctx.store.changed.connect(self._data_changed)

    # -- reference data: catalog, rates, region ---------------------------------------------
    def _load_reference(self) -> None:
        """Today's prices, rates and cash-out rule for the selected account (all: the first's)."""
        repo = self.ctx.store.repo
        account_id = self.ctx.account.account_id
        self.catalog = repo.catalog_on(self.today)
        self.rate = rate_on(repo.list_rate_periods(), self.today, account_id)
        self.rule: RegionRule = region_rule(repo, account_id)
        shown_in = display_currency(repo, account_id, self.today)
        self.currency, self.exchange = shown_in.currency, shown_in.rate

    def _fill_gifts(self) -> None:
        self.gift.clear()
        for name, coins in self.catalog.items():
            label = self.tr("{name} ({coins} coins)").format(
                name=name, coins=self.ctx.fmt.integer(coins)
            )
            self.gift.addItem(label, name)
        self.gift.setCurrentIndex(-1)
        self.gift.setEditText("")

    def _show_reference(self) -> None:
        for widget in (self.results["agency"], self.captions["agency"]):
            widget.setVisible(self.rate.agency_share > 0)
        self.rates_note.setText(self._rates_text())
        self._recompute()

    def _data_changed(self, table: str) -> None:
        """The catalog or the rates changed while the calculator is open: use the new ones.

        Lines already added keep the price they were added with, as gift lines do.
        """
        if table not in REFERENCE_TABLES:
            return
        typed = self.gift.currentText()
        self._load_reference()
        if table in ("gifts", "gift_prices"):
            self._fill_gifts()
            self.gift.setEditText(typed)
        self._show_reference()

    def _rates_text(self) -> str:
        fmt = self.ctx.fmt
        # A Diamond is worth half a cent: show every digit the rate has, not cents.
        value = self.rate.diamond_value_usd.normalize()
        places = -int(value.as_tuple().exponent)
        text = self.tr(
            "At today's rates: 1 coin = {coin} of gifts, TikTok keeps {commission}, "
            "1 Diamond = {diamond}."
        ).format(
            coin=fmt.money(self.rate.coin_value_usd, "USD"),
            commission=fmt.decimal(self.rate.commission * 100, 0) + "%",
            diamond=currency_symbol("USD") + fmt.decimal(value, max(2, places)),
        )
        minimum = self.tr("Cash-out minimum in {region}: {minimum} (as of {date}).")
        return f"{text} " + minimum.format(
            region=self.rule.name,
            minimum=fmt.money(self.rule.minimum_usd, "USD"),
            date=fmt.day(self.rule.as_of),
        )

    # -- lines ---------------------------------------------------------------------------
    def _add_typed(self) -> None:
        text = self.gift.currentText().strip()
        index = self.gift.findText(text, Qt.MatchFlag.MatchFixedString)
        name = self.gift.itemData(index) if index >= 0 else text
        if self.add_gift(name, self.count.value()):
            self.gift.setCurrentIndex(-1)
            self.gift.setEditText("")
            self.count.setValue(1)
            self.gift.setFocus()

    def add_gift(self, name: str, count: int) -> bool:
        """Add ``count`` of the gift ``name`` (any case); repeats add up. False if unknown."""
        known = {key.casefold(): key for key in self.catalog}
        key = known.get(name.strip().casefold())
        if key is None:
            self.gift_error.show_message(
                self.tr("Choose a gift from the list.")
                if not name.strip()
                else self.tr("There is no gift called “{name}” in the catalog.").format(name=name)
            )
            return False
        self.gift_error.show_message(None)
        for line in self.lines:
            if line.name == key:
                line.count.setValue(min(line.count.value() + count, MAX_COUNT))
                return True
        spin = QSpinBox()
        spin.setRange(0, MAX_COUNT)
        spin.setGroupSeparatorShown(True)
        spin.setValue(count)
        spin.setAccessibleName(self.tr("Count of {name}").format(name=key))
        spin.setAlignment(_RIGHT)
        line = _Line(key, self.catalog[key], spin)
        self.lines.append(line)
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(key))
        self.table.setCellWidget(row, 1, spin)
        for column, value in ((2, line.coins_each), (3, line.coins)):
            item = QTableWidgetItem(self.ctx.fmt.integer(value))
            item.setTextAlignment(_RIGHT)
            self.table.setItem(row, column, item)
        spin.valueChanged.connect(self._recompute)
        self._recompute()
        return True

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
            del self.lines[row]
        self._recompute()

    def clear(self) -> None:
        self.table.setRowCount(0)
        self.lines.clear()
        self._recompute()

    # -- results -------------------------------------------------------------------------
    def _recompute(self) -> None:
        fmt = self.ctx.fmt
        for row, line in enumerate(self.lines):
            item = self.table.item(row, 3)
            if item is not None:
                item.setText(fmt.integer(line.coins))
        coins = sum(line.coins for line in self.lines)
        total = breakdown(coins, self.rate)
        self.total = total
        shown = self.results
        shown["coins"].setText(fmt.integer(total.coins))
        shown["diamonds"].setText(fmt.integer(total.diamonds))
        shown["gift_value"].setText(fmt.money(total.gift_value_usd, "USD"))
        shown["creator_share"].setText(fmt.money(total.creator_share_usd, "USD"))
        shown["agency"].setText(fmt.money(total.agency_usd, "USD"))
        net = fmt.money(total.net_usd, "USD")
        if self.exchange is not None:
            local = fmt.money(to_currency(total.net_usd, self.exchange), self.currency)
            net = self.tr("{usd} (about {local})").format(usd=net, local=local)
        shown["net"].setText(net)
        low, high = viewer_cost_usd(coins)
        shown["viewer_paid"].setText(
            self.tr("about {low} – {high}").format(
                low=fmt.money(low, "USD"), high=fmt.money(high, "USD")
            )
        )
        shown["cashout"].setText(self._cashout_text(total.diamonds))
        self.remove_button.setEnabled(bool(self.lines))
        self.clear_button.setEnabled(bool(self.lines))

    def _cashout_text(self, diamonds: int) -> str:
        needed = minimum_diamonds(self.rule, self.rate)
        # Whole Diamonds, rounded down: never claims 100% before the minimum is reached.
        percent = diamonds * 100 // needed
        minimum = self.ctx.fmt.money(self.rule.minimum_usd, "USD")
        return self.tr("{percent}% of {minimum}").format(
            percent=self.ctx.fmt.integer(percent), minimum=minimum
        )
