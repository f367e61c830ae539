"""Hostile settings typed into the settings dialog: said beside the field, never stored.

A commission of 150%, a negative exchange rate, a Diamond worth 0, an agency
share over 100%, a negative minimum withdrawal, a daily limit below the
minimum, numbers past 2**53: each shows core validation's sentence under its
field, OK stays disabled, and pressing it (or Enter) stores nothing.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tiklive_desktop.core.entities import Account
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.settings_dialog import SettingsDialog

TODAY = date(2026, 10, 26)
TOO_LARGE = "is too large: the most this app accepts is 1,000,000,000,000."
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def dialog(qtbot, ctx: Context, account: Account) -> SettingsDialog:
    widget = SettingsDialog(ctx, account.id, today=TODAY)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def retype(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    edit.insert(text)  # as typed or pasted: any characters, not only QTest's ASCII
    edit.textEdited.emit(edit.text())


def stored_state(ctx: Context) -> tuple:
    repo = ctx.store.repo
    return (
        repo.list_accounts(),
        repo.list_rate_periods(),
        repo.list_region_rules(),
        repo.list_exchange_rates(),
    )


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("commission", "150%", "TikTok's commission must be between 0% and 100%, like 50% or 0.5."),
        ("agency_share", "101%", "The agency share must be between 0% and 100%, like 50% or 0.5."),
        ("diamond_value_usd", "0", "The Diamond value must be more than 0."),
        (
            "diamond_value_usd",
            "0.0000000005",
            "The Diamond value is too small: at least 0.0001 US dollars, like 0.005.",
        ),
        ("coin_value_usd", "-0.01", "The coin value cannot be negative."),
        (
            "coin_value_usd",
            str(2**53 + 1),
            "The coin value is too large: the most this app accepts is 1.",
        ),
        ("coin_value_usd", "1e309", "The coin value must be a number, like 0.01."),
        (
            "coin_value_usd",
            "٠٫٠١",
            "The coin value must be a number, like 0.01.",
        ),  # Arabic decimal sign
    ],
)
def test_a_bad_rate_period_is_refused_in_its_editor(
    qtbot, dialog: SettingsDialog, ctx: Context, field: str, typed: str, message: str
) -> None:
    before = stored_state(ctx)
    dialog.tabs.setCurrentWidget(dialog.rates)
    qtbot.mouseClick(dialog.rates.add_button, Qt.MouseButton.LeftButton)
    editor = dialog.rates.editor
    assert editor is not None
    rows = dialog.rates.table.rowCount()
    retype(qtbot, editor.form.fields[field], typed)
    assert editor.form.message(field) == message
    assert not editor.ok_button.isEnabled()
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible() and dialog.rates.table.rowCount() == rows
    editor.reject()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert stored_state(ctx) == before and ctx.undo.count() == 0


@pytest.mark.parametrize(
    ("widget", "typed", "form", "key", "message"),
    [
        ("minimum", "-10", "region_form", "minimum_usd", "The minimum cannot be negative."),
        (
            "daily_max",
            "50",
            "region_form",
            "minimum_usd",
            "The minimum cannot be more than the daily maximum.",
        ),
        ("daily_max", str(2**63), "region_form", "daily_max_usd", f"The daily maximum {TOO_LARGE}"),
        ("per_usd", "-0.9", "money_form", "per_usd", "Units per US dollar cannot be negative."),
        ("per_usd", "0", "money_form", "per_usd", "Units per US dollar must be more than 0."),
        (
            "goal",
            str(2**53 + 1),
            "goal_form",
            "monthly_goal_diamonds",
            f"The monthly goal {TOO_LARGE}",
        ),
        (
            "goal",
            "1٣",
            "goal_form",
            "monthly_goal_diamonds",
            "The monthly goal must be a whole number, like 100000.",
        ),
    ],
)
def test_bad_account_settings_are_refused_beside_their_field(
    qtbot,
    dialog: SettingsDialog,
    ctx: Context,
    widget: str,
    typed: str,
    form: str,
    key: str,
    message: str,
) -> None:
    before = stored_state(ctx)
    if widget == "per_usd":
        assert dialog.currency is not None
        retype(qtbot, dialog.currency.currency.lineEdit(), "EUR")
        edit = dialog.currency.per_usd
    elif widget == "goal":
        assert dialog.goal is not None
        edit = dialog.goal
    else:
        assert dialog.region is not None
        edit = getattr(dialog.region, widget)
    retype(qtbot, edit, typed)
    assert getattr(dialog, form).message(key) == message
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert stored_state(ctx) == before and ctx.undo.count() == 0


def test_a_goal_in_arabic_indic_digits_is_stored_as_the_number(
    qtbot, dialog: SettingsDialog, ctx: Context, account: Account
) -> None:
    assert dialog.goal is not None and account.id is not None
    retype(qtbot, dialog.goal, "١٥٠٠٠٠")
    assert dialog.goal_form.message("monthly_goal_diamonds") == ""
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    stored = ctx.store.repo.get_account(account.id)
    assert stored is not None and stored.monthly_goal_diamonds == 150_000
