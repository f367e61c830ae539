"""Choosing a report's period: a month, a quarter, a year, a tax year or any range of days.

The periods themselves (their first and last days, their names) come from
``core.report``, the same functions the CLI's ``--period`` uses, so the window
and ``tiklive report`` agree on what "Q3 2026" or "Tax year 2026/27" covers.
The tax year's first month is a preference of this computer's window (UK
creators start in April, Australians in July), kept in the UI settings.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QWidget,
)

from tiklive_desktop.core.fields import TIKTOK_LIVE_START
from tiklive_desktop.core.report import Period, month_period, parse_period, tax_year
from tiklive_desktop.gui.editors.record_dialog import date_edit, date_of
from tiklive_desktop.gui.formatting import Formatter
from tiklive_desktop.gui.settings import Option, UiSettings

TAX_YEAR_FIRST_MONTH = Option("reports/tax_year_first_month", 1)
KINDS = ("month", "quarter", "year", "tax", "custom")


class PeriodPicker(QWidget):
    """Emits ``changed()`` whenever the chosen period changes; :meth:`period` reads it."""

    changed = Signal()

    def __init__(
        self,
        fmt: Formatter,
        settings: UiSettings,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.fmt = fmt
        self.settings = settings
        self.today = today
        locale = fmt.locale
        now = today()
        tr = self.tr

        self.kind = QComboBox()
        for key, text in zip(
            KINDS,
            (tr("Month"), tr("Quarter"), tr("Year"), tr("Tax year"), tr("Custom range")),
            strict=True,
        ):
            self.kind.addItem(text, key)
        self.kind.setAccessibleName(tr("Kind of period"))
        self.month = QComboBox()
        self.first_month = QComboBox()
        for number in range(1, 13):
            name = locale.standaloneMonthName(number, QLocale.FormatType.LongFormat)
            self.month.addItem(name, number)
            self.first_month.addItem(name, number)
        self.month.setCurrentIndex(now.month - 1)
        self.month.setAccessibleName(tr("Month"))
        first = min(max(settings.get(TAX_YEAR_FIRST_MONTH), 1), 12)
        self.first_month.setCurrentIndex(first - 1)
        self.first_month.setAccessibleName(tr("Tax year starts in"))
        self.first_month.setToolTip(
            tr("The month your tax year begins (April in the UK, July in Australia)")
        )
        self.quarter = QComboBox()
        for number in range(1, 5):
            self.quarter.addItem(tr("Q{number}").format(number=number), number)
        self.quarter.setCurrentIndex((now.month - 1) // 3)
        self.quarter.setAccessibleName(tr("Quarter"))
        self.year = QSpinBox()
        self.year.setRange(TIKTOK_LIVE_START.year, max(now.year + 1, TIKTOK_LIVE_START.year))
        self.year.setValue(now.year)
        self.year.setGroupSeparatorShown(False)
        self.year.setAccessibleName(tr("Year"))
        self.year.setMinimumWidth(self.year.fontMetrics().horizontalAdvance("20266") + 40)
        self.starts_label = QLabel(tr("starting in"))
        self.start_day = date_edit(locale, now.replace(day=1))
        self.start_day.setAccessibleName(tr("First day"))
        self.end_day = date_edit(locale, now)
        self.end_day.setAccessibleName(tr("Last day"))
        self.to_label = QLabel(tr("to"))
        self.previous = QToolButton()
        self.previous.setText("◀")
        self.previous.setToolTip(tr("Previous period"))
        self.previous.setAccessibleName(tr("Previous period"))
        self.next = QToolButton()
        self.next.setText("▶")
        self.next.setToolTip(tr("Next period"))
        self.next.setAccessibleName(tr("Next period"))
        self.days = QLabel()
        self.days.setAccessibleName(tr("Days in the period"))

        label = QLabel(tr("&Period:"))
        label.setBuddy(self.kind)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.kind)
        row.addWidget(self.previous)
        for widget in (
            self.month,
            self.quarter,
            self.year,
            self.starts_label,
            self.first_month,
            self.start_day,
            self.to_label,
            self.end_day,
        ):
            row.addWidget(widget)
        row.addWidget(self.next)
        row.addSpacing(8)
        row.addWidget(self.days)
        row.addStretch(1)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        for combo in (self.month, self.quarter, self.first_month):
            combo.currentIndexChanged.connect(self._changed)
        self.first_month.currentIndexChanged.connect(
            lambda _i: settings.set(TAX_YEAR_FIRST_MONTH, self.first_month.currentData())
        )
        self.year.valueChanged.connect(self._changed)
        for edit in (self.start_day, self.end_day):
            edit.dateChanged.connect(self._changed)
        self.previous.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        self._kind_changed()

    # -- reading ------------------------------------------------------------------
    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def period(self) -> Period | None:
        """The chosen period, or None for a range that ends before it begins."""
        year = self.year.value()
        kind = self.current_kind()
        if kind == "month":
            return month_period(year, self.month.currentData())
        if kind == "quarter":
            return parse_period(f"{year}-Q{self.quarter.currentData()}", today=self.today())
        if kind == "year":
            return parse_period(str(year), today=self.today())
        if kind == "tax":
            return tax_year(year, self.first_month.currentData())
        start, end = date_of(self.start_day), date_of(self.end_day)
        if start > end:
            return None
        return parse_period(f"{start.isoformat()}..{end.isoformat()}", today=self.today())

    # -- changing -----------------------------------------------------------------
    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(KINDS.index(kind))

    def step(self, direction: int) -> None:
        """Move to the previous (-1) or next (+1) period of the same kind."""
        kind = self.current_kind()
        if kind in ("month", "quarter"):
            combo = self.month if kind == "month" else self.quarter
            index = self.year.value() * combo.count() + combo.currentIndex() + direction
            year, position = divmod(index, combo.count())
            if self.year.minimum() <= year <= self.year.maximum():
                blocked = self.blockSignals(True)  # one changed() for both controls
                self.year.setValue(year)
                combo.setCurrentIndex(position)
                self.blockSignals(blocked)
                self._changed()
        elif kind == "custom":
            start, end = date_of(self.start_day), date_of(self.end_day)
            if start <= end:
                shift = timedelta(days=((end - start).days + 1) * direction)
                blocked = self.blockSignals(True)
                self.start_day.setDate(_qdate(start + shift))
                self.end_day.setDate(_qdate(end + shift))
                self.blockSignals(blocked)
                self._changed()
        else:
            self.year.setValue(self.year.value() + direction)

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.month.setVisible(kind == "month")
        self.quarter.setVisible(kind == "quarter")
        self.year.setVisible(kind != "custom")
        self.starts_label.setVisible(kind == "tax")
        self.first_month.setVisible(kind == "tax")
        for widget in (self.start_day, self.to_label, self.end_day):
            widget.setVisible(kind == "custom")
        self.year.setToolTip(
            self.tr("The calendar year the tax year begins in") if kind == "tax" else ""
        )
        self._changed()

    def _changed(self) -> None:
        period = self.period()
        if period is None:
            self.days.setText(self.tr("The last day is before the first day."))
        else:
            self.days.setText(
                self.tr("{start} – {end}").format(
                    start=self.fmt.day(period.start), end=self.fmt.day(period.end)
                )
            )
        self.changed.emit()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
