"""The date range of a chart: a preset ("Last 30 days"...) or two date fields."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from tiklive_desktop.core.report import add_months
from tiklive_desktop.gui.editors.record_dialog import date_edit, date_of
from tiklive_desktop.gui.formatting import Formatter

RANGES: tuple[str, ...] = ("30d", "90d", "12m", "all", "custom")


class DateRangePicker(QWidget):
    """A preset range ("Last 30 days"...) or a custom one typed into two date fields.

    ``changed`` fires once per user change. ``range()`` gives (start, end), both
    inclusive, None for "all time" (the chart then runs from the first record).
    Editing a date switches the preset to "Custom".
    """

    changed = Signal()

    def __init__(
        self,
        fmt: Formatter,
        today: Callable[[], date],
        default: str = "12m",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.today = today
        self.preset = QComboBox()
        self.preset.setAccessibleName(self.tr("Date range"))
        names = {
            "30d": self.tr("Last 30 days"),
            "90d": self.tr("Last 90 days"),
            "12m": self.tr("Last 12 months"),
            "all": self.tr("All time"),
            "custom": self.tr("Custom range"),
        }
        for key in RANGES:
            self.preset.addItem(names[key], key)
        day = today()
        self.start_edit = date_edit(fmt.locale, day - timedelta(days=29))
        self.end_edit = date_edit(fmt.locale, day)
        self.start_edit.setAccessibleName(self.tr("From"))
        self.end_edit.setAccessibleName(self.tr("To"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preset)
        layout.addWidget(self.start_edit)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.end_edit)
        self.preset.setCurrentIndex(RANGES.index(default))
        self._show_preset()
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.start_edit.dateChanged.connect(self._dates_edited)
        self.end_edit.dateChanged.connect(self._dates_edited)

    def key(self) -> str:
        return str(self.preset.currentData())

    def range(self) -> tuple[date | None, date | None]:
        key = self.key()
        day = self.today()
        if key == "30d":
            return day - timedelta(days=29), day
        if key == "90d":
            return day - timedelta(days=89), day
        if key == "12m":
            return add_months(day, -11), day
        if key == "all":
            return None, None
        start, end = date_of(self.start_edit), date_of(self.end_edit)
        return (start, end) if start <= end else (end, start)

    def set_custom(self, start: date, end: date) -> None:
        """Select a custom range (as if typed)."""
        self._show_dates(start, end)
        self.select("custom")

    def show_bounds(self, start: date, end: date) -> None:
        """With "All time", show the days the chart actually covers in the date fields."""
        if self.key() != "all":
            return
        self._show_dates(start, end)

    def _show_dates(self, start: date, end: date) -> None:
        """Put the days in the fields without it counting as the user's edit."""
        for edit, day in ((self.start_edit, start), (self.end_edit, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def select(self, key: str) -> None:
        """Choose a preset; ``changed`` fires even when it was already chosen."""
        index = RANGES.index(key)
        if self.preset.currentIndex() == index:
            self.changed.emit()
        else:
            self.preset.setCurrentIndex(index)

    def _show_preset(self) -> None:
        """Show the preset's dates in the fields; "All time" greys them out (its chart may
        fill them in with ``show_bounds``); "Custom range" lets them be edited."""
        all_time = self.key() == "all"
        self.start_edit.setEnabled(not all_time)
        self.end_edit.setEnabled(not all_time)
        start, end = self.range()
        if start is None or end is None or self.key() == "custom":
            return
        self._show_dates(start, end)

    def _preset_changed(self) -> None:
        self._show_preset()
        self.changed.emit()

    def _dates_edited(self) -> None:
        if self.key() != "custom":
            self.preset.blockSignals(True)
            self.preset.setCurrentIndex(RANGES.index("custom"))
            self.preset.blockSignals(False)
        self.changed.emit()
