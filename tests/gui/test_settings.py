"""The settings dialog, typed into like a person would; checks what is shown and stored.

Sample session 2 (Wed 2026-10-07) has no reported Diamonds: its 30,099 coins of
gifts give 30,099 Diamonds at the default 50% commission, and
floor(30,099 x $0.01 x 0.47 / $0.005) = floor(28,293.06) = 28,293 at 53%.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog

from tiklive_desktop.core.entities import Account, ExchangeRate, RatePeriod
from tiklive_desktop.gui import settings as options
from tiklive_desktop.gui.context import Context
from tiklive_desktop.gui.editors.settings_dialog import SettingsDialog
from tiklive_desktop.gui.theme import apply_theme, is_dark
from tiklive_desktop.storage.queries import SessionQuery

TODAY = date(2026, 10, 26)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def dialog(qtbot, ctx: Context, account: Account) -> SettingsDialog:
    widget = SettingsDialog(ctx, account.id, today=TODAY)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def retype(qtbot, edit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def pick_day(edit, day: date) -> None:
    """As if picked in the calendar popup (QDateEdit's section typing is not a person's way)."""
    edit.setDate(QDate(day.year, day.month, day.day))


def click_ok(qtbot, dialog: QDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]


def test_shows_the_accounts_settings(dialog: SettingsDialog, account: Account) -> None:
    assert dialog.region is not None and dialog.currency is not None and dialog.goal is not None
    assert dialog.region.code() == "US"
    assert (dialog.region.minimum.text(), dialog.region.daily_max.text()) == ("100", "1000")
    assert "check your TikTok wallet" in dialog.region.note.text()
    assert dialog.currency.code() == "USD"
    assert dialog.goal.text() == ""
    assert dialog.ok_button.isEnabled()


def test_nothing_changed_pushes_nothing(qtbot, dialog: SettingsDialog, ctx: Context) -> None:
    click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ctx.undo.count() == 0


def test_region_rule_edit_is_stored_and_undoable(
    qtbot, dialog: SettingsDialog, ctx: Context
) -> None:
    assert dialog.region is not None
    retype(qtbot, dialog.region.daily_max, "abc")
    assert dialog.region_form.message("daily_max_usd") == (
        "The daily maximum must be a number, like 1000."
    )
    assert not dialog.ok_button.isEnabled()
    retype(qtbot, dialog.region.daily_max, "800")
    retype(qtbot, dialog.region.minimum, "$50")
    assert dialog.ok_button.isEnabled()
    click_ok(qtbot, dialog)
    repo = ctx.store.repo
    rule = repo.get_region_rule("US")
    assert rule is not None
    assert (rule.minimum_usd, rule.daily_max_usd, rule.as_of) == (Decimal(50), Decimal(800), TODAY)
    ctx.undo.undo()
    rule = repo.get_region_rule("US")
    assert rule is not None and (rule.minimum_usd, rule.as_of) == (Decimal(100), date(2026, 11, 1))


def test_goal_is_validated_and_stored(qtbot, dialog: SettingsDialog, ctx: Context, account) -> None:
    assert dialog.goal is not None
    qtbot.keyClicks(dialog.goal, "lots")
    assert dialog.goal_form.message("monthly_goal_diamonds") == (
        "The monthly goal must be a whole number, like 100000."
    )
    assert not dialog.ok_button.isEnabled()
    retype(qtbot, dialog.goal, "-5")
    assert (
        dialog.goal_form.message("monthly_goal_diamonds") == "The monthly goal cannot be negative."
    )
    retype(qtbot, dialog.goal, "150,000")
    assert dialog.goal_form.message("monthly_goal_diamonds") == ""
    qtbot.keyClick(dialog.goal, Qt.Key.Key_Return)
    stored = ctx.store.repo.get_account(account.id)
    assert stored == dataclasses.replace(account, monthly_goal_diamonds=150_000)


def test_currency_with_a_dated_exchange_rate(qtbot, dialog: SettingsDialog, ctx: Context) -> None:
    currency = dialog.currency
    assert currency is not None
    retype(qtbot, currency.currency.lineEdit(), "EUR")
    assert dialog.money_form.message("per_usd") == "Units per US dollar is required."
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(currency.per_usd, "0.9")
    pick_day(currency.effective, date(2026, 1, 1))
    click_ok(qtbot, dialog)
    repo = ctx.store.repo
    assert repo.list_accounts()[0].currency == "EUR"
    [rate] = repo.list_exchange_rates("EUR")
    assert rate == ExchangeRate("EUR", date(2026, 1, 1), Decimal("0.9"), id=rate.id)
    assert ctx.undo.count() == 1  # account and exchange rate: one step
    ctx.undo.undo()
    assert repo.list_accounts()[0].currency == "USD" and repo.list_exchange_rates() == []


def test_an_existing_rate_is_shown_and_a_new_one_added(qtbot, ctx: Context, account) -> None:
    repo = ctx.store.repo
    repo.update_account(dataclasses.replace(account, currency="GBP"))
    repo.add_exchange_rate(ExchangeRate("GBP", date(2026, 1, 1), Decimal("0.8")))
    dialog = SettingsDialog(ctx, account.id, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.currency is not None
    assert dialog.currency.per_usd.text() == "0.8"
    retype(qtbot, dialog.currency.per_usd, "0.75")
    pick_day(dialog.currency.effective, date(2026, 10, 1))
    click_ok(qtbot, dialog)
    assert [(r.effective, r.per_usd) for r in repo.list_exchange_rates("GBP")] == [
        (date(2026, 1, 1), Decimal("0.8")),
        (date(2026, 10, 1), Decimal("0.75")),
    ]


def test_a_commission_of_150_percent_is_refused(qtbot, dialog: SettingsDialog) -> None:
    dialog.tabs.setCurrentWidget(dialog.rates)
    qtbot.mouseClick(dialog.rates.add_button, Qt.MouseButton.LeftButton)
    editor = dialog.rates.editor
    assert editor is not None and editor.isVisible()
    retype(qtbot, editor.commission, "150%")
    assert editor.form.message("commission") == (
        "TikTok's commission must be between 0% and 100%, like 50% or 0.5."
    )
    assert not editor.ok_button.isEnabled()
    assert "Fix the fields above" in editor.preview.text()


def test_add_a_rate_period_recomputes_sessions_and_undoes(
    qtbot, dialog: SettingsDialog, ctx: Context, sample_sessions
) -> None:
    repo = ctx.store.repo
    rates = dialog.rates
    qtbot.mouseClick(rates.add_button, Qt.MouseButton.LeftButton)
    editor = rates.editor
    assert editor is not None
    pick_day(editor.effective, date(2026, 10, 1))
    retype(qtbot, editor.commission, "53%")
    # 1,000 coins = $10.00 of gifts; 47% of it is $4.70 = 940 Diamonds.
    assert editor.preview.text() == "1,000 coins of gifts ($10.00) give 940 Diamonds, $4.70 to you."
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    table = rates.table
    cells = [[table.item(r, c).text() for c in range(6)] for r in range(table.rowCount())]
    assert cells == [
        ["1/1/16", "All accounts", "$0.01", "50%", "$0.005", "0%"],
        ["10/1/26", "All accounts", "$0.01", "53%", "$0.005", "0%"],
    ]
    assert repo.get_session(sample_sessions[1].id) is not None
    assert len(repo.list_rate_periods()) == 1  # nothing stored before OK
    click_ok(qtbot, dialog)
    assert [p.commission for p in repo.list_rate_periods()] == [Decimal("0.50"), Decimal("0.53")]
    [row] = [r for r in repo.query_sessions(SessionQuery(), 10) if r.id == sample_sessions[1].id]
    assert row.diamonds == 28_293
    ctx.undo.undo()
    assert len(repo.list_rate_periods()) == 1
    [row] = [r for r in repo.query_sessions(SessionQuery(), 10) if r.id == sample_sessions[1].id]
    assert row.diamonds == 30_099
    ctx.undo.redo()
    assert [p.commission for p in repo.list_rate_periods()] == [Decimal("0.50"), Decimal("0.53")]


def test_edit_and_remove_rate_periods(qtbot, ctx: Context, account: Account) -> None:
    repo = ctx.store.repo
    own = repo.add_rate_period(
        RatePeriod(date(2026, 5, 1), agency_share=Decimal("0.1"), account_id=account.id)
    )
    dialog = SettingsDialog(ctx, account.id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    rates = dialog.rates
    assert rates.table.item(1, 1).text() == "@luna.sings"
    assert rates.table.item(1, 5).text() == "10%"
    rates.table.selectRow(1)
    qtbot.mouseClick(rates.edit_button, Qt.MouseButton.LeftButton)
    editor = rates.editor
    assert editor is not None
    assert (editor.commission.text(), editor.agency_share.text()) == ("50%", "10%")
    retype(qtbot, editor.agency_share, "15%")
    qtbot.keyClick(editor.agency_share, Qt.Key.Key_Return)
    assert rates.table.item(1, 5).text() == "15%"
    rates.table.selectRow(0)
    qtbot.mouseClick(rates.remove_button, Qt.MouseButton.LeftButton)
    assert rates.table.rowCount() == 1
    assert not rates.remove_button.isEnabled()  # the last period stays
    click_ok(qtbot, dialog)
    assert repo.list_rate_periods() == [dataclasses.replace(own, agency_share=Decimal("0.15"))]
    ctx.undo.undo()
    assert [p.agency_share for p in repo.list_rate_periods()] == [Decimal(0), Decimal("0.1")]


def test_two_periods_cannot_start_on_the_same_day(qtbot, dialog: SettingsDialog) -> None:
    qtbot.mouseClick(dialog.rates.add_button, Qt.MouseButton.LeftButton)
    editor = dialog.rates.editor
    assert editor is not None
    pick_day(editor.effective, date(2016, 1, 1))
    assert editor.form.message("effective") == (
        "Another rate period for the same accounts starts on this day."
    )
    assert not editor.ok_button.isEnabled()
    editor.scope.setFocus()
    qtbot.keyClick(editor.scope, Qt.Key.Key_Down)  # "Only @luna.sings"
    assert editor.form.message("effective") == ""
    assert editor.ok_button.isEnabled()


def test_cancel_stores_nothing(qtbot, dialog: SettingsDialog, ctx: Context) -> None:
    assert dialog.goal is not None and dialog.region is not None
    qtbot.keyClicks(dialog.goal, "5000")
    retype(qtbot, dialog.region.minimum, "10")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    repo = ctx.store.repo
    assert repo.list_accounts()[0].monthly_goal_diamonds is None
    rule = repo.get_region_rule("US")
    assert rule is not None and rule.minimum_usd == 100
    assert ctx.undo.count() == 0


def test_theme_is_saved_and_applied(qtbot, dialog: SettingsDialog, ctx: Context) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        dialog.tabs.setCurrentIndex(2)
        dialog.theme.setFocus()
        qtbot.keyClick(dialog.theme, Qt.Key.Key_End)  # "Dark"
        click_ok(qtbot, dialog)
        assert ctx.settings.get(options.THEME) == "dark"
        assert is_dark(app)
        assert ctx.undo.count() == 0  # a look, not data
    finally:
        apply_theme(app, "light")


def test_without_an_account_id_the_first_account_is_used(qtbot, ctx, account) -> None:
    ctx.store.repo.add_account(Account("zed", region="GB"))
    dialog = SettingsDialog(ctx, None, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.account == account
    assert dialog.region is not None and dialog.region.code() == "US"


def test_without_any_account_rates_and_theme_still_work(qtbot, ctx: Context) -> None:
    dialog = SettingsDialog(ctx, None, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.account is None and dialog.region is None
    assert dialog.ok_button.isEnabled()
    assert dialog.rates.table.rowCount() == 1
