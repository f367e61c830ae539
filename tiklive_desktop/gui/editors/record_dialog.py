"""What the small record editors share: a validated form, OK/Cancel, and field factories.

The dialog re-reads its fields through a ``core.validation.parse_*`` function
on every keystroke. Messages appear only under fields the user has touched
(an empty new form does not start out shouting), but OK stays disabled while
anything is wrong, so an invalid record can never be saved. The dialog does
not store anything itself: its owner reads :attr:`RecordDialog.value` on
``accepted`` and stores it through an undoable command.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tiklive_desktop.core.fields import Problem, Report
from tiklive_desktop.core.money import round_money
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.form import ValidatedForm


def date_edit(locale: QLocale, day: date) -> QDateEdit:
    """A date field in the user's locale, always with a four-digit year (no 1926 surprises)."""
    edit = QDateEdit()
    edit.setLocale(locale)
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    edit.setDisplayFormat(pattern)
    edit.setCalendarPopup(True)
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def date_of(edit: QDateEdit) -> date:
    qdate = edit.date()
    return date(qdate.year(), qdate.month(), qdate.day())


def currency_combo(codes: Iterable[str], current: str) -> QComboBox:
    """An editable list of ISO codes: the usual ones offered, any other can be typed."""
    combo = QComboBox()
    combo.setEditable(True)
    seen: list[str] = []
    for code in (current, *codes):
        if code and code not in seen:
            seen.append(code)
    combo.addItems(seen)
    combo.setCurrentText(current)
    line = combo.lineEdit()
    if line is not None:
        line.setMaxLength(3)
    combo.setMinimumContentsLength(5)
    return combo


def money_text(amount: Decimal) -> str:
    """An amount in cents as core's parser reads it back (dot decimals, no grouping): '75.00'.

    Not the locale's "75,00": core refuses a decimal comma rather than guess.
    """
    return f"{round_money(amount):f}"


def has_fraction_of_cent(amount: Decimal | None) -> bool:
    """Amounts are stored in whole cents; a fraction of a cent is refused, not rounded away."""
    return amount is not None and round_money(amount) != amount


class RecordDialog(QDialog):
    """A ValidatedForm with OK/Cancel; subclasses add fields, ``raw()`` and ``parse()``."""

    def __init__(self, ctx: Context, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.form = ValidatedForm()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.touched: set[str] = set()
        self.report: Report[Any] = Report(None)
        self.value: Any = None

    @property
    def ok_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    # -- for subclasses ------------------------------------------------------------
    def raw(self) -> Mapping[str, object]:
        raise NotImplementedError

    def parse(self, raw: Mapping[str, object]) -> Report[Any]:
        raise NotImplementedError

    def extra_problems(self, report: Report[Any]) -> list[Problem]:
        """Rules the core parser cannot know (a duplicate name, whole cents)."""
        return []

    def watch(self, key: str, widget: QWidget) -> None:
        """Re-validate when ``widget`` changes; the user's edits mark ``key`` as touched."""
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _text: self.touch(key))
            widget.textChanged.connect(lambda _text: self.validate())
        elif isinstance(widget, QComboBox):
            widget.currentTextChanged.connect(lambda _text: self.touch(key))
        elif isinstance(widget, QDateEdit):
            widget.dateChanged.connect(lambda _date: self.touch(key))
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(lambda _on: self.touch(key))
        else:
            raise TypeError(f"cannot watch {type(widget).__name__}")

    def touch_all(self) -> None:
        """Show every message (editing a stored record: everything is the user's)."""
        self.touched.update(self.form.fields)
        self.validate()

    # -- validation ----------------------------------------------------------------
    def touch(self, key: str) -> None:
        self.touched.add(key)
        self.validate()

    def validate(self) -> bool:
        report = self.parse(self.raw())
        extra = self.extra_problems(report)
        if extra:
            report = Report(None, (*report.problems, *extra))
        self.report = report
        self.form.show_report(report, only=self.touched)
        self.ok_button.setEnabled(report.ok)
        return report.ok

    def accept(self) -> None:
        """Enter presses OK even while it is disabled: refuse then, and show every message."""
        if not self.validate():
            self.touch_all()
            return
        self.value = self.report.value
        super().accept()
