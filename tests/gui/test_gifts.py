"""The gift catalog driven like a person: add, rename, re-price from a date, retire; undo.

The shipped catalog prices every gift from 2016-09-01; the Lion costs 29,999 coins.
``sample_sessions`` has a session on 2026-10-07 with one Lion at 29,999 coins.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt

from tiklive_desktop.core.entities import Gift, GiftLine, Session
from tiklive_desktop.gui.editors.gift_editor import GiftEditor, RepriceDialog
from tiklive_desktop.gui.models.entity_table import SORT_ROLE
from tiklive_desktop.gui.models.gifts_model import GiftsModel
from tiklive_desktop.gui.sections.gifts import GiftsSection

TODAY = date(2026, 11, 26)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def section(qtbot, ctx) -> GiftsSection:
    widget = GiftsSection(ctx)
    widget.today = lambda: TODAY
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    return widget


def select(section: GiftsSection, name: str) -> Gift:
    gift = section.ctx.store.repo.find_gift(name)
    assert gift is not None
    assert section.table.select_id(gift.id)
    return gift


def names_shown(section: GiftsSection) -> list[str]:
    model = section.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def row_of(section: GiftsSection, name: str) -> list[str]:
    model = section.table.model()
    row = names_shown(section).index(name)
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_gifts_model_passes_the_model_tester_and_greys_retired_gifts(
    qtmodeltester, repo, ctx
) -> None:
    rosa = repo.find_gift("Rosa")
    repo.retire_gift(rosa.id)
    model = GiftsModel(repo, ctx.fmt)
    model.reload(include_retired=True)
    qtmodeltester.check(model)
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert [model.index(rows["Rose"], c).data() for c in range(5)] == [
        "Rose", "1", "Yes", "5655", "Offered",
    ]  # fmt: skip
    assert model.index(rows["Lion"], 1).data() == "29,999"
    assert model.index(rows["Lion"], 1).data(SORT_ROLE) == 29_999
    assert model.index(rows["Rosa"], 4).data() == "Retired"
    assert model.index(rows["Rosa"], 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(rows["Rose"], 0).data(Qt.ItemDataRole.ForegroundRole) is None
    model.reload(include_retired=False)
    assert "Rosa" not in [model.index(r, 0).data() for r in range(model.rowCount())]


def test_add_a_gift_by_typing_then_undo_and_redo(qtbot, section, repo, ctx) -> None:
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    editor = section.editor
    assert isinstance(editor, GiftEditor)
    qtbot.keyClicks(editor.name, "Glow Stick")
    qtbot.keyClicks(editor.coins, "15")
    qtbot.mouseClick(editor.streakable, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.tiktok_id, "6064")
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)

    stored = repo.find_gift("Glow Stick")
    assert (stored.coins, stored.streakable, stored.tiktok_id) == (15, True, 6064)
    assert row_of(section, "Glow Stick") == ["Glow Stick", "15", "Yes", "6064", "Offered"]
    assert section.table.current_entity() == stored
    ctx.undo.undo()
    assert repo.find_gift("Glow Stick") is None
    assert "Glow Stick" not in names_shown(section)
    ctx.undo.redo()
    assert repo.find_gift("Glow Stick") == stored


@pytest.mark.parametrize(
    ("name", "coins", "field", "message"),
    [
        ("rose", "1", "name", "A gift called “Rose” is already in the catalog."),
        ("Glow Stick", "-5", "coins", "The price in coins must be at least 1."),
        ("Glow Stick", "abc", "coins", "The price in coins must be a whole number, like 99."),
    ],
)
def test_a_bad_gift_is_explained_and_not_stored(
    qtbot, section, repo, name: str, coins: str, field: str, message: str
) -> None:
    count = len(repo.list_gifts())
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    editor = section.editor
    assert isinstance(editor, GiftEditor)
    qtbot.keyClicks(editor.name, name)
    qtbot.keyClicks(editor.coins, coins)
    assert editor.form.message(field) == message
    assert not editor.ok_button.isEnabled()
    qtbot.keyClick(editor.coins, Qt.Key.Key_Return)
    assert len(repo.list_gifts()) == count


def test_rename_follows_into_recorded_lines_and_undoes(
    qtbot, section, repo, ctx, sample_sessions
) -> None:
    lion = select(section, "Lion")
    qtbot.mouseClick(section.rename_button, Qt.MouseButton.LeftButton)
    editor = section.editor
    assert isinstance(editor, GiftEditor)
    assert not editor.coins.isEnabled()  # prices change from a date, not here
    editor.name.selectAll()
    qtbot.keyClicks(editor.name, "Lion King")
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)

    assert repo.get_gift(lion.id).name == "Lion King"
    lines = repo.get_session(sample_sessions[1].id).gift_lines
    assert [line.gift for line in lines] == ["Rose", "Lion King"]
    assert "Lion King" in names_shown(section)
    assert ctx.undo.undoText() == "Rename gift Lion to Lion King"
    ctx.undo.undo()
    assert repo.get_gift(lion.id) == lion
    assert [line.gift for line in repo.get_session(sample_sessions[1].id).gift_lines] == [
        "Rose",
        "Lion",
    ]


def test_reprice_from_a_date_keeps_old_sessions_and_prices_new_ones(
    qtbot, section, repo, ctx, sample_sessions, account
) -> None:
    lion = select(section, "Lion")
    qtbot.mouseClick(section.reprice_button, Qt.MouseButton.LeftButton)
    dialog = section.editor
    assert isinstance(dialog, RepriceDialog)
    dialog.effective.setDate(QDate(2026, 11, 1))
    qtbot.keyClicks(dialog.coins, "35000")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    # The session of 2026-10-07 keeps the price its Lion was recorded with.
    old = repo.get_session(sample_sessions[1].id)
    assert [(line.gift, line.coins_each) for line in old.gift_lines] == [
        ("Rose", 1),
        ("Lion", 29_999),
    ]
    # A session dated after the change is priced at the new price.
    assert repo.gift_price_on(lion.id, date(2026, 10, 31)) == 29_999
    assert repo.gift_price_on(lion.id, date(2026, 11, 1)) == 35_000
    new = repo.add_session(
        Session(
            account.id,
            datetime(2026, 11, 20, 20, 0),
            timedelta(hours=1),
            gift_lines=(GiftLine("Lion", 1, repo.gift_price_on(lion.id, date(2026, 11, 20))),),
        )
    )
    assert repo.get_session(new.id).gift_lines[0].coins_each == 35_000
    assert repo.catalog_on(date(2026, 11, 20))["Lion"] == 35_000
    assert repo.catalog_on(date(2026, 10, 7))["Lion"] == 29_999
    # Shown: the current price and the history, newest first.
    assert row_of(section, "Lion")[1] == "35,000"
    history = [section.history.item(i).text() for i in range(section.history.count())]
    assert history == ["From 11/1/26: 35,000 coins (current)", "From 9/1/16: 29,999 coins"]

    ctx.undo.undo()  # the added price row goes; the gift's price follows
    assert [p.coins for p in repo.gift_prices(lion.id)] == [29_999]
    assert repo.get_gift(lion.id).coins == 29_999
    assert row_of(section, "Lion")[1] == "29,999"
    ctx.undo.redo()
    assert repo.get_gift(lion.id).coins == 35_000


def test_repricing_the_same_date_twice_undoes_to_the_first_price(section, repo, ctx) -> None:
    lion = repo.find_gift("Lion")
    assert section.apply_price(lion, date(2026, 11, 1), 35_000)
    assert section.apply_price(repo.get_gift(lion.id), date(2026, 11, 1), 36_000)
    assert [p.coins for p in repo.gift_prices(lion.id)] == [29_999, 36_000]
    ctx.undo.undo()
    assert [p.coins for p in repo.gift_prices(lion.id)] == [29_999, 35_000]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "The price in coins must be at least 1."),
        ("29999", "Lion already costs 29,999 coins on that date."),
    ],
)
def test_reprice_refuses_a_bad_price(qtbot, section, repo, typed: str, message: str) -> None:
    lion = select(section, "Lion")
    qtbot.mouseClick(section.reprice_button, Qt.MouseButton.LeftButton)
    dialog = section.editor
    assert isinstance(dialog, RepriceDialog)
    qtbot.keyClicks(dialog.coins, typed)
    assert dialog.form.message("coins") == message
    assert not dialog.ok_button.isEnabled()
    assert len(repo.gift_prices(lion.id)) == 1


def test_retire_hides_a_gift_from_new_sessions_and_restore_brings_it_back(
    qtbot, section, repo, ctx
) -> None:
    rose = select(section, "Rose")
    assert section.retire_button.text() == "Re&tire"
    qtbot.mouseClick(section.retire_button, Qt.MouseButton.LeftButton)
    assert repo.get_gift(rose.id).retired
    assert "Rose" not in repo.catalog_on(TODAY)
    assert "Rose" not in names_shown(section)

    qtbot.mouseClick(section.show_retired, Qt.MouseButton.LeftButton)
    assert row_of(section, "Rose")[4] == "Retired"
    select(section, "Rose")
    assert section.retire_button.text() == "Res&tore"
    qtbot.mouseClick(section.retire_button, Qt.MouseButton.LeftButton)
    assert not repo.get_gift(rose.id).retired
    assert repo.catalog_on(TODAY)["Rose"] == 1

    ctx.undo.undo()  # un-restore
    assert repo.get_gift(rose.id).retired
    ctx.undo.undo()  # un-retire
    assert repo.get_gift(rose.id) == rose


def test_delete_key_retires_but_never_restores(qtbot, section, repo) -> None:
    rose = select(section, "Rose")
    qtbot.keyClick(section.table, Qt.Key.Key_Delete)
    assert repo.get_gift(rose.id).retired
    section.show_retired.setChecked(True)
    select(section, "Rose")
    qtbot.keyClick(section.table, Qt.Key.Key_Delete)
    assert repo.get_gift(rose.id).retired


def test_search_filters_by_name(qtbot, section) -> None:
    qtbot.keyClicks(section.search, "lio")
    assert sorted(names_shown(section)) == ["Leon and Lion", "Lion"]
