"""Fields the welcome and the settings dialog share: the cash-out region and the display currency.

Each group adds its rows to a :class:`ValidatedForm`, reads them through a
``core.validation`` parser, and says what should be written (a changed region
rule, a new exchange rate) as an apply/revert pair. The dialog runs all its
pairs as ONE undoable command in one transaction (see :func:`run_changes`), so
OK either stores everything or nothing, and Edit > Undo takes it all back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from tiklive_desktop.core.entities import ExchangeRate, RegionRule
from tiklive_desktop.core.fields import Problem, Report
from tiklive_desktop.core.validation import parse_exchange_rate, parse_region_rule
from tiklive_desktop.gui import commands
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.form import ValidatedForm
from tiklive_desktop.gui.editors.record_dialog import currency_combo, date_edit, date_of
from tiklive_desktop.gui.workers import run_blocking
from tiklive_desktop.storage.repository import Repository

COMMON_CURRENCIES = (
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "BRL", "MXN", "JPY", "KRW", "INR", "PHP", "IDR",
    "THB", "VND", "TRY", "PLN", "NGN", "ZAR", "CNY",
)  # fmt: skip


@dataclass(frozen=True)
class Change:
    """One write and how to take it back, run inside the dialog's single command.

    Both take the repository to write through: the command runs them on a
    worker thread's own connection (gui/workers.py), since a rate change
    revalues every session and must not freeze the window.
    """

    apply: Callable[[Repository], object]
    revert: Callable[[Repository], object]


def run_changes(ctx: Context, text: str, changes: Sequence[Change]) -> bool:
    """Run ``changes`` as one undoable command, all in one transaction (nothing when empty).

    Raises what the repository raises; then nothing was stored and nothing was pushed.
    """
    if not changes:
        return False

    def forward(repo: Repository) -> None:
        with repo.transaction():
            for change in changes:
                change.apply(repo)

    def backward(repo: Repository) -> None:
        with repo.transaction():
            for change in reversed(changes):
                change.revert(repo)

    label = QCoreApplication.translate("run_changes", "Saving and revaluing sessions…")
    commands.run(
        ctx.undo,
        text,
        lambda: run_blocking(ctx, label, forward),
        lambda: run_blocking(ctx, label, backward),
    )
    return True


def combined(*reports: Report) -> Report:
    """All problems of several reports, for a form that shows fields of more than one entity."""
    problems: tuple[Problem, ...] = tuple(p for r in reports for p in r.problems)
    return Report(None, problems)


NUMBER_WIDTH = 200
"""Number fields get a width that fits their numbers, not the whole dialog."""


def align_labels(*forms: QFormLayout) -> None:
    """Give the label columns of several forms one width, so stacked groups line up."""
    labels = [
        item.widget()
        for form in forms
        for row in range(form.rowCount())
        if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
    ]
    width = max((label.sizeHint().width() for label in labels if label), default=0)
    for label in labels:
        if label:
            label.setMinimumWidth(width)
            if isinstance(label, QLabel):
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def plain(value: Decimal) -> str:
    """A stored number as the parser reads it back (no grouping, dot decimals, never 5E-3)."""
    return format(value, "f")


class RegionFields(QObject):
    """Region combo plus that region's minimum, daily limit and "as of" date, all editable.

    Why the edits are kept per region: switching region and back must not lose
    what was typed. Only the selected region's rule is saved.
    """

    changed = Signal()

    def __init__(
        self,
        form: ValidatedForm,
        rules: Sequence[RegionRule],
        region: str,
        today: date,
        locale: QLocale,
    ) -> None:
        super().__init__(form)
        self.form = form
        self.today = today
        self.rules = {rule.region: rule for rule in rules}
        self._stash: dict[str, dict[str, object]] = {}
        self._current = ""
        self._as_of_touched = False
        tr = self.tr
        self.region = QComboBox()
        for rule in sorted(rules, key=lambda r: r.name):
            self.region.addItem(f"{rule.name} ({rule.region})", rule.region)
        self.minimum = QLineEdit()
        self.daily_max = QLineEdit()
        for edit in (self.minimum, self.daily_max):
            edit.setMaximumWidth(NUMBER_WIDTH)
        self.as_of = date_edit(locale, today)
        self.note = QLabel()
        form.add_field(
            "region",
            tr("&Region:"),
            self.region,
            tr("Where your TikTok wallet is: TikTok's cash-out rules depend on it."),
        )
        form.add_field(
            "minimum_usd",
            tr("&Minimum to cash out (USD):"),
            self.minimum,
            tr("The smallest withdrawal TikTok allows in this region, in US dollars."),
        )
        form.add_field(
            "daily_max_usd",
            tr("&Daily limit (USD):"),
            self.daily_max,
            tr("The most you can withdraw in one calendar day, in US dollars."),
        )
        form.add_field(
            "as_of",
            tr("Rules &as of:"),
            self.as_of,
            tr("When your TikTok wallet showed these rules. Rules change: check it now and then."),
        )
        form.addRow("", self.note)
        self.region.setCurrentIndex(max(self.region.findData(region.upper()), 0))
        self._region_chosen()
        self.region.currentIndexChanged.connect(self._region_chosen)
        for edit in (self.minimum, self.daily_max):
            edit.textEdited.connect(self._rule_edited)
        self.as_of.dateChanged.connect(self._as_of_edited)

    # -- state -----------------------------------------------------------------------
    def code(self) -> str:
        return str(self.region.currentData() or "")

    def raw(self) -> dict[str, object]:
        rule = self.rules.get(self.code())
        return {
            "region": self.code(),
            "name": rule.name if rule else self.code(),
            "minimum_usd": self.minimum.text(),
            "daily_max_usd": self.daily_max.text(),
            "as_of": date_of(self.as_of),
            "note": rule.note if rule else "",
        }

    def report(self) -> Report[RegionRule]:
        return parse_region_rule(self.raw())

    def change(self, repo: Repository) -> Change | None:
        """Saving the selected region's edited rule; None when it is as stored."""
        after = self.report().value
        before = repo.get_region_rule(self.code())
        if after is None or after == before:
            return None

        def revert(target: Repository) -> None:
            if before is None:
                target.delete_region_rule(after.region)
            else:
                target.save_region_rule(before)

        return Change(lambda target: target.save_region_rule(after), revert)

    # -- reactions -------------------------------------------------------------------
    def _region_chosen(self, _index: int = 0) -> None:
        if self._current:
            self._stash[self._current] = {**self.raw(), "touched": self._as_of_touched}
        self._current = self.code()
        rule = self.rules.get(self._current)
        saved = self._stash.get(self._current)
        self.as_of.blockSignals(True)
        if saved is not None:
            self.minimum.setText(str(saved["minimum_usd"]))
            self.daily_max.setText(str(saved["daily_max_usd"]))
            self._set_as_of(saved["as_of"])  # type: ignore[arg-type]
            self._as_of_touched = bool(saved["touched"])
        elif rule is not None:
            self.minimum.setText(plain(rule.minimum_usd))
            self.daily_max.setText(plain(rule.daily_max_usd))
            self._set_as_of(rule.as_of)
            self._as_of_touched = False
        self.as_of.blockSignals(False)
        note = rule.note if rule and rule.note else self.tr("check your TikTok wallet")
        self.note.setText(self.tr("Rules differ by place and change: {note}.").format(note=note))
        self.note.setToolTip(
            self.tr(
                "These are defaults shipped with the app, not TikTok's own table: TikTok "
                "publishes no list per country. Your wallet shows the real figures."
            )
        )
        self.changed.emit()

    def _set_as_of(self, day: date) -> None:
        self.as_of.setDate(QDate(day.year, day.month, day.day))

    def _rule_edited(self, _text: str) -> None:
        """A changed minimum or limit is what the wallet shows now, unless a date was picked."""
        if not self._as_of_touched:
            self.as_of.blockSignals(True)
            self._set_as_of(self.today)
            self.as_of.blockSignals(False)
        self.changed.emit()

    def _as_of_edited(self, _date: object) -> None:
        self._as_of_touched = True
        self.changed.emit()


class CurrencyFields(QObject):
    """The account's display currency and, for anything but USD, a dated exchange rate."""

    changed = Signal()

    def __init__(
        self, form: ValidatedForm, repo: Repository, currency: str, today: date, locale: QLocale
    ) -> None:
        super().__init__(form)
        self.form = form
        self.repo = repo
        self.today = today
        self.existing: ExchangeRate | None = None
        tr = self.tr
        self.currency = currency_combo(COMMON_CURRENCIES, currency)
        self.per_usd = QLineEdit()
        self.per_usd.setPlaceholderText("0.92")
        self.per_usd.setMaximumWidth(NUMBER_WIDTH)
        self.unit = QLabel()
        rate_box = QWidget()
        row = QHBoxLayout(rate_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(tr("1 US dollar =")))
        row.addWidget(self.per_usd)
        row.addWidget(self.unit)
        row.addStretch(1)
        self.effective = date_edit(locale, today)
        form.add_field(
            "currency",
            tr("Display &currency:"),
            self.currency,
            tr(
                "Money is shown in this currency. TikTok counts in US dollars; the exchange "
                "rate below converts them."
            ),
        )
        form.add_field(
            "per_usd",
            tr("E&xchange rate:"),
            rate_box,
            tr("How many units of your currency one US dollar buys (your bank's rate)."),
        )
        self.per_usd.setAccessibleName(tr("Exchange rate per US dollar"))
        form.add_field(
            "effective",
            tr("Rate &from:"),
            self.effective,
            tr("The day this exchange rate starts to apply; earlier rates stay for older days."),
        )
        self.currency.currentTextChanged.connect(self._currency_chosen)
        self.per_usd.textEdited.connect(lambda _text: self.changed.emit())
        self.effective.dateChanged.connect(lambda _date: self.changed.emit())
        self._currency_chosen(self.currency.currentText())

    def code(self) -> str:
        return self.currency.currentText().strip().upper()

    def is_usd(self) -> bool:
        return self.code() == "USD"

    def report(self) -> Report[ExchangeRate] | None:
        """The exchange rate as typed; None for USD (nothing to convert)."""
        if self.is_usd():
            return None
        return parse_exchange_rate(
            {
                "currency": self.code(),
                "effective": date_of(self.effective),
                "per_usd": self.per_usd.text(),
            }
        )

    def change(self) -> Change | None:
        """Storing the typed rate; None when it is the one already in force (or for USD)."""
        report = self.report()
        rate = report.value if report is not None else None
        if rate is None:
            return None
        existing = self.existing
        if existing is not None and (existing.effective, existing.per_usd) == (
            rate.effective,
            rate.per_usd,
        ):
            return None
        repo = self.repo
        same_day = next(
            (r for r in repo.list_exchange_rates(rate.currency) if r.effective == rate.effective),
            None,
        )
        if same_day is not None:
            updated = ExchangeRate(rate.currency, rate.effective, rate.per_usd, same_day.id)
            return Change(
                lambda target: target.update_exchange_rate(updated),
                lambda target: target.update_exchange_rate(same_day),
            )
        stored = [rate]

        def apply(target: Repository) -> None:
            stored[0] = target.add_exchange_rate(stored[0])  # redo keeps the first id

        return Change(apply, lambda target: target.delete_exchange_rate(stored[0].id or 0))

    def _currency_chosen(self, _text: str) -> None:
        code = self.code()
        usd = self.is_usd()
        for key in ("per_usd", "effective"):  # nothing to convert for US dollars
            row = self.form.fields[key].parentWidget()
            if row is not None:
                self.form.setRowVisible(row, not usd)
        self.unit.setText(code if not usd else "")
        self.existing = (
            None if usd or len(code) != 3 else self.repo.exchange_rate_on(code, self.today)
        )
        self.effective.blockSignals(True)
        if self.existing is not None:
            self.per_usd.setText(plain(self.existing.per_usd))
            day = self.existing.effective
        else:
            self.per_usd.setText("")
            day = self.today
        self.effective.setDate(QDate(day.year, day.month, day.day))
        self.effective.blockSignals(False)
        self.changed.emit()
