"""The withdrawal editor's helpers: the account choice, "Fill from Diamonds", remembered columns."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt

from tiklive_desktop.core.entities import Account, ExchangeRate
from tiklive_desktop.gui.editors.withdrawal_editor import WithdrawalEditor
from tiklive_desktop.gui.sections.payouts import PayoutsSection

TODAY = date(2026, 11, 26)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def editor(qtbot, ctx, account: Account) -> WithdrawalEditor:
    dialog = WithdrawalEditor(ctx, None, account.id, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date.setDate(QDate(2026, 11, 20))
    return dialog


def test_with_all_accounts_shown_the_editor_asks_which_account(qtbot, ctx, repo, account) -> None:
    other = repo.add_account(Account(handle="max.cooks", region="GB"))
    dialog = WithdrawalEditor(ctx, None, None, TODAY)
    qtbot.addWidget(dialog)
    assert "account_id" in dialog.form.fields
    assert [dialog.account.itemText(i) for i in range(dialog.account.count())] == [
        "@luna.sings",
        "@max.cooks",
    ]
    qtbot.keyClicks(dialog.account, "@max")
    qtbot.keyClicks(dialog.diamonds, "20000")
    qtbot.keyClicks(dialog.amount, "100")
    dialog.accept()
    assert dialog.value.account_id == other.id


def test_one_account_needs_no_question(qtbot, ctx, account) -> None:
    dialog = WithdrawalEditor(ctx, None, None, TODAY)
    qtbot.addWidget(dialog)
    assert "account_id" not in dialog.form.fields
    assert dialog.account_id() == account.id


def test_fill_waits_for_a_whole_number_of_diamonds(qtbot, editor: WithdrawalEditor) -> None:
    assert not editor.fill.isEnabled()
    qtbot.keyClicks(editor.diamonds, "1.5")
    assert not editor.fill.isEnabled()
    assert editor.diamonds_hint.isHidden()
    editor.diamonds.clear()
    qtbot.keyClicks(editor.diamonds, "15,000")
    assert editor.fill.isEnabled()
    qtbot.mouseClick(editor.fill, Qt.MouseButton.LeftButton)
    assert editor.amount.text() == "75.00"  # 15,000 x $0.005


def test_fill_converts_into_the_chosen_currency(qtbot, editor, repo, dialogs) -> None:
    # 20,000 Diamonds = $100.00; at 0.92 EUR per USD that is 92.00 EUR.
    qtbot.keyClicks(editor.diamonds, "20000")
    editor.currency.setCurrentText("EUR")
    qtbot.mouseClick(editor.fill, Qt.MouseButton.LeftButton)
    assert dialogs.told == [
        "There is no exchange rate for EUR yet: add one in Settings, "
        "or type the amount you received."
    ]
    assert editor.amount.text() == ""
    repo.add_exchange_rate(ExchangeRate("EUR", date(2026, 1, 1), Decimal("0.92")))
    qtbot.mouseClick(editor.fill, Qt.MouseButton.LeftButton)
    assert editor.amount.text() == "92.00"
    assert editor.validate()
    assert (editor.report.value.amount, editor.report.value.currency) == (Decimal(92), "EUR")


def test_a_fee_as_large_as_the_amount_is_refused(qtbot, editor: WithdrawalEditor) -> None:
    qtbot.keyClicks(editor.diamonds, "20000")
    qtbot.keyClicks(editor.amount, "100")
    qtbot.keyClicks(editor.fee, "100")
    assert editor.form.message("fee") == "The fee must be less than the amount."
    assert not editor.ok_button.isEnabled()


def test_column_widths_are_remembered(qtbot, ctx, account) -> None:
    first = PayoutsSection(ctx)
    qtbot.addWidget(first)
    first.table.setColumnWidth(1, 222)
    second = PayoutsSection(ctx)
    qtbot.addWidget(second)
    assert second.table.columnWidth(1) == 222
