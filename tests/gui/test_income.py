"""The Income section driven like a person: record, edit, delete other income; totals; undo."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt

from tiklive_desktop.core.entities import Account, ExchangeRate, IncomeKind, OtherIncome
from tiklive_desktop.gui.editors.income_editor import IncomeEditor
from tiklive_desktop.gui.models.income_model import IncomeModel
from tiklive_desktop.gui.sections.income import IncomeSection

TODAY = date(2026, 11, 26)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def section(qtbot, ctx, account: Account) -> IncomeSection:
    widget = IncomeSection(ctx)
    widget.today = lambda: TODAY
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    return widget


def income(account: Account, **changes: object) -> OtherIncome:
    assert account.id is not None
    values: dict = {
        "date": date(2026, 11, 3),
        "kind": IncomeKind.BRAND,
        "amount": Decimal("400.00"),
        "note": "EchoMic",
    }
    values.update(changes)
    return OtherIncome(account_id=account.id, **values)


def shown(section: IncomeSection, row: int) -> list[str]:
    """The texts of a row as the table shows them (hidden columns left out)."""
    model = section.table.model()
    columns = [c for c in range(model.columnCount()) if not section.table.isColumnHidden(c)]
    return [model.index(row, c).data() for c in columns]


def totals(section: IncomeSection) -> list[tuple[str, str]]:
    """(label, amount) rows of the totals panel, as shown."""
    grid = section.totals_grid
    return [
        (grid.itemAtPosition(row, 0).widget().text(), grid.itemAtPosition(row, 1).widget().text())
        for row in range(grid.rowCount())
        if grid.itemAtPosition(row, 0) is not None
    ]


def new_editor(qtbot, section: IncomeSection) -> IncomeEditor:
    qtbot.mouseClick(section.new_button, Qt.MouseButton.LeftButton)
    editor = section.editor
    assert isinstance(editor, IncomeEditor)
    return editor


def test_income_model_passes_the_model_tester(qtmodeltester, repo, ctx, account) -> None:
    repo.add_income(income(account))
    repo.add_income(income(account, kind=IncomeKind.MERCHANDISE, note="mugs\nand shirts"))
    model = IncomeModel(repo, ctx.fmt)
    model.reload(account.id)
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(6)] == [
        "11/3/26", "@luna.sings", "Merchandise", "$400.00", "USD", "mugs",
    ]  # fmt: skip
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "mugs\nand shirts"


def test_no_income_shows_what_to_do(section: IncomeSection) -> None:
    assert section.stack.currentWidget() is section.empty
    assert "brand deals, merchandise sales, donations" in section.empty.text.text()
    assert section.totals.isHidden()


def test_record_income_by_typing_then_undo_and_redo(qtbot, section, repo, ctx) -> None:
    editor = new_editor(qtbot, section)
    editor.date.setDate(QDate(2026, 11, 14))
    qtbot.keyClicks(editor.kind, "Merch")
    qtbot.keyClicks(editor.amount, "1,250.50")
    qtbot.keyClicks(editor.note, "Hoodies")
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)

    [stored] = repo.list_income()
    assert (stored.date, stored.kind, stored.amount, stored.currency, stored.note) == (
        date(2026, 11, 14), IncomeKind.MERCHANDISE, Decimal("1250.50"), "USD", "Hoodies",
    )  # fmt: skip
    assert shown(section, 0) == ["11/14/26", "Merchandise", "$1,250.50", "USD", "Hoodies"]
    assert totals(section) == [("Merchandise", "$1,250.50"), ("Total", "$1,250.50")]

    ctx.undo.undo()
    assert repo.list_income() == []
    assert section.stack.currentWidget() is section.empty
    ctx.undo.redo()
    assert repo.list_income() == [stored]
    assert shown(section, 0)[2] == "$1,250.50"


def test_edit_and_delete_with_undo(qtbot, section, repo, ctx, dialogs, account) -> None:
    before = repo.add_income(income(account))
    section.table.selectRow(0)
    qtbot.mouseClick(section.edit_button, Qt.MouseButton.LeftButton)
    editor = section.editor
    assert isinstance(editor, IncomeEditor)
    assert (editor.kind.currentText(), editor.amount.text()) == ("Brand partnership", "400.00")
    editor.amount.selectAll()
    qtbot.keyClicks(editor.amount, "450")
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    assert repo.get_income(before.id).amount == Decimal(450)
    assert totals(section)[-1] == ("Total", "$450.00")

    qtbot.mouseClick(section.delete_button, Qt.MouseButton.LeftButton)
    assert dialogs.asked == [
        "Delete the income of $450.00 on 11/3/26 (Brand partnership)? You can undo this."
    ]
    assert repo.list_income() == []
    ctx.undo.undo()
    assert repo.get_income(before.id).amount == Decimal(450)
    ctx.undo.undo()
    assert repo.get_income(before.id) == before
    assert shown(section, 0)[2] == "$400.00"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5", "The amount cannot be negative."),
        ("abc", "The amount must be a number, like 1,234.50."),
        ("12,50", "The amount must be a number (use a dot for decimals), like 1,234.50."),
    ],
)
def test_a_bad_amount_is_explained_and_nothing_is_stored(
    qtbot, section, repo, typed: str, message: str
) -> None:
    editor = new_editor(qtbot, section)
    qtbot.keyClicks(editor.amount, typed)
    assert editor.form.message("amount") == message
    assert not editor.ok_button.isEnabled()
    qtbot.keyClick(editor.amount, Qt.Key.Key_Return)
    assert editor.isVisible()
    assert repo.list_income() == []


def test_totals_by_kind_convert_other_currencies(section, repo, account) -> None:
    # 92.00 EUR at 0.92 EUR per USD is $100.00; with $400.00 of brand deals: $500.00.
    repo.add_income(income(account))
    repo.add_income(income(account, kind=IncomeKind.DONATION, amount=Decimal(92), currency="EUR"))
    assert "without an exchange rate" in section.totals_note.text()
    assert totals(section) == []

    repo.add_exchange_rate(ExchangeRate("EUR", date(2026, 1, 1), Decimal("0.92")))
    assert totals(section) == [
        ("Brand partnership", "$400.00"),
        ("Donations / crowdfunding", "$100.00"),
        ("Total", "$500.00"),
    ]
    assert shown(section, 0)[2] == "€92.00"
