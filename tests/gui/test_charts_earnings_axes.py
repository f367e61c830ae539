"""The shared chart pieces the earnings chart stands on: axes, the range picker, day <-> x."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QLocale

from tiklive_desktop.gui.charts.axes import (
    DateAxis,
    NumberAxis,
    _tick_days,
    day_to_x,
    days_to_x,
    x_to_day,
)
from tiklive_desktop.gui.charts.range_picker import DateRangePicker
from tiklive_desktop.gui.formatting import Formatter

US = Formatter(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
DE = Formatter(QLocale(QLocale.Language.German, QLocale.Country.Germany))


@given(st.dates(min_value=date(1, 1, 2), max_value=date(9999, 12, 30)))
def test_days_and_x_round_trip(day: date) -> None:
    assert x_to_day(day_to_x(day)) == day
    assert x_to_day(day_to_x(day) + 86399) == day
    assert days_to_x([day]).tolist() == [day_to_x(day)]


def test_x_is_utc_midnight_in_seconds() -> None:
    assert day_to_x(date(1970, 1, 2)) == 86400
    assert day_to_x(date(2026, 10, 5)) == 1_791_158_400  # date -u -d 2026-10-05 +%s


@pytest.mark.parametrize(
    ("fmt", "currency", "value", "spacing", "text"),
    [
        (US, None, 12000.0, 1000.0, "12,000"),
        (US, None, 0.5, 0.25, "0.50"),
        (US, "USD", 1200.0, 200.0, "$1,200"),
        (US, "USD", 2.5, 0.5, "$2.50"),
        (DE, None, 1234567.0, 100000.0, "1.234.567"),
        (DE, "EUR", 1200.0, 200.0, "1.200\u00a0€"),
    ],
)
def test_number_axis_ticks_are_the_locales_numbers(
    qtbot, fmt: Formatter, currency: str | None, value: float, spacing: float, text: str
) -> None:
    axis = NumberAxis(fmt, currency=currency)
    assert axis.tickStrings([value], 1.0, spacing) == [text]


@pytest.mark.parametrize(
    ("days", "width", "first_labels"),
    [
        (30, 900, ["Jan 5", "Jan 12", "Jan 19", "Jan 26"]),  # whole weeks, Mondays
        (365, 900, ["Jan 2026", "Mar 2026", "May 2026"]),
        (3650, 900, ["2026", "2027", "2028"]),
        (3650, 4000, ["Jan 2026", "Apr 2026", "Jul 2026"]),
    ],
)
def test_date_axis_picks_the_finest_step_whose_labels_fit(
    qtbot, days: int, width: int, first_labels: list[str]
) -> None:
    axis = DateAxis(fmt=US)
    start = date(2026, 1, 1)
    levels = axis.tickValues(day_to_x(start), day_to_x(start + timedelta(days=days)), width)
    spacing, ticks = levels[0]
    labels = axis.tickStrings(ticks, 1.0, spacing)
    assert labels[: len(first_labels)] == first_labels
    assert len(labels) * axis._label_width(axis.unit) <= width  # side by side, no overlap


def test_tick_grids() -> None:
    october = (date(2026, 10, 1), date(2026, 10, 31))
    assert _tick_days("day", 7, *october) == [date(2026, 10, d) for d in (5, 12, 19, 26)]
    assert _tick_days("month", 3, date(2026, 2, 1), date(2026, 12, 31)) == [
        date(2026, 4, 1),
        date(2026, 7, 1),
        date(2026, 10, 1),
    ]
    assert _tick_days("year", 5, date(2021, 6, 1), date(2036, 1, 1)) == [
        date(2025, 1, 1),
        date(2030, 1, 1),
        date(2035, 1, 1),
    ]


def test_range_presets_and_a_custom_range_typed_backwards(qtbot) -> None:
    picker = DateRangePicker(US, lambda: date(2026, 3, 15), "12m")
    qtbot.addWidget(picker)
    assert picker.range() == (date(2025, 4, 1), date(2026, 3, 15))
    picker.select("30d")
    assert picker.range() == (date(2026, 2, 14), date(2026, 3, 15))
    with qtbot.waitSignal(picker.changed):
        picker.select("all")
    assert picker.range() == (None, None)
    assert not picker.start_edit.isEnabled()
    picker.set_custom(date(2026, 3, 1), date(2026, 1, 1))
    assert picker.key() == "custom" and picker.start_edit.isEnabled()
    assert picker.range() == (date(2026, 1, 1), date(2026, 3, 1))
