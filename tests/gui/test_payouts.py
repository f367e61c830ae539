"""The Payouts section driven like a person: record, edit, delete withdrawals; undo; bad input.

At the default rates 1 Diamond = $0.005, so 20,000 Diamonds = $100.00 (the US
minimum) and 15,000 Diamonds = $75.00.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt

from tiklive_desktop.core.entities import Account, Session, Withdrawal, WithdrawalStatus
from tiklive_desktop.gui.editors.withdrawal_editor import WithdrawalEditor
from tiklive_desktop.gui.models.withdrawals_model import WithdrawalsModel
from tiklive_desktop.gui.sections.payouts import PayoutsSection

TODAY = date(2026, 11, 26)
# Showing a top-level widget on the offscreen platform prints this harmless notice.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def section(qtbot, ctx, account: Account) -> PayoutsSection:
    widget = PayoutsSection(ctx)
    widget.today = lambda: TODAY
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    return widget


def earn(repo, account: Account, diamonds: int, day: date) -> None:
    assert account.id is not None
    start = datetime(day.year, day.month, day.day, 20, 0)
    repo.add_session(Session(account.id, start, timedelta(hours=1), reported_diamonds=diamonds))


def withdrawal(account: Account, **changes: object) -> Withdrawal:
    assert account.id is not None
    values: dict = {"date": date(2026, 11, 2), "diamonds": 20_000, "amount": Decimal("100.00")}
    values.update(changes)
    return Withdrawal(account_id=account.id, **values)


def shown(section: PayoutsSection, row: int) -> list[str]:
    """The texts of a row as the table shows them (hidden columns left out)."""
    model = section.table.model()
    columns = [c for c in range(model.columnCount()) if not section.table.isColumnHidden(c)]
    return [model.index(row, c).data() for c in columns]


def new_editor(qtbot, section: PayoutsSection) -> WithdrawalEditor:
    qtbot.mouseClick(section.new_button, Qt.MouseButton.LeftButton)
    editor = section.editor
    assert isinstance(editor, WithdrawalEditor)
    assert editor.isVisible()
    return editor


def test_withdrawals_model_passes_the_model_tester(qtmodeltester, repo, ctx, account) -> None:
    repo.add_withdrawal(withdrawal(account))
    repo.add_withdrawal(withdrawal(account, date=date(2026, 11, 10), fee=Decimal("2.50")))
    model = WithdrawalsModel(repo, ctx.fmt)
    model.reload(None)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    # Newest first; net = amount - fee; numbers right-aligned.
    assert [model.index(0, c).data() for c in range(8)] == [
        "11/10/26", "@luna.sings", "20,000", "$100.00", "$2.50", "$97.50", "PayPal", "Pending",
    ]  # fmt: skip
    assert model.index(0, 3).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_no_withdrawals_shows_what_to_do(section: PayoutsSection) -> None:
    assert section.stack.currentWidget() is section.empty
    assert "Record a withdrawal when you cash out" in section.empty.text.text()


def test_record_a_withdrawal_by_typing_then_undo_and_redo(qtbot, section, repo, ctx) -> None:
    editor = new_editor(qtbot, section)
    editor.date.setDate(QDate(2026, 11, 20))
    qtbot.keyClicks(editor.diamonds, "20000")
    assert editor.diamonds_hint.text() == "20,000 Diamonds were worth $100.00 on 11/20/26"
    qtbot.mouseClick(editor.fill, Qt.MouseButton.LeftButton)
    assert editor.amount.text() == "100.00"
    qtbot.keyClicks(editor.fee, "2.00")
    qtbot.keyClicks(editor.status, "Paid")
    qtbot.keyClicks(editor.note, "October")
    assert editor.ok_button.isEnabled()
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)

    [stored] = repo.list_withdrawals()
    assert (stored.date, stored.diamonds, stored.amount, stored.fee) == (
        date(2026, 11, 20), 20_000, Decimal(100), Decimal(2),
    )  # fmt: skip
    assert (stored.status, stored.method, stored.note) == (
        WithdrawalStatus.PAID,
        "PayPal",
        "October",
    )
    assert section.stack.currentWidget() is section.table
    assert shown(section, 0) == [
        "11/20/26", "20,000", "$100.00", "$2.00", "$98.00", "PayPal", "Paid",
    ]  # fmt: skip

    ctx.undo.undo()
    assert repo.list_withdrawals() == []
    assert section.stack.currentWidget() is section.empty
    ctx.undo.redo()
    assert repo.list_withdrawals() == [stored]
    assert shown(section, 0)[2] == "$100.00"


def test_double_click_edits_and_undo_restores(qtbot, section, repo, ctx, account) -> None:
    before = repo.add_withdrawal(withdrawal(account))
    view = section.table
    where = view.visualRect(view.model().index(0, 2)).center()  # the Diamonds
    # A real double-click is a click and then a double-click event at the same place.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    editor = section.editor
    assert isinstance(editor, WithdrawalEditor)
    assert (editor.diamonds.text(), editor.amount.text()) == ("20000", "100.00")
    editor.amount.selectAll()
    qtbot.keyClicks(editor.amount, "120.50")
    qtbot.keyClick(editor.amount, Qt.Key.Key_Return)

    assert repo.get_withdrawal(before.id).amount == Decimal("120.50")
    assert shown(section, 0)[2] == "$120.50"
    ctx.undo.undo()
    assert repo.get_withdrawal(before.id) == before
    assert shown(section, 0)[2] == "$100.00"


def test_delete_key_asks_first_then_deletes_and_undo_brings_it_back(
    qtbot, section, repo, ctx, dialogs, account
) -> None:
    stored = repo.add_withdrawal(withdrawal(account))
    section.table.selectRow(0)
    dialogs.answers = [False]
    qtbot.keyClick(section.table, Qt.Key.Key_Delete)
    assert dialogs.asked == [
        "Delete the withdrawal of $100.00 on 11/2/26? "
        "Their Diamonds go back to your balance. You can undo this."
    ]
    assert repo.list_withdrawals() == [stored]

    qtbot.keyClick(section.table, Qt.Key.Key_Delete)
    assert repo.list_withdrawals() == []
    assert section.stack.currentWidget() is section.empty
    ctx.undo.undo()
    assert repo.list_withdrawals() == [stored]
    assert shown(section, 0)[1] == "20,000"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5", "The amount cannot be negative."),
        ("abc", "The amount must be a number, like 1,234.50."),
        ("10.005", "The amount can have at most 2 decimal places."),
    ],
)
def test_a_bad_amount_is_explained_beside_the_field_and_nothing_is_stored(
    qtbot, section, repo, typed: str, message: str
) -> None:
    editor = new_editor(qtbot, section)
    qtbot.keyClicks(editor.diamonds, "20000")
    qtbot.keyClicks(editor.amount, typed)
    assert editor.form.message("amount") == message
    assert editor.form.message("diamonds") == ""
    assert not editor.ok_button.isEnabled()
    qtbot.keyClick(editor.amount, Qt.Key.Key_Return)  # Enter does not save either
    assert editor.isVisible()
    assert repo.list_withdrawals() == []


# -- the cash-out card ------------------------------------------------------------------


def test_card_not_eligible_says_how_far_and_when(section, repo, account) -> None:
    # 15,000 Diamonds = $75.00 of a $100.00 minimum (20,000 Diamonds): 5,000 to go.
    # Pace: 15,000 in the last 30 days = 500 a day, so 10 days, on 2026-12-06.
    earn(repo, account, 15_000, TODAY - timedelta(days=3))
    card = section.card
    assert card.balance.text() == "15,000 Diamonds"
    assert card.balance_money.text() == "Worth $75.00"
    assert card.progress.text() == "75% of $100.00"
    assert card.message.text() == (
        "5,000 Diamonds to go — about 10 days at your current pace (12/6/26)"
    )


def test_card_eligible_says_how_much_today(section, repo, account) -> None:
    earn(repo, account, 30_000, TODAY - timedelta(days=3))  # $150.00
    assert section.card.progress.text() == "100% of $100.00"
    assert section.card.message.text() == "You can withdraw up to $150.00 today"


def test_card_caps_today_at_the_daily_limit(section, repo, account) -> None:
    earn(repo, account, 300_000, TODAY - timedelta(days=3))  # $1,500.00 > $1,000.00 a day
    assert section.card.message.text() == "You can withdraw up to $1,000.00 today"


def test_card_without_recent_earnings_makes_no_forecast(section, repo, account) -> None:
    earn(repo, account, 10_000, TODAY - timedelta(days=60))
    assert section.card.progress.text() == "50% of $100.00"
    assert section.card.message.text() == (
        "10,000 Diamonds to go — no LIVE earnings in the last 30 days to forecast from"
    )


def test_the_account_column_shows_only_for_all_of_several_accounts(section, repo, ctx, account):
    other = repo.add_account(Account(handle="max.cooks", region="GB"))
    repo.add_withdrawal(withdrawal(account))
    repo.add_withdrawal(withdrawal(other, date=date(2026, 11, 5)))
    assert [shown(section, row)[1] for row in range(2)] == ["@max.cooks", "@luna.sings"]
    ctx.account.set(account.id)
    assert section.table.model().rowCount() == 1
    assert shown(section, 0)[1] == "20,000"


def test_a_recorded_withdrawal_lowers_the_balance_on_the_card(section, repo, account) -> None:
    earn(repo, account, 30_000, TODAY - timedelta(days=3))
    repo.add_withdrawal(withdrawal(account, date=TODAY - timedelta(days=1)))
    assert section.card.balance.text() == "10,000 Diamonds"
    assert section.card.balance_money.text() == "Worth $50.00"
    assert shown(section, 0)[1] == "20,000"
